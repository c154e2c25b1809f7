/**
 * Text protocols as tcpdump's txtproto_print() writes them: the protocol's name, then
 * the first line, or with `-v` the length and every line. Private to `lib/print/`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { TextLayer, TextLines } from "../../app/_text.ts";
import { truncated, truncatedRead } from "../_truncation.ts";
import { latin1 } from "../../_bytes.ts";

/**
 * Prints a text message's lines as tcpdump's print_txt_line() does: each complete line
 * after `: ` (the first line) or, at `-v`, a new line and a tab; an unterminated last line
 * marked ` [|name]`, nothing of a line whose CR ends the message; ` [|name]` where the
 * captured bytes end first.
 *
 * @param ctx The print context.
 * @param data The packet bytes.
 * @param text The lines (only the first without `-v`).
 * @param messageEnd Where the message ends on the wire.
 * @param name tcpdump's name of the protocol (`http`).
 */
export function printTextLines(
  ctx: PrintContext,
  data: Uint8Array,
  text: TextLines,
  messageEnd: number,
  name: string,
): void {
  const out = ctx.out;
  const prefix = ctx.verbose > 0 ? "\n\t" : ": ";
  const line = (start: number, end: number) => {
    out.ascii(prefix);
    out.ascii(latin1(data, start, end));
  };
  for (const l of text.lines) line(l.start, l.end);
  const partial = text.partial;
  if (text.stop === "unterminated" && partial !== undefined && partial.end === messageEnd) {
    line(partial.start, partial.end);
    truncated(ctx, name);
  } else if (text.stop === "cut") truncatedRead(ctx, name);
}

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
  const verbose = ctx.verbose > 0;
  if (verbose) {
    out.ascii(", length: ");
    out.uint(length);
  }
  const text = layer.linesOf(length, verbose ? Infinity : 1);
  printTextLines(ctx, layer.data, text, layer.offset + length, name.toLowerCase());
}
