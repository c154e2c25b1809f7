/**
 * IPv4 (RFC 791), with its options walked lazily.
 *
 * @module
 */

import { LinkType } from "../link_type.ts";
import { EtherType } from "../link/ethernet.ts";
import { IpProtocol } from "../ip_protocol.ts";
import { formatIpv4 } from "../address.ts";
import { foldChecksum, sumWords } from "../checksum.ts";
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
import { type Ipv4Option, sourceRouteDestination, walkOptions } from "./_ipv4_options.ts";

export {
  type Ipv4Option,
  Ipv4OptionType,
  type Ipv4Route,
  type Ipv4TimestampEntry,
  type Ipv4Timestamps,
} from "./_ipv4_options.ts";

/**
 * An IPv4 header. The payload is trimmed to the total length field, so Ethernet padding
 * is not part of it.
 *
 * A total length of 0 is taken, as Wireshark and tcpdump take it, for a packet that a
 * sender's TCP segmentation offload (or Linux BIG TCP) had not filled in yet: the payload
 * then runs to the end of the captured bytes, and `totalLength` stays 0.
 *
 * A fragment other than the first (`fragmentOffset !== 0`) is not decoded further: its
 * payload is the middle of an upper-layer packet.
 *
 * @example Decode an IPv4 header with a router alert option
 * ```ts
 * import { decodeIpv4 } from "./ipv4.ts";
 * import assert from "node:assert/strict";
 *
 * const packet = new Uint8Array([
 *   0x46, 0xc0, 0x00, 0x20, 0x00, 0x00, 0x40, 0x00, 0x01, 0x02, 0x43, 0x58,
 *   0xc0, 0xa8, 0x00, 0x01, 0xe0, 0x00, 0x00, 0x16, 0x94, 0x04, 0x00, 0x00,
 *   0x22, 0x00, 0xf9, 0x02, 0x00, 0x00, 0x00, 0x01, 0xff, 0xff, // 2 bytes of padding
 * ]);
 * const ip = decodeIpv4(packet);
 * assert.equal(ip.headerLength, 24);
 * assert.equal(ip.source, "192.168.0.1");
 * assert.equal(ip.destination, "224.0.0.22");
 * assert.equal(ip.dontFragment, true);
 * assert.equal(ip.protocol, 2);
 * assert.equal(ip.headerChecksumValid, true);
 * assert.deepEqual(ip.options.map((option) => option.name), ["RTRALT"]);
 * assert.equal(ip.payload.length, 8);
 * ```
 */
export class Ipv4 extends LayerBase implements NetworkLayer {
  /** The discriminant. */
  readonly kind = "ipv4" as const;
  /** The version field: always 4 once decoded. */
  version = 4;
  /** Differentiated services code point: the upper 6 bits of the TOS octet. */
  dscp = 0;
  /** Explicit congestion notification: the lower 2 bits of the TOS octet. */
  ecn = 0;
  /** The whole type-of-service octet (`dscp << 2 | ecn`). */
  tos = 0;
  /** The total length field: header plus payload, in bytes (0: see the class notes). */
  totalLength = 0;
  /** The identification field. */
  identification = 0;
  /** The three flag bits as a number: reserved (4), don't fragment (2), more fragments (1). */
  flags = 0;
  /** The reserved ("evil") flag bit. */
  reservedFlag = false;
  /** The don't-fragment flag. */
  dontFragment = false;
  /** The more-fragments flag. */
  moreFragments = false;
  /**
   * The fragment offset field, in units of 8 bytes as it is sent; multiply by 8 for the
   * offset in bytes that tcpdump prints.
   */
  fragmentOffset = 0;
  /** Time to live. */
  timeToLive = 0;
  /** The protocol of the payload (an {@linkcode IpProtocol} number). */
  protocol = 0;
  /** The header checksum field. */
  headerChecksum = 0;
  /** The source address as an unsigned 32-bit number, for fast flow keys. */
  sourceAddress = 0;
  /** The destination address as an unsigned 32-bit number. */
  destinationAddress = 0;
  /** Whether an option's length was impossible; {@linkcode options} stops before it. */
  optionsMalformed = false;
  /**
   * The capture ends inside the options (a partial decode: see
   * {@linkcode DecodeError.partial}): `headerLength` is what was captured of the header
   * (see {@linkcode Ipv4.declaredHeaderLength}), the options are those captured, and
   * there is no payload.
   */
  truncated = false;

