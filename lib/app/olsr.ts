/**
 * OLSR, the Optimized Link State Routing protocol (RFC 3626), on UDP port 698: a 4-byte
 * packet header (length, sequence number), then messages, each with a header of type,
 * validity time, length, originator address, TTL, hop count and sequence number (12 bytes
 * over IPv4, 24 over IPv6) and a body: HELLO and TC (and olsr.org's link-quality variants
 * Hello-LQ and TC-LQ), MID, HNA (with olsrd's smart gateway entries) and the name service.
 * The address size follows the IP version that carries the packet. The layer reads the
 * messages where its caller asks, as tcpdump's olsr_print() does.
 *
 * @module
 */

import { formatIpv4, formatIpv6 } from "../address.ts";
import type { DecodeError } from "../errors.ts";
import { readUint16, readUint32 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessage, capturedEnd } from "./_wire_length.ts";
import { Ipv6 } from "../net/ipv6.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The message types tcpdump names. */
export const OlsrMessageType = {
  HELLO: 1,
  TC: 2,
  MID: 3,
  HNA: 4,
  POWERINFO: 128,
  NAMESERVICE: 130,
  HELLO_LQ: 201,
  TC_LQ: 202,
} as const;

/** The header of one message. */
export interface OlsrMessage {
  /** The message type. */
  readonly type: number;
  /** The validity time, in seconds (decoded from its mantissa and exponent). */
  readonly vtime: number;
  /** The message's length, its header included. */
  readonly length: number;
  /** The originator's address. */
  readonly originator: string;
  /** The time to live. */
  readonly ttl: number;
  /** The hop count. */
  readonly hops: number;
  /** The message sequence number. */
  readonly sequence: number;
  /** Where the body starts. */
  readonly body: number;
}

/** The fields of an HNA entry whose network is 0.0.0.0 and whose mask holds gateway flags. */
export interface OlsrSmartGateway {
  /** The flags byte (link speed, IPv4, IPv4 NAT, IPv6, IPv6 prefix). */
  readonly flags: number;
  /** The uplink speed in kbit/s (0 without the link speed flag). */
  readonly uplink: number;
  /** The downlink speed in kbit/s (0 without the link speed flag). */
  readonly downlink: number;
}

/**
 * A validity or hello interval from its byte (RFC 3626 section 18.3: mantissa in the high
 * nibble, exponent in the low one), in seconds.
 *
 * @example Decode 0x00 and 0x86
 * ```ts
 * import { olsrTime } from "./olsr.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(olsrTime(0), 0.0625);
 * assert.equal(olsrTime(0x86), 6);
 * ```
 */
export function olsrTime(me: number): number {
  return 0.0625 * (1 + (me >> 4) / 16) * (1 << (me & 0x0f));
}

/**
 * A smart gateway speed byte (olsrd's serialize_gw_speed(): 5 bits of mantissa plus one,
 * 3 bits of decimal exponent; 255 is the maximum), in kbit/s.
 *
 * @example Decode a speed
 * ```ts
 * import { olsrGatewaySpeed } from "./olsr.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(olsrGatewaySpeed(0x4b), 10000);
 * ```
 */
export function olsrGatewaySpeed(value: number): number {
  if (value === 0) return 0;
  if (value === 255) return 320000000;
  let speed = (value >> 3) + 1;
  for (let exp = value & 7; exp !== 0; exp--) speed *= 10;
  return speed;
}

/** The prefix length of an IPv4 mask, or 4294967295 (tcpdump's -1) when it is not contiguous. */
function ipv4MaskLength(mask: number): number {
  for (let length = 32; length >= 0; length--) {
    const bits = length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
    if (bits === mask) return length;
  }
  return 0xffffffff;
}

/** The mask byte values of 0 to 8 leading one bits. */
const BYTE_MASKS = [0x00, 0x80, 0xc0, 0xe0, 0xf0, 0xf8, 0xfc, 0xfe, 0xff];

/**
 * An OLSR packet: the header's fields and the messages, read on demand with
 * {@linkcode Olsr.messageAt} and the field readers. `wireLength` is the UDP payload's
 * length; the capture may hold less (`snapEnd`, up to the IP packet's end).
 *
 * @example Read a packet's header and its MID message
 * ```ts
 * import { decodeOlsr } from "./olsr.ts";
 * import assert from "node:assert/strict";
 *
 * const olsr = decodeOlsr(new Uint8Array([
 *   0, 20, 0, 1, 3, 0x86, 0, 16, 10, 0, 0, 1, 255, 0, 0, 7, 10, 0, 0, 2,
 * ]));
 * assert.equal(olsr.packetLength, 20);
 * const message = olsr.messageAt(4)!;
 * assert.equal(message.type, 3);
 * assert.equal(olsr.address(message.body), "10.0.0.2");
 * ```
 */
export class Olsr extends LayerBase {
  /** The discriminant. */
  readonly kind = "olsr" as const;
  /** The packet's length on the wire (the UDP payload's). */
  wireLength = 0;
  /** Where the captured bytes end (tcpdump's snapend: the IP packet's). */
  snapEnd = 0;
  /** Whether IPv6 carries the packet: its addresses are then 16 bytes long. */
  ipv6 = false;

