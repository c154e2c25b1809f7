/**
 * The Ethernet frame behind an 8-byte UDP tunnel header (VXLAN, OTV), as those printers
 * hand it to tcpdump's ether_print(): the frame's length is the message's less the header,
 * its captured bytes run to the IP packet's end. Private to `lib/print/`.
 *
 * @module
 */

import { invalid, truncated } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { LayerBase } from "../../layer.ts";
import type { Layer } from "../../layer_map.ts";

/**
 * Prepares the printing of the frame after an 8-byte tunnel header, or prints why there is
 * none.
 *
 * @param ctx The print context.
 * @param tunnel The tunnel's layer.
 * @param wireLength The tunnel message's length on the wire (header and frame).
 * @param next The layer after the tunnel's.
 */
export function etherAfterTunnel(
  ctx: PrintContext,
  tunnel: LayerBase,
  wireLength: number,
  next: Layer | undefined,
): void {
  ctx.tunnelLength = wireLength - 8;
  // ether_print() finds more bytes captured (to the IP packet's end) than the length it
  // was given (a UDP length below the IP payload's).
  const available = (ctx.networkLayer?.end ?? tunnel.end) - (tunnel.offset + 8);
  if (ctx.tunnelLength < available) {
    ctx.out.ascii(`[length ${ctx.tunnelLength} < caplen ${available}]`);
    invalid(ctx);
    ctx.done = true;
    return;
  }
  if (next === undefined && ctx.error === undefined) {
    // The frame's 14 bytes were not captured (or none at all).
    truncated(ctx, "ether");
    ctx.done = true;
  }
}
