/**
 * Network Service Header (NSH, RFC 8300): the service function path of a packet (its
 * identifier and index), metadata (four fixed context headers with MD type 1, TLVs with MD
 * type 2), then the packet itself (IPv4, IPv6, Ethernet), behind EtherType `0x894f` or a
 * VXLAN-GPE header.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { beginLayer } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import { readUint16, readUint24, readUint32 } from "../_bytes.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { etherTypeOfNextProtocol } from "./_ether_tunnel.ts";

/** The EtherType of NSH (RFC 8300). */
export const NSH_ETHERTYPE = 0x894f;

/** The metadata types of NSH's MD Type field. */
export const NshMdType = {
  /** Four fixed 4-byte context headers. */
  TYPE_1: 1,
  /** Variable-length TLVs. */
  TYPE_2: 2,
} as const;

/**
 * One MD type 2 context header (a TLV) as far as it was captured: its 4-byte header was.
 */
export interface NshTlv {
  /** Where the TLV starts in the packet's bytes. */
  offset: number;
  /** The metadata class (16 bits). */
  tlvClass: number;
  /** The type (8 bits). */
  type: number;
  /** The length of the value in bytes (7 bits; the value is padded to 4 bytes). */
  length: number;
  /** The captured bytes of the value (fewer than `length` when the capture cuts it). */
  value: Uint8Array;
  /** The padded value runs past the header's length. */
  tooBig: boolean;
  /** The value's padding was captured. */
  paddingCaptured: boolean;
}

/**
 * An NSH header. Its payload is decoded through the EtherType table by the next protocol
 * (1 IPv4, 2 IPv6, 3 Ethernet, as tcpdump decodes them). A header the capture cuts is kept
 * as a partial layer (see `DecodeError.partial`), the fields it lacks read as -1.
 *
 * @example Decode an NSH header with MD type 1 in front of an IPv4 packet
 * ```ts
 * import { decodeNsh } from "./nsh.ts";
 * import assert from "node:assert/strict";
 *
 * const nsh = decodeNsh(new Uint8Array([
 *   0x00, 0x06, 0x01, 0x01, 0x00, 0x03, 0x09, 0x07, // length 6, MD type 1, IPv4, SPI 0x309, SI 7
 *   0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, // the four context headers
 * ]));
 * assert.equal(nsh.version, 0);
 * assert.equal(nsh.mdType, 1);
 * assert.equal(nsh.nextProtocol, 1);
 * assert.equal(nsh.servicePathId, 0x309);
 * assert.equal(nsh.serviceIndex, 7);
 * assert.deepEqual(nsh.contextHeaders, [1, 2, 3, 4]);
 * ```
 */
export class Nsh extends LayerBase {
  /** The discriminant. */
  readonly kind = "nsh" as const;
  /** The version (2 bits; 0 is the only one); -1 when the base header was not captured. */
  version: number = -1;
  /** The O (`0x2`, OAM) and unassigned (`0x1`) flag bits. */
  flags = 0;
  /** The time to live (6 bits). */
  ttl = 0;
  /** The length of the whole header in 4-byte words (6 bits). */
  length = 0;
  /** The metadata type (4 bits, see {@linkcode NshMdType}). */
  mdType = 0;
  /** The next protocol: 1 IPv4, 2 IPv6, 3 Ethernet, 4 NSH, 5 MPLS. */
  nextProtocol = 0;
  /** The service path identifier (24 bits); -1 when not captured. */
  servicePathId: number = -1;
  /** The service index (8 bits); -1 when not captured. */
  serviceIndex: number = -1;
  #tlvs: NshTlv[] | undefined = undefined;

  /** Whether the O (OAM) flag is set. */
  get oam(): boolean {
    return (this.flags & 0x2) !== 0;
  }

  /** The context headers' words in the header (its length less the two fixed words). */
  get contextWords(): number {
    return Math.max(0, this.length - 2);
  }

  /** Whether the capture holds the whole header, its context headers included. */
  get whole(): boolean {
    return this.length >= 2 && this.end - this.offset >= this.length * 4;
  }

  /** The context headers' 4-byte words that were captured (MD type 1 carries four). */
  get contextHeaders(): number[] {
    const words: number[] = [];
    const d = this.data;
    for (let at = this.offset + 8, i = 0; i < this.contextWords && at + 4 <= this.end; i++) {
      words.push(readUint32(d, at));
      at += 4;
    }
    return words;
  }

