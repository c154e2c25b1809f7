/**
 * IEEE 802.11 frames (`LINKTYPE_IEEE802_11`, 105, and after a radio header): the MAC
 * header, then a management frame's fixed fields and elements, a control frame's
 * addresses, or a data frame's LLC payload.
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
import { formatMac } from "../address.ts";
import { llcOrRawIpx } from "./llc.ts";

/** Frame types (the frame control's type bits). */
export const Ieee80211Type = {
  /** Management frames (beacons, probes, authentication, association...). */
  MANAGEMENT: 0,
  /** Control frames (RTS, CTS, acknowledgments, block acks...). */
  CONTROL: 1,
  /** Data frames. */
  DATA: 2,
  /** Reserved (802.11ad DMG extension frames). */
  EXTENSION: 3,
} as const;

/** Management frame subtypes. */
export const Ieee80211ManagementSubtype = {
  /** Association request. */
  ASSOC_REQUEST: 0,
  /** Association response. */
  ASSOC_RESPONSE: 1,
  /** Reassociation request. */
  REASSOC_REQUEST: 2,
  /** Reassociation response. */
  REASSOC_RESPONSE: 3,
  /** Probe request. */
  PROBE_REQUEST: 4,
  /** Probe response. */
  PROBE_RESPONSE: 5,
  /** Beacon. */
  BEACON: 8,
  /** Announcement traffic indication message. */
  ATIM: 9,
  /** Disassociation. */
  DISASSOC: 10,
  /** Authentication. */
  AUTH: 11,
  /** Deauthentication. */
  DEAUTH: 12,
  /** Action. */
  ACTION: 13,
} as const;

/** Control frame subtypes. */
export const Ieee80211ControlSubtype = {
  /** Control wrapper. */
  CONTROL_WRAPPER: 7,
  /** Block ack request. */
  BAR: 8,
  /** Block ack. */
  BA: 9,
  /** Power-save poll. */
  PS_POLL: 10,
  /** Request to send. */
  RTS: 11,
  /** Clear to send. */
  CTS: 12,
  /** Acknowledgment. */
  ACK: 13,
  /** Contention-free period end. */
  CF_END: 14,
  /** CF-End + CF-Ack. */
  CF_END_ACK: 15,
} as const;

/** Control frame header lengths by subtype (tcpdump's CTRL_*_HDRLEN). */
const CONTROL_LENGTHS: readonly (number | undefined)[] = [
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  16,
  20,
  10,
  16,
  16,
  10,
  10,
  16,
  16,
];

/** Element IDs that the management summary reads. */
const ELEMENT_SSID = 0;
const ELEMENT_RATES = 1;
const ELEMENT_DS = 3;
const ELEMENT_CF = 4;
const ELEMENT_TIM = 5;
const ELEMENT_CHALLENGE = 16;

/**
 * A management frame's body as tcpdump reads it: the subtype's fixed fields and the
 * first SSID, supported-rates and DS-parameter elements. Fields the subtype does not have
 * are `undefined`.
 */
export interface Ieee80211Management {
  /** Whether the fixed fields were all captured (else nothing else is read). */
  readonly fixed: boolean;
  /** Whether the elements were read to the end without a cut-off or oversized one. */
  readonly complete: boolean;
  /** The capability information. */
  readonly capability?: number;
  /** The beacon interval, in time units. */
  readonly beaconInterval?: number;
  /** The listen interval. */
  readonly listenInterval?: number;
  /** The status code. */
  readonly statusCode?: number;
  /** The association ID. */
  readonly aid?: number;
  /** The reason code (disassociation, deauthentication). */
  readonly reasonCode?: number;
  /** The authentication algorithm. */
  readonly authAlgorithm?: number;
  /** The authentication transaction sequence number. */
  readonly authSequence?: number;
  /** Where the current AP's address lies in `data` (reassociation requests). */
  readonly currentApAt?: number;
  /** The action category and action (action frames). */
  readonly action?: readonly [number, number];
  /** The first SSID element's bytes. */
  readonly ssid?: Uint8Array;
  /** The first non-empty supported-rates element's bytes (500 kb/s units, high bit basic). */
  readonly rates?: Uint8Array;
  /** The first DS parameter set's channel. */
  readonly channel?: number;
}

/**
 * An IEEE 802.11 MAC header. Data frames that carry data and are not protected decode
 * on to {@linkcode Llc}; management frames are read by {@linkcode management}; control
 * frames are their header. A frame of a type or control subtype that tcpdump does not
 * know decodes with `known` false and its frame control only.
 *
 * @example Decode an acknowledgment
 * ```ts
 * import { decodeIeee80211 } from "./ieee802_11.ts";
 * import assert from "node:assert/strict";
 *
 * const ack = decodeIeee80211(new Uint8Array([0xd4, 0, 0, 0, 2, 0, 0, 0, 0, 0]));
 * assert.equal(ack.type, 1);
 * assert.equal(ack.subtype, 13);
 * assert.equal(ack.receiver, "02:00:00:00:00:00");
 * assert.equal(ack.headerLength, 10);
 * ```
 */
