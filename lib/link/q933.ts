/**
 * Q.933 link management (ITU-T Q.933 Annex A and ANSI T1.617 Annex D) after Frame
 * Relay's NLPID `0x08`: a call reference, a message type (Status Enquiry, Status Reply)
 * and information elements (report type, link verify sequence numbers, PVC status).
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

/** One multi-octet information element, in the codeset in effect where it lies. */
export interface Q933Element {
  /** The codeset (0 for Q.933, 5 for ANSI's national elements). */
  readonly codeset: number;
  /** The element identifier. */
  readonly code: number;
  /** The element's value bytes. */
  readonly value: Uint8Array;
}

/**
 * A Q.933 message. The elements are read to the end of the bytes; `end` says how the
 * walk ended: `"complete"`, `"truncated"` (an element cut short) or `"zero"` (an element
 * with identifier or length 0, where tcpdump stops printing).
 *
 * @example Decode an ANSI status enquiry
 * ```ts
 * import { decodeQ933 } from "./q933.ts";
 * import assert from "node:assert/strict";
 *
 * const q933 = decodeQ933(new Uint8Array([
 *   0x00, 0x75, 0x95, 0x01, 0x01, 0x01, 0x03, 0x02, 0x05, 0x04,
 * ]));
 * assert.equal(q933.messageType, 0x75);
 * assert.equal(q933.ansi, true);
 * assert.equal(q933.codeset, 5);
 * assert.deepEqual(q933.elements.map((e) => e.code), [0x01, 0x03]);
 * ```
 */
export class Q933 extends LayerBase {
  /** The discriminant. */
  readonly kind = "q933" as const;
  /** The call reference value's bytes (empty for the dummy call reference). */
  callReference: Uint8Array = new Uint8Array(0);
  /** The message type. */
  messageType = 0;
  /** Whether a locking shift to codeset 5 opens the elements (ANSI T1.617 Annex D). */
  ansi = false;
  /** The codeset in effect at the first element. */
  codeset = 0;
  /** The multi-octet information elements. */
  elements: Q933Element[] = [];
  /** How the walk over the elements ended. */
  stop: "complete" | "truncated" | "zero" = "complete";
  /**
   * The element where the walk stopped after reading its identifier and length (one of
   * length 0 or identifier 0, or one cut short), or `undefined`.
   */
  stoppedAt: { codeset: number; code: number; length: number } | undefined = undefined;
  /**
   * Whether tcpdump prints the call reference: it does unless it is one byte and the byte
   * after the message type (and the shift, if any) is 0, as tcpdump tests it.
   */
  showsCallReference = false;
  /**
   * Whether that test of a one-byte call reference found no byte captured after the
   * message type (and the shift): tcpdump's read fails there, after the codeset.
   */
  callReferenceCut = false;
  /**
   * Whether the bytes end before the message type: the layer is kept as a partial decode
   * (see `DecodeError.partial`) with no field read, as tcpdump prints only the length.
   */
  truncated = false;

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const referenceLength = offset < end ? data[offset]! & 0x0f : 0;
    let at = offset + 1;
    this.data = data;
    this.offset = offset;
    this.end = end;
    this.truncated = at + referenceLength + 1 > end;
    if (this.truncated) {
      this.headerLength = end - offset;
      this.callReference = data.subarray(at, at);
      this.messageType = this.codeset = 0;
      this.ansi = this.showsCallReference = this.callReferenceCut = false;
      this.elements = [];
      this.stop = "truncated";
      this.stoppedAt = undefined;
      return DecodeError.truncated(this.kind, offset, referenceLength + 2, end - offset, true);
    }
    this.callReference = data.subarray(at, at + referenceLength);
    at += referenceLength;
    this.messageType = data[at++]!;
    this.headerLength = at - offset;
    let codeset = 0;
    let ansi = false;
    let nonLocking = 0;
    let unshift = 0;
    if (at < end && (data[at]! & 0xf0) === 0x90) {
      const code = data[at++]!;
      codeset = code & 7;
      if ((code & 8) === 0) ansi = codeset === 5;
      else nonLocking = 1;
    }
    this.ansi = ansi;
    this.codeset = codeset;
    this.callReferenceCut = referenceLength === 1 && at >= end;
    this.showsCallReference = referenceLength > 1 ||
      (referenceLength === 1 && at < end && data[at] !== 0);
    this.elements = [];
    this.stop = "complete";
    this.stoppedAt = undefined;
    while (at < end) {
      if (nonLocking === 1) nonLocking = 2;
      else if (nonLocking === 2) {
        codeset = unshift;
        nonLocking = 0;
      }
      const code = data[at++]!;
      if (code & 0x80) {
        if ((code & 0xf0) === 0x90) {
          if ((code & 8) === 0) nonLocking = 0;
          else {
            nonLocking = 1;
            unshift = codeset;
          }
          codeset = code & 7;
        }
        continue;
      }
      if (at >= end) {
        this.stop = "truncated";
        break;
      }
      const length = data[at++]!;
      if (code === 0 || length === 0) {
        this.stop = "zero";
        this.stoppedAt = { codeset, code, length };
        break;
      }
      if (at + length > end) {
        this.stop = "truncated";
        this.stoppedAt = { codeset, code, length };
        break;
      }
      this.elements.push({ codeset, code, value: data.subarray(at, at + length) });
      at += length;
    }
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      messageType: this.messageType,
      ansi: this.ansi,
      codeset: this.codeset,
      elements: this.elements.map((e) => ({ codeset: e.codeset, code: e.code })),
    };
  }
}

/**
 * Creates {@linkcode Q933} layers; what Frame Relay's NLPID `0x08` is followed by.
 *
 * @example Create a Q.933 layer
 * ```ts
 * import { q933Decoder } from "./q933.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(q933Decoder.create().kind, "q933");
 * ```
 */
export const q933Decoder: ProtocolDescriptor<Q933> = defineProtocol({
  kind: "q933",
  name: "Q.933",
  tcpdumpName: "q.933",
  create: () => new Q933(),
  bindings: {},
});

/**
 * Decodes a Q.933 message.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the bytes end before the message type.
 *
 * @example Reject a message without its type
 * ```ts
 * import { decodeQ933 } from "./q933.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeQ933(new Uint8Array([0x01, 0x00])), { code: "truncated" });
 * ```
 */
export function decodeQ933(data: Uint8Array, offset = 0): Q933 {
  return decodeOne(new Q933(), data, offset);
}
