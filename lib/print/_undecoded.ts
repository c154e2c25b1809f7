/**
 * What tcpdump prints where decoding stopped: the `[|proto]` of a header cut short, the
 * message of a malformed one, and the hex of bytes no printer reads. Private to `lib/print/`.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import type { Layer } from "../layer_map.ts";
import { hexAndAsciiPrint } from "./_hex.ts";
import type { PrintContext } from "./context.ts";
import { protocolOf } from "../layer.ts";
import { addresses, frameEtherType, ports, requiresIpv6, TCP_FLAGS_TEXT } from "./_shared.ts";
import { truncated, truncatedRead } from "./_truncation.ts";
import { isLinkEthernet } from "./link/ethernet.ts";
import { printIpoibType } from "./link/ipoib.ts";
import { ipnetHeader } from "./link/ipnet.ts";
import { loopbackHeader } from "./link/loopback.ts";
import { printLlcCut } from "./link/llc.ts";
import { pppEntry, pppLength, printPppHeaderCut } from "./link/ppp.ts";
import { sllHeader } from "./link/sll.ts";
import { sll2Header } from "./link/sll2.ts";

/** The link layers whose cut header tcpdump counts whole as the link header (for -x). */
const WHOLE_LINK_ON_CUT: ReadonlySet<string> = new Set([
  "ppp",
  "ppp-serial",
  "ipoib",
  "vsock",
  "mfr",
  "brcm-tag",
  "dsa",
  "edsa",
  "token-ring",
]);

/** Ethernet headers, with or without a switch tag (the addresses first). */
const ETHERNET_FRAMED: ReadonlySet<string> = new Set(["ethernet", "brcm-tag", "dsa", "edsa"]);