export class Ieee80211 extends LayerBase {
  /** The discriminant. */
  readonly kind = "ieee80211" as const;
  /** The frame control field (read little-endian). */
  frameControl = 0;
  /** The duration/ID field. */
  duration = 0;
  /** Whether tcpdump knows the frame's type and (control) subtype. */
  known = true;
  /** Whether padding to 4 bytes follows the header (radiotap's DATA_PAD flag). */
  readonly padded: boolean;
  #management: Ieee80211Management | undefined = undefined;

  /**
   * Makes an empty layer.
   *
   * @param padded Whether the header is padded to a multiple of 4 bytes.
   */
  constructor(padded = false) {
    super();
    this.padded = padded;
  }

  /** The frame type, {@linkcode Ieee80211Type}. */
  get type(): number {
    return (this.frameControl >> 2) & 3;
  }

  /** The frame subtype. */
  get subtype(): number {
    return (this.frameControl >> 4) & 0xf;
  }

  /** The To DS flag. */
  get toDs(): boolean {
    return (this.frameControl & 0x0100) !== 0;
  }

  /** The From DS flag. */
  get fromDs(): boolean {
    return (this.frameControl & 0x0200) !== 0;
  }

  /** The Protected Frame flag: the body is encrypted. */
  get protected(): boolean {
    return (this.frameControl & 0x4000) !== 0;
  }

  /** Whether this is a data frame without data (null function, CF-Ack, CF-Poll). */
  get noData(): boolean {
    return this.type === Ieee80211Type.DATA && (this.subtype & 4) !== 0;
  }

  /** The first address (the receiver, or the destination). */
  get receiver(): string {
    return formatMac(this.data, this.offset + 4);
  }

  /**
   * Where the frame's source address lies in `data`: a management frame's SA, a data
   * frame's SA as the DS bits place it.
   */
  get sourceAt(): number {
    if (this.type !== Ieee80211Type.DATA) return this.offset + 10;
    if (this.toDs && this.fromDs) return this.offset + 24;
    return this.offset + (this.fromDs ? 16 : 10);
  }

  /** Where the frame's destination address lies in `data`. */
  get destinationAt(): number {
    return this.offset + (this.type === Ieee80211Type.DATA && this.toDs ? 16 : 4);
  }

  /** The source address, `aa:bb:cc:dd:ee:ff`. */
  get source(): string {
    return formatMac(this.data, this.sourceAt);
  }

  /** The destination address, `aa:bb:cc:dd:ee:ff`. */
  get destination(): string {
    return formatMac(this.data, this.destinationAt);
  }

  /**
   * The WEP/TKIP/CCMP initialization-vector word after the header of a protected frame
   * (little-endian), or `undefined` when its 4 bytes were not captured.
   */
  get iv(): number | undefined {
    const at = this.offset + this.headerLength;
    if (at + 4 > this.end) return undefined;
    const d = this.data;
    return (d[at]! | (d[at + 1]! << 8) | (d[at + 2]! << 16) | (d[at + 3]! << 24)) >>> 0;
  }

  /** A management frame's body, read once when first asked. */
  get management(): Ieee80211Management {
    this.#management ??= this.#readManagement();
    return this.#management;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    if (available < 2) return DecodeError.truncated(this.kind, offset, 2, available);
    const fc = data[offset]! | (data[offset + 1]! << 8);
    const type = (fc >> 2) & 3;
    const subtype = (fc >> 4) & 0xf;
    let length: number | undefined;
    switch (type) {
      case Ieee80211Type.MANAGEMENT:
        length = 24;
        break;
      case Ieee80211Type.CONTROL:
        length = CONTROL_LENGTHS[subtype];
        break;
      case Ieee80211Type.DATA:
        length = (fc & 0x0300) === 0x0300 ? 30 : 24;
        if ((subtype & 8) !== 0) length += 2;
        break;
    }
    this.data = data;
    this.offset = offset;
    this.end = end;
    this.frameControl = fc;
    this.#management = undefined;
    if (length === undefined) {
      this.known = false;
      this.headerLength = 0;
      this.duration = 0;
      return undefined;
    }
    this.known = true;
    if (this.padded) length = (length + 3) & ~3;
    if (available < length) return DecodeError.truncated(this.kind, offset, length, available);
    this.headerLength = length;
    this.duration = data[offset + 2]! | (data[offset + 3]! << 8);
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    if (!this.known || this.type !== Ieee80211Type.DATA) return undefined;
    if (this.noData || this.protected) return undefined;
    return llcOrRawIpx(this.data, this.offset + this.headerLength, this.end, context);
  }

