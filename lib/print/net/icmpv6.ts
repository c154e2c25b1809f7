/**
 * ICMPv6 as tcpdump's icmp6_print() writes it: neighbor discovery with its options at
 * `-v`, MLD, echo, RPL and the error messages.
 *
 * @module
 */

import { printRouterRenumbering } from "./_icmpv6_renumbering.ts";
import { printRpl } from "./_icmpv6_rpl.ts";
import { truncated, truncatedRead } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Icmpv6 } from "../../net/icmpv6.ts";
import { formatIpv6 } from "../../address.ts";
import type { ByteWriter } from "../_writer.ts";
import { ICMPV6_NAMES } from "../_names.ts";
import { mld, mldv2Query, mldv2Records } from "./_mld.ts";
import { expectedChecksum, requiresIpv6, transportSum } from "../_shared.ts";
import { hexPrint } from "../_hex.ts";

/**
 * Prints an ICMPv6 message.
 *
 * @param ctx The print context.
 * @param icmp The layer.
 */
export function printIcmpv6(ctx: PrintContext, icmp: Icmpv6): void {
  const out = ctx.out;
  ctx.done = true;
  // ip_demux_print() after an IPv4 extension (AH) header, as after IPv4 itself.
  if (ctx.network && ctx.ipVersion === 4) return requiresIpv6(ctx, 58);
  const length = ctx.network ? ctx.ipEnd - icmp.offset : icmp.end - icmp.offset;
  const verbose = ctx.verbose > 0;
  if (verbose && !ctx.fragment) {
    // A message held whole but shorter than 4 bytes (RPL's partial decode): the read of
    // its checksum ends the packet.
    if (length < 4 && icmp.end - icmp.offset >= length) {
      ctx.error = undefined;
      return truncatedRead(ctx, "icmp6");
    }
    const sum = transportSum(ctx, icmp.offset, 58);
    if (sum === 0) out.ascii("[icmp6 sum ok] ");
    else if (sum > 0) {
      out.ascii("[bad icmp6 cksum 0x");
      out.hex(icmp.checksum, 4);
      out.ascii(" -> 0x");
      out.hex(expectedChecksum(icmp.checksum, sum), 4);
      out.ascii("!] ");
    }
  }
  out.ascii("ICMP6, ");
  const type = icmp.type;
  const name = ICMPV6_NAMES.get(type);
  out.ascii(name ?? `unknown icmp6 type (${type})`);
  if (verbose && ((type >= 133 && type <= 137) || type === 145 || type === 147)) {
    out.ascii(", length ");
    out.uint(length);
  }
  if (type >= 144 && type <= 147) {
    ctx.error = undefined;
    if (mobileIpv6(ctx, icmp, verbose, length) && !verbose) out.ascii(`, length ${length}`);
    return;
  }
  if (type === 155) {
    // RPL reads its fields itself, from a message cut after its code on.
    ctx.error = undefined;
    return printRpl(ctx, icmp, length);
  }
  if (icmp.truncated) {
    // The message ends inside the fixed part of its type (a partial decode).
    ctx.error = undefined;
    if ((type === 134 && !verbose) || type === 133 || name === undefined) {
      if (!verbose) out.ascii(`, length ${length}`);
      return;
    }
    if (type === 139 || type === 140) {
      // icmp6_nodeinfo_print()'s checks go to its trunc label, which returns: the length
      // follows, and the dumps start after the link header.
      truncated(ctx, "icmp6");
      if (!verbose) out.ascii(`, length ${length}`);
      return;
    }
    // tcpdump's fetch past the end gives up on the packet: its hex dump starts at the
    // link header.
    ctx.linkEnd = ctx.start;
    truncated(ctx, "icmp6");
    return;
  }
  if (name === undefined) {
    out.ascii(`, length ${length}`);
    if (ctx.verbose <= 1) hexPrint(ctx, "\n\t", icmp.offset, dumpEnd(ctx, icmp, length));
    return;
  }
  if (type >= 133 && type <= 137) {
    ndp(ctx, icmp, verbose);
    if (!verbose) out.ascii(`, length ${length}`);
    return;
  }
  if (type === 1 && unreachableUnknown(ctx, icmp, length)) return;
  if (type === 139 || type === 140) nodeInfo(ctx, icmp);
  else if (type === 138) printRouterRenumbering(ctx, icmp);
  else if (type === 128 || type === 129) {
    // Echo, the common message: written without building a string.
    out.ascii(", id ");
    out.uint(icmp.identifier!);
    out.ascii(", seq ");
    out.uint(icmp.sequenceNumber!);
  } else out.ascii(icmpv6Detail(icmp, verbose, length, ctx.verbose));
  if (!verbose) {
    out.ascii(", length ");
    out.uint(length);
  }
}

