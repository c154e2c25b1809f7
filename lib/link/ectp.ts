/**
 * The Ethernet configuration testing protocol (EtherType `0x9000`, "loopback"), as in the
 * Ethernet v2.0 specification: a skip count, then loopback messages (forward data or reply).
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { formatMac } from "../address.ts";
import { beginLayer } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** Loopback message functions. */
export const EctpFunction = {
  /** A reply: a receipt number and data follow. */
  REPLY: 1,
  /** Forward data: a forwarding address and data follow. */
  FORWARD_DATA: 2,
} as const;

/**
 * A configuration testing (loopback) packet. Its fields are little-endian, as the
 * specification says. The message at the skip count is read through getters.
 *
 * @example Decode a forward-data message
 * ```ts
 * import { decodeEctp } from "./ectp.ts";
 * import assert from "node:assert/strict";
 *
 * const ectp = decodeEctp(new Uint8Array([0, 0, 2, 0, 0xaa, 0, 4, 0, 0x1d, 4, 1, 0]));
 * assert.equal(ectp.skipCount, 0);
 * assert.equal(ectp.messageFunction, 2);
 * assert.equal(ectp.forwardingAddress, "aa:00:04:00:1d:04");
 * ```
 */
export class Ectp extends LayerBase {
  /** The discriminant. */
  readonly kind = "ectp" as const;
  /** The skip count: bytes of messages already handled. */
  skipCount = 0;

  /** Where the message to handle starts (after the skip count and the skipped bytes). */
  get messageOffset(): number {
    return this.offset + 2 + this.skipCount;
  }

  /** The message's function ({@linkcode EctpFunction}), or -1 when not captured. */
  get messageFunction(): number {
    const at = this.messageOffset;
    if (at + 2 > this.end) return -1;
    return this.data[at]! | (this.data[at + 1]! << 8);
  }

  /** A reply's receipt number, or -1 when not captured. */
  get receiptNumber(): number {
    const at = this.messageOffset + 2;
    if (at + 2 > this.end) return -1;
    return this.data[at]! | (this.data[at + 1]! << 8);
  }

  /** A forward-data message's forwarding address, or `""` when not captured. */
  get forwardingAddress(): string {
    const at = this.messageOffset + 2;
    if (at + 6 > this.end) return "";
    return formatMac(this.data, at);
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end, 2);
    if (error !== undefined) return error;
    this.headerLength = end - offset;
    this.skipCount = data[offset]! | (data[offset + 1]! << 8);
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const header: Record<string, unknown> = { skipCount: this.skipCount };
    const fn = this.messageFunction;
    if (fn >= 0) header.function = fn;
    if (fn === EctpFunction.REPLY) header.receiptNumber = this.receiptNumber;
    if (fn === EctpFunction.FORWARD_DATA) header.forwardingAddress = this.forwardingAddress;
    return header;
  }
}

/**
 * Creates {@linkcode Ectp} layers; bound to EtherType `0x9000`.
 *
 * @example Create a loopback layer
 * ```ts
 * import { ectpDecoder } from "./ectp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ectpDecoder.create().kind, "ectp");
 * ```
 */
export const ectpDecoder: ProtocolDescriptor<Ectp> = defineProtocol({
  kind: "ectp",
  name: "Loopback",
  tcpdumpName: "loopback",
  create: () => new Ectp(),
  bindings: { etherTypes: [0x9000] },
});

/**
 * Decodes a configuration testing (loopback) packet.
 *
 * @param data The bytes.
 * @param offset Where it starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 2 bytes remain.
 *
 * @example Reject a truncated packet
 * ```ts
 * import { decodeEctp } from "./ectp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeEctp(new Uint8Array(1)), {
 *   message: "Cannot decode Loopback header: 2 bytes required, received 1",
 * });
 * ```
 */
export function decodeEctp(data: Uint8Array, offset = 0): Ectp {
  return decodeOne(new Ectp(), data, offset);
}
