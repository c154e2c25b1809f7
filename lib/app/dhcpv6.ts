/**
 * DHCPv6 (RFC 8415): client/server messages (type, transaction ID, options) and relay
 * messages (hop count, link and peer addresses, options), with the options as a list of
 * views that decodes nested option lists and relayed messages on demand.
 *
 * @module
 */

import { formatIpv6 } from "../address.ts";
import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { wireLength } from "./_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** DHCPv6 message types (RFC 8415 section 7.3, RFC 5007). */
export const Dhcpv6MessageType = {
  SOLICIT: 1,
  ADVERTISE: 2,
  REQUEST: 3,
  CONFIRM: 4,
  RENEW: 5,
  REBIND: 6,
  REPLY: 7,
  RELEASE: 8,
  DECLINE: 9,
  RECONFIGURE: 10,
  INFORMATION_REQUEST: 11,
  RELAY_FORW: 12,
  RELAY_REPL: 13,
  LEASEQUERY: 14,
  LEASEQUERY_REPLY: 15,
} as const;

/**
 * One DHCPv6 option: a view over its type, length and value. When the option runs past
 * the message or the captured bytes, it is not in the list: the list's `truncated` says so.
 */
export class Dhcpv6Option {
  /** The option code (1 client ID, 2 server ID, 3 IA_NA...). */
  readonly code: number;
  /** The value length the option declares. */
  readonly length: number;
  /** The packet bytes. */
  readonly data: Uint8Array;
  /** Offset of the value's first byte in `data`. */
  readonly valueOffset: number;
  /** Where the captured bytes end in `data`. */
  readonly captured: number;

  /**
   * Makes an option view.
   *
   * @param data The packet bytes.
   * @param offset Where the option's code starts.
   * @param captured Where the captured bytes end.
   */
  constructor(data: Uint8Array, offset: number, captured: number) {
    this.data = data;
    this.code = (data[offset]! << 8) | data[offset + 1]!;
    this.length = (data[offset + 2]! << 8) | data[offset + 3]!;
    this.valueOffset = offset + 4;
    this.captured = captured;
  }

  /** The value (a view). */
  get value(): Uint8Array {
    return this.data.subarray(this.valueOffset, this.valueOffset + this.length);
  }

  /** The 8-bit number at `at` bytes into the value. */
  uint8(at: number): number {
    return this.data[this.valueOffset + at]!;
  }

  /** The 16-bit number at `at` bytes into the value. */
  uint16(at: number): number {
    const i = this.valueOffset + at;
    return (this.data[i]! << 8) | this.data[i + 1]!;
  }

  /** The 32-bit number at `at` bytes into the value. */
  uint32(at: number): number {
    const i = this.valueOffset + at;
    return ((this.data[i]! << 24) | (this.data[i + 1]! << 16) | (this.data[i + 2]! << 8) |
      this.data[i + 3]!) >>> 0;
  }

  /** The IPv6 address at `at` bytes into the value. */
  ipv6(at: number): string {
    return formatIpv6(this.data, this.valueOffset + at);
  }

  /** The options inside the value after its first `skip` bytes (IA_NA, IA_ADDR...). */
  suboptions(skip: number): Dhcpv6Options {
    return readOptions(this.data, this.valueOffset + skip, this.valueOffset + this.length);
  }

  /** The message that a relay-message option carries, decoded (the captured part). */
  message(): Dhcpv6 {
    const message = new Dhcpv6();
    const end = Math.min(this.valueOffset + this.length, this.captured);
    message.decodeMessage(this.data, this.valueOffset, end, this.length);
    return message;
  }

  /**
   * The domain names of the value (RFC 1035 labels, no compression), from `at` bytes into
   * it: each name as its labels' bytes, then `truncated` when a name does not end inside
   * the value (or uses compression).
   */
  domainNames(at = 0): { names: Uint8Array[][]; truncated: boolean } {
    const names: Uint8Array[][] = [];
    const end = this.valueOffset + this.length;
    let i = this.valueOffset + at;
    while (i < end) {
      const labels: Uint8Array[] = [];
      for (;;) {
        if (i >= end) return { names: [...names, labels], truncated: true };
        const n = this.data[i]!;
        if (n === 0) {
          i++;
          break;
        }
        if ((n & 0xc0) !== 0 || i + 1 + n > end) {
          return { names: [...names, labels], truncated: true };
        }
        labels.push(this.data.subarray(i + 1, i + 1 + n));
        i += 1 + n;
      }
      names.push(labels);
    }
    return { names, truncated: false };
  }
}

/** A list of options, and whether it stopped at an option cut short. */
export interface Dhcpv6Options {
  /** The options that fit. */
  readonly options: readonly Dhcpv6Option[];
  /** An option ran past the end of its list or of the captured bytes. */
  readonly truncated: boolean;
}

function readOptions(data: Uint8Array, start: number, end: number): Dhcpv6Options {
  const options: Dhcpv6Option[] = [];
  let at = start;
  while (at < end) {
    if (at + 4 > end) return { options, truncated: true };
    const length = (data[at + 2]! << 8) | data[at + 3]!;
    if (at + 4 + length > end) return { options, truncated: true };
    options.push(new Dhcpv6Option(data, at, end));
    at += 4 + length;
  }
  return { options, truncated: false };
}

