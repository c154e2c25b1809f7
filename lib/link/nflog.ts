/**
 * Linux netfilter log messages (`LINKTYPE_NFLOG`, 239): a 4-byte header (address
 * family, version, resource ID), then type-length-value attributes, one of which
 * (`NFULA_PAYLOAD`) holds the logged packet.
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
import { LinkType } from "../link_type.ts";

/** NFLOG attribute types (`NFULA_*` in `linux/netfilter/nfnetlink_log.h`). */
export const NflogAttribute = {
  /** The packet header: hardware protocol and hook. */
  PACKET_HDR: 1,
  /** The firewall mark. */
  MARK: 2,
  /** The time stamp. */
  TIMESTAMP: 3,
  /** The input interface index. */
  IFINDEX_INDEV: 4,
  /** The output interface index. */
  IFINDEX_OUTDEV: 5,
  /** The hardware address. */
  HWADDR: 8,
  /** The logged packet. */
  PAYLOAD: 9,
  /** The log prefix string. */
  PREFIX: 10,
  /** The UID of the socket's owner. */
  UID: 11,
  /** The sequence number. */
  SEQ: 12,
  /** The global sequence number. */
  SEQ_GLOBAL: 13,
  /** The GID of the socket's owner. */
  GID: 14,
} as const;

/** One NFLOG attribute: its type, its length field and where its value lies. */
export interface NflogTlv {
  /** The attribute type (see {@linkcode NflogAttribute}). */
  readonly type: number;
  /** The length field: the 4-byte TLV header plus the value, without padding. */
  readonly length: number;
  /** Offset of the value in the packet's bytes. */
  readonly valueOffset: number;
}

/**
 * An NFLOG header and its attributes, up to the payload attribute. The TLV lengths and
 * types are in the byte order of the host that logged the packet; libpcap rewrites them
 * to the reader's order (little-endian here, as on the hosts that capture it), and so
 * does this decoder read them. The payload is the `NFULA_PAYLOAD` value, decoded as IPv4
 * (family 2) or IPv6 (family 10) through the EtherType table.
 *
 * @example Decode an NFLOG header with one payload attribute
 * ```ts
 * import { decodeNflog } from "./nflog.ts";
 * import assert from "node:assert/strict";
 *
 * const nflog = decodeNflog(new Uint8Array([2, 0, 0, 20, 5, 0, 9, 0, 0x45, 0, 0, 0]));
 * assert.equal(nflog.family, 2);
 * assert.equal(nflog.resourceId, 20);
 * assert.equal(nflog.headerLength, 8);
 * assert.deepEqual(nflog.payload, new Uint8Array([0x45, 0, 0, 0]));
 * ```
 */
export class Nflog extends LayerBase {
  /** The discriminant. */
  readonly kind = "nflog" as const;
  /** The address family of the logged packet (2 IPv4, 10 IPv6). */
  family = 0;
  /** The version (0). */
  version = 0;
  /** The resource ID: the netfilter log group. */
  resourceId = 0;
  /** Whether a payload attribute was found (else the payload is empty). */
  hasPayload = false;
  /**
   * Whether an attribute before the payload was cut short by the end of the bytes or had
   * a length under 4: the attributes stop there, and there is no payload.
   */
  attributesCut = false;
  #tlvEnd = 0;

  /** The attributes before the payload, and the payload attribute itself. */
  get tlvs(): NflogTlv[] {
    const list: NflogTlv[] = [];
    const d = this.data;
    let at = this.offset + 4;
    while (at + 4 <= this.#tlvEnd) {
      const length = d[at]! | (d[at + 1]! << 8);
      const type = d[at + 2]! | (d[at + 3]! << 8);
      list.push({ type, length, valueOffset: at + 4 });
      if (type === NflogAttribute.PAYLOAD) break;
      at += (length + 3) & ~3;
    }
    return list;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    if (end - offset < 4) return DecodeError.truncated(this.kind, offset, 4, end - offset);
    const version = data[offset + 1]!;
    let at = offset + 4;
    let payload = false;
    let cut = false;
    // Version 0 is the only one whose attributes are known.
    while (version === 0 && at < end) {
      const size = end - at < 4 ? 0 : ((data[at]! | (data[at + 1]! << 8)) + 3) & ~3;
      if (size < 4 || end - at < size) {
        cut = true;
        break;
      }
      if ((data[at + 2]! | (data[at + 3]! << 8)) === NflogAttribute.PAYLOAD) {
        payload = true;
        break;
      }
      at += size;
    }
    this.data = data;
    this.offset = offset;
    this.family = data[offset]!;
    this.version = version;
    this.resourceId = (data[offset + 2]! << 8) | data[offset + 3]!;
    this.hasPayload = payload;
    this.attributesCut = cut;
    this.#tlvEnd = payload ? at + 4 : at;
    this.headerLength = payload ? at + 4 - offset : at - offset;
    this.end = end;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    if (!this.hasPayload) return undefined;
    if (this.family === 2) return context.tables.etherTypes.get(0x0800);
    if (this.family === 10) return context.tables.etherTypes.get(0x86dd);
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      family: this.family,
      version: this.version,
      resourceId: this.resourceId,
      attributesCut: this.attributesCut,
      tlvs: this.tlvs.map((t) => ({ type: t.type, length: t.length })),
    };
  }
}

/**
 * Creates {@linkcode Nflog} layers; the registry entry for `LinkType.NFLOG`.
 *
 * @example Create an NFLOG layer
 * ```ts
 * import { nflogDecoder } from "./nflog.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(nflogDecoder.create().kind, "nflog");
 * ```
 */
export const nflogDecoder: ProtocolDescriptor<Nflog> = defineProtocol({
  kind: "nflog",
  name: "NFLOG",
  tcpdumpName: "nflog",
  create: () => new Nflog(),
  bindings: { linkTypes: [LinkType.NFLOG] },
});

/**
 * Decodes an NFLOG header and its attributes up to the payload.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the 4-byte header is cut short.
 *
 * @example Keep the attributes before a cut-off one, and reject a cut-off header
 * ```ts
 * import { decodeNflog } from "./nflog.ts";
 * import assert from "node:assert/strict";
 *
 * const nflog = decodeNflog(new Uint8Array([2, 0, 0, 1, 8, 0, 1, 0]));
 * assert.equal(nflog.attributesCut, true);
 * assert.equal(nflog.hasPayload, false);
 * assert.throws(() => decodeNflog(new Uint8Array([2, 0, 0])), {
 *   message: "Cannot decode NFLOG header: 4 bytes required, received 3",
 * });
 * ```
 */
export function decodeNflog(data: Uint8Array, offset = 0): Nflog {
  return decodeOne(new Nflog(), data, offset);
}
