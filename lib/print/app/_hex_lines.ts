/**
 * Bytes in hex as tcpdump's print_unknown_data() (hex_print()) writes them inside a
 * protocol's output. Private to `lib/print/app/`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";

/**
 * Writes `length` bytes from `start` (no further than `captured`) as lines of eight
 * 16-bit groups, each line after `indent` and an offset.
 *
 * @param ctx The print context.
 * @param data The bytes.
 * @param start The first byte.
 * @param length How many bytes to write.
 * @param captured Where the captured bytes end.
 * @param indent What starts each line (`"\n\t"`).
 */
export function hexLines(
  ctx: PrintContext,
  data: Uint8Array,
  start: number,
  length: number,
  captured: number,
  indent = "\n\t",
): void {
  const out = ctx.out;
  const end = Math.min(start + length, captured);
  let offset = 0;
  for (let at = start; at < end; at += 2) {
    if ((at - start) % 16 === 0) {
      out.ascii(indent);
      out.ascii("0x");
      out.hex(offset, 4);
      out.ascii(": ");
      offset += 16;
    }
    out.byte(0x20);
    out.hex(data[at]!, 2);
    if (at + 1 < end) out.hex(data[at + 1]!, 2);
  }
}