export function printError(ctx: PrintContext, error: DecodeError): void {
  const out = ctx.out;
  const descriptor = protocolOf(error.layer);
  const name = error.layer === "ospf" && ctx.ipVersion === 6
    ? "ospf3"
    : descriptor?.tcpdumpName ?? error.layer;
  // ip_print() reads the version before it checks the header's length.
  const badVersion = error.layer === "ipv4" && error.offset < ctx.end &&
    ctx.data[error.offset]! >> 4 !== 4;
  if (error.code === "malformed" || badVersion) {
    printMalformed(ctx, error, name);
    return;
  }
  if (error.layer === "llc") {
    printLlcCut(ctx, error);
    return;
  }
  if (error.layer === "cdp") {
    printCdpCut(ctx, error);
    return;
  }
  // With no byte of the header captured, ip_print()'s read of the version ends the packet
  // (GET_U_1's longjmp) before it prints "IP ".
  const noVersion = error.layer === "ipv4" && error.offset >= ctx.end;
  if (error.layer === "ipv4") {
    if (!ctx.link && !noVersion) out.ascii("IP ");
  } else if (error.layer === "ipv6") {
    // tcpdump prints " [|ip6]" without the "IP6 " of a complete header.
  } else if (error.layer === "sctp") {
    // sctp_print() checks its header before it prints the addresses with the ports.
    ctx.pending = false;
    const length = ctx.ipEnd - error.offset;
    if (ctx.network && length < 12) {
      out.ascii(`truncated-sctp - ${12 - length} bytes missing!`);
      ctx.done = true;
      return;
    }
  } else if (error.layer === "dccp") {
    // dccp_print() checks that its 12 bytes were captured before it prints the addresses.
    ctx.pending = false;
  } else if (
    error.layer === "tcp" && ctx.network && ctx.end - error.offset >= 20 &&
    ctx.ipEnd - error.offset < error.required
  ) {
    // The header is longer than the IP payload: tcpdump prints the flags (with -q the
    // payload length, below 0 as unsigned), then says so.
    const d = ctx.data;
    const at = error.offset;
    const length = ctx.ipEnd - at;
    ports(ctx, (d[at]! << 8) | d[at + 1]!, (d[at + 2]! << 8) | d[at + 3]!);
    if (ctx.quiet) out.ascii(`tcp ${(length - error.required) >>> 0}`);
    else out.append(TCP_FLAGS_TEXT[d[at + 13]!]!);
    out.ascii(` [bad hdr length ${error.required} - too long, > ${length}]`);
    return;
  } else if (
    (error.layer === "tcp" || error.layer === "udp") && ctx.pending &&
    ctx.end - error.offset >= 4
  ) {
    const d = ctx.data;
    const at = error.offset;
    ports(ctx, (d[at]! << 8) | d[at + 1]!, (d[at + 2]! << 8) | d[at + 3]!);
  } else if (ctx.pending) {
    addresses(ctx);
    // tcp_print() ends its addresses with ":" alone when the ports were not captured.
    out.ascii(error.layer === "tcp" ? ":" : ": ");
  }
  // ppp_print() on a frame an EtherType or a link printer handed it checks for 2 bytes, then
  // reads the header (GET_ reads); ethertype_print() hands it none of an empty payload.
  const entry = error.layer === "ppp" && error.offset > ctx.start
    ? pppEntry(ctx, error.offset)
    : "inner";
  if (entry !== "inner") {
    const length = pppLength(ctx, error.offset, entry);
    if (length === 0) {
      ctx.done = true;
      return;
    }
    if (entry === "ethertype") out.ascii(": ");
    return printPppHeaderCut(ctx, length);
  }
  // vrrp_print() names the protocol before its read of the first byte ends the packet.
  if (error.layer === "vrrp") out.ascii("VRRP");
  // So does ipx_print(), after ethertype_print()'s name of an Ethernet II framing.
  if (error.layer === "ipx") {
    if (!ctx.ipxFramed) out.ascii("(NOV-ETHII) ");
    if (!ctx.link) out.ascii("IPX ");
  }
  // So does ah_print() before its read of the length.
  if (error.layer === "ah" && error.offset < ctx.end) out.ascii("AH");
  // ip6_print() checks that a byte of the next header was captured before it calls its
  // printer.
  if (error.layer === "ipv6-routing") return truncated(ctx, "ip6");
  // So do pppoe_print()'s bounds checks, and chdlc_print()'s read of the protocol of a
  // frame of 4 bytes or more on the wire.
  const chdlcLength = error.offset === ctx.handedAt
    ? ctx.tunnelLength
    : ctx.originalLength - (error.offset - ctx.start);
  const linkRead = error.layer === "pppoe-session" || error.layer === "pppoe-discovery" ||
    (error.layer === "chdlc" && chdlcLength >= 4);
  // igmp_print() with -q prints its name and reads nothing, so no cut shows.
  if (error.layer === "igmp" && ctx.quiet) {
    out.ascii("igmp");
    ctx.done = true;
    return;
  }
  // isoclns_print() names the NLPID with -e before isis_print() finds its header cut.
  if (error.layer === "isis" && ctx.link) out.ascii("OSI NLPID IS-IS (0x83): ");
  // ip_demux_print() reads nothing of ICMPv6 after IPv4's AH.
  if (error.layer === "icmpv6" && ctx.network && ctx.ipVersion === 4) return requiresIpv6(ctx, 58);
  if (error.layer === "icmpv6" && ctx.network && ctx.ipEnd === error.offset) {
    out.ascii("ICMP6, length 0 (invalid)");
    return;
  }
  // A protocol whose printer reads its header with GET_ macros (ICMP's type, ARP's bounds
  // checks, IPComp's index, IGMP, AH, VRRP, frag6_print(), the OSPF printers: tcpdumpCut)
  // ends the packet with that read's longjmp. So does the read of an options header's
  // length.
  const optionsLength = (error.layer === "ipv6-hop-by-hop" || error.layer === "ipv6-destination") &&
    error.offset + 2 > Math.min(ctx.end, ctx.ipEnd);
  // So does isoclns_print()'s read of the NLPID after the byte ether_print() skips.
  const noNlpid = error.layer === "isoclns" && error.offset < ctx.end;
  if (
    descriptor?.tcpdumpCut === "read" || optionsLength || noVersion || noNlpid || linkRead
  ) {
    truncatedRead(ctx, name);
  } else truncated(ctx, name);
  // ether_print() takes a frame shorter than its header for all link header: -x/-X dump
  // none of it.
  // So do ppp_hdlc_if_print() and ether_print().
  // So do ipoib_print() and the switch tag printers (ether_common_print()).
  if (
    (error.layer === "ethernet" && isLinkEthernet(ctx, error.offset)) ||
    (WHOLE_LINK_ON_CUT.has(error.layer) && error.offset === ctx.start)
  ) ctx.linkEnd = ctx.end;
}

/**
 * A CDP header cut short, as cdp_print() stops: a message shorter on the wire than its
 * header is invalid; otherwise it prints the version and TTL if it has them, and its read
 * of the rest ends the packet.
 */
function printCdpCut(ctx: PrintContext, error: DecodeError): void {
  const at = error.offset;
  const length = ctx.frameLength >= 0 ? ctx.frameLength : ctx.end - at;
  if (length < error.required) {
    ctx.out.ascii(` (packet length ${length} < ${error.required}) (invalid)`);
    ctx.done = true;
    return;
  }
  if (ctx.end - at >= 2) ctx.out.ascii(`CDPv${ctx.data[at]}, ttl: ${ctx.data[at + 1]}s`);
  truncatedRead(ctx, "cdp");
}

