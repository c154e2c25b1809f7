/**
 * IPv6 extension headers (RFC 8200 section 4): hop-by-hop options, routing, fragment and
 * destination options. AH and ESP are in `ah.ts` and `esp.ts`.
 *
 * @module
 */

import { IpProtocol } from "../ip_protocol.ts";
import { formatIpv6 } from "../address.ts";
import { DecodeError } from "../errors.ts";
import { readUint32 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import { type DecodeContext, defineProtocol, type ProtocolDescriptor } from "../layer.ts";
import { extensionLength, Ipv6Extension } from "./_ipv6_extension.ts";
import { Ipv6OptionsHeader } from "./_ipv6_options.ts";
import { Ipv6 } from "./ipv6.ts";

export { Ipv6Extension } from "./_ipv6_extension.ts";
export { decodeIpv6Fragment, Ipv6Fragment, ipv6FragmentDecoder } from "./_ipv6_fragment.ts";
export { type Ipv6Option, Ipv6OptionsHeader, Ipv6OptionType } from "./_ipv6_options.ts";

/**
 * Routing header types (IANA "Routing Types") that wirekit reads addresses from.
 *
 * @example Compare a routing type
 * ```ts
 * import { Ipv6RoutingType } from "./ipv6_extensions.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(Ipv6RoutingType.SEGMENT_ROUTING, 4);
 * ```
 */
export const Ipv6RoutingType = {
  /** Type 0 source route (deprecated by RFC 5095, still seen in captures). */
  SOURCE_ROUTE: 0,
  /** Type 2, Mobile IPv6 (RFC 6275): the home address. */
  MOBILE_IPV6: 2,
  /** Type 3, RPL source route (RFC 6554): compressed addresses, not expanded. */
  RPL: 3,
  /** Type 4, segment routing header (RFC 8754). */
  SEGMENT_ROUTING: 4,
} as const;

/** A routing type that wirekit names. */
export type Ipv6RoutingType = typeof Ipv6RoutingType[keyof typeof Ipv6RoutingType];

/**
 * A hop-by-hop options header. A jumbo payload option trims the payload to its length
 * (which counts from the start of this header).
 *
 * @example Decode a hop-by-hop header with a router alert
 * ```ts
 * import { decodeIpv6HopByHop } from "./ipv6_extensions.ts";
 * import assert from "node:assert/strict";
 *
 * const header = new Uint8Array([58, 0, 0x05, 0x02, 0x00, 0x00, 0x01, 0x00]);
 * const hop = decodeIpv6HopByHop(header);
 * assert.equal(hop.nextHeader, 58);
 * assert.equal(hop.headerLength, 8);
 * assert.deepEqual(hop.options.map((option) => option.name), ["RTRALT", "PADN"]);
 * ```
 */
export class Ipv6HopByHop extends Ipv6OptionsHeader {
  /** The discriminant. */
  readonly kind = "ipv6-hop-by-hop" as const;

  /** Decodes the header; RFC 8200 section 4.1 allows it only right after an IPv6 header. */
  override decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const network = context.network;
    if (network !== undefined && !(network instanceof Ipv6 && network.offset + 40 === offset)) {
      const distance = network instanceof Ipv6 ? offset - network.offset : 0;
      return DecodeError.malformed(
        this.kind,
        offset,
        40,
        distance,
        "a hop-by-hop options header must directly follow the IPv6 header",
      );
    }
    return super.decodeFrom(data, offset, end, context);
  }
}

/**
 * A destination options header.
 *
 * @example Decode a destination options header of padding
 * ```ts
 * import { decodeIpv6Destination } from "./ipv6_extensions.ts";
 * import assert from "node:assert/strict";
 *
 * const header = new Uint8Array([17, 0, 0x01, 0x04, 0, 0, 0, 0, 0xaa]);
 * const options = decodeIpv6Destination(header);
 * assert.equal(options.nextHeader, 17);
 * assert.equal(options.options[0]?.name, "PADN");
 * assert.deepEqual(options.payload, new Uint8Array([0xaa]));
 * ```
 */
export class Ipv6Destination extends Ipv6OptionsHeader {
  /** The discriminant. */
  readonly kind = "ipv6-destination" as const;
}

