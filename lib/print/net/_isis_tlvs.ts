/**
 * The values of IS-IS TLVs as tcpdump's isis_print() writes them at `-v`. Private to
 * `lib/print/`.
 *
 * @module
 */

import { hex2 } from "../../_hex.ts";
import { readUint16, readUint32 } from "../../_bytes.ts";
import type { PrintContext } from "../context.ts";
import type { Isis, IsisTlv } from "../../net/isis.ts";
import { formatIpv6 } from "../../address.ts";
import { hexPrint } from "../_hex.ts";
import { truncated, truncatedRead } from "../_truncation.ts";
import { printCharsUntilNul } from "../_chars.ts";
import { NLPID_NAMES } from "../_names.ts";
import { extIpReach, extIsReach, mtId } from "./_isis_extended.ts";
import { spbCapability } from "./_isis_spb.ts";
import { nsap } from "./_nsap.ts";

const RESTART_FLAGS: readonly [number, string][] = [
  [0x1, "Restart Request"],
  [0x2, "Restart Acknowledgement"],
  [0x4, "Suppress adjacency advertisement"],
];

const PTP_STATES = ["Up", "Initializing", "Down"];

/**
 * A system ID (6 bytes), node ID (7) or LSP ID (8) as isis_print_id() writes it:
 * `4444.4444.4444`, `.01`, `-00`.
 */
export function isisId(d: Uint8Array, at: number, length: number): string {
  let text = "";
  for (let i = 0; i < Math.min(6, length); i++) {
    text += hex2(d[at + i]!);
    if (i === 1 || i === 3) text += ".";
  }
  if (length >= 7) text += "." + hex2(d[at + 6]!);
  if (length === 8) text += "-" + hex2(d[at + 7]!);
  return text;
}

function ipv4(d: Uint8Array, at: number): string {
  return `${d[at]}.${d[at + 1]}.${d[at + 2]}.${d[at + 3]}`;
}

function ipv6(ctx: PrintContext, at: number): void {
  ctx.out.ascii(formatIpv6(ctx.data, at));
}

/** The default, delay, expense and error metrics of an old-style TLV entry. */
function metricBlock(ctx: PrintContext, d: Uint8Array, at: number, indent: string): void {
  const out = ctx.out;
  const ie = (b: number) => (b & 0x40) !== 0 ? "External" : "Internal";
  out.ascii(`, Default Metric: ${d[at]! & 0x3f}, ${ie(d[at]!)}`);
  const names = ["Delay", "Expense", "Error"];
  for (let i = 1; i < 4; i++) {
    const b = d[at + i]!;
    if ((b & 0x80) === 0) out.ascii(`${indent}${names[i - 1]} Metric: ${b & 0x3f}, ${ie(b)}`);
  }
}

/** The prefix length of a contiguous mask, or -1. */
function maskLength(d: Uint8Array, at: number): number {
  const mask = ((d[at]! << 24) | (d[at + 1]! << 16) | (d[at + 2]! << 8) | d[at + 3]!) >>> 0;
  for (let bits = 0; bits <= 32; bits++) {
    const m = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if (m === mask) return bits;
  }
  return -1;
}

