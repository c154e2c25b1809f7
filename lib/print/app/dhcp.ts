/**
 * BOOTP and DHCP as tcpdump's bootp_print() writes them.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Dhcp } from "../../app/dhcp.ts";
import { printDhcp as dhcpText } from "../../output/_print_app.ts";

/**
 * Prints a BOOTP or DHCP message after its transport header.
 *
 * @param ctx The print context.
 * @param layer The layer.
 */
export function printDhcp(ctx: PrintContext, layer: Dhcp): void {
  ctx.out.ascii(dhcpText(layer, { verbose: ctx.verbose }));
  ctx.done = true;
}
