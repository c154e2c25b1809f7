/**
 * The Ethernet frame behind an 8-byte UDP tunnel header (VXLAN, OTV, VXLAN-GPE) or NSH's
 * header, as those printers hand it to tcpdump's ether_print(): the frame's length is the
 * message's less the header, its captured bytes run to the IP packet's end. Private to
 * `lib/print/`.
 *
 * @module
 */

import { invalid, truncated, truncatedRead } from "../_truncation.ts";
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
 * @param headerLength The tunnel header's length (8 but for NSH's).
 */
export function etherAfterTunnel(
  ctx: PrintContext,
  tunnel: LayerBase,
  wireLength: number,
  next: Layer | undefined,
  headerLength = 8,
): void {
  ctx.tunnelLength = wireLength - headerLength;
  // ether_print() finds more bytes captured (to the IP packet's end) than the length it
  // was given (a UDP length below the IP payload's).
  const available = (ctx.networkLayer?.end ?? tunnel.end) - (tunnel.offset + headerLength);
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

/**
 * Prepares the printing of the packet after an NSH or VXLAN-GPE header by its next
 * protocol, as nsh_print() and vxlan_gpe_print() hand it to ip_print(), ip6_print(),
 * ether_print() or (after VXLAN-GPE) nsh_print() with the message's length less the
 * header's; prints what those print when the capture holds none of it, or tcpdump's error
 * for another next protocol.
 *
 * @param ctx The print context.
 * @param header The NSH or VXLAN-GPE layer.
 * @param nextProtocol Its next protocol.
 * @param wireLength The message's length on the wire (header and packet).
 * @param headerLength The header's length.
 * @param next The layer after the header.
 * @param nshInside Whether NSH (next protocol 4) is printed: after VXLAN-GPE, not NSH.
 * @returns `false` for a next protocol that tcpdump does not print (it printed the error).
 */
export function packetAfterHeader(
  ctx: PrintContext,
  header: LayerBase,
  nextProtocol: number,
  wireLength: number,
  headerLength: number,
  next: Layer | undefined,
  nshInside: boolean,
): boolean {
  const missing = next === undefined && ctx.error === undefined;
  switch (nextProtocol === 4 && !nshInside ? -1 : nextProtocol) {
    case 1:
    case 2:
    case 4:
      ctx.tunnelLength = ctx.frameLength = wireLength - headerLength;
      if (nextProtocol !== 4) ctx.innerIpLength = ctx.tunnelLength;
      // ip_print() reads the version first; ip6_print() checks its header's capture.
      if (missing && nextProtocol === 2) truncated(ctx, "ip6");
      else if (missing) truncatedRead(ctx, nextProtocol === 1 ? "ip" : "nsh");
      return true;
    case 3:
      etherAfterTunnel(ctx, header, wireLength, next, headerLength);
      return true;
  }
  ctx.out.ascii("ERROR: unknown-next-protocol");
  ctx.done = true;
  return false;
}
