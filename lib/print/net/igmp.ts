/**
 * IGMP v1, v2 and v3 (RFC 1112, 2236, 3376), multicast traceroute (mtrace) and DVMRP as
 * tcpdump's igmp_print() writes them.
 *
 * @module
 */

import { truncated, truncatedRead } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import { type Igmp, IgmpType, MTRACE_QUERY_LENGTH } from "../../net/igmp.ts";
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
  switch (igmp.type) {
    case IgmpType.MEMBERSHIP_QUERY: {
      if (igmp.version === 3) {
        out.ascii("igmp query v3");
        const mrt = igmp.maxResponseTime;
        if (mrt !== 100) {
          out.ascii(" [max resp time ");
          if (mrt < 600) out.ascii(`${(mrt / 10).toFixed(1)}s`);
          else out.ascii(relativeTime(Math.floor(mrt / 10)));
          out.byte(0x5d);
        }
        if (igmp.headerLength >= 12) {
          if (groupSet) {
            out.ascii(" [gaddr ");
            out.ipv4(d, group);
          }
          if (igmp.sourceCount > 0) out.ascii(` [${igmp.sourceCount} source(s)]`);
          if (groupSet) out.byte(0x5d);
        }
      } else if (igmp.version === 1) {
        out.ascii("igmp query v1");
        if (groupSet) {
          out.ascii(" [gaddr ");
          out.ipv4(d, group);
          out.byte(0x5d);
        }
      } else {
        out.ascii("igmp query v2");
        if (igmp.maxResponseCode !== 100) out.ascii(` [max resp time ${igmp.maxResponseCode}]`);
        if (groupSet) {
          out.ascii(" [gaddr ");
          out.ipv4(d, group);
          out.byte(0x5d);
        }
      }
      break;
    }
    case IgmpType.V1_REPORT:
    case IgmpType.V2_REPORT:
      out.ascii(igmp.type === IgmpType.V1_REPORT ? "igmp v1 report " : "igmp v2 report ");
      out.ipv4(d, group);
      break;
    case IgmpType.LEAVE_GROUP:
      out.ascii("igmp leave ");
      out.ipv4(d, group);
      break;
    case IgmpType.V3_REPORT: {
      out.ascii(`igmp v3 report, ${igmp.recordCount} group record(s)`);
      if (ctx.verbose === 0) break;
      // tcpdump stops at the first record whose 8 fixed bytes are not all there.
      const records = igmp.records;
      for (const record of records) {
        if (record.offset + 8 > igmp.end) {
          truncated(ctx, "igmp");
          return;
        }
        out.ascii(" [gaddr ");
        out.ipv4(d, record.offset + 4);
        out.byte(0x20);
        out.ascii(MLD_RECORD_TYPES[record.type] ?? `[invalid type ${record.type}]`);
        if (ctx.verbose === 1) {
          out.ascii(`, ${record.sourceCount} source(s)]`);
          continue;
        }
        // From -vv the sources, each read as tcpdump reads it (a cut one ends the packet).
        out.ascii(" {");
        for (const source of record.sources) out.ascii(` ${source}`);
        if (record.sources.length < record.sourceCount) {
          truncatedRead(ctx, "igmp");
          return;
        }
        out.ascii(" }]");
      }
      if (records.length < igmp.recordCount) {
        truncated(ctx, "igmp");
        return;
      }
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
    default:
      out.ascii(`igmp-${igmp.type}`);
  }
  if (ctx.verbose > 0 && igmp.checksumValid === false) {
    out.ascii(" bad igmp cksum ");
    out.hex(igmp.checksum);
    out.byte(0x21);
  }
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
    truncatedRead(ctx, "igmp");
    return false;
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
