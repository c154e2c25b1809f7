/**
 * ETSI GeoNetworking (EtherTypes `0x0707`, the old one, and `0x8947`), as ETSI TS 102 636-4-1
 * lays out its common header (version and next header, header type and subtype, payload
 * length, hop limit, the sender's long position vector), then the extended header of the
 * header type and the Basic Transport Protocol header (ETSI TS 102 636-5-1) with the ITS
 * PDU header of its body.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { formatMac } from "../address.ts";
import { readUint16, readUint32 } from "../_bytes.ts";
import { beginPartialHeader } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The common header's length (basic and common header with the long position vector). */
export const GEONET_COMMON_HEADER_LENGTH = 36;

/** The next header values of the common header. */
export const GeoNetNextHeader = {
  /** Unspecified. */
  ANY: 0,
  /** BTP-A (interactive transport). */
  BTP_A: 1,
  /** BTP-B (non-interactive transport). */
  BTP_B: 2,
  /** IPv6. */
  IPV6: 3,
} as const;

/** The header types of the common header. */
export const GeoNetHeaderType = {
  /** Unspecified. */
  ANY: 0,
  /** Beacon. */
  BEACON: 1,
  /** GeoUnicast. */
  GEO_UNICAST: 2,
  /** GeoAnycast (subtypes: circle, rectangle, ellipse). */
  GEO_ANYCAST: 3,
  /** GeoBroadcast (subtypes: circle, rectangle, ellipse). */
  GEO_BROADCAST: 4,
  /** Topologically-scoped broadcast (subtypes: single-hop, multi-hop). */
  TOPO_BROADCAST: 5,
  /** Location service (subtypes: request, reply). */
  LOCATION_SERVICE: 6,
} as const;

/**
 * A GeoNetworking packet. Every field is read from the bytes when asked for, and is -1
 * (`""` for the address) when it was not captured: a packet cut short in its common header
 * is kept as a partial layer (`partial`), as tcpdump prints what it can of one.
 *
 * @example Decode a Beacon
 * ```ts
 * import { decodeGeoNet } from "./geonet.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(36);
 * bytes.set([0x00, 0x10, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0x0c, 0x42, 0x6d, 0x54, 0xdb]);
 * const geonet = decodeGeoNet(bytes);
 * assert.equal(geonet.headerType, 1);
 * assert.equal(geonet.hopLimit, 1);
 * assert.equal(geonet.sourceAddress, "00:00:00:0c:42:6d:54:db");
 * assert.equal(geonet.extendedHeaderLength, 0);
 * ```
 */
export class GeoNet extends LayerBase {
  /** The discriminant. */
  readonly kind = "geonet" as const;
  /** Fewer than the common header's 36 bytes were captured. */
  partial = false;

  /** The version (the first byte's high half). */
  get version(): number {
    const byte = this.#u8(0);
    return byte < 0 ? -1 : byte >> 4;
  }

  /** The next header ({@linkcode GeoNetNextHeader}, the first byte's low half). */
  get nextHeader(): number {
    const byte = this.#u8(0);
    return byte < 0 ? -1 : byte & 0x0f;
  }

  /** The header type ({@linkcode GeoNetHeaderType}, the second byte's high half). */
  get headerType(): number {
    const byte = this.#u8(1);
    return byte < 0 ? -1 : byte >> 4;
  }

  /** The header subtype (the second byte's low half). */
  get headerSubtype(): number {
    const byte = this.#u8(1);
    return byte < 0 ? -1 : byte & 0x0f;
  }

  /** The payload length. */
  get payloadLength(): number {
    return this.#has(4, 2) ? readUint16(this.data, this.offset + 4) : -1;
  }

  /** The hop limit. */
  get hopLimit(): number {
    return this.#u8(7);
  }

  /** The sender's GeoNetworking address (8 bytes, colon-separated hex). */
  get sourceAddress(): string {
    return this.#has(8, 8) ? formatMac(this.data, this.offset + 8, 8) : "";
  }

  /** The sender's latitude (the position vector's, as an unsigned number). */
  get latitude(): number {
    return this.#has(20, 4) ? readUint32(this.data, this.offset + 20) : -1;
  }

  /** The sender's longitude (the position vector's, as an unsigned number). */
  get longitude(): number {
    return this.#has(24, 4) ? readUint32(this.data, this.offset + 24) : -1;
  }

