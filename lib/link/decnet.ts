/**
 * DECnet Phase IV routing (EtherType `0x6003`), as the DECnet Routing Layer Functional
 * Specification lays it out on an Ethernet: a little-endian length, optional padding, then
 * a route header (short or long) before an NSP message, or a routing control message
 * (initialization, verification, test, level 1 and 2 routing, router and endnode hello).
 * Every multi-byte field is little-endian; a node address holds the area in its top six
 * bits and the node in its low ten.
 *
 * The layer exposes the fields where the route header or message starts
 * ({@linkcode Decnet.routeOffset}) and reads any byte or word of the message on demand,
 * as -1 when it was not captured; the offsets of each message's fields are in
 * {@linkcode DecnetOffset} and {@linkcode NspOffset}.
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

/** The shortest message: the length word and a short route header (6 bytes, with the length). */
export const DECNET_MIN_LENGTH = 6;

/** Bits of the route flags byte (the first byte after the length and padding). */
export const DecnetFlag = {
  /** Padding precedes the message; the low seven bits are its length. */
  PAD: 0x80,
  /** A future version of the routing layer. */
  FUTURE_VERSION: 0x40,
  /** Intra-Ethernet packet. */
  INTRA_ETHERNET: 0x20,
  /** Returning to sender. */
  RETURNING: 0x10,
  /** Return to sender requested. */
  RETURN_REQUESTED: 0x08,
  /** A control message (its type in the low four bits). */
  CONTROL: 0x01,
} as const;

/** The data message formats (route flags & 7). */
export const DecnetFormat = {
  /** The short route header (flags, destination, source, visits). */
  SHORT: 2,
  /** The long route header (Ethernet-style 6-byte node identifiers). */
  LONG: 6,
} as const;

/** The control message types (route flags & 15). */
export const DecnetControl = {
  /** Initialization. */
  INIT: 1,
  /** Verification. */
  VERIFICATION: 3,
  /** Hello and test. */
  TEST: 5,
  /** Level 1 routing. */
  L1_ROUTING: 7,
  /** Level 2 routing. */
  L2_ROUTING: 9,
  /** Router hello. */
  ROUTER_HELLO: 11,
  /** Endnode hello. */
  ENDNODE_HELLO: 13,
} as const;

/**
 * Offsets of the fields, from the route header's or control message's first byte (its
 * flags byte, at {@linkcode Decnet.routeOffset}), and each message's length.
 */
export const DecnetOffset = {
  /** Short header: destination node address (word). */
  SHORT_DESTINATION: 1,
  /** Short header: source node address (word). */
  SHORT_SOURCE: 3,
  /** Short header: visit count (its low six bits). */
  SHORT_VISITS: 5,
  /** Short header's length. */
  SHORT_LENGTH: 6,
  /** Long header: destination node address (the last word of the 6-byte identifier). */
  LONG_DESTINATION: 7,
  /** Long header: source node address (the last word of the 6-byte identifier). */
  LONG_SOURCE: 15,
  /** Long header: visit count. */
  LONG_VISITS: 18,
  /** Long header's length. */
  LONG_LENGTH: 21,
  /** Initialization, verification, test, routing: the source node (word). */
  CONTROL_SOURCE: 1,
  /** Initialization: routing layer information (node type, flags). */
  INIT_INFO: 3,
  /** Initialization: data link block size (word). */
  INIT_BLOCK_SIZE: 4,
  /** Initialization: version number. */
  INIT_VERSION: 6,
  /** Initialization: ECO number. */
  INIT_ECO: 7,
  /** Initialization: user ECO number. */
  INIT_USER_ECO: 8,
  /** Initialization: hello timer (word). */
  INIT_HELLO: 9,
  /** Initialization message's length. */
  INIT_LENGTH: 12,
  /** Verification's function value, test's data byte. */
  CONTROL_VALUE: 3,
  /** Verification and test messages' length (and routing messages' header). */
  CONTROL_LENGTH: 4,
  /** Hellos: version number. */
  HELLO_VERSION: 1,
  /** Hellos: ECO number. */
  HELLO_ECO: 2,
  /** Hellos: user ECO number. */
  HELLO_USER_ECO: 3,
  /** Hellos: source node address (the last word of the 6-byte identifier). */
  HELLO_SOURCE: 8,
  /** Hellos: routing layer information (node type, flags). */
  HELLO_INFO: 10,
  /** Hellos: data link block size (word). */
  HELLO_BLOCK_SIZE: 11,
  /** Router hello: the router's priority. */
  ROUTER_PRIORITY: 13,
  /** Router hello: hello timer (word). */
  ROUTER_HELLO_TIMER: 15,
  /** Router hello's length, up to its list of routers. */
  ROUTER_HELLO_LENGTH: 18,
  /** Endnode hello: the designated router's node address (last word of its identifier). */
  ENDNODE_ROUTER: 26,
  /** Endnode hello: hello timer (word). */
  ENDNODE_HELLO_TIMER: 28,
  /** Endnode hello: the test data byte. */
  ENDNODE_DATA: 31,
  /** Endnode hello's length. */
  ENDNODE_HELLO_LENGTH: 32,
  /** Routing messages: the length of one entry (count, first id or area, cost and hops). */
  ROUTE_ENTRY_LENGTH: 6,
} as const;

