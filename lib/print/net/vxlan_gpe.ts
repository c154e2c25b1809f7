/**
 * VXLAN-GPE as tcpdump's vxlan_gpe_print() writes it: the flags and the VNI, then the
 * packet inside (IPv4, IPv6, Ethernet or NSH).
 *
 * @module
 */

import { invalid, truncatedRead } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import type { VxlanGpe } from "../../net/vxlan_gpe.ts";
import { packetAfterHeader } from "./_ether_tunnel.ts";
import { vxlanGpeTooShort } from "../transport/_empty_payload.ts";

/**
 * Prints a VXLAN-GPE header.
 *
 * @param ctx The print context.
 * @param gpe The layer.
 * @param next The layer after it.
 */
export function printVxlanGpe(ctx: PrintContext, gpe: VxlanGpe, next: Layer | undefined): void {
  const out = ctx.out;
  out.ascii("VXLAN-GPE, ");
  const length = gpe.wireLength;
  if (length < 8) return vxlanGpeTooShort(ctx, length);
  out.ascii("flags [");
  let names = "";
  for (let bit = 0; bit < 4; bit++) if ((gpe.flags & (8 >> bit)) !== 0) names += "IPBO"[bit];
  out.ascii(names === "" ? "none" : names);
  out.ascii("], ");
  // The next protocol, VNI and reserved byte are read (bounds-checked) before the VNI prints.
  if (gpe.reserved2 < 0) return truncatedRead(ctx, "vxlan_gpe");
  out.ascii(`vni ${gpe.vni}`);
  out.ascii(ctx.verbose > 0 ? "\n    " : ": ");
  if (!packetAfterHeader(ctx, gpe, gpe.nextProtocol, length, 8, next, true)) invalid(ctx);
}
