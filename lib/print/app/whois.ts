/**
 * WHOIS as tcpdump's whois_print() writes it: `WHOIS`, then the first line, or with `-v` every line.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Whois } from "../../app/whois.ts";
import { printText } from "./_text.ts";

/**
 * Prints a WHOIS segment.
 *
 * @param ctx The print context.
 * @param layer The layer.
 */
export function printWhois(ctx: PrintContext, layer: Whois): void {
  printText(ctx, layer, "WHOIS");
}
