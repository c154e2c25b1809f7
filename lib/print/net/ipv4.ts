/**
 * IPv4 as tcpdump's ip_print() writes it: `IP`, with `-v` the header fields, options
 * and a bad checksum, then the addresses (or, before TCP and UDP, nothing yet: the ports
 * come with them).
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import type { Ipv4 } from "../../net/ipv4.ts";
import { foldChecksum, sumWords } from "../../checksum.ts";
import { IP_PROTOCOL_NAMES } from "../_names.ts";
import { expectedChecksum, knownIpProtocol, protocolFallback } from "../_shared.ts";
import { igmp } from "./igmp.ts";

/**
 * Prints an IPv4 header.
 *
 * @param ctx The print context.
 * @param ip The layer.
 * @param next The layer after it.
 */
export function printIpv4(ctx: PrintContext, ip: Ipv4, next: Layer | undefined): void {
  const out = ctx.out;
  const verbose = ctx.verbose > 0;
  ctx.network = true;
  ctx.addressAt = ip.offset + 12;
  ctx.ipVersion = 4;
  ctx.ttl = ip.timeToLive;
  ctx.fragment = ip.fragmentOffset !== 0 || ip.moreFragments;
  const length = ip.totalLength;
  ctx.ipEnd = length === 0 ? ip.end : ip.offset + length;
  if (!ctx.link) out.ascii("IP ");
  if (length === 0) {
    // tcpdump 4.99 does not guess a TSO length: a total length of 0 is too short.
    out.ascii("bad-len 0");
    ctx.done = true;
    return;
  }
  const wire = ctx.originalLength - (ip.offset - ctx.start);
  if (length > wire) {
    out.ascii("truncated-ip - ");
    out.uint(length - wire);
    out.ascii(" bytes missing! ");
  }
  if (verbose) {
    out.ascii("(tos 0x");
    out.hex(ip.tos);
    const ecn = ip.ecn;
    if (ecn !== 0) out.ascii(ecn === 1 ? ",ECT(1)" : ecn === 2 ? ",ECT(0)" : ",CE");
    if (ip.timeToLive > 0) {
      out.ascii(", ttl ");
      out.uint(ip.timeToLive);
    }
    out.ascii(", id ");
    out.uint(ip.identification);
    out.ascii(", offset ");
    out.uint(ip.fragmentOffset * 8);
    out.ascii(", flags [");
    const flags: string[] = [];
    if (ip.moreFragments) flags.push("+");
    if (ip.dontFragment) flags.push("DF");
    if (ip.reservedFlag) flags.push("rsvd");
    out.ascii(flags.length === 0 ? "none" : flags.join(", "));
    out.ascii("], proto ");
    out.ascii(IP_PROTOCOL_NAMES.get(ip.protocol) ?? "unknown");
    out.ascii(" (");
    out.uint(ip.protocol);
    out.ascii("), length ");
    out.uint(length);
    if (ip.headerLength > 20) ipv4Options(ctx, ip);
    const sum = foldChecksum(sumWords(ip.data, ip.offset, ip.offset + ip.headerLength, 0));
    if (sum !== 0) {
      out.ascii(", bad cksum ");
      out.hex(ip.headerChecksum);
      out.ascii(" (->");
      out.hex(expectedChecksum(ip.headerChecksum, sum));
      out.ascii(")!");
    }
    out.ascii(")\n    ");
  }
  if (ip.fragmentOffset !== 0) {
    out.ipv4(ip.data, ip.offset + 12);
    out.ascii(" > ");
    out.ipv4(ip.data, ip.offset + 16);
    out.ascii(": ");
    protocolFallback(ctx, ip.protocol, -1);
    ctx.done = true;
    return;
  }
  ctx.pending = ip.protocol === 6 || ip.protocol === 17 || ip.protocol === 132;
  if (!ctx.pending) {
    out.ipv4(ip.data, ip.offset + 12);
    out.ascii(" > ");
    out.ipv4(ip.data, ip.offset + 16);
    out.ascii(": ");
  }
  if (next === undefined && ip.protocol === 2) {
    igmp(ctx, ip.offset + ip.headerLength, Math.min(ctx.ipEnd, ip.end));
    ctx.done = true;
  } else if (next === undefined && !ctx.pending && !knownIpProtocol(ip.protocol)) {
    protocolFallback(ctx, ip.protocol, ctx.ipEnd - (ip.offset + ip.headerLength));
    ctx.done = true;
  }
}

function ipv4Options(ctx: PrintContext, ip: Ipv4): void {
  const out = ctx.out;
  out.ascii(", options (");
  const d = ip.data;
  const end = ip.offset + ip.headerLength;
  let at = ip.offset + 20;
  let first = true;
  while (at < end) {
    if (!first) out.byte(0x2c);
    first = false;
    const type = d[at]!;
    out.ascii(IP_OPTION_NAMES.get(type) ?? `unknown ${type}`);
    if (type === 0 || type === 1) {
      at++;
      continue;
    }
    const length = at + 1 < end ? d[at + 1]! : 0;
    if (length < 2 || at + length > end) {
      out.ascii(` [bad length ${length}]`);
      break;
    }
    if (type === 148) {
      if (length !== 4) out.ascii(` [bad length ${length}]`);
      else {
        const value = (d[at + 2]! << 8) | d[at + 3]!;
        if (value !== 0) out.ascii(` value ${value}`);
      }
    }
    at += length;
  }
  out.byte(0x29);
}

const IP_OPTION_NAMES = new Map<number, string>([
  [0, "EOL"],
  [1, "NOP"],
  [7, "RR"],
  [68, "TS"],
  [130, "SEC"],
  [131, "LSRR"],
  [133, "E-SEC"],
  [134, "CIPSO"],
  [136, "SID"],
  [137, "SSRR"],
  [148, "RA"],
]);
