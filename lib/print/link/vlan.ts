/**
 * 802.1Q and 802.1ad tags as tcpdump prints them with `-e`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Vlan } from "../../link/vlan.ts";
import type { Layer } from "../../layer_map.ts";
import { etherType } from "../_shared.ts";

/**
 * Prints a VLAN tag of the link header (with `-e`).
 *
 * @param ctx The print context.
 * @param vlan The layer.
 * @param next The layer after it.
 */
export function printVlan(ctx: PrintContext, vlan: Vlan, next: Layer | undefined): void {
  if (ctx.network) return;
  // The next tag cut short: ether_print() stops in its loop over the tags after this one's
  // fields, and counts every captured byte as link header (-x/-X dump none).
  const cutTag = next === undefined && ctx.error?.layer === "vlan" &&
    ctx.error.code === "truncated";
  ctx.linkEnd = cutTag ? ctx.end : vlan.offset + vlan.headerLength;
  if (ctx.frameLength >= 0) {
    const remaining = ctx.frameLength - 4;
    ctx.frameLength = vlan.length !== undefined && vlan.length < remaining
      ? vlan.length
      : remaining;
  }
  if (!ctx.link) return;
  const out = ctx.out;
  out.ascii("vlan ");
  out.uint(vlan.vlanId);
  out.ascii(", p ");
  out.uint(vlan.priority);
  if (vlan.dropEligible) out.ascii(", DEI");
  out.ascii(", ");
  if (cutTag) return;
  // After a tag, tcpdump prints "802.3" and the LLC header right after it.
  if (vlan.etherType === undefined) out.ascii("802.3");
  else {
    etherType(ctx, vlan.etherType);
    out.ascii(", ");
  }
}
