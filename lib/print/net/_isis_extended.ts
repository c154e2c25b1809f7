/**
 * The IS-IS TLVs of the traffic-engineering and multi-topology extensions as tcpdump
 * prints them: extended IS reachability (22, 222) with its sub-TLVs, extended IPv4 and
 * IPv6 reachability (135, 235, 236, 237), the multi-topology ID (229). Private to
 * `lib/print/`.
 *
 * @module
 */

import { readUint32 } from "../../_bytes.ts";
import type { PrintContext } from "../context.ts";
import { mbps } from "./_te_bandwidth.ts";
import { formatIpv6 } from "../../address.ts";
import { hexPrint } from "../_hex.ts";
import { isisId } from "./_isis_tlvs.ts";
import { truncated } from "../_truncation.ts";

const EXT_IS_SUBTLVS: ReadonlyMap<number, string> = new Map([
  [3, "Administrative groups"],
  [4, "Link Local/Remote Identifier"],
  [5, "Link Remote Identifier"],
  [6, "IPv4 interface address"],
  [8, "IPv4 neighbor address"],
  [9, "Maximum link bandwidth"],
  [10, "Reservable link bandwidth"],
  [11, "Unreserved bandwidth"],
  [18, "Traffic Engineering Metric"],
  [19, "Link Attribute"],
  [20, "Link Protection Type"],
  [21, "Interface Switching Capability"],
  [12, "Bandwidth Constraints (old)"],
  [22, "Bandwidth Constraints"],
  [32, "LAN Adjacency Segment Identifier"],
  [29, "SPB Metric"],
  [250, "Reserved for cisco specific extensions"],
  [251, "Reserved for cisco specific extensions"],
  [252, "Reserved for cisco specific extensions"],
  [253, "Reserved for cisco specific extensions"],
  [254, "Reserved for cisco specific extensions"],
  [255, "Reserved for future expansion"],
]);

const EXT_IP_SUBTLVS: ReadonlyMap<number, string> = new Map([
  [1, "32-Bit Administrative tag"],
  [2, "64-Bit Administrative tag"],
  [3, "Prefix SID"],
  [117, "Management Prefix Color"],
]);

const MT_NAMES: ReadonlyMap<number, string> = new Map([
  [0, "IPv4 unicast"],
  [1, "In-Band Management"],
  [2, "IPv6 unicast"],
  [3, "Multicast"],
  [4095, "Development, Experimental or Proprietary"],
]);

function hex8(n: number): string {
  return n.toString(16).padStart(8, "0");
}

/**
 * A multi-topology ID (isis_print_mtid()): its name, number and flags.
 *
 * @returns 2, or 0 when fewer than 2 bytes are left.
 */
export function mtId(ctx: PrintContext, d: Uint8Array, at: number, left: number): number {
  if (left < 2) return 0;
  const value = (d[at]! << 8) | d[at + 1]!;
  const id = value & 0x0fff;
  const flags = [];
  if (value & 0x4000) flags.push("ATT bit set");
  if (value & 0x8000) flags.push("Overload bit set");
  ctx.out.ascii(`\n\t      ${MT_NAMES.get(id) ?? "Reserved for IETF Consensus"} Topology (0x`);
  ctx.out.ascii(`${id.toString(16).padStart(3, "0")}), Flags: [`);
  ctx.out.ascii(`${flags.length === 0 ? "none" : flags.join(", ")}]`);
  return 2;
}

/**
 * One neighbor of an extended IS reachability TLV (isis_print_ext_is_reach()), or of an
 * IS alias ID TLV when `alias`, its bytes captured up to `captured`.
 *
 * @returns The bytes it took, 0 when the TLV ends inside its fixed part.
 */
