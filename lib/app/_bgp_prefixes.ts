/**
 * The prefixes of BGP MP_REACH_NLRI and MP_UNREACH_NLRI attributes (RFC 4760) for each
 * family tcpdump decodes, read as its decode_prefix4/6(), decode_labeled_prefix4/6(),
 * decode_labeled_vpn_prefix4/6(), decode_rt_routing_info(), decode_mdt_vpn_nlri(),
 * decode_clnp_prefix(), decode_multicast_vpn() and decode_labeled_vpn_l2() read them,
 * and the plain IPv4 prefixes of UPDATE messages. Private to the BGP decoder.
 *
 * @module
 */

import { readUint16, readUint32 } from "../_bytes.ts";
import { BgpPrefixKind, bgpPrefixKind } from "./_bgp_attributes.ts";
import { type BgpMvpnRoute, MvpnEnd, readMvpnRoute } from "./_bgp_mvpn.ts";

/** Why a prefix could not be read: see {@linkcode readBgpPrefix}. */
export const BgpPrefixError = { ILLEGAL: -1, SHORT: -2, CUT: -3 } as const;

/**
 * Reads the length byte of a prefix and checks its bytes, as tcpdump's decode_prefix4()
 * and decode_prefix6() do.
 *
 * @param d The bytes.
 * @param at Where the prefix (its length byte) starts.
 * @param room How many bytes the prefix may use.
 * @param end Where the captured bytes end.
 * @param maxBits 32 or 128.
 * @returns The prefix's size in bytes, or a {@linkcode BgpPrefixError}: `ILLEGAL` for a
 * length past `maxBits`, `SHORT` when `room` is too small, `CUT` when the capture ends first.
 */
export function readBgpPrefix(
  d: Uint8Array,
  at: number,
  room: number,
  end: number,
  maxBits: number,
): number {
  if (room < 1) return BgpPrefixError.SHORT;
  if (at >= end) return BgpPrefixError.CUT;
  const bits = d[at]!;
  if (bits > maxBits) return BgpPrefixError.ILLEGAL;
  const size = (bits + 7) >> 3;
  if (size > room - 1) return BgpPrefixError.SHORT;
  if (at + 1 + size > end) return BgpPrefixError.CUT;
  return 1 + size;
}

/**
 * Guesses whether prefixes carry Add-Path identifiers (RFC 7911), as tcpdump's
 * check_add_path(): they read well with a 4-byte identifier before each prefix and not
 * without (a zero or oversized length, or a length that passes the section).
 *
 * @param d The bytes.
 * @param at Where the prefixes start.
 * @param length Their length.
 * @param end Where the captured bytes end.
 * @param maxBits 32 or 128.
 * @returns Whether to read path identifiers.
 */
export function looksLikeAddPath(
  d: Uint8Array,
  at: number,
  length: number,
  end: number,
  maxBits: number,
): boolean {
  if (length < 5) return false;
  let offset = 0;
  while (offset < length) {
    offset += 4;
    if (at + offset >= end) break;
    const bits = d[at + offset]!;
    if (bits > maxBits) return false;
    offset += 1 + ((bits + 7) >> 3);
  }
  if (offset > length) return false;
  offset = 0;
  while (offset < length) {
    if (at + offset >= end) break;
    const bits = d[at + offset]!;
    if (bits < 1 || bits > maxBits) return true;
    offset += 1 + ((bits + 7) >> 3);
  }
  return offset > length;
}

/** What {@linkcode BgpPrefixCursor.next} found. */
export const BgpPrefixItem = {
  /** No more prefixes. */
  DONE: 0,
  /** A prefix: {@linkcode BgpPrefixCursor.at}, `bits`, `addressAt`, `pathId`, `mvpn`. */
  PREFIX: 1,
  /** A prefix length tcpdump calls illegal; the walk ends there. */
  ILLEGAL_PREFIX: 2,
  /** A length passes the attribute or the capture: tcpdump's `[|bgp]`. */
  TRUNCATED: 3,
  /** The capture ends where tcpdump reads without a check: it gives up the packet. */
  CUT: 4,
} as const;

/** What the BGP cursors tell of the prefix they found. */
export class BgpPrefixFields {
  /** The bytes walked. */
  data: Uint8Array = new Uint8Array(0);
  /** Where the captured bytes end. */
  end = 0;
  /** Whether the prefixes of the current section carry Add-Path identifiers. */
  addPath = false;
  /** Where the prefix (its length byte) starts. */
  at = 0;
  /**
   * Its length in bits (without a label's or route distinguisher's; for a route target,
   * without the origin AS's: -32 for the default route target).
   */
  bits = 0;
  /** Where its address bytes start. */
  addressAt = 0;
  /** Its Add-Path identifier, when {@linkcode BgpPrefixFields.addPath}. */
  pathId = 0;

