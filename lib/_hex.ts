/**
 * Hex text to bytes and back: the one hex encoder and decoder of wirekit. Private to the
 * package; the public `toHex()` of `./output/json.ts` is {@linkcode encodeHex}.
 *
 * @module
 */

/** The two lowercase hex digits of each byte value, by value. */
export const BYTE_HEX: readonly string[] = Array.from(
  { length: 256 },
  (_, i) => i.toString(16).padStart(2, "0"),
);

/**
 * Formats bytes as lowercase hex, two digits a byte, with no separator.
 *
 * @param bytes The bytes.
 * @returns The hex text.
 *
 * @example Three bytes
 * ```ts
 * import { encodeHex } from "./_hex.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(encodeHex(new Uint8Array([0x0a, 0xff, 0])), "0aff00");
 * ```
 */
export function encodeHex(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i++) text += BYTE_HEX[bytes[i]!]!;
  return text;
}

/** The value of the hex digit of char code `c`, or -1 when it is not one. */
function digit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30; // 0-9
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10; // a-f, A-F
  return -1;
}

/** Whether char code `c` is ASCII white space: space, tab, line feed, carriage return... */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/**
 * Parses hex text into bytes, two digits a byte, in either case. White space anywhere is
 * ignored, so that a dump such as `tcpdump -x` prints pastes as it is.
 *
 * @param text The hex text.
 * @returns The bytes.
 * @throws {SyntaxError} When a character is neither a hex digit nor white space.
 * @throws {RangeError} When the number of digits is odd.
 *
 * @example Parse a spaced dump, and reject an odd number of digits
 * ```ts
 * import { decodeHex } from "./_hex.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(decodeHex("4500 00Ff\n01"), new Uint8Array([0x45, 0, 0, 0xff, 1]));
 * assert.throws(() => decodeHex("abc"), RangeError);
 * ```
 */
export function decodeHex(text: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(text.length >> 1);
  let count = 0;
  let high = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const value = digit(c);
    if (value < 0) {
      if (isSpace(c)) continue;
      throw new SyntaxError(
        `Cannot decode hex: ${JSON.stringify(text[i])} at index ${i} is not a hex digit`,
      );
    }
    if (high < 0) {
      high = value;
    } else {
      bytes[count++] = (high << 4) | value;
      high = -1;
    }
  }
  if (high >= 0) {
    throw new RangeError(
      `Cannot decode hex: an even number of digits is required, received ${count * 2 + 1}`,
    );
  }
  return count === bytes.length ? bytes : bytes.slice(0, count);
}

/**
 * Formats a number as lowercase hex of at least two digits (`%02x`).
 *
 * @param n A non-negative integer.
 * @returns The digits.
 */
export function hex2(n: number): string {
  return n.toString(16).padStart(2, "0");
}
