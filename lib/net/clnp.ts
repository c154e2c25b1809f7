/**
 * CLNP, the connectionless network protocol of ISO 8473 (network layer protocol
 * identifier `0x81`): the fixed header, the destination and source NSAP addresses, the
 * segmentation part and the options. An error report carries the header of the PDU it
 * reports on as its data, decoded as one more CLNP layer.
 *
 * @module
 */

import { readUint16 } from "../_bytes.ts";
import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The network layer protocol identifier of CLNP. */
export const NLPID_CLNP = 0x81;

/** The fixed part of the header: NLPID to checksum. */
export const CLNP_FIXED_LENGTH = 9;

/** CLNP PDU types (the type field's low 5 bits). */
export const ClnpPduType = {
  /** Error Report. */
  ER: 1,
  /** Data. */
  DT: 28,
  /** Multicast Data. */
  MD: 29,
  /** Echo Request. */
  ERQ: 30,
  /** Echo Response. */
  ERP: 31,
} as const;

/** One option of a CLNP or ES-IS header. */
export interface OsiOption {
  /** The parameter code. */
  readonly type: number;
  /** The length of the value. */
  readonly length: number;
  /** Where the value starts in `data`. */
  readonly valueOffset: number;
}

/** The options of a CLNP or ES-IS header, and what ended their walk. */
export interface OsiOptionList {
  /** The options whose header was read and whose value fits the header. */
  readonly options: readonly OsiOption[];
  /**
   * `"li"`: fewer than 2 bytes of the header left for an option header; `"too-long"`: an
   * option (its code in `stopType`) longer than the header's rest; `"read"`: the capture
   * ends inside an option header; `"cut"`: inside an option's value (checked only when
   * asked); `undefined`: the header's end.
   */
  readonly stop?: "li" | "too-long" | "read" | "cut";
  /** The code of the option that is too long. */
  readonly stopType?: number;
}

/**
 * Walks the options of a CLNP or ES-IS header, `remaining` bytes of it from `at`, as
 * tcpdump's clnp_print() and esis_print() do.
 *
 * @param data The bytes.
 * @param at Where the options start.
 * @param end Where the captured bytes end.
 * @param remaining The bytes of the header left by its length indicator.
 * @param checkValues Whether a value the capture cuts ends the walk (CLNP).
 * @returns The options and what ended the walk.
 */
export function osiOptions(
  data: Uint8Array,
  at: number,
  end: number,
  remaining: number,
  checkValues: boolean,
): OsiOptionList {
  const options: OsiOption[] = [];
  while (remaining !== 0) {
    if (remaining < 2) return { options, stop: "li" };
    if (at + 2 > end) return { options, stop: "read" };
    const type = data[at]!;
    const length = data[at + 1]!;
    at += 2;
    remaining -= 2;
    if (length > remaining) return { options, stop: "too-long", stopType: type };
    if (checkValues && at + length > end) return { options, stop: "cut" };
    remaining -= length;
    options.push({ type, length, valueOffset: at });
    at += length;
  }
  return { options };
}

/**
 * A CLNP header: the fixed part, then (walked within the length indicator and the
 * captured bytes) the addresses, the segmentation part when the flags announce it, and
 * the options ({@linkcode Clnp.optionList}).
 *
 * @example Decode an echo request
 * ```ts
 * import { decodeClnp } from "./clnp.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([0x81, 15, 1, 20, 30, 0, 15, 0, 0, 2, 0x49, 1, 2, 0x49, 2]);
 * const clnp = decodeClnp(bytes);
 * assert.equal(clnp.pduType, 30);
 * assert.equal(clnp.destinationOffset, 10);
 * assert.equal(clnp.sourceLength, 2);
 * assert.equal(clnp.addressStop, undefined);
 * ```
 */