  /** A labeled or VPN prefix's MPLS label: the high 20 bits of the 3 bytes after its length. */
  get label(): number {
    return (readUint32(this.data, this.at) & 0xffffff) >>> 4;
  }

  /** Whether a labeled or VPN prefix's label has its bottom-of-stack bit set. */
  get bottomOfStack(): boolean {
    return (this.data[this.at + 3]! & 1) !== 0;
  }

  /** Where a VPN prefix's route distinguisher starts, after its label. */
  get vpnRdAt(): number {
    return this.at + 4;
  }

  /** Where an MDT route's route distinguisher starts; its IPv4 address and group follow. */
  get mdtRdAt(): number {
    return this.at + 1;
  }

  /** A route target membership prefix's origin AS (after its length byte). */
  get originAs(): number {
    return readUint32(this.data, this.at + 1);
  }
}

/**
 * A walk over the prefixes of an MP_REACH_NLRI or MP_UNREACH_NLRI attribute: each
 * {@linkcode BgpPrefixCursor.next} finds the next one and describes it in the cursor's
 * fields.
 */
export class BgpPrefixCursor extends BgpPrefixFields {
  /** For a multicast VPN route: its parts. */
  readonly mvpn: BgpMvpnRoute = {
    type: 0,
    length: 0,
    rdAt: -1,
    sourceAs: -1,
    sourceAt: -1,
    sourceBits: 0,
    groupAt: -1,
    groupBits: 0,
    originatorAt: -1,
    originatorBits: 0,
  };
  #p = 0;
  #stop = 0;
  #left = 0;
  #maxBits = 32;
  #kind = 0;
  #done = true;

