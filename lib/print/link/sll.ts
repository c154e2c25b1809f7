/**
 * Linux cooked capture (SLL) headers as tcpdump's sll_print() writes them with `-e`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { LinuxSll } from "../../link/sll.ts";
import { etherType } from "../_shared.ts";
import { SLL_DIRECTIONS } from "../_names.ts";
import type { Layer } from "../../layer_map.ts";
import { ETH_P_802_2, ETH_P_802_3 } from "../../link/_sll_next.ts";
import { printRawIpxLead, rawIpxFramed } from "./llc.ts";

/** The directions as sll_print() writes them, right-aligned in 3 columns, padded once. */
const DIRECTIONS = SLL_DIRECTIONS.map((direction) => direction.padStart(3));

/**
 * Prints a Linux cooked capture header (with `-e`).
 *
 * @param ctx The print context.
 * @param sll The layer.
 * @param next The payload's layer.
 */
export function printSll(ctx: PrintContext, sll: LinuxSll, next: Layer | undefined): void {
  ctx.linkEnd = sll.offset + sll.headerLength;
  if (ctx.link) sllHeader(ctx, sll, ctx.originalLength);
  sllIpx(ctx, sll.protocol, next);
}

/**
 * Novell's IPX in a cooked capture, as sll_print() hands it on: raw 802.3 IPX
 * (`ETH_P_802_3`) straight to ipx_print(), an 802.2 frame (`ETH_P_802_2`) to llc_print(),
 * which prints `IPX 802.3: ` with `-e` before raw IPX.
 *
 * @param ctx The print context (`linkEnd` at the payload).
 * @param protocol The protocol field.
 * @param next The payload's layer.
 */
export function sllIpx(ctx: PrintContext, protocol: number, next: Layer | undefined): void {
  if (protocol === ETH_P_802_3) rawIpxFramed(ctx, next, ctx.linkEnd);
  else if (protocol === ETH_P_802_2) printRawIpxLead(ctx, next, ctx.linkEnd);
}

/**
 * Writes a Linux cooked capture header as tcpdump's sll_print() does: with `-e`, and
 * without for a protocol it does not decode.
 *
 * @param ctx The print context.
 * @param sll The layer.
 * @param length The length to print: the packet's on the wire, less the VLAN tags after
 * the header when the protocol inside them is not decoded.
 */
export function sllHeader(ctx: PrintContext, sll: LinuxSll, length: number): void {
  const out = ctx.out;
  out.ascii(DIRECTIONS[sll.packetType] ?? "  ?");
  out.byte(0x20);
  sllTail(ctx, sll.data, sll.offset + 6, sll.addressLength, sll.protocol, length);
}

/**
 * Prints the end of both SLL headers: the link-layer address, the protocol and the length
 * (with `-q` the address alone).
 *
 * @param ctx The print context.
 * @param data The packet bytes.
 * @param address Where the link-layer address starts.
 * @param addressLength Its length.
 * @param protocol The protocol (an EtherType).
 * @param length The length to print.
 */
export function sllTail(
  ctx: PrintContext,
  data: Uint8Array,
  address: number,
  addressLength: number,
  protocol: number,
  length: number,
): void {
  const out = ctx.out;
  // tcpdump takes an address of 6 bytes for Ethernet's and prints no other.
  if (addressLength === 6) {
    out.mac(data, address);
    out.byte(0x20);
  }
  if (ctx.quiet) return;
  // Linux's pseudo-protocols for 802.3 (raw IPX) and 802.2 (LLC) frames.
  if (protocol === 0x0001) out.ascii("802.3");
  else if (protocol === 0x0004) out.ascii("802.2");
  else etherType(ctx, protocol);
  out.ascii(", length ");
  out.uint(length);
  out.ascii(": ");
}
