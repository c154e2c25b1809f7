/**
 * sFlow version 5 (sflow.org), UDP port 6343: a datagram header (version, agent address,
 * sub-agent ID, sequence number, uptime, sample count) and samples of records.
 *
 * @module
 */

import { formatIpv4, formatIpv6 } from "../address.ts";
import type { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessage } from "./_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/**
 * An sFlow datagram: the header's fields, and 32-bit words read by offset for the
 * samples.
 *
 * @example Read an sFlow v5 header
 * ```ts
 * import { decodeSflow } from "./sflow.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(28);
 * bytes.set([0, 0, 0, 5, 0, 0, 0, 1, 10, 0, 0, 1]);
 * const sflow = decodeSflow(bytes);
 * assert.equal(sflow.version, 5);
 * assert.equal(sflow.agent, "10.0.0.1");
 * ```
 */
export class Sflow extends LayerBase {
  /** The discriminant. */
  readonly kind = "sflow" as const;
  /** The datagram version (5). */
  version = 0;
  /** The agent address type: 1 IPv4, 2 IPv6. */
  addressType = 0;
  /** The sFlow bytes the transport declares. */
  wireLength = 0;

  /** The size of the datagram header: 28 with an IPv4 agent, 40 with an IPv6 one. */
  get headerSize(): number {
    return this.addressType === 2 ? 40 : 28;
  }

  /** The agent address, or `undefined` when not captured. */
  get agent(): string | undefined {
    const at = this.offset + 8;
    if (this.addressType === 2) {
      return at + 16 <= this.end ? formatIpv6(this.data, at) : undefined;
    }
    return at + 4 <= this.end ? formatIpv4(this.data, at) : undefined;
  }

  /** The sub-agent ID, sequence number, uptime and sample count, when captured. */
  get counts():
    | { agentId: number; sequence: number; uptime: number; samples: number }
    | undefined {
    const at = this.headerSize - 16;
    const agentId = this.word(at);
    const sequence = this.word(at + 4);
    const uptime = this.word(at + 8);
    const samples = this.word(at + 12);
    if (samples === undefined) return undefined;
    return { agentId: agentId!, sequence: sequence!, uptime: uptime!, samples };
  }

  /**
   * The big-endian 32-bit word at `at` bytes into the datagram, or `undefined` when not
   * captured.
   *
   * @param at The offset in the datagram.
   * @returns The word.
   */
  word(at: number): number | undefined {
    const from = this.offset + at;
    if (at < 0 || from + 4 > this.end) return undefined;
    const d = this.data;
    return ((d[from]! << 24) | (d[from + 1]! << 16) | (d[from + 2]! << 8) | d[from + 3]!) >>> 0;
  }

  /**
   * The big-endian 64-bit word at `at` bytes into the datagram, or `undefined`.
   *
   * @param at The offset in the datagram.
   * @returns The word.
   */
  word64(at: number): bigint | undefined {
    const high = this.word(at);
    const low = this.word(at + 4);
    if (high === undefined || low === undefined) return undefined;
    return (BigInt(high) << 32n) | BigInt(low);
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginMessage(this, data, offset, end, context, 8);
    if (error !== undefined) return error;
    this.version = this.word(0)!;
    this.addressType = this.word(4)!;
    this.headerLength = Math.min(this.headerSize, end - offset);
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return { version: this.version, agent: this.agent, ...this.counts };
  }
}

/**
 * Creates {@linkcode Sflow} layers; bound to UDP port 6343.
 *
 * @example Create an sFlow layer
 * ```ts
 * import { sflowDecoder } from "./sflow.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(sflowDecoder.create().kind, "sflow");
 * ```
 */
export const sflowDecoder: ProtocolDescriptor<Sflow> = defineProtocol({
  kind: "sflow",
  name: "sFlow",
  tcpdumpName: "sflow",
  create: () => new Sflow(),
  bindings: { udpPorts: [6343] },
});

/**
 * Decodes an sFlow datagram.
 *
 * @param data The bytes.
 * @param offset Where it starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 8 bytes remain.
 *
 * @example Reject a truncated sFlow datagram
 * ```ts
 * import { decodeSflow } from "./sflow.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeSflow(new Uint8Array(4)), {
 *   message: "Cannot decode sFlow header: 8 bytes required, received 4",
 * });
 * ```
 */
export function decodeSflow(data: Uint8Array, offset = 0): Sflow {
  return decodeOne(new Sflow(), data, offset);
}
