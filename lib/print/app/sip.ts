/**
 * SIP as tcpdump's sip_print() (txtproto_print()) writes it: the first line, or at `-v`
 * every text line.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Sip } from "../../app/sip.ts";
import { printTextLines } from "./_text.ts";

/**
 * Prints a SIP message after its UDP header.
 *
 * @param ctx The print context.
 * @param sip The layer.
 */
export function printSip(ctx: PrintContext, sip: Sip): void {
  const out = ctx.out;
  ctx.done = true;
  out.ascii("SIP");
  if (!sip.recognized) return;
  const verbose = ctx.verbose > 0;
  if (verbose) out.ascii(`, length: ${sip.wireLength}`);
  const text = sip.lines(verbose ? Infinity : 1);
  printTextLines(ctx, sip.data, text, sip.offset + sip.wireLength, "sip");
}
