/**
 * SMTP as tcpdump's smtp_print() writes it: `SMTP`, then the first line, or with `-v` every line.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Smtp } from "../../app/smtp.ts";
import { printText } from "./_text.ts";

/**
 * Prints an SMTP segment.
 *
 * @param ctx The print context.
 * @param layer The layer.
 */
export function printSmtp(ctx: PrintContext, layer: Smtp): void {
  printText(ctx, layer, "SMTP");
}
