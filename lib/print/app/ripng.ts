/**
 * RIPng as tcpdump's ripng_print() writes it.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Ripng, RipngEntry } from "../../app/ripng.ts";
import { truncatedRead } from "../_truncation.ts";

/**
 * Prints a RIPng message after its UDP header.
 *
 * @param ctx The print context.
 * @param rip The layer.
 */
export function printRipng(ctx: PrintContext, rip: Ripng): void {
  const out = ctx.out;
  ctx.done = true;
  if (rip.version === undefined) {
    truncatedRead(ctx, "ripng");
    return;
  }
  if (rip.version !== 1) {
    out.ascii(` [vers ${rip.version}] (invalid)`);
    return;
  }
  const length = rip.wireLength;
  const command = rip.command;
  if (command !== 1 && command !== 2) {
    out.ascii(` ripng-${command} ?? ${length} (invalid)`);
    return;
  }
  if (length < 4) {
    out.ascii(" (invalid)");
    return;
  }
  const { entries, truncated, left } = rip.entries();
  const count = Math.floor((length - 4) / 20);
  if (command === 1 && count === 1) {
    const first = entries[0];
    if (first === undefined) {
      truncatedRead(ctx, "ripng");
      return;
    }
    if (first.metric === 16 && first.prefix === "::") {
      out.ascii(" ripng-req dump");
      return;
    }
  }
  const name = command === 1 ? "req" : "resp";
  out.ascii(
    count * 20 !== length - 4 ? ` ripng-${name} ${count}[${length}]:` : ` ripng-${name} ${count}:`,
  );
  for (const entry of entries) {
    out.ascii(ctx.verbose > 1 ? "\n\t" : " ");
    printEntry(ctx, entry, command === 2);
  }
  if (truncated) {
    out.ascii(ctx.verbose > 1 ? "\n\t" : " ");
    truncatedRead(ctx, "ripng");
  } else if (left !== 0) out.ascii(" (invalid)");
}

function printEntry(ctx: PrintContext, entry: RipngEntry, metric: boolean): void {
  const out = ctx.out;
  out.ascii(`${entry.prefix}/${entry.prefixLength}`);
  if (entry.tag !== 0) out.ascii(` [${entry.tag}]`);
  if (entry.metric !== 0 && metric) out.ascii(` (${entry.metric})`);
}
