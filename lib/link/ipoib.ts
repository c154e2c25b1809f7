/**
 * IP over InfiniBand (`LINKTYPE_IPOIB`, 242, RFC 4391): a 44-byte pseudo-header whose
 * last 4 bytes hold an EtherType and a reserved field, as Linux captures it.
 *
 * @module
 */

import { LinkType } from "../link_type.ts";
import type { DecodeError } from "../errors.ts";
import { beginLayer } from "../_begin_layer.ts";
import { readUint16 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/**
 * An IPoIB pseudo-header: 40 bytes of addressing (the destination hardware address and
 * padding, as captured) then the EtherType of the payload at offset 40 and 2 reserved
 * bytes. The payload is chosen by EtherType alone (tcpdump reads no 802.3 length here).
 *
 * @example Decode a header carrying IPv4
 * ```ts
 * import { decodeIpoib } from "./ipoib.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(45);
 * bytes.set([0x08, 0x00, 0, 0, 0x45], 40);
 * const ipoib = decodeIpoib(bytes);
 * assert.equal(ipoib.etherType, 0x0800);
 * assert.deepEqual(ipoib.payload, new Uint8Array([0x45]));
 * ```
 */
export class Ipoib extends LayerBase {
  /** The discriminant. */
  readonly kind = "ipoib" as const;
  /** The EtherType of the payload. */
  etherType = 0;
  /** The reserved field after the EtherType. */
  reserved = 0;

  /** The 40 bytes before the EtherType (a view). */
  get addressBytes(): Uint8Array {
    return this.data.subarray(this.offset, this.offset + 40);
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end, 44);
    if (error !== undefined) return error;
    this.headerLength = 44;
    this.etherType = readUint16(data, offset + 40);
    this.reserved = readUint16(data, offset + 42);
    return undefined;
  }

  /** Picks the decoder of the payload by EtherType. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    return context.tables.etherTypes.get(this.etherType);
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return { etherType: this.etherType, reserved: this.reserved };
  }
}

/**
 * Creates {@linkcode Ipoib} layers; the registry entry for `LinkType.IPOIB`.
 *
 * @example Create a layer
 * ```ts
 * import { ipoibDecoder } from "./ipoib.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ipoibDecoder.create().kind, "ipoib");
 * ```
 */
export const ipoibDecoder: ProtocolDescriptor<Ipoib> = defineProtocol({
  kind: "ipoib",
  name: "IPoIB",
  tcpdumpName: "ipoib",
  create: () => new Ipoib(),
  bindings: { linkTypes: [LinkType.IPOIB] },
});

/**
 * Decodes an IPoIB pseudo-header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 44 bytes remain.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodeIpoib } from "./ipoib.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeIpoib(new Uint8Array(43)), {
 *   message: "Cannot decode IPoIB header: 44 bytes required, received 43",
 * });
 * ```
 */
export function decodeIpoib(data: Uint8Array, offset = 0): Ipoib {
  return decodeOne(new Ipoib(), data, offset);
}