  /**
   * The MD type 2 TLVs in the context headers, read when first asked, up to the first
   * whose header, value or padding the capture cuts, or whose value runs past the header's
   * length (marked `tooBig`, the last).
   */
  get tlvs(): readonly NshTlv[] {
    if (this.#tlvs !== undefined) return this.#tlvs;
    const tlvs: NshTlv[] = [];
    const d = this.data;
    let at = this.offset + 8;
    let words = 0;
    while (words < this.contextWords && at + 4 <= this.end) {
      const length = d[at + 3]! & 0x7f;
      const padded = (length + 3) & ~3;
      words += 1;
      const tooBig = this.contextWords < words + padded / 4;
      const valueAt = at + 4;
      const tlv: NshTlv = {
        offset: at,
        tlvClass: readUint16(d, at),
        type: d[at + 2]!,
        length,
        value: d.subarray(valueAt, Math.min(valueAt + length, this.end)),
        tooBig,
        paddingCaptured: valueAt + padded <= this.end,
      };
      tlvs.push(tlv);
      if (tooBig || !tlv.paddingCaptured) break;
      at = valueAt + padded;
      words += padded / 4;
    }
    this.#tlvs = tlvs;
    return tlvs;
  }

  /** Whether the TLVs end before the context headers do because the capture cuts one. */
  get tlvsCut(): boolean {
    const tlvs = this.tlvs;
    const last = tlvs[tlvs.length - 1];
    if (last?.tooBig) return false;
    if (last !== undefined && !last.paddingCaptured) return true;
    let words = 0;
    for (const tlv of tlvs) words += 1 + ((tlv.length + 3) & ~3) / 4;
    return words < this.contextWords;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end, 0);
    if (error !== undefined) return error;
    const available = end - offset;
    this.#tlvs = undefined;
    this.version = this.servicePathId = this.serviceIndex = -1;
    this.flags =
      this.ttl =
      this.length =
      this.mdType =
      this.nextProtocol =
        0;
    if (available >= 4) {
      const base = readUint16(data, offset);
      this.version = base >> 14;
      this.flags = (base >> 12) & 0x3;
      this.ttl = (base >> 6) & 0x3f;
      this.length = base & 0x3f;
      this.mdType = data[offset + 2]! & 0x0f;
      this.nextProtocol = data[offset + 3]!;
    }
    if (available >= 7) this.servicePathId = readUint24(data, offset + 4);
    if (available >= 8) this.serviceIndex = data[offset + 7]!;
    const required = Math.max(8, this.length * 4);
    this.headerLength = Math.min(available, required);
    // A header cut by the capture keeps what it holds (tcpdump prints it).
    return available < required
      ? DecodeError.truncated(this.kind, offset, required, available, true)
      : undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    if (this.version !== 0 || !this.whole || this.end <= this.offset + this.headerLength) {
      return undefined;
    }
    // tcpdump's nsh_print() goes on to IPv4, IPv6 and Ethernet only.
    const etherType = this.nextProtocol <= 3 ? etherTypeOfNextProtocol(this.nextProtocol) : -1;
    return context.tables.etherTypes.get(etherType);
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      version: this.version,
      flags: { oam: this.oam, value: this.flags },
      ttl: this.ttl,
      length: this.length,
      mdType: this.mdType,
      nextProtocol: this.nextProtocol,
      servicePathId: this.servicePathId,
      serviceIndex: this.serviceIndex,
      ...(this.mdType === NshMdType.TYPE_2
        ? {
          tlvs: this.tlvs.map((tlv) => ({
            class: tlv.tlvClass,
            type: tlv.type,
            length: tlv.length,
            value: Array.from(tlv.value),
          })),
        }
        : { contextHeaders: this.contextHeaders }),
    };
  }
}

/**
 * Creates {@linkcode Nsh} layers; the registry entry for EtherType `0x894f`.
 *
 * @example Create an NSH layer
 * ```ts
 * import { nshDecoder } from "./nsh.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(nshDecoder.create().kind, "nsh");
 * assert.deepEqual(nshDecoder.bindings.etherTypes, [0x894f]);
 * ```
 */
export const nshDecoder: ProtocolDescriptor<Nsh> = defineProtocol({
  kind: "nsh",
  name: "NSH",
  tcpdumpName: "nsh",
  create: () => new Nsh(),
  bindings: { etherTypes: [NSH_ETHERTYPE] },
});

/**
 * Decodes an NSH header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header is cut short.
 *
 * @example Reject a cut-off header
 * ```ts
 * import { decodeNsh } from "./nsh.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeNsh(new Uint8Array([0x00, 0x02, 0x01, 0x01])), {
 *   message: "Cannot decode NSH header: 8 bytes required, received 4",
 * });
 * ```
 */
export function decodeNsh(data: Uint8Array, offset = 0): Nsh {
  return decodeOne(new Nsh(), data, offset);
}
