/**
 * DVMRP in IGMP (type 0x13) as tcpdump's dvmrp_print() writes it: the type's name, with
 * `-v` a Probe's generation ID (its neighbors from `-vv`), from `-vv` a Report's netmasks
 * and routes, the neighbors of Neighbors and Neighbors2 replies, Prune, Graft and
 * Graft-ACK addresses. Private to `lib/print/`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type DvmrpMessage, type DvmrpStop, DvmrpType, type Igmp } from "../../net/igmp.ts";
import { invalid, readCut } from "../_truncation.ts";
import { relativeTime } from "../_shared.ts";

/** tcpdump's names of the DVMRP types, by number. */
const NAMES: readonly string[] = [
  "",
  "Probe",
  "Report",
  "Ask-neighbors(old)",
  "Neighbors(old)",
  "Ask-neighbors2",
  "Neighbors2",
  "Prune",
  "Graft",
  "Graft-ACK",
];

/** Neighbors2 flags, in the order tcpdump prints them. */
const FLAGS: readonly [number, string][] = [
  [0x01, "/tunnel"],
  [0x02, "/srcrt"],
  [0x40, "/querier"],
  [0x20, "/disabled"],
  [0x10, "/down"],
];

/**
 * Prints a DVMRP message after `igmp dvmrp`.
 *
 * @param ctx The print context.
 * @param igmp The IGMP layer.
 * @param message Its DVMRP fields.
 * @returns `false` when a read past the capture ended the packet.
 */
export function printDvmrp(ctx: PrintContext, igmp: Igmp, message: DvmrpMessage): boolean {
  const out = ctx.out;
  const type = message.type;
  if (type < 0) return readCut(ctx, "dvmrp");
  out.byte(0x20);
  out.ascii((type > 0 ? NAMES[type] : undefined) ?? `[type ${type}]`);
  switch (type) {
    case DvmrpType.PROBE:
      return ctx.verbose === 0 || printProbe(ctx, igmp, message);
    case DvmrpType.REPORT:
      return ctx.verbose < 2 || printReport(ctx, message);
    case DvmrpType.NEIGHBORS2:
      if (message.majorVersion < 0) return readCut(ctx, "dvmrp");
      out.ascii(` (v ${message.majorVersion}.${message.minorVersion}):`);
      return printNeighbors(ctx, igmp, message, true);
    case DvmrpType.NEIGHBORS:
      return printNeighbors(ctx, igmp, message, false);
    case DvmrpType.PRUNE:
    case DvmrpType.GRAFT:
    case DvmrpType.GRAFT_ACK: {
      const at = message.sourceOffset;
      if (at < 0) return readCut(ctx, "dvmrp");
      out.ascii(" src ");
      out.ipv4(igmp.data, at);
      out.ascii(" grp ");
      out.ipv4(igmp.data, at + 4);
      if (type !== DvmrpType.PRUNE) return true;
      out.ascii(" timer ");
      if (message.pruneLifetime < 0) return readCut(ctx, "dvmrp");
      out.ascii(relativeTime(message.pruneLifetime));
      return true;
    }
  }
  return true;
}

/** Prints the stop of a walk: a cut ends the packet, the rest are marked invalid. */
function printStop(ctx: PrintContext, stop: DvmrpStop | undefined): boolean {
  if (stop === undefined) return true;
  const out = ctx.out;
  switch (stop.reason) {
    case "cut":
      return readCut(ctx, "dvmrp");
    case "report":
      out.ascii("\n\t  [Truncated Report]");
      break;
    case "ncount":
      out.ascii(" [invalid ncount]");
      break;
    default:
      out.ascii(` [length ${stop.remaining} < ${stop.needed}]`);
  }
  invalid(ctx);
  return true;
}

function printProbe(ctx: PrintContext, igmp: Igmp, message: DvmrpMessage): boolean {
  const out = ctx.out;
  if (message.length < 4) {
    out.ascii(` [full length ${message.length} < 4]`);
    invalid(ctx);
    return true;
  }
  out.ascii(ctx.verbose > 1 ? "\n\t" : " ");
  if (message.generationId < 0) return readCut(ctx, "dvmrp");
  out.ascii("genid ");
  out.uint(message.generationId);
  if (ctx.verbose < 2) return true;
  const walk = message.probeNeighbors;
  for (const at of walk.items) {
    out.ascii("\n\tneighbor ");
    out.ipv4(igmp.data, at);
  }
  // print_probe() words its short rest its own way, without a leading space.
  if (walk.stop?.reason === "short") {
    out.ascii(`[remaining length ${walk.stop.remaining} < 4]`);
    invalid(ctx);
    return true;
  }
  return printStop(ctx, walk.stop);
}

function printReport(ctx: PrintContext, message: DvmrpMessage): boolean {
  const out = ctx.out;
  const walk = message.report;
  for (const entry of walk.items) {
    const a = entry.address;
    const text = `${a >>> 24}.${(a >>> 16) & 0xff}.${(a >>> 8) & 0xff}.${a & 0xff}`;
    if (entry.kind === "mask") out.ascii(`\n\tMask ${text}`);
    else out.ascii(`\n\t  ${text} metric ${entry.metric}`);
  }
  return printStop(ctx, walk.stop);
}

function printNeighbors(
  ctx: PrintContext,
  igmp: Igmp,
  message: DvmrpMessage,
  flagged: boolean,
): boolean {
  const out = ctx.out;
  const d = igmp.data;
  const walk = message.neighbors;
  for (const neighbor of walk.items) {
    out.ascii(" [");
    out.ipv4(d, neighbor.localOffset);
    out.ascii(flagged ? " -> " : " ->");
    // The neighbor's address is read after the local one is printed.
    if (neighbor.neighborOffset < 0) return readCut(ctx, "dvmrp");
    if (!flagged) out.byte(0x20);
    out.ipv4(d, neighbor.neighborOffset);
    out.ascii(`${flagged ? "" : ","} (${neighbor.metric}/${neighbor.threshold}`);
    for (const [bit, name] of FLAGS) if (neighbor.flags & bit) out.ascii(name);
    out.ascii(")]");
  }
  return printStop(ctx, walk.stop);
}