  /**
   * Starts a walk over the prefixes of an MP_REACH_NLRI or MP_UNREACH_NLRI attribute, as
   * tcpdump's bgp_nlri_print() reads them: each may use as many bytes as the whole
   * attribute has, so the last can read past it.
   *
   * @param data The bytes.
   * @param at Where the prefixes start.
   * @param stop Where the attribute ends.
   * @param room The attribute's length.
   * @param end Where the captured bytes end.
   * @param afi The address family.
   * @param safi The subsequent address family (see {@linkcode bgpPrefixKind}).
   * @returns The cursor.
   */
  reset(
    data: Uint8Array,
    at: number,
    stop: number,
    room: number,
    end: number,
    afi: number,
    safi: number,
  ): this {
    this.data = data;
    this.end = end;
    this.#p = at;
    this.#stop = stop;
    this.#left = room;
    this.#maxBits = afi === 1 ? 32 : afi === 2 ? 128 : 152;
    this.#kind = bgpPrefixKind(afi, safi);
    this.addPath = this.#kind === BgpPrefixKind.PLAIN &&
      looksLikeAddPath(data, at, stop - at, end, this.#maxBits);
    this.#done = false;
    return this;
  }

  /**
   * Finds the next prefix.
   *
   * @returns A {@linkcode BgpPrefixItem} value.
   */
  next(): number {
    const p = this.#p;
    if (this.#done || p >= this.#stop) return BgpPrefixItem.DONE;
    if (this.#kind === BgpPrefixKind.PLAIN) return this.#plain(p);
    if (this.#kind === BgpPrefixKind.ROUTE_TARGET) return this.#routeTarget(p);
    if (this.#kind === BgpPrefixKind.MDT) return this.#mdt(p);
    if (this.#kind === BgpPrefixKind.CLNP) return this.#clnp(p);
    if (this.#kind === BgpPrefixKind.MVPN) return this.#mvpn(p);
    if (this.#kind === BgpPrefixKind.L2VPN) return this.#l2vpn(p);
    return this.#labeled(p);
  }

  #plain(p: number): number {
    let q = p;
    const d = this.data;
    if (this.addPath) {
      if (q + 4 > this.end) return this.#end(BgpPrefixItem.CUT);
      this.pathId = readUint32(d, q);
      q += 4;
    }
    const size = readBgpPrefix(d, q, this.#left, this.end, this.#maxBits);
    if (size === BgpPrefixError.CUT) return this.#end(BgpPrefixItem.CUT);
    if (size === BgpPrefixError.SHORT) return this.#end(BgpPrefixItem.TRUNCATED);
    // Add-Path was guessed from these lengths: none is illegal with it.
    if (size === BgpPrefixError.ILLEGAL) return this.#end(BgpPrefixItem.ILLEGAL_PREFIX);
    this.at = q;
    this.bits = d[q]!;
    this.addressAt = q + 1;
    this.#p = q + size;
    return BgpPrefixItem.PREFIX;
  }

  /** A labeled prefix (RFC 8277) or labeled VPN prefix (RFC 4364). */
  #labeled(p: number): number {
    const d = this.data;
    const vpn = this.#kind === BgpPrefixKind.VPN;
    // decode_labeled_prefix4/6() check the length byte and the label, the VPN ones nothing.
    const head = vpn ? 12 : 4;
    if (!vpn && p + 4 > this.end) return this.#end(BgpPrefixItem.TRUNCATED);
    if (!vpn && this.#left < 4) return this.#end(BgpPrefixItem.DONE);
    if (p >= this.end) return this.#end(BgpPrefixItem.CUT);
    const bits = d[p]! - (vpn ? 88 : 24);
    if (bits < 0 || bits > this.#maxBits) return this.#end(BgpPrefixItem.ILLEGAL_PREFIX);
    const size = (bits + 7) >> 3;
    // Only the IPv4 labeled prefix checks its address against the room.
    if (!vpn && this.#maxBits === 32 && size > this.#left - 4) return this.#end(BgpPrefixItem.DONE);
    if (p + head + size > this.end) return this.#end(BgpPrefixItem.CUT);
    this.at = p;
    this.bits = bits;
    this.addressAt = p + head;
    this.#p = p + head + size;
    return BgpPrefixItem.PREFIX;
  }

  /** A route target membership prefix (RFC 4684): origin AS and route target bits. */
  #routeTarget(p: number): number {
    const d = this.data;
    if (p >= this.end) return this.#end(BgpPrefixItem.CUT);
    this.at = p;
    this.bits = d[p]! - 32;
    if (d[p] === 0) {
      this.#p = p + 1;
      return BgpPrefixItem.PREFIX;
    }
    if (this.bits < 0) return this.#end(BgpPrefixItem.ILLEGAL_PREFIX);
    if (p + 5 > this.end) return this.#end(BgpPrefixItem.CUT);
    if (this.bits > 64) return this.#end(BgpPrefixItem.ILLEGAL_PREFIX);
    const size = (this.bits + 7) >> 3;
    if (p + 5 + size > this.end) return this.#end(BgpPrefixItem.CUT);
    this.addressAt = p + 5;
    this.#p = p + 5 + size;
    return BgpPrefixItem.PREFIX;
  }

  /** A multicast VPN route, described in {@linkcode BgpPrefixCursor.mvpn}. */
  #mvpn(p: number): number {
    const end = readMvpnRoute(this.data, p, this.end, this.mvpn);
    if (end === MvpnEnd.CUT) return this.#end(BgpPrefixItem.CUT);
    if (end === MvpnEnd.TRUNCATED) return this.#end(BgpPrefixItem.TRUNCATED);
    this.at = p;
    this.#p = p + 2 + this.mvpn.length;
    return BgpPrefixItem.PREFIX;
  }

  /**
   * A layer 2 VPN route: 12 bytes (route distinguisher and next hop) or more than 17
   * (route distinguisher, CE ID, label block, TLVs, walked by the printer's
   * L2vpnTlvCursor);
   * tcpdump stops at other lengths.
   */
  #l2vpn(p: number): number {
    const d = this.data;
    if (p + 2 > this.end) return this.#end(BgpPrefixItem.CUT);
    const length = readUint16(d, p);
    if (length === 12 ? p + 14 > this.end : length <= 17 || p + 17 > this.end) {
      return this.#end(BgpPrefixItem.TRUNCATED);
    }
    this.at = p;
    this.#p = p + 2 + length;
    return BgpPrefixItem.PREFIX;
  }

  /** An MDT route: only its fixed length is read. */
  #mdt(p: number): number {
    if (p >= this.end) return this.#end(BgpPrefixItem.CUT);
    if (this.data[p] !== 128) return this.#end(BgpPrefixItem.ILLEGAL_PREFIX);
    if (p + 9 > this.end) return this.#end(BgpPrefixItem.TRUNCATED);
    if (p + 17 > this.end) return this.#end(BgpPrefixItem.CUT);
    this.at = p;
    this.#p = p + 17;
    return BgpPrefixItem.PREFIX;
  }

  /** An NSAP prefix: tcpdump's decode_clnp_prefix() copies its bytes from 4 bytes on. */
  #clnp(p: number): number {
    if (p >= this.end) return this.#end(BgpPrefixItem.CUT);
    const bits = this.data[p]!;
    if (bits > 152) return this.#end(BgpPrefixItem.ILLEGAL_PREFIX);
    const size = (bits + 7) >> 3;
    if (p + 4 + size > this.end) return this.#end(BgpPrefixItem.CUT);
    this.at = p;
    this.bits = bits;
    this.addressAt = p + 4;
    this.#p = p + 1 + size;
    return BgpPrefixItem.PREFIX;
  }

  #end(item: number): number {
    this.#done = true;
    return item;
  }
}
