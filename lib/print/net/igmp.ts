/**
 * IGMP v1, v2 and v3 (RFC 1112, 2236, 3376), multicast traceroute (mtrace) and DVMRP as
 * tcpdump's igmp_print() writes them, and the PIM version 1 messages of IGMP type 0x14 as
 * its pimv1_print() does.
 *
 * @module
 */

import { readCut, truncated, truncatedRead } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import {
  type Igmp,
  IgmpType,
  MTRACE_QUERY_LENGTH,
  type Pimv1Cut,
  type Pimv1Message,
  Pimv1Type,
} from "../../net/igmp.ts";
import { MLD_RECORD_TYPES } from "../_names.ts";
import { relativeTime } from "../_shared.ts";
import { printDvmrp } from "./_igmp_dvmrp.ts";

/**
 * Prints an IGMP message.
 *
 * @param ctx The print context.
 * @param igmp The layer.
 * @param _next The layer after it (none).
 */
export function printIgmp(ctx: PrintContext, igmp: Igmp, _next: Layer | undefined): void {
  const out = ctx.out;
  ctx.done = true;
  if (ctx.quiet) return out.ascii("igmp");
  const d = igmp.data;
  const group = igmp.offset + 4;
  const groupSet = igmp.groupAddress !== 0;
  // A message cut before its group address: tcpdump's read of it ends the packet.
  const whole = igmp.headerLength >= 8;
  switch (igmp.type) {
    case IgmpType.MEMBERSHIP_QUERY: {
      if (igmp.version === 3) {
        out.ascii("igmp query v3");
        if ((igmp.length & 3) !== 0) {
          out.ascii(` [invalid len ${igmp.length}]`);
          break;
        }
        if (igmp.headerLength < 2) return truncatedRead(ctx, "igmp");
        const mrt = igmp.maxResponseTime;
        if (mrt !== 100) {
          out.ascii(" [max resp time ");
          if (mrt < 600) out.ascii(`${(mrt / 10).toFixed(1)}s`);
          else out.ascii(relativeTime(Math.floor(mrt / 10)));
          out.byte(0x5d);
        }
        if (!whole) return truncatedRead(ctx, "igmp");
        // A general query (no group) says no more, not even its sources.
        if (!groupSet) break;
        out.ascii(" [gaddr ");
        out.ipv4(d, group);
        if (igmp.headerLength < 12) return truncatedRead(ctx, "igmp");
        const count = igmp.sourceCount;
        if (count > 0) {
          if (igmp.length < 12 + 4 * count) out.ascii(" [invalid number of sources]");
          else if (ctx.verbose > 1) {
            out.ascii(" {");
            const sources = igmp.sources;
            for (const source of sources) out.ascii(` ${source}`);
            if (sources.length < count) return truncatedRead(ctx, "igmp");
            out.ascii(" }");
          } else out.ascii(`, ${count} source(s)`);
        }
        out.byte(0x5d);
      } else {
        out.ascii("igmp query");
        if (igmp.headerLength < 2) return truncatedRead(ctx, "igmp");
        if (igmp.version === 1) out.ascii(" v1");
        else {
          out.ascii(" v2");
          if (igmp.maxResponseCode !== 100) out.ascii(` [max resp time ${igmp.maxResponseCode}]`);
        }
        if (!whole) return truncatedRead(ctx, "igmp");
        if (groupSet) {
          out.ascii(" [gaddr ");
          out.ipv4(d, group);
          out.byte(0x5d);
        }
        if (igmp.length !== 8) out.ascii(` [len ${igmp.length}]`);
      }
      break;
    }
    case IgmpType.V1_REPORT:
    case IgmpType.V2_REPORT:
      // tcpdump reads the group before it prints the line.
      if (!whole) return truncatedRead(ctx, "igmp");
      out.ascii(igmp.type === IgmpType.V1_REPORT ? "igmp v1 report " : "igmp v2 report ");
      out.ipv4(d, group);
      if (igmp.type === IgmpType.V1_REPORT && igmp.length !== 8) {
        out.ascii(` [len ${igmp.length}]`);
      }
      break;
    case IgmpType.LEAVE_GROUP:
      if (!whole) return truncatedRead(ctx, "igmp");
      out.ascii("igmp leave ");
      out.ipv4(d, group);
      break;
    case IgmpType.V3_REPORT: {
      out.ascii("igmp v3 report");
      if (igmp.length < 16 || (igmp.length & 3) !== 0) {
        out.ascii(` [invalid len ${igmp.length}]`);
        break;
      }
      if (!whole) return truncatedRead(ctx, "igmp");
      out.ascii(`, ${igmp.recordCount} group record(s)`);
      if (ctx.verbose > 0 && !printReportRecords(ctx, igmp)) return;
      break;
    }
    case IgmpType.MTRACE_RESPONSE:
    case IgmpType.MTRACE:
      if (!printTrace(ctx, igmp)) return;
      break;
    case IgmpType.DVMRP:
      out.ascii("igmp dvmrp");
      if (igmp.length < 8) out.ascii(` [len ${igmp.length}]`);
      else if (!printDvmrp(ctx, igmp, igmp.dvmrp!)) return;
      break;
    case IgmpType.PIMV1:
      out.ascii("igmp pimv1");
      if (!pimv1(ctx, igmp)) return;
      break;
    default:
      out.ascii(`igmp-${igmp.type}`);
  }
  if (ctx.verbose > 0 && igmp.length >= 4 && igmp.checksumValid === false) {
    out.ascii(" bad igmp cksum ");
    out.hex(igmp.checksum);
    out.byte(0x21);
  }
}