  #readManagement(): Ieee80211Management {
    const d = this.data;
    const end = this.end;
    let at = this.offset + this.headerLength;
    const u16 = (i: number): number => d[i]! | (d[i + 1]! << 8);
    const body: {
      -readonly [K in keyof Ieee80211Management]: Ieee80211Management[K];
    } = { fixed: false, complete: false };
    const need = (n: number): boolean => at + n <= end;
    switch (this.subtype) {
      case Ieee80211ManagementSubtype.BEACON:
      case Ieee80211ManagementSubtype.PROBE_RESPONSE:
        if (!need(12)) return body;
        body.beaconInterval = u16(at + 8);
        body.capability = u16(at + 10);
        at += 12;
        break;
      case Ieee80211ManagementSubtype.ASSOC_REQUEST:
        if (!need(4)) return body;
        body.capability = u16(at);
        body.listenInterval = u16(at + 2);
        at += 4;
        break;
      case Ieee80211ManagementSubtype.ASSOC_RESPONSE:
      case Ieee80211ManagementSubtype.REASSOC_RESPONSE:
        if (!need(6)) return body;
        body.capability = u16(at);
        body.statusCode = u16(at + 2);
        body.aid = u16(at + 4);
        at += 6;
        break;
      case Ieee80211ManagementSubtype.REASSOC_REQUEST:
        if (!need(10)) return body;
        body.capability = u16(at);
        body.listenInterval = u16(at + 2);
        body.currentApAt = at + 4;
        at += 10;
        break;
      case Ieee80211ManagementSubtype.PROBE_REQUEST:
        break;
      case Ieee80211ManagementSubtype.AUTH:
        if (!need(6)) return body;
        body.authAlgorithm = u16(at);
        body.authSequence = u16(at + 2);
        body.statusCode = u16(at + 4);
        at += 6;
        break;
      case Ieee80211ManagementSubtype.DISASSOC:
      case Ieee80211ManagementSubtype.DEAUTH:
        if (!need(2)) return body;
        body.reasonCode = u16(at);
        body.fixed = true;
        body.complete = true;
        return body;
      case Ieee80211ManagementSubtype.ACTION:
        if (!need(2)) return body;
        body.action = [d[at]!, d[at + 1]!];
        body.fixed = true;
        body.complete = true;
        return body;
      default:
        body.fixed = true;
        body.complete = true;
        return body;
    }
    body.fixed = true;
    body.complete = this.#readElements(body, at, end);
    return body;
  }

  /** tcpdump's parse_elements(): the first SSID, rates and DS elements; false when cut. */
  #readElements(
    body: { ssid?: Uint8Array; rates?: Uint8Array; channel?: number },
    at: number,
    end: number,
  ): boolean {
    const d = this.data;
    while (at < end) {
      if (at + 2 > end) return false;
      const id = d[at]!;
      const length = d[at + 1]!;
      if (at + 2 + length > end) return false;
      const value = d.subarray(at + 2, at + 2 + length);
      switch (id) {
        case ELEMENT_SSID:
          if (length > 32) return false;
          body.ssid ??= value;
          break;
        case ELEMENT_CHALLENGE:
          if (length > 253) return false;
          break;
        case ELEMENT_RATES:
          if (length > 16) return false;
          if (body.rates === undefined && length !== 0) body.rates = value;
          break;
        case ELEMENT_DS:
          if (length === 1) body.channel ??= value[0]!;
          break;
        case ELEMENT_CF:
          break;
        case ELEMENT_TIM:
          if (length > 3 && length - 3 > 251) return false;
          break;
      }
      at += 2 + length;
    }
    return true;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      frameControl: this.frameControl,
      type: this.type,
      subtype: this.subtype,
      duration: this.duration,
      receiver: this.known && this.headerLength >= 10 ? this.receiver : undefined,
    };
  }
}

/**
 * Creates {@linkcode Ieee80211} layers; the registry entry for `LinkType.IEEE802_11`, and
 * what radio headers without the padding flag are followed by.
 *
 * @example Create an 802.11 layer
 * ```ts
 * import { ieee80211Decoder } from "./ieee802_11.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ieee80211Decoder.create().kind, "ieee80211");
 * ```
 */
export const ieee80211Decoder: ProtocolDescriptor<Ieee80211> = defineProtocol({
  kind: "ieee80211",
  name: "IEEE 802.11",
  tcpdumpName: "802.11",
  create: () => new Ieee80211(),
  bindings: { linkTypes: [LinkType.IEEE802_11] },
});

/**
 * Creates {@linkcode Ieee80211} layers whose header is padded to a multiple of 4 bytes,
 * after a radiotap header with the DATA_PAD flag (Atheros drivers).
 *
 * @example Create a padded 802.11 layer
 * ```ts
 * import { ieee80211PaddedDecoder } from "./ieee802_11.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ieee80211PaddedDecoder.create().padded, true);
 * ```
 */
export const ieee80211PaddedDecoder: ProtocolDescriptor<Ieee80211> = {
  kind: "ieee80211",
  name: "IEEE 802.11",
  tcpdumpName: "802.11",
  create: () => new Ieee80211(true),
  bindings: {},
};

/**
 * Decodes an 802.11 MAC header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the bytes end inside the header.
 *
 * @example Reject a cut-off data header
 * ```ts
 * import { decodeIeee80211 } from "./ieee802_11.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeIeee80211(new Uint8Array([0x08, 0x01, 0, 0])), {
 *   message: "Cannot decode IEEE 802.11 header: 24 bytes required, received 4",
 * });
 * ```
 */
export function decodeIeee80211(data: Uint8Array, offset = 0): Ieee80211 {
  return decodeOne(new Ieee80211(), data, offset);
}
