/**
 * Ethernet as tcpdump's ether_print() writes it: with `-e`, the addresses, the
 * EtherType and the length; a frame inside a tunnel (GRE's bridging, VXLAN) prints the
 * same way, with the tunnel's payload length.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Ethernet } from "../../link/ethernet.ts";
import type { Layer } from "../../layer_map.ts";
import { hexAndAsciiPrint } from "../_hex.ts";
import { etherType } from "../_shared.ts";

/**
 * Prints an Ethernet header: the link header of the packet (with `-e`), or a frame
 * inside a tunnel (with `-e`, or when nothing decodes its payload).
 *
 * @param ctx The print context.
 * @param ethernet The layer.
 * @param next The payload's layer, if it decoded.
 */
export function printEthernet(
  ctx: PrintContext,
  ethernet: Ethernet,
  next?: Layer | undefined,
): void {
  const outermost = ethernet.offset === ctx.start && !ctx.network;
  if (outermost) ctx.linkEnd = ethernet.offset + ethernet.headerLength;
  ctx.macAt = ethernet.offset;
  const wire = outermost ? ctx.originalLength : ctx.tunnelLength;
  // What follows the header on the wire; an 802.3 length field shortens it (not lengthens).
  const remaining = wire - 14;
  ctx.frameLength = ethernet.length !== undefined && ethernet.length < remaining
    ? ethernet.length
    : remaining;
  // A raw 802.3 frame: IPX with no LLC header, which tcpdump's LLC printer names.
  const rawIpx = ethernet.etherType === undefined && next?.kind === "ipx";
  if (rawIpx) ctx.ipxFramed = true;
  // A frame inside a tunnel whose type nothing decodes: tcpdump's ether_print() prints its
  // header (as -e does) and its bytes.
  const undecoded = !outermost && next === undefined && ctx.error === undefined &&
    ethernet.etherType !== undefined;
  if (!ctx.link && !undecoded) return;
  const out = ctx.out;
  const d = ethernet.data;
  out.mac(d, ethernet.offset + 6);
  out.ascii(" > ");
  out.mac(d, ethernet.offset);
  out.ascii(", ");
  if (ethernet.etherType === undefined) {
    // tcpdump prints the 802.3 payload's length, not the frame's.
    out.ascii("802.3, length ");
    out.uint(ctx.frameLength);
    if (rawIpx) out.ascii(": IPX 802.3");
  } else {
    etherType(ctx, ethernet.etherType);
    out.ascii(", length ");
    out.uint(wire);
  }
  out.ascii(": ");
  if (!undecoded) return;
  ctx.done = true;
  if (ctx.hex !== 0) return;
  const start = ethernet.offset + ethernet.headerLength;
  hexAndAsciiPrint(ctx, start, Math.min(ethernet.end, ctx.end), d);
}
