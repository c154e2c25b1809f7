/**
 * Linux cooked capture (SLL) headers as tcpdump's sll_print() writes them with `-e`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { LinuxSll } from "../../link/sll.ts";
import { etherType } from "../_shared.ts";
import { SLL_DIRECTIONS } from "../_names.ts";

/** The directions as sll_print() writes them, right-aligned in 3 columns, padded once. */
const DIRECTIONS = SLL_DIRECTIONS.map((direction) => direction.padStart(3));

/**
 * Prints a Linux cooked capture header (with `-e`).
 *
 * @param ctx The print context.
 * @param sll The layer.
 */
export function printSll(ctx: PrintContext, sll: LinuxSll): void {
  ctx.linkEnd = sll.offset + sll.headerLength;
  if (ctx.link) sllHeader(ctx, sll, ctx.originalLength);
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
