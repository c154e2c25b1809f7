/**
 * IEEE 802.5 Token Ring (`LINKTYPE_IEEE802`, 6): access control, frame control, the
 * destination and source addresses, a source routing field when the source address's
 * route-information bit is set, then, for LLC frames, an IEEE 802.2 LLC header.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginLayer } from "../_begin_layer.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { LinkType } from "../link_type.ts";
import { formatMac } from "../address.ts";
import { readUint16 } from "../_bytes.ts";
import { llcOrRawIpx } from "./llc.ts";

/** The Token Ring header length without a route field: two control bytes, two addresses. */
export const TOKEN_RING_HEADER_LENGTH = 14;

/** The route-information bit of the source address's first byte. */
export const TOKEN_RING_ROUTED = 0x80;

/** The frame type of LLC frames (`(fc & 0xc0) >> 6`); type 0 is a MAC frame. */
const FRAME_TYPE_LLC = 1;

/**
 * A Token Ring header. A source-routed frame whose route field the capture cut (or whose
 * route control word it cut) is kept as a partial layer (`partial`): tcpdump prints its
 * header with `-e` before it says the frame was cut. Its `headerLength` is then 14.
 *
 * The route control's length counts from the route control word on, as tcpdump counts it:
 * the LLC header starts that many bytes after the addresses, even for a length below 2.
 *
 * @example Decode a source-routed header before LLC/SNAP
 * ```ts
 * import { decodeTokenRing } from "./token_ring.ts";
 * import assert from "node:assert/strict";
 *
 * const tr = decodeTokenRing(new Uint8Array([
 *   0x10, 0x40, 0x40, 0, 0, 0, 0, 2, 0x90, 0, 0, 0, 0, 1,
 *   0x04, 0x30, 0x00, 0x11, 0xaa, 0xaa, 3, 0, 0, 0, 8, 0,
 * ]));
 * assert.equal(tr.frameControl, 0x40);
 * assert.equal(tr.destination, "40:00:00:00:00:02");
 * assert.equal(tr.source, "10:00:00:00:00:01");
 * assert.equal(tr.routed, true);
 * assert.equal(tr.routeLength, 4);
 * assert.equal(tr.largestFrame, 3);
 * assert.deepEqual(tr.segments, [0x0011]);
 * assert.equal(tr.headerLength, 18);
 * ```
 */
export class TokenRing extends LayerBase {
  /** The discriminant. */
  readonly kind = "token-ring" as const;
  /** The access-control byte. */
  accessControl = 0;
  /** The frame-control byte. */
  frameControl = 0;
  /** Whether the source address's route-information bit announces a route field. */
  routed = false;
  /** The route field was cut by the capture: only the 14-byte header may be read. */
  partial = false;

  /** The destination address, `aa:bb:cc:dd:ee:ff`. */
  get destination(): string {
    return formatMac(this.data, this.offset + 2);
  }

  /** The source address without its route-information bit, `aa:bb:cc:dd:ee:ff`. */
  get source(): string {
    const text = formatMac(this.data, this.offset + 8);
    if (!this.routed) return text;
    return (this.data[this.offset + 8]! & 0x7f).toString(16).padStart(2, "0") + text.slice(2);
  }

  /** Whether an LLC header follows (frame type 1), rather than a MAC frame's body. */
  get llc(): boolean {
    return (this.frameControl & 0xc0) >> 6 === FRAME_TYPE_LLC;
  }

  /** The route control word, or -1 without a captured one. */
  get routeControl(): number {
    if (!this.routed || this.end - this.offset < TOKEN_RING_HEADER_LENGTH + 2) return -1;
    return readUint16(this.data, this.offset + TOKEN_RING_HEADER_LENGTH);
  }

  /** The route field's length (route control bits 8 to 12), 0 without a route field. */
  get routeLength(): number {
    const rcf = this.routeControl;
    return rcf < 0 ? 0 : (rcf >> 8) & 0x1f;
  }