/** The end of the bytes that tcpdump's print_unknown_data() shows: the captured ones. */
function dumpEnd(ctx: PrintContext, icmp: Icmpv6, length: number): number {
  return Math.min(icmp.offset + length, ctx.end, icmp.end);
}

/** An unreachable code tcpdump does not name: a hex dump up to -v. */
function unreachableUnknown(ctx: PrintContext, icmp: Icmpv6, length: number): boolean {
  if (icmp.code <= 4) return false;
  ctx.out.ascii(`, unknown unreach code (${icmp.code})`);
  if (ctx.verbose > 1) return false;
  hexPrint(ctx, "\n\t", icmp.offset, dumpEnd(ctx, icmp, length));
  return true;
}

/** Neighbor discovery: the fixed fields, then the options at -v. */
function ndp(ctx: PrintContext, icmp: Icmpv6, verbose: boolean): void {
  const out = ctx.out;
  switch (icmp.type) {
    case 134: {
      if (!verbose) return;
      const d = icmp.data;
      const flags = d[icmp.offset + 5]!;
      out.ascii("\n\thop limit ");
      out.uint(icmp.curHopLimit ?? 0);
      out.ascii(", Flags [");
      const names: string[] = [];
      if (flags & 0x80) names.push("managed");
      if (flags & 0x40) names.push("other stateful");
      if (flags & 0x20) names.push("home agent");
      if (flags & 0x02) names.push("ipv6 only");
      out.ascii(names.length === 0 ? "none" : names.join(", "));
      out.ascii("], pref ");
      out.ascii(ROUTE_PREFERENCES[icmp.routerPreference ?? 0]!);
      out.ascii(", router lifetime ");
      out.uint(icmp.routerLifetime ?? 0);
      out.ascii("s, reachable time ");
      out.uint(icmp.reachableTime ?? 0);
      out.ascii("ms, retrans timer ");
      out.uint(icmp.retransTimer ?? 0);
      out.ascii("ms");
      break;
    }
    case 135:
      out.ascii(", who has ");
      target(out, icmp);
      break;
    case 136: {
      out.ascii(", tgt is ");
      target(out, icmp);
      if (!verbose) return;
      const names: string[] = [];
      if (icmp.router) names.push("router");
      if (icmp.solicited) names.push("solicited");
      if (icmp.override) names.push("override");
      out.ascii(", Flags [");
      out.ascii(names.length === 0 ? "none" : names.join(", "));
      out.byte(0x5d);
      break;
    }
    case 137:
      out.ascii(", ");
      out.ascii(icmp.destination ?? "");
      out.ascii(" to ");
      target(out, icmp);
      break;
  }
  if (verbose) ndpOptions(ctx, icmp);
}

/**
 * The Mobile IPv6 messages (home agent address discovery, mobile prefix solicitation and
 * advertisement) as icmp6_print() writes them: the identifier (of a reply or an
 * advertisement with -v only), a reply's home agent addresses up to the message's
 * length, an advertisement's M/O flags and options. A field past the capture ends the
 * packet (tcpdump's longjmp: the hex dump starts at the link header); `false` then.
 */
function mobileIpv6(ctx: PrintContext, icmp: Icmpv6, verbose: boolean, length: number): boolean {
  const out = ctx.out;
  const type = icmp.type;
  if (!verbose && (type === 145 || type === 147)) return true;
  const id = icmp.mobileIdentifier;
  if (id === undefined) return cut(ctx);
  out.ascii(", id 0x");
  out.hex(id, 4);
  if (type === 145) {
    for (let i = 0; 8 + 16 * i < length; i++) {
      const address = icmp.homeAgentAddressAt(i);
      if (address === undefined) return cut(ctx);
      out.ascii(`, ${address}`);
    }
  } else if (type === 147) {
    const flags = icmp.mobilePrefixFlags;
    if (flags === undefined) return cut(ctx);
    if (flags & 0xc000) out.byte(0x20);
    if (flags & 0x8000) out.byte(0x4d);
    if (flags & 0x4000) out.byte(0x4f);
    ndpOptions(ctx, icmp);
    return !ctx.done;
  }
  return true;
}

/** A read past the capture: tcpdump's longjmp, whose hex dump starts at the link header. */
function cut(ctx: PrintContext): false {
  ctx.linkEnd = ctx.start;
  truncated(ctx, "icmp6");
  return false;
}

