/**
 * The Prism and AVS radio headers, which tcpdump's prism_if_print() and
 * ieee802_11_radio_avs_print() skip without printing them.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Avs, Prism } from "../../link/prism.ts";

/**
 * Skips a Prism or AVS header: prints nothing, and hands the 802.11 printer the length
 * after it.
 *
 * @param ctx The print context.
 * @param header The layer.
 */
export function printRadioHeader(ctx: PrintContext, header: Prism | Avs): void {
  ctx.linkEnd = header.offset + header.headerLength;
  ctx.frameLength = ctx.originalLength - (header.offset - ctx.start) - header.headerLength;
}
