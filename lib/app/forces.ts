/**
 * ForCES, the Forwarding and Control Element Separation protocol (RFC 5810), carried in
 * SCTP DATA chunks on ports 6704-6706 (its high, medium and low priority channels) or
 * with payload protocol identifiers 21-23: the 24-byte common header, then TLVs (and ILVs,
 * with 32-bit type and length) whose lengths count their header and are padded to 4 bytes.
 *
 * ForCES is no layer of the decoded chain (an SCTP packet's chunks may each carry a
 * message): the SCTP printer hands each DATA chunk's user data to the ForCES printer,
 * which reads the header with {@linkcode decodeForcesHeader} and the TLVs with
 * {@linkcode ForcesReader}.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";

/** The length of the common header. */
export const FORCES_HEADER_LENGTH = 24;

/** The SCTP ports of the three ForCES channels, with tcpdump's names of them. */
export const FORCES_CHANNELS: ReadonlyMap<number, string> = new Map([
  [6704, "ForCES HP"],
  [6705, "ForCES MP"],
  [6706, "ForCES LP"],
]);

/** The SCTP payload protocol identifiers of the three ForCES channels. */
export const FORCES_PPIDS: ReadonlySet<number> = new Set([21, 22, 23]);

/** ForCES message types (RFC 5810 section 7). */
export const ForcesMessageType = {
  ASSOCIATION_SETUP: 0x01,
  ASSOCIATION_TEARDOWN: 0x02,
  CONFIG: 0x03,
  QUERY: 0x04,
  EVENT_NOTIFICATION: 0x05,
  PACKET_REDIRECT: 0x06,
  HEARTBEAT: 0x0f,
  ASSOCIATION_SETUP_RESPONSE: 0x11,
  CONFIG_RESPONSE: 0x13,
  QUERY_RESPONSE: 0x14,
} as const;

/** ForCES TLV types (RFC 5810 section 7.1.1 and tcpdump's list). */
export const ForcesTlvType = {
  REDIRECT: 0x0001,
  ASSOCIATION_SETUP_RESULT: 0x0010,
  ASSOCIATION_TEARDOWN_REASON: 0x0011,
  LFB_SELECT: 0x1000,
  PATH_DATA: 0x0110,
  KEY_INFO: 0x0111,
  FULL_DATA: 0x0112,
  SPARSE_DATA: 0x0113,
  RESULT: 0x0114,
  METADATA: 0x0115,
  REDIRECT_DATA: 0x0116,
} as const;

/** The fields of a ForCES common header. */
export interface ForcesHeader {
  /** Offset of the header in the bytes. */
  readonly offset: number;
  /** The version (the high nibble of the first byte). */
  readonly version: number;
  /** The message type ({@linkcode ForcesMessageType}). */
  readonly messageType: number;
  /** The message length in bytes (the field counts 32-bit words). */
  readonly length: number;
  /** The source ID. */
  readonly sourceId: number;
  /** The destination ID. */
  readonly destinationId: number;
  /** The correlator. */
  readonly correlator: bigint;
  /** The 32 flag bits (ACK, priority, execution mode, atomic, transaction phase). */
  readonly flags: number;
}

/**
 * Decodes a ForCES common header.
 *
 * @example Decode a HeartBeat header
 * ```ts
 * import { decodeForcesHeader } from "./forces.ts";
 * import assert from "node:assert/strict";
 *
 * const header = decodeForcesHeader(new Uint8Array([
 *   0x10, 0x0f, 0, 6, 0x40, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 9, 0xc0, 0x40, 0, 0,
 * ]));
 * assert.equal(header.messageType, 0x0f);
 * assert.equal(header.length, 24);
 * assert.equal(header.correlator, 9n);
 * ```
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @param end Where the captured bytes end.
 * @returns The header's fields.
 * @throws {DecodeError} When fewer than 24 bytes remain.
 */