/**
 * Prints an IGMPv3 report's group records as print_igmpv3_report() does from -v on. It
 * steps over a record's 8 bytes and its sources (not its auxiliary data, as tcpdump), checks
 * the records and sources against the message's length on the wire, and reads each field
 * from the capture.
 *
 * @returns `false` when the capture cut a field (the packet's printing ended).
 */
function printReportRecords(ctx: PrintContext, igmp: Igmp): boolean {
  const out = ctx.out;
  const length = igmp.length;
  let group = 8;
  for (let i = 0; i < igmp.recordCount; i++) {
    if (length < group + 8) {
      out.ascii(" [invalid number of groups]");
      return true;
    }
    // The group address is read first; the type and the source count lie before it.
    const record = igmp.recordAt(group, ctx.verbose > 1);
    if (record === undefined || record.offset + 8 > igmp.end) return readCut(ctx, "igmp");
    out.ascii(" [gaddr ");
    out.ascii(record.group);
    const type = record.type;
    out.ascii(type >= 1 && type <= 6 ? ` ${MLD_RECORD_TYPES[type]}` : `  [v3-report-#${type}]`);
    const sources = record.sourceCount;
    if (length < group + 8 + sources * 4) {
      out.ascii(` [invalid number of sources ${sources}]`);
      return true;
    }
    if (ctx.verbose === 1) out.ascii(`, ${sources} source(s)`);
    else {
      out.ascii(" {");
      for (let j = 0; j < sources; j++) {
        const source = record.sources[j];
        if (source === undefined) return readCut(ctx, "igmp");
        out.byte(0x20);
        out.ascii(source);
      }
      out.ascii(" }");
    }
    group += 8 + sources * 4;
    out.byte(0x5d);
  }
  return true;
}

/**
 * Prints a multicast traceroute query or response as tcpdump's print_mtrace() does: the
 * query's fields (a response's per-hop blocks are not printed), or ` [invalid len N]` for a
 * message too short by its IP length to hold the query.
 *
 * @returns `false` when the capture cut the query (the packet's printing ended).
 */
