/**
 * Multicast VPN routes (RFC 6514) in MP_REACH_NLRI and MP_UNREACH_NLRI, read as tcpdump's
 * decode_multicast_vpn() and bgp_vpn_sg_print() read them. Private to the BGP decoder.
 *
 * @module
 */

import { readUint32 } from "../_bytes.ts";

/**
 * Where the parts of a multicast VPN route lie; -1 for a part it does not have. An
 * address's `Bits` is its length as tcpdump reads it (32 and 128 are addresses, others
 * print as bogus).
 */
export interface BgpMvpnRoute {
  /** The route type. */
  type: number;
  /** The route's length, after its type and length bytes. */
  length: number;
  /** The route distinguisher. */
  rdAt: number;
  /** The source AS. */
  sourceAs: number;
  /** The multicast source. */
  sourceAt: number;
  /** The multicast source's length in bits. */
  sourceBits: number;
  /** The multicast group. */
  groupAt: number;
  /** The multicast group's length in bits. */
  groupBits: number;
  /** The originating router. */
  originatorAt: number;
  /** The originating router's length in bits. */
  originatorBits: number;
}

/** What {@linkcode readMvpnRoute} returns when tcpdump stops the message or the packet. */
export const MvpnEnd = { TRUNCATED: -2, CUT: -3 } as const;

/** Whether an address of `bits` bits is read (and so must be captured). */
function read(bits: number): number {
  return bits === 32 ? 4 : bits === 128 ? 16 : 0;
}

/**
 * Reads a multicast VPN route at `at`.
 *
 * @param d The bytes.
 * @param at Where the route (its type) starts.
 * @param end Where the captured bytes end.
 * @param into The object to fill.
 * @returns 0, or a {@linkcode MvpnEnd} value.
 */
export function readMvpnRoute(d: Uint8Array, at: number, end: number, into: BgpMvpnRoute): number {
  if (at + 2 > end) return MvpnEnd.CUT;
  into.type = d[at]!;
  into.length = d[at + 1]!;
  into.rdAt =
    into.sourceAs =
    into.sourceAt =
    into.groupAt =
    into.originatorAt =
      -1;
  const p = at + 2;
  const type = into.type;
  if (type < 1 || type > 7 || type === 4) return 0;
  const head = type === 2 || type === 6 || type === 7 ? 12 : 8;
  if (p + head > end) return MvpnEnd.TRUNCATED;
  into.rdAt = p;
  if (head === 12) into.sourceAs = readUint32(d, p + 8);
  if (type === 2) return 0;
  if (type === 1) {
    // (length - 8) * 8 in tcpdump's unsigned arithmetic.
    into.originatorBits = ((into.length - 8) * 8) >>> 0;
    into.originatorAt = p + 8;
    return p + 8 + read(into.originatorBits) > end ? MvpnEnd.CUT : 0;
  }
  const sg = p + head;
  const sgLength = readSourceGroup(d, sg, end, into);
  if (sgLength < 0) return sgLength;
  if (type === 3) {
    // The originator is read where the source and group start, as tcpdump reads it.
    const size = (into.length - sgLength) >>> 0;
    if (sg + size > end) return MvpnEnd.TRUNCATED;
    into.originatorAt = sg;
    into.originatorBits = (size * 8) >>> 0;
  }
  return 0;
}

/** The source and group: their total length, or -3 where a length byte is past the capture. */
function readSourceGroup(d: Uint8Array, at: number, end: number, into: BgpMvpnRoute): number {
  let p = at;
  let total = 0;
  for (const part of ["source", "group"] as const) {
    if (p >= end) return MvpnEnd.CUT;
    const bits = d[p++]!;
    // bgp_vpn_sg_print() ends quietly where an address passes the capture.
    if (p + (bits >> 3) > end) return total;
    total += (bits >> 3) + 1;
    if (bits === 0) continue;
    if (part === "source") {
      into.sourceAt = p;
      into.sourceBits = bits;
    } else {
      into.groupAt = p;
      into.groupBits = bits;
    }
    p += bits >> 3;
  }
  return total;
}
