/**
 * IEEE 802.2 LLC headers. tcpdump prints the protocols above LLC (STP, IS-IS, CDP...);
 * until wirekit decodes them, the frame's bytes are dumped as tcpdump dumps an unknown
 * protocol.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Llc } from "../../link/llc.ts";

/**
 * Prints an LLC header: nothing of its own, so that the undecoded bytes are dumped.
 *
 * @param _ctx The print context.
 * @param _llc The layer.
 */
export function printLlc(_ctx: PrintContext, _llc: Llc): void {}
