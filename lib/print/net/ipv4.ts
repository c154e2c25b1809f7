/**
 * IPv4 as tcpdump's ip_print() writes it: `IP`, with `-v` the header fields, options
 * and a bad checksum, then the addresses (or, before TCP and UDP, nothing yet: the ports
 * come with them).
 *
 * @module
 */

import { readCut, truncated, truncatedRead } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import { type Ipv4, Ipv4OptionType, type Ipv4Route, type Ipv4Timestamps } from "../../net/ipv4.ts";
import { foldChecksum, sumWords } from "../../checksum.ts";
import { IP_PROTOCOL_NAMES } from "../_names.ts";
import {
  enterIpPacket,
  expectedChecksum,
  ipCarriedFrame,
  knownIpProtocol,
  protocolFallback,
  requiresIpv6,
} from "../_shared.ts";
import { asciiText } from "../_writer.ts";

const IP = asciiText("IP ");

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
  ctx.networkLayer = ip;
  ctx.ttl = ip.timeToLive;
  ctx.fragment = ip.fragmentOffset !== 0 || ip.moreFragments;
  const length = ip.totalLength;
  const given = enterIpPacket(ctx, length === 0 ? ip.end : ip.offset + length);
  if (!ctx.link) out.append(IP);
  if (given >= 0 && given < 20) {
    // A tunnel's message too short for the header the capture holds.
    out.ascii(`truncated-ip ${given}`);
    ctx.done = true;
    return;
  }
  if (length === 0) {
    // tcpdump 4.99 does not guess a TSO length: a total length of 0 is too short.
    out.ascii("bad-len 0");
    ctx.done = true;
    return;
  }
  const wire = given >= 0 ? given : ctx.originalLength - (ip.offset - ctx.start);
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
    if (!ip.moreFragments && !ip.dontFragment && !ip.reservedFlag) out.ascii("none");
    else {
      if (ip.moreFragments) out.byte(0x2b);
      if (ip.dontFragment) out.ascii(ip.moreFragments ? ", DF" : "DF");
      if (ip.reservedFlag) out.ascii(ip.moreFragments || ip.dontFragment ? ", rsvd" : "rsvd");
    }
    out.ascii("], proto ");
    out.ascii(IP_PROTOCOL_NAMES.get(ip.protocol) ?? "unknown");
    out.ascii(" (");
    out.uint(ip.protocol);
    out.ascii("), length ");
    out.uint(length);
    const whole = ip.declaredHeaderLength === 20 || ipv4Options(ctx, ip);
    if (ctx.done) return;
    // tcpdump checks the sum of a header that was captured whole.
    const sum = ip.truncated
      ? 0
      : foldChecksum(sumWords(ip.data, ip.offset, ip.offset + ip.headerLength, 0));
    if (sum !== 0) {
      out.ascii(", bad cksum ");
      out.hex(ip.headerChecksum);
      out.ascii(" (->");
      out.hex(expectedChecksum(ip.headerChecksum, sum));
      out.ascii(")!");
    }
    out.ascii(")\n    ");
    if (!whole) {
      out.ipv4(ip.data, ip.offset + 12);
      out.ascii(" > ");
      out.ipv4(ip.data, ip.offset + 16);
      out.ascii(": ");
      truncated(ctx, "ip");
      return;
    }
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
  // tcpdump leaves the addresses to the printers of TCP, UDP, DCCP and SCTP.
  ctx.pending = ip.protocol === 6 || ip.protocol === 17 || ip.protocol === 33 ||
    ip.protocol === 132;
  if (!ctx.pending) {
    out.ipv4(ip.data, ip.offset + 12);
    out.ascii(" > ");
    out.ipv4(ip.data, ip.offset + 16);
    out.ascii(": ");
  }
  if (ip.truncated) {
    ctx.pending = false;
    const declared = ip.declaredHeaderLength;
    out.ascii(` [remaining caplen(${ip.end - ip.offset}) < header length(${declared})]`);
    truncatedRead(ctx, "ip");
    return;
  }
  if (
    isIpv6ExtensionHeader(ip.protocol) ||
    (next === undefined && !ctx.pending && !knownIpProtocol(ctx, ip.protocol))
  ) {
    protocolFallback(ctx, ip.protocol, ctx.ipEnd - (ip.offset + ip.headerLength));
    ctx.done = true;
  } else if (ip.protocol === ICMPV6 || ip.protocol === ETHERNET) {
    requiresIpv6(ctx, ip.protocol);
  } else if (ip.protocol === 4 || ip.protocol === 41) {
    // IP in IP: only then is the next layer's kind read (every IPv4 packet passes here).
    ipCarriedFrame(ctx, next);
  }
}

/**
 * IPv6's extension headers (hop-by-hop, routing, fragment, destination options, Mobility
 * and its old number 62): wirekit decodes them after IPv4 too, as Wireshark does;
 * tcpdump's ip_demux_print() leaves them to ip6_print() and prints `ip-proto-N` after IPv4.
 */
function isIpv6ExtensionHeader(protocol: number): boolean {
  // Compared, not looked up in a set: every IPv4 packet asks.
  return protocol === 0 || protocol === 43 || protocol === 44 || protocol === 60 ||
    protocol === 62 || protocol === 135;
}