export function printMalformed(ctx: PrintContext, error: DecodeError, name: string): void {
  const out = ctx.out;
  const d = ctx.data;
  const at = error.offset;
  const ipPrefix = !ctx.link;
  switch (error.layer) {
    case "ipv4": {
      const version = d[at]! >> 4;
      if (version !== 4) {
        if (version === 6) out.ascii("IP6, wrong link-layer encapsulation (invalid)");
        else out.ascii(`IP${version} (invalid)`);
        return;
      }
      if (ipPrefix) out.ascii("IP ");
      const headerLength = (d[at]! & 0x0f) * 4;
      if (headerLength < 20) out.ascii(`bad-hlen ${headerLength}`);
      else out.ascii(`bad-len ${(d[at + 2]! << 8) | d[at + 3]!}`);
      return;
    }
    case "ipv6":
      // tcpdump names IP6 only without -e, as for a valid header.
      out.ascii(`${ipPrefix ? "IP6 " : ""}version error: ${d[at]! >> 4} != 6`);
      return;
    case "tcp": {
      if (!ctx.network || ctx.end - at < 20) break;
      const headerLength = (d[at + 12]! >> 4) * 4;
      const length = ctx.ipEnd - at;
      ports(ctx, (d[at]! << 8) | d[at + 1]!, (d[at + 2]! << 8) | d[at + 3]!);
      out.ascii(` tcp ${(length - headerLength) >>> 0} [bad hdr length ${headerLength}`);
      out.ascii(" - too short, < 20]");
      return;
    }
    case "udp":
      // udp_print() checks the length field against its header before anything else.
      if (!ctx.network) break;
      ports(ctx, (d[at]! << 8) | d[at + 1]!, (d[at + 2]! << 8) | d[at + 3]!);
      out.ascii(`truncated-udplength ${(d[at + 4]! << 8) | d[at + 5]!}`);
      return;
  }
  out.ascii(` [${name}: ${error.message}]`);
}

/** Raw IP link types: DLT_RAW (12, 14), LINKTYPE_RAW, LINKTYPE_IPV4, LINKTYPE_IPV6. */
export const RAW_LINK_TYPES: ReadonlySet<number> = new Set([12, 14, 101, 228, 229]);

export function printNoLink(ctx: PrintContext): void {
  const first = ctx.linkType;
  if (first === 1) truncated(ctx, "ether");
  else if (RAW_LINK_TYPES.has(first) && ctx.end > ctx.start) {
    // tcpdump's ipN_print(), for a version neither 4 nor 6.
    ctx.out.ascii("unknown ip ");
    ctx.out.uint(ctx.data[ctx.start]! >> 4);
  } else if (ctx.registry.linkTypes.get(first) === undefined) {
    // tcpdump's unsupported_if_print(), for a link type it has no printer for: the name
    // and every captured byte, so that nothing of the packet goes unshown.
    ctx.out.ascii("UNSUPPORTED");
    hexAndAsciiPrint(ctx, ctx.start, ctx.end);
  }
}

export function printUndecoded(ctx: PrintContext, layers: readonly Layer[], count: number): void {
  const out = ctx.out;
  // ERSPAN right after a link header (not in GRE) is nothing tcpdump prints: the bytes
  // after the link header are undecoded.
  let n = count;
  while (n > 1 && layers[n - 1]!.kind === "erspan") n--;
  const last = layers[n - 1]!;
  // After a prepended Broadcom tag or a Juniper pseudo-header, the Ethernet header prints
  // as the link header.
  const prefixed = layers[0]!.kind === "brcm-tag-prepend" || layers[0]!.kind === "juniper-ether";
  const first = prefixed && n > 1 ? layers[1]! : layers[0]!;
  if (first.kind === "ipoib" && !ctx.link) {
    printIpoibType(ctx, first);
  } else if (first.kind === "ipnet" && !ctx.link) {
    ipnetHeader(ctx, first);
  } else if (ETHERNET_FRAMED.has(first.kind) && !ctx.link) {
    const type = "etherType" in last ? last.etherType : undefined;
    if (typeof type === "number") {
      out.mac(first.data, first.offset + 6);
      out.ascii(" > ");
      out.mac(first.data, first.offset);
      out.ascii(", ");
      frameEtherType(ctx, type);
      out.ascii(", length ");
      // The frame after a prepended tag is that much shorter.
      out.uint(ctx.originalLength - (first.offset - ctx.start));
      out.ascii(": ");
    }
  } else if (last.kind === "loopback" && !ctx.link) {
    loopbackHeader(ctx, last.family);
  } else if ((first.kind === "sll" || first.kind === "sll2") && !ctx.link) {
    // tcpdump prints the header of an EtherType it does not decode, its length less the
    // VLAN tags after it; not of Linux's pseudo-protocols (up to 1500: CAN, 802.2...).
    const tags = last.offset + last.headerLength - (first.offset + first.headerLength);
    if (tags > 0 || first.protocol > 1500) {
      if (first.kind === "sll") sllHeader(ctx, first, ctx.originalLength - tags);
      else sll2Header(ctx, first, ctx.originalLength - tags);
    }
  }
  if (ctx.defaultPrint) {
    // tcpdump's default print: the undecoded bytes in hex and ASCII (which -q, -x and -X
    // leave out).
    const start = last.offset + last.headerLength;
    hexAndAsciiPrint(ctx, start, ctx.end);
  }
}
