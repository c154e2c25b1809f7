/**
 * BSD loopback (NULL and LOOP) headers as tcpdump's null_print() writes them with `-e`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Loopback } from "../../link/loopback.ts";

/**
 * Prints a loopback header (with `-e`).
 *
 * @param ctx The print context.
 * @param loopback The layer.
 */
export function printLoopback(ctx: PrintContext, loopback: Loopback): void {
  ctx.linkEnd = loopback.offset + loopback.headerLength;
  if (ctx.link) loopbackHeader(ctx, loopback.family);
}

/**
 * Writes a loopback header as tcpdump's null_hdr_print() does: `AF IPv4 (2), length N: `,
 * with `-q` only the name (`Unknown AF 99` for a family it does not name). tcpdump prints
 * it with `-e`, and without for a family it does not decode.
 *
 * @param ctx The print context.
 * @param family The address family.
 */
export function loopbackHeader(ctx: PrintContext, family: number): void {
  const out = ctx.out;
  const name = family === 2
    ? "IPv4"
    : family === 24 || family === 28 || family === 30
    ? "IPv6"
    : family === 7
    ? "ISO"
    : family === 23
    ? "IPX"
    : undefined;
  if (!ctx.quiet) {
    out.ascii("AF ");
    out.ascii(name ?? "Unknown");
    out.ascii(" (");
    out.uint(family);
    out.byte(0x29);
  } else if (name !== undefined) out.ascii(name);
  else {
    out.ascii("Unknown AF ");
    out.uint(family);
  }
  out.ascii(", length ");
  // The frame's length: after a PKTAP or PPI header, what that header's printer left.
  out.uint(ctx.frameLength >= 0 ? ctx.frameLength : ctx.originalLength);
  out.ascii(": ");
}