/** ICMPv6, which tcpdump prints after IPv6 only. */
const ICMPV6 = 58;
/** IP protocol 143: an Ethernet frame, which tcpdump takes over IPv6 only. */
const ETHERNET = 143;

/**
 * The options as tcpdump's ip_optprint() writes them. Returns `false` when the captured
 * bytes end inside an option's value (tcpdump then prints `[truncated-option]`).
 */
function ipv4Options(ctx: PrintContext, ip: Ipv4): boolean {
  const out = ctx.out;
  out.ascii(", options (");
  let first = true;
  let whole = true;
  for (const option of ip.options) {
    if (!first) out.byte(0x2c);
    first = false;
    // A header cut inside its options: tcpdump stops where it reads past the capture.
    if (option.offset >= ip.end) return readCut(ctx, "ip");
    const type = option.type;
    out.ascii(IP_OPTION_NAMES.get(type) ?? `unknown ${type}`);
    if (option.length !== 1 && option.offset + 1 >= ip.end) return readCut(ctx, "ip");
    if (option.malformed === true) {
      out.ascii(` [bad length ${option.length}]`);
      break;
    }
    const length = option.length;
    // tcpdump checks that the whole option was captured before it reads its value.
    if (option.offset + length > ip.end) whole = false;
    else if (option.route !== undefined) whole = route(ctx, option.route, length);
    else if (option.timestamps !== undefined) whole = timestamps(ctx, option.timestamps, length);
    else if (type === Ipv4OptionType.RR || type === Ipv4OptionType.LSRR) {
      out.ascii(` [bad length ${length}]`);
    } else if (type === Ipv4OptionType.SSRR) out.ascii(` [bad length ${length}]`);
    else if (type === Ipv4OptionType.TS) out.ascii(`[bad length ${length}]`);
    else if (type === Ipv4OptionType.RTRALT) {
      if (option.routerAlert === undefined) out.ascii(` [bad length ${length}]`);
      else if (option.routerAlert !== 0) out.ascii(` value ${option.routerAlert}`);
    }
    if (!whole) {
      out.ascii(" [truncated-option]");
      break;
    }
  }
  out.byte(0x29);
  return whole;
}

/** RR, LSRR and SSRR: tcpdump's ip_printroute(). */
function route(ctx: PrintContext, route: Ipv4Route, length: number): boolean {
  const out = ctx.out;
  if (((length + 1) & 3) !== 0) out.ascii(` [bad length ${length}]`);
  const pointer = route.pointer - 1;
  if (pointer < 3 || ((pointer + 1) & 3) !== 0 || pointer > length + 1) {
    out.ascii(` [bad ptr ${route.pointer}]`);
  }
  let slot = 3;
  for (const address of route.addresses) {
    out.byte(0x20);
    out.ascii(address);
    if (pointer > slot) out.byte(0x2c);
    slot += 4;
  }
  return !route.truncated;
}

/** TS: tcpdump's ip_printts(). */
function timestamps(ctx: PrintContext, ts: Ipv4Timestamps, length: number): boolean {
  const out = ctx.out;
  out.ascii(" TS{");
  const size = ts.flag === 0 ? 4 : 8;
  if (((length - 4) & (size - 1)) !== 0) out.ascii(`[bad length ${length}]`);
  const pointer = ts.pointer - 1;
  if (pointer < 4 || ((pointer - 4) & (size - 1)) !== 0 || pointer > length + 1) {
    out.ascii(`[bad ptr ${ts.pointer}]`);
  }
  let slot = 0;
  const name = TS_FLAGS[ts.flag];
  if (name === undefined) out.ascii(`[bad ts type ${ts.flag}]`);
  else {
    out.ascii(name);
    slot = 4;
    for (const entry of ts.entries) {
      out.ascii(pointer === slot ? " ^ " : " ");
      out.uint(entry.timestamp);
      out.byte(0x40);
      if (entry.address !== undefined) out.ascii(entry.address);
      slot += size;
    }
    if (ts.truncated) {
      if (pointer === slot) out.ascii(" ^ ");
      return false;
    }
  }
  if (pointer === slot) out.ascii(" ^ ");
  out.ascii(ts.overflow !== 0 ? ` [${ts.overflow} hops not recorded]} ` : "}");
  return true;
}

const TS_FLAGS: readonly (string | undefined)[] = ["TSONLY", "TS+ADDR", undefined, "PRESPEC"];

/** tcpdump's names of IP options; others print as `unknown N`. */
const IP_OPTION_NAMES = new Map<number, string>([
  [Ipv4OptionType.EOL, "EOL"],
  [Ipv4OptionType.NOP, "NOP"],
  [Ipv4OptionType.TS, "timestamp"],
  [Ipv4OptionType.SEC, "security"],
  [Ipv4OptionType.RR, "RR"],
  [Ipv4OptionType.SSRR, "SSRR"],
  [Ipv4OptionType.LSRR, "LSRR"],
  [Ipv4OptionType.RTRALT, "RA"],
  [Ipv4OptionType.TR, "traceroute"],
]);
