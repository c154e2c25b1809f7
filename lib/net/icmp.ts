/**
 * ICMP for IPv4 (RFC 792, with RFC 950 address masks, RFC 1256 router discovery and
 * RFC 1191 path MTU discovery).
 *
 * @module
 */

import { IpProtocol } from "../ip_protocol.ts";
import { formatIpv4 } from "../address.ts";
import { foldChecksum, sumWords } from "../checksum.ts";
import { DecodeError } from "../errors.ts";
import { readUint32 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  defineProtocol,
  LayerBase,
  type NetworkLayer,
  type ProtocolDescriptor,
} from "../layer.ts";
import { Ipv4 } from "./ipv4.ts";
import { icmpToJSON } from "./_icmp_json.ts";
import {
  type IcmpOriginal,
  type IcmpQuotedFields,
  readIcmpOriginal,
  readQuotedFields,
} from "./_icmp_quoted.ts";
import { type IcmpExtension, readIcmpExtension } from "./_icmp_extension.ts";

export type { IcmpOriginal, IcmpQuotedFields } from "./_icmp_quoted.ts";
export type { IcmpExtension, IcmpExtensionObject, IcmpMplsEntry } from "./_icmp_extension.ts";

/**
 * ICMP message types (IANA "ICMP Type Numbers") that wirekit names.
 *
 * @example Compare a message type
 * ```ts
 * import { IcmpType } from "./icmp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(IcmpType.ECHO_REQUEST, 8);
 * ```
 */
export const IcmpType = {
  ECHO_REPLY: 0,
  DESTINATION_UNREACHABLE: 3,
  /** Deprecated by RFC 6633. */
  SOURCE_QUENCH: 4,
  REDIRECT: 5,
  ECHO_REQUEST: 8,
  ROUTER_ADVERTISEMENT: 9,
  ROUTER_SOLICITATION: 10,
  TIME_EXCEEDED: 11,
  PARAMETER_PROBLEM: 12,
  TIMESTAMP: 13,
  TIMESTAMP_REPLY: 14,
  /** Deprecated by RFC 6918. */
  INFORMATION_REQUEST: 15,
  /** Deprecated by RFC 6918. */
  INFORMATION_REPLY: 16,
  /** Deprecated by RFC 6918. */
  ADDRESS_MASK_REQUEST: 17,
  /** Deprecated by RFC 6918. */
  ADDRESS_MASK_REPLY: 18,
  /** RFC 8335 (PROBE). */
  EXTENDED_ECHO_REQUEST: 42,
  /** RFC 8335 (PROBE). */
  EXTENDED_ECHO_REPLY: 43,
} as const;

/** An ICMP message type that wirekit names. */
export type IcmpType = typeof IcmpType[keyof typeof IcmpType];

/** The destination-unreachable code that carries a next-hop MTU (RFC 1191). */
const FRAGMENTATION_NEEDED = 4;

/** One entry of a router advertisement (RFC 1256). */
export interface IcmpRouterAddress {
  /** The router's address. */
  address: string;
  /** Its preference level, a signed 32-bit number (higher is preferred). */
  preference: number;
}

/** Whether the IPv4 layer below says its packet ends no further than `end`, unfragmented. */
function capturedWhole(network: NetworkLayer, end: number): boolean {
  if (!(network instanceof Ipv4)) return true;
  if (network.isFragment) return false;
  return network.totalLength === 0 || network.offset + network.totalLength <= end;
}

/**
 * An ICMP message. The header is the 8 fixed bytes (type, code, checksum and the 4
 * type-specific bytes in {@linkcode Icmp.rest}); the payload is the rest of the message:
 * echo data, the quoted datagram of an error, timestamps, router entries...
 *
 * There is no next decoder: the datagram quoted by an error is exposed through
 * {@linkcode Icmp.original} instead of as further layers, because it is usually cut
 * short (its header's lengths and checksums describe bytes that were never quoted) and it
 * must not be mistaken for the packet's own IP and transport headers.
 *
 * @example Decode an echo request
 * ```ts
 * import { decodeIcmp } from "./icmp.ts";
 * import assert from "node:assert/strict";
 *
 * const message = new Uint8Array([8, 0, 0x96, 0x9b, 0, 1, 0, 1, 0x61, 0x62]);
 * const icmp = decodeIcmp(message);
 * assert.equal(icmp.type, 8);
 * assert.equal(icmp.identifier, 1);
 * assert.equal(icmp.sequenceNumber, 1);
 * assert.equal(icmp.checksumValid, true);
 * assert.deepEqual(icmp.payload, new Uint8Array([0x61, 0x62]));
 * ```
 */
export class Icmp extends LayerBase {
  /** The discriminant. */
  readonly kind = "icmp" as const;
  /** The message type (an {@linkcode IcmpType} number). */
  type = 0;
  /** The code, whose meaning depends on the type. */
  code = 0;
  /** The checksum field (0 when not captured). */
  checksum = 0;
  /**
   * The capture ends within the 8-byte header (a partial decode: see
   * {@linkcode DecodeError.partial}); the fields past the end read as `undefined`.
   */
  truncated = false;
  #network: NetworkLayer | undefined = undefined;

