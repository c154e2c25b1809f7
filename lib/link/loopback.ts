/**
 * BSD loopback encapsulations: `LINKTYPE_NULL` (0) and OpenBSD's `LINKTYPE_LOOP` (108).
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

/**
 * The `AF_*` address families that a loopback header carries for IP. IPv6 has a
 * different value on each operating system.
 *
 * @example Tell a macOS IPv6 packet
 * ```ts
 * import { LoopbackFamily } from "./loopback.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(LoopbackFamily.INET6_DARWIN, 30);
 * ```
 */
export const LoopbackFamily = {
  /** IPv4, on every system. */
  INET: 2,
  /** IPv6 on Linux. */
  INET6_LINUX: 10,
  /** IPv6 on NetBSD, OpenBSD and BSD/OS. */
  INET6_BSD: 24,
  /** IPv6 on FreeBSD and DragonFly BSD. */
  INET6_FREEBSD: 28,
  /** IPv6 on macOS, iOS and other Darwin systems. */
  INET6_DARWIN: 30,
} as const;

/** The link types a {@linkcode Loopback} layer decodes. */
export type LoopbackLinkType = typeof LinkType.NULL | typeof LinkType.LOOP;

/**
 * A loopback header: a 4-byte address family. For `LINKTYPE_NULL` it is in the byte order
 * of the host that wrote the capture, which the file does not record: as libpcap does,
 * a value whose high 16 bits are not zero is read in the other byte order. For
 * `LINKTYPE_LOOP` it is in network byte order.
 *
 * The payload is decoded through the registry's EtherType table: family 2 as EtherType
 * `0x0800` (IPv4), families 10, 24, 28 and 30 as `0x86dd` (IPv6).
 *
 * @example Decode a NULL header written on a little-endian host
 * ```ts
 * import { decodeLoopback } from "./loopback.ts";
 * import assert from "node:assert/strict";
 *
 * const loopback = decodeLoopback(new Uint8Array([30, 0, 0, 0, 0x60]));
 * assert.equal(loopback.family, 30);
 * assert.deepEqual(loopback.payload, new Uint8Array([0x60]));
 * ```
 */
export class Loopback extends LayerBase {
  /** The discriminant. */
  readonly kind = "loopback" as const;
  /** `LinkType.NULL` (host byte order) or `LinkType.LOOP` (network byte order). */
  readonly linkType: LoopbackLinkType;
  /** The address family (see {@linkcode LoopbackFamily}). */
  family = 0;

  /**
   * Makes an empty layer.
   *
   * @param linkType Which encapsulation it decodes: `LinkType.NULL` (the default) or
   * `LinkType.LOOP`.
   */
  constructor(linkType: LoopbackLinkType = LinkType.NULL) {
    super();
    this.linkType = linkType;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    if (end - offset < 4) return DecodeError.truncated(this.kind, offset, 4, end - offset);
    const b0 = data[offset]!;
    const b1 = data[offset + 1]!;
    const b2 = data[offset + 2]!;
    const b3 = data[offset + 3]!;
    const bigEndian = ((b0 << 24) | (b1 << 16) | (b2 << 8) | b3) >>> 0;
    if (this.linkType === LinkType.LOOP) {
      this.family = bigEndian;
    } else {
      const littleEndian = ((b3 << 24) | (b2 << 16) | (b1 << 8) | b0) >>> 0;
      this.family = (littleEndian & 0xffff0000) !== 0 ? bigEndian : littleEndian;
    }
    this.data = data;
    this.offset = offset;
    this.headerLength = 4;
    this.end = end;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    switch (this.family) {
      case LoopbackFamily.INET:
        return context.tables.etherTypes.get(0x0800);
      case LoopbackFamily.INET6_LINUX:
      case LoopbackFamily.INET6_BSD:
      case LoopbackFamily.INET6_FREEBSD:
      case LoopbackFamily.INET6_DARWIN:
        return context.tables.etherTypes.get(0x86dd);
      default:
        return undefined;
    }
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return { family: this.family };
  }
}

/**
 * Creates {@linkcode Loopback} layers for `LINKTYPE_NULL` (host byte order); the registry
 * entry for `LinkType.NULL`.
 *
 * @example Create a NULL loopback layer
 * ```ts
 * import { nullDecoder } from "./loopback.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(nullDecoder.create().linkType, 0);
 * ```
 */
export const nullDecoder: ProtocolDescriptor<Loopback> = defineProtocol({
  kind: "loopback",
  name: "loopback",
  tcpdumpName: "null",
  create: () => new Loopback(LinkType.NULL),
  bindings: { linkTypes: [LinkType.NULL] },
});

/**
 * Creates {@linkcode Loopback} layers for `LINKTYPE_LOOP` (network byte order); the
 * registry entry for `LinkType.LOOP`.
 *
 * @example Create a LOOP loopback layer
 * ```ts
 * import { loopDecoder } from "./loopback.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(loopDecoder.create().linkType, 108);
 * ```
 */
export const loopDecoder: ProtocolDescriptor<Loopback> = defineProtocol({
  kind: "loopback",
  name: "loopback",
  tcpdumpName: "null",
  create: () => new Loopback(LinkType.LOOP),
  bindings: { linkTypes: [LinkType.LOOP] },
});

/**
 * Decodes a loopback header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @param linkType `LinkType.NULL` (the default: host byte order, detected) or
 * `LinkType.LOOP` (network byte order).
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 4 bytes remain.
 *
 * @example Decode a LOOP header and reject a truncated one
 * ```ts
 * import { decodeLoopback } from "./loopback.ts";
 * import { LinkType } from "../link_type.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decodeLoopback(new Uint8Array([0, 0, 0, 24]), 0, LinkType.LOOP).family, 24);
 * assert.throws(() => decodeLoopback(new Uint8Array(3)), {
 *   message: "Cannot decode loopback header: 4 bytes required, received 3",
 * });
 * ```
 */
export function decodeLoopback(
  data: Uint8Array,
  offset = 0,
  linkType: LoopbackLinkType = LinkType.NULL,
): Loopback {
  return decodeOne(new Loopback(linkType), data, offset);
}
