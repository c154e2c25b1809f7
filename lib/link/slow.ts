/**
 * The IEEE 802.3 Slow Protocols (EtherType `0x8809`): LACP and Marker (802.3ad, a subtype,
 * a version, then TLVs) and OAM (802.3ah, a subtype, flags and a code, then the code's
 * data: Information TLVs, Event Notification link events, a Loopback Control command).
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { readUint16 } from "../_bytes.ts";
import { beginPartialHeader } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import {
  type LacpActorPartner,
  type MarkerInformation,
  type OamInformation,
  type OamLinkEvent,
  readActorPartner,
  readLinkEvent,
  readMarkerInformation,
  readOamInformation,
} from "./_slow_tlv.ts";

export type { LacpActorPartner, MarkerInformation, OamInformation, OamLinkEvent };

/** The subtypes (the first byte). */
export const SlowSubtype = {
  /** Link Aggregation Control Protocol. */
  LACP: 1,
  /** Marker protocol. */
  MARKER: 2,
  /** Ethernet OAM (802.3ah). */
  OAM: 3,
} as const;

/** The OAM PDU codes (the fourth byte of an OAM PDU). */
export const OamCode = {
  /** Information: Information TLVs. */
  INFORMATION: 0x00,
  /** Event Notification: a sequence number, then link event TLVs. */
  EVENT_NOTIFICATION: 0x01,
  /** Variable Request. */
  VARIABLE_REQUEST: 0x02,
  /** Variable Response. */
  VARIABLE_RESPONSE: 0x03,
  /** Loopback Control: one command byte. */
  LOOPBACK_CONTROL: 0x04,
  /** Organization specific. */
  VENDOR_PRIVATE: 0xfe,
} as const;

/** Where the TLVs of LACP and Marker start: after the subtype and version. */
export const LACP_MARKER_HEADER_LENGTH = 2;
/** Where an OAM PDU's data starts: after the subtype, flags and code. */
export const OAM_HEADER_LENGTH = 4;

/**
 * A Slow Protocols PDU. Every field is read from the bytes when asked for, and is -1 when
 * it was not captured: a PDU cut short is kept as a partial layer (`partial`), as tcpdump
 * prints what it can of one. The TLVs are read at offsets into `data` (a TLV's first
 * byte), as a printer walks them.
 *
 * @example Decode an LACP PDU's first TLV header
 * ```ts
 * import { decodeSlow, SlowSubtype } from "./slow.ts";
 * import assert from "node:assert/strict";
 *
 * const slow = decodeSlow(new Uint8Array([1, 1, 1, 20]));
 * assert.equal(slow.subtype, SlowSubtype.LACP);
 * assert.equal(slow.version, 1);
 * assert.equal(slow.tlvType(slow.dataOffset), 1);
 * assert.equal(slow.tlvLength(slow.dataOffset), 20);
 * ```
 */
export class Slow extends LayerBase {
  /** The discriminant. */
  readonly kind = "slow" as const;
  /** Fewer than the subtype's header bytes were captured. */
  partial = false;

  /** The subtype (see {@linkcode SlowSubtype}). */
  get subtype(): number {
    return this.#u8(this.offset);
  }

  /** LACP and Marker: the version. */
  get version(): number {
    return this.#u8(this.offset + 1);
  }

  /** OAM: the flags (the second and third bytes). */
  get oamFlags(): number {
    return this.#u16(this.offset + 1);
  }

  /** OAM: the code (see {@linkcode OamCode}). */
  get oamCode(): number {
    return this.#u8(this.offset + 3);
  }

