/**
 * A growable byte buffer that text printers write ASCII into directly, without building
 * strings per packet: the fast path of the tcpdump printer. Private to `lib/print/`.
 *
 * @module
 */

import { IPV6_COMPATIBLE, ipv6Layout } from "../_ipv6_layout.ts";

const HEX = new Uint8Array([..."0123456789abcdef"].map((c) => c.charCodeAt(0)));
const encoder = new TextEncoder();

/** Each byte value in decimal: 4 entries each, the digit count then 3 digits, right-aligned. */
const BYTE_DECIMAL = new Uint8Array(4 * 256);
for (let b = 0; b < 256; b++) {
  BYTE_DECIMAL[4 * b] = b >= 100 ? 3 : b >= 10 ? 2 : 1;
  BYTE_DECIMAL[4 * b + 1] = 0x30 + Math.floor(b / 100);
  BYTE_DECIMAL[4 * b + 2] = 0x30 + Math.floor(b / 10) % 10;
  BYTE_DECIMAL[4 * b + 3] = 0x30 + b % 10;
}

/** The two digits of 0 to 99, two entries each. */
const TWO_DIGITS = new Uint8Array(200);
for (let n = 0; n < 100; n++) {
  TWO_DIGITS[2 * n] = 0x30 + Math.floor(n / 10);
  TWO_DIGITS[2 * n + 1] = 0x30 + n % 10;
}

/** 10 to the power of 0 to 9. */
const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/** The number of decimal digits of a non-negative integer. */
function decimalDigits(n: number): number {
  if (n < 100000) return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : 5;
  if (n < 1e10) return n < 1e6 ? 6 : n < 1e7 ? 7 : n < 1e8 ? 8 : n < 1e9 ? 9 : 10;
  let digits = 11;
  for (let m = n / 1e11; m >= 1; m /= 10) digits++;
  return digits;
}

// The put* functions write at `p` in `bytes`, which has room, and return the position after
// what they wrote: hot printers reserve once and chain them without touching the writer's
// fields; ByteWriter's methods are the same functions behind a reserve().

/**
 * Encodes a constant ASCII text once, for hot printers: copying its bytes with
 * {@linkcode putText} is faster than reading a string's characters.
 *
 * @param text The text (every character below 0x80).
 * @returns Its bytes.
 */
