/**
 * NBP (DDP type 2) as tcpdump's nbp_print() writes it: a lookup or broadcast request with
 * its one tuple's name and the anomalies of its count, enumerator and address, a reply
 * with each tuple's name, enumerator, socket and address where they differ from the
 * sender's, another function as its control byte, id and length. A name's string cut by
 * the capture prints ` [|atalk]` (a test, not a read: the printing goes on), one longer than
 * 32 bytes `[len=N]`. Private to `lib/print/`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import {
  type DdpDatagram,
  NBP_HEADER_LENGTH,
  NBP_TUPLE_LENGTH,
  NbpFunction,
  type NbpTuple,
} from "../../net/_ddp_payload.ts";
import { printChars } from "../_chars.ts";
import { appleTalkAddress } from "../link/aarp.ts";
import { markTruncated } from "../_truncation.ts";

/** What follows each of a tuple's three names once it is whole. */
const SEPARATORS = ':@"';

/**
 * Prints an NBP packet.
 *
 * @param ctx The print context.
 * @param ddp The DDP datagram carrying it.
 * @param length Its length: the DDP payload's on the wire.
 * @param proto The name of tcpdump's truncation mark (`atalk`, `llap`).
 */
export function printNbp(
  ctx: PrintContext,
  ddp: DdpDatagram,
  length: number,
  proto: string,
): void {
  const out = ctx.out;
  // nbp_print() wants the header and room for a tuple with three empty names.
  if (length < NBP_HEADER_LENGTH + NBP_TUPLE_LENGTH + 3) {
    out.ascii(` truncated-nbp ${length}`);
    return;
  }
  const nbp = ddp.nbp();
  if (nbp === undefined) {
    markTruncated(ctx, proto);
    return;
  }
  const { control, id, tuples } = nbp;
  const fn = control & 0xf0;
  if (fn === NbpFunction.BROADCAST_REQUEST || fn === NbpFunction.LOOKUP) {
    out.ascii(` nbp-${fn === NbpFunction.LOOKUP ? "lkup" : "brRq"} ${id}:`);
    const tuple = tuples[0];
    if (tuple === undefined) {
      markTruncated(ctx, proto);
      return;
    }
    printName(ctx, tuple, proto);
    if ((control & 0x0f) !== 1) out.ascii(` [ntup=${control & 0x0f}]`);
    if (tuple.enumerator !== 0) out.ascii(` [enum=${tuple.enumerator}]`);
    if (
      tuple.net !== ddp.sourceNet || tuple.node !== ddp.sourceNode ||
      tuple.socket !== ddp.sourceSocket
    ) out.ascii(` [addr=${appleTalkAddress(tuple.net, tuple.node)}.${tuple.socket}]`);
    return;
  }
  if (fn !== NbpFunction.LOOKUP_REPLY) {
    out.ascii(` nbp-0x${control.toString(16)}  ${id} (${length - NBP_HEADER_LENGTH})`);
    return;
  }
  out.ascii(` nbp-reply ${id}:`);
  for (const tuple of tuples) {
    printName(ctx, tuple, proto);
    if (tuple.enumerator !== 1) out.ascii(`(${tuple.enumerator})`);
    if (tuple.socket !== ddp.sourceSocket) out.ascii(` ${tuple.socket}`);
    if (tuple.net !== ddp.sourceNet || tuple.node !== ddp.sourceNode) {
      out.ascii(` [addr=${appleTalkAddress(tuple.net, tuple.node)}]`);
    }
  }
  if (nbp.cut) markTruncated(ctx, proto);
}

/** A tuple's `"object:type@zone"` as nbp_name_print() writes it, as far as it was read. */
function printName(ctx: PrintContext, tuple: NbpTuple, proto: string): void {
  const out = ctx.out;
  out.ascii(' "');
  tuple.names.forEach((name, i) => {
    printChars(out, ctx.data, name.offset, name.offset + name.length);
    if (name.complete) out.byte(SEPARATORS.charCodeAt(i));
  });
  if (tuple.stop === "truncated") markTruncated(ctx, proto);
  else if (tuple.stop === "bad-length") out.ascii(`[len=${tuple.badLength}]`);
}
