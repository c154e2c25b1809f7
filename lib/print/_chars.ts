/**
 * Characters as tcpdump's printers write them: `fn_print_char()` for one byte,
 * `nd_printn()` for a counted string, `nd_printjnp()` for a counted string that a NUL may
 * end early. Private to `lib/print/`.
 *
 * @module
 */

import type { ByteWriter } from "./_writer.ts";

/**
 * Prints one byte as tcpdump's fn_print_char() does: `M-` for the high bit, `^` and the
 * letter for a control character (`^?` for DEL), anything else as it is.
 *
 * @param out The output.
 * @param c The byte.
 */
export function printChar(out: ByteWriter, c: number): void {
  if (c >= 0x80) {
    c &= 0x7f;
    out.byte(0x4d);
    out.byte(0x2d);
  }
  if (c < 0x20 || c === 0x7f) {
    c ^= 0x40;
    out.byte(0x5e);
  }
  out.byte(c);
}

/**
 * Prints the bytes `[start, end)` as tcpdump's nd_printn() does, no further than
 * `captured`.
 *
 * @param out The output.
 * @param data The bytes.
 * @param start The first byte.
 * @param end Just past the last byte.
 * @param captured Where the captured bytes end.
 * @returns `true` when the captured bytes ran out first.
 */
export function printChars(
  out: ByteWriter,
  data: Uint8Array,
  start: number,
  end: number,
  captured: number = end,
): boolean {
  const stop = Math.min(end, captured);
  for (let i = start; i < stop; i++) printChar(out, data[i]!);
  return end > captured;
}

/**
 * Prints up to `n` bytes from `start`, stopping at a NUL, as tcpdump's nd_printjnp()
 * does, no further than `captured`.
 *
 * @param out The output.
 * @param data The bytes.
 * @param start The first byte.
 * @param n The most bytes to print.
 * @param captured Where the captured bytes end.
 * @returns `true` when the captured bytes ran out before a NUL or the `n`th byte.
 */
export function printCharsUntilNul(
  out: ByteWriter,
  data: Uint8Array,
  start: number,
  n: number,
  captured: number = start + n,
): boolean {
  for (let i = start; i < start + n; i++) {
    if (i >= captured) return true;
    const c = data[i]!;
    if (c === 0) break;
    printChar(out, c);
  }
  return false;
}
