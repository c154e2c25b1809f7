/**
 * The Internet checksum (RFC 1071) used by IPv4, ICMP, TCP and UDP.
 *
 * @module
 */

/** Whether the platform stores numbers little-endian, as typed arrays then read them. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Below this many bytes, the byte loop is as fast as the word loop. */
const WORD_LOOP_FROM = 64;

/** A 32-bit view of each buffer summed last (two, as a reader's buffers take turns). */
const wordViews: { buffer: ArrayBufferLike | undefined; words: Uint32Array }[] = [
  { buffer: undefined, words: new Uint32Array(0) },
  { buffer: undefined, words: new Uint32Array(0) },
];

/** A 32-bit view of the whole buffer under `data`, reused while its buffer is. */
function wordsOf(data: Uint8Array, end: number): Uint32Array {
  const buffer = data.buffer;
  for (const view of wordViews) {
    if (view.buffer === buffer && view.words.length * 4 >= data.byteOffset + end) {
      return view.words;
    }
  }
  const view = wordViews[1]!;
  wordViews[1] = wordViews[0]!;
  wordViews[0] = view;
  view.buffer = buffer;
  view.words = new Uint32Array(buffer, 0, buffer.byteLength >> 2);
  return view.words;
}

/**
 * Adds `data[offset..end)` as big-endian 16-bit words to `initial`. An odd final byte is
 * padded with a zero byte, as RFC 1071 says. The sum is not folded to 16 bits (long spans
 * are folded in part): it is the plain sum modulo 0xffff, what one's complement
 * arithmetic keeps, so it can be continued and then folded with
 * {@linkcode foldChecksum}.
 *
 * @param data The bytes.
 * @param offset First byte to sum.
 * @param end One past the last byte to sum.
 * @param initial A sum to continue, such as a pseudo-header sum.
 * @returns The sum (fits a double exactly for any packet size).
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
  if (end - offset >= WORD_LOOP_FROM && LITTLE_ENDIAN) {
    return initial + sumLong(data, offset, end);
  }
  let sum = initial;
  let i = offset;
  const last = end - 1;
  for (; i < last; i += 2) sum += (data[i]! << 8) | data[i + 1]!;
  if (i === last) sum += data[i]! << 8;
  return sum;
}

/**
 * The sum of a long span, 32 bits at a time, folded to 16 bits. A little-endian 32-bit
 * word weighs its bytes 1, 256, 1, 256 modulo 0xffff (2^16 is 1): bytes at even addresses
 * weigh 1, at odd ones 256, the other way round from the big-endian words of a span that
 * starts at an even address, and the same as those of one that starts at an odd address.
 * Multiplying by 256 modulo 0xffff (swapping the bytes of the folded sum) turns one
 * weighing into the other.
 */
function sumLong(data: Uint8Array, offset: number, end: number): number {
  const base = data.byteOffset;
  let p = offset;
  let sum = 0;
  for (; ((base + p) & 3) !== 0; p++) sum += ((base + p) & 1) === 0 ? data[p]! : data[p]! << 8;
  const words = wordsOf(data, end);
  const first = (base + p) >> 2;
  const stop = first + ((end - p) >> 2);
  for (let i = first; i < stop; i++) sum += words[i]!;
  for (p += (stop - first) * 4; p < end; p++) {
    sum += ((base + p) & 1) === 0 ? data[p]! : data[p]! << 8;
  }
  while (sum > 0xffff) sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  return ((base + offset) & 1) === 0 ? ((sum & 0xff) << 8) | (sum >> 8) : sum;
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
  // it; the right checksum is the complement of S without the field, ~(S - field), which
  // in one's complement is field + computed. Adding as tcpdump does keeps its negative
  // zero: 0xffff, not 0, when the two add up to it.
  let s = field + computed;
  s = (s & 0xffff) + (s >>> 16);
  return (s & 0xffff) + (s >>> 16);
}