/** The target address of a neighbor message or a redirect, from the packet's bytes. */
function target(out: ByteWriter, icmp: Icmpv6): void {
  const bytes = icmp.targetBytes;
  if (bytes !== undefined) out.ipv6(bytes, 0);
}

/** The option list as tcpdump's icmp6_opt_print() writes it. */
function ndpOptions(ctx: PrintContext, icmp: Icmpv6): void {
  const out = ctx.out;
  const listStart = icmp.offset + icmp.headerLength;
  let at = listStart;
  for (const option of icmp.options) {
    if (option.name === "malformed") {
      truncated(ctx, "icmp6");
      return;
    }
    const length = option.length;
    out.ascii("\n\t  ");
    out.ascii(NDP_OPTION_NAMES.get(option.type) ?? "unknown");
    out.ascii(` option (${option.type}), length ${length} (${length >> 3}): `);
    switch (option.name) {
      case "source-link-layer-address":
      case "target-link-layer-address": {
        const bytes = option.addressBytes;
        for (let i = 0; i < bytes.length; i++) {
          if (i > 0) out.byte(0x3a);
          out.hex(bytes[i]!, 2);
        }
        break;
      }
      case "prefix-information":
        out.ascii(option.prefix);
        out.byte(0x2f);
        out.uint(option.prefixLength);
        out.ascii(", Flags [");
        out.ascii(prefixFlags(icmp.data[at + 3]!));
        out.ascii("], valid time ");
        lifetime(out, option.validLifetime);
        out.ascii(", pref. time ");
        lifetime(out, option.preferredLifetime);
        break;
      case "redirected-header":
        // tcpdump dumps the option's length from the start of the list, not the option.
        hexPrint(ctx, "\n\t    ", listStart, Math.min(listStart + length, icmp.end));
        break;
      case "mtu":
        out.byte(0x20);
        out.uint(option.mtu);
        break;
      case "rdnss":
        out.ascii(` lifetime ${option.lifetime}s,`);
        for (const address of option.addresses) out.ascii(` addr: ${address}`);
        break;
      case "dnssl":
        out.ascii(` lifetime ${option.lifetime}s, domain(s):`);
        for (const domain of option.domains) out.ascii(` ${domain}`);
        if (option.pointerAfter !== undefined) {
          // tcpdump's fqdn_print() follows no pointer forward, and the walk stops.
          out.ascii(` ${option.pointerAfter}<BAD PTR>`);
          truncated(ctx, "icmp6");
          return;
        }
        break;
      case "advertisement-interval":
        out.ascii(` ${option.interval}ms`);
        break;
      case "home-agent-information":
        out.ascii(` preference ${option.preference}, lifetime ${option.lifetime}`);
        break;
      case "route-information":
        out.ascii(` ${option.prefix}/${option.prefixLength}, pref=`);
        out.ascii(ROUTE_PREFERENCES[option.preference]!);
        out.ascii(", lifetime=");
        lifetime(out, option.lifetime);
        break;
      case "raw":
        if (option.type === 24) {
          // A route information option longer than 24 bytes.
          truncated(ctx, "icmp6");
          return;
        }
        if (!NDP_OPTION_NAMES.has(option.type) && ctx.verbose <= 1) {
          hexPrint(ctx, "\n\t  ", at + 2, at + length);
          return;
        }
        break;
    }
    if (ctx.verbose > 1) hexPrint(ctx, "\n\t    ", at + 2, at + length);
    at += length;
  }
}

function prefixFlags(flags: number): string {
  const names: string[] = [];
  if (flags & 0x80) names.push("onlink");
  if (flags & 0x40) names.push("auto");
  if (flags & 0x20) names.push("router");
  return names.length === 0 ? "none" : names.join(", ");
}