/** Offsets of NSP fields, from the NSP message's first byte (after the route header). */
export const NspOffset = {
  /** Message flags. */
  FLAGS: 0,
  /** Destination link address (word). */
  DESTINATION: 1,
  /** Source link address (word). */
  SOURCE: 3,
  /** The general header's length. */
  HEADER_LENGTH: 5,
  /** The first of up to three sequence or acknowledgement words. */
  SEQUENCE: 5,
  /** Link service: the flags byte, after three sequence words. */
  LINK_SERVICE_FLAGS: 11,
  /** Link service: the flow control value. */
  LINK_SERVICE_VALUE: 12,
  /** Connect messages: the services byte. */
  SERVICES: 5,
  /** Connect messages: the information byte (version). */
  INFO: 6,
  /** Connect messages: the maximum segment size (word). */
  SEGMENT_SIZE: 7,
  /** Connect confirm: the optional data's length. */
  CONFIRM_DATA_LENGTH: 9,
  /** Disconnect messages: the reason (word). */
  REASON: 5,
  /** Disconnect initiate: the optional data's length. */
  DISCONNECT_DATA_LENGTH: 7,
} as const;

/**
 * A DECnet Phase IV routing layer message. The fields are read from the bytes when asked
 * for and are -1 when not captured: a message cut short is kept as a partial layer
 * (`partial`), as tcpdump prints what it can of one.
 *
 * @example Decode an endnode hello's header
 * ```ts
 * import { decodeDecnet, DecnetControl } from "./decnet.ts";
 * import assert from "node:assert/strict";
 *
 * const hello = decodeDecnet(new Uint8Array([0x22, 0, 0x0d, 2, 0, 0]));
 * assert.equal(hello.packetLength, 0x22);
 * assert.equal(hello.flags & 15, DecnetControl.ENDNODE_HELLO);
 * assert.equal(hello.byte(hello.routeOffset + 1), 2);
 * ```
 */
export class Decnet extends LayerBase {
  /** The discriminant. */
  readonly kind = "decnet" as const;
  /** Fewer than the shortest message's 6 bytes were captured. */
  partial = false;

  /** The length word: the bytes after it, padding included. */
  get packetLength(): number {
    return this.word(this.offset);
  }

  /** The padding's length (counting the byte that gives it), 0 without padding. */
  get padLength(): number {
    const first = this.byte(this.offset + 2);
    return first >= 0 && (first & DecnetFlag.PAD) !== 0 ? first & 0x7f : 0;
  }

  /** Where the route header or control message starts: after the length and padding. */
  get routeOffset(): number {
    return this.offset + 2 + this.padLength;
  }

  /** The route flags (see {@linkcode DecnetFlag}), after any padding. */
  get flags(): number {
    return this.byte(this.routeOffset);
  }

  /**
   * A byte of the message.
   *
   * @param at The byte's offset in the packet.
   * @returns The byte, or -1 when not captured.
   */
  byte(at: number): number {
    return at >= this.offset && at < this.end ? this.data[at]! : -1;
  }

  /**
   * A little-endian word of the message (addresses, lengths, timers, sequence numbers).
   *
   * @param at The word's offset in the packet.
   * @returns The word, or -1 when not both bytes were captured.
   */
  word(at: number): number {
    return at >= this.offset && at + 2 <= this.end
      ? this.data[at]! | (this.data[at + 1]! << 8)
      : -1;
  }

  /**
   * Decodes the message at `offset`, returning the error instead of throwing. A message
   * shorter than 6 bytes is kept as a partial layer.
   */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    return beginPartialHeader(this, data, offset, end, DECNET_MIN_LENGTH);
  }

  /** Picks the decoder of the payload: none, the printer reads the NSP message. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the captured header fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      ...(this.partial ? { partial: true } : {}),
      packetLength: this.packetLength,
      padLength: this.padLength,
      flags: this.flags,
    };
  }
}

/**
 * Formats a DECnet node address as tcpdump does: `area.node`.
 *
 * @param address The 16-bit address.
 * @returns The area (top six bits) and node (low ten bits).
 *
 * @example Format node 1.4
 * ```ts
 * import { formatDecnetAddress } from "./decnet.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatDecnetAddress(0x0404), "1.4");
 * ```
 */
export function formatDecnetAddress(address: number): string {
  return `${address >> 10}.${address & 0x3ff}`;
}

/**
 * Creates {@linkcode Decnet} layers; bound to EtherType `0x6003`.
 *
 * @example Create a DECnet layer
 * ```ts
 * import { decnetDecoder } from "./decnet.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decnetDecoder.create().kind, "decnet");
 * ```
 */
export const decnetDecoder: ProtocolDescriptor<Decnet> = defineProtocol({
  kind: "decnet",
  name: "DECnet",
  tcpdumpName: "decnet",
  create: () => new Decnet(),
  bindings: { etherTypes: [0x6003] },
});

/**
 * Decodes a DECnet Phase IV routing message.
 *
 * @param data The bytes.
 * @param offset Where it starts (its length word).
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 6 bytes remain.
 *
 * @example Reject a truncated message
 * ```ts
 * import { decodeDecnet } from "./decnet.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeDecnet(new Uint8Array(4)), {
 *   message: "Cannot decode DECnet header: 6 bytes required, received 4",
 * });
 * ```
 */
export function decodeDecnet(data: Uint8Array, offset = 0): Decnet {
  return decodeOne(new Decnet(), data, offset);
}
