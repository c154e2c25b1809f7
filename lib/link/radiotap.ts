/**
 * The radiotap header (`LINKTYPE_IEEE802_11_RADIOTAP`, 127): a version, a length and
 * presence bitmaps, then the radio fields they announce (each aligned to its size), then
 * the 802.11 frame.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { LinkType } from "../link_type.ts";
import { ieee80211Decoder, ieee80211PaddedDecoder } from "./ieee802_11.ts";
import { crc32 } from "./_crc32.ts";

/** Radiotap field bit numbers (the presence bit of each field in the radiotap namespace). */
export const RadiotapBit = {
  /** The MAC's 64-bit TSF timer, in microseconds. */
  TSFT: 0,
  /** Flags (short preamble, WEP, FCS at the end, padding after the 802.11 header...). */
  FLAGS: 1,
  /** The data rate, in 500 kb/s units. */
  RATE: 2,
  /** The channel frequency (MHz) and flags. */
  CHANNEL: 3,
  /** The frequency-hopping hop set and pattern. */
  FHSS: 4,
  /** The antenna signal, in dBm. */
  DBM_ANTSIGNAL: 5,
  /** The antenna noise, in dBm. */
  DBM_ANTNOISE: 6,
  /** The Barker code lock quality. */
  LOCK_QUALITY: 7,
  /** The transmit attenuation (unitless). */
  TX_ATTENUATION: 8,
  /** The transmit attenuation, in dB. */
  DB_TX_ATTENUATION: 9,
  /** The transmit power, in dBm. */
  DBM_TX_POWER: 10,
  /** The antenna index. */
  ANTENNA: 11,
  /** The antenna signal, in dB. */
  DB_ANTSIGNAL: 12,
  /** The antenna noise, in dB. */
  DB_ANTNOISE: 13,
  /** Receive flags. */
  RX_FLAGS: 14,
  /** The extended channel: flags, frequency, channel number, maximum power. */
  XCHANNEL: 18,
  /** 802.11n MCS: known bits, flags, MCS index. */
  MCS: 19,
  /** A-MPDU status: reference number, flags, delimiter CRC, reserved. */
  AMPDU_STATUS: 20,
  /** 802.11ac VHT: known, flags, bandwidth, MCS/NSS per user, coding, group, partial AID. */
  VHT: 21,
} as const;

/** Radiotap flags (the FLAGS field) that change how the 802.11 frame is read. */
export const RadiotapFlag = {
  /** Sent or received during the contention-free period. */
  CFP: 0x01,
  /** Short preamble. */
  SHORT_PREAMBLE: 0x02,
  /** WEP encrypted. */
  WEP: 0x04,
  /** Fragmented. */
  FRAGMENTED: 0x08,
  /** The frame ends with its 4-byte FCS. */
  FCS: 0x10,
  /** Padding to a 32-bit boundary follows the 802.11 header. */
  DATA_PAD: 0x20,
  /** The FCS check failed. */
  BAD_FCS: 0x40,
} as const;

/**
 * The layout of each field as tcpdump 4.99.3 reads it: the size of each value in bytes,
 * negative for a signed value (the DB_TX_ATTENUATION field is read as one signed byte,
 * as tcpdump does). Each value is aligned to its size from the start of the header.
 */
const LAYOUT: ReadonlyMap<number, readonly number[]> = new Map([
  [0, [8]],
  [1, [1]],
  [2, [1]],
  [3, [2, 2]],
  [4, [1, 1]],
  [5, [-1]],
  [6, [-1]],
  [7, [2]],
  [8, [-2]],
  [9, [-1]],
  [10, [-1]],
  [11, [1]],
  [12, [1]],
  [13, [1]],
  [14, [2]],
  [18, [4, 2, 1, 1]],
  [19, [1, 1, 1]],
  [20, [4, 2, 1, 1]],
  [21, [2, 1, 1, 1, 1, 1, 1, 1, 1, 2]],
]);

/** The `bit` of a {@linkcode RadiotapField} that marks where the fields were cut short. */
export const RADIOTAP_TRUNCATED: -1 = -1;

/**
 * One radiotap field, in the order the header holds them. A field whose layout is
 * unknown ends the list with `known` false (its size is unknown, so nothing after it can
 * be read); fields cut short by the header's length end it with a field whose `bit` is
 * {@linkcode RADIOTAP_TRUNCATED}.
 */
