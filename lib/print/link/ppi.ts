/**
 * The PPI header as tcpdump's ppi_if_print() writes it: with `-e` (or before a frame
 * whose link type it does not print) `V.0 DLT IEEE802_11 (105) len 32, length 120: `,
 * then the frame after it.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import type { Ppi } from "../../link/ppi.ts";
import { linkTypePcapName } from "../../link_type.ts";
import { hexdump } from "../../output/hexdump.ts";

/**
 * The header line of a link header that names the link type of the frame after it, as
 * tcpdump's ppi_header_print() and pktap_header_print() write it: `DLT EN10MB (1) len 108,
 * length 150: ` (`EN10MB, length 150: ` with `-q`).
 *
 * @param ctx The print context.
 * @param prefix What comes before `DLT` (PPI's version, `V.0 `).
 * @param linkType The link type of the frame after the header.
 * @param headerLength The header's length field.
 * @param length The length on the wire from the header on.
 */
export function printDltHeader(
  ctx: PrintContext,
  prefix: string,
  linkType: number,
  headerLength: number,
  length: number,
): void {
  const out = ctx.out;
  const name = linkTypePcapName(linkType) ?? "UNKNOWN";
  if (ctx.quiet) out.ascii(name);
  else out.ascii(`${prefix}DLT ${name} (${linkType}) len ${headerLength}`);
  out.ascii(`, length ${length}: `);
}

/** tcpdump's ppi_header_print(). */
function header(ctx: PrintContext, ppi: Ppi, length: number): void {
  printDltHeader(ctx, `V.${ppi.version} `, ppi.linkType, ppi.length, length);
}

/**
 * Prints a PPI header as tcpdump does, then lets the printer of the frame after it go on
 * (that frame's printers count its length from the wire length less the header).
 *
 * @param ctx The print context.
 * @param ppi The layer.
 * @param next The frame after the header, if it decoded.
 */
export function printPpi(ctx: PrintContext, ppi: Ppi, next: Layer | undefined): void {
  const out = ctx.out;
  const length = ctx.originalLength - (ppi.offset - ctx.start);
  if (!ppi.validLength) {
    out.ascii(` [length ${ppi.length} < 8 or > 65532] (invalid)`);
    // tcpdump counts the whole packet as the link header: -x dumps nothing.
    ctx.linkEnd = ppi.end;
    ctx.done = true;
    return;
  }
  ctx.linkEnd = ppi.offset + ppi.headerLength;
  if (ctx.link) header(ctx, ppi, length);
  const rest = length - ppi.headerLength;
  ctx.frameLength = rest;
  ctx.tunnelLength = rest;
  if (next !== undefined || ctx.error !== undefined) {
    ctx.ppiFrameAt = ctx.linkEnd;
    return;
  }
  // A link type without a printer: the header, then the frame's bytes (not again by -x).
  if (!ctx.link) header(ctx, ppi, length);
  ctx.linkEnd = ppi.end;
  const text = hexdump(ctx.data.subarray(ppi.offset + ppi.headerLength, ppi.end), {
    ascii: true,
  });
  if (text !== "" && ctx.defaultPrint) {
    out.byte(0x0a);
    out.ascii(text);
  }
  ctx.done = true;
}
