/**
 * SLARP as tcpdump's chdlc_slarp_print() writes it: requests, replies with the address
 * and mask, keepalives with the sequence numbers, reliability and uptime.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Slarp, SlarpCode } from "../../link/slarp.ts";
import { unknownData } from "../_hex.ts";

/**
 * Prints a SLARP packet.
 *
 * @param ctx The print context.
 * @param slarp The layer.
 */
export function printSlarp(ctx: PrintContext, slarp: Slarp): void {
  const out = ctx.out;
  ctx.done = true;
  const length = ctx.tunnelLength;
  out.ascii("SLARP (length: ");
  out.uint(length);
  out.ascii("), ");
  let dataAt = slarp.offset + 4;
  switch (slarp.code) {
    case SlarpCode.REQUEST:
      out.ascii("request");
      break;
    case SlarpCode.REPLY:
      out.ascii(`reply ${slarp.address}/${slarp.mask}`);
      break;
    case SlarpCode.KEEPALIVE:
      out.ascii("keepalive: mineseen=0x");
      out.hex(slarp.mySequence, 8);
      out.ascii(", yourseen=0x");
      out.hex(slarp.yourSequence, 8);
      out.ascii(", reliability=0x");
      out.hex(slarp.reliability, 4);
      if (slarp.uptime !== undefined && length >= 18) {
        let seconds = Math.floor(slarp.uptime / 1000);
        let minutes = Math.floor(seconds / 60);
        seconds -= minutes * 60;
        let hours = Math.floor(minutes / 60);
        minutes -= hours * 60;
        const days = Math.floor(hours / 24);
        hours -= days * 24;
        out.ascii(`, link uptime=${days}d${hours}h${minutes}m${seconds}s`);
        // tcpdump's -vv dump starts 4 bytes past the uptime, as its pointer moved there.
        dataAt = slarp.offset + 18;
      }
      break;
    default:
      out.ascii("0x");
      out.hex(slarp.code, 2);
      out.ascii(" unknown");
      if (ctx.verbose <= 1) unknownData(ctx, slarp.offset + 4, length - 4, "\n\t");
  }
  if (length > 18 && ctx.verbose > 0) out.ascii(`, (trailing junk: ${length - 18} bytes)`);
  if (ctx.verbose > 1) unknownData(ctx, dataAt, length - 4, "\n\t");
}
