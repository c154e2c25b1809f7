/**
 * BGP path attribute values that are more than a number: the segments of AS_PATH and
 * AS4_PATH, the layout of MP_REACH_NLRI and the address families whose next hops and
 * prefixes tcpdump reads (RFC 4271, RFC 4760, RFC 6793). Private to the BGP decoder.
 *
 * @module
 */

import { readUint16, readUint32 } from "../_bytes.ts";

/** Path attribute type codes. */
export const BgpAttributeType = {
  ORIGIN: 1,
  AS_PATH: 2,
  NEXT_HOP: 3,
  MULTI_EXIT_DISC: 4,
  LOCAL_PREF: 5,
  ATOMIC_AGGREGATE: 6,
  AGGREGATOR: 7,
  COMMUNITIES: 8,
  ORIGINATOR_ID: 9,
  CLUSTER_LIST: 10,
  MP_REACH_NLRI: 14,
  MP_UNREACH_NLRI: 15,
  EXTENDED_COMMUNITIES: 16,
  AS4_PATH: 17,
  AS4_AGGREGATOR: 18,
  PMSI_TUNNEL: 22,
  AIGP: 26,
  LARGE_COMMUNITY: 32,
  ATTR_SET: 128,
} as const;

/**
 * The size of each AS number in an AS_PATH, as tcpdump's bgp_attr_get_as_size() guesses
 * it: 4 for AS4_PATH; otherwise 2 when the segments, read with 2-byte numbers, have known
 * types and end exactly at the attribute's end, else 4.
 *
 * @param d The bytes.
 * @param type The attribute's type code.
 * @param at Where the value starts.
 * @param length The value's length.
 * @returns 2 or 4.
 */
export function asPathNumberSize(d: Uint8Array, type: number, at: number, length: number): 2 | 4 {
  if (type === BgpAttributeType.AS4_PATH) return 4;
  let p = at;
  const end = at + length;
  while (p < end) {
    const segment = d[p]!;
    if (segment < 1 || segment > 4) return 4;
    p += 2 + d[p + 1]! * 2;
  }
  return p === end ? 2 : 4;
}

/**
 * A walk over the segments of an AS_PATH or AS4_PATH value, as tcpdump prints them: a
 * segment's count of numbers may pass the attribute (tcpdump reads on, up to the
 * capture's end).
 *
 * @example Read a 2-byte AS_SEQUENCE
 * ```ts
 * import { AsPathCursor } from "./bgp.ts";
 * import assert from "node:assert/strict";
 *
 * const value = new Uint8Array([2, 2, 0xfd, 0xe9, 0xfd, 0xf2]);
 * const path = new AsPathCursor().reset(value, 2, 0, value.length, value.length);
 * assert.equal(path.nextSegment(), true);
 * assert.deepEqual([path.segmentType, path.count, path.number(0), path.number(1)], [2, 2, 65001, 65010]);
 * assert.equal(path.nextSegment(), false);
 * ```
 */
export class AsPathCursor {
  /** The bytes walked. */
  data: Uint8Array = new Uint8Array(0);
  /** Where the captured bytes end. */
  end = 0;
  /** The size of each AS number: 2 or 4. */
  size: 2 | 4 = 2;
  /** The current segment's type (1 AS_SET, 2 AS_SEQUENCE, 3 and 4 confederation). */
  segmentType = 0;
  /** The current segment's count of AS numbers. */
  count = 0;
  #numbersAt = 0;
  #p = 0;
  #stop = 0;

  /**
   * Starts a walk.
   *
   * @param data The bytes.
   * @param type The attribute's type code (AS4_PATH has 4-byte numbers).
   * @param at Where the value starts.
   * @param length The value's length.
   * @param end Where the captured bytes end.
   * @returns The cursor.
   */
  reset(data: Uint8Array, type: number, at: number, length: number, end: number): this {
    this.data = data;
    this.end = end;
    this.size = asPathNumberSize(data, type, at, length);
    this.#p = at;
    this.#stop = at + length;
    return this;
  }

