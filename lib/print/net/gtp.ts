/**
 * GTP-U: tcpdump 4.99 has no printer for it and prints UDP port 2152 as any UDP datagram,
 * `UDP, length N` (the UDP printer does so itself, as after GTP-U over UDP); so does this
 * one, though the packet inside decoded.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Gtp } from "../../net/gtp.ts";

/**
 * Prints a GTP-U message as tcpdump 4.99 prints its UDP datagram.
 *
 * @param ctx The print context.
 * @param gtp The layer.
 */
export function printGtp(ctx: PrintContext, gtp: Gtp): void {
  ctx.out.ascii("UDP, length ");
  ctx.out.uint(gtp.wireLength);
  ctx.done = true;
}
