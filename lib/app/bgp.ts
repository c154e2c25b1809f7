/**
 * Border Gateway Protocol 4 (RFC 4271), TCP port 179: messages of a 16-byte marker, a
 * length and a type (OPEN, UPDATE, NOTIFICATION, KEEPALIVE, ROUTE-REFRESH).
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { formatIpv4 } from "../address.ts";
import { readUint16, readUint32 } from "../_bytes.ts";
import type * as shapes from "./_bgp_messages.ts";
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
export {
  BgpAigpTlvs,
  BgpAttributeFields,
  BgpExtendedCommunity,
  BgpFieldView,
  BgpRouteDistinguisher,
} from "./_bgp_values.ts";
export type { BgpMvpnRoute } from "./_bgp_mvpn.ts";
export { BgpPrefixFields } from "./_bgp_prefixes.ts";
export type * from "./_bgp_messages.ts";

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

  /**
   * The fixed part of the OPEN message whose marker is at `at`.
   *
   * @param at The message's offset in `data`.
   * @returns Its fields, or `undefined` when its 29 bytes were not captured.
   */
  open(at: number): shapes.BgpOpen | undefined {
    if (at + 29 > this.end) return undefined;
    const d = this.data;
    return {
      version: d[at + 19]!,
      myAs: readUint16(this.data, at + 20),
      holdTime: readUint16(this.data, at + 22),
      identifier: formatIpv4(d, at + 24),
      optionsLength: d[at + 28]!,
      optionsAt: at + 29,
    };
  }

  /**
   * The optional parameter or capability at `at`.
   *
   * @param at Its offset in `data`.
   * @returns Its type, length and value's place, or `undefined` when its type and length
   * were not captured.
   */
  tlvAt(at: number): shapes.BgpTlv | undefined {
    if (at + 2 > this.end) return undefined;
    const length = this.data[at + 1]!;
    return { type: this.data[at]!, length, valueAt: at + 2, captured: at + 2 + length <= this.end };
  }

  /**
   * The Multiprotocol Extensions capability's (code 1) family: AFI, a reserved byte, SAFI.
   *
   * @param at The value's offset; its 4 bytes must have been captured.
   * @returns The family.
   */
  multiprotocolAt(at: number): shapes.BgpFamily {
    return { afi: readUint16(this.data, at), safi: this.data[at + 3]! };
  }

  /**
   * The 4-byte address family entries of a capability value (Multiple Labels, Graceful
   * Restart's families, Add-Path), whole entries only.
   *
   * @param at Where the entries start; `length` bytes from there must have been captured.
   * @param length The bytes they take.
   * @returns The entries.
   */
  familyEntriesAt(at: number, length: number): shapes.BgpFamilyEntry[] {
    const entries: shapes.BgpFamilyEntry[] = [];
    for (let o = at; o + 4 <= at + length; o += 4) {
      entries.push({
        afi: readUint16(this.data, o),
        safi: this.data[o + 2]!,
        value: this.data[o + 3]!,
      });
    }
    return entries;
  }

  /**
   * The Graceful Restart capability's (code 64) restart flags and time.
   *
   * @param at The value's offset; its first 2 bytes must have been captured.
   * @returns The 4 flag bits and the 12-bit restart time in seconds.
   */
  restartAt(at: number): { flags: number; time: number } {
    const word = readUint16(this.data, at);
    return { flags: word >> 12, time: word & 0xfff };
  }

  /**
   * The 4-octet AS number capability's (code 65) AS number.
   *
   * @param at The value's offset; its 4 bytes must have been captured.
   * @returns The AS number.
   */
  as4At(at: number): number {
    return readUint32(this.data, at);
  }

  /**
   * The error code and subcode of the NOTIFICATION message whose marker is at `at`.
   *
   * @param at The message's offset in `data`.
   * @returns They, or `undefined` when its 21 bytes were not captured.
   */
  notification(at: number): shapes.BgpNotification | undefined {
    if (at + 21 > this.end) return undefined;
    const d = this.data;
    return {
      major: d[at + 19]!,
      minor: d[at + 20]!,
      communicationLength: at + 21 < this.end ? d[at + 21]! : -1,
    };
  }

  /**
   * A Cease NOTIFICATION's data for the maximum number of prefixes (RFC 4486): AFI, SAFI
   * and the limit.
   *
   * @param at Where the data starts (after the subcode); its 7 bytes must have been
   * captured.
   * @returns The family and the limit.
   */
  maxPrefixesAt(at: number): shapes.BgpFamily & { readonly limit: number } {
    return {
      afi: readUint16(this.data, at),
      safi: this.data[at + 2]!,
      limit: readUint32(this.data, at + 3),
    };
  }

  /**
   * The family of the ROUTE-REFRESH message whose marker is at `at` (AFI, a reserved
   * byte, SAFI).
   *
   * @param at The message's offset in `data`.
   * @returns The family, or `undefined` when its 23 bytes were not captured.
   */
  routeRefresh(at: number): shapes.BgpFamily | undefined {
    if (at + 23 > this.end) return undefined;
    return { afi: readUint16(this.data, at + 19), safi: this.data[at + 22]! };
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
