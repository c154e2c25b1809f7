/**
 * IP Encapsulating Security Payload (RFC 4303).
 *
 * @module
 */

import { IpProtocol } from "../ip_protocol.ts";
import type { DecodeError } from "../errors.ts";
import { beginLayer } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/**
 * An ESP header: the security parameters index and the sequence number. The payload is
 * encrypted (with the padding, next header and ICV at its end), so decoding stops here.
 *
 * @example Decode an ESP header
 * ```ts
 * import { decodeEsp } from "./esp.ts";
 * import assert from "node:assert/strict";
 *
 * const esp = decodeEsp(new Uint8Array([0xc0, 0, 0, 1, 0, 0, 0, 7, 0x5a, 0xa5]));
 * assert.equal(esp.spi, 0xc0000001);
 * assert.equal(esp.sequenceNumber, 7);
 * assert.deepEqual(esp.payload, new Uint8Array([0x5a, 0xa5]));
 * ```
 */
export class Esp extends LayerBase {
  /** The discriminant. */
  readonly kind = "esp" as const;
  /** Security parameters index (unsigned 32-bit). */
  spi = 0;
  /** Sequence number (unsigned 32-bit, the low half of an extended one). */
  sequenceNumber = 0;

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end, 8);
    if (error !== undefined) return error;
    this.headerLength = 8;
    this.spi = ((data[offset]! << 24) | (data[offset + 1]! << 16) |
      (data[offset + 2]! << 8) | data[offset + 3]!) >>> 0;
    this.sequenceNumber = ((data[offset + 4]! << 24) | (data[offset + 5]! << 16) |
      (data[offset + 6]! << 8) | data[offset + 7]!) >>> 0;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return { spi: this.spi, sequenceNumber: this.sequenceNumber };
  }
}

/** Creates {@linkcode Esp} layers; the registry entry for IP protocol 50. */
export const espDecoder: ProtocolDescriptor<Esp> = defineProtocol({
  kind: "esp",
  name: "ESP",
  tcpdumpName: "esp",
  create: () => new Esp(),
  bindings: { ipProtocols: [IpProtocol.ESP] },
});

/**
 * Decodes an ESP header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 8 bytes remain.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodeEsp } from "./esp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeEsp(new Uint8Array(5)), {
 *   message: "Cannot decode ESP header: 8 bytes required, received 5",
 * });
 * ```
 */
export function decodeEsp(data: Uint8Array, offset = 0): Esp {
  return decodeOne(new Esp(), data, offset);
}
