/**
 * CARP, OpenBSD's Common Address Redundancy Protocol, on IP protocol 112, which VRRP also
 * uses: wirekit, like tcpdump, reads that protocol as VRRP unless told otherwise (tcpdump's
 * `-T carp`, which binds protocol 112 to this decoder). Its 36-byte advertisement: version
 * and type, virtual host ID, skew, authentication length, base interval, checksum, a
 * 64-bit counter and a 20-byte HMAC.
 *
 * @module
 */

import { decodeOne } from "../_decode_one.ts";
import { readUint16, readUint32, readUint8Before } from "../_bytes.ts";
import { foldChecksum, sumWords } from "../checksum.ts";
import { DecodeError } from "../errors.ts";
import { wireLength } from "../app/_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/**
 * A CARP message. Its fields are read where captured (0 past the capture: a message cut
 * before its 16th byte, even an empty one, is kept as a partial layer); `captured` says
 * how far.
 *
 * @example Decode an advertisement
 * ```ts
 * import { decodeCarp } from "./carp.ts";
 * import assert from "node:assert/strict";
 *
 * const carp = decodeCarp(new Uint8Array([
 *   0x21, 7, 100, 7, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 42,
 * ]));
 * assert.equal(carp.virtualHostId, 7);
 * assert.equal(carp.counterText, "42");
 * ```
 */
export class Carp extends LayerBase {
  /** The discriminant. */
  readonly kind = "carp" as const;
  /** The version (the first byte's high 4 bits: 2). */
  version = 0;
  /** The type (the first byte's low 4 bits: 1, advertisement). */
  type = 0;
  /** The virtual host ID. */
  virtualHostId = 0;
  /** The advertisement skew. */
  advertisementSkew = 0;
  /** The authentication length (in 32-bit words). */
  authenticationLength = 0;
  /** The advertisement base interval (seconds). */
  advertisementBase = 0;
  /** The checksum. */
  checksum = 0;
  /** How many of the message's bytes were captured. */
  captured = 0;
  /** The message's length on the wire (the IP payload's). */
  wireLength = 0;

  /** The 64-bit counter in decimal, or `""` when it was not captured. */
  get counterText(): string {
    if (this.captured < 16) return "";
    const high = readUint32(this.data, this.offset + 8);
    const low = readUint32(this.data, this.offset + 12);
    return String((BigInt(high) << 32n) | BigInt(low));
  }

  /**
   * Whether the checksum (over the message, no pseudo-header) verifies: `undefined` when
   * the message was not all captured.
   */
  get checksumValid(): boolean | undefined {
    const length = this.wireLength;
    if (length > this.captured) return undefined;
    return foldChecksum(sumWords(this.data, this.offset, this.offset + length, 0)) === 0;
  }

  /** Decodes the message at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const available = Math.max(0, end - offset);
    this.data = data;
    this.offset = offset;
    this.end = end;
    this.headerLength = Math.min(16, available);
    this.captured = available;
    this.wireLength = wireLength(context, offset, available);
    const first = readUint8Before(data, offset, end);
    this.version = first >> 4;
    this.type = first & 0x0f;
    this.virtualHostId = readUint8Before(data, offset + 1, end);
    this.advertisementSkew = readUint8Before(data, offset + 2, end);
    this.authenticationLength = readUint8Before(data, offset + 3, end);
    this.advertisementBase = readUint8Before(data, offset + 5, end);
    this.checksum = available < 8 ? 0 : readUint16(data, offset + 6);
    if (available < 16) return DecodeError.truncated(this.kind, offset, 16, available, true);
    return undefined;
  }

  /** CARP carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      version: this.version,
      type: this.type,
      virtualHostId: this.virtualHostId,
      advertisementSkew: this.advertisementSkew,
      authenticationLength: this.authenticationLength,
      advertisementBase: this.advertisementBase,
      checksum: this.checksum,
      counter: this.counterText,
    };
  }
}

/**
 * Creates {@linkcode Carp} layers; bound to no protocol number (VRRP has 112; tcpdump's
 * `-T carp` binds it here).
 *
 * @example Create a CARP layer
 * ```ts
 * import { carpDecoder } from "./carp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(carpDecoder.create().kind, "carp");
 * ```
 */
export const carpDecoder: ProtocolDescriptor<Carp> = defineProtocol({
  kind: "carp",
  name: "CARP",
  tcpdumpName: "carp",
  create: () => new Carp(),
  bindings: {},
});

/**
 * Decodes a CARP message.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 16 bytes are there.
 *
 * @example Reject a cut-off message
 * ```ts
 * import { decodeCarp } from "./carp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeCarp(new Uint8Array([0x21, 1])), {
 *   message: "Cannot decode CARP header: 16 bytes required, received 2",
 * });
 * ```
 */
export function decodeCarp(data: Uint8Array, offset = 0): Carp {
  return decodeOne(new Carp(), data, offset);
}
