/**
 * Transparent Inter-Process Communication (TIPC, EtherType `0x88ca`), as the TIPC draft
 * specification (draft-spec-tipc-07) and its message formats lay out the header: 32-bit
 * words whose first two say the version, user, header and message sizes and the message
 * type. The user picks one of three layouts: a payload message (data, name distributor,
 * connection manager), an internal message (broadcast, bundler, link state, changeover,
 * fragmenter) and a link configuration (neighbour detection) message.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { readUint32 } from "../_bytes.ts";
import { beginPartialHeader } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The message users (the first word's bits 25 to 28). */
export const TipcUser = {
  /** Low importance data. */
  LOW_IMPORTANCE: 0,
  /** Medium importance data. */
  MEDIUM_IMPORTANCE: 1,
  /** High importance data. */
  HIGH_IMPORTANCE: 2,
  /** Critical importance data. */
  CRITICAL_IMPORTANCE: 3,
  /** Broadcast link protocol (internal). */
  BCAST_PROTOCOL: 5,
  /** Message bundler (internal). */
  MSG_BUNDLER: 6,
  /** Link state protocol (internal). */
  LINK_PROTOCOL: 7,
  /** Connection manager (a payload layout). */
  CONN_MANAGER: 8,
  /** Link changeover protocol (internal). */
  CHANGEOVER_PROTOCOL: 10,
  /** Name table distributor (a payload layout). */
  NAME_DISTRIBUTOR: 11,
  /** Message fragmenter (internal). */
  MSG_FRAGMENTER: 12,
  /** Neighbour detection (link configuration). */
  LINK_CONFIG: 13,
} as const;

/** The header layouts, picked by the user. */
export type TipcLayout = "payload" | "internal" | "link-config" | "unknown";

/**
 * The header layout of a user.
 *
 * @param user The message user (see {@linkcode TipcUser}).
 * @returns Its layout; `"unknown"` for a user no layout is known for.
 *
 * @example
 * ```ts
 * import { TipcUser, tipcLayout } from "./tipc.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(tipcLayout(TipcUser.NAME_DISTRIBUTOR), "payload");
 * assert.equal(tipcLayout(TipcUser.LINK_CONFIG), "link-config");
 * assert.equal(tipcLayout(4), "unknown");
 * ```
 */
export function tipcLayout(user: number): TipcLayout {
  if (user < 0) return "unknown";
  if (user <= 3 || user === 8 || user === 11) return "payload";
  if (user === 13) return "link-config";
  return user === 5 || user === 6 || user === 7 || user === 10 || user === 12
    ? "internal"
    : "unknown";
}

/**
 * A TIPC message header. Every field is read from its word when asked for, and is -1 when
 * the word was not captured: a header cut short is kept as a partial layer (`partial`), as
 * tcpdump prints what it can of one. The fields of the three layouts are all read from any
 * message; which apply depends on {@linkcode Tipc.user} ({@linkcode tipcLayout}).
 *
 * @example Decode a short payload header
 * ```ts
 * import { decodeTipc } from "./tipc.ts";
 * import assert from "node:assert/strict";
 *
 * const tipc = decodeTipc(new Uint8Array([
 *   0x40, 0xc0, 0, 24, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0x10, 2, 0, 0, 0, 7, 0, 0, 0, 9,
 * ]));
 * assert.equal(tipc.version, 2);
 * assert.equal(tipc.headerSize, 24);
 * assert.equal(tipc.previousNode, 0x01001002);
 * assert.equal(tipc.destinationPort, 9);
 * assert.equal(tipc.originNode, -1);
 * ```
 */
export class Tipc extends LayerBase {
  /** The discriminant. */
  readonly kind = "tipc" as const;
  /** Fewer bytes than the header size (or than the first word) were captured. */
  partial = false;

  /**
   * A word of the header.
   *
   * @param index The word's index (0 for the first).
   * @returns The unsigned word, or -1 when not captured.
   */
  word(index: number): number {
    const at = this.offset + 4 * index;
    return index >= 0 && at + 4 <= this.end ? readUint32(this.data, at) : -1;
  }

  /** The version (word 0, bits 29 to 31). */
  get version(): number {
    return this.#bits(0, 29, 0x7);
  }

  /** The user (word 0, bits 25 to 28; see {@linkcode TipcUser}). */
  get user(): number {
    return this.#bits(0, 25, 0xf);
  }

  /** The header size in bytes (word 0, bits 21 to 24, in words). */
  get headerSize(): number {
    const words = this.#bits(0, 21, 0xf);
    return words < 0 ? -1 : words * 4;
  }

  /** The message size in bytes, header included (word 0, bits 0 to 16). */
  get messageSize(): number {
    return this.#bits(0, 0, 0x1ffff);
  }

  /** The message type (word 1, bits 29 to 31); its meaning depends on the user. */
  get messageType(): number {
    return this.#bits(1, 29, 0x7);
  }

