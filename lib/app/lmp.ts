/**
 * LMP, the Link Management Protocol (RFC 4204, and the UNI 1.0 service discovery
 * objects), on UDP port 701: an 8-byte common header (version, flags, message type,
 * length), then objects, each a 4-byte header (negotiable bit and class type, class,
 * length) and a body.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
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

/** The length of LMP's common header. */
export const LMP_HEADER_LENGTH = 8;

/** One object's header, as the capture holds it. */
export interface LmpObject {
  /** Where the object (its header) starts. */
  readonly offset: number;
  /** The object's class. */
  readonly classNum: number;
  /** Its class type (the low 7 bits). */
  readonly ctype: number;
  /** The N (negotiable) bit. */
  readonly negotiable: boolean;
  /** Its length, header included. */
  readonly length: number;
}

/**
 * An LMP message. The header's fields read as 0 where the capture cut them; `captured`
 * says how many bytes it holds.
 *
 * @example Decode a Hello's header
 * ```ts
 * import { decodeLmp } from "./lmp.ts";
 * import assert from "node:assert/strict";
 *
 * const lmp = decodeLmp(new Uint8Array([0x10, 0, 0, 4, 0, 8, 0, 0]));
 * assert.equal(lmp.version, 1);
 * assert.equal(lmp.messageType, 4);
 * assert.equal(lmp.length, 8);
 * ```
 */
export class Lmp extends LayerBase {
  /** The discriminant. */
  readonly kind = "lmp" as const;
  /** The version (the high 4 bits of the first 16-bit word; 1). */
  version = 0;
  /** The header's flags (0x01 Control Channel Down, 0x02 LMP restart). */
  flags = 0;
  /** The message type. */
  messageType = 0;
  /** The message's length, header included. */
  length = 0;
  /** How many of the message's bytes were captured (up to the IP packet's end). */
  captured = 0;
  /** The message's length on the wire (the UDP payload's). */
  wireLength = 0;

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginMessage(this, data, offset, end, context);
    if (error !== undefined) return error;
    const snapEnd = capturedEnd(context, end);
    this.captured = snapEnd - offset;
    this.headerLength = Math.min(LMP_HEADER_LENGTH, end - offset);
    // A reused layer keeps no field of its previous message when this header is cut.
    this.version = 0;
    this.flags = 0;
    this.messageType = 0;
    this.length = 0;
    if (!this.has(0, LMP_HEADER_LENGTH)) return undefined;
    this.version = data[offset]! >> 4;
    this.flags = data[offset + 2]!;
    this.messageType = data[offset + 3]!;
    this.length = readUint16(data, offset + 4);
    return undefined;
  }

  /** Whether `length` bytes at `at` (from the message's start) were captured. */
  has(at: number, length: number): boolean {
    return at >= 0 && at + length <= this.captured;
  }

  /** LMP carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /**
   * The object header at `at` (bytes from the message's start), or `undefined` when the
   * capture ends in it.
   *
   * @param at Where the object starts, from the message's start.
   * @returns The object's header fields.
   */
  objectAt(at: number): LmpObject | undefined {
    if (!this.has(at, 4)) return undefined;
    const start = this.offset + at;
    const ctype = this.data[start]!;
    return {
      offset: start,
      classNum: this.data[start + 1]!,
      ctype: ctype & 0x7f,
      negotiable: (ctype & 0x80) !== 0,
      length: readUint16(this.data, start + 2),
    };
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      version: this.version,
      flags: this.flags,
      messageType: this.messageType,
      length: this.length,
    };
  }
}

/**
 * Creates {@linkcode Lmp} layers; the registry entry for UDP port 701.
 *
 * @example Create an LMP layer
 * ```ts
 * import { lmpDecoder } from "./lmp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(lmpDecoder.create().kind, "lmp");
 * ```
 */
export const lmpDecoder: ProtocolDescriptor<Lmp> = defineProtocol({
  kind: "lmp",
  name: "LMP",
  tcpdumpName: "lmp",
  create: () => new Lmp(),
  bindings: { udpPorts: [701] },
});

/**
 * Decodes an LMP message.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Read an object's header
 * ```ts
 * import { decodeLmp } from "./lmp.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([0x10, 0, 0, 4, 0, 16, 0, 0, 1, 1, 0, 8, 0, 0, 0, 1]);
 * assert.equal(decodeLmp(bytes).objectAt(8)?.classNum, 1);
 * ```
 */
export function decodeLmp(data: Uint8Array, offset = 0): Lmp {
  return decodeOne(new Lmp(), data, offset);
}
