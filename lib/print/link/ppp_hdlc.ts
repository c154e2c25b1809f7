/**
 * An octet-stuffed PPP frame (a protocol `0x7eXX`) as tcpdump's ppp_hdlc() prints it:
 * the payload of the protocol it guessed, read from the un-escaped bytes and as long as
 * they are, or `(protocol 0x7eXX invalid)`, or the truncation mark of the PPP printer.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import { LinkType } from "../../link_type.ts";
import type { PppHdlc } from "../../link/ppp_hdlc.ts";
import { truncated } from "../_truncation.ts";
import { handlePpp } from "./ppp.ts";

/**
 * Prints a stuffed PPP frame's payload. The layers after it read the un-escaped bytes:
 * the context's `data` and `end` become the frame's until the packet is printed.
 *
 * @param ctx The print context.
 * @param frame The layer.
 * @param next The layer after it.
 */
export function printPppHdlc(ctx: PrintContext, frame: PppHdlc, next: Layer | undefined): void {
  // ppp_hdlc() returns at once when nothing followed the protocol on the wire.
  if (ctx.tunnelLength <= 0) {
    ctx.done = true;
    return;
  }
  ctx.data = frame.data;
  ctx.end = frame.end;
  // The printers after it count their lengths from the bytes un-escaped.
  ctx.originalLength = frame.end - ctx.start;
  const name = ctx.linkType === LinkType.PPP_SERIAL ? "ppp_hdlc" : "ppp";
  if (frame.guess === "cut") {
    truncated(ctx, name);
    return;
  }
  if (frame.invalid) {
    ctx.out.ascii(`(protocol 0x${frame.protocol.toString(16).padStart(4, "0")} invalid)`);
    ctx.done = true;
    return;
  }
  handlePpp(ctx, frame, next, frame.end - frame.protocolEnd, name);
}
