/**
 * The radio headers that come before 802.11 frames on older Linux drivers: the 144-byte
 * Prism monitor header (`LINKTYPE_PRISM_HEADER`, 119) and the AVS header
 * (`LINKTYPE_IEEE802_11_RADIO_AVS`, 163, also found under the Prism link type, told by
 * its magic cookie). tcpdump prints neither; the 802.11 frame follows.
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
import { ieee80211Decoder } from "./ieee802_11.ts";

/** The Prism header's length. */
export const PRISM_HEADER_LENGTH = 144;

/** Reads the AVS header's length (big-endian, at byte 4), or returns the error. */
function avsLength(
  kind: "prism" | "avs",
  data: Uint8Array,
  offset: number,
  end: number,
): number | DecodeError {
  if (end - offset < 8) return DecodeError.truncated(kind, offset, 8, end - offset);
  const length = ((data[offset + 4]! << 24) | (data[offset + 5]! << 16) |
    (data[offset + 6]! << 8) | data[offset + 7]!) >>> 0;
  if (length < 8) return DecodeError.truncated(kind, offset, 8, length);
  if (end - offset < length) return DecodeError.truncated(kind, offset, length, end - offset);
  return length;
}

/** Whether the bytes start with an AVS header's magic cookie (`0x80211001` or `...002`). */
function avsCookie(data: Uint8Array, offset: number): boolean {
  return data[offset] === 0x80 && data[offset + 1] === 0x21 && data[offset + 2] === 0x10 &&
    (data[offset + 3] === 0x01 || data[offset + 3] === 0x02);
}

/**
 * A Prism monitor header (or an AVS header under the Prism link type). Its fields are
 * not read; the 802.11 frame after it decodes as {@linkcode Ieee80211}.
 *
 * @example Skip a Prism header
 * ```ts
 * import { decodePrism } from "./prism.ts";
 * import assert from "node:assert/strict";
 *
 * const prism = decodePrism(new Uint8Array(144 + 10));
 * assert.equal(prism.avs, false);
 * assert.equal(prism.headerLength, 144);
 * ```
 */
export class Prism extends LayerBase {
  /** The discriminant. */
  readonly kind = "prism" as const;
  /** Whether the header is an AVS header (told by its magic cookie). */
  avs = false;

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    if (end - offset < 4) return DecodeError.truncated(this.kind, offset, 4, end - offset);
    let length = PRISM_HEADER_LENGTH;
    const avs = avsCookie(data, offset);
    if (avs) {
      const read = avsLength(this.kind, data, offset, end);
      if (typeof read !== "number") return read;
      length = read;
    } else if (end - offset < length) {
      return DecodeError.truncated(this.kind, offset, length, end - offset);
    }
    this.data = data;
    this.offset = offset;
    this.headerLength = length;
    this.end = end;
    this.avs = avs;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return ieee80211Decoder;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return { avs: this.avs, length: this.headerLength };
  }
}

/**
 * An AVS radio header: a version cookie and its length, then radio fields that are not
 * read; the 802.11 frame after it decodes as {@linkcode Ieee80211}.
 *
 * @example Skip an AVS header
 * ```ts
 * import { decodeAvs } from "./prism.ts";
 * import assert from "node:assert/strict";
 *
 * const header = new Uint8Array(64 + 10);
 * header.set([0x80, 0x21, 0x10, 0x01, 0, 0, 0, 64]);
 * assert.equal(decodeAvs(header).headerLength, 64);
 * ```
 */
export class Avs extends LayerBase {
  /** The discriminant. */
  readonly kind = "avs" as const;

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const read = avsLength(this.kind, data, offset, end);
    if (typeof read !== "number") return read;
    this.data = data;
    this.offset = offset;
    this.headerLength = read;
    this.end = end;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return ieee80211Decoder;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return { length: this.headerLength };
  }
}

/**
 * Creates {@linkcode Prism} layers; the registry entry for `LinkType.PRISM_HEADER`.
 *
 * @example Create a Prism layer
 * ```ts
 * import { prismDecoder } from "./prism.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(prismDecoder.create().kind, "prism");
 * ```
 */
export const prismDecoder: ProtocolDescriptor<Prism> = defineProtocol({
  kind: "prism",
  name: "Prism",
  tcpdumpName: "prism",
  create: () => new Prism(),
  bindings: { linkTypes: [LinkType.PRISM_HEADER] },
});

/**
 * Creates {@linkcode Avs} layers; the registry entry for `LinkType.IEEE802_11_RADIO_AVS`.
 *
 * @example Create an AVS layer
 * ```ts
 * import { avsDecoder } from "./prism.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(avsDecoder.create().kind, "avs");
 * ```
 */
export const avsDecoder: ProtocolDescriptor<Avs> = defineProtocol({
  kind: "avs",
  name: "AVS",
  tcpdumpName: "802.11_radio_avs",
  create: () => new Avs(),
  bindings: { linkTypes: [LinkType.IEEE802_11_RADIO_AVS] },
});

/**
 * Decodes a Prism header (or an AVS header under the Prism link type).
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header is cut short.
 *
 * @example Reject a cut-off Prism header
 * ```ts
 * import { decodePrism } from "./prism.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodePrism(new Uint8Array(100)), {
 *   message: "Cannot decode Prism header: 144 bytes required, received 100",
 * });
 * ```
 */
export function decodePrism(data: Uint8Array, offset = 0): Prism {
  return decodeOne(new Prism(), data, offset);
}

/**
 * Decodes an AVS header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header is cut short or its length is below 8.
 *
 * @example Reject a header shorter than its length says
 * ```ts
 * import { decodeAvs } from "./prism.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeAvs(new Uint8Array([0x80, 0x21, 0x10, 0x01, 0, 0, 0, 64])), {
 *   code: "truncated",
 * });
 * ```
 */
export function decodeAvs(data: Uint8Array, offset = 0): Avs {
  return decodeOne(new Avs(), data, offset);
}