/**
 * A routing header. For routing types 0 (source route), 2 (Mobile IPv6) and 4 (segment
 * routing) it reads the addresses; while segments are left, it gives the final
 * destination to the {@linkcode Ipv6} layer below, for transport checksums (RFC 8200
 * section 8.1).
 *
 * @example Decode a segment routing header
 * ```ts
 * import { decodeIpv6Routing } from "./ipv6_extensions.ts";
 * import assert from "node:assert/strict";
 *
 * const header = new Uint8Array(8 + 32);
 * header.set([41, 4, 4, 1, 1, 0, 0, 0]);
 * header.set([0x20, 0x01, 0x0d, 0xb8], 8);
 * header[23] = 2;
 * header.set([0x20, 0x01, 0x0d, 0xb8], 24);
 * header[39] = 1;
 * const routing = decodeIpv6Routing(header);
 * assert.equal(routing.routingType, 4);
 * assert.equal(routing.segmentsLeft, 1);
 * assert.equal(routing.lastEntry, 1);
 * assert.deepEqual(routing.addresses, ["2001:db8::2", "2001:db8::1"]);
 * ```
 */
export class Ipv6Routing extends Ipv6Extension {
  /** The discriminant. */
  readonly kind = "ipv6-routing" as const;
  /** The header extension length field: 8-octet units after the first 8. */
  extensionLength = 0;
  /** The routing type (an {@linkcode Ipv6RoutingType} number). */
  routingType = 0;
  /** Route segments still to visit. */
  segmentsLeft = 0;
  /** Segment routing (type 4): index of the last segment list entry; else 0. */
  lastEntry = 0;
  /** Segment routing (type 4): the flags octet; else 0. */
  segmentFlags = 0;
  /** Segment routing (type 4): the tag; else 0. */
  tag = 0;
  /** Types 0 and 2 (RFC 2460, 6275): the 32-bit reserved field; else 0. */
  reserved = 0;
  /**
   * The capture ends within the header, after its first byte (a partial decode: see
   * {@linkcode DecodeError.partial}); `headerLength` is what was captured, the fields
   * past it read as 0 and the addresses past it are missing.
   */
  truncated = false;

  /**
   * The 16 bytes at `8 + 16 * index` as an IPv6 address (the address slot `index` of
   * types 0, 2 and 4), whatever the type says the header holds; `undefined` when they
   * were not captured.
   *
   * @param index The slot, from 0.
   * @returns The address, or `undefined`.
   */
  addressAt(index: number): string | undefined {
    const at = this.offset + 8 + 16 * index;
    return at + 16 <= this.offset + this.headerLength ? formatIpv6(this.data, at) : undefined;
  }

  /** The type-specific data, after the first 4 octets (a view). */
  get typeData(): Uint8Array {
    return this.data.subarray(this.offset + 4, this.offset + this.headerLength);
  }

  /** Number of whole addresses that the header holds for its routing type. */
  get addressCount(): number {
    const room = (this.headerLength - 8) >> 4;
    switch (this.routingType) {
      case Ipv6RoutingType.SOURCE_ROUTE:
        return room;
      case Ipv6RoutingType.MOBILE_IPV6:
        return Math.min(room, 1);
      case Ipv6RoutingType.SEGMENT_ROUTING:
        return Math.min(room, this.lastEntry + 1);
      default:
        return 0;
    }
  }

  /**
   * The addresses, in header order: the route of type 0, the home address of type 2, the
   * segment list of type 4 (whose first entry is the final segment); empty for other
   * types. Built on each call.
   */
  get addresses(): string[] {
    const out: string[] = [];
    const count = this.addressCount;
    for (let i = 0; i < count; i++) out.push(formatIpv6(this.data, this.offset + 8 + 16 * i));
    return out;
  }

