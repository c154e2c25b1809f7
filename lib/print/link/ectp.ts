/**
 * Configuration testing (loopback, EtherType `0x9000`) packets as tcpdump's
 * loopback_print() writes them.
 *
 * @module
 */

import { truncated } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import { type Ectp, EctpFunction } from "../../link/ectp.ts";

/**
 * Prints a loopback packet: the skip count and the message it points at.
 *
 * @param ctx The print context.
 * @param ectp The layer.
 */
export function printEctp(ctx: PrintContext, ectp: Ectp): void {
  ctx.done = true;
  const out = ctx.out;
  let length = ctx.frameLength >= 0 ? ctx.frameLength : ectp.end - ectp.offset;
  out.ascii("Loopback");
  if (length < 2) {
    out.ascii(" (invalid)");
    return;
  }
  const skip = ectp.skipCount;
  length -= 2;
  out.ascii(`, skipCount ${skip}`);
  if (skip % 8 !== 0) out.ascii(" (bogus)");
  if (skip > length) {
    out.ascii(" (invalid)");
    return;
  }
  length -= skip;
  if (ectp.messageOffset > ectp.end) {
    truncated(ctx, "loopback");
    return;
  }
  if (length < 2) {
    out.ascii(" (invalid)");
    return;
  }
  const fn = ectp.messageFunction;
  if (fn < 0) {
    truncated(ctx, "loopback");
    return;
  }
  length -= 2;
  if (fn === EctpFunction.REPLY) {
    out.ascii(", Reply");
    if (length < 2) {
      out.ascii(" (invalid)");
      return;
    }
    const receipt = ectp.receiptNumber;
    if (receipt < 0) return truncated(ctx, "loopback");
    out.ascii(`, receipt number ${receipt}, data (${length - 2} octets)`);
  } else if (fn === EctpFunction.FORWARD_DATA) {
    out.ascii(", Forward Data");
    if (length < 6) {
      out.ascii(" (invalid)");
      return;
    }
    const address = ectp.forwardingAddress;
    if (address === "") return truncated(ctx, "loopback");
    out.ascii(`, forwarding address ${address}, data (${length - 6} octets)`);
  } else out.ascii(`,  invalid (${fn})`);
  if (ectp.end - ectp.offset < ctx.frameLength) truncated(ctx, "loopback");
}
