/**
 * AppleTalk ARP (AARP, EtherType `0x80f3`; Inside AppleTalk, chapter 2): ARP's layout for
 * AppleTalk, a 28-byte packet of hardware and protocol types and address lengths, an
 * operation (1: request, 2: response, 3: probe), and the sender's and target's Ethernet
 * and AppleTalk addresses (a pad byte, a 16-bit network, an 8-bit node).
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { readUint16 } from "../_bytes.ts";
import { beginPartialHeader } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The length of an AARP packet. */
export const AARP_LENGTH = 28;

/** An AppleTalk address: the network and the node. */
export interface AppleTalkAddress {
  /** The 16-bit network number. */
  readonly net: number;
  /** The 8-bit node number. */
  readonly node: number;
}

/**
 * An AARP packet. A packet the capture cut before its 28th byte is kept as a partial layer
 * (`partial`) whose fields must not be read, as tcpdump prints only that it was cut.
 *
 * @example Decode a probe
 * ```ts
 * import { decodeAarp } from "./aarp.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(28);
 * bytes.set([0, 1, 0x80, 0x9b, 6, 4, 0, 3]);
 * bytes.set([0, 0, 7, 9], 14);
 * const aarp = decodeAarp(bytes);
 * assert.equal(aarp.operation, 3);
 * assert.deepEqual(aarp.senderProtocolAddress, { net: 7, node: 9 });
 * ```
 */
export class Aarp extends LayerBase {
  /** The discriminant. */
  readonly kind = "aarp" as const;
  /** Fewer than the packet's 28 bytes were captured. */
  partial = false;

  /** The hardware type (1: Ethernet). */
  get hardwareType(): number {
    return readUint16(this.data, this.offset);
  }

  /** The protocol type (`0x809b`: AppleTalk). */
  get protocolType(): number {
    return readUint16(this.data, this.offset + 2);
  }

  /** The hardware address length. */
  get hardwareLength(): number {
    return this.data[this.offset + 4]!;
  }

  /** The protocol address length. */
  get protocolLength(): number {
    return this.data[this.offset + 5]!;
  }

  /** The operation (1: request, 2: response, 3: probe). */
  get operation(): number {
    return readUint16(this.data, this.offset + 6);
  }

  /** Where the sender's hardware address starts. */
  get senderHardwareAt(): number {
    return this.offset + 8;
  }

  /** The sender's AppleTalk address. */
  get senderProtocolAddress(): AppleTalkAddress {
    return this.#address(this.offset + 14);
  }

  /** Where the target's hardware address starts. */
  get targetHardwareAt(): number {
    return this.offset + 18;
  }

  /** The target's AppleTalk address. */
  get targetProtocolAddress(): AppleTalkAddress {
    return this.#address(this.offset + 24);
  }

  /** The address of a 4-byte field: a pad byte, the network, the node. */
  #address(at: number): AppleTalkAddress {
    return { net: readUint16(this.data, at + 1), node: this.data[at + 3]! };
  }

  /**
   * Decodes the packet at `offset`, returning the error instead of throwing. A packet
   * shorter than 28 bytes is kept as a partial layer.
   */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    return beginPartialHeader(this, data, offset, end, AARP_LENGTH);
  }

  /** AARP carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the packet's fields as a plain object (`{ partial: true }` when cut). */
  toJSON(): Record<string, unknown> {
    if (this.partial) return { partial: true };
    return {
      hardwareType: this.hardwareType,
      protocolType: this.protocolType,
      hardwareLength: this.hardwareLength,
      protocolLength: this.protocolLength,
      operation: this.operation,
      senderProtocolAddress: this.senderProtocolAddress,
      targetProtocolAddress: this.targetProtocolAddress,
    };
  }
}

/**
 * Creates {@linkcode Aarp} layers; bound to EtherType `0x80f3`.
 *
 * @example Create an AARP layer
 * ```ts
 * import { aarpDecoder } from "./aarp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(aarpDecoder.create().kind, "aarp");
 * ```
 */
export const aarpDecoder: ProtocolDescriptor<Aarp> = defineProtocol({
  kind: "aarp",
  name: "AARP",
  tcpdumpName: "aarp",
  create: () => new Aarp(),
  bindings: { etherTypes: [0x80f3] },
});

/**
 * Decodes an AARP packet.
 *
 * @param data The bytes.
 * @param offset Where it starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 28 bytes remain.
 *
 * @example Reject a truncated packet
 * ```ts
 * import { decodeAarp } from "./aarp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeAarp(new Uint8Array(20)), {
 *   message: "Cannot decode AARP header: 28 bytes required, received 20",
 * });
 * ```
 */
export function decodeAarp(data: Uint8Array, offset = 0): Aarp {
  return decodeOne(new Aarp(), data, offset);
}
