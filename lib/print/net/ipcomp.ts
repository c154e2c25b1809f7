/**
 * IPComp as tcpdump's ipcomp_print() writes it: the compression parameter index, and
 * nothing of the compressed payload.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Ipcomp } from "../../net/ipcomp.ts";

/**
 * Prints an IPComp header (a header cut short is the decoder's error, printed as
 * tcpdump's read of the index ends the packet).
 *
 * @param ctx The print context.
 * @param ipcomp The layer.
 */
export function printIpcomp(ctx: PrintContext, ipcomp: Ipcomp): void {
  ctx.done = true;
  ctx.out.ascii("IPComp(cpi=0x");
  ctx.out.hex(ipcomp.cpi, 4);
  ctx.out.byte(0x29);
}
