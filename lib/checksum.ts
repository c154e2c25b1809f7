/**
 * The Internet checksum (RFC 1071) used by IPv4, ICMP, TCP and UDP.
 *
 * @module
 */

/**
 * Adds `data[offset..end)` as big-endian 16-bit words to `initial`, without folding.
 * An odd final byte is padded with a zero byte, as RFC 1071 says.
 *
 * @param data The bytes.
 * @param offset First byte to sum.
 * @param end One past the last byte to sum.
 * @param initial A sum to continue, such as a pseudo-header sum.
 * @returns The unfolded sum (fits a double exactly for any packet size).
 *
 * @example Sum and fold
 * ```ts
 * import { foldChecksum, sumWords } from "./checksum.ts";
 * import assert from "node:assert/strict";
 *
 * const header = new Uint8Array([0x45, 0, 0, 0x1c, 0, 0, 0, 0, 0x40, 0x11, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2]);
 * const checksum = foldChecksum(sumWords(header, 0, header.length, 0));
 * header[10] = checksum >> 8;
 * header[11] = checksum & 0xff;
 * assert.equal(foldChecksum(sumWords(header, 0, header.length, 0)), 0);
 * ```
 */
export function sumWords(data: Uint8Array, offset: number, end: number, initial: number): number {
  let sum = initial;
  let i = offset;
  const last = end - 1;
  for (; i < last; i += 2) sum += (data[i]! << 8) | data[i + 1]!;
  if (i === last) sum += data[i]! << 8;
  return sum;
}

/**
 * Folds an unfolded sum to 16 bits and complements it: the value a sender writes in the
 * checksum field, and 0 when a receiver sums a header that includes a correct checksum.
 *
 * @param sum An unfolded sum from {@linkcode sumWords}.
 * @returns The 16-bit one's complement of the folded sum.
 *
 * @example Fold a sum
 * ```ts
 * import { foldChecksum } from "./checksum.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(foldChecksum(0xffff), 0);
 * assert.equal(foldChecksum(0x1fffe), 0);
 * ```
 */
export function foldChecksum(sum: number): number {
  while (sum > 0xffff) sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

/**
 * The checksum a sender should have put in a field, given the folded sum over the message
 * with what it put there (tcpdump's `in_cksum_shouldbe()`): what printers show after
 * `incorrect ->` or `bad cksum`.
 *
 * @param field The checksum field as sent.
 * @param computed {@linkcode foldChecksum} of the sum over the message, field included.
 * @returns The right checksum (`field` itself when `computed` is 0).
 *
 * @example Recover the right checksum of a message sent with 0 in the field
 * ```ts
 * import { expectedChecksum, foldChecksum, sumWords } from "./checksum.ts";
 * import assert from "node:assert/strict";
 *
 * const message = new Uint8Array([0x16, 0, 0, 0, 239, 255, 255, 250]);
 * const computed = foldChecksum(sumWords(message, 0, message.length, 0));
 * assert.equal(expectedChecksum(0, computed), 0xfa04);
 * ```
 */
export function expectedChecksum(field: number, computed: number): number {
  // `computed` is the complement of the folded sum S over the message with `field` in
  // it; the right checksum is the complement of S without the field: ~(S - field).
  let s = (~computed & 0xffff) + (~field & 0xffff);
  s = (s & 0xffff) + (s >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}
