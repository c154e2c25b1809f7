/**
 * CRC-32 (IEEE 802.3, reflected, polynomial 0xedb88320), the frame check sequence of
 * Ethernet and 802.11 frames. Private to `lib/link/`.
 *
 * @module
 */

const TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  TABLE[n] = c >>> 0;
}

/**
 * Computes the CRC-32 of `data[start..end)`.
 *
 * @param data The bytes.
 * @param start The first byte.
 * @param end Past the last byte.
 * @returns The CRC, as an unsigned 32-bit number.
 */
export function crc32(data: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
