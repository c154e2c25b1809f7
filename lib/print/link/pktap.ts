/**
 * The PKTAP header as tcpdump's pktap_if_print() writes it: with `-e` (or before a frame
 * whose link type it does not print) `DLT EN10MB (1) len 108, length 150: `, then the
 * frame after it; `no data` for a record without one; the header's invalid lengths.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import { type Pktap, PKTAP_HEADER_LENGTH, PktapRecordType } from "../../link/pktap.ts";
import { hexAndAsciiPrint } from "../_hex.ts";
import { invalid, truncatedRead } from "../_truncation.ts";
import { printDltHeader } from "./ppi.ts";
import { RAW_LINK_TYPES } from "../_undecoded.ts";

/**
 * Prints a PKTAP header as tcpdump does, then lets the printer of the frame after it go on
 * (that frame's printers count its length from the wire length less the header).
 *
 * @param ctx The print context.
 * @param pktap The layer.
 * @param next The frame after the header, if it decoded.
 */
export function printPktap(ctx: PrintContext, pktap: Pktap, next: Layer | undefined): void {
  const out = ctx.out;
  const wire = ctx.originalLength - (pktap.offset - ctx.start);
  // A header cut short is this layer's own error: it prints its cut here, in tcpdump's order.
  if (!pktap.complete) ctx.error = undefined;
  const problem = wire < PKTAP_HEADER_LENGTH
    ? ` (packet too short, ${wire} < ${PKTAP_HEADER_LENGTH})`
    : pktap.end - pktap.offset < 12
    ? undefined
    : !pktap.validLength
    ? ` (pkt_len too small, ${pktap.length} < ${PKTAP_HEADER_LENGTH})`
    : pktap.length > wire
    ? ` (pkt_len too big, ${pktap.length} > ${wire})`
    : undefined;
  if (problem !== undefined) {
    // tcpdump counts no link header then: -x dumps the whole packet.
    out.ascii(problem);
    invalid(ctx);
    ctx.done = true;
    return;
  }
  if (!pktap.complete) {
    // The reads of the first fields, or the check of the whole header, jump out.
    truncatedRead(ctx, "pktap");
    return;
  }
  ctx.linkEnd = pktap.offset + pktap.length;
  if (ctx.link) printDltHeader(ctx, "", pktap.linkType, pktap.length, wire);
  if (pktap.recordType !== PktapRecordType.PACKET) {
    if (pktap.recordType === PktapRecordType.NONE) out.ascii("no data");
    ctx.done = true;
    return;
  }
  const rest = wire - pktap.length;
  ctx.frameLength = rest;
  ctx.tunnelLength = rest;
  if (next !== undefined || ctx.error !== undefined) {
    // pktap_if_print() adds the frame printer's link header length to its own again.
    ctx.ppiFrameAt = ctx.linkEnd;
    // raw_if_print() names IP with -e.
    if (ctx.link && RAW_LINK_TYPES.has(pktap.linkType)) out.ascii("ip: ");
    return;
  }
  // A link type without a printer: the header, then the frame's bytes.
  if (!ctx.link) printDltHeader(ctx, "", pktap.linkType, pktap.length, wire);
  if (ctx.defaultPrint) hexAndAsciiPrint(ctx, ctx.linkEnd, pktap.end);
  ctx.done = true;
}
