/**
 * VXLAN as tcpdump's vxlan_print() writes it: the flags and the VNI, then on a new line
 * the Ethernet frame inside.
 *
 * @module
 */

import { invalid, truncated, truncatedRead } from "../_truncation.ts";
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
  ctx.tunnelLength = vxlan.wireLength - 8;
  // ether_print() finds more bytes captured (to the IP packet's end) than the length it
  // was given (a UDP length below the IP payload's).
  const available = (ctx.networkLayer?.end ?? vxlan.end) - (vxlan.offset + 8);
  if (ctx.tunnelLength < available) {
    out.ascii(`[length ${ctx.tunnelLength} < caplen ${available}]`);
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
