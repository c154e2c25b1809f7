/**
 * Multicast listener discovery inside ICMPv6 (types 130-132 and 143), as tcpdump's
 * mld6_print(), mldv2_query_print() and mldv2_report_print() write it.
 *
 * @module
 */

import type { Icmpv6 } from "../../net/icmpv6.ts";
import { formatIpv6 } from "../../address.ts";
import { MLD_RECORD_TYPES } from "../_names.ts";
import type { PrintContext } from "../context.ts";
import { readCut } from "../_truncation.ts";

/** MLDv1 (tcpdump's mld6_print()): no separator after the type name. */
export function mld(icmp: Icmpv6): string {
  const address = icmp.multicastAddress;
  if (address === undefined) return "";
  return `max resp delay: ${icmp.maxResponseCode} addr: ${address}`;
}

/**
 * An MLDv2 query (tcpdump's mldv2_query_print()): a field past the capture ends the packet
 * where its GET_ read does (the hex dump then starts at the link header); `false` then.
 */
export function printMldv2Query(ctx: PrintContext, icmp: Icmpv6, length: number): boolean {
  const out = ctx.out;
  const vflag = ctx.verbose;
  const code = icmp.maxResponseCode;
  if (code === undefined) return readCut(ctx, "icmp6");
  if (vflag > 0) {
    const delay = code < 32768 ? code : ((code & 0x0fff) | 0x1000) << (((code & 0x7000) >> 12) + 3);
    out.ascii(` [max resp delay=${delay}]`);
  }
  const address = icmp.multicastAddress;
  if (address === undefined) return readCut(ctx, "icmp6");
  out.ascii(` [gaddr ${address}`);
  const query = icmp.mldv2Query;
  if (vflag > 0) {
    if (query === undefined) return readCut(ctx, "icmp6");
    if (query.suppress) out.ascii(" sflag");
    if (query.robustness !== 0) out.ascii(` robustness=${query.robustness}`);
    const q = query.qqic;
    if (q === undefined) return readCut(ctx, "icmp6");
    out.ascii(` qqi=${q < 128 ? q : ((q & 0x0f) | 0x10) << (((q & 0x70) >> 4) + 3)}`);
  }
  const count = query?.sourceCount;
  if (count === undefined) return readCut(ctx, "icmp6");
  if (count > 0) {
    if (length < 28 + count * 16) out.ascii(" [invalid number of sources]");
    else if (vflag > 1) {
      out.ascii(" {");
      for (const source of query!.sources!) out.ascii(` ${source}`);
      if (query!.sources!.length < count) return readCut(ctx, "icmp6");
      out.ascii(" }");
    } else out.ascii(`, ${count} source(s)`);
  }
  out.byte(0x5d);
  return true;
}

/**
 * The group records of an MLDv2 report (tcpdump's mldv2_report_print() at -v), checked
 * against the message's length on the wire; a record past the capture ends the packet
 * where tcpdump's GET_ read does.
 */
export function printMldv2Records(
  ctx: PrintContext,
  icmp: Icmpv6,
  records: number,
  length: number,
): void {
  const out = ctx.out;
  const d = icmp.data;
  const end = icmp.end;
  let group = 8;
  for (let i = 0; i < records; i++) {
    if (length < group + 20) return out.ascii(" [invalid number of groups]");
    const at = icmp.offset + group;
    if (at + 20 > end) return void readCut(ctx, "icmp6");
    const type = d[at]!;
    const sources = (d[at + 2]! << 8) | d[at + 3]!;
    out.ascii(` [gaddr ${formatIpv6(d, at + 4)} `);
    out.ascii(type >= 1 && type <= 6 ? MLD_RECORD_TYPES[type]! : ` [v2-report-#${type}]`);
    if (length < group + 20 + sources * 16) {
      return out.ascii(` [invalid number of sources ${sources}]`);
    }
    if (ctx.verbose === 1) out.ascii(`, ${sources} source(s)`);
    else {
      out.ascii(" {");
      for (let j = 0; j < sources; j++) {
        const source = at + 20 + j * 16;
        if (source + 16 > end) return void readCut(ctx, "icmp6");
        out.ascii(` ${formatIpv6(d, source)}`);
      }
      out.ascii(" }");
    }
    // tcpdump skips no auxiliary data.
    group += 20 + sources * 16;
    out.byte(0x5d);
  }
}
