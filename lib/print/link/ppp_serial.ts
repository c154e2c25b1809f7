/**
 * Link type 50's PPP frames as tcpdump's ppp_hdlc_if_print() writes them: with `-e` the
 * address, control byte and length, then the protocol's name and the payload; a frame
 * with another address is named by the two bytes after its address and control.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import type { PppSerial } from "../../link/ppp_serial.ts";
import { handlePpp, PPP_PROTOCOL_NAMES } from "./ppp.ts";

/**
 * Prints a PPP-over-serial header and lets handle_ppp() print the payload.
 *
 * @param ctx The print context.
 * @param frame The layer.
 * @param next The layer after it.
 */
export function printPppSerial(ctx: PrintContext, frame: PppSerial, next: Layer | undefined): void {
  const out = ctx.out;
  const protocol = frame.protocol;
  if (ctx.link) {
    out.hex(frame.address, 2);
    out.byte(0x20);
    out.hex(frame.control, 2);
    out.byte(0x20);
    out.uint(ctx.originalLength);
    out.byte(0x20);
  }
  if (!frame.isPpp) {
    // tcpdump skips 2 bytes, then prints the next two as the address and control.
    out.ascii("unknown addr ");
    out.hex(protocol >> 8, 2);
    out.ascii("; ctrl ");
    out.hex(protocol & 0xff, 2);
    ctx.linkEnd = frame.offset + 2;
    ctx.done = true;
    return;
  }
  ctx.linkEnd = frame.protocolEnd;
  out.ascii(
    PPP_PROTOCOL_NAMES.get(protocol) ??
      `unknown PPP protocol (0x${protocol.toString(16).padStart(4, "0")})`,
  );
  out.ascii(": ");
  handlePpp(ctx, frame, next, ctx.originalLength - 4, "ppp_hdlc");
}