/** Prints one TLV's value; `"stop"` when tcpdump stops printing the PDU there. */
export function tlvValue(
  ctx: PrintContext,
  isis: Isis,
  tlv: IsisTlv,
  length: number,
): "stop" | undefined {
  const out = ctx.out;
  const d = isis.data;
  let at = tlv.valueOffset;
  let left = tlv.length;
  const end = at + left;
  // These read their value as tcpdump does, as far as it is captured.
  if (tlv.type === 143 || tlv.type === 144) {
    return spbCapability(ctx, tlv.type, at, left, isis.end);
  }
  if (tlv.type === 7) return instanceId(ctx, d, at, left, isis.end);
  if (tlv.type === 137) {
    out.ascii("\n\t      Hostname: ");
    return printCharsUntilNul(out, d, at, left, isis.end) ? isisStopRead(ctx) : undefined;
  }
  if (end > isis.end) {
    if (DECODED_TLVS.has(tlv.type)) return isisStop(ctx);
    // tcpdump's default case dumps what was captured of a TLV it does not decode (at -vv its
    // dump after every TLV does), then stops at the next TLV's header, if the PDU has one.
    hexPrint(ctx, ctx.verbose <= 1 ? "\n\t\t" : "\n\t      ", at, isis.end);
    if (end < isis.offset + length) return isisStop(ctx);
    ctx.done = true;
    return "stop";
  }
  switch (tlv.type) {
    case 131: { // inter-domain routing protocol information
      if (left < 1) return;
      const type = d[at]!;
      out.ascii("\n\t      Inter-Domain Information Type: ");
      out.ascii(IDRP_TYPES.get(type) ?? `Unknown (0x${hex2(type)})`);
      if (type !== 2) hexPrint(ctx, "\n\t      ", at + 1, end);
      else if (left >= 3) out.ascii(`AS Number: ${(d[at + 1]! << 8) | d[at + 2]!}`);
      return;
    }
    case 1: // area addresses
      while (left !== 0) {
        const alen = d[at]!;
        at++;
        left--;
        if (left < alen) return;
        out.ascii(`\n\t      Area address (length: ${alen}): ${nsap(d, at, alen)}`);
        at += alen;
        left -= alen;
      }
      return;
    case 6: // IS neighbors (SNPAs)
      for (; left >= 6; at += 6, left -= 6) {
        out.ascii(`\n\t      SNPA: ${isisId(d, at, 6)}`);
      }
      return;
    case 8: // padding
      return;
    case 2: // IS reachability
      if (left < 1) return;
      out.ascii(
        `\n\t      ${
          d[at] === 0
            ? "IsNotVirtual"
            : d[at] === 1
            ? "IsVirtual"
            : `bogus virtual flag 0x${hex2(d[at]!)}`
        }`,
      );
      at++;
      left--;
      for (; left >= 11; at += 11, left -= 11) {
        out.ascii(`\n\t      IS Neighbor: ${isisId(d, at + 4, 7)}`);
        metricBlock(ctx, d, at, "\n\t\t  ");
      }
      return;
    case 3: // ES neighbors
      for (; left >= 10; at += 10, left -= 10) {
        out.ascii(`\n\t      ES Neighbor: ${isisId(d, at + 4, 6)}`);
        metricBlock(ctx, d, at, "\n\t\t  ");
      }
      return;
    case 128:
    case 130: // IPv4 internal and external reachability
      while (left > 0) {
        if (left < 12) {
          out.ascii(`short IPv4 Reachability (${left} vs 12)`);
          return "stop";
        }
        const plen = maskLength(d, at + 8);
        if (plen === -1) {
          out.ascii(`\n\t      IPv4 prefix: ${ipv4(d, at + 4)} mask ${ipv4(d, at + 8)}`);
        } else {
          out.ascii(`\n\t      IPv4 prefix: ${ipv4(d, at + 4).padStart(15)}/${plen}`);
        }
        const m = d[at]!;
        out.ascii(`, Distribution: ${(m & 0x80) !== 0 ? "down" : "up"}, Metric: ${m & 0x3f}, `);
        out.ascii((m & 0x40) !== 0 ? "External" : "Internal");
        const names = ["Delay", "Expense", "Error"];
        for (let i = 1; i < 4; i++) {
          const b = d[at + i]!;
          if ((b & 0x80) === 0) {
            out.ascii(`\n\t        ${names[i - 1]} Metric: ${b & 0x3f}, `);
            out.ascii((b & 0x40) !== 0 ? "External" : "Internal");
          }
        }
        at += 12;
        left -= 12;
      }
      return;
    case 232: // IPv6 interface addresses
      for (; left >= 16; at += 16, left -= 16) {
        out.ascii("\n\t      IPv6 interface address: ");
        ipv6(ctx, at);
      }
      return;
    case 129: // protocols supported
      out.ascii("\n\t      NLPID(s): ");
      for (; left !== 0; at++, left--) {
        out.ascii(`${NLPID_NAMES.get(d[at]!) ?? "unknown"} (0x${hex2(d[at]!)})`);
        if (left > 1) out.ascii(", ");
      }
      return;
    case 132: // IPv4 interface addresses
      for (; left >= 4; at += 4, left -= 4) {
        out.ascii(`\n\t      IPv4 interface address: ${ipv4(d, at)}`);
      }
      return;
    case 134: // TE router ID
      if (left >= 4) out.ascii(`\n\t      Traffic Engineering Router ID: ${ipv4(d, at)}`);
      return;
    case 9: // LSP entries
      for (; left >= 16; at += 16, left -= 16) {
        out.ascii(`\n\t      lsp-id: ${isisId(d, at + 2, 8)}, seq: 0x`);
        out.hex(
          ((d[at + 10]! << 24) | (d[at + 11]! << 16) | (d[at + 12]! << 8) |
            d[at + 13]!) >>> 0,
          8,
        );
        out.ascii(`, lifetime: ${String((d[at]! << 8) | d[at + 1]!).padStart(5)}s, chksum: 0x`);
        out.hex((d[at + 14]! << 8) | d[at + 15]!, 4);
      }
      return;
    case 211: { // restart signaling
      if (left < 1) return;
      const flags = RESTART_FLAGS.filter(([bit]) => (d[at]! & bit) !== 0).map(([, n]) => n);
      out.ascii(`\n\t      Flags [${flags.length === 0 ? "none" : flags.join(", ")}]`);
      at++;
      left--;
      if (left < 2) return;
      out.ascii(`, Remaining holding time ${(d[at]! << 8) | d[at + 1]!}s`);
      if (left - 2 === 6) out.ascii(`, for ${isisId(d, at + 2, 6)}`);
      return;
    }
    case 240: // point-to-point adjacency state
      if (left >= 1) {
        out.ascii(`\n\t      Adjacency State: ${PTP_STATES[d[at]!] ?? "unknown"} (${d[at]})`);
        left--;
      }
      if (left > 4) {
        out.ascii("\n\t      Extended Local circuit-ID: 0x");
        out.hex(readUint32(d, at + 1), 8);
        left -= 4;
      }
      if (left >= 6) {
        out.ascii(`\n\t      Neighbor System-ID: ${isisId(d, at + 5, 6)}`);
        left -= 6;
      }
      if (left >= 4) {
        out.ascii("\n\t      Neighbor Extended Local circuit-ID: 0x");
        out.hex(readUint32(d, at + 11), 8);
      }
      return;
    case 14: // LSP buffer size
      if (left >= 2) out.ascii(`\n\t      LSP Buffersize: ${(d[at]! << 8) | d[at + 1]!}`);
      return;
    case 241: // hello sequence number
      if (left >= 4) out.ascii(`\n\t      Sequence number: ${readUint32(d, at)}`);
      return;
    case 22: // extended IS reachability
    case 222: // multi-topology IS reachability
      return reachability(ctx, d, at, left, tlv.type === 222, (p, rest) => {
        return extIsReach(ctx, d, p, rest, isis.end);
      });
    case 24: // IS alias ID
      return reachability(ctx, d, at, left, false, (p, rest) => {
        return extIsReach(ctx, d, p, rest, isis.end, true);
      });
    case 135: // extended IPv4 reachability
    case 235: // multi-topology IPv4 reachability
    case 236: // IPv6 reachability
    case 237: { // multi-topology IPv6 reachability
      const v6 = tlv.type >= 236;
      return reachability(ctx, d, at, left, tlv.type === 235 || tlv.type === 237, (p) => {
        return extIpReach(ctx, d, p, v6, isis.end);
      });
    }
    case 229: // multi-topology
      while (left !== 0) {
        if (left === 1) {
          out.ascii("\n\t      invalid MT-ID");
          break;
        }
        mtId(ctx, d, at, left);
        at += 2;
        left -= 2;
      }
      return;
    case 13: { // purge originator identifier
      if (left < 1) return;
      const ids = d[at]!;
      if (ids === 0) {
        out.ascii(" No system IDs supplied");
        return;
      }
      if (left < 7) return;
      out.ascii(`\n\t      Purge Originator System-ID: ${isisId(d, at + 1, 6)}`);
      if (ids > 1 && left >= 13) {
        out.ascii(`\n\t      Received from System-ID: ${isisId(d, at + 7, 6)}`);
      }
      return;
    }
    case 242: { // router capability
      if (left < 5) {
        out.ascii(` [object length ${left} < 5] (invalid)`);
        return;
      }
      const flags = [];
      if (d[at + 4]! & 1) flags.push("S bit");
      if (d[at + 4]! & 2) flags.push("D bit");
      out.ascii(`\n\t      Router-ID ${ipv4(d, at)}, Flags [`);
      out.ascii(`${flags.length === 0 ? "none" : flags.join(", ")}]`);
      routerCapabilities(ctx, d, at + 5, left - 5);
      return;
    }
    case 5: // prefix neighbors: a metric block, then prefixes counted in semi-octets
      if (left < 4) return;
      out.ascii("\n\t      Metric Block");
      metricBlock(ctx, d, at, "\n\t\t  ");
      for (at += 4, left -= 4; left !== 0;) {
        const semiOctets = d[at]!;
        at++;
        left--;
        if (semiOctets < 2) {
          out.ascii(`\n\t\tAddress: prefix length ${semiOctets} < 2`);
          break;
        }
        const bytes = semiOctets >> 1;
        if (left < bytes) break;
        out.ascii(`\n\t\tAddress: ${nsap(d, at, bytes)}/${semiOctets * 4}`);
        at += bytes;
        left -= bytes;
      }
      return;
    case 10: // authentication
      if (left >= 1) authentication(ctx, d, at + 1, left - 1);
      return;
    case 4: // partition DIS
      for (; left >= 6; at += 6, left -= 6) out.ascii(`\n\t      ${isisId(d, at, 6)}`);
      return;
  }
  if (ctx.verbose <= 1) hexPrint(ctx, "\n\t\t", tlv.valueOffset, end);
  return;
}

