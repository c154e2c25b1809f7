/**
 * Bytes in hex inside a printer's output, as tcpdump's hex_print(),
 * hex_and_ascii_print() and print_unknown_data() write them: lines of 16 bytes, each
 * after an indent and the offset (`0x0010: `), the bytes in groups of two, and the ASCII
 * column for hex_and_ascii_print(). One format for all: {@linkcode hexdump}'s. Private to
 * `lib/print/`.
 *
 * @module
 */

import type { PrintContext } from "./context.ts";
import { hexdump } from "../output/hexdump.ts";

/** The indent of {@linkcode hexdump}'s own lines. */
const NEWLINE_TAB = "\n\t";

function dump(
  ctx: PrintContext,
  indent: string,
  from: number,
  to: number,
  ascii: boolean,
  data: Uint8Array,
): void {
  if (to <= from) return;
  const out = ctx.out;
  const text = hexdump(data.subarray(from, to), { ascii });
  if (indent === NEWLINE_TAB) {
    out.byte(0x0a);
    out.ascii(text);
    return;
  }
  for (const line of text.split("\n")) {
    out.ascii(indent);
    out.ascii(line.slice(1));
  }
}

/**
 * Prints the bytes `[from, to)` as tcpdump's hex_print() does: each line of 16 bytes
 * after `indent` and the offset, no ASCII column.
 *
 * @param ctx The print context.
 * @param indent What starts each line (`"\n\t"`...).
 * @param from The first byte.
 * @param to Just past the last byte.
 * @param data The bytes (the packet's by default).
 */
export function hexPrint(
  ctx: PrintContext,
  indent: string,
  from: number,
  to: number,
  data: Uint8Array = ctx.data,
): void {
  dump(ctx, indent, from, to, false, data);
}

/**
 * Prints the bytes `[from, to)` as tcpdump's hex_and_ascii_print() does (its default
 * print of bytes it cannot name, and `-X`): each line of 16 bytes after a new line and a
 * tab, the ASCII column after the hex.
 *
 * @param ctx The print context.
 * @param from The first byte.
 * @param to Just past the last byte.
 * @param data The bytes (the packet's by default).
 * @param indent What starts each line (a new line and a tab by default).
 */
export function hexAndAsciiPrint(
  ctx: PrintContext,
  from: number,
  to: number,
  data: Uint8Array = ctx.data,
  indent: string = NEWLINE_TAB,
): void {
  dump(ctx, indent, from, to, true, data);
}

/**
 * Prints `length` bytes from `at` as tcpdump's print_unknown_data() does: as
 * {@linkcode hexPrint}, no further than the captured bytes, or tcpdump's dissector error
 * when `at` lies past them.
 *
 * @param ctx The print context.
 * @param at The first byte.
 * @param length How many bytes (fewer when the capture ends first).
 * @param indent What starts each line (`"\n\t"`...).
 * @param end Where tcpdump's captured bytes end (its snapend; the IP packet's end where a
 *   shorter UDP length ends the layer first).
 */
export function unknownData(
  ctx: PrintContext,
  at: number,
  length: number,
  indent: string,
  end: number = ctx.end,
): void {
  if (at > end) {
    ctx.out.ascii(indent);
    ctx.out.ascii("Dissector error: print_unknown_data called with pointer past end of packet");
    return;
  }
  hexPrint(ctx, indent, at, Math.min(end, at + length));
}
