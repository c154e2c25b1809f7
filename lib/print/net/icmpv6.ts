/**
 * ICMPv6 as tcpdump's icmp6_print() writes it: neighbor discovery with its options at
 * `-v`, MLD, echo and the error messages.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Icmpv6 } from "../../net/icmpv6.ts";
import { formatIpv6 } from "../../address.ts";
import type { ByteWriter } from "../_writer.ts";
import { ICMPV6_NAMES, MLD_RECORD_TYPES } from "../_names.ts";
import { expectedChecksum, transportSum, u32 } from "../_shared.ts";

/**
 * Prints an ICMPv6 message.
 *
 * @param ctx The print context.
 * @param icmp The layer.
 */
export function printIcmpv6(ctx: PrintContext, icmp: Icmpv6): void {
  const out = ctx.out;
  ctx.done = true;
  const length = ctx.network ? ctx.ipEnd - icmp.offset : icmp.end - icmp.offset;
  const verbose = ctx.verbose > 0;
  if (verbose && !ctx.fragment) {
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
  const name = ICMPV6_NAMES.get(icmp.type);
  out.ascii(name ?? `unknown icmp6 type (${icmp.type})`);
  const type = icmp.type;
  if (verbose && type >= 133 && type <= 137) {
    out.ascii(", length ");
    out.uint(length);
    ndpVerbose(ctx, icmp);
    return;
  }
  out.ascii(icmpv6Detail(icmp, verbose));
  if (!verbose) {
    out.ascii(", length ");
    out.uint(length);
  }
}

function ndpVerbose(ctx: PrintContext, icmp: Icmpv6): void {
  const out = ctx.out;
  const d = icmp.data;
  const o = icmp.offset;
  let options = o + 8;
  switch (icmp.type) {
    case 133:
      break;
    case 134: {
      if (o + 16 > icmp.end) return;
      const flags = d[o + 5]!;
      out.ascii("\n\thop limit ");
      out.uint(d[o + 4]!);
      out.ascii(", Flags [");
      const names: string[] = [];
      if (flags & 0x80) names.push("managed");
      if (flags & 0x40) names.push("other stateful");
      if (flags & 0x20) names.push("home agent");
      if (flags & 0x04) names.push("proxy");
      out.ascii(names.length === 0 ? "none" : names.join(", "));
      out.ascii("], pref ");
      out.ascii(["medium", "high", "reserved", "low"][(flags >> 3) & 3]!);
      out.ascii(", router lifetime ");
      out.uint((d[o + 6]! << 8) | d[o + 7]!);
      out.ascii("s, reachable time ");
      out.uint(u32(d, o + 8));
      out.ascii("ms, retrans timer ");
      out.uint(u32(d, o + 12));
      out.ascii("ms");
      options = o + 16;
      break;
    }
    case 135:
      if (o + 24 > icmp.end) return;
      out.ascii(", who has ");
      out.ascii(formatIpv6(d, o + 8));
      options = o + 24;
      break;
    case 136: {
      if (o + 24 > icmp.end) return;
      out.ascii(", tgt is ");
      out.ascii(formatIpv6(d, o + 8));
      const flags = d[o + 4]!;
      const names: string[] = [];
      if (flags & 0x80) names.push("router");
      if (flags & 0x40) names.push("solicited");
      if (flags & 0x20) names.push("override");
      out.ascii(", Flags [");
      out.ascii(names.length === 0 ? "none" : names.join(", "));
      out.byte(0x5d);
      options = o + 24;
      break;
    }
    case 137:
      if (o + 40 > icmp.end) return;
      out.ascii(", ");
      out.ascii(formatIpv6(d, o + 24));
      out.ascii(" to ");
      out.ascii(formatIpv6(d, o + 8));
      options = o + 40;
      break;
  }
  const end = Math.min(icmp.end, ctx.ipEnd);
  let at = options;
  while (at < end) {
    if (at + 2 > end) {
      out.ascii(" [|icmp6]");
      return;
    }
    const type = d[at]!;
    const units = d[at + 1]!;
    const length = units * 8;
    if (length === 0) {
      out.ascii("\n\t  ");
      out.ascii(NDP_OPTION_NAMES.get(type) ?? "unknown option");
      out.ascii(` option (${type}), length 0 (0)`);
      return;
    }
    out.ascii("\n\t  ");
    out.ascii(NDP_OPTION_NAMES.get(type) ?? "unknown option");
    out.ascii(` option (${type}), length ${length} (${units}): `);
    if (at + length > end) {
      out.ascii("[|icmp6]");
      return;
    }
    switch (type) {
      case 1:
      case 2:
        out.mac(d, at + 2, length - 2 - trailingZeros(d, at + 2, at + length, 6));
        break;
      case 3:
        if (length === 32) {
          out.ascii(formatIpv6(d, at + 16));
          out.byte(0x2f);
          out.uint(d[at + 2]!);
          const flags = d[at + 3]!;
          const names: string[] = [];
          if (flags & 0x80) names.push("onlink");
          if (flags & 0x40) names.push("auto");
          if (flags & 0x20) names.push("router");
          out.ascii(", Flags [");
          out.ascii(names.length === 0 ? "none" : names.join(", "));
          out.ascii("], valid time ");
          lifetime(out, u32(d, at + 4));
          out.ascii(", pref. time ");
          lifetime(out, u32(d, at + 8));
        }
        break;
      case 5:
        out.byte(0x20);
        out.uint(u32(d, at + 4));
        break;
      case 25: {
        out.ascii("lifetime ");
        lifetime(out, u32(d, at + 4));
        out.ascii(", addr: ");
        for (let p = at + 8, n = 0; p + 16 <= at + length; p += 16, n++) {
          if (n > 0) out.ascii(", ");
          out.ascii(formatIpv6(d, p));
        }
        break;
      }
      default:
        out.ascii("\n\t    0x0000:  ");
        for (let p = at + 2; p < at + length; p++) {
          out.hex(d[p]!, 2);
          if ((p - at) % 2 === 1 && p + 1 < at + length) out.byte(0x20);
        }
    }
    at += length;
  }
}

function icmpv6Detail(icmp: Icmpv6, verbose: boolean): string {
  switch (icmp.type) {
    case 1: {
      const inner = icmp.original;
      const destination = inner?.ip.destination ?? "";
      switch (icmp.code) {
        case 0:
          return `, unreachable route ${destination}`;
        case 1:
          return `, unreachable prohibited ${destination}`;
        case 2:
          return `, beyond scope ${destination}`;
        case 3:
          return `, unreachable address ${destination}`;
        case 4: {
          const port = inner?.destinationPort;
          const protocol = inner?.ip.nextHeader;
          if (port === undefined) return ", unreachable port";
          if (protocol === 6) return `, unreachable port, ${destination} tcp port ${port}`;
          if (protocol === 17) return `, unreachable port, ${destination} udp port ${port}`;
          return `, unreachable port, ${destination} protocol ${protocol} port ${port}`;
        }
        default:
          return `, unknown unreach code (${icmp.code})`;
      }
    }
    case 2:
      return `, mtu ${icmp.mtu}`;
    case 3:
      if (icmp.code === 0) return ` in-transit for ${icmp.original?.ip.destination ?? ""}`;
      return icmp.code === 1 ? " (reassembly)" : `, unknown code (${icmp.code})`;
    case 4: {
      const names = ["erroneous", "next header", "option"];
      const what = names[icmp.code];
      return what === undefined ? `, code-#${icmp.code}` : `, ${what} - octet ${icmp.pointer}`;
    }
    case 128:
    case 129:
      return `, id ${icmp.identifier}, seq ${icmp.sequenceNumber}`;
    case 135:
      return `, who has ${icmp.target}`;
    case 136:
      return `, tgt is ${icmp.target}`;
    case 137:
      return `, ${icmp.destination} to ${icmp.target}`;
    case 130:
    case 131:
    case 132: {
      // tcpdump prints these without a separator after the type name.
      if (icmp.offset + 24 > icmp.end) return "";
      const d = icmp.data;
      const delay = (d[icmp.offset + 4]! << 8) | d[icmp.offset + 5]!;
      return `max resp delay: ${delay} addr: ${formatIpv6(d, icmp.offset + 8)}`;
    }
    case 143: {
      const at = icmp.offset + 6;
      if (at + 2 > icmp.end) return "";
      const records = (icmp.data[at]! << 8) | icmp.data[at + 1]!;
      let text = `, ${records} group record(s)`;
      if (verbose) text += mldv2Records(icmp, records);
      return text;
    }
    default:
      return "";
  }
}

function mldv2Records(icmp: Icmpv6, records: number): string {
  const d = icmp.data;
  let at = icmp.offset + 8;
  let text = "";
  for (let i = 0; i < records; i++) {
    if (at + 20 > icmp.end) return `${text} [|icmp6]`;
    const type = d[at]!;
    const auxiliary = d[at + 1]! * 4;
    const sources = (d[at + 2]! << 8) | d[at + 3]!;
    text += ` [gaddr ${formatIpv6(d, at + 4)} ${
      MLD_RECORD_TYPES[type] ?? `[invalid type ${type}]`
    }`;
    text += ` ${sources} source(s)]`;
    at += 20 + sources * 16 + auxiliary;
  }
  return text.replace(/ (\d+) source\(s\)\]/g, ", $1 source(s)]");
}

function lifetime(out: ByteWriter, value: number): void {
  if (value === 0xffffffff) out.ascii("infinity");
  else {
    out.uint(value);
    out.byte(0x73);
  }
}

function trailingZeros(d: Uint8Array, start: number, end: number, keep: number): number {
  let n = 0;
  for (let p = end - 1; p >= start + keep && d[p] === 0; p--) n++;
  return n;
}

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
  [38, "pref64"],
]);