  /**
   * Moves to the next segment.
   *
   * @returns Whether there is one.
   */
  nextSegment(): boolean {
    const p = this.#p;
    if (p >= this.#stop) return false;
    this.segmentType = this.data[p]!;
    this.count = this.data[p + 1]!;
    this.#numbersAt = p + 2;
    this.#p = p + 2 + this.count * this.size;
    return true;
  }

  /**
   * Reads the current segment's `i`th AS number.
   *
   * @param i Its index, below {@linkcode AsPathCursor.count}.
   * @returns The number, or -1 when the capture ends before it.
   */
  number(i: number): number {
    const at = this.#numbersAt + i * this.size;
    if (at + this.size > this.end) return -1;
    return this.size === 2 ? readUint16(this.data, at) : readUint32(this.data, at);
  }
}

/**
 * The layout of an MP_REACH_NLRI value (RFC 4760) up to its NLRI, as far as tcpdump's
 * checks let it read: a field is -1 when the value ends before it.
 */
export interface BgpMpReach {
  /** The address family. */
  afi: number;
  /** The subsequent address family. */
  safi: number;
  /** The next hops' length, or -1. */
  nextHopLength: number;
  /** Where the next hops start. */
  nextHopAt: number;
  /** The number of SNPAs, or -1 (also when the next hops pass the value). */
  snpaCount: number;
  /** How many SNPA lengths lie inside the value (up to `snpaCount`). */
  snpaRead: number;
  /** Where the SNPAs start. */
  snpaAt: number;
  /** Where the NLRI start, or -1 when an SNPA passes the value. */
  nlriAt: number;
}

/**
 * Reads the layout of an MP_REACH_NLRI value of at least 3 bytes.
 *
 * @param d The bytes.
 * @param at Where the value starts.
 * @param length The value's length (3 or more).
 * @param into The object to fill.
 * @returns `into`.
 */
export function readMpReach(
  d: Uint8Array,
  at: number,
  length: number,
  into: BgpMpReach,
): BgpMpReach {
  into.afi = readUint16(d, at);
  into.safi = d[at + 2]!;
  into.nextHopLength = into.snpaCount = into.nlriAt = -1;
  into.snpaRead = 0;
  const end = at + length;
  let p = at + 3;
  if (p >= end) return into;
  into.nextHopLength = d[p]!;
  into.nextHopAt = ++p;
  if (p + into.nextHopLength >= end) return into;
  p += into.nextHopLength;
  into.snpaCount = d[p]!;
  into.snpaAt = ++p;
  for (; into.snpaRead < into.snpaCount; into.snpaRead++) {
    if (p >= end) return into;
    p += 1 + d[p]!;
    if (p > end) {
      into.snpaRead++;
      return into;
    }
  }
  into.nlriAt = p;
  return into;
}

/**
 * The lengths of the SNPAs of an MP_REACH_NLRI value that lie inside it
 * ({@linkcode BgpMpReach.snpaRead} of them), in order.
 *
 * @param d The bytes.
 * @param layout The value's layout, from {@linkcode readMpReach}.
 * @returns The lengths.
 */
export function snpaLengths(d: Uint8Array, layout: BgpMpReach): number[] {
  const lengths: number[] = [];
  for (let i = 0, p = layout.snpaAt; i < layout.snpaRead; i++, p += 1 + d[p]!) lengths.push(d[p]!);
  return lengths;
}

/**
 * Where an NSAP holds an IPv4 address (RFC 4548: the ICP prefix `47 0006 01`, the address
 * at its fifth byte), or -1. Its first 4 bytes must be captured.
 *
 * @param d The bytes.
 * @param at Where the NSAP starts.
 * @returns The address's offset, or -1.
 */
export function nsapIpv4At(d: Uint8Array, at: number): number {
  return readUint32(d, at) === 0x47000601 ? at + 4 : -1;
}

/**
 * Where an NSAP holds an IPv6 address (RFC 4548: the prefix `35 0000`, the address at its
 * fourth byte), or -1. Its first 4 bytes must be captured.
 *
 * @param d The bytes.
 * @param at Where the NSAP starts.
 * @returns The address's offset, or -1.
 */
export function nsapIpv6At(d: Uint8Array, at: number): number {
  return readUint32(d, at) >>> 8 === 0x350000 ? at + 3 : -1;
}

/** A family's key in the tables below: AFI << 8 | SAFI. */
function family(afi: number, safi: number): number {
  return afi * 256 + safi;
}

/** The families tcpdump's bgp_mp_af_print() accepts; it dumps the others' bytes. */
const KNOWN_FAMILIES = new Set([
  ...[1, 2, 3, 4, 132, 128, 129, 130, 5, 66].map((safi) => family(1, safi)),
  ...[1, 2, 3, 4, 128, 129, 130].map((safi) => family(2, safi)),
  ...[1, 2, 3, 128, 129, 130].map((safi) => family(3, safi)),
  ...[128, 129, 130].map((safi) => family(196, safi)),
  family(25, 65),
]);

/**
 * Whether tcpdump has a decoder for an MP_REACH/MP_UNREACH family.
 *
 * @param afi The address family.
 * @param safi The subsequent address family.
 * @returns Whether it does.
 */
export function isKnownBgpFamily(afi: number, safi: number): boolean {
  return KNOWN_FAMILIES.has(family(afi, safi));
}

/** How the prefixes of a family are encoded. */
export const BgpPrefixKind = {
  /** Not walked here. */
  NONE: 0,
  /** A length in bits and the address bytes (RFC 4760). */
  PLAIN: 1,
  /** A length, a 3-byte label, the address (RFC 8277). */
  LABELED: 2,
  /** A length, a 3-byte label, an 8-byte route distinguisher, the address (RFC 4364). */
  VPN: 3,
  /** A length, an origin AS, route target bits (RFC 4684). */
  ROUTE_TARGET: 4,
  /** A length of 128, a route distinguisher, an IPv4 address, a group (RFC 6037). */
  MDT: 5,
  /** A length and an NSAP prefix, read 3 bytes on as tcpdump reads it. */
  CLNP: 6,
  /** A multicast VPN route: type, length, route distinguisher... (RFC 6514). */
  MVPN: 7,
  /** A layer 2 VPN route: 2-byte length, route distinguisher, TLVs (RFC 4761). */
  L2VPN: 8,
} as const;

/**
 * How the prefixes of a family are encoded, for the families walked here: IPv4, IPv6 and
 * NSAP unicast, multicast and labeled VPN; IPv4 and IPv6 labeled unicast; IPv4 route
 * target membership, MDT and multicast VPN; layer 2 VPN and VPLS.
 *
 * @param afi The address family.
 * @param safi The subsequent address family.
 * @returns A {@linkcode BgpPrefixKind} value.
 */
export function bgpPrefixKind(afi: number, safi: number): number {
  if (afi === 1 && safi === 132) return BgpPrefixKind.ROUTE_TARGET;
  if (afi === 1 && safi === 66) return BgpPrefixKind.MDT;
  if (afi === 1 && safi === 5) return BgpPrefixKind.MVPN;
  if ((afi === 196 && safi >= 128 && safi <= 130) || (afi === 25 && safi === 65)) {
    return BgpPrefixKind.L2VPN;
  }
  if (afi < 1 || afi > 3) return BgpPrefixKind.NONE;
  if (safi >= 1 && safi <= 3) return afi === 3 ? BgpPrefixKind.CLNP : BgpPrefixKind.PLAIN;
  if (safi === 4 && afi !== 3) return BgpPrefixKind.LABELED;
  if (safi >= 128 && safi <= 130) return BgpPrefixKind.VPN;
  return BgpPrefixKind.NONE;
}

/**
 * The size of each next hop tcpdump reads for a family: 4 (IPv4), 16 (IPv6), with a
 * route distinguisher 12 and 24 (VPN), or 0 for families whose next hops are not read
 * here.
 *
 * @param afi The address family.
 * @param safi The subsequent address family.
 * @returns The size, or 0.
 */
export function nextHopSize(afi: number, safi: number): number {
  if (afi === 1) {
    if ((safi >= 1 && safi <= 5) || safi === 66 || safi === 132) return 4;
    if (safi >= 128 && safi <= 130) return 12;
  }
  if (afi === 2) {
    if (safi >= 1 && safi <= 4) return 16;
    if (safi >= 128 && safi <= 130) return 24;
  }
  if ((afi === 196 && safi >= 128 && safi <= 130) || (afi === 25 && safi === 65)) return 4;
  return 0;
}