/** An instance identifier TLV (RFC 8202): the ID and its topology IDs, up to the capture. */
function instanceId(
  ctx: PrintContext,
  d: Uint8Array,
  at: number,
  left: number,
  captured: number,
): "stop" | undefined {
  if (left < 4) return undefined;
  if (at + 2 > captured) return isisStopRead(ctx);
  const count = (left - 2) >> 1;
  ctx.out.ascii(`\n\t      Instance ID: ${readUint16(d, at)}, ITIDs(${count})`);
  ctx.out.ascii(`${count ? ":" : ""} `);
  for (let i = 0, p = at + 2; i < count; i++, p += 2) {
    if (p + 2 > captured) return isisStopRead(ctx);
    ctx.out.uint(readUint16(d, p));
    if (i < count - 1) ctx.out.ascii(", ");
  }
  return undefined;
}

const AUTH_TYPES: ReadonlyMap<number, string> = new Map([
  [1, "simple text password"],
  [3, "Generic Crypto key-id"],
  [54, "HMAC-MD5 password"],
  [255, "Routing Domain private password"],
]);

/**
 * An authentication TLV's value after its type byte. tcpdump checks an HMAC-MD5 digest
 * only with a secret (`-M`), which wirekit has not: ` (unchecked)`.
 */
function authentication(ctx: PrintContext, d: Uint8Array, at: number, left: number): void {
  const out = ctx.out;
  const type = d[at - 1]!;
  out.ascii(`\n\t      ${AUTH_TYPES.get(type) ?? `unknown Authentication type 0x${hex2(type)}`}: `);
  if (type === 1) printCharsUntilNul(out, d, at, left);
  else if (type === 54) {
    for (let i = 0; i < left; i++) out.ascii(hex2(d[at + i]!));
    if (left !== 16) out.ascii(", (invalid subTLV) ");
    out.ascii(" (unchecked)");
  } else if (type === 3) {
    if (left < 2) return;
    out.ascii(`${readUint16(d, at)}, password: `);
    for (let i = 2; i < left; i++) out.ascii(hex2(d[at + i]!));
  } else hexPrint(ctx, "\n\t\t  ", at, at + left);
}