  /** The header length that the IHL field declares, in bytes. */
  get declaredHeaderLength(): number {
    return (this.data[this.offset]! & 0x0f) * 4;
  }

  /** Source address, such as `192.0.2.1`. */
  get source(): string {
    return formatIpv4(this.data, this.offset + 12);
  }

  /** Destination address. */
  get destination(): string {
    return formatIpv4(this.data, this.offset + 16);
  }

  /** Source address bytes (a view). */
  get sourceBytes(): Uint8Array {
    return this.data.subarray(this.offset + 12, this.offset + 16);
  }

  /** Destination address bytes (a view). */
  get destinationBytes(): Uint8Array {
    return this.data.subarray(this.offset + 16, this.offset + 20);
  }

  /** Whether the packet is a fragment: more fragments follow, or the offset is not 0. */
  get isFragment(): boolean {
    return this.moreFragments || this.fragmentOffset !== 0;
  }

  /**
   * Whether the header checksum is correct (a sender that offloads it may send 0); `false`
   * when the header was cut short.
   */
  get headerChecksumValid(): boolean {
    if (this.truncated) return false;
    return foldChecksum(sumWords(this.data, this.offset, this.offset + this.headerLength, 0)) === 0;
  }

  /** The option bytes, between the fixed 20 bytes and the end of the header (a view). */
  get optionBytes(): Uint8Array {
    return this.data.subarray(
      this.offset + 20,
      Math.min(this.end, this.offset + this.headerLength),
    );
  }

  /**
   * The options, in order, up to and including an EOL; the walk stops at an option whose
   * length is impossible, the last entry then, marked `malformed` (and
   * {@linkcode optionsMalformed} is `true`). Route, timestamp and router alert options
   * carry their values. Built on each call.
   */
  get options(): Ipv4Option[] {
    const out: Ipv4Option[] = [];
    const end = this.offset + this.declaredHeaderLength;
    walkOptions(this.data, this.offset + 20, end, this.end, out);
    return out;
  }

  /**
   * The address that transport checksums sum in the pseudo-header: the last address of a
   * loose or strict source route option, else the destination field (RFC 791, and
   * tcpdump's ip_finddst()). A view.
   */
  get finalDestinationBytes(): Uint8Array {
    const at = this.#finalDestination();
    return this.data.subarray(at, at + 4);
  }

  pseudoHeaderSum(protocol: number, length: number): number {
    const d = this.data;
    const o = this.offset + 12;
    const f = this.#finalDestination();
    return ((d[o]! << 8) | d[o + 1]!) + ((d[o + 2]! << 8) | d[o + 3]!) +
      ((d[f]! << 8) | d[f + 1]!) + ((d[f + 2]! << 8) | d[f + 3]!) + protocol + length;
  }