  /** Where the TLVs (LACP, Marker) or the code's data (OAM) start. */
  get dataOffset(): number {
    return this.offset +
      (this.#u8(this.offset) === SlowSubtype.OAM ? OAM_HEADER_LENGTH : LACP_MARKER_HEADER_LENGTH);
  }

  /** OAM Event Notification: the sequence number. */
  get sequenceNumber(): number {
    return this.#u16(this.offset + OAM_HEADER_LENGTH);
  }

  /** OAM Loopback Control: the command (1 enable, 2 disable). */
  get loopbackCommand(): number {
    return this.#u8(this.offset + OAM_HEADER_LENGTH);
  }

  /**
   * A TLV's type (LACP, Marker, OAM Information and link events share the layout).
   *
   * @param at The TLV's first byte, an offset into `data`.
   * @returns The type, or -1 when not captured.
   */
  tlvType(at: number): number {
    return this.#u8(at);
  }

  /**
   * A TLV's length, which counts its type and length bytes.
   *
   * @param at The TLV's first byte.
   * @returns The length, or -1 when not captured.
   */
  tlvLength(at: number): number {
    return this.#u8(at + 1);
  }

  /**
   * LACP Actor or Partner Information (a 20-byte TLV).
   *
   * @param at The TLV's first byte.
   * @returns Its fields, or `undefined` when its 20 bytes were not all captured.
   */
  actorPartner(at: number): LacpActorPartner | undefined {
    return this.#has(at, 20) ? readActorPartner(this.data, at) : undefined;
  }

  /**
   * LACP Collector Information: the maximum delay.
   *
   * @param at The TLV's first byte.
   * @returns The delay (tens of microseconds), or -1 when not captured.
   */
  collectorMaxDelay(at: number): number {
    return this.#u16(at + 2);
  }

  /**
   * Marker Information or Marker Response Information (a 16-byte TLV).
   *
   * @param at The TLV's first byte.
   * @returns Its fields, or `undefined` when its 16 bytes were not all captured.
   */
  markerInformation(at: number): MarkerInformation | undefined {
    return this.#has(at, 16) ? readMarkerInformation(this.data, at) : undefined;
  }

  /**
   * OAM Local or Remote Information (a 16-byte TLV).
   *
   * @param at The TLV's first byte.
   * @returns Its fields, or `undefined` when its 16 bytes were not all captured.
   */
  oamInformation(at: number): OamInformation | undefined {
    return this.#has(at, 16) ? readOamInformation(this.data, at) : undefined;
  }

  /**
   * An OAM Errored Symbol Period, Frame, Frame Period or Frame Seconds Summary event (a
   * 40-byte TLV).
   *
   * @param at The TLV's first byte.
   * @returns Its fields, or `undefined` when its 40 bytes were not all captured.
   */
  linkEvent(at: number): OamLinkEvent | undefined {
    return this.#has(at, 40) ? readLinkEvent(this.data, at) : undefined;
  }

  /**
   * Decodes the header at `offset`, returning the error instead of throwing: the subtype,
   * then LACP's and Marker's version or OAM's flags and code. A PDU shorter than that is
   * kept as a partial layer.
   */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const subtype = offset < end ? data[offset] : undefined;
    const length = subtype === SlowSubtype.OAM
      ? OAM_HEADER_LENGTH
      : subtype === SlowSubtype.LACP || subtype === SlowSubtype.MARKER
      ? LACP_MARKER_HEADER_LENGTH
      : 1;
    return beginPartialHeader(this, data, offset, end, length);
  }

  /** Picks the decoder of the payload: none, the printer reads the TLVs. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's captured fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const subtype = this.subtype;
    const json: Record<string, unknown> = this.partial ? { partial: true, subtype } : { subtype };
    if (subtype === SlowSubtype.OAM) {
      json.flags = this.oamFlags;
      json.code = this.oamCode;
    } else if (subtype === SlowSubtype.LACP || subtype === SlowSubtype.MARKER) {
      json.version = this.version;
    }
    return json;
  }

  #has(at: number, length: number): boolean {
    return at >= this.offset && at + length <= this.end;
  }

  #u8(at: number): number {
    return this.#has(at, 1) ? this.data[at]! : -1;
  }

  #u16(at: number): number {
    return this.#has(at, 2) ? readUint16(this.data, at) : -1;
  }
}

/**
 * Creates {@linkcode Slow} layers; bound to EtherType `0x8809`.
 *
 * @example Create a Slow Protocols layer
 * ```ts
 * import { slowDecoder } from "./slow.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(slowDecoder.create().kind, "slow");
 * ```
 */
export const slowDecoder: ProtocolDescriptor<Slow> = defineProtocol({
  kind: "slow",
  name: "Slow Protocols",
  tcpdumpName: "slow",
  create: () => new Slow(),
  bindings: { etherTypes: [0x8809] },
});

/**
 * Decodes a Slow Protocols PDU.
 *
 * @param data The bytes.
 * @param offset Where it starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the subtype's header (1 byte; 2 for LACP and Marker, 4 for
 * OAM) was not all captured.
 *
 * @example Reject a truncated OAM header
 * ```ts
 * import { decodeSlow } from "./slow.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeSlow(new Uint8Array([3, 0])), {
 *   message: "Cannot decode Slow Protocols header: 4 bytes required, received 2",
 * });
 * ```
 */
export function decodeSlow(data: Uint8Array, offset = 0): Slow {
  return decodeOne(new Slow(), data, offset);
}