  /** Internal: the sequence gap (word 1, bits 16 to 28). */
  get sequenceGap(): number {
    return this.#bits(1, 16, 0x1fff);
  }

  /** Payload and internal: the broadcast acknowledge number (word 1, bits 0 to 15). */
  get broadcastAck(): number {
    return this.#bits(1, 0, 0xffff);
  }

  /** Link configuration: the node signature (word 1, bits 0 to 15). */
  get nodeSignature(): number {
    return this.#bits(1, 0, 0xffff);
  }

  /** Payload: the link acknowledge number (word 2, bits 16 to 31). */
  get linkAck(): number {
    return this.#bits(2, 16, 0xffff);
  }

  /** Payload: the link sequence number (word 2, bits 0 to 15). */
  get linkSequence(): number {
    return this.#bits(2, 0, 0xffff);
  }

  /** Internal: the broadcast gap's first missing number (word 2, bits 16 to 31). */
  get broadcastGapAfter(): number {
    return this.#bits(2, 16, 0xffff);
  }

  /** Internal: the broadcast gap's last missing number (word 2, bits 0 to 15). */
  get broadcastGapTo(): number {
    return this.#bits(2, 0, 0xffff);
  }

  /** Link configuration: the destination domain, a TIPC address (word 2). */
  get destinationDomain(): number {
    return this.word(2);
  }

  /** The previous node, a TIPC address (word 3). */
  get previousNode(): number {
    return this.word(3);
  }

  /** Payload: the originating port (word 4). */
  get originPort(): number {
    return this.word(4);
  }

  /** Internal: the last sent packet's number (word 4, bits 16 to 31). */
  get lastSentPacket(): number {
    return this.#bits(4, 16, 0xffff);
  }

  /** Internal: the next sent packet's number (word 4, bits 0 to 15). */
  get nextSentPacket(): number {
    return this.#bits(4, 0, 0xffff);
  }

  /** Link configuration: the network identity (word 4). */
  get networkId(): number {
    return this.word(4);
  }

  /** Payload: the destination port (word 5). */
  get destinationPort(): number {
    return this.word(5);
  }

  /** Internal: the session number (word 5, bits 16 to 31). */
  get sessionNumber(): number {
    return this.#bits(5, 16, 0xffff);
  }

  /** Link configuration: the media identity (word 5, bits 0 to 7). */
  get mediaId(): number {
    return this.#bits(5, 0, 0xff);
  }

  /** Payload (long header) and internal: the originating node, a TIPC address (word 6). */
  get originNode(): number {
    return this.word(6);
  }

  /** Payload (long header) and internal: the destination node, a TIPC address (word 7). */
  get destinationNode(): number {
    return this.word(7);
  }

  /** Internal: the transport sequence number (word 8). */
  get transportSequence(): number {
    return this.word(8);
  }

  /** Internal: the message count (word 9, bits 16 to 31). */
  get messageCount(): number {
    return this.#bits(9, 16, 0xffff);
  }

  /** Internal: the link tolerance (word 9, bits 0 to 15). */
  get linkTolerance(): number {
    return this.#bits(9, 0, 0xffff);
  }

  /**
   * Decodes the header at `offset`, returning the error instead of throwing. A header
   * shorter than its header size (or than its first word) is kept as a partial layer.
   */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    // The header size is in the first word: until it is known, the header is that word.
    const size = offset + 4 <= end ? ((readUint32(data, offset) >>> 21) & 0xf) * 4 : 4;
    return beginPartialHeader(this, data, offset, end, Math.max(4, size));
  }

  /** Picks the decoder of the payload: none (tcpdump prints the header alone). */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the first two words' captured fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      version: this.version,
      user: this.user,
      headerSize: this.headerSize,
      messageSize: this.messageSize,
      messageType: this.messageType,
    };
    if (this.partial) json.partial = true;
    return json;
  }

  #bits(index: number, shift: number, mask: number): number {
    const word = this.word(index);
    return word < 0 ? -1 : (word >>> shift) & mask;
  }
}

/**
 * Creates {@linkcode Tipc} layers; bound to EtherType `0x88ca`.
 *
 * @example Create a TIPC layer
 * ```ts
 * import { tipcDecoder } from "./tipc.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(tipcDecoder.create().kind, "tipc");
 * ```
 */
export const tipcDecoder: ProtocolDescriptor<Tipc> = defineProtocol({
  kind: "tipc",
  name: "TIPC",
  tcpdumpName: "tipc",
  create: () => new Tipc(),
  bindings: { etherTypes: [0x88ca] },
});

/**
 * Decodes a TIPC message header.
 *
 * @param data The bytes.
 * @param offset Where it starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header (its header size, at least its first word) was
 * not all captured.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodeTipc } from "./tipc.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeTipc(new Uint8Array(2)), {
 *   message: "Cannot decode TIPC header: 4 bytes required, received 2",
 * });
 * ```
 */
export function decodeTipc(data: Uint8Array, offset = 0): Tipc {
  return decodeOne(new Tipc(), data, offset);
}
