/**
 * OTV as tcpdump's otv_print() writes it: the flags, overlay and instance, then on a new
 * line the Ethernet frame inside.
 *
 * @module
 */

import { truncatedRead } from "../_truncation.ts";
import { otvTooShort } from "../transport/_empty_payload.ts";
import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import type { Otv } from "../../net/otv.ts";
import { etherAfterTunnel } from "./_ether_tunnel.ts";

/**
 * Prints an OTV header.
 *
 * @param ctx The print context.
 * @param otv The layer.
 * @param next The layer after it.
 */
export function printOtv(ctx: PrintContext, otv: Otv, next: Layer | undefined): void {
  const out = ctx.out;
  out.ascii("OTV, ");
  const length = otv.wireLength;
  if (length < 8) return otvTooShort(ctx, length, otv.end - otv.offset);
  // Each field is read with a bounds-checked read, printed with its label once read.
  out.ascii(otv.instanceValid ? "flags [I] (0x" : "flags [.] (0x");
  out.hex(otv.flags, 2);
  out.ascii("), ");
  if (otv.overlayId < 0) return truncatedRead(ctx, "otv");
  out.ascii(`overlay ${otv.overlayId}, `);
  if (otv.instanceId < 0) return truncatedRead(ctx, "otv");
  out.ascii(`instance ${otv.instanceId}\n`);
  if (otv.reserved < 0) return truncatedRead(ctx, "otv");
  etherAfterTunnel(ctx, otv, length, next);
}
