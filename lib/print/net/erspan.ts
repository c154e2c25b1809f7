/**
 * ERSPAN: tcpdump 4.99 has no printer for it (GRE prints `gre-proto-0x88be` and stops),
 * so this one prints nothing and stops the packet there too.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Erspan } from "../../net/erspan.ts";

/**
 * Prints an ERSPAN header: nothing, as tcpdump 4.99 (GRE already named the protocol). Its
 * EtherType right after a link header leaves the frame to the undecoded print.
 *
 * @param ctx The print context.
 * @param _erspan The layer.
 */
export function printErspan(ctx: PrintContext, _erspan: Erspan): void {
  if (ctx.network) ctx.done = true;
}
