/**
 * Solaris ipnet headers as tcpdump's ipnet_if_print() writes them.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Ipnet } from "../../link/ipnet.ts";

/**
 * Writes tcpdump's ipnet_hdr_print(): `SRCZONE > DSTZONE, family IPv4 (2), length N: `,
 * with `-q` the family's name alone (`Unknown Ethertype (0x0007)` for another family, as
 * tcpdump's format reads). tcpdump prints it with `-e`, and without for a family it does
 * not decode.
 *
 * @param ctx The print context.
 * @param ipnet The layer.
 */
export function ipnetHeader(ctx: PrintContext, ipnet: Ipnet): void {
  const out = ctx.out;
  const family = ipnet.family;
  const name = family === 2 ? "IPv4" : family === 26 ? "IPv6" : undefined;
  out.uint(ipnet.sourceZone);
  out.ascii(" > ");
  out.uint(ipnet.destinationZone);
  if (!ctx.quiet) out.ascii(`, family ${name ?? "Unknown"} (${family})`);
  else out.ascii(`, ${name ?? `Unknown Ethertype (0x${family.toString(16).padStart(4, "0")})`}`);
  out.ascii(", length ");
  out.uint(ctx.originalLength);
  out.ascii(": ");
}

/**
 * Prints an ipnet header with `-e` (without, the header prints only when nothing decodes
 * its payload, see `_undecoded.ts`).
 *
 * @param ctx The print context.
 * @param ipnet The layer.
 */
export function printIpnet(ctx: PrintContext, ipnet: Ipnet): void {
  ctx.linkEnd = ipnet.offset + ipnet.headerLength;
  if (ctx.link) ipnetHeader(ctx, ipnet);
}
