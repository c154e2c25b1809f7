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
 * @returns `undefined`, for the printers that return what they read.
 */
export function truncated(ctx: PrintContext, proto: string): undefined {
  markTruncated(ctx, proto);
  ctx.done = true;
  return undefined;
}

/**
 * Prints the truncation mark where tcpdump's printer stops on a read past the captured
 * bytes (a `GET_` macro's longjmp rather than a `ND_TCHECK` test): tcpdump then forgets the
 * link header's length and dumps the whole packet with `-x`/`-X`/`-A`.
 *
 * @param ctx The print context.
 * @param proto tcpdump's name of the protocol.
 */
export function truncatedRead(ctx: PrintContext, proto: string): void {
  truncated(ctx, proto);
  ctx.linkEnd = ctx.start;
}

/**
 * {@linkcode truncatedRead} for the printers that return whether the packet goes on.
 *
 * @param ctx The print context.
 * @param proto tcpdump's name of the protocol.
 * @returns `false`: the packet's printing ends.
 */
export function readCut(ctx: PrintContext, proto: string): false {
  truncatedRead(ctx, proto);
  return false;
}

/**
 * Prints the truncation mark of a failed `ND_TCHECK` in a tcpdump function whose caller
 * goes on: the mark alone, the packet's printing is not ended.
 *
 * @param ctx The print context.
 * @param proto tcpdump's name of the protocol.
 * @returns `true`, for the walks that return whether they printed their item.
 */
export function markTruncated(ctx: PrintContext, proto: string): true {
  const out = ctx.out;
  out.ascii(" [|");
  out.ascii(proto);
  out.byte(0x5d);
  return true;
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
 * Prints tcpdump's `truncated-ip6 - N bytes missing!` (ip6_print()) when an IPv6 packet's
 * length, by its payload length or jumbo payload option, is more than the wire carried
 * from its header on.
 *
 * @param ctx The print context.
 * @param ipAt Where the IPv6 header starts.
 * @param length The packet's length: 40 plus its payload length.
 * @param wire The length on the wire from the header on (default: the packet's from there).
 */
export function ipv6BytesMissing(
  ctx: PrintContext,
  ipAt: number,
  length: number,
  wire: number = ctx.originalLength - (ipAt - ctx.start),
): void {
  if (length <= wire) return;
  const out = ctx.out;
  out.ascii("truncated-ip6 - ");
  out.uint(length - wire);
  out.ascii(" bytes missing!");
}