export function extIsReach(
  ctx: PrintContext,
  d: Uint8Array,
  at: number,
  left: number,
  captured: number,
  alias = false,
): number {
  const out = ctx.out;
  if (left < 7) return 0;
  out.ascii(`\n\t      IS Neighbor: ${isisId(d, at, 7)}`);
  // An IS alias has no metric (implicitly 0).
  const fixed = alias ? 8 : 11;
  if (!alias) {
    if (left < 10) return 0;
    out.ascii(`, Metric: ${(d[at + 7]! << 16) | (d[at + 8]! << 8) | d[at + 9]!}`);
  }
  if (left < fixed) return 0;
  let sum = d[at + fixed - 1]!;
  let done = fixed;
  let remaining = left - fixed;
  let p = at + fixed;
  out.ascii(`, ${sum ? "" : "no "}sub-TLVs present`);
  if (sum === 0) return done;
  out.ascii(` (${sum})`);
  const ident = "\n\t        ";
  while (sum !== 0) {
    if (remaining < 2) {
      out.ascii(`${ident}Remaining data in TLV shorter than a subTLV header`);
      return done + remaining;
    }
    if (sum < 2) {
      out.ascii(`${ident}Remaining data in subTLVs shorter than a subTLV header`);
      return done + sum;
    }
    const type = d[p]!;
    let length = d[p + 1]!;
    p += 2;
    remaining -= 2;
    sum -= 2;
    done += 2;
    out.ascii(
      `${ident}${EXT_IS_SUBTLVS.get(type) ?? "unknown"} subTLV #${type}, length: ${length}`,
    );
    if (sum < length) {
      out.ascii(" (remaining data in subTLVs shorter than the current subTLV)");
      return done + sum;
    }
    if (remaining < length) {
      out.ascii(" (> remaining tlv length)");
      return done + remaining;
    }
    let q = p;
    switch (type) {
      case 3:
      case 4:
      case 5:
        if (length >= 4) {
          out.ascii(`, 0x${hex8(readUint32(d, q))}`);
          if (length === 8) out.ascii(`, 0x${hex8(readUint32(d, q + 4))}`);
        }
        break;
      case 6:
      case 8:
        if (length >= 4) out.ascii(`, ${d[q]}.${d[q + 1]}.${d[q + 2]}.${d[q + 3]}`);
        break;
      case 9:
      case 10:
        if (length >= 4) out.ascii(`, ${mbps(d, q)}`);
        break;
      case 11:
        if (length >= 32) {
          for (let c = 0; c < 8; c++, q += 4) {
            out.ascii(`${ident}  TE-Class ${c}: ${mbps(d, q)}`);
          }
          length -= 32;
          sum -= 32;
          done += 32;
          p += 32;
        }
        break;
      case 18:
        if (length >= 3) out.ascii(`, ${(d[q]! << 16) | (d[q + 1]! << 8) | d[q + 2]!}`);
        break;
      case 29: // SPB metric: link metric, number of ports, port identifier
        if (length >= 6) {
          out.ascii(`, LM: ${(d[q]! << 16) | (d[q + 1]! << 8) | d[q + 2]!}, P: ${d[q + 3]}`);
          out.ascii(`, P-ID: ${(d[q + 4]! << 8) | d[q + 5]!}`);
        }
        break;
      case 32: // LAN adjacency segment identifier (RFC 8667)
        if (length >= 8 && lanAdjacencySid(ctx, d, q, length, ident, captured)) {
          // A read past the capture: tcpdump dumps the whole frame (the caller prints the mark).
          ctx.linkEnd = ctx.start;
          return 0;
        }
        break;
      default:
        hexPrint(ctx, "\n\t\t    ", q, q + length);
    }
    p += length;
    remaining -= length;
    sum -= length;
    done += length;
  }
  return done;
}

const LAN_ADJ_SID_FLAGS: readonly [number, string][] = [
  [0x80, "Address family IPv6"],
  [0x40, "Backup"],
  [0x20, "Value"],
  [0x10, "Local significance"],
  [0x08, "Set of adjacencies"],
  [0x04, "Persistent"],
];

/**
 * A LAN adjacency SID: flags, weight, neighbor and the label (V and L set) or index
 * (neither). tcpdump reads the label or index after the system ID even when the sub-TLV
 * is shorter, so the bytes past it must be captured.
 *
 * @returns `true` when they are not (tcpdump's longjmp: nothing more of the PDU).
 */
function lanAdjacencySid(
  ctx: PrintContext,
  d: Uint8Array,
  q: number,
  length: number,
  ident: string,
  captured: number,
): boolean {
  const out = ctx.out;
  const flags = d[q]!;
  const names = LAN_ADJ_SID_FLAGS.filter(([bit]) => (flags & bit) !== 0).map(([, n]) => n);
  out.ascii(`${ident}  Flags: [${names.length === 0 ? "none" : names.join(", ")}]`);
  out.ascii(`${ident}  Weight: ${d[q + 1]}`);
  if (length - 2 >= 6) out.ascii(`${ident}  Neighbor System-ID: ${isisId(d, q + 2, 6)}`);
  const v = (flags & 0x20) !== 0;
  const l = (flags & 0x10) !== 0;
  if (v && l) {
    if (q + 11 > captured) return true;
    out.ascii(`${ident}  Label: ${(d[q + 8]! << 16) | (d[q + 9]! << 8) | d[q + 10]!}`);
  } else if (!v && !l) {
    if (q + 12 > captured) return true;
    out.ascii(`${ident}  Index: ${readUint32(d, q + 8)}`);
  } else out.ascii(" (invalid)");
  return false;
}

const PREFIX_SID_FLAGS: readonly [number, string][] = [
  [0x80, "Readvertisement"],
  [0x40, "Node"],
  [0x20, "No-PHP"],
  [0x10, "Explicit NULL"],
  [0x08, "Value"],
  [0x04, "Local"],
];

