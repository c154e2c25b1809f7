/**
 * Text protocols over TCP as tcpdump's txtproto_print() writes them: the protocol's
 * name, then the first line, or with `-v` the length and every line. Private to
 * `lib/print/`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { TextLayer } from "../../app/_text.ts";

/**
 * Prints a text protocol's segment.
 *
 * @param ctx The print context.
 * @param layer The layer (its lines).
 * @param name The protocol's name in capitals (`HTTP`).
 * @param printThis Whether the lines are printed (HTTP prints only a message's start).
 */
export function printText(
  ctx: PrintContext,
  layer: TextLayer,
  name: string,
  printThis = true,
): void {
  const out = ctx.out;
  ctx.done = true;
  out.ascii(": ");
  out.ascii(name);
  if (!printThis) return;
  const length = ctx.network ? Math.max(0, ctx.ipEnd - layer.offset) : layer.end - layer.offset;
  const cut = layer.end < layer.offset + length;
  const { lines } = layer.textLines;
  const d = layer.data;
  const line = (index: number, prefix: string): boolean => {
    const l = lines[index];
    if (l === undefined) return false;
    if (l.terminated) {
      out.ascii(prefix);
      out.ascii(String.fromCharCode(...d.subarray(l.start, l.end)));
      return true;
    }
    // The bytes ran out: the capture cut the line, the segment ends mid-line (printed,
    // marked truncated), or the segment ends in a CR (not printed).
    if (cut) out.ascii(` [|${name.toLowerCase()}]`);
    else if (l.end === layer.end) {
      out.ascii(prefix);
      out.ascii(String.fromCharCode(...d.subarray(l.start, l.end)));
      out.ascii(` [|${name.toLowerCase()}]`);
    }
    return false;
  };
  if (ctx.verbose > 0) {
    out.ascii(", length: ");
    out.uint(length);
    for (let i = 0; line(i, "\n\t"); i++);
  } else {
    line(0, ": ");
  }
}
