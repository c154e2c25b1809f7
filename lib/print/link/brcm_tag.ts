/**
 * Broadcom switch tags as tcpdump's brcm_tag_if_print() and brcm_tag_prepend_if_print()
 * write them.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { BrcmTag, BrcmTagFields, BrcmTagPrepend } from "../../link/brcm_tag.ts";
import type { Layer } from "../../layer_map.ts";
import { printEthernetFrame } from "./ethernet.ts";

/** Tag enforcement names, by value. */
const TAG_ENFORCEMENT = ["None", "Untag", "Header", "Reserved"];

/** Reason codes: tcpdump names the single bits only, other values are "reserved". */
const REASON_CODES: ReadonlyMap<number, string> = new Map([
  [1, "mirror"],
  [2, "MAC learning"],
  [4, "switching"],
  [8, "prot term"],
  [16, "prot snoop"],
  [32, "exception"],
]);

/** Prints a tag as tcpdump's brcm_tag_print() does, with its trailing ", ". */
function printTagFields(ctx: PrintContext, tag: BrcmTagFields): void {
  const out = ctx.out;
  // tcpdump names the operation by the whole first byte, but picks the fields by bit 5.
  out.ascii(tag.firstByte !== 0 ? "BRCM tag OP: IG" : "BRCM tag OP: EG");
  if (tag.ingress) {
    out.ascii(", TC: ");
    out.uint(tag.ingressTrafficClass);
    out.ascii(", TE: ");
    out.ascii(TAG_ENFORCEMENT[tag.tagEnforcement]!);
    out.ascii(", TS: ");
    out.uint(tag.timeStamp);
    out.ascii(", DST map: 0x");
    out.hex(tag.destinationMap, 4);
  } else {
    out.ascii(", CID: ");
    out.uint(tag.classificationId);
    out.ascii(", RC: ");
    out.ascii(REASON_CODES.get(tag.reasonCode) ?? "reserved");
    out.ascii(", TC: ");
    out.uint(tag.egressTrafficClass);
    out.ascii(", port: ");
    out.uint(tag.port);
  }
  out.ascii(", ");
}

/**
 * Prints an Ethernet header with a Broadcom tag: the tag always, the rest as Ethernet's.
 *
 * @param ctx The print context.
 * @param frame The layer.
 * @param next The payload's layer, if it decoded.
 */
export function printBrcmTag(ctx: PrintContext, frame: BrcmTag, next?: Layer | undefined): void {
  printEthernetFrame(ctx, frame, next, (c) => printTagFields(c, frame.tag));
}

/**
 * Prints a prepended Broadcom tag (with `-e` only); the Ethernet frame prints after it.
 *
 * @param ctx The print context.
 * @param prepend The layer.
 */
export function printBrcmTagPrepend(ctx: PrintContext, prepend: BrcmTagPrepend): void {
  ctx.linkEnd = prepend.offset + prepend.headerLength;
  if (ctx.link) printTagFields(ctx, prepend.tag);
}