  /** The broadcast indicator (route control bits 13 to 15). */
  get broadcast(): number {
    return Math.max(this.routeControl, 0) >> 13;
  }

  /** The direction bit: 0 forward, 1 backward. */
  get direction(): number {
    return (Math.max(this.routeControl, 0) >> 7) & 1;
  }

  /** The largest-frame code (0 for 516 bytes up to 6 for 17800, 7 reserved). */
  get largestFrame(): number {
    return (Math.max(this.routeControl, 0) >> 4) & 7;
  }

  /** The route's number of segments, as tcpdump counts them (`(length - 2) / 2`). */
  get segmentCount(): number {
    return this.partial ? 0 : Math.max(Math.trunc((this.routeLength - 2) / 2), 0);
  }

  /** The route's segment words (ring number in the high 12 bits, bridge in the low 4). */
  get segments(): number[] {
    const words: number[] = [];
    for (let i = 0; i < this.segmentCount; i++) words.push(this.segment(i));
    return words;
  }

  /**
   * A segment word of the route.
   *
   * @param index The segment's index, below {@linkcode segmentCount}.
   * @returns The word (ring number `>> 4`, bridge number `& 0xf`).
   */
  segment(index: number): number {
    return readUint16(this.data, this.offset + TOKEN_RING_HEADER_LENGTH + 2 + 2 * index);
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end, TOKEN_RING_HEADER_LENGTH);
    if (error !== undefined) return error;
    const available = end - offset;
    this.headerLength = TOKEN_RING_HEADER_LENGTH;
    this.accessControl = data[offset]!;
    this.frameControl = data[offset + 1]!;
    this.routed = (data[offset + 8]! & TOKEN_RING_ROUTED) !== 0;
    this.partial = false;
    if (!this.routed) return undefined;
    const required = available < TOKEN_RING_HEADER_LENGTH + 2
      ? TOKEN_RING_HEADER_LENGTH + 2
      : TOKEN_RING_HEADER_LENGTH + this.routeLength;
    if (available < required) {
      this.partial = true;
      return DecodeError.truncated(this.kind, offset, required, available, true);
    }
    this.headerLength = required;
    return undefined;
  }

  /** Picks the decoder of the payload: LLC for LLC frames. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    if (!this.llc) return undefined;
    return llcOrRawIpx(this.data, this.offset + this.headerLength, this.end, context);
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const header: Record<string, unknown> = {
      accessControl: this.accessControl,
      frameControl: this.frameControl,
      destination: this.destination,
      source: this.source,
    };
    if (this.partial) header.partial = true;
    else if (this.routed) {
      header.routeControl = this.routeControl;
      header.segments = this.segments;
    }
    return header;
  }
}

/**
 * Creates {@linkcode TokenRing} layers; the registry entry for `LinkType.IEEE802`.
 *
 * @example Create a Token Ring layer
 * ```ts
 * import { tokenRingDecoder } from "./token_ring.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(tokenRingDecoder.create().kind, "token-ring");
 * ```
 */
export const tokenRingDecoder: ProtocolDescriptor<TokenRing> = defineProtocol({
  kind: "token-ring",
  name: "Token Ring",
  tcpdumpName: "token-ring",
  create: () => new TokenRing(),
  bindings: { linkTypes: [LinkType.IEEE802] },
});

/**
 * Decodes a Token Ring header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 14 bytes remain, or a route field was cut.
 *
 * @example Reject a cut-off header
 * ```ts
 * import { decodeTokenRing } from "./token_ring.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeTokenRing(new Uint8Array(13)), {
 *   message: "Cannot decode Token Ring header: 14 bytes required, received 13",
 * });
 * ```
 */
export function decodeTokenRing(data: Uint8Array, offset = 0): TokenRing {
  return decodeOne(new TokenRing(), data, offset);
}