/** The sub-TLVs of a router capability TLV (isis_print_router_cap_subtlv()). */
function routerCapabilities(ctx: PrintContext, d: Uint8Array, at: number, left: number): void {
  const out = ctx.out;
  while (left >= 2) {
    const type = d[at]!;
    const length = d[at + 1]!;
    left -= 2;
    at += 2;
    out.ascii(`\n\t\t${type === 2 ? "SR-Capabilities" : "unknown"} subTLV #${type}, `);
    out.ascii(`length: ${length}`);
    if (length > left) break;
    if (type === 2) {
      const flags = [];
      if (d[at]! & 0x80) flags.push("ipv4");
      if (d[at]! & 0x40) flags.push("ipv6");
      const range = (d[at + 1]! << 16) | (d[at + 2]! << 8) | d[at + 3]!;
      out.ascii(`, Flags [${flags.length === 0 ? "None" : flags.join(", ")}], Range ${range}`);
      let p = at + 4;
      let sidLeft = (length - 4) & 0xff;
      while (sidLeft >= 5) {
        const sidType = d[p]!;
        const sidLength = d[p + 1]!;
        sidLeft -= 2;
        p += 2;
        if (sidLength > sidLeft) break;
        if (sidType !== 1) hexPrint(ctx, "\n\t\t  ", p, p + sidLength);
        else if (sidLength === 3) {
          out.ascii(`, SID value ${(d[p]! << 16) | (d[p + 1]! << 8) | d[p + 2]!}`);
        } else if (sidLength === 4) out.ascii(`, SID value ${readUint32(d, p)}`);
        else out.ascii(`, Unknown SID length${sidLength}`);
        p += sidLength;
        sidLeft -= sidLength;
      }
    } else {
      hexPrint(ctx, "\n\t\t", at, at + length);
    }
    left -= length;
    at += length;
  }
}

