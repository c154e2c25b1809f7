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

/** The number of decimal digits of a non-negative integer. */
function decimalDigits(n: number): number {
  if (n < 100000) return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : 5;
  if (n < 1e10) return n < 1e6 ? 6 : n < 1e7 ? 7 : n < 1e8 ? 8 : n < 1e9 ? 9 : 10;
  let digits = 11;
  for (let m = n / 1e11; m >= 1; m /= 10) digits++;
  return digits;
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
    let p = this.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c > 0x7f) {
        this.length = p;
        this.#utf8(text.slice(i));
        return;
      }
      bytes[p++] = c;
    }
    this.length = p;
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
    if (n < 0) {
      this.byte(0x2d);
      n = -n;
    }
    this.#decimal(n, decimalDigits(n));
  }

  /**
   * Appends a non-negative integer in decimal, zero-padded to `width` digits.
   *
   * @param n The integer.
   * @param width The least number of digits.
   */
  padded(n: number, width: number): void {
    const digits = decimalDigits(n);
    if (digits < width) {
      this.reserve(width);
      for (let i = digits; i < width; i++) this.bytes[this.length++] = 0x30;
    }
    this.#decimal(n, digits);
  }

  /** Writes the `digits` decimal digits of a non-negative integer. */
  #decimal(n: number, digits: number): void {
    this.reserve(digits);
    const bytes = this.bytes;
    let p = this.length + digits;
    this.length = p;
    // Above 2^31 - 1, one division splits off the low nine digits; the rest is int32
    // arithmetic, which the compiler turns into multiplications.
    while (n > 0x7fffffff) {
      const high = Math.floor(n / 1e9);
      let low = (n - high * 1e9) | 0;
      for (let i = 0; i < 9; i++) {
        const q = (low / 10) | 0;
        bytes[--p] = 0x30 + (low - q * 10);
        low = q;
      }
      n = high;
    }
    let m = n | 0;
    while (m >= 10) {
      const q = (m / 10) | 0;
      bytes[--p] = 0x30 + (m - q * 10);
      m = q;
    }
    bytes[--p] = 0x30 + m;
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
    const bytes = this.bytes;
    let p = this.length;
    for (let i = 0; i < 4; i++) {
      if (i > 0) bytes[p++] = 0x2e;
      const b = 4 * data[at + i]!;
      const n = BYTE_DECIMAL[b]!;
      if (n === 3) bytes[p++] = BYTE_DECIMAL[b + 1]!;
      if (n >= 2) bytes[p++] = BYTE_DECIMAL[b + 2]!;
      bytes[p++] = BYTE_DECIMAL[b + 3]!;
    }
    this.length = p;
  }

  /**
   * Appends an IPv6 address read from `data`, as `formatIpv6()` writes it.
   *
   * @param data The bytes.
   * @param at The address's first byte.
   */
  ipv6(data: Uint8Array, at: number): void {
    const layout = ipv6Layout(data, at);
    if (layout < 0) {
      this.ascii(layout === IPV6_COMPATIBLE ? "::" : "::ffff:");
      this.ipv4(data, at + 12);
      return;
    }
    // The groups of the zero run, written "::".
    const start = layout > 0 ? layout >> 4 : -1;
    const end = layout > 0 ? start + (layout & 15) : -1;
    for (let i = 0; i < 8; i++) {
      if (i === start) {
        this.reserve(2);
        this.bytes[this.length++] = 0x3a;
        this.bytes[this.length++] = 0x3a;
        i = end - 1;
        continue;
      }
      if (i > 0 && i !== end) this.byte(0x3a);
      this.hex((data[at + 2 * i]! << 8) | data[at + 2 * i + 1]!);
    }
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