  #finalDestination(): number {
    if (this.headerLength === 20) return this.offset + 16;
    const end = Math.min(this.end, this.offset + this.headerLength);
    const at = sourceRouteDestination(this.data, this.offset + 20, end);
    return at < 0 ? this.offset + 16 : at;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    if (available < 20) return DecodeError.truncated(this.kind, offset, 20, available);
    const version = data[offset]! >> 4;
    if (version !== 4) {
      return DecodeError.malformed(this.kind, offset, 4, version, `version ${version} is not 4`);
    }
    const headerLength = (data[offset]! & 0x0f) * 4;
    if (headerLength < 20) {
      return DecodeError.malformed(
        this.kind,
        offset,
        20,
        headerLength,
        `header length ${headerLength} is less than 20`,
      );
    }
    // A header cut inside its options is kept (a partial decode), as tcpdump prints it.
    const truncated = available < headerLength;
    const totalLength = (data[offset + 2]! << 8) | data[offset + 3]!;
    if (totalLength !== 0 && totalLength < headerLength) {
      return DecodeError.malformed(
        this.kind,
        offset,
        headerLength,
        totalLength,
        `total length ${totalLength} is less than the header length ${headerLength}`,
      );
    }
    this.data = data;
    this.offset = offset;
    this.truncated = truncated;
    this.headerLength = truncated ? available : headerLength;
    this.end = totalLength === 0 ? end : Math.min(end, offset + totalLength);
    this.version = 4;
    const tos = data[offset + 1]!;
    this.tos = tos;
    this.dscp = tos >> 2;
    this.ecn = tos & 3;
    this.totalLength = totalLength;
    this.identification = (data[offset + 4]! << 8) | data[offset + 5]!;
    const flags = data[offset + 6]! >> 5;
    this.flags = flags;
    this.reservedFlag = (flags & 4) !== 0;
    this.dontFragment = (flags & 2) !== 0;
    this.moreFragments = (flags & 1) !== 0;
    this.fragmentOffset = ((data[offset + 6]! & 0x1f) << 8) | data[offset + 7]!;
    this.timeToLive = data[offset + 8]!;
    this.protocol = data[offset + 9]!;
    this.headerChecksum = (data[offset + 10]! << 8) | data[offset + 11]!;
    this.sourceAddress = ((data[offset + 12]! << 24) | (data[offset + 13]! << 16) |
      (data[offset + 14]! << 8) | data[offset + 15]!) >>> 0;
    this.destinationAddress = ((data[offset + 16]! << 24) | (data[offset + 17]! << 16) |
      (data[offset + 18]! << 8) | data[offset + 19]!) >>> 0;
    this.optionsMalformed = headerLength > 20 &&
      !walkOptions(data, offset + 20, offset + headerLength, this.end, undefined);
    context.network = this;
    if (truncated) return DecodeError.truncated(this.kind, offset, headerLength, available, true);
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    if (this.fragmentOffset !== 0) return undefined;
    return context.tables.ipProtocols.get(this.protocol);
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      version: this.version,
      headerLength: this.headerLength,
      dscp: this.dscp,
      ecn: this.ecn,
      totalLength: this.totalLength,
      identification: this.identification,
      flags: this.flags,
      reservedFlag: this.reservedFlag,
      dontFragment: this.dontFragment,
      moreFragments: this.moreFragments,
      fragmentOffset: this.fragmentOffset,
      timeToLive: this.timeToLive,
      protocol: this.protocol,
      headerChecksum: this.headerChecksum,
      source: this.source,
      destination: this.destination,
      options: this.options.map((option) => ({
        ...option,
        data: Array.from(option.data),
      })),
      optionsMalformed: this.optionsMalformed,
    };
  }
}

/** Creates {@linkcode Ipv4} layers; the registry entry for EtherType 0x0800 and IP-in-IP. */
export const ipv4Decoder: ProtocolDescriptor<Ipv4> = defineProtocol({
  kind: "ipv4",
  name: "IPv4",
  tcpdumpName: "ip",
  create: () => new Ipv4(),
  bindings: {
    linkTypes: [LinkType.IPV4],
    etherTypes: [EtherType.IPV4],
    ipProtocols: [IpProtocol.IPV4],
  },
});

/**
 * Decodes an IPv4 header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header is cut short (`truncated`), or its version, header
 * length or total length is impossible (`malformed`).
 *
 * @example Reject a header whose version is not 4
 * ```ts
 * import { decodeIpv4 } from "./ipv4.ts";
 * import assert from "node:assert/strict";
 *
 * const header = new Uint8Array(20);
 * header[0] = 0x65;
 * assert.throws(() => decodeIpv4(header), {
 *   name: "DecodeError",
 *   message: "Cannot decode IPv4 header: version 6 is not 4",
 * });
 * ```
 */
export function decodeIpv4(data: Uint8Array, offset = 0): Ipv4 {
  return decodeOne(new Ipv4(), data, offset);
}
