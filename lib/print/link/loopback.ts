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
  if (!ctx.link) return;
  const out = ctx.out;
  const family = loopback.family;
  const name = family === 2
    ? "IPv4"
    : family === 24 || family === 28 || family === 30
    ? "IPv6"
    : family === 7
    ? "ISO"
    : family === 23
    ? "IPX"
    : "Unknown";
  out.ascii("AF ");
  out.ascii(name);
  out.ascii(" (");
  out.uint(family);
  out.ascii("), length ");
  out.uint(ctx.originalLength);
  out.ascii(": ");
}
