/**
 * ICMPv6 as tcpdump's icmp6_print() writes it: neighbor discovery with its options at
 * `-v`, MLD, echo, RPL and the error messages.
 *
 * @module
 */

import { printRouterRenumbering } from "./_icmpv6_renumbering.ts";
import { printRpl } from "./_icmpv6_rpl.ts";
import { readCut, truncated, truncatedRead } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Icmpv6 } from "../../net/icmpv6.ts";
import type { ByteWriter } from "../_writer.ts";
import { ICMPV6_NAMES } from "../_names.ts";
import { mld, printMldv2Query, printMldv2Records } from "./_mld.ts";
import { printIcmpv6Error } from "./_icmpv6_error.ts";
import { printNodeInfo } from "./_icmpv6_nodeinfo.ts";
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
  const captured = icmp.end - icmp.offset;
  // A message cut short (a partial decode) prints down to its cut here.
  if (icmp.truncated) ctx.error = undefined;
  const verbose = ctx.verbose > 0;
  if (verbose && !ctx.fragment) {
    // A message held whole but shorter than 4 bytes: the read of its checksum ends the
    // packet.
    if (length < 4 && captured >= length) return truncatedRead(ctx, "icmp6");
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
  // icmp6_print() reads the code next.
  if (captured < 2) return truncatedRead(ctx, "icmp6");
  if (type >= 144 && type <= 147) {
    if (mobileIpv6(ctx, icmp, verbose, length) && !verbose) out.ascii(`, length ${length}`);
    return;
  }
  // RPL reads its fields itself.
  if (type === 155) return printRpl(ctx, icmp, length);
  if (name === undefined || type >= 200) {
    // The types icmp6_print() does not decode (mtrace's included).
    out.ascii(`, length ${length}`);
    if (ctx.verbose <= 1) hexPrint(ctx, "\n\t", icmp.offset, dumpEnd(ctx, icmp, length));
    return;
  }
  if (type >= 133 && type <= 137) {
    if (ndp(ctx, icmp, verbose) && !verbose) out.ascii(`, length ${length}`);
    return;
  }
  if (type <= 4) {
    if (printIcmpv6Error(ctx, icmp, length) && !verbose) out.ascii(`, length ${length}`);
    return;
  }
  if (type === 139 || type === 140) {
    if (!printNodeInfo(ctx, icmp, length)) return;
  } else if (type === 138) printRouterRenumbering(ctx, icmp);
  else if (type === 128 || type === 129) {
    // Echo, the common message: written without building a string.
    const id = icmp.identifier;
    if (id === undefined) return truncatedRead(ctx, "icmp6");
    out.ascii(", id ");
    out.uint(id);
    out.ascii(", seq ");
    out.uint(icmp.sequenceNumber!);
  } else if (!mldFields(ctx, icmp, length)) return;
  if (!verbose) {
    out.ascii(", length ");
    out.uint(length);
  }
}

/** The end of the bytes that tcpdump's print_unknown_data() shows: the captured ones. */
function dumpEnd(ctx: PrintContext, icmp: Icmpv6, length: number): number {
  return Math.min(icmp.offset + length, ctx.end, icmp.end);
}

/**
 * Neighbor discovery: the fixed fields, then the options at -v. A field past the capture
 * ends the packet (tcpdump's GET_ read); `false` then.
 */
function ndp(ctx: PrintContext, icmp: Icmpv6, verbose: boolean): boolean {
  const out = ctx.out;
  switch (icmp.type) {
    case 134: {
      if (!verbose) return true;
      if (icmp.truncated) return readCut(ctx, "icmp6");
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
      if (icmp.targetBytes === undefined) return readCut(ctx, "icmp6");
      out.ascii(", who has ");
      target(out, icmp);
      break;
    case 136: {
      if (icmp.targetBytes === undefined) return readCut(ctx, "icmp6");
      out.ascii(", tgt is ");
      target(out, icmp);
      if (!verbose) return true;
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
      if (icmp.destination === undefined) return readCut(ctx, "icmp6");
      out.ascii(", ");
      out.ascii(icmp.destination ?? "");
      out.ascii(" to ");
      target(out, icmp);
      break;
  }
  if (verbose) ndpOptions(ctx, icmp);
  return true;
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
  if (id === undefined) return readCut(ctx, "icmp6");
  out.ascii(", id 0x");
  out.hex(id, 4);
  if (type === 145) {
    for (let i = 0; 8 + 16 * i < length; i++) {
      const address = icmp.homeAgentAddressAt(i);
      if (address === undefined) return readCut(ctx, "icmp6");
      out.ascii(`, ${address}`);
    }
  } else if (type === 147) {
    const flags = icmp.mobilePrefixFlags;
    if (flags === undefined) return readCut(ctx, "icmp6");
    if (flags & 0xc000) out.byte(0x20);
    if (flags & 0x8000) out.byte(0x4d);
    if (flags & 0x4000) out.byte(0x4f);
    ndpOptions(ctx, icmp);
    return !ctx.done;
  }
  return true;
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

/**
 * The MLD messages (130-132, 143), each read of a field past the capture ending the
 * packet; `false` then.
 */
function mldFields(ctx: PrintContext, icmp: Icmpv6, length: number): boolean {
  const out = ctx.out;
  switch (icmp.type) {
    case 130:
      if (length === 24) out.ascii(mld(icmp));
      else if (length >= 28) {
        out.ascii(" v2");
        return printMldv2Query(ctx, icmp, length);
      } else out.ascii(` unknown-version (len ${length}) `);
      break;
    case 131:
    case 132:
      out.ascii(mld(icmp));
      break;
    case 143: {
      if (length < 8) {
        out.ascii(` [invalid len ${length}]`);
        break;
      }
      const at = icmp.offset + 6;
      if (at + 2 > icmp.end) {
        return readCut(ctx, "icmp6");
      }
      const records = (icmp.data[at]! << 8) | icmp.data[at + 1]!;
      out.ascii(`, ${records} group record(s)`);
      if (ctx.verbose > 0) printMldv2Records(ctx, icmp, records, length);
      break;
    }
  }
  return true;
}

function lifetime(out: ByteWriter, value: number): void {
  if (value === 0xffffffff) out.ascii("infinity");
  else {
    out.uint(value);
    out.byte(0x73);
  }
}

const ROUTE_PREFERENCES: readonly string[] = ["medium", "high", "rsv", "low"];

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
