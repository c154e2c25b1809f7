/**
 * The parts of a BGP UPDATE message (RFC 4271): withdrawn routes, path attributes and
 * NLRI, walked as tcpdump's bgp_update_print() and bgp_attr_print() walk them, with its
 * checks and early ends: cursors that keep their state in fields, so a walk allocates
 * nothing.
 *
 * @module
 */

import { readUint16, readUint32 } from "../_bytes.ts";
import {
  BgpPrefixError,
  BgpPrefixFields,
  looksLikeAddPath,
  readBgpPrefix,
} from "./_bgp_prefixes.ts";

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
} as const;

const START = 0;
const WITHDRAWN = 1;
const ATTRIBUTES_LENGTH = 2;
const ATTRIBUTES = 3;
const NLRI_START = 4;
const NLRI = 5;
const DONE = 6;

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
export class BgpUpdateCursor extends BgpPrefixFields {
  /** For an attribute: its flags. */
  flags = 0;
  /** For an attribute: its type code. */
  type = 0;
  /** For an attribute: its length field. */
  length = 0;
  /** For an attribute: where its value starts. */
  valueAt = 0;
  /** After a short item: how many bytes of attributes were left and skipped. */
  skipped = 0;
  #section = DONE;
  #p = 0;
  #left = 0;
  #withdrawn = 0;
  #attributes = 0;

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

  #truncated(): number {
    this.#section = DONE;
    return BgpUpdateItem.TRUNCATED;
  }

  /** Whether `n` bytes are left, in the capture and in the message. */
  #captured(n: number): boolean {
    return this.#p + n <= this.end && this.#left >= n;
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
      switch (this.#section) {
        case START: {
          if (!this.#captured(2)) return this.#truncated();
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
          if (!this.#captured(2)) return this.#truncated();
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
          if (!this.#captured(2)) return this.#truncated();
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
            if (!this.#captured(4)) return this.#truncated();
            this.pathId = readUint32(d, p);
            this.#skip(4);
          }
          return this.#prefix(this.#left);
        default:
          return BgpUpdateItem.DONE;
      }
    }
  }
}
