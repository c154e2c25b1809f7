/**
 * IPsec ESP as tcpdump's esp_print() writes it (without keys: the payload stays opaque).
 *
 * @module
 */

import { truncated } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Esp } from "../../net/esp.ts";

/**
 * Prints an ESP header: SPI, sequence number and length; nothing after it.
 *
 * @param ctx The print context.
 * @param layer The layer.
 */
export function printEsp(ctx: PrintContext, layer: Esp): void {
  const out = ctx.out;
  ctx.done = true;
  // tcpdump's esp_print() wants a byte past the 8-byte header (within the IP length).
  const end = ctx.network ? Math.min(ctx.end, ctx.ipEnd) : ctx.end;
  if (layer.offset + 8 >= end) {
    truncated(ctx, "esp");
    return;
  }
  out.ascii("ESP(spi=0x");
  out.hex(layer.spi, 8);
  out.ascii(",seq=0x");
  out.hex(layer.sequenceNumber);
  out.ascii("), length ");
  out.uint(ctx.ipEnd - layer.offset);
}
