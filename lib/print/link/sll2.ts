/**
 * Linux cooked capture v2 (SLL2) headers as tcpdump's sll2_print() writes them.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { LinuxSll2 } from "../../link/sll2.ts";
import { SLL_DIRECTIONS } from "../_names.ts";
import { sllIpx, sllTail } from "./sll.ts";
import type { Layer } from "../../layer_map.ts";

/** The directions as sll2_print() writes them, left-aligned in 3 columns, padded once. */
const DIRECTIONS = SLL_DIRECTIONS.map((direction) => direction.padEnd(3));

/**
 * Prints a Linux cooked capture v2 header: the interface and direction always, the rest
 * with `-e`.
 *
 * @param ctx The print context.
 * @param sll The layer.
 * @param next The payload's layer.
 */
export function printSll2(ctx: PrintContext, sll: LinuxSll2, next: Layer | undefined): void {
  ctx.linkEnd = sll.offset + sll.headerLength;
  // tcpdump names the interface with if_indextoname() on the reading host, and "?" an
  // index the host does not have.
  const out = ctx.out;
  const name = ctx.interfaceNames[sll.interfaceIndex] ?? "?";
  out.ascii(name);
  // The name left-aligned in 5 columns, padded in place.
  for (let column = name.length; column < 5; column++) out.byte(0x20);
  out.byte(0x20);
  out.ascii(DIRECTIONS[sll.packetType] ?? "?  ");
  out.byte(0x20);
  if (ctx.link) sll2Header(ctx, sll, ctx.originalLength);
  sllIpx(ctx, sll.protocol, next);
}

/**
 * Writes the part of a Linux cooked capture v2 header that tcpdump's sll2_print() prints
 * after the interface and direction: with `-e`, and without for a protocol it does not
 * decode.
 *
 * @param ctx The print context.
 * @param sll The layer.
 * @param length The length to print (see `sllHeader()`).
 */
export function sll2Header(ctx: PrintContext, sll: LinuxSll2, length: number): void {
  const out = ctx.out;
  out.ascii("ifindex ");
  out.uint(sll.interfaceIndex);
  out.byte(0x20);
  sllTail(ctx, sll.data, sll.offset + 12, sll.addressLength, sll.protocol, length);
}
