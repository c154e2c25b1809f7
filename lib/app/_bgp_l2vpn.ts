/**
 * Layer 2 VPN routes (RFC 4761, RFC 6074) in MP_REACH_NLRI and MP_UNREACH_NLRI, walked as
 * tcpdump's decode_labeled_vpn_l2() walks them: the route's TLVs, whose count of bytes
 * left does not include their headers and whose unknown types do not move the walk on.
 * Private to the BGP decoder.
 *
 * @module
 */

import { readUint16, readUint32 } from "../_bytes.ts";
import { BgpFieldView } from "./_bgp_values.ts";

/**
 * The fixed fields of a layer 2 VPN route: its length, then a route distinguisher and
 * either (length 12, RFC 6074's auto-discovery) a PE's IPv4 address, or (RFC 4761) the
 * CE ID, label block offset, label block size and label base, which TLVs follow.
 *
 * @example A VPLS route: CE 1, label base 800000
 * ```ts
 * import { BgpL2vpnRoute } from "./_bgp_l2vpn.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([0, 17, 0, 0, 0xfd, 0xe9, 0, 0, 0, 7, 0, 1, 0, 0, 0, 8]);
 * const route = new BgpL2vpnRoute().reset(Uint8Array.of(...bytes, 0xc3, 0x50, 0x01), 0);
 * assert.deepEqual(
 *   [route.length, route.ceId, route.labelBlockOffset, route.labelBlockSize, route.labelBase],
 *   [17, 1, 0, 8, 800000],
 * );
 * ```
 */
export class BgpL2vpnRoute extends BgpFieldView {
  /** The route's length, in bytes after this field. */
  get length(): number {
    return readUint16(this.data, this.at);
  }

  /** Where its route distinguisher starts. */
  get rdAt(): number {
    return this.at + 2;
  }

  /** For a route of length 12: where the PE's IPv4 address starts. */
  get nextHopAt(): number {
    return this.at + 10;
  }

  /** The CE (or VE) ID. */
  get ceId(): number {
    return readUint16(this.data, this.at + 10);
  }

  /** The label block offset. */
  get labelBlockOffset(): number {
    return readUint16(this.data, this.at + 12);
  }

  /** The label block size. */
  get labelBlockSize(): number {
    return readUint16(this.data, this.at + 14);
  }

  /** The label base: the high 20 bits of its 3 bytes. */
  get labelBase(): number {
    return (readUint32(this.data, this.at + 15) & 0xffffff) >>> 4;
  }

  /** Where the TLVs start, after the 15 fixed bytes. */
  get tlvsAt(): number {
    return this.at + 17;
  }
}

/** What {@linkcode L2vpnTlvCursor.next} and {@linkcode L2vpnTlvCursor.value} found. */
export const L2vpnTlvItem = {
  /** No more TLVs (from `next()`), or the value was read (from `value()`). */
  DONE: 0,
  /** A TLV header: `type` and `bits`; `value()` reads on. */
  TLV: 1,
  /** Fewer than 3 bytes left for a TLV: the route ends ("ran past the end"). */
  RAN_PAST: 2,
  /** The value passes the route: the route ends after it. */
  VALUE_RAN_PAST: 3,
  /** A circuit status byte past the capture: tcpdump drops the route and the message. */
  TRUNCATED: 4,
  /** A TLV header past the capture: tcpdump gives up the packet. */
  CUT: 5,
} as const;

/**
 * A walk over the TLVs of a layer 2 VPN route, after its 15 fixed bytes. tcpdump writes
 * the route into a buffer of 164 bytes and moves over a circuit status byte only while
 * the buffer has room, so {@linkcode L2vpnTlvCursor.value} takes the room left.
 */
export class L2vpnTlvCursor {
  /** The TLV's type. */
  type = 0;
  /** The TLV's length field, in bits. */
  bits = 0;
  /** Where its value starts. */
  valueAt = 0;
  /** For a circuit status vector (type 1): how many of its bytes tcpdump writes. */
  shown = 0;
  #d: Uint8Array = new Uint8Array(0);
  #p = 0;
  #left = 0;
  #end = 0;

  /**
   * Starts a walk.
   *
   * @param d The bytes.
   * @param at Where the TLVs start.
   * @param left The route's length less its 15 fixed bytes.
   * @param end Where the captured bytes end.
   * @returns The cursor.
   */
  reset(d: Uint8Array, at: number, left: number, end: number): this {
    this.#d = d;
    this.#p = at;
    this.#left = left;
    this.#end = end;
    return this;
  }

  /**
   * Reads the next TLV's header.
   *
   * @returns An {@linkcode L2vpnTlvItem} value: `TLV`, `RAN_PAST`, `CUT` or `DONE`.
   */
  next(): number {
    if (this.#left === 0) return L2vpnTlvItem.DONE;
    if (this.#left < 3) return this.#stop(L2vpnTlvItem.RAN_PAST);
    const p = this.#p;
    if (p + 3 > this.#end) return this.#stop(L2vpnTlvItem.CUT);
    this.type = this.#d[p]!;
    this.bits = readUint16(this.#d, p + 1);
    this.valueAt = this.#p = p + 3;
    return L2vpnTlvItem.TLV;
  }

  /**
   * Reads the value of the TLV `next()` found.
   *
   * @param room How many bytes tcpdump's buffer has left.
   * @returns An {@linkcode L2vpnTlvItem} value: `DONE`, `VALUE_RAN_PAST` or `TRUNCATED`.
   */
  value(room: number): number {
    const bytes = (this.bits + 7) >> 3;
    if (this.type !== 1) {
      this.shown = 0;
      // tcpdump counts an unknown TLV's bytes off without moving past them.
      if (this.#left < bytes) return this.#stop(L2vpnTlvItem.VALUE_RAN_PAST);
      this.#left -= bytes;
      return L2vpnTlvItem.DONE;
    }
    const count = Math.min(bytes, this.#left);
    // Each byte takes two characters; with no room left the walk stops moving over them.
    this.shown = Math.min(count, Math.ceil(Math.max(room, 0) / 2));
    if (this.#p + Math.min(this.shown + 1, count) > this.#end) {
      return this.#stop(L2vpnTlvItem.TRUNCATED);
    }
    this.#p += this.shown;
    this.#left -= count;
    return bytes > count ? this.#stop(L2vpnTlvItem.VALUE_RAN_PAST) : L2vpnTlvItem.DONE;
  }

  #stop(item: number): number {
    this.#left = 0;
    return item;
  }
}
