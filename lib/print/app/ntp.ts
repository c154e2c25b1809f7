/**
 * NTP as tcpdump's ntp_print() writes it.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Ntp } from "../../app/ntp.ts";
import { printNtp as ntpText } from "../../output/_print_app.ts";

/**
 * Prints an NTP message after its transport header.
 *
 * @param ctx The print context.
 * @param layer The layer.
 */
export function printNtp(ctx: PrintContext, layer: Ntp): void {
  ctx.out.ascii(ntpText(layer, { verbose: ctx.verbose }));
  ctx.done = true;
}
