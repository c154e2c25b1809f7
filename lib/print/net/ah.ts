/**
 * The IPsec authentication header as tcpdump's ah_print() writes it.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Ah } from "../../net/ah.ts";
import { protocolFallback } from "../_shared.ts";
import { truncatedRead } from "../_truncation.ts";

/** The Mobility header's numbers: ip6_print() reads it, ip_demux_print() after AH does not. */
const MOBILITY: ReadonlySet<number> = new Set([62, 135]);

/**
 * Prints an authentication header: SPI, sequence number and ICV, with `-v` its length
 * first, and a reserved field that is not zero.
 *
 * @param ctx The print context.
 * @param layer The layer.
 */
export function printAh(ctx: PrintContext, layer: Ah): void {
  const out = ctx.out;
  // tcpdump reads each field as it prints it: the first one past the capture ends the
  // packet.
  const captured = layer.headerLength;
  const cut = () => truncatedRead(ctx, "ah");
  out.ascii("AH(");
  if (ctx.verbose > 0) {
    out.ascii("length=");
    out.uint(layer.payloadLength);
    out.byte(0x28);
    out.uint(layer.declaredLength);
    out.ascii("-bytes),");
  }
  if (captured < 4) return cut();
  if (layer.reserved !== 0) {
    out.ascii("reserved=0x");
    out.hex(layer.reserved);
    out.ascii("[MustBeZero],");
  }
  if (captured < 8) return cut();
  out.ascii("spi=0x");
  out.hex(layer.spi, 8);
  out.byte(0x2c);
  if (captured < 12 && layer.truncated) return cut();
  out.ascii("seq=0x");
  out.hex(layer.sequenceNumber);
  out.ascii(",icv=0x");
  out.hexBytes(
    layer.data,
    Math.min(layer.offset + 12, layer.offset + captured),
    layer.offset + captured,
  );
  if (layer.truncated) return cut();
  out.ascii("): ");
  if (MOBILITY.has(layer.nextHeader)) {
    protocolFallback(ctx, layer.nextHeader, ctx.ipEnd - (layer.offset + layer.headerLength));
    ctx.done = true;
  }
}
