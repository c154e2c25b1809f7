/**
 * ARCNET (`LINKTYPE_ARCNET_BSD`, 7, and `LINKTYPE_ARCNET_LINUX`, 129): the source and
 * destination station bytes, the system code (the type of the payload) and, for the RFC 1201
 * types, the split flag and sequence number of link-level fragmentation. The BSD header may be
 * an exception packet (split flag `0xff`) with four more bytes; Linux puts a 2-byte buffer
 * offset before the type and hands over reassembled packets.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { readUint16 } from "../_bytes.ts";
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
 * ARCNET system codes (the header's type byte) that tcpdump names.
 *
 * @example Tell RFC 1201 IP from RFC 1051 IP
 * ```ts
 * import { ArcnetType } from "./arcnet.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ArcnetType.IP, 212);
 * assert.equal(ArcnetType.IP_OLD, 240);
 * ```
 */
export const ArcnetType = {
  /** IPv4 (RFC 1051): no fragmentation header. */
  IP_OLD: 240,
  /** ARP (RFC 1051): no fragmentation header. */
  ARP_OLD: 241,
  /** IPv4 (RFC 1201). */
  IP: 212,
  /** ARP (RFC 1201). */
  ARP: 213,
  /** Reverse ARP (RFC 1201). */
  REVARP: 214,
  /** AppleTalk. */
  ATALK: 221,
  /** Banyan Vines. */
  BANYAN: 247,
  /** Novell IPX. */
  IPX: 250,
  /** IPv6. */
  INET6: 0xc4,
  /** Diagnostics (ANSI/ATA 878.1): no fragmentation header. */
  DIAGNOSE: 0x80,
} as const;

/** The EtherType whose decoder reads each system code's payload. */
const ETHERTYPE_OF: ReadonlyMap<number, number> = new Map([
  [ArcnetType.IP_OLD, 0x0800],
  [ArcnetType.IP, 0x0800],
  [ArcnetType.INET6, 0x86dd],
  [ArcnetType.ARP_OLD, 0x0806],
  [ArcnetType.ARP, 0x0806],
  [ArcnetType.REVARP, 0x8035],
  // AppleTalk DDP.
  [ArcnetType.ATALK, 0x809b],
  [ArcnetType.IPX, 0x8137],
]);

/**
 * Whether a system code's header has the RFC 1201 fragmentation fields (every code but the
 * RFC 1051 ones and diagnostics, as tcpdump reads them).
 *
 * @param type The system code.
 * @returns `true` for an RFC 1201 header.
 *
 * @example The old IP type has no split flag
 * ```ts
 * import { ArcnetType, hasFragmentationHeader } from "./arcnet.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(hasFragmentationHeader(ArcnetType.IP), true);
 * assert.equal(hasFragmentationHeader(ArcnetType.IP_OLD), false);
 * ```
 */
export function hasFragmentationHeader(type: number): boolean {
  return type !== ArcnetType.IP_OLD && type !== ArcnetType.ARP_OLD &&
    type !== ArcnetType.DIAGNOSE;
}

/** The decoder of a system code's payload: the one bound to its EtherType, if any. */
function payloadDecoder(type: number, context: DecodeContext): Decoder | undefined {
  const etherType = ETHERTYPE_OF.get(type);
  return etherType === undefined ? undefined : context.tables.etherTypes.get(etherType);
}

/** Marks a layer cut by the capture before `required` bytes: kept, partial. */
function cut(layer: ArcnetHeader, required: number): DecodeError {
  const available = layer.end - layer.offset;
  layer.partial = true;
  layer.headerLength = available;
  return DecodeError.truncated(layer.kind, layer.offset, required, available, true);
}

/**
 * What the BSD and Linux ARCNET headers share: the stations, the system code and the RFC 1201
 * fragmentation fields after it; see {@linkcode Arcnet} and {@linkcode ArcnetLinux}.
 */
export abstract class ArcnetHeader extends LayerBase {
  /** The source station (0 when not captured). */
  source = 0;
  /** The destination station, 0 for a broadcast (0 when not captured). */
  destination = 0;
  /** The system code, see {@linkcode ArcnetType} (0 when not captured). */
  type = 0;
  /** The system code is an RFC 1201 one: the split flag and sequence number follow it. */
  fragmentationHeader = false;
  /**
   * The split flag of an RFC 1201 header (the real one, after a BSD exception packet's
   * `0xff`): 0 for an unfragmented packet, odd for a first fragment, even for the others.
   */
  flag = 0;
  /** The sequence number of an RFC 1201 header. */
  sequenceId = 0;
  /**
   * The capture ended inside the header: the fields not captured are 0 and nothing after
   * the header is decoded.
   */
  partial = false;