/** A node information query or reply, as far as tcpdump's icmp6_nodeinfo_print() goes. */
function nodeInfo(ctx: PrintContext, icmp: Icmpv6): void {
  const out = ctx.out;
  const captured = Math.min(ctx.end, icmp.end) - icmp.offset;
  if (icmp.type === 140) return;
  if (captured === 12) {
    out.ascii(" who-are-you request");
    return;
  }
  out.ascii(" node information query");
  const qtype = icmp.nodeInfoQueryType;
  const flags = icmp.nodeInfoFlags;
  if (qtype === undefined || flags === undefined) {
    ctx.linkEnd = ctx.start;
    truncated(ctx, "icmp6");
    return;
  }
  out.ascii(" (");
  switch (qtype) {
    case 0:
      out.ascii("noop");
      break;
    case 1:
      out.ascii("supported qtypes");
      if (flags !== 0) out.ascii(` [${flags & 1 ? "C" : ""}]`);
      break;
    case 2:
      out.ascii("DNS name");
      break;
    case 3:
      out.ascii("node addresses");
      if (flags !== 0) {
        out.ascii(" [");
        for (const [bit, letter] of NODE_ADDRESS_FLAGS) if (flags & bit) out.ascii(letter);
        out.byte(0x5d);
      }
      break;
    default:
      out.ascii("unknown");
  }
  if (qtype === 0 || qtype === 1) {
    if (captured !== 16 && ctx.verbose > 0) out.ascii(", invalid len");
    out.byte(0x29);
    return;
  }
  if (captured === 16) {
    out.ascii(", 03 draft)");
    return;
  }
  const subject = icmp.nodeInfoData ?? new Uint8Array(0);
  switch (icmp.code) {
    case 0:
      if (subject.length < 16) break;
      if (captured !== 32) {
        if (ctx.verbose > 0) out.ascii(", invalid subject len");
        break;
      }
      out.ascii(`, subject=${formatIpv6(subject, 0)}`);
      break;
    case 2:
      if (subject.length < 4) break;
      if (captured !== 20) {
        if (ctx.verbose > 0) out.ascii(", invalid subject len");
        break;
      }
      out.ascii(`, subject=${subject[0]}.${subject[1]}.${subject[2]}.${subject[3]}`);
      break;
    case 1:
      out.ascii(", subject=DNS name");
      break;
    default:
      out.ascii(", unknown subject");
  }
  out.byte(0x29);
}

function icmpv6Detail(icmp: Icmpv6, verbose: boolean, length: number, vflag: number): string {
  switch (icmp.type) {
    case 1: {
      const inner = icmp.original;
      const destination = inner?.ip.destination ?? "";
      switch (icmp.code) {
        case 0:
          return `, unreachable route ${destination}`;
        case 1:
          return `,  unreachable prohibited ${destination}`;
        case 2:
          return `, beyond scope ${destination}, source address ${inner?.ip.source ?? ""}`;
        case 3:
          return `, unreachable address ${destination}`;
        case 4: {
          const port = inner?.destinationPort;
          const protocol = inner?.ip.nextHeader;
          if (port === undefined) return ", unreachable port";
          if (protocol === 6) return `, unreachable port, ${destination} tcp port ${port}`;
          if (protocol === 17) return `, unreachable port, ${destination} udp port ${port}`;
          return `, unreachable port, ${destination} protocol ${protocol} port ${port} unreachable`;
        }
        default:
          return "";
      }
    }
    case 2:
      return `, mtu ${icmp.mtu}`;
    case 3:
      if (icmp.code === 0) return ` for ${icmp.original?.ip.destination ?? ""}`;
      return icmp.code === 1 ? " (reassembly)" : `, unknown code (${icmp.code})`;
    case 4: {
      const names = ["erroneous", "next header", "option", "incomplete header chain"];
      const what = names[icmp.code];
      return what === undefined ? `, code-#${icmp.code}` : `, ${what} - octet ${icmp.pointer}`;
    }
    case 130:
      if (length === 24) return mld(icmp);
      if (length >= 28) return ` v2${mldv2Query(icmp, length, vflag)}`;
      return ` unknown-version (len ${length}) `;
    case 131:
    case 132:
      return mld(icmp);
    case 143: {
      const at = icmp.offset + 6;
      if (at + 2 > icmp.end) return "";
      const records = (icmp.data[at]! << 8) | icmp.data[at + 1]!;
      let text = `, ${records} group record(s)`;
      if (verbose) text += mldv2Records(icmp, records, vflag);
      return text;
    }
    default:
      return "";
  }
}

function lifetime(out: ByteWriter, value: number): void {
  if (value === 0xffffffff) out.ascii("infinity");
  else {
    out.uint(value);
    out.byte(0x73);
  }
}

const ROUTE_PREFERENCES: readonly string[] = ["medium", "high", "rsv", "low"];

const NODE_ADDRESS_FLAGS: readonly (readonly [number, string])[] = [
  [0x0040, "a"],
  [0x0020, "G"],
  [0x0010, "S"],
  [0x0008, "L"],
  [0x0004, "C"],
  [0x0002, "A"],
];

/** The option names of tcpdump 4.99's icmp6_opt_values table. */
const NDP_OPTION_NAMES = new Map<number, string>([
  [1, "source link-address"],
  [2, "destination link-address"],
  [3, "prefix info"],
  [4, "redirected header"],
  [5, "mtu"],
  [7, "advertisement interval"],
  [8, "homeagent information"],
  [24, "route info"],
  [25, "rdnss"],
  [31, "dnssl"],
]);