  /**
   * Whether the checksum is correct over the whole message: `undefined` when the capture
   * cut the message short or it travels in an IPv4 fragment.
   */
  get checksumValid(): boolean | undefined {
    if (this.truncated) return undefined;
    if (this.#network !== undefined && !capturedWhole(this.#network, this.end)) return undefined;
    return foldChecksum(sumWords(this.data, this.offset, this.end, 0)) === 0;
  }

  /** The 4 type-specific bytes after the checksum (a view). */
  get rest(): Uint8Array {
    return this.data.subarray(this.offset + 4, Math.min(this.offset + 8, this.end));
  }

  /** Whether the message's first `length` bytes were captured. */
  #has(length: number): boolean {
    return this.offset + length <= this.end;
  }

  /** Whether the type carries an identifier and sequence number in bytes 4 to 8. */
  get #hasIdentifier(): boolean {
    const type = this.type;
    if (!this.#has(8)) return false;
    return type === 0 || type === 8 || (type >= 13 && type <= 18) || type === 42 ||
      type === 43;
  }

  /** The identifier of an echo, timestamp, information or address mask message. */
  get identifier(): number | undefined {
    if (!this.#hasIdentifier) return undefined;
    return (this.data[this.offset + 4]! << 8) | this.data[this.offset + 5]!;
  }

  /**
   * The sequence number of an echo, timestamp, information or address mask message, or
   * the 8-bit sequence number of an RFC 8335 extended echo.
   */
  get sequenceNumber(): number | undefined {
    if (!this.#hasIdentifier) return undefined;
    if (this.type === 42 || this.type === 43) return this.data[this.offset + 6]!;
    return (this.data[this.offset + 6]! << 8) | this.data[this.offset + 7]!;
  }

  /** The next-hop MTU of a destination unreachable "fragmentation needed" (RFC 1191). */
  get nextHopMtu(): number | undefined {
    if (this.type !== 3 || this.code !== FRAGMENTATION_NEEDED || !this.#has(8)) return undefined;
    return (this.data[this.offset + 6]! << 8) | this.data[this.offset + 7]!;
  }

  /** The octet that a parameter problem points at, counted from the quoted header. */
  get pointer(): number | undefined {
    return this.type === 12 && this.#has(5) ? this.data[this.offset + 4]! : undefined;
  }

  /** The gateway address of a redirect, such as `192.0.2.1`. */
  get gateway(): string | undefined {
    return this.type === 5 && this.#has(8) ? formatIpv4(this.data, this.offset + 4) : undefined;
  }

  /** The gateway address bytes of a redirect (a view). */
  get gatewayBytes(): Uint8Array | undefined {
    if (this.type !== 5 || !this.#has(8)) return undefined;
    return this.data.subarray(this.offset + 4, this.offset + 8);
  }

  /** The originate timestamp of a timestamp (reply): milliseconds since midnight UT. */
  get originateTimestamp(): number | undefined {
    return this.#timestamp(8);
  }

  /** The receive timestamp of a timestamp (reply). */
  get receiveTimestamp(): number | undefined {
    return this.#timestamp(12);
  }

  /** The transmit timestamp of a timestamp (reply). */
  get transmitTimestamp(): number | undefined {
    return this.#timestamp(16);
  }

  /** The subnet mask of an address mask request or reply, such as `255.255.255.0`. */
  get addressMask(): string | undefined {
    if ((this.type !== 17 && this.type !== 18) || this.offset + 12 > this.end) return undefined;
    return formatIpv4(this.data, this.offset + 8);
  }

  /** The number of addresses a router advertisement announces. */
  get addressCount(): number | undefined {
    return this.type === 9 && this.#has(8) ? this.data[this.offset + 4]! : undefined;
  }

  /** The size of each router advertisement entry, in 32-bit words (2 for RFC 1256). */
  get addressEntrySize(): number | undefined {
    return this.type === 9 && this.#has(8) ? this.data[this.offset + 5]! : undefined;
  }

  /** The lifetime of a router advertisement, in seconds. */
  get lifetime(): number | undefined {
    if (this.type !== 9 || !this.#has(8)) return undefined;
    return (this.data[this.offset + 6]! << 8) | this.data[this.offset + 7]!;
  }

  /**
   * The entries of a router advertisement that the capture holds: at most
   * {@linkcode Icmp.addressCount}, each `addressEntrySize` words apart (at least 2).
   */
  get routerAddresses(): IcmpRouterAddress[] | undefined {
    if (this.type !== 9 || !this.#has(8)) return undefined;
    const entries: IcmpRouterAddress[] = [];
    const step = Math.max(2, this.data[this.offset + 5]!) * 4;
    const count = this.data[this.offset + 4]!;
    let at = this.offset + 8;
    for (let i = 0; i < count && at + 8 <= this.end; i++, at += step) {
      entries.push({
        address: formatIpv4(this.data, at),
        preference: readUint32(this.data, at + 4) | 0,
      });
    }
    return entries;
  }

  /**
   * The datagram quoted by a destination unreachable, source quench, redirect, time
   * exceeded or parameter problem message: `undefined` for other types, or when fewer
   * than the 20 bytes of an IPv4 header (or a malformed one) were quoted.
   */
  get original(): IcmpOriginal | undefined {
    if (!this.#quotes) return undefined;
    return readIcmpOriginal(this.data, this.offset + 8, this.end);
  }

  /**
   * The fields of the header quoted by an error message (as for
   * {@linkcode Icmp.original}) read at their places, whether or not that header is valid
   * or complete: `undefined` for other types.
   */
  get quoted(): IcmpQuotedFields | undefined {
    return this.#quotes ? readQuotedFields(this.data, this.offset + 8, this.end) : undefined;
  }

  /**
   * The RFC 4884 extension (MPLS label stack, interface information...) of a destination
   * unreachable, time exceeded or parameter problem message longer than 136 bytes:
   * `undefined` for other messages and when not captured. Whether a message carries one
   * is not certain (RFC 4884's length field is often 0): check its version and checksum.
   */
  get extension(): IcmpExtension | undefined {
    const type = this.type;
    if (type !== 3 && type !== 11 && type !== 12) return undefined;
    return readIcmpExtension(this.data, this.offset, this.wireLength, this.end);
  }

  /** The message's length on the wire, from the IPv4 header below (or what was captured). */
  get wireLength(): number {
    const network = this.#network;
    if (network instanceof Ipv4 && network.totalLength !== 0) {
      return network.offset + network.totalLength - this.offset;
    }
    return this.end - this.offset;
  }

  /** Whether the type quotes a datagram (an error message). */
  get #quotes(): boolean {
    const type = this.type;
    return type === 3 || type === 4 || type === 5 || type === 11 || type === 12;
  }

  #timestamp(at: number): number | undefined {
    if ((this.type !== 13 && this.type !== 14) || this.offset + at + 4 > this.end) return undefined;
    return readUint32(this.data, this.offset + at);
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    // The type and code are kept from a message cut short, as tcpdump prints them.
    if (available < 2) return DecodeError.truncated(this.kind, offset, 8, available);
    this.data = data;
    this.offset = offset;
    this.truncated = available < 8;
    this.headerLength = Math.min(8, available);
    this.end = end;
    this.type = data[offset]!;
    this.code = data[offset + 1]!;
    this.checksum = available >= 4 ? (data[offset + 2]! << 8) | data[offset + 3]! : 0;
    this.#network = context.network;
    if (this.truncated) return DecodeError.truncated(this.kind, offset, 8, available, true);
    return undefined;
  }

  /** Returns `undefined`: a quoted datagram is read through {@linkcode Icmp.original}. */
  nextDecoder(_context: DecodeContext): undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return icmpToJSON(this, [
      ["identifier", this.identifier],
      ["sequenceNumber", this.sequenceNumber],
      ["nextHopMtu", this.nextHopMtu],
      ["pointer", this.pointer],
      ["gateway", this.gateway],
      ["originateTimestamp", this.originateTimestamp],
      ["receiveTimestamp", this.receiveTimestamp],
      ["transmitTimestamp", this.transmitTimestamp],
      ["addressMask", this.addressMask],
      ["addressCount", this.addressCount],
      ["addressEntrySize", this.addressEntrySize],
      ["lifetime", this.lifetime],
      ["routerAddresses", this.routerAddresses],
    ], this.original);
  }
}

/** Creates {@linkcode Icmp} layers; the registry entry for IP protocol 1. */
export const icmpDecoder: ProtocolDescriptor<Icmp> = defineProtocol({
  kind: "icmp",
  name: "ICMP",
  tcpdumpName: "icmp",
  tcpdumpCut: "read",
  create: () => new Icmp(),
  bindings: { ipProtocols: [IpProtocol.ICMP] },
});

/**
 * Decodes an ICMP message.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 8 bytes remain.
 *
 * @example Read the datagram quoted by a port unreachable
 * ```ts
 * import { decodeIcmp } from "./icmp.ts";
 * import assert from "node:assert/strict";
 *
 * const message = new Uint8Array(36);
 * message.set([3, 3]); // destination unreachable, port unreachable
 * message.set([0x45, 0, 0, 40, 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2], 8);
 * message.set([0x30, 0x39, 0, 53, 0, 20, 0, 0], 28);
 * const original = decodeIcmp(message).original;
 * assert.equal(original?.ip.destination, "10.0.0.2");
 * assert.equal(original?.destinationPort, 53);
 * assert.throws(() => decodeIcmp(message.subarray(0, 7)), { name: "DecodeError" });
 * ```
 */
export function decodeIcmp(data: Uint8Array, offset = 0): Icmp {
  return decodeOne(new Icmp(), data, offset);
}