/**
 * A prefix SID (RFC 8667): flags, algorithm and a 3-byte label (V set) or 4-byte index.
 *
 * @returns `false` when the sub-TLV is too short for it (tcpdump's ` [|isis]`, and the
 * prefix's TLV ends there).
 */
function prefixSid(ctx: PrintContext, d: Uint8Array, q: number, length: number): boolean {
  const flags = d[q]!;
  const algo = d[q + 1]!;
  const label = (flags & 0x08) !== 0;
  if (length < (label ? 5 : 6)) {
    truncated(ctx, "isis");
    return false;
  }
  const sid = label ? (d[q + 2]! << 16) | (d[q + 3]! << 8) | d[q + 4]! : readUint32(d, q + 2);
  const names = PREFIX_SID_FLAGS.filter(([bit]) => (flags & bit) !== 0).map(([, n]) => n);
  const algoName = algo === 0 ? "SPF" : algo === 1 ? "strict-SPF" : "Unknown";
  ctx.out.ascii(`, Flags [${names.length === 0 ? "None" : names.join(", ")}], Algo `);
  ctx.out.ascii(`${algoName} (${algo}), ${label ? "label" : "index"} ${sid}`);
  return true;
}

/**
 * One prefix of an extended IPv4 or IPv6 reachability TLV (isis_print_extd_ip_reach()),
 * its bytes captured up to `captured`.
 *
 * @returns The bytes it took, 0 when the prefix length is bad, a sub-TLV is cut short or
 * a read passes the capture (tcpdump stops there).
 */
export function extIpReach(
  ctx: PrintContext,
  d: Uint8Array,
  at: number,
  v6: boolean,
  captured: number,
): number {
  const out = ctx.out;
  // tcpdump reads a prefix as far as the capture goes, past its TLV if need be: a read
  // past the capture ends the PDU (0, the caller marks it).
  if (at + (v6 ? 6 : 5) > captured) return 0;
  const metric = readUint32(d, at);
  const status = d[at + 4]!;
  const bits = v6 ? d[at + 5]! : status & 0x3f;
  if (bits > (v6 ? 128 : 32)) {
    out.ascii(`\n\t      IPv${v6 ? 6 : 4} prefix: bad bit length ${bits}`);
    return 0;
  }
  let p = at + (v6 ? 6 : 5);
  const bytes = (bits + 7) >> 3;
  if (p + bytes > captured) return 0;
  const prefix = new Uint8Array(v6 ? 16 : 4);
  prefix.set(d.subarray(p, p + bytes));
  p += bytes;
  if (v6) out.ascii(`\n\t      IPv6 prefix: ${formatIpv6(prefix, 0)}/${bits}`);
  else out.ascii(`\n\t      IPv4 prefix: ${prefix.join(".").padStart(15)}/${bits}`);
  out.ascii(`, Distribution: ${(status & 0x80) !== 0 ? "down" : "up"}, Metric: ${metric}`);
  const sub = v6 ? (status & 0x20) !== 0 : (status & 0x40) !== 0;
  if (!v6 && sub) out.ascii(", sub-TLVs present");
  else if (v6) {
    out.ascii(`, ${(status & 0x40) !== 0 ? "External" : "Internal"}`);
    if (sub) out.ascii(", sub-TLVs present");
  }
  let done = p - at;
  if (!sub) return done;
  if (p + 1 > captured) return 0;
  let sublen = d[p]!;
  p++;
  done += sublen + 1;
  out.ascii(` (${sublen})`);
  // The count is unsigned in tcpdump: sub-TLVs longer than it wrap it round, and the walk
  // goes on until the capture ends.
  while (sublen > 0) {
    if (p + 2 > captured) return 0;
    const type = d[p]!;
    const subLength = d[p + 1]!;
    let length = subLength;
    p += 2;
    out.ascii(`\n\t        ${EXT_IP_SUBTLVS.get(type) ?? "unknown"} subTLV #${type}, `);
    out.ascii(`length: ${length}`);
    if (p + length > captured) {
      truncated(ctx, "isis");
      return 0;
    }
    let q = p;
    if (type === 1 || type === 117) {
      for (; length >= 4; q += 4, length -= 4) {
        out.ascii(`, 0x${hex8(readUint32(d, q))} (=${readUint32(d, q)})`);
      }
    } else if (type === 2) {
      for (; length >= 8; q += 8, length -= 8) {
        out.ascii(`, 0x${hex8(readUint32(d, q))}${hex8(readUint32(d, q + 4))}`);
      }
    } else if (type === 3) {
      if (q + 2 > captured || !prefixSid(ctx, d, q, length)) return 0;
    } else {
      hexPrint(ctx, "\n\t\t    ", q, q + length);
    }
    p += subLength;
    sublen = (sublen - subLength - 2) >>> 0;
  }
  return done;
}