export function asciiText(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * Writes text that {@linkcode asciiText} encoded at `p`.
 *
 * @returns The position after it.
 */
export function putText(bytes: Uint8Array, p: number, text: Uint8Array): number {
  const n = text.length;
  for (let i = 0; i < n; i++) bytes[p++] = text[i]!;
  return p;
}

/**
 * Writes an ASCII string (every character below 0x80) at `p`.
 *
 * @returns The position after it.
 */
export function putAscii(bytes: Uint8Array, p: number, text: string): number {
  const n = text.length;
  for (let i = 0; i < n; i++) bytes[p++] = text.charCodeAt(i);
  return p;
}

/** Writes the decimal digits of a non-negative integer below 2^53, the last one before `end`. */
function putDigits(bytes: Uint8Array, end: number, n: number): void {
  let p = end;
  // Above 2^31 - 1, one division splits off the low eight digits; the rest is int32
  // arithmetic, which the compiler turns into multiplications.
  while (n > 0x7fffffff) {
    const high = Math.floor(n / 1e8);
    let low = (n - high * 1e8) | 0;
    for (let i = 0; i < 4; i++) {
      const q = (low / 100) | 0;
      const r = 2 * (low - q * 100);
      bytes[--p] = TWO_DIGITS[r + 1]!;
      bytes[--p] = TWO_DIGITS[r]!;
      low = q;
    }
    n = high;
  }
  let m = n | 0;
  while (m >= 100) {
    const q = (m / 100) | 0;
    const r = 2 * (m - q * 100);
    bytes[--p] = TWO_DIGITS[r + 1]!;
    bytes[--p] = TWO_DIGITS[r]!;
    m = q;
  }
  if (m >= 10) {
    bytes[--p] = TWO_DIGITS[2 * m + 1]!;
    bytes[--p] = TWO_DIGITS[2 * m]!;
  } else bytes[--p] = 0x30 + m;
}

/**
 * Writes a non-negative integer (below 2^53) in decimal at `p`: at most 16 bytes.
 *
 * @returns The position after it.
 */
export function putUint(bytes: Uint8Array, p: number, n: number): number {
  const end = p + decimalDigits(n);
  putDigits(bytes, end, n);
  return end;
}

/**
 * Writes a 32-bit word as an unsigned number in decimal at `p`, the word given as an int32
 * (`word | 0`): hot printers pass sequence numbers and timestamps so, since a number of
 * 2^31 or more passed to a function is a heap allocation, an int32 never.
 *
 * @returns The position after it.
 */
export function putUint32(bytes: Uint8Array, p: number, word: number): number {
  if (word >= 0) return putUint(bytes, p, word);
  // 2^31 to 2^32 - 1: ten digits, the first two in `high` (21 to 42).
  const n = word >>> 0;
  const high = (n / 1e8) | 0;
  return putPadded(bytes, putUint(bytes, p, high), (n - high * 1e8) | 0, 8);
}

/**
 * Writes a non-negative integer in decimal, zero-padded to `width` digits, at `p`.
 *
 * @returns The position after it.
 */
export function putPadded(bytes: Uint8Array, p: number, n: number, width: number): number {
  if (width >= 1 && width <= 9 && n < 1e9) {
    // A fraction or a clock field: the digits in pairs from the end, the zeros with them.
    const digits = n < POWERS_OF_TEN[width]! ? width : decimalDigits(n);
    let m = n | 0;
    let at = p + digits;
    const end = at;
    for (let left = digits; left > 1; left -= 2) {
      const q = (m / 100) | 0;
      const r = 2 * (m - q * 100);
      bytes[--at] = TWO_DIGITS[r + 1]!;
      bytes[--at] = TWO_DIGITS[r]!;
      m = q;
    }
    if (at > p) bytes[--at] = 0x30 + m;
    return end;
  }
  const digits = decimalDigits(n);
  for (let i = digits; i < width; i++) bytes[p++] = 0x30;
  const end = p + digits;
  putDigits(bytes, end, n);
  return end;
}

/**
 * Writes a dotted-quad IPv4 address read from `data` at `p`: at most 15 bytes.
 *
 * @returns The position after it.
 */
export function putIpv4(bytes: Uint8Array, p: number, data: Uint8Array, at: number): number {
  for (let i = 0; i < 4; i++) {
    if (i > 0) bytes[p++] = 0x2e;
    const b = 4 * data[at + i]!;
    const n = BYTE_DECIMAL[b]!;
    if (n === 3) bytes[p++] = BYTE_DECIMAL[b + 1]!;
    if (n >= 2) bytes[p++] = BYTE_DECIMAL[b + 2]!;
    bytes[p++] = BYTE_DECIMAL[b + 3]!;
  }
  return p;
}

/** Writes a 16-bit group of an IPv6 address in hex, without leading zeros. */
function putGroup(bytes: Uint8Array, p: number, group: number): number {
  if (group >= 0x1000) bytes[p++] = HEX[group >> 12]!;
  if (group >= 0x100) bytes[p++] = HEX[(group >> 8) & 15]!;
  if (group >= 0x10) bytes[p++] = HEX[(group >> 4) & 15]!;
  bytes[p++] = HEX[group & 15]!;
  return p;
}

/**
 * Writes an IPv6 address read from `data` at `p`, as `formatIpv6()` writes it: at most
 * 45 bytes.
 *
 * @returns The position after it.
 */
export function putIpv6(bytes: Uint8Array, p: number, data: Uint8Array, at: number): number {
  const layout = ipv6Layout(data, at);
  if (layout < 0) {
    p = putAscii(bytes, p, layout === IPV6_COMPATIBLE ? "::" : "::ffff:");
    return putIpv4(bytes, p, data, at + 12);
  }
  // The groups of the zero run, written "::".
  const start = layout > 0 ? layout >> 4 : -1;
  const end = layout > 0 ? start + (layout & 15) : -1;
  for (let i = 0; i < 8; i++) {
    if (i === start) {
      bytes[p++] = 0x3a;
      bytes[p++] = 0x3a;
      i = end - 1;
      continue;
    }
    if (i > 0 && i !== end) bytes[p++] = 0x3a;
    p = putGroup(bytes, p, (data[at + 2 * i]! << 8) | data[at + 2 * i + 1]!);
  }
  return p;
}

/**
 * Bytes of text, appended at `length` and grown on demand.
 *
 * @example Write a line
 * ```ts
 * import { ByteWriter } from "./_writer.ts";
 * import assert from "node:assert/strict";
 *
 * const out = new ByteWriter(4);
 * out.ascii("seq ");
 * out.uint(4294967295);
 * out.byte(0x0a);
 * assert.equal(out.text(), "seq 4294967295\n");
 * ```
 */
export class ByteWriter {
  /** The bytes; only the first `length` are written. */
  bytes: Uint8Array;
  /** How many bytes are written. */
  length = 0;

  /**
   * Makes an empty writer.
   *
   * @param capacity The initial size of the buffer in bytes.
   */
  constructor(capacity = 1 << 16) {
    this.bytes = new Uint8Array(Math.max(16, capacity));
  }

  /**
   * Makes room for `n` more bytes.
   *
   * @param n The bytes about to be written.
   */
  reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    bigger.set(this.bytes.subarray(0, this.length));
    this.bytes = bigger;
  }

  /**
   * Appends one byte.
   *
   * @param b The byte.
   */
  byte(b: number): void {
    if (this.length === this.bytes.length) this.reserve(1);
    this.bytes[this.length++] = b;
  }

  /**
   * Appends a string: ASCII byte for byte, anything else as UTF-8.
   *
   * @param text The text.
   */
  ascii(text: string): void {
    const n = text.length;
    this.reserve(n);
    const bytes = this.bytes;
    const p = this.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c > 0x7f) {
        this.length = p + i;
        this.#utf8(text.slice(i));
        return;
      }
      bytes[p + i] = c;
    }
    this.length = p + n;
  }

  /**
   * Appends text that {@linkcode asciiText} encoded (or any bytes).
   *
   * @param text The bytes of the text.
   */
  append(text: Uint8Array): void {
    this.reserve(text.length);
    this.length = putText(this.bytes, this.length, text);
  }

  #utf8(text: string): void {
    const encoded = encoder.encode(text);
    this.reserve(encoded.length);
    this.bytes.set(encoded, this.length);
    this.length += encoded.length;
  }

  /**
   * Appends a non-negative integer in decimal (negative ones with a minus sign).
   *
   * @param n The integer.
   */
  uint(n: number): void {
    this.reserve(17);
    if (n < 0) {
      this.bytes[this.length++] = 0x2d;
      n = -n;
    }
    this.length = putUint(this.bytes, this.length, n);
  }

  /**
   * Appends a non-negative integer in decimal, zero-padded to `width` digits.
   *
   * @param n The integer.
   * @param width The least number of digits.
   */
  padded(n: number, width: number): void {
    this.reserve(16 + width);
    this.length = putPadded(this.bytes, this.length, n, width);
  }

  /**
   * Appends a non-negative integer in lower-case hexadecimal, zero-padded to `width`.
   *
   * @param n The integer (below 2^53).
   * @param width The least number of digits.
   */
  hex(n: number, width = 1): void {
    // Below 2^32, shifts; above, divisions.
    const small = n < 4294967296;
    let digits = 1;
    if (small) { for (let m = n >>> 4; m !== 0; m >>>= 4) digits++; }
    else for (let m = n; m >= 16; m = Math.floor(m / 16)) digits++;
    if (digits < width) digits = width;
    this.reserve(digits);
    const bytes = this.bytes;
    let p = this.length + digits;
    this.length = p;
    if (small) {
      for (let i = 0, m = n >>> 0; i < digits; i++, m >>>= 4) bytes[--p] = HEX[m & 15]!;
      return;
    }
    for (let i = 0; i < digits; i++) {
      bytes[--p] = HEX[n % 16]!;
      n = Math.floor(n / 16);
    }
  }

  /**
   * Appends bytes as two hex digits each, without separators.
   *
   * @param data The bytes.
   * @param start The first byte.
   * @param end Past the last byte.
   */
  hexBytes(data: Uint8Array, start: number, end: number): void {
    this.reserve(2 * (end - start));
    const bytes = this.bytes;
    let p = this.length;
    for (let i = start; i < end; i++) {
      const b = data[i]!;
      bytes[p++] = HEX[b >> 4]!;
      bytes[p++] = HEX[b & 15]!;
    }
    this.length = p;
  }

  /**
   * Appends a dotted-quad IPv4 address read from `data`.
   *
   * @param data The bytes.
   * @param at The address's first byte.
   */
  ipv4(data: Uint8Array, at: number): void {
    this.reserve(15);
    this.length = putIpv4(this.bytes, this.length, data, at);
  }

  /**
   * Appends an IPv6 address read from `data`, as `formatIpv6()` writes it.
   *
   * @param data The bytes.
   * @param at The address's first byte.
   */
  ipv6(data: Uint8Array, at: number): void {
    this.reserve(45);
    this.length = putIpv6(this.bytes, this.length, data, at);
  }

  /**
   * Appends a colon-separated MAC address (or any link address) read from `data`.
   *
   * @param data The bytes.
   * @param at The address's first byte.
   * @param length Its length in bytes.
   */
  mac(data: Uint8Array, at: number, length = 6): void {
    this.reserve(3 * length);
    const bytes = this.bytes;
    let p = this.length;
    for (let i = 0; i < length; i++) {
      if (i > 0) bytes[p++] = 0x3a;
      const b = data[at + i]!;
      bytes[p++] = HEX[b >> 4]!;
      bytes[p++] = HEX[b & 15]!;
    }
    this.length = p;
  }

  /**
   * Returns the written bytes as text.
   *
   * @returns The text (decoded as UTF-8).
   */
  text(): string {
    return new TextDecoder().decode(this.bytes.subarray(0, this.length));
  }
}