export class Clnp extends LayerBase {
  /** The discriminant. */
  readonly kind = "clnp" as const;
  /** Whether the 9 bytes of the fixed part were captured (else only the NLPID is read). */
  fixedCaptured = false;
  /** The length indicator: the header's length. */
  lengthIndicator = 0;
  /** The version (1). */
  version = 0;
  /** The lifetime, in units of 500 ms. */
  lifetime = 0;
  /** The PDU type (see {@linkcode ClnpPduType}). */
  pduType = 0;
  /** The flags: segmentation permitted (0x80), more segments (0x40), error report (0x20). */
  flags = 0;
  /** The segment length field. */
  segmentLength = 0;
  /** The checksum field. */
  checksum = 0;
  /** Where the destination address starts, or -1. */
  destinationOffset: number = -1;
  /** The destination address's length. */
  destinationLength = 0;
  /** Where the source address starts, or -1. */
  sourceOffset: number = -1;
  /** The source address's length. */
  sourceLength = 0;
  /** Where the segmentation part starts, or -1. */
  segmentPartOffset: number = -1;
  /** The data unit identifier (segmentation part). */
  dataUnitId = 0;
  /** The segment offset (segmentation part). */
  segmentOffset = 0;
  /** The total length (segmentation part). */
  totalLength = 0;
  /** Where the options start, or -1 when the walk stopped before them. */
  optionsOffset: number = -1;
  /**
   * What stopped the walk before the options: `"li"`, the length indicator leaves no
   * room for an address or its length; `"segment-li"`, none for the segmentation part;
   * `"cut"`, the capture cuts an address or the segmentation part; `"read"`, the capture
   * ends before an address length; `"fixed"`, the fixed part is short or not captured.
   */
  addressStop: "li" | "segment-li" | "cut" | "read" | "fixed" | undefined = undefined;

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    if (available < 1) return DecodeError.truncated(this.kind, offset, 1, available);
    this.data = data;
    this.offset = offset;
    this.end = end;
    this.destinationOffset = this.sourceOffset = this.segmentPartOffset = -1;
    this.optionsOffset = -1;
    this.addressStop = "fixed";
    // A header cut inside its fixed part is kept: tcpdump names CLNP before it stops.
    this.fixedCaptured = available >= CLNP_FIXED_LENGTH;
    this.headerLength = Math.min(available, CLNP_FIXED_LENGTH);
    if (!this.fixedCaptured) return undefined;
    const li = this.lengthIndicator = data[offset + 1]!;
    this.version = data[offset + 2]!;
    this.lifetime = data[offset + 3]!;
    this.pduType = data[offset + 4]! & 0x1f;
    this.flags = data[offset + 4]! & 0xe0;
    this.segmentLength = readUint16(data, offset + 5);
    this.checksum = readUint16(data, offset + 7);
    if (li < CLNP_FIXED_LENGTH) return undefined;
    this.headerLength = Math.min(available, li);
    this.#walk(data, offset + CLNP_FIXED_LENGTH, end, li - CLNP_FIXED_LENGTH);
    return undefined;
  }

  /** Walks the addresses and the segmentation part as clnp_print() checks them. */
  #walk(data: Uint8Array, at: number, end: number, remaining: number): void {
    for (let i = 0; i < 2; i++) {
      if (remaining < 1) return void (this.addressStop = "li");
      if (at >= end) return void (this.addressStop = "read");
      const length = data[at++]!;
      remaining--;
      if (remaining < length) return void (this.addressStop = "li");
      if (at + length > end) return void (this.addressStop = "cut");
      if (i === 0) {
        this.destinationOffset = at;
        this.destinationLength = length;
      } else {
        this.sourceOffset = at;
        this.sourceLength = length;
      }
      at += length;
      remaining -= length;
    }
    if (this.flags & 0x80) {
      if (remaining < 6) return void (this.addressStop = "segment-li");
      if (at + 6 > end) return void (this.addressStop = "cut");
      this.segmentPartOffset = at;
      this.dataUnitId = readUint16(data, at);
      this.segmentOffset = readUint16(data, at + 2);
      this.totalLength = readUint16(data, at + 4);
      at += 6;
    }
    this.addressStop = undefined;
    this.optionsOffset = at;
  }

  /**
   * The options, between the addresses (or segmentation part) and the length
   * indicator's end; empty when the walk stopped before them.
   *
   * @returns The option list.
   */
  optionList(): OsiOptionList {
    if (this.optionsOffset < 0) return { options: [] };
    const remaining = this.offset + this.lengthIndicator - this.optionsOffset;
    return osiOptions(this.data, this.optionsOffset, this.end, remaining, true);
  }

  /** Picks the decoder of the payload: an error report's copy of the reported header. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    const at = this.offset + this.lengthIndicator;
    const reports = this.pduType === ClnpPduType.ER || this.pduType === ClnpPduType.ERP;
    if (!reports || this.addressStop !== undefined || at >= this.end) return undefined;
    return this.data[at] === NLPID_CLNP ? clnpDecoder : undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    if (!this.fixedCaptured) return {};
    const json: Record<string, unknown> = {
      lengthIndicator: this.lengthIndicator,
      version: this.version,
      lifetime: this.lifetime,
      pduType: this.pduType,
      flags: this.flags,
      segmentLength: this.segmentLength,
      checksum: this.checksum,
    };
    if (this.segmentPartOffset >= 0) {
      json.dataUnitId = this.dataUnitId;
      json.segmentOffset = this.segmentOffset;
      json.totalLength = this.totalLength;
    }
    return json;
  }
}

/**
 * Creates {@linkcode Clnp} layers; LLC, Cisco HDLC, Frame Relay and GRE pick it for the
 * protocol identifier `0x81`.
 *
 * @example Create a CLNP layer
 * ```ts
 * import { clnpDecoder } from "./clnp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(clnpDecoder.create().kind, "clnp");
 * ```
 */
export const clnpDecoder: ProtocolDescriptor<Clnp> = defineProtocol({
  kind: "clnp",
  name: "CLNP",
  tcpdumpName: "clnp",
  create: () => new Clnp(),
  bindings: {},
});

/**
 * Decodes a CLNP header.
 *
 * @param data The bytes.
 * @param offset Where the header starts (its protocol identifier).
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Keep a header cut inside its fixed part
 * ```ts
 * import { decodeClnp } from "./clnp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decodeClnp(new Uint8Array([0x81, 20, 1])).fixedCaptured, false);
 * ```
 */
export function decodeClnp(data: Uint8Array, offset = 0): Clnp {
  return decodeOne(new Clnp(), data, offset);
}