function printTrace(ctx: PrintContext, igmp: Igmp): boolean {
  const out = ctx.out;
  if (igmp.length < 8 + MTRACE_QUERY_LENGTH) {
    out.ascii(` [invalid len ${igmp.length}]`);
    return true;
  }
  // tcpdump reads every field before it prints the line: a cut query prints none of it.
  if (!igmp.traceQueryCaptured) {
    return readCut(ctx, "igmp");
  }
  out.ascii(igmp.type === IgmpType.MTRACE ? "mtrace " : "mresp ");
  out.uint(igmp.traceQueryId);
  out.ascii(`: ${igmp.traceSource} to ${igmp.traceDestination} reply-to `);
  out.ascii(igmp.traceResponseAddress);
  // A response sent to a multicast (class D) address says the TTL it is sent with.
  if ((igmp.traceResponseAddressValue & 0xf0000000) >>> 0 === 0xe0000000) {
    out.ascii(` with-ttl ${igmp.traceResponseTtl}`);
  }
  return true;
}

const PIMV1_TYPES = [
  "Query",
  "Register",
  "Register-Stop",
  "Join/Prune",
  "RP-reachable",
  "Assert",
  "Graft",
  "Graft-ACK",
];

const PIMV1_MODES = ["Dense-mode", "Sparse-mode", "Sparse-Dense-mode"];

// Prints the PIM version 1 message after `igmp pimv1`. Returns `false` when a read past the
// captured bytes ended the packet (tcpdump's longjmp): the checksum is then not checked.
function pimv1(ctx: PrintContext, igmp: Igmp): boolean {
  const message = igmp.pimv1()!;
  if (message.type === undefined) {
    return readCut(ctx, "pimv1");
  }
  ctx.out.ascii(` ${PIMV1_TYPES[message.type] ?? `[type ${message.type}]`}`);
  const cut = pimv1Body(ctx, igmp, message);
  if (cut === "capture") {
    return readCut(ctx, "pimv1");
  }
  // tcpdump's own truncation mark goes on to the checksum; that of the message header
  // skips the version.
  if (cut !== undefined) truncated(ctx, "pimv1");
  if (cut === "message") return true;
  if (message.version === undefined) {
    return readCut(ctx, "pimv1");
  }
  if (message.version !== 1) ctx.out.ascii(` [v${message.version}]`);
  return true;
}

// Prints the fields of the message's type; returns where they stopped, if they did.
function pimv1Body(ctx: PrintContext, igmp: Igmp, message: Pimv1Message): Pimv1Cut | undefined {
  const out = ctx.out;
  const d = igmp.data;
  switch (message.type) {
    case Pimv1Type.QUERY:
      if (message.mode !== undefined) {
        out.ascii(` ${PIMV1_MODES[message.mode] ?? `mode-${message.mode}`}`);
      }
      if (ctx.verbose === 0) return undefined;
      out.ascii(" (Hold-time ");
      if (message.holdTime === undefined) return message.cut;
      out.ascii(`${relativeTime(message.holdTime)})`);
      return undefined;
    case Pimv1Type.REGISTER:
    case Pimv1Type.REGISTER_STOP: {
      if (message.groupAt === undefined || message.sourceAt === undefined) return message.cut;
      // A Register names the packet inside from source to group, a Register-Stop the other way.
      const register = message.type === Pimv1Type.REGISTER;
      out.ascii(" for ");
      out.ipv4(d, register ? message.sourceAt : message.groupAt);
      out.ascii(" > ");
      out.ipv4(d, register ? message.groupAt : message.sourceAt);
      return undefined;
    }
    case Pimv1Type.RP_REACHABILITY:
      if (ctx.verbose === 0) return undefined;
      if (message.groupAt === undefined) return message.cut;
      out.ascii(" group ");
      out.ipv4(d, message.groupAt);
      if (!pimv1Mask(ctx, igmp, message.groupMask, message.groupMaskAt)) return message.cut;
      if (message.rpAt === undefined) return message.cut;
      out.ascii(" RP ");
      out.ipv4(d, message.rpAt);
      out.ascii(" hold ");
      if (message.holdTime === undefined) return message.cut;
      out.ascii(relativeTime(message.holdTime));
      return undefined;
    case Pimv1Type.ASSERT:
      if (message.sourceAt === undefined || message.groupAt === undefined) return message.cut;
      out.ascii(" for ");
      out.ipv4(d, message.sourceAt);
      out.ascii(" > ");
      out.ipv4(d, message.groupAt);
      pimv1Mask(ctx, igmp, message.groupMask, message.groupMaskAt);
      if (message.metric === undefined) return message.cut;
      out.ascii(message.rpTree ? " RP-tree" : " SPT");
      out.ascii(` pref ${message.preference} metric ${message.metric}`);
      return undefined;
    case Pimv1Type.JOIN_PRUNE:
    case Pimv1Type.GRAFT:
    case Pimv1Type.GRAFT_ACK:
      return ctx.verbose === 0 ? undefined : pimv1JoinPrune(ctx, igmp, message);
  }
  return undefined;
}