/**
 * The entries of a reachability TLV (22, 222, 135, 235, 236, 237), after the MT-ID when
 * `multiTopology`: each printed by `entry`, which returns its length (0 when cut short).
 */
function reachability(
  ctx: PrintContext,
  d: Uint8Array,
  at: number,
  left: number,
  multiTopology: boolean,
  entry: (at: number, left: number) => number,
): "stop" | undefined {
  if (multiTopology) {
    if (mtId(ctx, d, at, left) === 0) return isisStop(ctx);
    at += 2;
    left -= 2;
  }
  while (left !== 0) {
    const used = entry(at, left);
    if (used === 0) return isisStop(ctx);
    if (left < used) {
      ctx.out.ascii(` [remaining tlv length ${left} < ${used}] (invalid)`);
      break;
    }
    at += used;
    left -= used;
  }
  return undefined;
}

/** The TLVs that {@linkcode tlvValue} prints by a case of their own (tcpdump's cases). */
const DECODED_TLVS: ReadonlySet<number> = new Set([
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  8,
  9,
  10,
  13,
  14,
  22,
  24,
  128,
  129,
  130,
  131,
  132,
  134,
  135,
  137,
  143,
  144,
  211,
  222,
  229,
  232,
  235,
  236,
  237,
  240,
  241,
  242,
]);

/** The types of the inter-domain information TLV (isis_subtlv_idrp_values). */
const IDRP_TYPES: ReadonlyMap<number, string> = new Map([
  [0, "Reserved"],
  [1, "Routing-Domain-Specific"],
  [2, "AS Number Tag"],
]);

/**
 * tcpdump's `goto trunc` inside a TLV: ` [|isis]`, and nothing more of the PDU.
 */
export function isisStop(ctx: PrintContext): "stop" {
  truncated(ctx, "isis");
  return "stop";
}

/**
 * tcpdump's longjmp on a read past the capture inside a TLV (a `GET_` macro, or
 * `nd_printjnp()`): ` [|isis]`, nothing more of the PDU, and the whole frame dumped with
 * `-x`/`-X`.
 */
export function isisStopRead(ctx: PrintContext): "stop" {
  truncatedRead(ctx, "isis");
  return "stop";
}
