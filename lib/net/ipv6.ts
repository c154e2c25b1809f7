/**
 * IPv6 (RFC 8200): the fixed header. Extension headers are layers of their own, in
 * `ipv6_extensions.ts`, `ah.ts` and `esp.ts`.
 *
 * @module
 */

import { LinkType } from "../link_type.ts";
import { EtherType } from "../link/ethernet.ts";
import { IpProtocol } from "../ip_protocol.ts";
import { formatIpv6 } from "../address.ts";
import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type NetworkLayer,
  type ProtocolDescriptor,
} from "../layer.ts";

/**
 * The extension headers read from the captured bytes after a payload length of 0:
 * hop-by-hop options, routing, fragment and destination options, and the Mobility header
 * (135, and 62 of early drafts), which tcpdump's ip6_print() reads the same way.
 */
const EXTENSION_HEADERS: ReadonlySet<number> = new Set([0, 43, 44, 60, 62, 135]);

/**
 * An IPv6 header. The payload is trimmed to the payload length field, so Ethernet
 * padding is not part of it.
 *
 * A payload length of 0 before a hop-by-hop header announces a jumbogram (RFC 2675, or
 * Linux BIG TCP): the rest of the captured bytes are the payload until the hop-by-hop
 * header's jumbo payload option trims it. Before another extension header (routing,
 * fragment, destination options) the rest of the captured bytes are the payload too, as
 * tcpdump and Wireshark read those headers; before any other header it means an empty
 * payload.
 *
 * Transport checksums ({@linkcode pseudoHeaderSum}) use the final destination, as RFC 8200
 * section 8.1 asks: the last address of a routing header that still has segments left,
 * else the destination address field.
 *
 * @example Decode an IPv6 header
 * ```ts
 * import { decodeIpv6 } from "./ipv6.ts";
 * import assert from "node:assert/strict";
 *
 * const packet = new Uint8Array(40 + 4);
 * packet.set([0x6b, 0x81, 0x23, 0x45, 0x00, 0x04, 17, 64]);
 * packet.set([0x20, 0x01, 0x0d, 0xb8], 8);
 * packet[23] = 1;
 * packet.set([0xfe, 0x80], 24);
 * packet[39] = 2;
 * const ip = decodeIpv6(packet);
 * assert.equal(ip.trafficClass, 0xb8);
 * assert.equal(ip.flowLabel, 0x12345);
 * assert.equal(ip.nextHeader, 17);
 * assert.equal(ip.hopLimit, 64);
 * assert.equal(ip.source, "2001:db8::1");
 * assert.equal(ip.destination, "fe80::2");
 * assert.equal(ip.payload.length, 4);
 * ```
 */
export class Ipv6 extends LayerBase implements NetworkLayer {
  /** The discriminant. */
  readonly kind = "ipv6" as const;
  /** The version field: always 6 once decoded. */
  version = 6;
  /** The traffic class octet (DSCP in the upper 6 bits, ECN in the lower 2). */
  trafficClass = 0;
  /** The 20-bit flow label. */
  flowLabel = 0;
  /** The payload length field: bytes after this header (0: see the class notes). */
  payloadLength = 0;
  /**
   * A jumbogram's payload length, from its hop-by-hop header's jumbo payload option, as the
   * capture may not hold it whole (0 when there is none).
   */
  jumboPayloadLength = 0;
  /** The type of the next header (an {@linkcode IpProtocol} number). */
  nextHeader = 0;
  /** Hop limit. */
  hopLimit = 0;
  /**
   * Offset in `data` of the address that transport checksums use as the destination:
   * the destination address field, unless a routing header that follows set it to the
   * final destination.
   */
  checksumDestinationOffset = 0;

  /** DSCP: the upper 6 bits of the traffic class. */
  get dscp(): number {
    return this.trafficClass >> 2;
  }

  /** ECN: the lower 2 bits of the traffic class. */
  get ecn(): number {
    return this.trafficClass & 3;
  }

  /** Source address in RFC 5952 form, such as `2001:db8::1`. */
  get source(): string {
    return formatIpv6(this.data, this.offset + 8);
  }

  /** Destination address (the field, not the final destination of a routing header). */
  get destination(): string {
    return formatIpv6(this.data, this.offset + 24);
  }

  /** Source address bytes (a view). */
  get sourceBytes(): Uint8Array {
    return this.data.subarray(this.offset + 8, this.offset + 24);
  }

  /** Destination address bytes (a view). */
  get destinationBytes(): Uint8Array {
    return this.data.subarray(this.offset + 24, this.offset + 40);
  }

  pseudoHeaderSum(protocol: number, length: number): number {
    const d = this.data;
    let sum = protocol + length;
    const source = this.offset + 8;
    const destination = this.checksumDestinationOffset;
    for (let i = 0; i < 16; i += 2) {
      sum += ((d[source + i]! << 8) | d[source + i + 1]!) +
        ((d[destination + i]! << 8) | d[destination + i + 1]!);
    }
    return sum;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    if (available < 40) return DecodeError.truncated(this.kind, offset, 40, available);
    const version = data[offset]! >> 4;
    if (version !== 6) {
      return DecodeError.malformed(this.kind, offset, 6, version, `version ${version} is not 6`);
    }
    const payloadLength = (data[offset + 4]! << 8) | data[offset + 5]!;
    const nextHeader = data[offset + 6]!;
    this.data = data;
    this.offset = offset;
    this.headerLength = 40;
    this.end = payloadLength === 0
      ? (EXTENSION_HEADERS.has(nextHeader) ? end : offset + 40)
      : Math.min(end, offset + 40 + payloadLength);
    this.version = 6;
    this.trafficClass = ((data[offset]! & 0x0f) << 4) | (data[offset + 1]! >> 4);
    this.flowLabel = ((data[offset + 1]! & 0x0f) << 16) | (data[offset + 2]! << 8) |
      data[offset + 3]!;
    this.payloadLength = payloadLength;
    this.jumboPayloadLength = 0;
    this.nextHeader = nextHeader;
    this.hopLimit = data[offset + 7]!;
    this.checksumDestinationOffset = offset + 24;
    context.network = this;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    return context.tables.ipProtocols.get(this.nextHeader);
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      version: this.version,
      trafficClass: this.trafficClass,
      flowLabel: this.flowLabel,
      payloadLength: this.payloadLength,
      nextHeader: this.nextHeader,
      hopLimit: this.hopLimit,
      source: this.source,
      destination: this.destination,
    };
  }
}

/** Creates {@linkcode Ipv6} layers; the registry entry for EtherType 0x86dd and 6in4. */
export const ipv6Decoder: ProtocolDescriptor<Ipv6> = defineProtocol({
  kind: "ipv6",
  name: "IPv6",
  tcpdumpName: "ip6",
  create: () => new Ipv6(),
  bindings: {
    linkTypes: [LinkType.IPV6],
    etherTypes: [EtherType.IPV6],
    ipProtocols: [IpProtocol.IPV6],
  },
});

/**
 * Decodes an IPv6 header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 40 bytes remain or the version is not 6.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodeIpv6 } from "./ipv6.ts";
 * import assert from "node:assert/strict";
 *
 * const header = new Uint8Array(39);
 * header[0] = 0x60;
 * assert.throws(() => decodeIpv6(header), {
 *   name: "DecodeError",
 *   message: "Cannot decode IPv6 header: 40 bytes required, received 39",
 * });
 * ```
 */
export function decodeIpv6(data: Uint8Array, offset = 0): Ipv6 {
  return decodeOne(new Ipv6(), data, offset);
}
