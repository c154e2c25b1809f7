/**
 * The IEEE 802.15.4 TAP pseudo-header (link type 283) as tcpdump's
 * ieee802_15_4_tap_if_print() handles it: nothing printed for a good header (the frame
 * after it is), ` [|802.15.4_tap]` for one the capture cuts, ` (invalid)` for a version
 * other than 0 or a length under 4.
 *
 * @module
 */

import type { Ieee802154Tap } from "../../link/ieee802154_tap.ts";
import type { PrintContext } from "../context.ts";
import { invalid, truncated } from "../_truncation.ts";

/**
 * Prints the TAP header as tcpdump does; the frame's printer follows it.
 *
 * @param ctx The print context.
 * @param tap The layer.
 */
export function printIeee802154Tap(ctx: PrintContext, tap: Ieee802154Tap): void {
  if (tap.invalid) {
    invalid(ctx);
    ctx.done = true;
    return;
  }
  if (tap.partial) {
    truncated(ctx, "802.15.4_tap");
    // The captured bytes count as the link header: -x dumps none.
    ctx.linkEnd = tap.end;
    return;
  }
  ctx.linkEnd = tap.offset + tap.length;
}
