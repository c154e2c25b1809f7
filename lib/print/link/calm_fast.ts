/**
 * ISO CALM FAST (EtherType `0x1111`) as tcpdump's calm_fast_print() writes it: the link
 * source address, the two network references, and with `-v` the message's bytes.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { CALM_FAST_HEADER_LENGTH, type CalmFast } from "../../link/calm_fast.ts";
import { captured, invalid, truncatedRead } from "../_truncation.ts";
import { linkPayloadLength } from "../_shared.ts";
import { printLinkSource, verboseRest } from "./geonet.ts";

/**
 * Prints a CALM FAST packet.
 *
 * @param ctx The print context.
 * @param calm The layer.
 */
export function printCalmFast(ctx: PrintContext, calm: CalmFast): void {
  ctx.done = true;
  const out = ctx.out;
  const length = linkPayloadLength(ctx, calm.offset);
  out.ascii("CALM FAST");
  printLinkSource(ctx, " src:");
  out.ascii("; ");
  if (length < CALM_FAST_HEADER_LENGTH) {
    out.ascii(` (length ${length} < ${CALM_FAST_HEADER_LENGTH})`);
    invalid(ctx);
    // tcpdump then checks that the packet's bytes were captured.
    if (!captured(calm.end, calm.offset, length)) truncatedRead(ctx, "calm_fast");
    return;
  }
  const source = calm.sourceNwref;
  if (source < 0) return truncatedRead(ctx, "calm_fast");
  out.ascii(`SrcNwref:${source}; `);
  const destination = calm.destinationNwref;
  if (destination < 0) return truncatedRead(ctx, "calm_fast");
  out.ascii(`DstNwref:${destination}; `);
  verboseRest(
    ctx,
    calm.messageOffset,
    length - CALM_FAST_HEADER_LENGTH,
    calm.end,
    "calm_fast",
  );
}