export interface RadiotapField {
  /** The field's bit number (radiotap namespace bits, plus 32 per further bitmap). */
  readonly bit: number;
  /** The presence bitmap that announced it (its word, as read). */
  readonly present: number;
  /** Whether wirekit knows the field's layout (and read `values`). */
  readonly known: boolean;
  /**
   * The field's values, little-endian, in the order of its layout (a 64-bit value as
   * its low and high 32-bit halves).
   */
  readonly values: readonly number[];
}

/**
 * A radiotap header. Its fields are read when it decodes (the flags decide where the
 * 802.11 frame's body starts and ends); the 802.11 frame after it decodes as
 * {@linkcode Ieee80211}, without the FCS when the flags announce one.
 *
 * @example Decode a radiotap header with a rate and a channel
 * ```ts
 * import { decodeRadiotap } from "./radiotap.ts";
 * import assert from "node:assert/strict";
 *
 * const radiotap = decodeRadiotap(new Uint8Array([
 *   0, 0, 14, 0, 0x0c, 0, 0, 0, 0x02, 0, 0x85, 0x09, 0, 0,
 * ]));
 * assert.equal(radiotap.length, 14);
 * assert.deepEqual(radiotap.fields.map((f) => f.bit), [2, 3]);
 * assert.deepEqual(radiotap.fields[1]!.values, [2437, 0]);
 * ```
 */
export class Radiotap extends LayerBase {
  /** The discriminant. */
  readonly kind = "radiotap" as const;
  /** The header version (0). */
  version = 0;
  /** The header length, `it_len`, bitmaps and fields included. */
  length = 0;
  /** The FLAGS field (the last one read), or 0 without one. */
  flags = 0;
  /** The FCS length at the end of the frame on the wire: 4 when the flags announce one. */
  fcsLength = 0;
  /**
   * Whether the FCS was captured, and left out of the 802.11 frame. With the packet's
   * wire length (`DecodeContext.originalLength`) it was when the captured bytes reach
   * past the wire length less 4, as tcpdump reckons; without it, when it matches the
   * frame's CRC or the flags say it does not (a frame whose FCS does not match without
   * that flag is taken as cut short by the snap length, the FCS not captured).
   */
  fcsCaptured = false;
  /** The fields, in the order the header holds them. */
  fields: RadiotapField[] = [];

  /** The TSFT field in microseconds, if present. */
  get tsft(): bigint | undefined {
    const field = this.fields.find((f) => f.bit === RadiotapBit.TSFT);
    if (field === undefined) return undefined;
    return (BigInt(field.values[1]!) << 32n) | BigInt(field.values[0]!);
  }

  /** The first field with that bit, if any. */
  field(bit: number): RadiotapField | undefined {
    return this.fields.find((f) => f.bit === bit);
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    if (available < 8) return DecodeError.truncated(this.kind, offset, 8, available);
    const length = data[offset + 2]! | (data[offset + 3]! << 8);
    // tcpdump gives up on a length below the fixed part, or beyond the captured bytes.
    if (length < 8) return DecodeError.truncated(this.kind, offset, 8, length);
    if (available < length) return DecodeError.truncated(this.kind, offset, length, available);
    // The presence bitmaps: each with bit 31 set is followed by another.
    let last = offset + 4;
    while (last + 4 <= offset + length && (data[last + 3]! & 0x80) !== 0) last += 4;
    if (last + 4 > offset + length) {
      return DecodeError.truncated(this.kind, offset, last + 4 - offset, length);
    }
    this.data = data;
    this.offset = offset;
    this.headerLength = length;
    this.version = data[offset]!;
    this.length = length;
    this.fields = [];
    this.flags = 0;
    this.#readFields(offset, last);
    this.fcsLength = (this.flags & RadiotapFlag.FCS) !== 0 ? 4 : 0;
    const frame = offset + length;
    let captured = false;
    const wire = context.originalLength;
    if (this.fcsLength > 0 && wire !== undefined) {
      // As tcpdump: the captured bytes past the wire length less the FCS are the FCS.
      const past = end - offset - (wire - 4);
      captured = past > 0;
      this.end = captured ? end - Math.min(past, end - frame) : end;
    } else if (this.fcsLength > 0 && end - frame >= 4) {
      const fcs = (data[end - 4]! | (data[end - 3]! << 8) | (data[end - 2]! << 16) |
        (data[end - 1]! << 24)) >>> 0;
      captured = (this.flags & RadiotapFlag.BAD_FCS) !== 0 || crc32(data, frame, end - 4) === fcs;
    }
    this.fcsCaptured = captured;
    if (wire === undefined || this.fcsLength === 0) this.end = captured ? end - 4 : end;
    return undefined;
  }

