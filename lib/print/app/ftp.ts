/**
 * FTP as tcpdump's ftp_print() writes it: `FTP`, then the first line, or with `-v` every line.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Ftp } from "../../app/ftp.ts";
import { printText } from "./_text.ts";

/**
 * Prints an FTP segment.
 *
 * @param ctx The print context.
 * @param layer The layer.
 */
export function printFtp(ctx: PrintContext, layer: Ftp): void {
  printText(ctx, layer, "FTP");
}
