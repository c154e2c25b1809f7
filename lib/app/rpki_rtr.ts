/**
 * The RPKI to Router protocol (RFC 6810, RFC 8210), TCP port 323: a segment holds PDUs one
 * after the other, each an 8-byte header (version, type, session ID or error code, length
 * of the whole PDU) and a body whose layout the type gives (a serial, an IPv4 or IPv6
 * prefix, or an error report that holds an erroneous PDU and a text). The decoder walks
 * them as tcpdump's rpki_rtr_print() does: a PDU of a version other than 0, a segment
 * shorter than a header or a PDU whose length breaks its type's layout ends the walk.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { readUint16, readUint32 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessage } from "./_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The size of the header of every PDU. */
export const RPKI_RTR_HEADER_LENGTH = 8;

/** The PDU types tcpdump names. */
export const RpkiRtrPduType = {
  SERIAL_NOTIFY: 0,
  SERIAL_QUERY: 1,
  RESET_QUERY: 2,
  CACHE_RESPONSE: 3,
  IPV4_PREFIX: 4,
  IPV6_PREFIX: 6,
  END_OF_DATA: 7,
  CACHE_RESET: 8,
  ERROR_REPORT: 10,
} as const;

/** The length each type of a fixed layout must have (tcpdump's sizes). */
const FIXED_LENGTHS: ReadonlyMap<number, number> = new Map([
  [RpkiRtrPduType.SERIAL_NOTIFY, 12],
  [RpkiRtrPduType.SERIAL_QUERY, 12],
  [RpkiRtrPduType.RESET_QUERY, 8],
  [RpkiRtrPduType.CACHE_RESPONSE, 8],
  [RpkiRtrPduType.IPV4_PREFIX, 20],
  [RpkiRtrPduType.IPV6_PREFIX, 32],
  [RpkiRtrPduType.END_OF_DATA, 12],
  [RpkiRtrPduType.CACHE_RESET, 8],
]);

/** The error report's fixed part: the header and the encapsulated PDU's length. */
const ERROR_REPORT_FIXED = 12;

/**
 * One PDU where the walk meets it. The getters read its bytes without checks: call
 * {@linkcode RpkiRtrPdu.captured} first. Offsets past the PDU's start are computed in 32
 * bits, as tcpdump's `u_int` sums wrap.
 *
 * @example Read a Serial Notify
 * ```ts
 * import { RpkiRtrPdu } from "./rpki_rtr.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([0, 0, 0x12, 0x34, 0, 0, 0, 12, 0, 0, 0, 7]);
 * const pdu = new RpkiRtrPdu(bytes, 0, 12, 12);
 * assert.equal(pdu.captured(12), true);
 * assert.deepEqual([pdu.type, pdu.sessionId, pdu.length, pdu.serial], [0, 0x1234, 12, 7]);
 * assert.equal(pdu.valid, true);
 * ```
 */
export class RpkiRtrPdu {
  readonly #data: Uint8Array;
  /** Where the captured bytes end (tcpdump's snapend). */
  readonly snapEnd: number;
  /** Where the PDU starts. */
  readonly at: number;
  /**
   * The bytes on the wire from here that hold it: the rest of the segment, or an error
   * report's encapsulated PDU length.
   */
  readonly left: number;

  /**
   * Reads the PDU at `at`.
   *
   * @param data The packet bytes.
   * @param at Where the PDU starts.
   * @param left The bytes on the wire from `at` that hold it.
   * @param snapEnd Where the captured bytes end.
   */
  constructor(data: Uint8Array, at: number, left: number, snapEnd: number) {
    this.#data = data;
    this.at = at;
    this.left = left;
    this.snapEnd = snapEnd;
  }

  /**
   * Whether the capture holds `length` bytes from the PDU's start (tcpdump's ND_TTEST_LEN).
   *
   * @param length How many bytes.
   * @returns `true` when all were captured.
   */
  captured(length: number): boolean {
    return this.at + length <= this.snapEnd;
  }

  /** The protocol version (tcpdump decodes 0 only). Needs 1 byte. */
  get version(): number {
    return this.#data[this.at]!;
  }

