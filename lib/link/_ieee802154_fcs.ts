/**
 * The frame check sequences of IEEE 802.15.4 (802.15.4-2015 section 7.2.10), computed as
 * tcpdump's print-802_15_4.c computes them: CRC-16 (CCITT, polynomial 0x1021) or CRC-32
 * (polynomial 0x04c11db7), each from 0 with the bits of every byte and of the result
 * reversed. Private to `lib/link/`.
 *
 * @module
 */

/** Reverses the bits of a byte. */
function reverse8(y: number): number {
  y = ((y & 0xaa) >> 1) | ((y & 0x55) << 1);
  y = ((y & 0xcc) >> 2) | ((y & 0x33) << 2);
  return ((y & 0xf0) >> 4) | ((y & 0x0f) << 4);
}

/** Reverses the bits of a 32-bit word. */
function reverse32(x: number): number {
  x = ((x & 0x55555555) << 1) | ((x >>> 1) & 0x55555555);
  x = ((x & 0x33333333) << 2) | ((x >>> 2) & 0x33333333);
  x = ((x & 0x0f0f0f0f) << 4) | ((x >>> 4) & 0x0f0f0f0f);
  return ((x << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) >>> 0;
}

/**
 * The 16-bit FCS of `data[from..to)`, as it is stored little-endian after the frame.
 *
 * @param data The bytes.
 * @param from The first byte.
 * @param to Just past the last byte.
 * @returns The CRC.
 *
 * @example Check a frame's FCS
 * ```ts
 * import { ieee802154Crc16 } from "./ieee802154.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = new Uint8Array([0x41, 0x88, 0x05, 0xcd, 0xab, 0xff, 0xff, 0x01, 0x00, 0x7e]);
 * assert.equal(ieee802154Crc16(frame, 0, frame.length), 0x633e);
 * ```
 */
export function ieee802154Crc16(data: Uint8Array, from: number, to: number): number {
  let crc = 0;
  for (let i = from; i < to; i++) {
    let x = ((crc >> 8) ^ reverse8(data[i]!)) & 0xff;
    x ^= x >> 4;
    crc = ((crc << 8) ^ (x << 12) ^ (x << 5) ^ x) & 0xffff;
  }
  crc = ((crc & 0xaaaa) >> 1) | ((crc & 0x5555) << 1);
  crc = ((crc & 0xcccc) >> 2) | ((crc & 0x3333) << 2);
  crc = ((crc & 0xf0f0) >> 4) | ((crc & 0x0f0f) << 4);
  return ((crc & 0xff00) >> 8) | ((crc & 0x00ff) << 8);
}

/**
 * The 32-bit FCS of `data[from..to)` (the SUN, TVWS, LECIM and some other PHYs'), as it
 * is stored little-endian after the frame.
 *
 * @param data The bytes.
 * @param from The first byte.
 * @param to Just past the last byte.
 * @returns The CRC.
 *
 * @example The CRC of no byte
 * ```ts
 * import { ieee802154Crc32 } from "./ieee802154.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ieee802154Crc32(new Uint8Array(0), 0, 0), 0);
 * ```
 */
export function ieee802154Crc32(data: Uint8Array, from: number, to: number): number {
  let crc = 0;
  for (let i = from; i < to; i++) {
    let byte = reverse32(data[i]!);
    for (let b = 0; b < 8; b++) {
      crc = ((crc ^ byte) | 0) < 0 ? ((crc << 1) ^ 0x04c11db7) >>> 0 : (crc << 1) >>> 0;
      byte = (byte << 1) >>> 0;
    }
  }
  return reverse32(crc);
}
