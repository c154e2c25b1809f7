/**
 * SIP as tcpdump's sip_print() (txtproto_print()) writes it: the first line, or at `-v`
 * every text line.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Sip } from "../../app/sip.ts";
import type { TextLine } from "../../app/_text_lines.ts";
import { endEarly } from "./_chars.ts";

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
  const { lines, stop, partial } = sip.lines(verbose ? Infinity : 1);
  const line = (l: TextLine) => {
    out.ascii(verbose ? "\n\t" : ": ");
    out.ascii(String.fromCharCode(...sip.data.subarray(l.start, l.end)));
  };
  for (const l of lines) line(l);
  if (stop === "unterminated" && partial !== undefined) {
    line(partial);
    out.ascii(" [|sip]");
  } else if (stop === "cut") endEarly(ctx, "sip");
}
