/**
 * Multiprotocol Label Switching (RFC 3032): a stack of 4-byte label entries in front of
 * a packet, after EtherType `0x8847` (or `0x8848`), PPP protocol `0x0281`, or UDP port
 * 6635 (RFC 7510).
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { EtherType } from "../link/ethernet.ts";

/** The UDP port of MPLS over UDP (RFC 7510). */
export const MPLS_UDP_PORT = 6635;

/** The label stack decoder stops at this many entries (a malformed error). */
export const MPLS_MAX_LABELS = 64;

/** One label stack entry. */
export interface MplsLabel {
  /** The label, 20 bits. */
  label: number;
  /** The traffic class (formerly EXP), 3 bits. */
  trafficClass: number;
  /** The bottom-of-stack bit. */
  bottom: boolean;
  /** The time to live. */
  ttl: number;
}

/**
 * An MPLS label stack, from the top entry to the one with the bottom-of-stack bit. The
 * packet after it carries no type: as tcpdump does, the bottom label 0 (IPv4 explicit
 * null) or 3 (implicit null) says IPv4, 2 (IPv6 explicit null) IPv6, and otherwise the
 * first byte does (`0x45`-`0x4f` IPv4, `0x60`-`0x6f` IPv6).
 *
 * @example Decode a one-label stack in front of IPv4
 * ```ts
 * import { decodeMpls } from "./mpls.ts";
 * import assert from "node:assert/strict";
 *
 * // Label 16000, TC 0, bottom of stack, TTL 126.
 * const mpls = decodeMpls(new Uint8Array([0x03, 0xe8, 0x01, 0x7e, 0x45]));
 * assert.equal(mpls.depth, 1);
 * assert.deepEqual(mpls.labels[0], { label: 16000, trafficClass: 0, bottom: true, ttl: 126 });
 * assert.equal(mpls.headerLength, 4);
 * assert.equal(mpls.payloadType, "ipv4");
 * ```
 */
export class Mpls extends LayerBase {
  /** The discriminant. */
  readonly kind = "mpls" as const;
  /** How many label entries the stack holds. */
  depth = 0;
  /** The bottom entry's label. */
  bottomLabel = 0;
  #labels: MplsLabel[] | undefined = undefined;

  /** The label entries, top first (read when first asked). */
  get labels(): readonly MplsLabel[] {
    if (this.#labels !== undefined) return this.#labels;
    const labels: MplsLabel[] = [];
    for (let i = 0; i < this.depth; i++) labels.push(this.entryAt(i));
    this.#labels = labels;
    return labels;
  }

  /**
   * Reads one label entry.
   *
   * @param index The entry's index, 0 for the top of the stack.
   * @returns The entry.
   */
  entryAt(index: number): MplsLabel {
    const d = this.data;
    const at = this.offset + index * 4;
    return {
      label: (d[at]! << 12) | (d[at + 1]! << 4) | (d[at + 2]! >> 4),
      trafficClass: (d[at + 2]! >> 1) & 0x07,
      bottom: (d[at + 2]! & 0x01) !== 0,
      ttl: d[at + 3]!,
    };
  }

  /**
   * What the payload is, as tcpdump guesses it: `"ipv4"`, `"ipv6"`, `"osi"` (first byte
   * `0x81`-`0x83`), or `undefined` (unknown, or no payload byte captured).
   */
  get payloadType(): "ipv4" | "ipv6" | "osi" | undefined {
    const label = this.bottomLabel;
    if (label === 0 || label === 3) return "ipv4";
    if (label === 2) return "ipv6";
    const at = this.offset + this.headerLength;
    if (at >= this.end) return undefined;
    const first = this.data[at]!;
    if (first >= 0x45 && first <= 0x4f) return "ipv4";
    if (first >= 0x60 && first <= 0x6f) return "ipv6";
    if (first >= 0x81 && first <= 0x83) return "osi";
    return undefined;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    let depth = 0;
    for (;;) {
      const at = offset + depth * 4;
      if (at + 4 > end) {
        return DecodeError.truncated(this.kind, offset, depth * 4 + 4, end - offset);
      }
      depth++;
      if ((data[at + 2]! & 0x01) !== 0) {
        this.bottomLabel = (data[at]! << 12) | (data[at + 1]! << 4) | (data[at + 2]! >> 4);
        break;
      }
      if (depth === MPLS_MAX_LABELS) {
        return DecodeError.malformed(
          this.kind,
          offset,
          MPLS_MAX_LABELS,
          depth,
          `no bottom of stack in ${MPLS_MAX_LABELS} labels`,
        );
      }
    }
    this.data = data;
    this.offset = offset;
    this.headerLength = depth * 4;
    this.end = end;
    this.depth = depth;
    this.#labels = undefined;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    const type = this.payloadType;
    if (type === "ipv4") return context.tables.etherTypes.get(EtherType.IPV4);
    if (type === "ipv6") return context.tables.etherTypes.get(EtherType.IPV6);
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return { labels: this.labels.map((label) => ({ ...label })) };
  }
}

/**
 * Creates {@linkcode Mpls} layers; the registry entry for EtherTypes `0x8847` and
 * `0x8848` and UDP port 6635.
 *
 * @example Create an MPLS layer
 * ```ts
 * import { mplsDecoder } from "./mpls.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(mplsDecoder.create().kind, "mpls");
 * assert.deepEqual(mplsDecoder.bindings.etherTypes, [0x8847, 0x8848]);
 * ```
 */
export const mplsDecoder: ProtocolDescriptor<Mpls> = defineProtocol({
  kind: "mpls",
  name: "MPLS",
  tcpdumpName: "mpls",
  create: () => new Mpls(),
  bindings: {
    etherTypes: [EtherType.MPLS, EtherType.MPLS_MULTICAST],
    udpPorts: [MPLS_UDP_PORT],
  },
});

/**
 * Decodes an MPLS label stack.
 *
 * @param data The bytes.
 * @param offset Where the stack starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the bytes end before the bottom of the stack, or the stack
 * has more than {@linkcode MPLS_MAX_LABELS} entries.
 *
 * @example Read a two-label stack, and reject one without its bottom
 * ```ts
 * import { decodeMpls } from "./mpls.ts";
 * import assert from "node:assert/strict";
 *
 * const mpls = decodeMpls(new Uint8Array([0, 0x01, 0x20, 0xfe, 0, 0x01, 0x01, 0xff]));
 * assert.deepEqual(mpls.labels.map((entry) => entry.label), [18, 16]);
 * assert.throws(() => decodeMpls(new Uint8Array([0, 0x01, 0x20, 0xfe])), {
 *   message: "Cannot decode MPLS header: 8 bytes required, received 4",
 * });
 * ```
 */
export function decodeMpls(data: Uint8Array, offset = 0): Mpls {
  return decodeOne(new Mpls(), data, offset);
}
