/**
 * ICMPv6 node information queries and replies (RFC 4620, types 139 and 140) as tcpdump's
 * icmp6_nodeinfo_print() writes them.
 *
 * @module
 */

import type { Icmpv6 } from "../../net/icmpv6.ts";
import { formatIpv6 } from "../../address.ts";
import { readCut, truncated } from "../_truncation.ts";
import { printChar } from "../_chars.ts";
import { readUint32 } from "../../_bytes.ts";
import type { PrintContext } from "../context.ts";

/**
 * A node information query or reply, as far as tcpdump's icmp6_nodeinfo_print() goes: a
 * reply cut by the capture, or a query cut before its 16 bytes, ends with ` [|icmp6]`
 * (its bounds checks, after which the length still follows).
 *
 * @param ctx The print context.
 * @param icmp The layer, of type 139 or 140.
 * @param length The message's length on the wire.
 * @returns `false` when a read past the capture ended the packet: no length follows.
 */
export function printNodeInfo(ctx: PrintContext, icmp: Icmpv6, length: number): boolean {
  const captured = icmp.end - icmp.offset;
  if (icmp.type === 140) return reply(ctx, icmp, length, captured);
  query(ctx, icmp, captured);
  return true;
}

/** A node information query: its type, flags and subject. */
function query(ctx: PrintContext, icmp: Icmpv6, captured: number): void {
  const out = ctx.out;
  if (captured === 12) {
    out.ascii(" who-are-you request");
    return;
  }
  out.ascii(" node information query");
  const qtype = icmp.nodeInfoQueryType;
  const flags = icmp.nodeInfoFlags;
  if (qtype === undefined || flags === undefined) {
    truncated(ctx, "icmp6");
    return;
  }
  out.ascii(" (");
  switch (qtype) {
    case 0:
      out.ascii("noop");
      break;
    case 1:
      supportedTypes(ctx, flags);
      break;
    case 2:
      out.ascii("DNS name");
      break;
    case 3:
      out.ascii("node addresses");
      addressFlags(ctx, flags, false);
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
      name(ctx, subject);
      break;
    default:
      out.ascii(", unknown subject");
  }
  out.byte(0x29);
}

/**
 * A node information reply: the code, and after a success the query type with its data; a
 * reply cut by the capture only ` [|icmp6]`.
 */
function reply(ctx: PrintContext, icmp: Icmpv6, length: number, captured: number): boolean {
  const out = ctx.out;
  const qtype = icmp.nodeInfoQueryType;
  const flags = icmp.nodeInfoFlags;
  if (length > captured || qtype === undefined || flags === undefined) {
    truncated(ctx, "icmp6");
    return true;
  }
  const verbose = ctx.verbose > 0;
  out.ascii(" node information reply (");
  const code = icmp.code;
  let comma = false;
  if (code === 0 && verbose) {
    out.ascii("success");
    comma = true;
  } else if (code === 1 || code === 2) {
    out.ascii(code === 1 ? "refused" : "unknown");
    comma = true;
    if (captured !== 16 && verbose) out.ascii(", invalid length");
  }
  if (code !== 0) {
    out.byte(0x29);
    return true;
  }
  if (comma) out.ascii(", ");
  const data = icmp.nodeInfoData!;
  switch (qtype) {
    case 0:
      out.ascii("noop");
      if (captured !== 16 && verbose) out.ascii(", invalid length");
      break;
    case 1:
      supportedTypes(ctx, flags);
      break;
    case 2:
      out.ascii("DNS name");
      // The name follows a 4-byte TTL: reading its first byte past the capture ends the
      // packet.
      if (data.length <= 4) {
        return readCut(ctx, "icmp6");
      }
      name(ctx, data.subarray(4));
      if (flags & 1) out.ascii(` [TTL=${readUint32(data, 0)}]`);
      break;
    case 3:
      out.ascii("node addresses");
      for (let at = 0; at + 20 <= data.length; at += 20) {
        out.ascii(` ${formatIpv6(data, at + 4)}(${readUint32(data, at)})`);
      }
      addressFlags(ctx, flags, true);
      break;
    default:
      out.ascii("unknown");
  }
  out.byte(0x29);
  return true;
}

/**
 * A DNS name of a query's subject or a reply: a Pascal string of the whole rest (the 03
 * draft's form), or labels as tcpdump's dnsname_print() writes them, uncompressed.
 */
function name(ctx: PrintContext, bytes: Uint8Array): void {
  const out = ctx.out;
  const end = bytes.length;
  if (bytes[0] === end - 1) {
    if (ctx.verbose > 0) out.ascii(", 03 draft");
    out.ascii(', "');
    for (let at = 1; at < end; at++) printChar(out, bytes[at]!);
    out.byte(0x22);
    return;
  }
  out.ascii(', "');
  let at = 0;
  while (at < end) {
    let label = bytes[at++]!;
    if (label === 0) {
      if (at === end) out.byte(0x2e);
      else if (at + 1 !== end || bytes[at] !== 0) out.ascii("???");
      break;
    }
    if (label > end - at) {
      out.ascii("???");
      break;
    }
    while (label-- > 0 && at < end) printChar(out, bytes[at++]!);
    if (at + 1 < end && bytes[at] !== 0) out.byte(0x2e);
  }
  out.byte(0x22);
}

/** The supported qtypes' flags: ` [C]` (compressed) or ` []`, none when 0. */
function supportedTypes(ctx: PrintContext, flags: number): void {
  ctx.out.ascii("supported qtypes");
  if (flags !== 0) ctx.out.ascii(` [${flags & 1 ? "C" : ""}]`);
}

/** The node addresses flags as letters, with a reply's T (truncated) last. */
function addressFlags(ctx: PrintContext, flags: number, reply: boolean): void {
  if (flags === 0) return;
  const out = ctx.out;
  out.ascii(" [");
  for (const [bit, letter] of NODE_ADDRESS_FLAGS) if (flags & bit) out.ascii(letter);
  if (reply && flags & 0x0001) out.byte(0x54);
  out.byte(0x5d);
}

const NODE_ADDRESS_FLAGS: readonly (readonly [number, string])[] = [
  [0x0040, "a"],
  [0x0020, "G"],
  [0x0010, "S"],
  [0x0008, "L"],
  [0x0004, "C"],
  [0x0002, "A"],
];
