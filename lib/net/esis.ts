/**
 * ES-IS, the end system to intermediate system routeing exchange protocol of ISO 9542
 * (network layer protocol identifier `0x82`): end system hellos (ESH), intermediate
 * system hellos (ISH) and redirects, with their addresses and options.
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
import { type OsiOptionList, osiOptions } from "./clnp.ts";

/** The network layer protocol identifier of ES-IS. */
export const NLPID_ESIS = 0x82;

/** The fixed header: NLPID to checksum. */
export const ESIS_FIXED_LENGTH = 9;

/** ES-IS PDU types (the type field's low 5 bits). */
export const EsisPduType = {
  /** End system hello. */
  ESH: 2,
  /** Intermediate system hello. */
  ISH: 4,
  /** Redirect. */
  REDIRECT: 6,
} as const;

/** An address of an ES-IS PDU. */
export interface EsisAddress {
  /** Where it starts in `data`. */
  readonly offset: number;
  /** Its length. */
  readonly length: number;
}

/**
 * An ES-IS PDU: the fixed header, then (walked within the length indicator and the
 * captured bytes, as tcpdump's esis_print() does) the addresses of an ESH, ISH or
 * redirect, then options ({@linkcode Esis.optionList}).
 *
 * @example Decode an ISH
 * ```ts
 * import { decodeEsis } from "./esis.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([0x82, 13, 1, 0, 4, 0, 30, 0, 0, 3, 0x49, 0, 1]);
 * const esis = decodeEsis(bytes);
 * assert.equal(esis.pduType, 4);
 * assert.equal(esis.holdingTime, 30);
 * assert.deepEqual(esis.addresses, [{ offset: 10, length: 3 }]);
 * ```
 */
export class Esis extends LayerBase {
  /** The discriminant. */
  readonly kind = "esis" as const;
  /** Whether the 9 bytes of the fixed header were captured (else only the NLPID is read). */
  fixedCaptured = false;
  /** The length indicator: the header's length. */
  lengthIndicator = 0;
  /** The version (1). */
  version = 0;
  /** The PDU type (see {@linkcode EsisPduType}). */
  pduType = 0;
  /** The holding time in seconds. */
  holdingTime = 0;
  /** The checksum field. */
  checksum = 0;
  /** An ESH's number of source addresses, -1 when not read. */
  addressCount: number = -1;
  /**
   * The addresses read: an ESH's source NETs, an ISH's NET, a redirect's destination,
   * SNPA and NET (in that order).
   */
  addresses: EsisAddress[] = [];
  /** Where the options start, or -1 when the walk stopped before them (or the type is unknown). */
  optionsOffset: number = -1;
  /** The header bytes the length indicator leaves for the options. */
  optionsRemaining = 0;
  /**
   * What stopped the walk of the addresses: `"li"`, the length indicator leaves no room
   * for them; `"cut"`, the capture ends inside them; `undefined`, it reached the options.
   */
  addressStop: "li" | "cut" | undefined = undefined;

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
    this.addresses = [];
    this.addressCount = this.optionsOffset = -1;
    this.optionsRemaining = 0;
    this.addressStop = undefined;
    // A header cut inside its fixed part is kept: tcpdump names ES-IS before it stops.
    this.fixedCaptured = available >= ESIS_FIXED_LENGTH;
    this.headerLength = Math.min(available, ESIS_FIXED_LENGTH);
    if (!this.fixedCaptured) return undefined;
    const li = this.lengthIndicator = data[offset + 1]!;
    this.version = data[offset + 2]!;
    this.pduType = data[offset + 4]! & 0x1f;
    this.holdingTime = readUint16(data, offset + 5);
    this.checksum = readUint16(data, offset + 7);
    if (li >= ESIS_FIXED_LENGTH + 2) this.#walk(data, offset + 9, end, li - 9);
    return undefined;
  }

  /** Reads `count` length-prefixed addresses; false when the walk stops. */
  #walk(data: Uint8Array, at: number, end: number, li: number): void {
    let count: number;
    switch (this.pduType) {
      case EsisPduType.ESH:
        if (at >= end) return void (this.addressStop = "cut");
        if (li < 1) return void (this.addressStop = "li");
        count = this.addressCount = data[at++]!;
        li--;
        break;
      case EsisPduType.ISH:
        count = 1;
        break;
      case EsisPduType.REDIRECT:
        count = 3;
        break;
      default:
        return;
    }
    for (let i = 0; i < count; i++) {
      if (at >= end) return void (this.addressStop = "cut");
      if (li < 1) return void (this.addressStop = "li");
      const length = data[at++]!;
      // esis_print() does not count a redirect's NET length byte against the indicator.
      if (this.pduType !== EsisPduType.REDIRECT || i < 2) li--;
      if (at + length > end) return void (this.addressStop = "cut");
      if (li < length) return void (this.addressStop = "li");
      this.addresses.push({ offset: at, length });
      at += length;
      li -= length;
    }
    this.optionsOffset = at;
    this.optionsRemaining = li;
  }

  /**
   * The options after the addresses, within the length indicator; empty when the walk
   * stopped before them. A walk may start at another option (`at`) with the header bytes
   * left there (`remaining`).
   *
   * @param at Where the walk starts.
   * @param remaining The header's bytes from `at`.
   * @returns The option list.
   */
  optionList(at = this.optionsOffset, remaining = this.optionsRemaining): OsiOptionList {
    if (this.optionsOffset < 0) return { options: [] };
    return osiOptions(this.data, at, this.end, remaining, false);
  }

  /** ES-IS carries no payload. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    if (!this.fixedCaptured) return {};
    return {
      lengthIndicator: this.lengthIndicator,
      version: this.version,
      pduType: this.pduType,
      holdingTime: this.holdingTime,
      checksum: this.checksum,
    };
  }
}

/**
 * Creates {@linkcode Esis} layers; LLC, Cisco HDLC, Frame Relay and GRE pick it for the
 * protocol identifier `0x82`.
 *
 * @example Create an ES-IS layer
 * ```ts
 * import { esisDecoder } from "./esis.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(esisDecoder.create().kind, "esis");
 * ```
 */
export const esisDecoder: ProtocolDescriptor<Esis> = defineProtocol({
  kind: "esis",
  name: "ES-IS",
  tcpdumpName: "esis",
  create: () => new Esis(),
  bindings: {},
});

/**
 * Decodes an ES-IS PDU.
 *
 * @param data The bytes.
 * @param offset Where the PDU starts (its protocol identifier).
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Keep a header cut inside its fixed part
 * ```ts
 * import { decodeEsis } from "./esis.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decodeEsis(new Uint8Array([0x82, 20])).fixedCaptured, false);
 * ```
 */
export function decodeEsis(data: Uint8Array, offset = 0): Esis {
  return decodeOne(new Esis(), data, offset);
}
