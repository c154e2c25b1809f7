/**
 * IGMP v1, v2 and v3 (RFC 1112, 2236, 3376) as tcpdump's igmp_print() writes it.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { foldChecksum, sumWords } from "../../checksum.ts";
import { MLD_RECORD_TYPES } from "../_names.ts";
import { expectedChecksum, relativeTime } from "../_shared.ts";

/** IGMP (RFC 1112, 2236, 3376), which wirekit does not decode into a layer. */
export function igmp(ctx: PrintContext, at: number, end: number): void {
  const out = ctx.out;
  const d = ctx.data;
  if (end - at < 8) {
    out.ascii(" [|igmp]");
    return;
  }
  const type = d[at]!;
  const code = d[at + 1]!;
  const group = at + 4;
  const groupSet = d[group] !== 0 || d[group + 1] !== 0 || d[group + 2] !== 0 ||
    d[group + 3] !== 0;
  const length = ctx.ipEnd - at;
  switch (type) {
    case 0x11: {
      if (length >= 12) {
        out.ascii("igmp query v3");
        const mrt = code < 128 ? code : ((code & 0x0f) | 0x10) << (((code >> 4) & 7) + 3);
        if (mrt !== 100) {
          out.ascii(" [max resp time ");
          if (mrt < 600) out.ascii(`${(mrt / 10).toFixed(1)}s`);
          else out.ascii(relativeTime(Math.floor(mrt / 10)));
          out.byte(0x5d);
        }
        if (end - at >= 12) {
          const sources = (d[at + 10]! << 8) | d[at + 11]!;
          if (groupSet) {
            out.ascii(" [gaddr ");
            out.ipv4(d, group);
          }
          if (sources > 0) out.ascii(` [${sources} source(s)]`);
          if (groupSet) out.byte(0x5d);
        }
      } else if (code === 0) {
        out.ascii("igmp query v1");
        if (groupSet) {
          out.ascii(" [gaddr ");
          out.ipv4(d, group);
          out.byte(0x5d);
        }
      } else {
        out.ascii("igmp query v2");
        if (code !== 100) out.ascii(` [max resp time ${code}]`);
        if (groupSet) {
          out.ascii(" [gaddr ");
          out.ipv4(d, group);
          out.byte(0x5d);
        }
      }
      break;
    }
    case 0x12:
    case 0x16:
      out.ascii(type === 0x12 ? "igmp v1 report " : "igmp v2 report ");
      out.ipv4(d, group);
      break;
    case 0x17:
      out.ascii("igmp leave ");
      out.ipv4(d, group);
      break;
    case 0x22: {
      const records = (d[at + 6]! << 8) | d[at + 7]!;
      out.ascii(`igmp v3 report, ${records} group record(s)`);
      if (ctx.verbose === 0) break;
      let p = at + 8;
      for (let i = 0; i < records; i++) {
        if (p + 8 > end) {
          out.ascii(" [|igmp]");
          return;
        }
        const sources = (d[p + 2]! << 8) | d[p + 3]!;
        out.ascii(" [gaddr ");
        out.ipv4(d, p + 4);
        out.byte(0x20);
        out.ascii(MLD_RECORD_TYPES[d[p]!] ?? `[invalid type ${d[p]}]`);
        out.ascii(`, ${sources} source(s)]`);
        p += 8 + 4 * sources + 4 * d[p + 1]!;
      }
      break;
    }
    default:
      out.ascii(`igmp-${type}`);
  }
  if (ctx.verbose > 0 && !ctx.fragment && ctx.ipEnd <= ctx.end) {
    const sum = foldChecksum(sumWords(d, at, ctx.ipEnd, 0));
    if (sum !== 0) {
      out.ascii(" bad igmp cksum ");
      out.hex(expectedChecksum((d[at + 2]! << 8) | d[at + 3]!, sum));
      out.byte(0x21);
    }
  }
}
