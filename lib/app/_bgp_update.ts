/**
 * The parts of a BGP UPDATE message (RFC 4271): withdrawn routes, path attributes and
 * NLRI, walked as tcpdump's bgp_update_print() and bgp_attr_print() walk them, with its
 * checks and early ends: cursors that keep their state in fields, so a walk allocates
 * nothing.
 *
 * @module
 */

import { readUint16, readUint32 } from "../_bytes.ts";
import { BgpPrefixKind, bgpPrefixKind } from "./_bgp_attributes.ts";
import { type BgpMvpnRoute, MvpnEnd, readMvpnRoute } from "./_bgp_mvpn.ts";
import type { L2vpnTlvCursor } from "./_bgp_l2vpn.ts";

/** What {@linkcode BgpUpdateCursor.next} found. */
export const BgpUpdateItem = {
  /** The walk is over. */
  DONE: 0,
  /** The withdrawn routes start (more than one byte of them). */
  WITHDRAWN: 1,
  /** A prefix: {@linkcode BgpUpdateCursor.at}, `bits`, `pathId`. */
  PREFIX: 2,
  /** A prefix length past 32 bits; the section ends there. */
  ILLEGAL_PREFIX: 3,
  /** No withdrawn routes, attributes nor NLRI. */
  END_OF_RIB: 4,
  /** A path attribute: `flags`, `type`, `length`, `valueAt`. */
  ATTRIBUTE: 5,
  /** The attributes' length ends inside an attribute's header. */
  ATTRIBUTES_SHORT: 6,
  /** The attributes' length ends inside the value of the attribute described. */
  VALUE_SHORT: 7,
  /** The NLRI ("Updated routes") start. */
  UPDATED: 8,
  /** A length passes the message or the capture: tcpdump's `[|bgp]`. */
  TRUNCATED: 9,
  /** The capture ends where tcpdump reads without a check: it gives up the packet. */
  CUT: 10,
} as const;

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

const START = 0;
const WITHDRAWN = 1;
const ATTRIBUTES_LENGTH = 2;
const ATTRIBUTES = 3;
const NLRI_START = 4;
const NLRI = 5;
const MP_PREFIXES = 6;
const DONE = 7;

/**
 * A walk over one UPDATE message (or, with {@linkcode BgpUpdateCursor.resetAttributes},
 * over the attributes inside an ATTR_SET): each {@linkcode BgpUpdateCursor.next} finds the
 * next item and describes it in the cursor's fields.
 *
 * @example Walk an UPDATE with an ORIGIN attribute and one prefix
 * ```ts
 * import { BgpUpdateCursor, BgpUpdateItem } from "./bgp.ts";
 * import assert from "node:assert/strict";
 *
 * const message = new Uint8Array(19 + 2 + 2 + 4 + 4).fill(0xff);
 * message.set([0, 31, 2, 0, 0, 0, 4, 0x40, 1, 1, 0, 24, 10, 1, 2], 16);
 * const cursor = new BgpUpdateCursor().reset(message, 0, 31, message.length);
 * assert.equal(cursor.next(), BgpUpdateItem.ATTRIBUTE);
 * assert.deepEqual([cursor.type, cursor.flags, cursor.length], [1, 0x40, 1]);
 * assert.equal(cursor.next(), BgpUpdateItem.UPDATED);
 * assert.equal(cursor.next(), BgpUpdateItem.PREFIX);
 * assert.deepEqual([cursor.at, cursor.bits], [27, 24]);
 * assert.equal(cursor.next(), BgpUpdateItem.DONE);
 * ```
 */
export class BgpUpdateCursor {
  /** The bytes walked. */
  data: Uint8Array = new Uint8Array(0);
  /** Where the captured bytes end. */
  end = 0;
  /** Whether the prefixes of the current section carry Add-Path identifiers. */
  addPath = false;
  /** For a prefix: where its length byte is. */
  at = 0;
  /**
   * For a prefix: its length in bits (without a label's or route distinguisher's; for a
   * route target, without the origin AS's: -32 for the default route target).
   */
  bits = 0;
  /** For a prefix: where its address bytes start. */
  addressAt = 0;
  /** For a prefix: its Add-Path identifier, when {@linkcode BgpUpdateCursor.addPath}. */
  pathId = 0;
  /** For an attribute: its flags. */
  flags = 0;
  /** For an attribute: its type code. */
  type = 0;
  /** For an attribute: its length field. */
  length = 0;
  /** For an attribute: where its value starts. */
  valueAt = 0;
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
  /** After a short item: how many bytes of attributes were left and skipped. */
  skipped = 0;
  #section = DONE;
  #p = 0;
  #left = 0;
  #withdrawn = 0;
  #attributes = 0;
  #stop = 0;
  #maxBits = 32;
  #kind = 0;

