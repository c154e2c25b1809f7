/**
 * IP Authentication Header (RFC 4302).
 *
 * @module
 */

import { IpProtocol } from "../ip_protocol.ts";
import { readUint32 } from "../_bytes.ts";
import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/**
 * An authentication header. Its payload is not encrypted, so decoding continues with the
 * next header.
 *
 * @example Decode an AH header in front of ICMPv6
 * ```ts
 * import { decodeAh } from "./ah.ts";
 * import assert from "node:assert/strict";
 *
 * const header = new Uint8Array([
 *   58, 4, 0, 0, 0x00, 0x00, 0x10, 0x01, 0x00, 0x00, 0x00, 0x2a,
 *   0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8, 0x80, 0x00,
 * ]);
 * const ah = decodeAh(header);
 * assert.equal(ah.nextHeader, 58);
 * assert.equal(ah.headerLength, 24);
 * assert.equal(ah.spi, 0x1001);
 * assert.equal(ah.sequenceNumber, 42);
 * assert.equal(ah.icv.length, 12);
 * assert.deepEqual(ah.payload, new Uint8Array([0x80, 0x00]));
 * ```
 */
export class Ah extends LayerBase {
  /** The discriminant. */
  readonly kind = "ah" as const;
  /** The type of the next header (an {@linkcode IpProtocol} number). */
  nextHeader = 0;
  /** The payload length field: the header's length in 4-byte units, minus 2. */
  payloadLength = 0;
  /** The reserved field. */
  reserved = 0;
  /** Security parameters index (unsigned 32-bit). */
  spi = 0;
  /**
   * Sequence number (unsigned 32-bit, the low half of an extended one). An 8-byte header
   * has none: the 4 bytes after it are read in its place when captured, as tcpdump and
   * Wireshark read them (0 otherwise).
   */
  sequenceNumber = 0;
  /**
   * The header ends past the captured bytes (a partial decode, see
   * {@linkcode DecodeError.partial}): `headerLength` is what was captured, and the fields
   * past it read as 0.
   */
  truncated = false;

  /** The header's length by its payload length field, in bytes. */
  get declaredLength(): number {
    return (this.payloadLength + 2) * 4;
  }

  /** The integrity check value, after the fixed 12 bytes (a view; empty in an 8-byte header). */
  get icv(): Uint8Array {
    const end = this.offset + this.headerLength;
    return this.data.subarray(Math.min(this.offset + 12, end), end);
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    if (available < 2) return DecodeError.truncated(this.kind, offset, 8, available);
    const payloadLength = data[offset + 1]!;
    // RFC 4302 says 12 bytes at least, but tcpdump and Wireshark accept an 8-byte header
    // (payload length 0) and go on to the next header: so does wirekit.
    const headerLength = (payloadLength + 2) * 4;
    // A header cut short is kept as far as it goes: tcpdump prints the fields it holds.
    const truncated = available < headerLength;
    this.data = data;
    this.offset = offset;
    this.headerLength = truncated ? available : headerLength;
    this.truncated = truncated;
    this.end = end;
    this.nextHeader = data[offset]!;
    this.payloadLength = payloadLength;
    this.reserved = available < 4 ? 0 : (data[offset + 2]! << 8) | data[offset + 3]!;
    this.spi = available < 8 ? 0 : readUint32(data, offset + 4);
    this.sequenceNumber = available < 12 ? 0 : readUint32(data, offset + 8);
    if (truncated) return DecodeError.truncated(this.kind, offset, headerLength, available, true);
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    return context.tables.ipProtocols.get(this.nextHeader);
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      nextHeader: this.nextHeader,
      payloadLength: this.payloadLength,
      spi: this.spi,
      sequenceNumber: this.sequenceNumber,
      icv: Array.from(this.icv),
    };
  }
}

/** Creates {@linkcode Ah} layers; the registry entry for IP protocol 51. */
export const ahDecoder: ProtocolDescriptor<Ah> = defineProtocol({
  kind: "ah",
  name: "AH",
  tcpdumpName: "ah",
  tcpdumpCut: "read",
  create: () => new Ah(),
  bindings: { ipProtocols: [IpProtocol.AH] },
});

/**
 * Decodes an authentication header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header is cut short, or its length field is 0.
 *
 * @example Reject a header longer than the bytes
 * ```ts
 * import { decodeAh } from "./ah.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeAh(new Uint8Array([6, 4, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1])), {
 *   message: "Cannot decode AH header: 24 bytes required, received 12",
 * });
 * ```
 */
export function decodeAh(data: Uint8Array, offset = 0): Ah {
  return decodeOne(new Ah(), data, offset);
}