  /** Offset in `data` of the final destination while segments are left, else -1. */
  #finalDestinationOffset(): number {
    const count = this.addressCount;
    if (this.segmentsLeft === 0 || count === 0) return -1;
    const index = this.routingType === Ipv6RoutingType.SOURCE_ROUTE ? count - 1 : 0;
    return this.offset + 8 + 16 * index;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const length = extensionLength(this.kind, data, offset, end);
    // The fixed fields are kept from a header cut short, as tcpdump prints them one by one.
    if (typeof length !== "number" && end <= offset) return length;
    const truncated = typeof length !== "number";
    this.data = data;
    this.offset = offset;
    this.truncated = truncated;
    this.headerLength = truncated ? end - offset : length;
    this.end = end;
    const captured = this.headerLength;
    this.nextHeader = data[offset]!;
    this.extensionLength = captured > 1 ? data[offset + 1]! : 0;
    this.routingType = captured > 2 ? data[offset + 2]! : 0;
    this.segmentsLeft = captured > 3 ? data[offset + 3]! : 0;
    const srh = this.routingType === Ipv6RoutingType.SEGMENT_ROUTING;
    this.lastEntry = srh && captured > 4 ? data[offset + 4]! : 0;
    this.segmentFlags = srh && captured > 5 ? data[offset + 5]! : 0;
    this.tag = srh && captured >= 8 ? (data[offset + 6]! << 8) | data[offset + 7]! : 0;
    this.reserved = (this.routingType === 0 || this.routingType === 2) && captured >= 8
      ? readUint32(data, offset + 4)
      : 0;
    if (truncated) {
      return DecodeError.truncated(this.kind, offset, length.required, length.received, true);
    }
    const network = context.network;
    const final = this.#finalDestinationOffset();
    if (final >= 0 && network instanceof Ipv6 && network.data === data) {
      network.checksumDestinationOffset = final;
    }
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {
      nextHeader: this.nextHeader,
      extensionLength: this.extensionLength,
      routingType: this.routingType,
      segmentsLeft: this.segmentsLeft,
    };
    if (this.routingType === Ipv6RoutingType.SEGMENT_ROUTING) {
      out.lastEntry = this.lastEntry;
      out.segmentFlags = this.segmentFlags;
      out.tag = this.tag;
    }
    if (this.routingType === 0 || this.routingType === 2) out.reserved = this.reserved;
    out.addresses = this.addresses;
    return out;
  }
}

/** Creates {@linkcode Ipv6HopByHop} layers; the registry entry for next header 0. */
export const ipv6HopByHopDecoder: ProtocolDescriptor<Ipv6HopByHop> = defineProtocol({
  kind: "ipv6-hop-by-hop",
  name: "IPv6 hop-by-hop options",
  tcpdumpName: "hbhopt",
  create: () => new Ipv6HopByHop(),
  bindings: { ipProtocols: [IpProtocol.HOPOPT] },
});

/** Creates {@linkcode Ipv6Routing} layers; the registry entry for next header 43. */
export const ipv6RoutingDecoder: ProtocolDescriptor<Ipv6Routing> = defineProtocol({
  kind: "ipv6-routing",
  name: "IPv6 routing",
  tcpdumpName: "rt6",
  create: () => new Ipv6Routing(),
  bindings: { ipProtocols: [IpProtocol.IPV6_ROUTE] },
});

/** Creates {@linkcode Ipv6Destination} layers; the registry entry for next header 60. */
export const ipv6DestinationDecoder: ProtocolDescriptor<Ipv6Destination> = defineProtocol({
  kind: "ipv6-destination",
  name: "IPv6 destination options",
  tcpdumpName: "dstopt",
  create: () => new Ipv6Destination(),
  bindings: { ipProtocols: [IpProtocol.IPV6_OPTS] },
});

/**
 * Decodes a hop-by-hop options header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header is cut short.
 *
 * @example Reject a header longer than the bytes
 * ```ts
 * import { decodeIpv6HopByHop } from "./ipv6_extensions.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeIpv6HopByHop(new Uint8Array([6, 1, 1, 4, 0, 0, 0, 0])), {
 *   message: "Cannot decode IPv6 hop-by-hop options header: 16 bytes required, received 8",
 * });
 * ```
 */
export function decodeIpv6HopByHop(data: Uint8Array, offset = 0): Ipv6HopByHop {
  return decodeOne(new Ipv6HopByHop(), data, offset);
}

/**
 * Decodes a routing header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header is cut short.
 *
 * @example Decode a type 0 routing header with one address
 * ```ts
 * import { decodeIpv6Routing } from "./ipv6_extensions.ts";
 * import assert from "node:assert/strict";
 *
 * const header = new Uint8Array(24);
 * header.set([6, 2, 0, 1]);
 * header.set([0xfe, 0x80], 8);
 * header[23] = 9;
 * assert.deepEqual(decodeIpv6Routing(header).addresses, ["fe80::9"]);
 * ```
 */
export function decodeIpv6Routing(data: Uint8Array, offset = 0): Ipv6Routing {
  return decodeOne(new Ipv6Routing(), data, offset);
}

/**
 * Decodes a destination options header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header is cut short.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodeIpv6Destination } from "./ipv6_extensions.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeIpv6Destination(new Uint8Array(4)), { name: "DecodeError" });
 * ```
 */
export function decodeIpv6Destination(data: Uint8Array, offset = 0): Ipv6Destination {
  return decodeOne(new Ipv6Destination(), data, offset);
}
