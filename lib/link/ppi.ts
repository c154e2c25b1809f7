/**
 * The Per-Packet Information header (`LINKTYPE_PPI`, 192): a version, flags, the header's
 * length and the link type of the frame after it, then TLV fields (802.11 common
 * information, 802.11n MAC and PHY extensions, GPS...) that tcpdump does not print.
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

/** The fixed part of the header: version, flags, length and link type. */
export const PPI_HEADER_LENGTH = 8;

/**
 * A PPI header. The frame after it decodes by its link type (usually 802.11). A length
 * outside 8 to 65,532 decodes with `validLength` false and nothing after it, as tcpdump
 * prints it (` [length 4 < 8 or > 65532] (invalid)`).
 *
 * @example Decode a PPI header before an 802.11 frame
 * ```ts
 * import { decodePpi } from "./ppi.ts";
 * import assert from "node:assert/strict";
 *
 * const ppi = decodePpi(new Uint8Array([0, 0, 8, 0, 105, 0, 0, 0, 0xd4, 0]));
 * assert.equal(ppi.linkType, 105);
 * assert.equal(ppi.length, 8);
 * assert.equal(ppi.headerLength, 8);
 * ```
 */
export class Ppi extends LayerBase {
  /** The discriminant. */
  readonly kind = "ppi" as const;
  /** The version (0). */
  version = 0;
  /** The flags (bit 0: 32-bit alignment of the fields). */
  flags = 0;
  /** The header length, fields included (`pph_len`). */
  length = 0;
  /** The link type of the frame after the header (`pph_dlt`). */
  linkType = 0;
  /** Whether the length lies between 8 and 65,532. */
  validLength = true;

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    if (available < PPI_HEADER_LENGTH) {
      return DecodeError.truncated(this.kind, offset, PPI_HEADER_LENGTH, available);
    }
    const length = data[offset + 2]! | (data[offset + 3]! << 8);
    const valid = length >= PPI_HEADER_LENGTH && length <= 65532;
    if (valid && available < length) {
      return DecodeError.truncated(this.kind, offset, length, available);
    }
    this.data = data;
    this.offset = offset;
    this.end = end;
    this.version = data[offset]!;
    this.flags = data[offset + 1]!;
    this.length = length;
    this.validLength = valid;
    this.linkType = (data[offset + 4]! | (data[offset + 5]! << 8) | (data[offset + 6]! << 16) |
      (data[offset + 7]! << 24)) >>> 0;
    this.headerLength = valid ? length : 0;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    return this.validLength ? context.tables.linkTypes.get(this.linkType) : undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      version: this.version,
      flags: this.flags,
      length: this.length,
      linkType: this.linkType,
    };
  }
}

/**
 * Creates {@linkcode Ppi} layers; the registry entry for `LinkType.PPI`.
 *
 * @example Create a PPI layer
 * ```ts
 * import { ppiDecoder } from "./ppi.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ppiDecoder.create().kind, "ppi");
 * ```
 */
export const ppiDecoder: ProtocolDescriptor<Ppi> = defineProtocol({
  kind: "ppi",
  name: "PPI",
  tcpdumpName: "ppi",
  create: () => new Ppi(),
  bindings: { linkTypes: [LinkType.PPI] },
});

/**
 * Decodes a PPI header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the bytes end inside the header.
 *
 * @example Reject a header longer than the bytes
 * ```ts
 * import { decodePpi } from "./ppi.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodePpi(new Uint8Array([0, 0, 32, 0, 105, 0, 0, 0])), {
 *   message: "Cannot decode PPI header: 32 bytes required, received 8",
 * });
 * ```
 */
export function decodePpi(data: Uint8Array, offset = 0): Ppi {
  return decodeOne(new Ppi(), data, offset);
}