  /** Walks the bitmaps and fields as tcpdump's ieee802_11_radio_print() does. */
  #readFields(offset: number, last: number): void {
    const data = this.data;
    const limit = this.length;
    // The cursor, relative to the header's start, past the bitmaps.
    let at = last + 4 - offset;
    let bit0 = 0;
    let vendor = false;
    let skip = 0;
    const fields = this.fields;
    const readLe = (size: number): number => {
      let v = 0;
      for (let i = size - 1; i >= 0; i--) v = v * 256 + data[offset + at + i]!;
      return v;
    };
    for (let word = offset + 4; word <= last; word += 4) {
      const present = (data[word]! | (data[word + 1]! << 8) | (data[word + 2]! << 16) |
        (data[word + 3]! << 24)) >>> 0;
      if (vendor) {
        if (at + skip > limit) return;
        at += skip;
        skip = 0;
      } else {
        for (let bitno = 0; bitno < 29; bitno++) {
          if ((present & (1 << bitno)) === 0) continue;
          const bit = bit0 + bitno;
          const layout = LAYOUT.get(bit);
          if (layout === undefined) {
            fields.push({ bit, present, known: false, values: [] });
            return;
          }
          const values: number[] = [];
          for (const signedSize of layout) {
            const size = Math.abs(signedSize);
            if (size > 1) at = (at + size - 1) & ~(size - 1);
            if (at + size > limit) {
              fields.push({ bit: RADIOTAP_TRUNCATED, present, known: true, values: [] });
              return;
            }
            if (size === 8) {
              values.push(readLe(4));
              at += 4;
              values.push(readLe(4));
              at += 4;
              continue;
            }
            let v = readLe(size);
            if (signedSize < 0 && v >= 2 ** (8 * size - 1)) v -= 2 ** (8 * size);
            values.push(v);
            at += size;
          }
          if (bit === RadiotapBit.FLAGS) this.flags = values[0]!;
          fields.push({ bit, present, known: true, values });
        }
      }
      switch (present & 0x60000000) {
        case 0:
          bit0 += 32;
          break;
        case 0x20000000:
          // Back to the radiotap namespace.
          bit0 = 0;
          vendor = false;
          skip = 0;
          break;
        case 0x40000000:
          // A vendor namespace: OUI, sub-namespace and the length of its data, skipped.
          bit0 = 0;
          vendor = true;
          if (at + 4 > limit) {
            fields.push({ bit: RADIOTAP_TRUNCATED, present, known: true, values: [] });
            return;
          }
          at += 4;
          at = (at + 1) & ~1;
          if (at + 2 > limit) {
            fields.push({ bit: RADIOTAP_TRUNCATED, present, known: true, values: [] });
            return;
          }
          skip = readLe(2);
          at += 2;
          break;
      }
    }
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return (this.flags & RadiotapFlag.DATA_PAD) !== 0 ? ieee80211PaddedDecoder : ieee80211Decoder;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      version: this.version,
      length: this.length,
      flags: this.flags,
      fcsCaptured: this.fcsCaptured,
      fields: this.fields.map((f) => ({ bit: f.bit, values: f.values })),
    };
  }
}

/**
 * Creates {@linkcode Radiotap} layers; the registry entry for
 * `LinkType.IEEE802_11_RADIOTAP`.
 *
 * @example Create a radiotap layer
 * ```ts
 * import { radiotapDecoder } from "./radiotap.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(radiotapDecoder.create().kind, "radiotap");
 * ```
 */
export const radiotapDecoder: ProtocolDescriptor<Radiotap> = defineProtocol({
  kind: "radiotap",
  name: "radiotap",
  tcpdumpName: "802.11_radio",
  create: () => new Radiotap(),
  bindings: { linkTypes: [LinkType.IEEE802_11_RADIOTAP] },
});

/**
 * Decodes a radiotap header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header's length is below 8 or beyond the bytes.
 *
 * @example Reject a header longer than the bytes
 * ```ts
 * import { decodeRadiotap } from "./radiotap.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeRadiotap(new Uint8Array([0, 0, 12, 0, 0, 0, 0, 0])), {
 *   message: "Cannot decode radiotap header: 12 bytes required, received 8",
 * });
 * ```
 */
export function decodeRadiotap(data: Uint8Array, offset = 0): Radiotap {
  return decodeOne(new Radiotap(), data, offset);
}