/**
 * A DHCPv6 message. For relay messages (types 12 and 13) `transactionId` is 0 and the
 * hop count and addresses are set; for the others the addresses are `undefined`.
 * `truncated` says the capture ends inside the fixed header.
 *
 * @example Decode a solicit with an elapsed-time option
 * ```ts
 * import { decodeDhcpv6 } from "./dhcpv6.ts";
 * import assert from "node:assert/strict";
 *
 * const dhcp = decodeDhcpv6(new Uint8Array([1, 0x12, 0x34, 0x56, 0, 8, 0, 2, 0, 0]));
 * assert.equal(dhcp.messageType, 1);
 * assert.equal(dhcp.transactionId, 0x123456);
 * assert.equal(dhcp.options().options[0]?.code, 8);
 * ```
 */
export class Dhcpv6 extends LayerBase {
  /** The discriminant. */
  readonly kind = "dhcpv6" as const;
  /** The message type (see {@linkcode Dhcpv6MessageType}). */
  messageType = 0;
  /** The 24-bit transaction ID (0 in relay messages). */
  transactionId = 0;
  /** The hop count of a relay message. */
  hopCount = 0;
  /** The capture ends inside the fixed header (4 bytes, 34 for relay messages). */
  truncated = false;
  /** The message length the transport declares (the captured bytes may be fewer). */
  wireLength = 0;

  /** Whether it is a relay message (relay-forward or relay-reply). */
  get relay(): boolean {
    return this.messageType === 12 || this.messageType === 13;
  }

  /** The link address of a relay message. */
  get linkAddress(): string | undefined {
    return this.relay && !this.truncated ? formatIpv6(this.data, this.offset + 2) : undefined;
  }

  /** The peer address of a relay message. */
  get peerAddress(): string | undefined {
    return this.relay && !this.truncated ? formatIpv6(this.data, this.offset + 18) : undefined;
  }

  /** The options after the fixed header, up to the message's end or the captured bytes. */
  options(): Dhcpv6Options {
    if (this.truncated) return { options: [], truncated: true };
    const end = Math.min(this.end, this.offset + this.wireLength);
    return readOptions(this.data, this.offset + this.headerLength, end);
  }

  /**
   * Decodes a message of `length` bytes on the wire whose captured bytes end at `end`.
   *
   * @returns Always `undefined`: a message cut short sets `truncated`.
   */
  decodeMessage(data: Uint8Array, offset: number, end: number, length: number): undefined {
    this.data = data;
    this.offset = offset;
    this.end = end;
    this.wireLength = length;
    this.messageType = end > offset ? data[offset]! : 0;
    this.transactionId = 0;
    this.hopCount = 0;
    const fixed = this.relay ? 34 : 4;
    this.truncated = end - offset < fixed;
    this.headerLength = this.truncated ? 0 : fixed;
    if (this.truncated) return undefined;
    if (this.relay) this.hopCount = data[offset + 1]!;
    else {this.transactionId = (data[offset + 1]! << 16) | (data[offset + 2]! << 8) |
        data[offset + 3]!;}
    return undefined;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    if (end - offset < 1) return DecodeError.truncated(this.kind, offset, 1, end - offset);
    return this.decodeMessage(data, offset, end, wireLength(context, offset, end - offset));
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      messageType: this.messageType,
      transactionId: this.transactionId,
      hopCount: this.hopCount,
      linkAddress: this.linkAddress,
      peerAddress: this.peerAddress,
      options: this.options().options.map((o) => ({ code: o.code, length: o.length })),
    };
  }
}

/**
 * Creates {@linkcode Dhcpv6} layers; the registry entry for UDP ports 546 and 547.
 *
 * @example Create a DHCPv6 layer
 * ```ts
 * import { dhcpv6Decoder } from "./dhcpv6.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(dhcpv6Decoder.create().kind, "dhcpv6");
 * ```
 */
export const dhcpv6Decoder: ProtocolDescriptor<Dhcpv6> = defineProtocol({
  kind: "dhcpv6",
  name: "DHCPv6",
  tcpdumpName: "dhcp6",
  create: () => new Dhcpv6(),
  bindings: { udpPorts: [546, 547] },
});

/**
 * Decodes a DHCPv6 message.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Decode a relay-forward header
 * ```ts
 * import { decodeDhcpv6 } from "./dhcpv6.ts";
 * import assert from "node:assert/strict";
 *
 * const relay = new Uint8Array(34);
 * relay[0] = 12;
 * relay[17] = 1;
 * const dhcp = decodeDhcpv6(relay);
 * assert.equal(dhcp.relay, true);
 * assert.equal(dhcp.linkAddress, "::1");
 * ```
 */
export function decodeDhcpv6(data: Uint8Array, offset = 0): Dhcpv6 {
  return decodeOne(new Dhcpv6(), data, offset);
}
