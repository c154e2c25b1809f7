/**
 * The one bounds and truncation convention of the printers, after tcpdump's
 * `nd_print_trunc()` and `nd_print_invalid()`: a printer checks that a field's bytes were
 * captured ({@linkcode captured}) before it prints the field; where they were not, it
 * prints ` [|proto]` after what it could print ({@linkcode truncated}) and stops. A field
 * whose value is impossible gets ` (invalid)`. Private to `lib/print/`.
 *
 * @module
 */

import type { PrintContext } from "./context.ts";

/**
 * Whether `length` bytes at `at` lie before `end` (tcpdump's `ND_TTEST_LEN`).
 *
 * @param end Where the captured bytes end (a layer's `end`).
 * @param at The first byte.
 * @param length How many bytes.
 * @returns `true` when all were captured.
 */
export function captured(end: number, at: number, length: number): boolean {
  return at >= 0 && length >= 0 && at + length <= end;
}

/**
 * Prints tcpdump's truncation mark ` [|proto]` and ends the packet's printing.
 *
 * @param ctx The print context.
 * @param proto tcpdump's name of the protocol (`domain`, `bootp`, `ntp`...).
 */
export function truncated(ctx: PrintContext, proto: string): void {
  const out = ctx.out;
  out.ascii(" [|");
  out.ascii(proto);
  out.byte(0x5d);
  ctx.done = true;
}

/**
 * Prints the truncation mark where tcpdump's printer stops on a read past the captured
 * bytes (a `GET_` macro's longjmp rather than a `ND_TCHECK` test): tcpdump then dumps the
 * whole packet with `-x`/`-X`/`-A`, the link header included.
 *
 * @param ctx The print context.
 * @param proto tcpdump's name of the protocol.
 */
export function truncatedRead(ctx: PrintContext, proto: string): void {
  truncated(ctx, proto);
  ctx.linkEnd = ctx.start;
}

/**
 * Prints tcpdump's ` (invalid)` mark after a field with an impossible value.
 *
 * @param ctx The print context.
 */
export function invalid(ctx: PrintContext): void {
  ctx.out.ascii(" (invalid)");
}

/**
 * Prints one byte as tcpdump's `fn_print_char()` does: `M-` for the high bit, `^` and the
 * letter for a control character.
 *
 * @param ctx The print context.
 * @param c The byte.
 */
export function printChar(ctx: PrintContext, c: number): void {
  const out = ctx.out;
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
 * Prints up to `n` bytes as tcpdump's `nd_printn()` does, stopping at `end`.
 *
 * @param ctx The print context.
 * @param data The bytes.
 * @param at The first byte.
 * @param n How many bytes to print.
 * @param end Where the captured bytes end.
 * @returns `true` when the bytes ran out before `n` were printed.
 */
export function printN(
  ctx: PrintContext,
  data: Uint8Array,
  at: number,
  n: number,
  end: number,
): boolean {
  while (n > 0 && at < end) {
    n--;
    printChar(ctx, data[at++]!);
  }
  return n !== 0;
}