  /** Where the system code lies: after the stations (BSD) or the buffer offset (Linux). */
  protected abstract readonly typeAt: number;

  /**
   * Reads what lies between the stations and the system code where the capture holds the
   * header up to the system code (`whole`), else clears it.
   */
  protected abstract readFields(data: Uint8Array, offset: number, whole: boolean): void;

  /** Reads what follows the RFC 1201 fields (a BSD exception packet's 4 bytes). */
  protected readMore(_data: Uint8Array, _offset: number): DecodeError | undefined {
    return undefined;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    if (offset > end) return DecodeError.truncated(this.kind, offset, 1, 0);
    this.data = data;
    this.offset = offset;
    this.end = end;
    this.source =
      this.destination =
      this.type =
      this.flag =
      this.sequenceId =
        0;
    this.fragmentationHeader = this.partial = false;
    const at = this.typeAt;
    const whole = end - offset > at;
    this.readFields(data, offset, whole);
    if (!whole) return cut(this, at + 1);
    this.source = data[offset]!;
    this.destination = data[offset + 1]!;
    this.type = data[offset + at]!;
    this.headerLength = at + 1;
    this.fragmentationHeader = hasFragmentationHeader(this.type);
    if (!this.fragmentationHeader) return undefined;
    if (end - offset < at + 4) return cut(this, at + 4);
    this.flag = data[offset + at + 1]!;
    this.sequenceId = readUint16(data, offset + at + 2);
    this.headerLength = at + 4;
    return this.readMore(data, offset);
  }

  /** Picks the decoder of the payload by the system code (none for a partial header). */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    return this.partial ? undefined : payloadDecoder(this.type, context);
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      source: this.source,
      destination: this.destination,
      type: this.type,
      fragmentationHeader: this.fragmentationHeader,
      flag: this.flag,
      sequenceId: this.sequenceId,
      partial: this.partial,
    };
  }
}

/**
 * A BSD ARCNET header (`LINKTYPE_ARCNET_BSD`): source, destination, system code, then for
 * RFC 1201 types the split flag and a 2-byte sequence number (6 bytes); a split flag of
 * `0xff` marks an exception packet, whose real type, flag and sequence number follow (10
 * bytes). A fragment after the first (even, non-zero flag) is not decoded further. A header
 * that the capture cuts is kept, partial.
 *
 * @example Decode the first of three fragments of an IPv4 packet
 * ```ts
 * import { decodeArcnet } from "./arcnet.ts";
 * import assert from "node:assert/strict";
 *
 * const arcnet = decodeArcnet(new Uint8Array([0x01, 0x02, 212, 3, 0x12, 0x34, 0x45]));
 * assert.equal(arcnet.type, 212);
 * assert.equal(arcnet.flag, 3);
 * assert.equal(arcnet.sequenceId, 0x1234);
 * assert.equal(arcnet.headerLength, 6);
 * assert.equal(arcnet.middleFragment, false);
 * ```
 */
export class Arcnet extends ArcnetHeader {
  /** The discriminant. */
  readonly kind = "arcnet" as const;
  /** An exception packet: the split flag is `0xff` and 4 more bytes follow. */
  exception = false;
  /** The system code follows the stations. */
  protected readonly typeAt = 2;

  /** A fragment after the first: its payload continues another frame's. */
  get middleFragment(): boolean {
    return this.fragmentationHeader && this.flag !== 0 && (this.flag & 1) === 0;
  }

  /** Reads nothing (the system code follows the stations); forgets the last exception. */
  protected readFields(): void {
    this.exception = false;
  }

  /** Reads an exception packet's real flag and sequence number. */
  protected override readMore(data: Uint8Array, offset: number): DecodeError | undefined {
    if (this.flag !== 0xff) return undefined;
    this.exception = true;
    if (this.end - offset < 10) return cut(this, 10);
    // The exception packet's second type byte repeats the first; tcpdump goes by the first.
    this.flag = data[offset + 7]!;
    this.sequenceId = readUint16(data, offset + 8);
    this.headerLength = 10;
    return undefined;
  }

