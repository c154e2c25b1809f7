/**
 * AHCP, the Ad-Hoc Configuration Protocol (draft-chroboczek-ahcp-00, ahcpd), on UDP port
 * 5359: a 24-byte header (magic 43, version 1, hop counts, nonce, source and destination
 * IDs), then a message (type, MBZ, body length) whose body is a list of options.
 *
 * @module
 */

import { formatIpv4, formatIpv6, formatMac } from "../address.ts";
import type { DecodeError } from "../errors.ts";
import { readUint16, readUint32, readUint32Before, readUint8Before } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessage, capturedEnd } from "./_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The magic number of the first byte of every AHCP packet. */
export const AHCP_MAGIC = 43;

/** One option of an AHCP message's body. */
export interface AhcpOption {
  /** The option's number (0 Pad and 1 Mandatory have no length). */
  readonly type: number;
  /** Where it starts. */
  readonly offset: number;
  /** Its value's length; -1 when it has no length byte (or the capture cut it). */
  readonly length: number;
  /**
   * Its value as tcpdump reads it: the addresses or prefixes (`addr/len`), the time or
   * seconds as a number's text; those the capture holds.
   */
  readonly values: readonly string[];
  /** The value's length is not a whole number of its elements (4 for times). */
  readonly malformed: boolean;
  /** The capture ends inside the option. */
  readonly cut: boolean;
}

/**
 * How the walk of the options ended: `"end"`; `"invalid"`, an option's length byte is
 * missing or its value overruns the body (`"invalid-cut"`: and the capture ends in the
 * body); `"cut"`, the capture ends at an option's first byte or in its length byte.
 */
export type AhcpOptionsEnd = "end" | "invalid" | "invalid-cut" | "cut";

/** The element size of each option's value; 4 for the times, 0 for none read. */
const ELEMENTS = [0, 0, 4, 4, 16, 4, 17, 0, 16, 4, 17, 5, 16, 16];

/**
 * An AHCP packet. Fields the capture cut read as 0; `captured` says how many bytes it
 * holds.
 *
 * @example Decode a Discover
 * ```ts
 * import { decodeAhcp } from "./ahcp.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(28);
 * bytes.set([43, 1, 1, 1]);
 * const ahcp = decodeAhcp(bytes);
 * assert.equal(ahcp.version, 1);
 * assert.equal(ahcp.messageType, 0);
 * assert.equal(ahcp.bodyLength, 0);
 * ```
 */
export class Ahcp extends LayerBase {
  /** The discriminant. */
  readonly kind = "ahcp" as const;
  /** The magic number ({@linkcode AHCP_MAGIC}). */
  magic = 0;
  /** The version (1). */
  version = 0;
  /** The hop count. */
  hopCount = 0;
  /** The original hop count. */
  originalHopCount = 0;
  /** The nonce. */
  nonce = 0;
  /** The message type: 0 Discover, 1 Offer, 2 Request, 3 Ack, 4 Nack, 5 Release. */
  messageType = 0;
  /** The byte that must be zero after the type. */
  mbz = 0;
  /** The body's length. */
  bodyLength = 0;
  /** How many of the packet's bytes were captured (up to the IP packet's end). */
  captured = 0;
  /** The packet's length on the wire (the UDP payload's). */
  wireLength = 0;

  /** The source ID (8 bytes, colon-separated), `""` when not captured. */
  get sourceId(): string {
    return this.#id(8);
  }

  /** The destination ID, `""` when not captured. */
  get destinationId(): string {
    return this.#id(16);
  }