  /**
   * Starts a walk over a whole UPDATE message.
   *
   * @param data The bytes.
   * @param at Where the message (its marker) starts.
   * @param length The message's length field.
   * @param end Where the captured bytes end.
   * @returns The cursor.
   */
  reset(data: Uint8Array, at: number, length: number, end: number): this {
    this.data = data;
    this.end = end;
    this.#p = at + 19;
    this.#left = length - 19;
    this.#section = START;
    return this;
  }

  /**
   * Starts a walk over `length` bytes of attributes only (an ATTR_SET's).
   *
   * @param data The bytes.
   * @param at Where the attributes start.
   * @param length Their length.
   * @param end Where the captured bytes end.
   * @returns The cursor.
   */
  resetAttributes(data: Uint8Array, at: number, length: number, end: number): this {
    this.data = data;
    this.end = end;
    this.#p = at;
    // Only the set's length is checked, never the message's.
    this.#left = Number.MAX_SAFE_INTEGER;
    this.#attributes = length;
    this.#section = ATTRIBUTES;
    this.#withdrawn = -1;
    return this;
  }

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
  resetPrefixes(
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
    this.#section = MP_PREFIXES;
    return this;
  }

  #truncated(): number {
    this.#section = DONE;
    return BgpUpdateItem.TRUNCATED;
  }

  #cut(): number {
    this.#section = DONE;
    return BgpUpdateItem.CUT;
  }

  #plain(p: number): number {
    let q = p;
    const d = this.data;
    if (this.addPath) {
      if (q + 4 > this.end) return this.#cut();
      this.pathId = readUint32(d, q);
      q += 4;
    }
    const size = readBgpPrefix(d, q, this.#left, this.end, this.#maxBits);
    if (size === BgpPrefixError.CUT) return this.#cut();
    if (size === BgpPrefixError.SHORT) return this.#truncated();
    // Add-Path was guessed from these lengths: none is illegal with it.
    if (size === BgpPrefixError.ILLEGAL) return this.#done(BgpUpdateItem.ILLEGAL_PREFIX);
    this.at = q;
    this.bits = d[q]!;
    this.addressAt = q + 1;
    this.#p = q + size;
    return BgpUpdateItem.PREFIX;
  }

  /** A labeled prefix (RFC 8277) or labeled VPN prefix (RFC 4364). */
  #labeled(p: number): number {
    const d = this.data;
    const vpn = this.#kind === BgpPrefixKind.VPN;
    // decode_labeled_prefix4/6() check the length byte and the label, the VPN ones nothing.
    const head = vpn ? 12 : 4;
    if (!vpn && p + 4 > this.end) return this.#truncated();
    if (!vpn && this.#left < 4) return this.#done();
    if (p >= this.end) return this.#cut();
    const bits = d[p]! - (vpn ? 88 : 24);
    if (bits < 0 || bits > this.#maxBits) {
      this.#section = DONE;
      return BgpUpdateItem.ILLEGAL_PREFIX;
    }
    const size = (bits + 7) >> 3;
    // Only the IPv4 labeled prefix checks its address against the room.
    if (!vpn && this.#maxBits === 32 && size > this.#left - 4) return this.#done();
    if (p + head + size > this.end) return this.#cut();
    this.at = p;
    this.bits = bits;
    this.addressAt = p + head;
    this.#p = p + head + size;
    return BgpUpdateItem.PREFIX;
  }

  /** A route target membership prefix (RFC 4684): origin AS and route target bits. */
  #routeTarget(p: number): number {
    const d = this.data;
    if (p >= this.end) return this.#cut();
    this.at = p;
    this.bits = d[p]! - 32;
    if (d[p] === 0) {
      this.#p = p + 1;
      return BgpUpdateItem.PREFIX;
    }
    if (this.bits < 0) return this.#done(BgpUpdateItem.ILLEGAL_PREFIX);
    if (p + 5 > this.end) return this.#cut();
    if (this.bits > 64) return this.#done(BgpUpdateItem.ILLEGAL_PREFIX);
    const size = (this.bits + 7) >> 3;
    if (p + 5 + size > this.end) return this.#cut();
    this.addressAt = p + 5;
    this.#p = p + 5 + size;
    return BgpUpdateItem.PREFIX;
  }

  /** A multicast VPN route, described in {@linkcode BgpUpdateCursor.mvpn}. */
  #mvpn(p: number): number {
    const end = readMvpnRoute(this.data, p, this.end, this.mvpn);
    if (end === MvpnEnd.CUT) return this.#cut();
    if (end === MvpnEnd.TRUNCATED) return this.#truncated();
    this.at = p;
    this.#p = p + 2 + this.mvpn.length;
    return BgpUpdateItem.PREFIX;
  }

  /**
   * A layer 2 VPN route: 12 bytes (route distinguisher and next hop) or more than 17
   * (route distinguisher, CE ID, label block, TLVs: see {@linkcode L2vpnTlvCursor});
   * tcpdump stops at other lengths.
   */
  #l2vpn(p: number): number {
    const d = this.data;
    if (p + 2 > this.end) return this.#cut();
    const length = readUint16(d, p);
    if (length === 12 ? p + 14 > this.end : length <= 17 || p + 17 > this.end) {
      return this.#truncated();
    }
    this.at = p;
    this.#p = p + 2 + length;
    return BgpUpdateItem.PREFIX;
  }

  /** An MDT route: only its fixed length is read. */
  #mdt(p: number): number {
    if (p >= this.end) return this.#cut();
    if (this.data[p] !== 128) return this.#done(BgpUpdateItem.ILLEGAL_PREFIX);
    if (p + 9 > this.end) return this.#truncated();
    if (p + 17 > this.end) return this.#cut();
    this.at = p;
    this.#p = p + 17;
    return BgpUpdateItem.PREFIX;
  }

  /** An NSAP prefix: tcpdump's decode_clnp_prefix() copies its bytes from 4 bytes on. */
  #clnp(p: number): number {
    if (p >= this.end) return this.#cut();
    const bits = this.data[p]!;
    if (bits > 152) return this.#done(BgpUpdateItem.ILLEGAL_PREFIX);
    const size = (bits + 7) >> 3;
    if (p + 4 + size > this.end) return this.#cut();
    this.at = p;
    this.bits = bits;
    this.addressAt = p + 4;
    this.#p = p + 1 + size;
    return BgpUpdateItem.PREFIX;
  }

  #done(item: number = BgpUpdateItem.DONE): number {
    this.#section = DONE;
    return item;
  }

  #skip(n: number): void {
    this.#p += n;
    this.#left -= n;
  }

  #short(item: number): number {
    this.skipped = this.#attributes;
    this.#skip(this.#attributes);
    this.#attributes = 0;
    this.#section = this.#withdrawn < 0 ? DONE : NLRI_START;
    return item;
  }

  #prefix(room: number): number {
    const size = readBgpPrefix(this.data, this.#p, room, this.end, 32);
    if (size === BgpPrefixError.ILLEGAL) {
      this.#section = this.#section === WITHDRAWN ? ATTRIBUTES_LENGTH : DONE;
      return BgpUpdateItem.ILLEGAL_PREFIX;
    }
    if (size < 0) return this.#truncated();
    this.at = this.#p;
    this.bits = this.data[this.#p]!;
    this.addressAt = this.#p + 1;
    this.#skip(size);
    return BgpUpdateItem.PREFIX;
  }

  /**
   * Finds the next item.
   *
   * @returns A {@linkcode BgpUpdateItem} value.
   */
  next(): number {
    const d = this.data;
    for (;;) {
      const p = this.#p;
      const captured = (n: number) => p + n <= this.end && this.#left >= n;
      switch (this.#section) {
        case START: {
          if (!captured(2)) return this.#truncated();
          const withdrawn = readUint16(d, p);
          this.#skip(2);
          this.#withdrawn = withdrawn;
          if (this.#p + withdrawn > this.end || this.#left < withdrawn) return this.#truncated();
          if (withdrawn > 1) {
            this.addPath = looksLikeAddPath(d, this.#p, withdrawn, this.end, 32);
            this.#section = WITHDRAWN;
            return BgpUpdateItem.WITHDRAWN;
          }
          this.#skip(withdrawn);
          this.#section = ATTRIBUTES_LENGTH;
          continue;
        }
        case WITHDRAWN: {
          if (this.#withdrawn === 0) {
            this.#section = ATTRIBUTES_LENGTH;
            continue;
          }
          if (this.addPath) {
            // tcpdump skips fewer than 4 bytes left, and they still count as withdrawn
            // routes for the End-of-RIB test.
            if (this.#withdrawn < 4) {
              this.#skip(this.#withdrawn);
              this.#section = ATTRIBUTES_LENGTH;
              continue;
            }
            this.pathId = readUint32(d, p);
            this.#skip(4);
            this.#withdrawn -= 4;
          }
          const before = this.#left;
          const item = this.#prefix(this.#withdrawn);
          this.#withdrawn -= before - this.#left;
          return item;
        }
        case ATTRIBUTES_LENGTH: {
          if (!captured(2)) return this.#truncated();
          this.#attributes = readUint16(d, p);
          this.#skip(2);
          if (this.#withdrawn === 0 && this.#attributes === 0 && this.#left === 0) {
            this.#section = DONE;
            return BgpUpdateItem.END_OF_RIB;
          }
          if (this.#left < this.#attributes) return this.#truncated();
          this.#section = ATTRIBUTES;
          continue;
        }
        case ATTRIBUTES: {
          if (this.#attributes === 0) {
            this.#section = this.#withdrawn < 0 ? DONE : NLRI_START;
            continue;
          }
          if (!captured(2)) return this.#truncated();
          if (this.#attributes < 2) return this.#short(BgpUpdateItem.ATTRIBUTES_SHORT);
          this.flags = d[p]!;
          this.type = d[p + 1]!;
          this.#skip(2);
          this.#attributes -= 2;
          const lengthSize = (this.flags & 0x10) !== 0 ? 2 : 1;
          if (this.#p + lengthSize > this.end || this.#left < lengthSize) return this.#truncated();
          if (this.#attributes < lengthSize) return this.#short(BgpUpdateItem.ATTRIBUTES_SHORT);
          this.length = lengthSize === 2 ? readUint16(d, this.#p) : d[this.#p]!;
          this.#skip(lengthSize);
          this.#attributes -= lengthSize;
          if (this.#attributes < this.length) return this.#short(BgpUpdateItem.VALUE_SHORT);
          this.valueAt = this.#p;
          this.#skip(this.length);
          this.#attributes -= this.length;
          return BgpUpdateItem.ATTRIBUTE;
        }
        case NLRI_START:
          if (this.#left === 0) {
            this.#section = DONE;
            continue;
          }
          this.addPath = looksLikeAddPath(d, p, this.#left, this.end, 32);
          this.#section = NLRI;
          return BgpUpdateItem.UPDATED;
        case NLRI:
          if (this.#left === 0) {
            this.#section = DONE;
            continue;
          }
          if (this.addPath) {
            if (!captured(4)) return this.#truncated();
            this.pathId = readUint32(d, p);
            this.#skip(4);
          }
          return this.#prefix(this.#left);
        case MP_PREFIXES:
          if (p >= this.#stop) return BgpUpdateItem.DONE;
          if (this.#kind === BgpPrefixKind.PLAIN) return this.#plain(p);
          if (this.#kind === BgpPrefixKind.ROUTE_TARGET) return this.#routeTarget(p);
          if (this.#kind === BgpPrefixKind.MDT) return this.#mdt(p);
          if (this.#kind === BgpPrefixKind.CLNP) return this.#clnp(p);
          if (this.#kind === BgpPrefixKind.MVPN) return this.#mvpn(p);
          if (this.#kind === BgpPrefixKind.L2VPN) return this.#l2vpn(p);
          return this.#labeled(p);
        default:
          return BgpUpdateItem.DONE;
      }
    }
  }
}