export function decodeForcesHeader(
  data: Uint8Array,
  offset = 0,
  end: number = data.length,
): ForcesHeader {
  const reader = new ForcesReader(data, end);
  if (!reader.has(offset, FORCES_HEADER_LENGTH)) {
    throw DecodeError.truncated(
      "forces",
      offset,
      FORCES_HEADER_LENGTH,
      Math.max(0, end - offset),
    );
  }
  return {
    offset,
    version: data[offset]! >> 4,
    messageType: data[offset + 1]!,
    length: reader.u16(offset + 2) * 4,
    sourceId: reader.u32(offset + 4),
    destinationId: reader.u32(offset + 8),
    correlator: (BigInt(reader.u32(offset + 12)) << 32n) | BigInt(reader.u32(offset + 16)),
    flags: reader.u32(offset + 20),
  };
}

/**
 * Reads the big-endian fields of ForCES TLVs and ILVs up to the captured end, as tcpdump's
 * `GET_` macros do: a read past it throws a truncated {@linkcode DecodeError} (tcpdump's
 * printer stops the packet there).
 *
 * @example Read a TLV header
 * ```ts
 * import { ForcesReader } from "./forces.ts";
 * import assert from "node:assert/strict";
 *
 * const reader = new ForcesReader(new Uint8Array([0x10, 0, 0, 8]));
 * assert.equal(reader.u16(0), 0x1000);
 * assert.equal(reader.u16(2), 8);
 * assert.throws(() => reader.u32(2));
 * ```
 */
export class ForcesReader {
  /**
   * Makes a reader.
   *
   * @param data The bytes.
   * @param end Where the captured bytes end.
   */
  constructor(readonly data: Uint8Array, readonly end: number = data.length) {}

  /**
   * Whether `length` bytes at `at` were captured.
   *
   * @param at The first byte.
   * @param length How many bytes.
   * @returns `true` when they all were.
   */
  has(at: number, length: number): boolean {
    return at >= 0 && at + length <= this.end;
  }

  /**
   * Reads a byte.
   *
   * @param at Its offset.
   * @returns The byte.
   * @throws {DecodeError} When it was not captured.
   */
  u8(at: number): number {
    this.check(at, 1);
    return this.data[at]!;
  }

  /**
   * Reads a 16-bit field.
   *
   * @param at Its offset.
   * @returns The value.
   * @throws {DecodeError} When it was not captured.
   */
  u16(at: number): number {
    this.check(at, 2);
    return (this.data[at]! << 8) | this.data[at + 1]!;
  }

  /**
   * Reads a 32-bit field.
   *
   * @param at Its offset.
   * @returns The value (unsigned).
   * @throws {DecodeError} When it was not captured.
   */
  u32(at: number): number {
    this.check(at, 4);
    const d = this.data;
    return ((d[at]! << 24) | (d[at + 1]! << 16) | (d[at + 2]! << 8) | d[at + 3]!) >>> 0;
  }

  /** Throws the truncation error when `length` bytes at `at` were not captured. */
  private check(at: number, length: number): void {
    if (!this.has(at, length)) {
      throw DecodeError.truncated("forces", at, length, Math.max(0, this.end - at));
    }
  }
}

/**
 * Why a TLV (or ILV) of length `length` does not fit in the `remaining` bytes of its
 * container, as tcpdump's tlv_valid() numbers it: 1 fewer than a header left, 2 a length
 * below the header's, 3 a length past the container, 4 no room for the padding; 0 when it
 * fits.
 *
 * @example A TLV longer than what is left
 * ```ts
 * import { forcesTlvProblem } from "./forces.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(forcesTlvProblem(12, 8), 3);
 * assert.equal(forcesTlvProblem(6, 8), 0);
 * ```
 *
 * @param length The TLV's length field.
 * @param remaining The bytes left in its container.
 * @param headerLength The header's length (4 for a TLV, 8 for an ILV).
 * @returns The problem's number, 0 for none.
 */
export function forcesTlvProblem(length: number, remaining: number, headerLength = 4): number {
  if (remaining < headerLength) return 1;
  if (length < headerLength) return 2;
  if (length > remaining) return 3;
  if (remaining < forcesAligned(length)) return 4;
  return 0;
}

/**
 * A TLV length rounded up to the 4-byte alignment ForCES pads to.
 *
 * @example
 * ```ts
 * import { forcesAligned } from "./forces.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(forcesAligned(5), 8);
 * ```
 *
 * @param length The length.
 * @returns The padded length.
 */
export function forcesAligned(length: number): number {
  return (length + 3) & ~3;
}
