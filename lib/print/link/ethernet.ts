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
import { frameEtherType } from "../_shared.ts";
import { rawIpxFramed } from "./llc.ts";
import { nextTagCut } from "./vlan.ts";
import { LinkType } from "../../link_type.ts";

/** The fields of an Ethernet header that its printer reads, with or without a switch tag. */
export interface EthernetFrame {
  /** The bytes. */
  readonly data: Uint8Array;
  /** Where the destination address starts. */
  readonly offset: number;
  /** The header's length (with any switch tag). */
  readonly headerLength: number;
  /** Where the payload ends. */
  readonly end: number;
  /** The EtherType, or `undefined` for an 802.3 frame. */
  readonly etherType: number | undefined;
  /** The 802.3 length, or `undefined`. */
  readonly length: number | undefined;
}

/**
 * Whether an Ethernet header at `offset` is the packet's link header: first in the
 * packet, or right after a prepended Broadcom tag or a Juniper pseudo-header (which
 * tcpdump's brcm_tag_prepend_if_print() and juniper_ether_if_print() hand to
 * ether_print() as the link header).
 *
 * @param ctx The print context.
 * @param offset Where the Ethernet header starts.
 * @returns `true` for the link header.
 */
export function isLinkEthernet(ctx: PrintContext, offset: number): boolean {
  return offset === ctx.start ||
    (ctx.linkType === LinkType.DSA_TAG_BRCM_PREPEND && offset === ctx.start + 4) ||
    // After a Juniper or PKTAP pseudo-header, whose printer ends the link header where it
    // ends.
    (PSEUDO_HEADER_LINK_TYPES.has(ctx.linkType) && offset === ctx.linkEnd && offset > ctx.start);
}

/** Link types whose pseudo-header an Ethernet frame, the packet's link header, follows. */
const PSEUDO_HEADER_LINK_TYPES: ReadonlySet<number> = new Set([
  LinkType.JUNIPER_ETHER,
  LinkType.USER2,
  LinkType.PKTAP,
]);

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
  printEthernetFrame(ctx, ethernet, next, undefined);
}

/**
 * Prints an Ethernet header as tcpdump's ether_common_print() does, with a switch tag's
 * printer (called after the addresses with `-e`, first without) or none.
 *
 * @param ctx The print context.
 * @param ethernet The header.
 * @param next The payload's layer, if it decoded.
 * @param printTag Prints the switch tag, if the header has one.
 */
export function printEthernetFrame(
  ctx: PrintContext,
  ethernet: EthernetFrame,
  next: Layer | undefined,
  printTag: ((ctx: PrintContext) => void) | undefined,
): void {
  const outermost = isLinkEthernet(ctx, ethernet.offset) && !ctx.network;
  // A first tag cut short ends the header after the addresses.
  const cutTag = nextTagCut(ctx, next);
  if (outermost) ctx.linkEnd = cutTag ? ctx.end : ethernet.offset + ethernet.headerLength;
  ctx.macAt = ethernet.offset;
  const wire = outermost ? ctx.originalLength - ethernet.offset + ctx.start : ctx.tunnelLength;
  // What follows the header on the wire; an 802.3 length field shortens it (not lengthens).
  const remaining = wire - ethernet.headerLength;
  ctx.frameLength = ethernet.length !== undefined && ethernet.length < remaining
    ? ethernet.length
    : remaining;
  // A raw 802.3 frame: IPX with no LLC header, which tcpdump's LLC printer names.
  const rawIpx = ethernet.etherType === undefined &&
    rawIpxFramed(ctx, next, ethernet.offset + ethernet.headerLength);
  // A frame inside a tunnel whose type nothing decodes: tcpdump's ether_print() prints its
  // header (as -e does) and its bytes.
  const undecoded = !outermost && next === undefined && ctx.error === undefined &&
    ethernet.etherType !== undefined;
  // tcpdump prints a switch tag whether or not it prints the link header.
  if (!ctx.link && printTag !== undefined) printTag(ctx);
  if (!ctx.link && !undecoded) return;
  const out = ctx.out;
  const d = ethernet.data;
  out.mac(d, ethernet.offset + 6);
  out.ascii(" > ");
  out.mac(d, ethernet.offset);
  out.ascii(", ");
  if (ctx.link && printTag !== undefined) printTag(ctx);
  // tcpdump prints Arista's EtherType only once it has its subtype (printArista()).
  if (cutTag || next?.kind === "arista") return;
  if (ethernet.etherType === undefined) {
    // tcpdump prints the 802.3 payload's length, not the frame's.
    out.ascii("802.3, length ");
    out.uint(ctx.frameLength);
    if (rawIpx) out.ascii(": IPX 802.3");
  } else {
    frameEtherType(ctx, ethernet.etherType);
    out.ascii(", length ");
    out.uint(wire);
  }
  out.ascii(": ");
  if (!undecoded) return;
  ctx.done = true;
  if (!ctx.defaultPrint) return;
  const start = ethernet.offset + ethernet.headerLength;
  hexAndAsciiPrint(ctx, start, Math.min(ethernet.end, ctx.end), d);
}