  /** The PDU type. Needs the header. */
  get type(): number {
    return this.#data[this.at + 1]!;
  }

  /** The session ID: the header's 16-bit field. */
  get sessionId(): number {
    return readUint16(this.#data, this.at + 2);
  }

  /** An error report's error code: the same field as {@linkcode RpkiRtrPdu.sessionId}. */
  get errorCode(): number {
    return this.sessionId;
  }

  /** The PDU's length, its header included. */
  get length(): number {
    return readUint32(this.#data, this.at + 4);
  }

  /** Whether the length holds a header and no more than the bytes left. */
  get lengthFits(): boolean {
    const length = this.length;
    return length >= RPKI_RTR_HEADER_LENGTH && length <= this.left;
  }

  /**
   * The length the type's layout requires (Serial Notify, Serial Query, End of Data: 12;
   * Reset Query, Cache Response, Cache Reset: 8; IPv4 Prefix: 20; IPv6 Prefix: 32), or
   * `undefined` for an error report or an unknown type.
   */
  get fixedLength(): number | undefined {
    return FIXED_LENGTHS.get(this.type);
  }

  /** A Serial Notify's, Serial Query's or End of Data's serial number. Needs 12 bytes. */
  get serial(): number {
    return readUint32(this.#data, this.at + 8);
  }

  /** A prefix PDU's flags (bit 0: announcement). Needs {@linkcode fixedLength} bytes. */
  get flags(): number {
    return this.#data[this.at + 8]!;
  }

  /** A prefix PDU's prefix length. */
  get prefixLength(): number {
    return this.#data[this.at + 9]!;
  }

  /** A prefix PDU's maximum length. */
  get maxLength(): number {
    return this.#data[this.at + 10]!;
  }

  /** Where a prefix PDU's address starts. */
  get prefixAt(): number {
    return this.at + 12;
  }

  /** A prefix PDU's origin AS, after its 4- or 16-byte address. */
  get originAs(): number {
    const size = this.type === RpkiRtrPduType.IPV4_PREFIX ? 4 : 16;
    return readUint32(this.#data, this.at + 12 + size);
  }

  /** An error report's length of its encapsulated PDU. Needs 12 bytes. */
  get encapsulatedLength(): number {
    return readUint32(this.#data, this.at + 8);
  }

  /** An error report's encapsulated PDU, which the encapsulated length bounds. */
  encapsulated(): RpkiRtrPdu {
    return new RpkiRtrPdu(
      this.#data,
      this.at + ERROR_REPORT_FIXED,
      this.encapsulatedLength,
      this.snapEnd,
    );
  }

  /** Where an error report's text length lies from the PDU's start, past the encapsulated PDU. */
  get textLengthOffset(): number {
    return (ERROR_REPORT_FIXED + this.encapsulatedLength) >>> 0;
  }

  /** Where an error report's text starts from the PDU's start. */
  get textOffset(): number {
    return (this.textLengthOffset + 4) >>> 0;
  }

  /** An error report's text length. Needs {@linkcode textOffset} bytes. */
  get textLength(): number {
    return readUint32(this.#data, this.at + this.textLengthOffset);
  }

  /** Whether an error report's length holds its encapsulated PDU. */
  get encapsulatedFits(): boolean {
    return this.length >= this.textLengthOffset;
  }

  /** Whether an error report's length holds its text length field. */
  get textLengthFits(): boolean {
    return this.length >= this.textOffset;
  }

  /** Whether an error report's length holds its text. Needs the text length. */
  get textFits(): boolean {
    return this.length >= ((this.textOffset + this.textLength) >>> 0);
  }

  /**
   * Whether the PDU's lengths agree with its type's layout, as far as the capture holds
   * them (tcpdump's invalid PDUs end the segment's walk). Needs the header.
   */
  get valid(): boolean {
    if (this.left < RPKI_RTR_HEADER_LENGTH || !this.lengthFits) return false;
    const fixed = this.fixedLength;
    if (fixed !== undefined) return this.length === fixed;
    if (this.type !== RpkiRtrPduType.ERROR_REPORT) return true;
    if (this.length < ERROR_REPORT_FIXED || !this.captured(ERROR_REPORT_FIXED)) return false;
    if (this.encapsulatedLength !== 0 && !this.encapsulatedFits) return false;
    if (!this.textLengthFits || !this.captured(this.textOffset)) return false;
    return this.textLength === 0 || this.textFits;
  }

  /**
   * The bytes the walk moves past: the PDU's length when it is {@linkcode valid} and of
   * version 0, else every byte left. Needs the header, or its first byte for a version
   * other than 0.
   */
  get consumed(): number {
    if (this.version !== 0) return this.left;
    return this.valid ? this.length : this.left;
  }
}

/**
 * The RPKI-RTR bytes of a TCP segment.
 *
 * @example Walk a Reset Query and a Cache Reset
 * ```ts
 * import { decodeRpkiRtr } from "./rpki_rtr.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([0, 2, 0, 0, 0, 0, 0, 8, 0, 8, 0, 0, 0, 0, 0, 8]);
 * const layer = decodeRpkiRtr(bytes);
 * assert.deepEqual([...layer.pdus()].map((pdu) => pdu.type), [2, 8]);
 * ```
 */
export class RpkiRtr extends LayerBase {
  /** The discriminant. */
  readonly kind = "rpki-rtr" as const;
  /** The segment's payload length on the wire (by the IP length). */
  wireLength = 0;

  /**
   * The PDUs, each where the one before ends ({@linkcode RpkiRtrPdu.consumed}), up to the
   * wire length; the walk stops after a PDU whose header (or first byte) was not captured.
   *
   * @returns The PDUs.
   */
  *pdus(): Generator<RpkiRtrPdu> {
    let at = this.offset;
    let left = this.wireLength;
    while (left > 0) {
      const pdu = new RpkiRtrPdu(this.data, at, left, this.end);
      yield pdu;
      if (!pdu.captured(1)) return;
      if (pdu.version === 0 && left >= RPKI_RTR_HEADER_LENGTH && !pdu.captured(8)) return;
      const consumed = pdu.consumed;
      at += consumed;
      left -= consumed;
    }
  }

  /** Decodes the segment at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginMessage(this, data, offset, end, context);
    if (error !== undefined) return error;
    this.headerLength = Math.min(RPKI_RTR_HEADER_LENGTH, end - offset);
    return undefined;
  }

  /** RPKI-RTR carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the captured PDUs' versions, types and lengths as plain objects. */
  toJSON(): Record<string, unknown> {
    const pdus = [];
    for (const pdu of this.pdus()) {
      if (!pdu.captured(RPKI_RTR_HEADER_LENGTH)) break;
      pdus.push({ version: pdu.version, type: pdu.type, length: pdu.length });
    }
    return { pdus };
  }
}

/**
 * Creates {@linkcode RpkiRtr} layers; bound to TCP port 323.
 *
 * @example Create an RPKI-RTR layer
 * ```ts
 * import { rpkiRtrDecoder } from "./rpki_rtr.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(rpkiRtrDecoder.create().kind, "rpki-rtr");
 * ```
 */
export const rpkiRtrDecoder: ProtocolDescriptor<RpkiRtr> = defineProtocol({
  kind: "rpki-rtr",
  name: "RPKI-RTR",
  tcpdumpName: "rpki_rtr",
  create: () => new RpkiRtr(),
  bindings: { tcpPorts: [323] },
});

/**
 * Decodes the RPKI-RTR bytes of a segment.
 *
 * @param data The bytes.
 * @param offset Where they start.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Reject an empty segment
 * ```ts
 * import { decodeRpkiRtr } from "./rpki_rtr.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeRpkiRtr(new Uint8Array(0)), {
 *   message: "Cannot decode RPKI-RTR header: 1 bytes required, received 0",
 * });
 * ```
 */
export function decodeRpkiRtr(data: Uint8Array, offset = 0): RpkiRtr {
  return decodeOne(new RpkiRtr(), data, offset);
}
