/**
 * NFLOG as tcpdump's nflog_if_print() writes it: the header with `-e`, then the logged
 * IPv4 or IPv6 packet.
 *
 * @module
 */

import { truncated } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Nflog } from "../../link/nflog.ts";

/**
 * Prints an NFLOG header: nothing but with `-e` (or for a family other than IP), then
 * lets the logged packet's printer go on.
 *
 * @param ctx The print context.
 * @param nflog The layer.
 */
export function printNflog(ctx: PrintContext, nflog: Nflog): void {
  const out = ctx.out;
  ctx.linkEnd = nflog.offset + nflog.headerLength;
  if (nflog.version !== 0) {
    out.ascii("version ");
    out.uint(nflog.version);
    out.ascii(" (unknown)");
    ctx.done = true;
    return;
  }
  if (ctx.link) header(ctx, nflog, ctx.originalLength);
  if (nflog.attributesCut) {
    truncated(ctx, "nflog");
    ctx.done = true;
    return;
  }
  if (!ctx.link && nflog.family !== 2 && nflog.family !== 10) {
    header(ctx, nflog, ctx.originalLength - nflog.headerLength + 4);
  }
}

function header(ctx: PrintContext, nflog: Nflog, length: number): void {
  const out = ctx.out;
  out.ascii("version ");
  out.uint(nflog.version);
  out.ascii(", resource ID ");
  out.uint(nflog.resourceId);
  const name = nflog.family === 2 ? "IPv4" : nflog.family === 10 ? "IPv6" : undefined;
  if (!ctx.quiet) {
    out.ascii(", family ");
    out.ascii(name ?? "Unknown");
    out.ascii(" (");
    out.uint(nflog.family);
    out.byte(0x29);
  } else {
    out.ascii(", ");
    out.ascii(name ?? `Unknown NFLOG (0x${nflog.family.toString(16).padStart(2, "0")})`);
  }
  out.ascii(", length ");
  out.uint(length);
  out.ascii(": ");
}
