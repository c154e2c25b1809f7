/**
 * HNCP as tcpdump's hncp_print() writes it: `hncp (length)`, then the TLVs. A list of
 * TLVs nested deeper than the verbosity (all of them with `-vvv`) is one line of type names
 * (`Assigned-Prefix (x3)`); any other gives each TLV its own line, indented by its depth,
 * with its fields and its nested TLVs. DHCPv4/DHCPv6 data prints the DNS, NTP and SNTP
 * servers and search lists.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { ByteWriter } from "../_writer.ts";
import { type Hncp, HncpRange, type HncpTlv, hncpTypeClass } from "../../app/hncp.ts";
import { formatIpv4, formatIpv6 } from "../../address.ts";
import { invalid, markTruncated } from "../_truncation.ts";
import { printCharsUntilNul } from "../_chars.ts";
import { formatPrefix } from "./_bgp_mp.ts";
import { DnsWalk, NULL } from "./_dns_records.ts";

/** tcpdump's type_values: the defined types and the ranges. */
const NAMES: ReadonlyMap<number, string> = new Map([
  [1, "Request network state"],
  [2, "Request node state"],
  [3, "Node endpoint"],
  [4, "Network state"],
  [5, "Node state"],
  [8, "Peer"],
  [9, "Keep-alive interval"],
  [10, "Trust-Verdict"],
  [32, "HNCP-Version"],
  [33, "External-Connection"],
  [34, "Delegated-Prefix"],
  [43, "Prefix-Policy"],
  [37, "DHCPv4-Data"],
  [38, "DHCPv6-Data"],
  [35, "Assigned-Prefix"],
  [36, "Node-Address"],
  [39, "DNS-Delegated-Zone"],
  [40, "Domain-Name"],
  [41, "Node-Name"],
  [42, "Managed-PSK"],
  [HncpRange.RESERVED, "Reserved"],
  [HncpRange.UNASSIGNED, "Unassigned"],
  [HncpRange.PRIVATE_USE, "Private use"],
  [HncpRange.FUTURE_USE, "Future use"],
]);

const DHCPV4_NAMES: ReadonlyMap<number, string> = new Map([
  [6, "DNS-server"],
  [42, "NTP-server"],
  [119, "DNS-search"],
]);
const DHCPV6_NAMES: ReadonlyMap<number, string> = new Map([
  [23, "DNS-server"],
  [24, "DNS-search-list"],
  [31, "SNTP-servers"],
]);

const walk = new DnsWalk();

/**
 * Prints an HNCP packet after its UDP header.
 *
 * @param ctx The print context.
 * @param hncp The layer.
 */
export function printHncp(ctx: PrintContext, hncp: Hncp): void {
  ctx.done = true;
  ctx.out.ascii(`hncp (${hncp.wireLength})`);
  records(ctx, hncp, hncp.offset, hncp.wireLength, 1);
}

/** A new line and `indent` tabs. */
function newLine(out: ByteWriter, indent: number): void {
  out.byte(0x0a);
  for (let t = 0; t < indent; t++) out.byte(0x09);
}

const roundUp4 = (n: number) => (n + 3) & ~3;

/**
 * hncp_print_rec(): the TLVs of `length` bytes at `start`. A cut TLV prints ` [|hncp]`
 * and an overrun ` (invalid)`, and the list ends there (its container's goes on).
 */
function records(ctx: PrintContext, h: Hncp, start: number, length: number, indent: number): void {
  const out = ctx.out;
  const inLine = indent - 1 >= ctx.verbose && ctx.verbose < 3;
  const line = { first: true, indent };
  let lastClass = -1;
  let lastCount = -1;
  let i = 0;
  while (i < length) {
    if (!inLine) newLine(out, indent);
    const tlv = h.tlvAt(start + i, start + length);
    if (tlv.status === "cut") {
      markTruncated(ctx, "hncp");
      return;
    }
    if (tlv.status === "invalid") return invalid(ctx);
    const kind = hncpTypeClass(tlv.type);
    if (inLine) {
      if (lastClass === kind) lastCount++;
      else {
        typeInLine(out, lastClass, lastCount, line);
        lastClass = kind;
        lastCount = 1;
      }
    } else {
      out.ascii(NAMES.get(kind)!);
      if (kind > 0xffff) out.ascii(`: type=${tlv.type}`);
      out.ascii(` (${tlv.bodyLength + 4})`);
      if (!body(ctx, h, tlv, kind, indent)) return invalid(ctx);
    }
    i += 4 + roundUp4(tlv.bodyLength);
  }
  typeInLine(out, lastClass, lastCount, line);
}

