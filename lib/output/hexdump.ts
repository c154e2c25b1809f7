/**
 * Hex dumps in tcpdump's formats: `-X` (hex and ASCII) and `-x` (hex only).
 *
 * @module
 */

/** Options of {@linkcode hexdump}. */
export interface HexdumpOptions {
  /**
   * Print the ASCII column, as `tcpdump -X` does (default `true`); `false` prints the hex
   * only, as `tcpdump -x` does.
   */
  ascii?: boolean;
  /**
   * The offset printed for the first byte (default 0), as when dumping a payload that
   * starts partway into a packet.
   */
  offset?: number;
}

const BYTES_PER_LINE = 16;
/** The width of the hex column of a full line: eight groups of " xxxx". */
const HEX_COLUMN = 40;
const TAB = 0x09;
const NEWLINE = 0x0a;
const SPACE = 0x20;
const DOT = 0x2e;
const COLON = 0x3a;
const ZERO = 0x30;
const LOWER_X = 0x78;

/** The character codes of the lowercase hex digits. */
const DIGITS = new Uint8Array([...("0123456789abcdef")].map((c) => c.charCodeAt(0)));
/** The high and low hex digit of each byte value, as character codes. */
const HIGH = new Uint8Array(256);
const LOW = new Uint8Array(256);
/** What the ASCII column shows for each byte value: itself when graphic, else `.`. */
const SHOWN = new Uint8Array(256);
for (let b = 0; b < 256; b++) {
  HIGH[b] = DIGITS[b >> 4]!;
  LOW[b] = DIGITS[b & 15]!;
  SHOWN[b] = b > 0x20 && b < 0x7f ? b : DOT;
}

const textDecoder = new TextDecoder();

/**
 * Formats bytes as tcpdump prints them with `-X` (or `-x`), line for line and byte for
 * byte: a tab, the offset as `0x%04x`, a colon, the bytes in groups of two as lowercase
 * hex, and with `-X` the bytes again as ASCII (graphic characters as themselves, space
 * and the rest as `.`), 16 bytes a line. A short last line is padded so that its ASCII
 * column lines up, as tcpdump does.
 *
 * The lines are joined by `\n`, with no newline after the last one; empty input gives
 * an empty string. `tcpdump -X` dumps the bytes after the link-layer header and
 * `tcpdump -XX` the whole frame: pass the bytes you mean.
 *
 * @param bytes The bytes to dump.
 * @param options ASCII column or not, and the first offset.
 * @returns The dump.
 *
 * @example Dump the start of an IPv4 header as `tcpdump -X` does
 * ```ts
 * import { hexdump } from "./hexdump.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([0x45, 0x00, 0x00, 0x54, 0x12, 0x34, 0x40, 0x00, 0x40, 0x01, 0x20]);
 * assert.equal(hexdump(bytes), "\t0x0000:  4500 0054 1234 4000 4001 20              E..T.4@.@..");
 * assert.equal(hexdump(bytes, { ascii: false }), "\t0x0000:  4500 0054 1234 4000 4001 20");
 * ```
 */
export function hexdump(bytes: Uint8Array, options: HexdumpOptions = {}): string {
  const ascii = options.ascii ?? true;
  const base = options.offset ?? 0;
  if (!Number.isSafeInteger(base) || base < 0) {
    throw new RangeError(
      `Cannot dump bytes: offset must be a non-negative integer, received ${base}`,
    );
  }
  const length = bytes.length;
  if (length === 0) return "";
  const lines = Math.ceil(length / BYTES_PER_LINE);
  const lastOffset = base + (lines - 1) * BYTES_PER_LINE;
  const maxDigits = Math.max(4, lastOffset.toString(16).length);
  // Tab, "0x", offset digits, colon, the hex column (with its leading space and the
  // separator), the ASCII column and the newline.
  const lineSize = 1 + 2 + maxDigits + 1 + 1 + HEX_COLUMN + (ascii ? 2 + BYTES_PER_LINE : 0) + 1;
  const out = new Uint8Array(lines * lineSize);
  let p = 0;
  for (let start = 0; start < length; start += BYTES_PER_LINE) {
    const stop = Math.min(start + BYTES_PER_LINE, length);
    if (start > 0) out[p++] = NEWLINE;
    out[p++] = TAB;
    out[p++] = ZERO;
    out[p++] = LOWER_X;
    const offset = base + start;
    let digits = 4;
    while (digits < maxDigits && offset >= 16 ** digits) digits++;
    for (let d = digits - 1; d >= 0; d--) {
      out[p++] = DIGITS[Math.floor(offset / 16 ** d) % 16]!;
    }
    out[p++] = COLON;
    out[p++] = SPACE;
    const hexStart = p;
    for (let i = start; i < stop; i++) {
      if (((i - start) & 1) === 0) out[p++] = SPACE;
      const b = bytes[i]!;
      out[p++] = HIGH[b]!;
      out[p++] = LOW[b]!;
    }
    if (!ascii) continue;
    const hexEnd = hexStart + HEX_COLUMN;
    while (p < hexEnd) out[p++] = SPACE;
    out[p++] = SPACE;
    out[p++] = SPACE;
    for (let i = start; i < stop; i++) out[p++] = SHOWN[bytes[i]!]!;
  }
  return textDecoder.decode(out.subarray(0, p));
}
