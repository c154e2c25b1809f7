/**
 * IP over InfiniBand as tcpdump's ipoib_if_print() writes it.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Ipoib } from "../../link/ipoib.ts";
import { ETHERTYPE_NAMES } from "../_names.ts";
import { etherType } from "../_shared.ts";

/**
 * Prints tcpdump's ipoib_hdr_print(): the EtherType (named only, with `-q`) and the
 * length, after a ", ".
 *
 * @param ctx The print context.
 * @param ipoib The layer.
 */
export function printIpoibType(ctx: PrintContext, ipoib: Ipoib): void {
  const out = ctx.out;
  out.ascii(", ");
  if (ctx.quiet) out.ascii(`ethertype ${ETHERTYPE_NAMES.get(ipoib.etherType) ?? "Unknown"}`);
  else etherType(ctx, ipoib.etherType);
  out.ascii(", length ");
  out.uint(ctx.originalLength);
  out.ascii(": ");
}

/**
 * Prints an IPoIB header with `-e` (without, the header prints only when nothing decodes
 * its payload, see `_undecoded.ts`).
 *
 * @param ctx The print context.
 * @param ipoib The layer.
 */
export function printIpoib(ctx: PrintContext, ipoib: Ipoib): void {
  ctx.linkEnd = ipoib.offset + ipoib.headerLength;
  if (!ctx.link) return;
  ctx.out.ascii("IPOIB");
  printIpoibType(ctx, ipoib);
}