/** print_type_in_line(): a run of `count` TLVs of one type class. */
function typeInLine(
  out: ByteWriter,
  kind: number,
  count: number,
  line: { first: boolean; indent: number },
): void {
  if (count <= 0) return;
  if (line.first) {
    line.first = false;
    if (line.indent > 1) newLine(out, line.indent);
    else out.byte(0x20);
  } else out.ascii(", ");
  out.ascii(NAMES.get(kind)!);
  if (count > 1) out.ascii(` (x${count})`);
}

/** A 32-bit number as 8 hexadecimal digits. */
const hex8 = (h: Hncp, at: number) => h.u32(at).toString(16).padStart(8, "0");

/** nd_printjnp() over bytes the TLV check found captured. */
function chars(ctx: PrintContext, h: Hncp, at: number, n: number): void {
  printCharsUntilNul(ctx.out, h.data, at, n);
}

/**
 * A TLV's fields after its name and length, and its nested TLVs; `false` where tcpdump
 * jumps to the list's ` (invalid)` end (DHCPv4 data it cannot walk).
 */
function body(ctx: PrintContext, h: Hncp, tlv: HncpTlv, kind: number, indent: number): boolean {
  const out = ctx.out;
  const v = tlv.value;
  const n = tlv.bodyLength;
  const bad = (short: boolean) => {
    if (short) invalid(ctx);
    return short;
  };
  const nested = (used: number) => {
    if (n >= used) records(ctx, h, v + used, n - used, indent + 1);
  };
  switch (kind) {
    case 1:
      bad(n !== 0);
      break;
    case 2:
      if (!bad(n !== 4)) out.ascii(` NID: ${h.nodeId(v)}`);
      break;
    case 3:
      if (!bad(n !== 8)) out.ascii(` NID: ${h.nodeId(v)} EPID: ${hex8(h, v + 4)}`);
      break;
    case 4:
      if (!bad(n !== 8)) out.ascii(` hash: ${h.hexBytes(v, 8)}`);
      break;
    case 5:
      if (bad(n < 20)) break;
      out.ascii(` NID: ${h.nodeId(v)} seqno: ${h.u32(v + 4)} ${h.interval(v + 8)}`);
      out.ascii(` hash: ${h.hexBytes(v + 12, 8)}`);
      nested(20);
      break;
    case 8:
      if (bad(n !== 12)) break;
      out.ascii(` Peer-NID: ${h.nodeId(v)} Peer-EPID: ${hex8(h, v + 4)}`);
      out.ascii(` Local-EPID: ${hex8(h, v + 8)}`);
      break;
    case 9:
      if (!bad(n < 8)) out.ascii(` EPID: ${hex8(h, v)} Interval: ${h.interval(v + 4)}`);
      break;
    case 10:
      if (bad(n <= 36)) break;
      out.ascii(` Verdict: ${h.u8(v)} Fingerprint: ${h.hexBytes(v + 4, 32)} Common Name: `);
      chars(ctx, h, v + 36, n - 36);
      break;
    case 32: {
      if (bad(n < 5)) break;
      const c = (h.u8(v + 2) << 8) | h.u8(v + 3);
      out.ascii(` M: ${c >> 12} P: ${(c >> 8) & 15} H: ${(c >> 4) & 15} L: ${c & 15} User-agent: `);
      chars(ctx, h, v + 4, n - 4);
      break;
    }
    case 33:
      records(ctx, h, v, n, indent + 1);
      break;
    case 34: {
      if (bad(n < 9 || n < 9 + ((h.u8(v + 8) + 7) >> 3))) break;
      out.ascii(` VLSO: ${h.interval(v)} PLSO: ${h.interval(v + 4)} Prefix: `);
      const l = prefix(ctx, h, v + 8, n - 8);
      if (l === -1) out.ascii("(length is invalid)");
      else if (!bad(l < 0)) nested(roundUp4(l + 8));
      break;
    }
    case 43:
      policy(ctx, h, v, n);
      break;
    case 37:
      if (bad(n === 0)) break;
      return dhcp(ctx, h, v, n, indent + 1, false);
    case 38:
      if (bad(n === 0)) break;
      if (!dhcp(ctx, h, v, n, indent + 1, true)) invalid(ctx);
      break;
    case 35: {
      if (bad(n < 6 || n < 6 + ((h.u8(v + 5) + 7) >> 3))) break;
      out.ascii(` EPID: ${hex8(h, v)} Prty: ${h.u8(v + 4) & 15} Prefix: `);
      const l = prefix(ctx, h, v + 5, n - 5);
      if (!bad(l < 0)) nested(roundUp4(l + 5));
      break;
    }
    case 36:
      if (bad(n < 20)) break;
      out.ascii(` EPID: ${hex8(h, v)} IP Address: ${h.address(v + 4)}`);
      nested(20);
      break;
    case 39: {
      if (bad(n < 17)) break;
      const flags = h.u8(v + 16);
      out.ascii(` IP-Address: ${h.address(v)} ${flags & 4 ? "l" : "-"}`);
      out.ascii(`${flags & 2 ? "b" : "-"}${flags & 1 ? "s" : "-"} `);
      const l = dnsLabel(ctx, h, v + 17, n - 17);
      if (!bad(l < 0)) nested(roundUp4(l + 17));
      break;
    }
    case 40:
      if (bad(n === 0)) break;
      out.ascii(" Domain: ");
      dnsLabel(ctx, h, v, n);
      break;
    case 41: {
      if (bad(n < 17)) break;
      const l = h.u8(v + 16);
      if (bad(n < 17 + l)) break;
      out.ascii(` IP-Address: ${h.address(v)} Name: `);
      if (l < 64) {
        out.byte(0x22);
        chars(ctx, h, v + 17, l);
        out.byte(0x22);
      } else invalid(ctx);
      nested(roundUp4(l + 17));
      break;
    }
    case 42:
      if (bad(n < 32)) break;
      out.ascii(` PSK: ${h.hexBytes(v, 32)}`);
      nested(32);
      break;
  }
  return true;
}

