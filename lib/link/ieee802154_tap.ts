/**
 * IEEE 802.15.4 frames after a TAP pseudo-header (`LINKTYPE_IEEE802_15_4_TAP`, 283,
 * https://github.com/jkcko/ieee802.15.4-tap): a version byte (0), a reserved byte, the
 * header's little-endian 16-bit length (4 and its TLVs), then TLVs (2-byte type, 2-byte
 * length, the value padded to 4 bytes), then the {@linkcode Ieee802154} frame.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { beginLayer } from "../_begin_layer.ts";
import { readUint16Le } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { LinkType } from "../link_type.ts";
import { ieee802154Decoder } from "./ieee802154.ts";

/**
 * One TLV of the TAP header, as {@linkcode Ieee802154Tap.tlvs} lists them.
 *
 * @example Read a channel TLV
 * ```ts
 * import { decodeIeee802154Tap } from "./ieee802154_tap.ts";
 * import assert from "node:assert/strict";
 *
 * const tap = decodeIeee802154Tap(new Uint8Array([0, 0, 12, 0, 3, 0, 3, 0, 11, 0, 0, 0]));
 * assert.deepEqual(tap.tlvs(), [{ type: 3, length: 3, valueAt: 8 }]);
 * ```
 */
export interface Ieee802154TapTlv {
  /** The TLV type (0 FCS type, 1 RSS, 3 channel assignment...). */
  type: number;
  /** The value's length (before its padding). */
  length: number;
  /** Where the value starts. */
  valueAt: number;
}

/**
 * A TAP pseudo-header. `version` and `length` are read from its first 4 bytes; a header
 * with fewer (`partial`), a version other than 0 or a length under 4 (`invalid`), or one
 * longer than the capture (`partial`) has no frame after it.
 *
 * @example Decode a header with no TLV, then the frame
 * ```ts
 * import { decodeIeee802154Tap } from "./ieee802154_tap.ts";
 * import assert from "node:assert/strict";
 *
 * const tap = decodeIeee802154Tap(new Uint8Array([0, 0, 4, 0, 0x02, 0x00, 0x05]));
 * assert.equal(tap.version, 0);
 * assert.equal(tap.length, 4);
 * assert.equal(tap.headerLength, 4);
 * ```
 */
export class Ieee802154Tap extends LayerBase {
  /** The discriminant. */
  readonly kind = "ieee802154-tap" as const;
  /** The header was cut before its 4 bytes or before its length. */
  partial = false;
  /** A version other than 0, or a length under 4. */
  invalid = false;
  /** The version (0). */
  version = 0;
  /** The header's length, its TLVs included. */
  length = 0;

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end, 0);
    if (error !== undefined) return error;
    const available = end - offset;
    this.partial = available < 4;
    this.invalid = false;
    this.version = 0;
    this.length = 0;
    if (this.partial) {
      this.headerLength = available;
      return DecodeError.truncated(this.kind, offset, 4, available, true);
    }
    this.version = data[offset]!;
    this.length = readUint16Le(data, offset + 2);
    this.headerLength = 4;
    if (this.version !== 0 || this.length < 4) {
      this.invalid = true;
      return DecodeError.malformed(
        this.kind,
        offset,
        4,
        this.length,
        "bad version or length",
        true,
      );
    }
    if (available < this.length) {
      this.partial = true;
      return DecodeError.truncated(this.kind, offset, this.length, available, true);
    }
    this.headerLength = this.length;
    return undefined;
  }

  /**
   * The TLVs between the first 4 bytes and the frame.
   *
   * @returns Each TLV whose 4-byte header lies within the header (its value may not).
   */
  tlvs(): Ieee802154TapTlv[] {
    const out: Ieee802154TapTlv[] = [];
    const end = this.offset + this.headerLength;
    for (let at = this.offset + 4; at + 4 <= end;) {
      const length = readUint16Le(this.data, at + 2);
      out.push({ type: readUint16Le(this.data, at), length, valueAt: at + 4 });
      at += 4 + ((length + 3) & ~3);
    }
    return out;
  }

  /** The 802.15.4 frame after a whole header. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return ieee802154Decoder;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { version: this.version, length: this.length };
    if (this.partial) json.partial = true;
    if (this.invalid) json.invalid = true;
    return json;
  }
}

/**
 * Creates {@linkcode Ieee802154Tap} layers; the registry entry for link type 283.
 *
 * @example Create a layer
 * ```ts
 * import { ieee802154TapDecoder } from "./ieee802154_tap.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ieee802154TapDecoder.create().kind, "ieee802154-tap");
 * ```
 */
export const ieee802154TapDecoder: ProtocolDescriptor<Ieee802154Tap> = defineProtocol({
  kind: "ieee802154-tap",
  name: "IEEE 802.15.4 TAP",
  tcpdumpName: "802.15.4_tap",
  create: () => new Ieee802154Tap(),
  bindings: { linkTypes: [LinkType.IEEE802_15_4_TAP] },
});

/**
 * Decodes a TAP pseudo-header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header is cut, or its version or length is wrong.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodeIeee802154Tap } from "./ieee802154_tap.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeIeee802154Tap(new Uint8Array([0, 0, 8, 0, 1])), {
 *   message: "Cannot decode IEEE 802.15.4 TAP header: 8 bytes required, received 5",
 * });
 * ```
 */
export function decodeIeee802154Tap(data: Uint8Array, offset = 0): Ieee802154Tap {
  return decodeOne(new Ieee802154Tap(), data, offset);
}