  /**
   * The length of the extended header that follows the common header, for the header
   * types whose length tcpdump knows (Any, Beacon and single-hop broadcast have none, a
   * multi-hop broadcast has 32 bytes); -1 for the others (or when not captured).
   */
  get extendedHeaderLength(): number {
    const type = this.headerType;
    const subtype = this.headerSubtype;
    if (type === GeoNetHeaderType.ANY || type === GeoNetHeaderType.BEACON) return 0;
    if (type !== GeoNetHeaderType.TOPO_BROADCAST) return -1;
    return subtype === 0 ? 0 : subtype === 1 ? 32 : -1;
  }

  /** Where the extended header starts (after the common header). */
  get extendedHeaderOffset(): number {
    return this.offset + GEONET_COMMON_HEADER_LENGTH;
  }

  /** Where the BTP header starts, or -1 when the extended header's length is unknown. */
  get btpOffset(): number {
    const length = this.extendedHeaderLength;
    return length < 0 ? -1 : this.extendedHeaderOffset + length;
  }

  /** The BTP header's destination port, or -1. */
  get btpDestinationPort(): number {
    return this.#btp(0, 2);
  }

  /** The BTP header's source port (BTP-A) or destination port info (BTP-B), or -1. */
  get btpSourcePort(): number {
    return this.#btp(2, 2);
  }

  /** The protocol version of the ITS PDU header that starts the BTP body, or -1. */
  get itsPduVersion(): number {
    return this.#btp(4, 1);
  }

  /** The message ID of the ITS PDU header (0 CAM, 1 DENM...), or -1. */
  get itsMessageId(): number {
    return this.#btp(5, 1);
  }

  /**
   * Decodes the header at `offset`, returning the error instead of throwing. A packet
   * shorter than its common header is kept as a partial layer.
   */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    return beginPartialHeader(this, data, offset, end, GEONET_COMMON_HEADER_LENGTH);
  }

  /** Picks the decoder of the payload: none, the printer reads the transport header. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's captured fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const header: Record<string, unknown> = {
      version: this.version,
      nextHeader: this.nextHeader,
      headerType: this.headerType,
      headerSubtype: this.headerSubtype,
    };
    if (this.partial) return { partial: true, ...header };
    Object.assign(header, {
      payloadLength: this.payloadLength,
      hopLimit: this.hopLimit,
      sourceAddress: this.sourceAddress,
      latitude: this.latitude,
      longitude: this.longitude,
    });
    const next = this.nextHeader;
    if (next === GeoNetNextHeader.BTP_A || next === GeoNetNextHeader.BTP_B) {
      const port = this.btpSourcePort;
      if (port >= 0) {
        header.btp = { destinationPort: this.btpDestinationPort, sourcePort: port };
      }
    }
    return header;
  }

  /** A field of the BTP header or body, -1 when its offset is unknown or not captured. */
  #btp(at: number, size: 1 | 2): number {
    const start = this.btpOffset;
    if (start < 0 || start + at + size > this.end) return -1;
    return size === 1 ? this.data[start + at]! : readUint16(this.data, start + at);
  }

  #has(at: number, length: number): boolean {
    return this.offset + at + length <= this.end;
  }

  #u8(at: number): number {
    return this.#has(at, 1) ? this.data[this.offset + at]! : -1;
  }
}

/**
 * Creates {@linkcode GeoNet} layers; bound to EtherTypes `0x0707` and `0x8947`.
 *
 * @example Create a GeoNetworking layer
 * ```ts
 * import { geoNetDecoder } from "./geonet.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(geoNetDecoder.create().kind, "geonet");
 * ```
 */
export const geoNetDecoder: ProtocolDescriptor<GeoNet> = defineProtocol({
  kind: "geonet",
  name: "GeoNet",
  tcpdumpName: "geonet",
  create: () => new GeoNet(),
  bindings: { etherTypes: [0x0707, 0x8947] },
});

/**
 * Decodes a GeoNetworking packet.
 *
 * @param data The bytes.
 * @param offset Where it starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than the common header's 36 bytes remain.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodeGeoNet } from "./geonet.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeGeoNet(new Uint8Array(8)), {
 *   message: "Cannot decode GeoNet header: 36 bytes required, received 8",
 * });
 * ```
 */
export function decodeGeoNet(data: Uint8Array, offset = 0): GeoNet {
  return decodeOne(new GeoNet(), data, offset);
}
