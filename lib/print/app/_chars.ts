/**
 * Characters as tcpdump's application printers write them (`fn_print_char()`,
 * `nd_printn()`, `nd_printjnp()`, `nd_printztn()`). Private to `lib/print/app/`.
 *
 * @module
 */

import type { ByteWriter } from "../_writer.ts";
import type { PrintContext } from "../context.ts";

/** One byte as tcpdump's fn_print_char() writes it: `M-` for the high bit, `^X` for control. */
export function printChar(out: ByteWriter, c: number): void {
  if (c >= 0x80) {
    c &= 0x7f;
    out.ascii("M-");
  }
  if (c < 0x20 || c === 0x7f) {
    c ^= 0x40;
    out.byte(0x5e);
  }
  out.byte(c);
}

/**
 * Bytes `[start, end)` as tcpdump's nd_printn() writes them, but no further than
 * `captured`.
 *
 * @returns `true` when the captured bytes ran out first.
 */
export function printChars(
  out: ByteWriter,
  data: Uint8Array,
  start: number,
  end: number,
  captured: number,
): boolean {
  const stop = Math.min(end, captured);
  for (let i = start; i < stop; i++) printChar(out, data[i]!);
  return end > captured;
}

/**
 * Up to `n` bytes from `start`, stopping at a NUL, as tcpdump's nd_printjnp() writes them.
 *
 * @returns `true` when the captured bytes ran out first.
 */
export function printCharsUntilNul(
  out: ByteWriter,
  data: Uint8Array,
  start: number,
  n: number,
  captured: number,
): boolean {
  for (let i = start; i < start + n; i++) {
    if (i >= captured) return true;
    const c = data[i]!;
    if (c === 0) break;
    printChar(out, c);
  }
  return false;
}

/**
 * Ends a packet's output as tcpdump does when it reads a field past the captured bytes
 * (its `GET_` macros jump out of the printers): ` [|name]`, and the `-x`/`-X` dump then
 * starts at the frame's first byte, since tcpdump forgets the link header's length.
 *
 * @param ctx The print context.
 * @param name The protocol's tcpdump name.
 */
export function endEarly(ctx: PrintContext, name: string): void {
  ctx.out.ascii(` [|${name}]`);
  ctx.linkEnd = ctx.start;
  ctx.done = true;
}
