/**
 * CARP as tcpdump's carp_print() writes it (`-T carp`): version and type, length, a TTL
 * other than 255, and for a version 2 advertisement the virtual host ID, intervals,
 * authentication length, with `-v` a bad checksum, and the counter.
 *
 * @module
 */

import { truncatedRead } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Carp } from "../../net/carp.ts";

/**
 * Prints a CARP message.
 *
 * @param ctx The print context.
 * @param carp The layer.
 */
export function printCarp(ctx: PrintContext, carp: Carp): void {
  const out = ctx.out;
  ctx.done = true;
  // carp_print() reads the first byte before it prints a word.
  if (carp.captured < 1) return truncatedRead(ctx, "carp");
  const { version, type } = carp;
  out.ascii(`CARPv${version}-${type === 1 ? "advertise" : "unknown"} ${carp.wireLength}: `);
  if (ctx.ttl !== 255) out.ascii(`[ttl=${ctx.ttl}!] `);
  if (version !== 2 || type !== 1) return;
  // tcpdump reads each field as it prints it: one past the capture ends the packet.
  if (carp.captured < 6) return truncatedRead(ctx, "carp");
  out.ascii(`vhid=${carp.virtualHostId} advbase=${carp.advertisementBase} `);
  out.ascii(`advskew=${carp.advertisementSkew} authlen=${carp.authenticationLength} `);
  if (ctx.verbose > 0 && carp.checksumValid === false) {
    // The checksum field itself past the capture (a message of 6 or 7 bytes).
    if (carp.captured < 8) return truncatedRead(ctx, "carp");
    out.ascii(` (bad carp cksum ${carp.checksum.toString(16)}!)`);
  }
  const counter = carp.counterText;
  if (counter === "") return truncatedRead(ctx, "carp");
  out.ascii(`counter=${counter}`);
}
