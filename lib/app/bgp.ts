/**
 * Border Gateway Protocol 4 (RFC 4271), TCP port 179: messages of a 16-byte marker, a
 * length and a type (OPEN, UPDATE, NOTIFICATION, KEEPALIVE, ROUTE-REFRESH).
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { beginLayer } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

export { AsPathCursor, BgpAttributeType } from "./_bgp_attributes.ts";
export { BgpUpdateCursor, BgpUpdateItem } from "./_bgp_update.ts";
export type { BgpMvpnRoute } from "./_bgp_mvpn.ts";
export { BgpPrefixFields } from "./_bgp_prefixes.ts";

/** The size of a BGP message header (marker, length, type). */
export const BGP_HEADER_LENGTH = 19;

/** BGP message types. */
export const BgpMessageType = {
  OPEN: 1,
  UPDATE: 2,
  NOTIFICATION: 3,
  KEEPALIVE: 4,
  ROUTE_REFRESH: 5,
} as const;

/** A BGP message header found in a segment. */
export interface BgpMessage {
  /** Where the marker starts. */
  readonly offset: number;
  /** The message length, header included. */
  readonly length: number;
  /** The message type. */
  readonly type: number;
  /** Whether marker bytes were skipped before it (tcpdump marks them `[|bgp]`). */
  readonly skipped: boolean;
  /** Whether the whole message was captured. */
  readonly complete: boolean;
}

/**
 * The BGP bytes of a TCP segment: tcpdump looks for each message's all-ones marker, so
 * {@linkcode Bgp.messages} lists what it finds that way.
 *
 * @example List a KEEPALIVE
 * ```ts
 * import { decodeBgp } from "./bgp.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(19).fill(0xff);
 * bytes.set([0, 19, 4], 16);
 * assert.deepEqual(decodeBgp(bytes).messages.map((m) => [m.type, m.length]), [[4, 19]]);
 * ```
 */
export class Bgp extends LayerBase {
  /** The discriminant. */
  readonly kind = "bgp" as const;
  #messages: BgpMessage[] | undefined = undefined;

  /**
   * The messages found by their markers, up to the first cut one (listed, not
   * `complete`) or one whose length is below 19 (listed).
   */
  get messages(): BgpMessage[] {
    if (this.#messages !== undefined) return this.#messages;
    const out: BgpMessage[] = [];
    const d = this.data;
    let p = this.offset;
    let start = p;
    while (p < this.end) {
      if (d[p] !== 0xff) {
        p++;
        continue;
      }
      if (p + 16 > this.end) break;
      let marker = true;
      for (let i = 1; i < 16 && marker; i++) marker = d[p + i] === 0xff;
      if (!marker) {
        p++;
        continue;
      }
      if (p + BGP_HEADER_LENGTH > this.end) {
        out.push({ offset: p, length: -1, type: -1, skipped: start !== p, complete: false });
        break;
      }
      const length = (d[p + 16]! << 8) | d[p + 17]!;
      const complete = length >= BGP_HEADER_LENGTH && p + length <= this.end;
      out.push({ offset: p, length, type: d[p + 18]!, skipped: start !== p, complete });
      if (!complete) break;
      p += length;
      start = p;
    }
    this.#messages = out;
    return out;
  }

  /** Decodes the segment at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end);
    if (error !== undefined) return error;
    this.headerLength = Math.min(BGP_HEADER_LENGTH, end - offset);
    this.#messages = undefined;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the messages' types and lengths as a plain object. */
  toJSON(): Record<string, unknown> {
    return { messages: this.messages.map((m) => ({ type: m.type, length: m.length })) };
  }
}

/**
 * Creates {@linkcode Bgp} layers; bound to TCP port 179.
 *
 * @example Create a BGP layer
 * ```ts
 * import { bgpDecoder } from "./bgp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(bgpDecoder.create().kind, "bgp");
 * ```
 */
export const bgpDecoder: ProtocolDescriptor<Bgp> = defineProtocol({
  kind: "bgp",
  name: "BGP",
  tcpdumpName: "bgp",
  create: () => new Bgp(),
  bindings: { tcpPorts: [179] },
});

/**
 * Decodes the BGP bytes of a segment.
 *
 * @param data The bytes.
 * @param offset Where they start.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Reject an empty segment
 * ```ts
 * import { decodeBgp } from "./bgp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeBgp(new Uint8Array(0)), {
 *   message: "Cannot decode BGP header: 1 bytes required, received 0",
 * });
 * ```
 */
export function decodeBgp(data: Uint8Array, offset = 0): Bgp {
  return decodeOne(new Bgp(), data, offset);
}