  /** Decodes the packet at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginMessage(this, data, offset, end, context);
    if (error !== undefined) return error;
    this.snapEnd = capturedEnd(context, end);
    this.ipv6 = context.network instanceof Ipv6;
    this.headerLength = 0;
    return undefined;
  }

  /** OLSR carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** The size of an address: 4 over IPv4, 16 over IPv6. */
  get addressSize(): number {
    return this.ipv6 ? 16 : 4;
  }

  /** The size of a message header: 12 over IPv4, 24 over IPv6. */
  get messageHeaderSize(): number {
    return this.addressSize + 8;
  }

  /** The packet length field, or -1 when the 4-byte header was not captured. */
  get packetLength(): number {
    return this.has(this.offset, 4) ? readUint16(this.data, this.offset) : -1;
  }

  /** The packet sequence number, or -1 when the 4-byte header was not captured. */
  get packetSequence(): number {
    return this.has(this.offset, 4) ? readUint16(this.data, this.offset + 2) : -1;
  }

  /** Whether `length` bytes at `at` were captured. */
  has(at: number, length: number): boolean {
    return at + length <= this.snapEnd;
  }

  /**
   * The message header at `at`.
   *
   * @param at Where the message starts.
   * @returns Its fields, or `undefined` when the header was not captured.
   */
  messageAt(at: number): OlsrMessage | undefined {
    if (!this.has(at, this.messageHeaderSize)) return undefined;
    const d = this.data;
    const a = this.addressSize;
    return {
      type: d[at]!,
      vtime: olsrTime(d[at + 1]!),
      length: readUint16(d, at + 2),
      originator: this.address(at + 4),
      ttl: d[at + 4 + a]!,
      hops: d[at + 5 + a]!,
      sequence: readUint16(d, at + 6 + a),
      body: at + 8 + a,
    };
  }

  /**
   * Reads the unsigned byte at `at`.
   *
   * @param at The offset.
   * @returns The byte.
   */
  u8(at: number): number {
    return this.data[at]!;
  }

  /**
   * Reads the 16-bit big-endian number at `at`.
   *
   * @param at The offset.
   * @returns The number.
   */
  u16(at: number): number {
    return readUint16(this.data, at);
  }

  /** The address at `at` (4 bytes over IPv4, 16 over IPv6). */
  address(at: number): string {
    return this.ipv6 ? formatIpv6(this.data, at) : formatIpv4(this.data, at);
  }

  /** The IPv4 address at `at` (HELLO and TC neighbors are read as IPv4 over IPv6 too). */
  ipv4(at: number): string {
    return formatIpv4(this.data, at);
  }

  /**
   * The prefix length of the HNA mask at `at` (an address): over IPv4 4294967295 when the
   * mask is not contiguous (tcpdump's mask2plen() -1 printed unsigned); over IPv6 the
   * leading ones up to the first byte that is not 0xff (mask62plen()).
   */
  maskLength(at: number): number {
    if (!this.ipv6) return ipv4MaskLength(readUint32(this.data, at));
    let length = 0;
    for (let k = 0; k < 16; k++) {
      const byte = this.data[at + k]!;
      const bits = BYTE_MASKS.indexOf(byte);
      if (bits >= 0) length += bits;
      if (byte !== 0xff) break;
    }
    return length;
  }

  /**
   * The IPv4 HNA entry at `at` as a smart gateway (network 0.0.0.0, first mask byte 0,
   * flags in the second), or `undefined` for a plain network.
   */
  smartGateway(at: number): OlsrSmartGateway | undefined {
    const d = this.data;
    if (d[at] || d[at + 1] || d[at + 2] || d[at + 3] || d[at + 4] || !d[at + 5]) return undefined;
    const flags = d[at + 5]!;
    const speed = (flags & 1) !== 0;
    return {
      flags,
      uplink: speed ? olsrGatewaySpeed(d[at + 6]!) : 0,
      downlink: speed ? olsrGatewaySpeed(d[at + 7]!) : 0,
    };
  }

  /** The packet's header fields, for JSON output. */
  toJSON(): Record<string, unknown> {
    return {
      ipv6: this.ipv6,
      wireLength: this.wireLength,
      packetLength: this.packetLength,
      packetSequence: this.packetSequence,
    };
  }
}

/**
 * Creates {@linkcode Olsr} layers; the registry entry for UDP port 698.
 *
 * @example Create an OLSR layer
 * ```ts
 * import { olsrDecoder } from "./olsr.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(olsrDecoder.create().kind, "olsr");
 * ```
 */
export const olsrDecoder: ProtocolDescriptor<Olsr> = defineProtocol({
  kind: "olsr",
  name: "OLSR",
  tcpdumpName: "olsr",
  create: () => new Olsr(),
  bindings: { udpPorts: [698] },
});

/**
 * Decodes an OLSR packet (as over IPv4: no IP layer precedes it).
 *
 * @param data The bytes.
 * @param offset Where the packet starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Read the packet sequence number
 * ```ts
 * import { decodeOlsr } from "./olsr.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decodeOlsr(new Uint8Array([0, 4, 0x12, 0x34])).packetSequence, 0x1234);
 * ```
 */
export function decodeOlsr(data: Uint8Array, offset = 0): Olsr {
  return decodeOne(new Olsr(), data, offset);
}
