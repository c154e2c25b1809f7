/**
 * Multicast listener discovery inside ICMPv6 (types 130-132 and 143), as tcpdump's
 * mld6_print(), mldv2_query_print() and mldv2_report_print() write it.
 *
 * @module
 */

import type { Icmpv6 } from "../../net/icmpv6.ts";
import { formatIpv6 } from "../../address.ts";
import { MLD_RECORD_TYPES } from "../_names.ts";

/** MLDv1 (tcpdump's mld6_print()): no separator after the type name. */
export function mld(icmp: Icmpv6): string {
  const address = icmp.multicastAddress;
  if (address === undefined) return "";
  return `max resp delay: ${icmp.maxResponseCode} addr: ${address}`;
}

/** An MLDv2 query (tcpdump's mldv2_query_print()). */
export function mldv2Query(icmp: Icmpv6, length: number, vflag: number): string {
  const query = icmp.mldv2Query;
  const code = icmp.maxResponseCode;
  if (query === undefined || code === undefined) return " [|icmp6]";
  let text = "";
  if (vflag > 0) {
    const delay = code < 32768 ? code : ((code & 0x0fff) | 0x1000) << (((code & 0x7000) >> 12) + 3);
    text += ` [max resp delay=${delay}]`;
  }
  text += ` [gaddr ${icmp.multicastAddress}`;
  if (vflag > 0) {
    if (query.suppress) text += " sflag";
    if (query.robustness !== 0) text += ` robustness=${query.robustness}`;
    const q = query.qqic;
    text += ` qqi=${q < 128 ? q : ((q & 0x0f) | 0x10) << (((q & 0x70) >> 4) + 3)}`;
  }
  const count = query.sourceCount;
  if (count > 0) {
    if (length < 28 + count * 16) text += " [invalid number of sources]";
    else if (vflag > 1 && query.sources !== undefined) text += ` { ${query.sources.join(" ")} }`;
    else text += `, ${count} source(s)`;
  }
  return `${text}]`;
}

export function mldv2Records(icmp: Icmpv6, records: number, vflag: number): string {
  const d = icmp.data;
  const length = icmp.end - icmp.offset;
  let group = 8;
  let text = "";
  for (let i = 0; i < records; i++) {
    if (length < group + 20) return `${text} [invalid number of groups]`;
    const at = icmp.offset + group;
    const type = d[at]!;
    const sources = (d[at + 2]! << 8) | d[at + 3]!;
    text += ` [gaddr ${formatIpv6(d, at + 4)} ${
      type >= 1 && type <= 6 ? MLD_RECORD_TYPES[type] : ` [v2-report-#${type}]`
    }`;
    if (length < group + 20 + sources * 16) {
      return `${text} [invalid number of sources ${sources}]`;
    }
    if (vflag === 1) text += `, ${sources} source(s)`;
    else {
      text += " {";
      for (let j = 0; j < sources; j++) text += ` ${formatIpv6(d, at + 20 + j * 16)}`;
      text += " }";
    }
    // tcpdump skips no auxiliary data.
    group += 20 + sources * 16;
    text += "]";
  }
  return text;
}
