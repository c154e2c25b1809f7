/**
 * ISO CALM FAST (EtherType `0x1111`), the non-IP networking of ISO 29281 (communications
 * access for land mobiles): a source and a destination network reference, then the
 * message.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { beginPartialHeader } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The header's length: the two network references. */
export const CALM_FAST_HEADER_LENGTH = 2;

/**
 * A CALM FAST packet. The network references are -1 when not captured: a packet cut short
 * in its header is kept as a partial layer (`partial`), as tcpdump prints what it can.
 *
 * @example Decode a packet
 * ```ts
 * import { decodeCalmFast } from "./calm_fast.ts";
 * import assert from "node:assert/strict";
 *
 * const calm = decodeCalmFast(new Uint8Array([3, 4, 0xaa]));
 * assert.equal(calm.sourceNwref, 3);
 * assert.equal(calm.destinationNwref, 4);
 * assert.equal(calm.messageOffset, 2);
 * ```
 */
export class CalmFast extends LayerBase {
  /** The discriminant. */
  readonly kind = "calm-fast" as const;
  /** Fewer than the header's 2 bytes were captured. */
  partial = false;

  /** The source network reference, or -1 when not captured. */
  get sourceNwref(): number {
    return this.offset < this.end ? this.data[this.offset]! : -1;
  }

  /** The destination network reference, or -1 when not captured. */
  get destinationNwref(): number {
    return this.offset + 1 < this.end ? this.data[this.offset + 1]! : -1;
  }

  /** Where the message starts (after the header). */
  get messageOffset(): number {
    return this.offset + CALM_FAST_HEADER_LENGTH;
  }

  /**
   * Decodes the header at `offset`, returning the error instead of throwing. A packet
   * shorter than its header is kept as a partial layer.
   */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    return beginPartialHeader(this, data, offset, end, CALM_FAST_HEADER_LENGTH);
  }

  /** Picks the decoder of the payload: none (tcpdump dumps the message). */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's captured fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const header = { sourceNwref: this.sourceNwref, destinationNwref: this.destinationNwref };
    return this.partial ? { partial: true, ...header } : header;
  }
}

/**
 * Creates {@linkcode CalmFast} layers; bound to EtherType `0x1111`.
 *
 * @example Create a CALM FAST layer
 * ```ts
 * import { calmFastDecoder } from "./calm_fast.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(calmFastDecoder.create().kind, "calm-fast");
 * ```
 */
export const calmFastDecoder: ProtocolDescriptor<CalmFast> = defineProtocol({
  kind: "calm-fast",
  name: "CALM FAST",
  tcpdumpName: "calm_fast",
  create: () => new CalmFast(),
  bindings: { etherTypes: [0x1111] },
});

/**
 * Decodes a CALM FAST packet.
 *
 * @param data The bytes.
 * @param offset Where it starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than the header's 2 bytes remain.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodeCalmFast } from "./calm_fast.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeCalmFast(new Uint8Array(1)), {
 *   message: "Cannot decode CALM FAST header: 2 bytes required, received 1",
 * });
 * ```
 */
export function decodeCalmFast(data: Uint8Array, offset = 0): CalmFast {
  return decodeOne(new CalmFast(), data, offset);
}
