/**
 * IEEE 802.5 Token Ring as tcpdump's token_print() writes it: with `-e` the access and
 * frame control, the addresses and the length; the source routing field (with `-v` its
 * broadcast indicator, direction and ring/bridge numbers, else `rt = ` and its words, then
 * the largest frame); then the LLC frame, or a MAC frame's header and bytes.
 *
 * @module
 */

import { printRawIpxLead } from "./llc.ts";
import type { Layer } from "../../layer_map.ts";
import type { PrintContext } from "../context.ts";
import type { TokenRing } from "../../link/token_ring.ts";
import { truncated } from "../_truncation.ts";

/** tcpdump's broadcast_indicator, by the route control's top 3 bits. */
const BROADCAST = [
  "Non-Broadcast",
  "Non-Broadcast",
  "Non-Broadcast",
  "Non-Broadcast",
  "All-routes",
  "All-routes",
  "Single-route",
  "Single-route",
];

/** tcpdump's largest_frame, by the route control's largest-frame code. */
const LARGEST_FRAME = ["516", "1500", "2052", "4472", "8144", "11407", "17800", "??"];

/** The header as token_hdr_print() writes it: `10 40 src > dst, length N: ` (no controls with -q). */
function header(ctx: PrintContext, tr: TokenRing, length: number): void {
  const out = ctx.out;
  if (!ctx.quiet) {
    out.hex(tr.accessControl, 2);
    out.byte(0x20);
    out.hex(tr.frameControl, 2);
    out.byte(0x20);
  }
  out.ascii(tr.source);
  out.ascii(" > ");
  out.mac(tr.data, tr.offset + 2);
  out.ascii(", length ");
  out.uint(length);
  out.ascii(": ");
}

/** The route field: `-v` names its fields, otherwise its words in hex; then the largest frame. */
function route(ctx: PrintContext, tr: TokenRing): void {
  const out = ctx.out;
  const count = tr.segmentCount;
  if (ctx.verbose > 0) {
    out.ascii(`${BROADCAST[tr.broadcast]} ${tr.direction === 0 ? "Forward" : "Backward"}`);
    for (let i = 0; i < count; i++) {
      const word = tr.segment(i);
      out.ascii(` [${word >> 4}:${word & 0xf}]`);
    }
  } else {
    out.ascii("rt = ");
    out.hex(tr.routeControl);
    for (let i = 0; i < count; i++) {
      out.byte(0x3a);
      out.hex(tr.segment(i));
    }
  }
  out.ascii(` (${LARGEST_FRAME[tr.largestFrame]}) `);
}

/**
 * Prints a Token Ring header: with `-e` its controls, addresses and length; its route
 * field; then lets the LLC printer go on, or, for a MAC frame, prints the header (without
 * `-e` too) before its bytes. A route field cut by the capture ends it with ` [|token-ring]`.
 *
 * @param ctx The print context.
 * @param tr The layer.
 * @param next The layer after it (LLC, or raw 802.3 IPX).
 */
export function printTokenRing(
  ctx: PrintContext,
  tr: TokenRing,
  next: Layer | undefined,
): void {
  const first = tr.offset === ctx.start;
  const length = first ? ctx.originalLength : ctx.tunnelLength;
  if (first) {
    // token_print() counts a cut route field whole as link header (no byte of it dumped).
    const routeEnd = tr.partial && tr.routeControl >= 0
      ? tr.offset + tr.headerLength + tr.routeLength
      : tr.offset + tr.headerLength;
    ctx.linkEnd = Math.min(routeEnd, ctx.end);
  }
  if (ctx.link) header(ctx, tr, length);
  if (tr.partial) return truncated(ctx, "token-ring");
  if (tr.routed) route(ctx, tr);
  // The LLC printer prints the addresses of frames it does not decode, the source without
  // its route-information bit.
  ctx.macAt = tr.offset + 2;
  ctx.sourceMacAt = tr.offset + 8;
  ctx.sourceRouted = tr.routed;
  ctx.frameLength = length - tr.headerLength;
  if (tr.llc) return printRawIpxLead(ctx, next, tr.offset + tr.headerLength);
  // MAC frames: the header (without -e too), then their bytes in hex.
  if (!ctx.link) header(ctx, tr, length);
}
