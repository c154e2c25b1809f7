/**
 * 802.1Q and 802.1ad tags as tcpdump prints them with `-e`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Vlan } from "../../link/vlan.ts";
import type { Layer } from "../../layer_map.ts";
import { frameEtherType } from "../_shared.ts";
import { ETHERTYPE_NAMES } from "../_names.ts";
import { LinkType } from "../../link_type.ts";
import { hexAndAsciiPrint } from "../_hex.ts";
import { ETHERTYPE_ARISTA } from "../../link/arista.ts";

/** Linux's protocol number for 802.2 (LLC) frames. */
const LINUX_SLL_P_802_2 = 4;

/**
 * Whether the packet's next 802.1Q/802.1ad tag was cut short by the capture: tcpdump's
 * ether_print() then stops in its loop over the tags, and counts every captured byte as
 * link header (`-x`/`-X` dump none).
 *
 * @param ctx The print context.
 * @param next The layer after the Ethernet header or tag being printed.
 * @returns Whether the tag after it is cut.
 */
export function nextTagCut(ctx: PrintContext, next: Layer | undefined): boolean {
  return next === undefined && ctx.error?.layer === "vlan" && ctx.error.code === "truncated";
}

/**
 * Prints a VLAN tag of the link header (with `-e`).
 *
 * @param ctx The print context.
 * @param vlan The layer.
 * @param next The layer after it.
 */
export function printVlan(ctx: PrintContext, vlan: Vlan, next: Layer | undefined): void {
  // A next tag cut short ends the header after this tag's fields.
  const cutTag = nextTagCut(ctx, next);
  // A tag of a frame inside a tunnel (after an IP header) is not part of the link header.
  if (!ctx.network) ctx.linkEnd = cutTag ? ctx.end : vlan.offset + vlan.headerLength;
  if (ctx.frameLength >= 0) {
    const remaining = ctx.frameLength - 4;
    ctx.frameLength = vlan.length !== undefined && vlan.length < remaining
      ? vlan.length
      : remaining;
  }
  // A tag right after a Linux cooked header: tcpdump's sll_if_print() prints the fields
  // with -e, then the EtherType's name whether or not (with -q nothing).
  const cooked = (ctx.linkType === LinkType.LINUX_SLL || ctx.linkType === LinkType.LINUX_SLL2) &&
    ctx.macAt < 0;
  if (!ctx.link && !cooked) {
    undecodedInTunnel(ctx, vlan, next);
    return;
  }
  const out = ctx.out;
  if (ctx.link) {
    out.ascii("vlan ");
    out.uint(vlan.vlanId);
    out.ascii(", p ");
    out.uint(vlan.priority);
    if (vlan.dropEligible) out.ascii(", DEI");
    out.ascii(", ");
  }
  if (cooked) {
    if (ctx.quiet) return;
    // A length there stands for 802.2, which ethertype_values does not name.
    const type = vlan.etherType ?? LINUX_SLL_P_802_2;
    out.ascii("ethertype ");
    out.ascii(ETHERTYPE_NAMES.get(type) ?? "Unknown");
    out.ascii(", ");
    return;
  }
  if (cutTag) return;
  if (undecodedInTunnel(ctx, vlan, next)) return;
  // After a tag, tcpdump prints "802.3" and the LLC header right after it.
  if (vlan.etherType === undefined) out.ascii("802.3");
  else if (vlan.etherType === ETHERTYPE_ARISTA) return; // printArista() prints it.
  else {
    frameEtherType(ctx, vlan.etherType);
    out.ascii(", ");
  }
}

/**
 * Prints the rest of a frame inside a tunnel whose last tag leads to an EtherType nothing
 * decodes, as tcpdump's ether_print() does: without `-e`, the addresses, the EtherType and
 * the frame's length first (with `-e` the tags printed them), then the bytes in hex.
 *
 * @returns Whether the frame ended so.
 */
function undecodedInTunnel(ctx: PrintContext, vlan: Vlan, next: Layer | undefined): boolean {
  const type = vlan.etherType;
  if (!ctx.network || next !== undefined || ctx.error !== undefined || type === undefined) {
    return false;
  }
  if (type === ETHERTYPE_ARISTA || ctx.macAt < 0) return false;
  const out = ctx.out;
  if (ctx.link) {
    frameEtherType(ctx, type);
    out.ascii(", ");
  } else {
    out.mac(vlan.data, ctx.macAt + 6);
    out.ascii(" > ");
    out.mac(vlan.data, ctx.macAt);
    out.ascii(", ");
    frameEtherType(ctx, type);
    out.ascii(`, length ${ctx.tunnelLength}: `);
  }
  ctx.done = true;
  if (ctx.defaultPrint) {
    hexAndAsciiPrint(ctx, vlan.offset + vlan.headerLength, Math.min(vlan.end, ctx.end), vlan.data);
  }
  return true;
}
