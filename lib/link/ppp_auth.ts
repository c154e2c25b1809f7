/**
 * PPP's authentication protocols: PAP (RFC 1334 section 2, protocol `0xc023`) and CHAP
 * (RFC 1994, protocol `0xc223`), read from a PPP payload by {@linkcode readPppAuth}. The
 * PPP layers expose the packet as `PppFrame.authPacket`, as they expose LCP's.
 *
 * @module
 */

/** PPP's Password Authentication Protocol number. */
export const PPP_PAP = 0xc023;
/** PPP's Challenge Handshake Authentication Protocol number. */
export const PPP_CHAP = 0xc223;

/**
 * A field of a PAP or CHAP packet: where its bytes start, how many it declares (by its
 * length byte, or by the packet's length for the last field), and the bytes captured.
 */
export interface PppAuthField {
  /** Offset of the field's first byte (after its length byte, if it has one). */
  readonly offset: number;
  /**
   * Its length: the length byte's value, or for CHAP's Name and Message the packet's
   * length less the bytes before the field (negative when that length is too small).
   */
  readonly length: number;
  /** The bytes captured of it (a view; shorter than `length` when cut). */
  readonly value: Uint8Array;
}

/**
 * A PAP or CHAP packet: code, identifier and length (RFC 1334 section 2.2, RFC 1994
 * section 4), then by code: PAP Authenticate-Request (1) a Peer-ID and a Password, each
 * after its length byte; Authenticate-Ack (2) and -Nak (3) a Message after its length
 * byte; CHAP Challenge (1) and Response (2) a Value after its length byte, then the Name
 * to the packet's length; Success (3) and Failure (4) a Message to the packet's length.
 * A field is `undefined` when its length byte (or the packet's length) is not captured.
 */
export interface PppAuthPacket {
  /** The PPP protocol: `0xc023` (PAP) or `0xc223` (CHAP). */
  readonly protocol: number;
  /** Offset of the code byte. */
  readonly offset: number;
  /** The code (PAP: 1 Auth-Req, 2 Auth-ACK, 3 Auth-NACK; CHAP: 1 Challenge...). */
  readonly code: number;
  /** The identifier, or `undefined` when not captured. */
  readonly identifier: number | undefined;
  /** The length field (code to the end of the data), or `undefined` when not captured. */
  readonly length: number | undefined;
  /** PAP's Peer-ID, CHAP's Value. */
  readonly first: PppAuthField | undefined;
  /** PAP's Password, CHAP's Name. */
  readonly second: PppAuthField | undefined;
  /** The Message of PAP's Ack and Nak and of CHAP's Success and Failure. */
  readonly message: PppAuthField | undefined;
}

/**
 * Reads a PAP or CHAP packet from a PPP payload, from the bytes captured only.
 *
 * @param data The bytes.
 * @param protocol The PPP protocol (`0xc023` or `0xc223`).
 * @param at Where the packet (its code byte) starts.
 * @param end Where the captured bytes end.
 * @returns The packet, or `undefined` for another protocol or when no byte is captured.
 *
 * @example Read a PAP Authenticate-Request
 * ```ts
 * import { readPppAuth } from "./ppp_auth.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([1, 7, 0, 10, 2, 0x61, 0x62, 2, 0x70, 0x77]);
 * const pap = readPppAuth(bytes, 0xc023, 0, bytes.length)!;
 * assert.equal(pap.code, 1);
 * assert.equal(pap.identifier, 7);
 * assert.equal(pap.length, 10);
 * assert.deepEqual(pap.first?.value, new Uint8Array([0x61, 0x62]));
 * assert.deepEqual(pap.second?.value, new Uint8Array([0x70, 0x77]));
 * ```
 */
export function readPppAuth(
  data: Uint8Array,
  protocol: number,
  at: number,
  end: number,
): PppAuthPacket | undefined {
  if ((protocol !== PPP_PAP && protocol !== PPP_CHAP) || at >= end) return undefined;
  const code = data[at]!;
  const identifier = at + 1 < end ? data[at + 1] : undefined;
  const length = at + 4 <= end ? (data[at + 2]! << 8) | data[at + 3]! : undefined;
  let first: PppAuthField | undefined;
  let second: PppAuthField | undefined;
  let message: PppAuthField | undefined;
  if (length !== undefined) {
    const counted = (lengthAt: number) =>
      lengthAt < end ? field(data, lengthAt + 1, data[lengthAt]!, end) : undefined;
    // CHAP's last field runs to the packet's length.
    const rest = (from: number) => field(data, from, length - (from - at), end);
    if (protocol === PPP_PAP) {
      if (code === 1) {
        first = counted(at + 4);
        if (first !== undefined) second = counted(first.offset + first.length);
      } else if (code === 2 || code === 3) {
        message = counted(at + 4);
      }
    } else if (code === 1 || code === 2) {
      first = counted(at + 4);
      if (first !== undefined) second = rest(first.offset + first.length);
    } else if (code === 3 || code === 4) {
      message = rest(at + 4);
    }
  }
  return { protocol, offset: at, code, identifier, length, first, second, message };
}

function field(data: Uint8Array, offset: number, length: number, end: number): PppAuthField {
  const start = Math.min(offset, end);
  const valueEnd = Math.max(start, Math.min(end, offset + Math.max(length, 0)));
  return { offset, length, value: data.subarray(start, valueEnd) };
}
