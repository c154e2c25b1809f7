/**
 * RTSP as tcpdump's rtsp_print() writes it: `RTSP`, and for a segment that starts a
 * request or response its first line, or with `-v` every line.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Rtsp } from "../../app/rtsp.ts";
import { printText } from "./_text.ts";

/**
 * Prints an RTSP segment.
 *
 * @param ctx The print context.
 * @param rtsp The layer.
 */
export function printRtsp(ctx: PrintContext, rtsp: Rtsp): void {
  printText(ctx, rtsp, "RTSP", rtsp.startsMessage);
}
