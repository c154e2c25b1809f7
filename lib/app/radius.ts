/**
 * RADIUS (RFC 2865, 2866, 5176) on UDP ports 1645, 1646, 1812, 1813, 1700 and 3799: a
 * 20-byte header (code, identifier, length, authenticator), then attributes (type, length,
 * value).
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { readUint16 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessage, capturedEnd } from "./_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The length of the RADIUS header, and the least length a packet may declare. */
export const RADIUS_HEADER_LENGTH = 20;

/** One attribute of a RADIUS packet. */
export interface RadiusAttribute {
  /** The attribute's type. */
  readonly type: number;
  /** Where it starts (its type byte). */
  readonly offset: number;
  /** Its length byte, the type and length bytes included. */
  readonly length: number;
}

/**
 * How the walk of the attributes ended, as tcpdump's radius_attrs_print() ends it:
 * `"end"`; `"cut"`, one byte is left or the capture ends in an attribute's type and length
 * bytes; `"short"`, an attribute's length is below 2; `"long"`, it goes past the packet's
 * end (the last attribute listed is the bogus one).
 */
export type RadiusAttributesEnd = "end" | "cut" | "short" | "long";

/**
 * A RADIUS packet's header; {@linkcode Radius.attributes} walks its attributes.
 *
 * @example Decode an Access-Request
 * ```ts
 * import { decodeRadius } from "./radius.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(26);
 * bytes.set([1, 7, 0, 26]);
 * bytes.set([1, 6, 0x62, 0x6f, 0x62, 0x21], 20);
 * const radius = decodeRadius(bytes);
 * assert.equal(radius.code, 1);
 * assert.equal(radius.identifier, 7);
 * assert.deepEqual(radius.attributes().attributes, [{ type: 1, offset: 20, length: 6 }]);
 * ```
 */
export class Radius extends LayerBase {
  /** The discriminant. */
  readonly kind = "radius" as const;
  /** The packet code (1 Access-Request, 2 Access-Accept...). */
  code = 0;
  /** The identifier matching requests and replies. */
  identifier = 0;
  /** The length field. */
  declaredLength = 0;
  /** How many of the packet's bytes were captured (up to the IP packet's end). */
  captured = 0;
  /** The packet's length on the wire (the UDP payload's). */
  wireLength = 0;

  /** Where the 16-byte authenticator starts. */
  get authenticatorOffset(): number {
    return this.offset + 4;
  }

  /**
   * The length tcpdump prints and walks: the length field, no more than the wire's.
   */
  get length(): number {
    return Math.min(this.declaredLength, this.wireLength);
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginMessage(this, data, offset, end, context);
    if (error !== undefined) return error;
    // tcpdump checks the header against the IP packet's captured end, not the UDP length.
    this.captured = capturedEnd(context, end) - offset;
    if (this.captured < RADIUS_HEADER_LENGTH) {
      return DecodeError.truncated(this.kind, offset, RADIUS_HEADER_LENGTH, this.captured);
    }
    this.headerLength = Math.min(RADIUS_HEADER_LENGTH, end - offset);
    this.code = data[offset]!;
    this.identifier = data[offset + 1]!;
    this.declaredLength = readUint16(data, offset + 2);
    return undefined;
  }

  /** RADIUS carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /**
   * The attributes after the header, up to {@linkcode Radius.length}, as far as the
   * capture holds their type and length bytes (a value may be cut).
   *
   * @returns The attributes and how their walk ended.
   */
  attributes(): { attributes: RadiusAttribute[]; stop: RadiusAttributesEnd } {
    const attributes: RadiusAttribute[] = [];
    const data = this.data;
    const end = this.offset + this.captured;
    let at = this.offset + RADIUS_HEADER_LENGTH;
    let left = this.length - RADIUS_HEADER_LENGTH;
    while (left > 0) {
      if (left < 2 || at + 2 > end) return { attributes, stop: "cut" };
      const length = data[at + 1]!;
      attributes.push({ type: data[at]!, offset: at, length });
      if (length < 2) return { attributes, stop: "short" };
      if (length > left) return { attributes, stop: "long" };
      at += length;
      left -= length;
    }
    return { attributes, stop: "end" };
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      identifier: this.identifier,
      length: this.declaredLength,
      attributes: this.attributes().attributes.map(({ type, length }) => ({ type, length })),
    };
  }
}

/**
 * Creates {@linkcode Radius} layers; the registry entry for the RADIUS UDP ports
 * (authentication 1645 and 1812, accounting 1646 and 1813, dynamic authorization 1700 and
 * 3799), in the order tcpdump's udp_print() tries them.
 *
 * @example Create a RADIUS layer
 * ```ts
 * import { radiusDecoder } from "./radius.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(radiusDecoder.create().kind, "radius");
 * ```
 */
export const radiusDecoder: ProtocolDescriptor<Radius> = defineProtocol({
  kind: "radius",
  name: "RADIUS",
  tcpdumpName: "radius",
  create: () => new Radius(),
  bindings: { udpPorts: [1645, 1812, 1646, 1813, 1700, 3799] },
});

/**
 * Decodes a RADIUS packet.
 *
 * @param data The bytes.
 * @param offset Where the packet starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 20 bytes remain.
 *
 * @example Read a packet's code
 * ```ts
 * import { decodeRadius } from "./radius.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(20);
 * bytes.set([2, 1, 0, 20]);
 * assert.equal(decodeRadius(bytes).code, 2);
 * ```
 */
export function decodeRadius(data: Uint8Array, offset = 0): Radius {
  return decodeOne(new Radius(), data, offset);
}
