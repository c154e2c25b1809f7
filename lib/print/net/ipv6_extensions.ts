/**
 * IPv6 extension headers as tcpdump prints them: hop-by-hop and destination options
 * (`HBH`, `DSTOPT`, with `-v` their options), routing (`RT6`) and fragment (`frag`).
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type {
  Ipv6Destination,
  Ipv6Fragment,
  Ipv6HopByHop,
  Ipv6Routing,
} from "../../net/ipv6_extensions.ts";

function optionsHeader(
  ctx: PrintContext,
  layer: Ipv6HopByHop | Ipv6Destination,
  name: string,
): void {
  const out = ctx.out;
  out.ascii(name);
  out.byte(0x20);
  if (ctx.verbose === 0) return;
  // With -v, tcpdump lists the options: (rtalert: 0x0000) (padn)...
  const d = layer.data;
  const end = layer.offset + layer.headerLength;
  let at = layer.offset + 2;
  while (at < end) {
    const type = d[at]!;
    if (type === 0) {
      out.ascii("(pad1) ");
      at++;
      continue;
    }
    if (at + 1 >= end) break;
    const length = d[at + 1]! + 2;
    if (at + length > end) break;
    switch (type) {
      case 1:
        out.ascii("(padn) ");
        break;
      case 5:
        if (length === 4) {
          out.ascii("(rtalert: 0x");
          out.hex((d[at + 2]! << 8) | d[at + 3]!, 4);
          out.ascii(") ");
        } else out.ascii("(rtalert: invalid len ");
        break;
      case 0xc2:
        out.ascii("(jumbo: ");
        out.uint(
          ((d[at + 2]! << 24) | (d[at + 3]! << 16) | (d[at + 4]! << 8) | d[at + 5]!) >>> 0,
        );
        // tcpdump leaves an extra space after a jumbo payload option.
        out.ascii(")  ");
        break;
      default:
        out.ascii("(type 0x");
        out.hex(type, 2);
        out.ascii(": len=");
        out.uint(length - 2);
        out.ascii(") ");
    }
    at += length;
  }
}

/**
 * Prints a hop-by-hop options header.
 *
 * @param ctx The print context.
 * @param layer The layer.
 */
export function printIpv6HopByHop(ctx: PrintContext, layer: Ipv6HopByHop): void {
  optionsHeader(ctx, layer, "HBH");
}

/**
 * Prints a destination options header.
 *
 * @param ctx The print context.
 * @param layer The layer.
 */
export function printIpv6Destination(ctx: PrintContext, layer: Ipv6Destination): void {
  optionsHeader(ctx, layer, "DSTOPT");
}

/**
 * Prints a routing header, with the addresses of types 0 and 2.
 *
 * @param ctx The print context.
 * @param layer The layer.
 */
export function printIpv6Routing(ctx: PrintContext, layer: Ipv6Routing): void {
  const out = ctx.out;
  out.ascii("RT6 (len=");
  out.uint(layer.extensionLength);
  out.ascii(", type=");
  out.uint(layer.routingType);
  if (layer.routingType === 0) out.ascii(" [Deprecated]");
  out.ascii(", segleft=");
  out.uint(layer.segmentsLeft);
  if (layer.routingType === 0 || layer.routingType === 2) {
    const addresses = layer.addresses;
    for (let i = 0; i < addresses.length; i++) out.ascii(`, [${i}]${addresses[i]}`);
  }
  out.ascii(") ");
}

/**
 * Prints a fragment header; a fragment other than the first ends the line.
 *
 * @param ctx The print context.
 * @param layer The layer.
 */
export function printIpv6Fragment(ctx: PrintContext, layer: Ipv6Fragment): void {
  const out = ctx.out;
  ctx.fragment = true;
  out.ascii("frag (");
  if (ctx.verbose > 0) {
    out.ascii("0x");
    out.hex(layer.identification, 8);
    out.byte(0x3a);
  }
  out.uint(layer.fragmentOffset * 8);
  out.byte(0x7c);
  out.uint(ctx.ipEnd - (layer.offset + layer.headerLength));
  out.byte(0x29);
  if (layer.fragmentOffset !== 0) ctx.done = true;
  else out.byte(0x20);
}