/** The Prefix-Policy TLV's policy. */
function policy(ctx: PrintContext, h: Hncp, v: number, n: number): void {
  const out = ctx.out;
  if (n < 1) return invalid(ctx);
  const type = h.u8(v);
  out.ascii(" type: ");
  if (type === 0) {
    if (n !== 1) return invalid(ctx);
    out.ascii("Internet connectivity");
  } else if (type <= 128) {
    out.ascii("Dest-Prefix: ");
    const l = prefix(ctx, h, v, n);
    if (l === -1) out.ascii("(length is invalid)");
    else if (l < 0) invalid(ctx);
  } else if (type === 129) {
    out.ascii("DNS domain: ");
    dnsLabel(ctx, h, v + 1, n - 1);
  } else if (type === 130) {
    out.ascii("Opaque UTF-8: ");
    chars(ctx, h, v + 1, n - 1);
  } else if (type === 131) {
    if (n !== 1) return invalid(ctx);
    out.ascii("Restrictive assignment");
  } else out.ascii(`Unknown (${type})`);
}

/** print_prefix(): prints the prefix and returns its size, or -1 or -3 without printing. */
function prefix(ctx: PrintContext, h: Hncp, at: number, room: number): number {
  const size = h.prefixSize(at, room);
  if (size < 0) return size;
  const bits = h.u8(at);
  ctx.out.ascii(
    h.prefixIsIpv4(at, room)
      ? formatPrefix(h.data, at + 13, bits - 96, 1)
      : formatPrefix(h.data, at + 1, bits, 2),
  );
  return size;
}

/** print_dns_label(): the labels with dots, `[|DNS]` unless a root label ends them. */
function dnsLabel(ctx: PrintContext, h: Hncp, at: number, max: number): number {
  const { labels, length } = h.labels(at, max);
  labels.forEach(([start, n], k) => {
    if (k > 0) ctx.out.byte(0x2e);
    chars(ctx, h, start, n);
  });
  if (length < 0) ctx.out.ascii("[|DNS]");
  return length;
}

/**
 * dhcpv4_print() and dhcpv6_print(): one line per option; `false` where tcpdump's returns
 * -1 (a header or value that passes the body, a bad address list, a name it cannot read).
 */
function dhcp(
  ctx: PrintContext,
  h: Hncp,
  at: number,
  length: number,
  indent: number,
  v6: boolean,
): boolean {
  const out = ctx.out;
  const { options, short } = h.dhcpOptions(at, length, v6);
  const size = v6 ? 16 : 4;
  for (const o of options) {
    newLine(out, indent);
    out.ascii(
      `${(v6 ? DHCPV6_NAMES : DHCPV4_NAMES).get(o.type) ?? "Unknown"} (${o.length + (v6 ? 4 : 2)})`,
    );
    if (o.overrun) return false;
    if (v6 ? o.type === 23 || o.type === 31 : o.type === 6 || o.type === 42) {
      if (o.length % size !== 0 || (!v6 && o.length < 4)) {
        if (v6) invalid(ctx);
        return false;
      }
      for (let t = 0; t < o.length; t += size) {
        out.ascii(` ${v6 ? formatIpv6(h.data, o.value + t) : formatIpv4(h.data, o.value + t)}`);
      }
    } else if (o.type === (v6 ? 24 : 119)) {
      walk.resetBytes(ctx, h.data, h.snapEnd);
      const end = o.value + o.length;
      for (let tp = o.value; tp < end;) {
        out.byte(0x20);
        tp = walk.name(tp, end);
        if (tp === NULL) return false;
      }
    }
  }
  return !short;
}
