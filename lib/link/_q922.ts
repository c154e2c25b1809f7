/**
 * Q.922 addresses (ITU-T Q.922, the DLCI and flags of a Frame Relay header), read as
 * tcpdump's parse_q922_header() reads them: by the Frame Relay decoder, and by the ARP
 * printer for Frame Relay ARP's hardware addresses. Private.
 *
 * @module
 */

/** What {@linkcode readQ922Address} reads of a Q.922 address. */
export interface Q922Address {
  /** The DLCI. */
  dlci: number;
  /** The address's length in bytes (2 to 4; what was read before a failure). */
  length: number;
  /** The address's flag bits, in the layout of `FrameRelayFlag` (`frame_relay.ts`). */
  flags: number;
}

/**
 * Reads a Q.922 address of 2 to 4 bytes at `at`, no further than `limit`, into `into`, as
 * tcpdump's parse_q922_header() does (Frame Relay headers, and Frame Relay ARP's hardware
 * addresses).
 *
 * @param data The bytes.
 * @param at The address's offset.
 * @param limit Where the bytes that may hold it end.
 * @param into Where to write the DLCI, length and flags.
 * @returns 1 when read; 0 when not valid (an extension bit set on the first byte, or clear
 * on the fourth); -1 when the bytes end first.
 *
 * @example Read a 2-byte address
 * ```ts
 * import { readQ922Address } from "./_q922.ts";
 * import assert from "node:assert/strict";
 *
 * const into = { dlci: 0, length: 0, flags: 0 };
 * assert.equal(readQ922Address(new Uint8Array([0x18, 0x41]), 0, 2, into), 1);
 * assert.deepEqual([into.dlci, into.length], [100, 2]);
 * ```
 */
export function readQ922Address(
  data: Uint8Array,
  at: number,
  limit: number,
  into: Q922Address,
): 1 | 0 | -1 {
  into.dlci = 0;
  into.length = 0;
  into.flags = 0;
  if (at >= limit) return -1;
  const a = data[at]!;
  if (a & 1) return 0;
  if (at + 1 >= limit) return -1;
  const b = data[at + 1]!;
  into.length = 2;
  into.dlci = ((a & 0xfc) << 2) | ((b & 0xf0) >> 4);
  into.flags = ((a & 0x02) << 24) | ((b & 0x0e) << 16);
  if (b & 1) return 1;
  let p = at + 2;
  if (p >= limit) return -1;
  into.length = 3;
  if ((data[p]! & 1) === 0) {
    into.dlci = (into.dlci << 7) | (data[p]! >> 1);
    into.length = 4;
    p++;
  }
  if (p >= limit) return -1;
  if ((data[p]! & 1) === 0) return 0;
  into.flags |= data[p]! & 0x02;
  into.dlci = into.dlci * 64 + (data[p]! >> 2);
  return 1;
}
