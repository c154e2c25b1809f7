/**
 * VXLAN as tcpdump's vxlan_print() writes it: the flags and the VNI, then on a new line
 * the Ethernet frame inside.
 *
 * @module
 */

import { truncatedRead } from "../_truncation.ts";
import { etherAfterTunnel } from "./_ether_tunnel.ts";
import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import type { Vxlan } from "../../net/vxlan.ts";

/**
 * Prints a VXLAN header.
 *
 * @param ctx The print context.
 * @param vxlan The layer.
 * @param next The layer after it.
 */
export function printVxlan(ctx: PrintContext, vxlan: Vxlan, next: Layer | undefined): void {
  const out = ctx.out;
  out.ascii("VXLAN");
  if (vxlan.wireLength < 8) {
    out.ascii(" (invalid)");
    ctx.done = true;
    return;
  }
  out.ascii(vxlan.vniValid ? ", flags [I] (0x" : ", flags [invalid] (0x");
  out.hex(vxlan.flags, 2);
  if (vxlan.end - vxlan.offset < 8) {
    // vxlan_print() reads the VNI with a bounds-checked read.
    out.ascii("), ");
    truncatedRead(ctx, "vxlan");
    return;
  }
  out.ascii("), vni ");
  out.uint(vxlan.vni);
  out.byte(0x0a);
  etherAfterTunnel(ctx, vxlan, vxlan.wireLength, next);
}
