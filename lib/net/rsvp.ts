/**
 * Resource ReSerVation Protocol (RFC 2205), IP protocol 46: an 8-byte common header
 * (version and flags, message type, checksum, send TTL, length) and objects of a
 * length, class and C-Type.
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

/** The size of the RSVP common header. */
export const RSVP_HEADER_LENGTH = 8;

/** An RSVP object header as read at an offset. */
export interface RsvpObject {
  /** Where the object starts. */
  readonly offset: number;
  /** The object length, header included. */
  readonly length: number;
  /** The class number. */
  readonly classNum: number;
  /** The C-Type. */
  readonly cType: number;
}

/**
 * An RSVP message.
 *
 * @example Read an RSVP Path header
 * ```ts
 * import { decodeRsvp } from "./rsvp.ts";
 * import assert from "node:assert/strict";
 *
 * const rsvp = decodeRsvp(new Uint8Array([0x10, 1, 0xa2, 0xc4, 254, 0, 0, 8]));
 * assert.equal(rsvp.version, 1);
 * assert.equal(rsvp.messageType, 1);
 * assert.equal(rsvp.length, 8);
 * ```
 */
export class Rsvp extends LayerBase {
  /** The discriminant. */
  readonly kind = "rsvp" as const;
  /** The version (high nibble of the first byte). */
  version = 0;
  /** The flags (low nibble of the first byte). */
  flags = 0;
  /** The message type. */
  messageType = 0;
  /** The checksum. */
  checksum = 0;
  /** The send TTL. */
  sendTtl = 0;
  /** The message length, header included. */
  length = 0;

  /**
   * The object header at `at`, or `undefined` when its 4 bytes were not captured.
   *
   * @param at Where an object starts.
   * @returns The header.
   */
  objectAt(at: number): RsvpObject | undefined {
    const d = this.data;
    if (at + 4 > this.end) return undefined;
    return {
      offset: at,
      length: (d[at]! << 8) | d[at + 1]!,
      classNum: d[at + 2]!,
      cType: d[at + 3]!,
    };
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    if (end - offset < RSVP_HEADER_LENGTH) {
      return DecodeError.truncated(this.kind, offset, RSVP_HEADER_LENGTH, end - offset);
    }
    this.data = data;
    this.offset = offset;
    this.end = end;
    this.headerLength = RSVP_HEADER_LENGTH;
    this.version = data[offset]! >> 4;
    this.flags = data[offset]! & 0x0f;
    this.messageType = data[offset + 1]!;
    this.checksum = (data[offset + 2]! << 8) | data[offset + 3]!;
    this.sendTtl = data[offset + 4]!;
    this.length = (data[offset + 6]! << 8) | data[offset + 7]!;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      version: this.version,
      flags: this.flags,
      messageType: this.messageType,
      checksum: this.checksum,
      sendTtl: this.sendTtl,
      length: this.length,
    };
  }
}

/**
 * Creates {@linkcode Rsvp} layers; bound to IP protocol 46.
 *
 * @example Create an RSVP layer
 * ```ts
 * import { rsvpDecoder } from "./rsvp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(rsvpDecoder.create().kind, "rsvp");
 * ```
 */
export const rsvpDecoder: ProtocolDescriptor<Rsvp> = defineProtocol({
  kind: "rsvp",
  name: "RSVP",
  tcpdumpName: "rsvp",
  create: () => new Rsvp(),
  bindings: { ipProtocols: [46] },
});

/**
 * Decodes an RSVP message.
 *
 * @param data The bytes.
 * @param offset Where it starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 8 bytes remain.
 *
 * @example Reject a truncated RSVP header
 * ```ts
 * import { decodeRsvp } from "./rsvp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeRsvp(new Uint8Array(4)), {
 *   message: "Cannot decode RSVP header: 8 bytes required, received 4",
 * });
 * ```
 */
export function decodeRsvp(data: Uint8Array, offset = 0): Rsvp {
  return decodeOne(new Rsvp(), data, offset);
}
