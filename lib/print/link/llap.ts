/**
 * LocalTalk (link type 114) as tcpdump's ltalk_if_print() and llap_print() write it: a
 * short DDP datagram as `0.SRC.SOCKET > 0.DST.SOCKET:` and its payload (as ddp_print()
 * writes it, with ` [|llap]` marks), a long one by DDP's printer (`../net/ddp.ts`), another
 * LLAP type as `SRC > DST at-lap#TYPE LENGTH`. A header shorter on the wire prints
 * ` [|llap N]` or ` [|sddp N]`, one the capture cut ` [|llap]` or ` [|sddp]`. The link
 * header `-x`/`-X` leave out is what llap_print() returns: its headers', the length left
 * after a header too short for it, or the whole capture after a cut one.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { markTruncated } from "../_truncation.ts";
import {
  type Llap,
  LLAP_HEADER_LENGTH,
  LlapType,
  SHORT_DDP_HEADER_LENGTH,
} from "../../link/llap.ts";
import { linkPayloadLength } from "../_shared.ts";
import { appleTalkAddress } from "./aarp.ts";
import { headerReturned, printDdpPayload } from "../net/ddp.ts";

/**
 * Prints an LLAP header, and a short DDP datagram after it.
 *
 * @param ctx The print context.
 * @param llap The layer.
 */
export function printLlap(ctx: PrintContext, llap: Llap): void {
  const out = ctx.out;
  ctx.done = true;
  const length = linkPayloadLength(ctx, llap.offset);
  if (length < LLAP_HEADER_LENGTH) {
    out.ascii(` [|llap ${length}]`);
    headerReturned(ctx, length);
    return;
  }
  if (llap.partial) {
    markTruncated(ctx, "llap");
    ctx.linkEnd = ctx.end;
    return;
  }
  const rest = length - LLAP_HEADER_LENGTH;
  ctx.linkEnd = llap.offset + LLAP_HEADER_LENGTH;
  switch (llap.llapType) {
    case LlapType.SHORT_DDP:
      if (rest < SHORT_DDP_HEADER_LENGTH) {
        out.ascii(` [|sddp ${rest}]`);
        headerReturned(ctx, rest);
        return;
      }
      if (!llap.shortDdp) {
        markTruncated(ctx, "sddp");
        ctx.linkEnd = ctx.end;
        return;
      }
      ctx.linkEnd = llap.payloadOffset;
      out.ascii(`${appleTalkAddress(0, llap.source)}.${llap.sourceSocket} > `);
      out.ascii(`${appleTalkAddress(0, llap.destination)}.${llap.destinationSocket}:`);
      printDdpPayload(ctx, llap, rest - SHORT_DDP_HEADER_LENGTH, "llap");
      return;
    case LlapType.DDP:
      // DDP's printer prints the long header as llap_print() does.
      ctx.done = false;
      return;
  }
  out.ascii(`${llap.source} > ${llap.destination} at-lap#${llap.llapType} ${rest}`);
}
