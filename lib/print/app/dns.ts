/**
 * DNS (and mDNS) as tcpdump's ns_print() writes it.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Dns } from "../../app/dns.ts";
import { printDns as dnsText } from "../../output/_print_app.ts";

/**
 * Prints a DNS message after its transport header.
 *
 * @param ctx The print context.
 * @param layer The layer.
 */
export function printDns(ctx: PrintContext, layer: Dns): void {
  ctx.out.ascii(dnsText(layer, { verbose: ctx.verbose }));
  ctx.done = true;
}