  #id(at: number): string {
    return at + 8 <= this.captured ? formatMac(this.data, this.offset + at, 8) : "";
  }

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
    this.headerLength = Math.min(28, end - offset);
    this.magic = data[offset]!;
    this.version = readUint8Before(data, offset + 1, snapEnd);
    this.hopCount = readUint8Before(data, offset + 2, snapEnd);
    this.originalHopCount = readUint8Before(data, offset + 3, snapEnd);
    this.nonce = readUint32Before(data, offset + 4, snapEnd);
    this.messageType = readUint8Before(data, offset + 24, snapEnd);
    this.mbz = readUint8Before(data, offset + 25, snapEnd);
    this.bodyLength = offset + 28 <= snapEnd ? readUint16(data, offset + 26) : 0;
    return undefined;
  }

  /** AHCP carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /**
   * The options of the body (its declared length; the packet holds it), as far as the
   * capture holds them.
   *
   * @returns The options and how their walk ended.
   */
  options(): { options: AhcpOption[]; stop: AhcpOptionsEnd } {
    const options: AhcpOption[] = [];
    const data = this.data;
    const end = this.offset + this.captured;
    let at = this.offset + 28;
    let left = this.bodyLength;
    while (left > 0) {
      if (at >= end) return { options, stop: "cut" };
      const type = data[at]!;
      const offset = at++;
      left--;
      const bare = { type, offset, length: -1, values: [], malformed: false, cut: false };
      if (type === 0 || type === 1) {
        options.push(bare);
        continue;
      }
      if (left === 0) {
        options.push(bare);
        return { options, stop: "invalid" };
      }
      if (at >= end) {
        options.push({ ...bare, cut: true });
        return { options, stop: "cut" };
      }
      const length = data[at++]!;
      left--;
      if (length > left) {
        options.push({ ...bare, length });
        return { options, stop: at + left > end ? "invalid-cut" : "invalid" };
      }
      options.push(readValue(data, type, offset, at, length, end));
      at += length;
      left -= length;
    }
    return { options, stop: "end" };
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      magic: this.magic,
      version: this.version,
      hopCount: this.hopCount,
      originalHopCount: this.originalHopCount,
      nonce: this.nonce,
      sourceId: this.sourceId,
      destinationId: this.destinationId,
      messageType: this.messageType,
      bodyLength: this.bodyLength,
    };
  }
}

/** An option's value of `length` bytes at `at`, read as tcpdump's decoder of its type. */
function readValue(
  data: Uint8Array,
  type: number,
  offset: number,
  at: number,
  length: number,
  end: number,
): AhcpOption {
  const values: string[] = [];
  const size = ELEMENTS[type] ?? 0;
  const option = { type, offset, length, values, malformed: false, cut: false };
  if (size === 0) return { ...option, cut: at + length > end };
  if (type === 2 || type === 3) {
    if (length !== 4) return { ...option, malformed: true, cut: at + length > end };
    if (at + 4 > end) return { ...option, cut: true };
    values.push(String(readUint32(data, at)));
    return option;
  }
  let left = length;
  while (left > 0) {
    if (left < size) return { ...option, malformed: true, cut: at + left > end };
    if (at + size > end) return { ...option, cut: true };
    const address = size === 4 || size === 5 ? formatIpv4(data, at) : formatIpv6(data, at);
    values.push(size === 5 || size === 17 ? `${address}/${data[at + size - 1]}` : address);
    at += size;
    left -= size;
  }
  return option;
}

/**
 * Creates {@linkcode Ahcp} layers; the registry entry for UDP port 5359.
 *
 * @example Create an AHCP layer
 * ```ts
 * import { ahcpDecoder } from "./ahcp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ahcpDecoder.create().kind, "ahcp");
 * ```
 */
export const ahcpDecoder: ProtocolDescriptor<Ahcp> = defineProtocol({
  kind: "ahcp",
  name: "AHCP",
  tcpdumpName: "ahcp",
  create: () => new Ahcp(),
  bindings: { udpPorts: [5359] },
});

/**
 * Decodes an AHCP packet.
 *
 * @param data The bytes.
 * @param offset Where the packet starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Read a packet's nonce
 * ```ts
 * import { decodeAhcp } from "./ahcp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decodeAhcp(new Uint8Array([43, 1, 1, 1, 0, 0, 0, 9])).nonce, 9);
 * ```
 */
export function decodeAhcp(data: Uint8Array, offset = 0): Ahcp {
  return decodeOne(new Ahcp(), data, offset);
}