// Prints `/mask` unless the mask is all ones; `false` when it was not read.
function pimv1Mask(
  ctx: PrintContext,
  igmp: Igmp,
  mask: number | undefined,
  maskAt: number | undefined,
): boolean {
  if (mask === undefined || maskAt === undefined) return false;
  if (mask !== 0xffffffff) {
    ctx.out.byte(0x2f);
    ctx.out.ipv4(igmp.data, maskAt);
  }
  return true;
}

// A Join/Prune, Graft or Graft-Ack body (with -v): one line for one group with one source,
// else the upstream neighbor and hold time, and from -vv the groups and their sources.
function pimv1JoinPrune(
  ctx: PrintContext,
  igmp: Igmp,
  message: Pimv1Message,
): Pimv1Cut | undefined {
  const out = ctx.out;
  const d = igmp.data;
  if (message.compact) {
    const group = message.groups[0]!;
    const source = group.sources[0]!;
    out.ascii(" RPF ");
    out.ipv4(d, message.upstreamAt!);
    out.byte(0x20);
    if (message.holdTime !== 180) out.ascii(`Hold ${relativeTime(message.holdTime!)}`);
    out.ascii(group.joinCount !== 0 ? "Join (" : "Prune (");
    out.ipv4(d, source.addressAt);
    out.ascii(`/${source.maskLength}, `);
    out.ipv4(d, group.addressAt);
    pimv1Mask(ctx, igmp, group.mask, group.maskAt);
    out.ascii(source.sparse ? ") Sparse" : ") Dense");
    if (source.wildcard) out.ascii(" WC");
    out.ascii(source.rpTree ? " RP" : " SPT");
    return undefined;
  }
  const vv = ctx.verbose > 1;
  // A field cut by the capture (not by the length) is read after its label is printed.
  const captureCut = message.cut === "capture";
  if (message.upstreamAt === undefined) {
    if (captureCut && vv) out.byte(0x0a);
    return message.cut;
  }
  if (vv) out.byte(0x0a);
  out.ascii(" Upstream Nbr: ");
  out.ipv4(d, message.upstreamAt);
  if (message.holdTime === undefined) {
    if (captureCut) out.ascii(vv ? "\n Hold time: " : " Hold time: ");
    return message.cut;
  }
  out.ascii(vv ? "\n Hold time: " : " Hold time: ");
  out.ascii(relativeTime(message.holdTime));
  if (!vv) return undefined;
  if (message.groupCount === undefined) return message.cut;
  for (let g = 0; g < message.groupCount; g++) {
    const group = message.groups[g];
    if (group === undefined) return message.cut;
    out.ascii("\n\tGroup: ");
    out.ipv4(d, group.addressAt);
    if (!pimv1Mask(ctx, igmp, group.mask, group.maskAt)) return message.cut;
    if (group.joinCount === undefined) return message.cut;
    const joins = group.joinCount;
    out.ascii(` joined: ${joins} pruned: ${group.pruneCount}`);
    for (let s = 0; s < joins + group.pruneCount!; s++) {
      const source = group.sources[s];
      if (source === undefined) return message.cut;
      out.ascii(s < joins ? "\n\tJoin  " : "\n\tPrune ");
      out.ascii(source.sparse ? "Sparse " : "Dense ");
      if (source.wildcard) out.ascii("WC ");
      out.ascii(source.rpTree ? "RP " : "SPT ");
      out.ipv4(d, source.addressAt);
      out.ascii(`/${source.maskLength}`);
    }
  }
  return undefined;
}
