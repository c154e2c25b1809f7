/**
 * MPLS as tcpdump's mpls_print() writes it: each label entry (on its own line with
 * `-v`, where the reserved labels are named), then the IPv4 or IPv6 packet after the
 * stack, or its bytes in hex when its type is unknown.
 *
 * @module
 */

import { truncated } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import type { Mpls } from "../../net/mpls.ts";
import { hexAndAsciiPrint } from "../_hex.ts";

/**
 * Prints an MPLS label stack.
 *
 * @param ctx The print context.
 * @param mpls The layer.
 * @param next The layer after it.
 */
export function printMpls(ctx: PrintContext, mpls: Mpls, next: Layer | undefined): void {
  const out = ctx.out;
  const verbose = ctx.verbose > 0;
  out.ascii("MPLS");
  for (let i = 0; i < mpls.depth; i++) {
    const entry = mpls.entryAt(i);
    out.ascii(i > 0 && verbose ? "\n\t(label " : " (label ");
    out.uint(entry.label);
    if (verbose && entry.label < 16) {
      out.ascii(" (");
      out.ascii(RESERVED_LABELS[entry.label] ?? "rsvd");
      out.byte(0x29);
    }
    out.ascii(", tc ");
    out.uint(entry.trafficClass);
    if (entry.bottom) out.ascii(", [S]");
    out.ascii(", ttl ");
    out.uint(entry.ttl);
    out.byte(0x29);
  }
  const start = mpls.offset + mpls.headerLength;
  const length = ctx.network ? ctx.ipEnd - start : ctx.originalLength - (start - ctx.start);
  if (next !== undefined || (ctx.error !== undefined && ctx.error.offset === start)) {
    // The IPv4 or IPv6 packet goes on.
    out.ascii(verbose ? "\n\t" : " ");
    ctx.tunnelLength = length;
    return;
  }
  ctx.done = true;
  const type = mpls.payloadType;
  if (type === undefined && length >= 1 && start >= ctx.end) {
    truncated(ctx, "mpls");
    return;
  }
  if (length < 1 || !ctx.defaultPrint) return;
  // tcpdump's default print: the bytes it cannot name, in hex and ASCII.
  hexAndAsciiPrint(ctx, start, Math.min(ctx.end, start + length));
}

/** tcpdump's names of the reserved labels 0 to 15. */
const RESERVED_LABELS = [
  "IPv4 explicit NULL",
  "router alert",
  "IPv6 explicit NULL",
  "implicit NULL",
];