  /** Picks the payload's decoder; none for a fragment after the first. */
  override nextDecoder(context: DecodeContext): Decoder | undefined {
    return this.middleFragment ? undefined : super.nextDecoder(context);
  }

  /** Returns the header's fields as a plain object. */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), exception: this.exception };
  }
}

/**
 * A Linux ARCNET header (`LINKTYPE_ARCNET_LINUX`): source, destination, a 2-byte buffer
 * offset, the system code, then for RFC 1201 types the split flag and sequence number (8
 * bytes; 5 for the RFC 1051 types and diagnostics). Linux hands over reassembled packets and
 * no exception packets. A header that the capture cuts is kept, partial.
 *
 * @example Decode an RFC 1051 IP header
 * ```ts
 * import { decodeArcnetLinux } from "./arcnet.ts";
 * import assert from "node:assert/strict";
 *
 * const arcnet = decodeArcnetLinux(new Uint8Array([0xbe, 0x50, 0x00, 0xf0, 240, 0x45]));
 * assert.equal(arcnet.source, 0xbe);
 * assert.equal(arcnet.bufferOffset, 0xf0);
 * assert.equal(arcnet.type, 240);
 * assert.equal(arcnet.headerLength, 5);
 * ```
 */
export class ArcnetLinux extends ArcnetHeader {
  /** The discriminant. */
  readonly kind = "arcnet-linux" as const;
  /** The buffer offset field (0 when not captured). */
  bufferOffset = 0;
  /** The system code follows the buffer offset. */
  protected readonly typeAt = 4;

  /** Reads the buffer offset. */
  protected readFields(data: Uint8Array, offset: number, whole: boolean): void {
    this.bufferOffset = whole ? readUint16(data, offset + 2) : 0;
  }

  /** Returns the header's fields as a plain object. */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), bufferOffset: this.bufferOffset };
  }
}

/**
 * Creates {@linkcode Arcnet} layers; the registry entry for `LinkType.ARCNET_BSD`.
 *
 * @example Create a layer
 * ```ts
 * import { arcnetDecoder } from "./arcnet.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(arcnetDecoder.create().kind, "arcnet");
 * ```
 */
export const arcnetDecoder: ProtocolDescriptor<Arcnet> = defineProtocol({
  kind: "arcnet",
  name: "ARCNET",
  tcpdumpName: "arcnet",
  create: () => new Arcnet(),
  bindings: { linkTypes: [LinkType.ARCNET_BSD] },
});

/**
 * Creates {@linkcode ArcnetLinux} layers; the registry entry for `LinkType.ARCNET_LINUX`.
 *
 * @example Create a layer
 * ```ts
 * import { arcnetLinuxDecoder } from "./arcnet.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(arcnetLinuxDecoder.create().kind, "arcnet-linux");
 * ```
 */
export const arcnetLinuxDecoder: ProtocolDescriptor<ArcnetLinux> = defineProtocol({
  kind: "arcnet-linux",
  name: "Linux ARCNET",
  tcpdumpName: "arcnet_linux",
  create: () => new ArcnetLinux(),
  bindings: { linkTypes: [LinkType.ARCNET_LINUX] },
});

/**
 * Decodes a BSD ARCNET header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the capture cuts the header.
 *
 * @example Reject a header cut before its sequence number
 * ```ts
 * import { decodeArcnet } from "./arcnet.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeArcnet(new Uint8Array([1, 2, 212, 0])), {
 *   message: "Cannot decode ARCNET header: 6 bytes required, received 4",
 * });
 * ```
 */
export function decodeArcnet(data: Uint8Array, offset = 0): Arcnet {
  return decodeOne(new Arcnet(), data, offset);
}

/**
 * Decodes a Linux ARCNET header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the capture cuts the header.
 *
 * @example Reject a header cut before its type
 * ```ts
 * import { decodeArcnetLinux } from "./arcnet.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeArcnetLinux(new Uint8Array([1, 2, 0, 0])), {
 *   message: "Cannot decode Linux ARCNET header: 5 bytes required, received 4",
 * });
 * ```
 */
export function decodeArcnetLinux(data: Uint8Array, offset = 0): ArcnetLinux {
  return decodeOne(new ArcnetLinux(), data, offset);
}
