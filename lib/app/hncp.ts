/**
 * HNCP, the Home Networking Control Protocol (RFC 7788) over DNCP (RFC 7787), on UDP port
 * 8231: a list of TLVs (16-bit type, 16-bit body length, the body padded to 4 bytes), some
 * of which nest further TLVs after their fields. Bodies carry node and endpoint IDs,
 * hashes, intervals in milliseconds, addresses (IPv4 as IPv4-mapped IPv6), prefixes, DNS
 * labels and DHCPv4/DHCPv6 option data; the layer reads them where its caller asks, as
 * tcpdump's hncp_print_rec() does.
 *
 * @module
 */

import { formatIpv4, formatIpv6 } from "../address.ts";
import type { DecodeError } from "../errors.ts";
import { readUint16, readUint32 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessage, capturedEnd } from "./_wire_length.ts";
import { BgpPrefixError, readBgpPrefix } from "./_bgp_prefixes.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/**
 * The type ranges of RFC 7787/7788 that have no name of their own, numbered past 16 bits
 * as tcpdump's type_mask does so that they never meet a real type.
 */
export const HncpRange = {
  RESERVED: 0x10000,
  UNASSIGNED: 0x10001,
  PRIVATE_USE: 0x10002,
  FUTURE_USE: 0x10003,
} as const;

/** The types RFC 7787 and RFC 7788 define (DHCPv4-Data 37 and DHCPv6-Data 38 per erratum 5113). */
const DEFINED = new Set([1, 2, 3, 4, 5, 8, 9, 10, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43]);

/** The header of one TLV, or why none could be read. */
export interface HncpTlv {
  /** `"ok"`; `"cut"` when the capture ends in the header or the body; `"invalid"` when the TLV passes its container. */
  readonly status: "ok" | "cut" | "invalid";
  /** The TLV's type. */
  readonly type: number;
  /** The body's length (without the header and the padding). */
  readonly bodyLength: number;
  /** Where the body starts. */
  readonly value: number;
}

/** One DHCPv4 or DHCPv6 option inside a DHCPv4-Data or DHCPv6-Data TLV. */
export interface HncpDhcpOption {
  /** The option's code. */
  readonly type: number;
  /** Its value's length. */
  readonly length: number;
  /** Where its value starts. */
  readonly value: number;
  /** The value passes the TLV's body (only the last option of a list). */
  readonly overrun: boolean;
}

/**
 * A name of counted labels (print_dns_label()): each label's start and length, the last
 * one shortened when it passes the field, and the bytes the name uses (-1 when no root
 * label ends it within the field).
 */
export interface HncpLabels {
  /** The labels: start and length, in order. */
  readonly labels: readonly (readonly [number, number])[];
  /** The bytes up to and with the root label, or -1. */
  readonly length: number;
}

const hex2 = (n: number) => n.toString(16).padStart(2, "0");
const hex8 = (n: number) => n.toString(16).padStart(8, "0");

/** The 12 bytes that start an IPv4-mapped IPv6 address. */
function ipv4Mapped(d: Uint8Array, at: number): boolean {
  for (let k = 0; k < 10; k++) if (d[at + k] !== 0) return false;
  return d[at + 10] === 0xff && d[at + 11] === 0xff;
}

/**
 * An HNCP packet: the TLVs of its payload, read on demand with {@linkcode Hncp.tlvAt}
 * and the field readers. `wireLength` is the UDP payload's length; the capture may hold
 * less (`end`, up to the IP packet's end).
 *
 * @example Read a Request-Network-State TLV
 * ```ts
 * import { decodeHncp } from "./hncp.ts";
 * import assert from "node:assert/strict";
 *
 * const hncp = decodeHncp(new Uint8Array([0, 1, 0, 0]));
 * const tlv = hncp.tlvAt(0, 4);
 * assert.equal(tlv.status, "ok");
 * assert.equal(tlv.type, 1);
 * assert.equal(tlv.bodyLength, 0);
 * ```
 */
export class Hncp extends LayerBase {
  /** The discriminant. */
  readonly kind = "hncp" as const;
  /** The packet's length on the wire (the UDP payload's). */
  wireLength = 0;
  /** Where the captured bytes end (tcpdump's snapend: the IP packet's). */
  snapEnd = 0;

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
    this.headerLength = 0;
    return undefined;
  }

  /** HNCP carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Whether `length` bytes at `at` were captured. */
  has(at: number, length: number): boolean {
    return at + length <= this.snapEnd;
  }

  /**
   * The TLV at `at` of a list that ends at `limit`, checked as hncp_print_rec() checks it:
   * its header and body captured, then within the list.
   *
   * @param at Where the TLV starts.
   * @param limit Where its container ends.
   * @returns The header and its status.
   */
  tlvAt(at: number, limit: number): HncpTlv {
    const none = { type: 0, bodyLength: 0, value: at + 4 };
    if (!this.has(at, 4)) return { status: "cut", ...none };
    if (at + 4 > limit) return { status: "invalid", ...none };
    const type = readUint16(this.data, at);
    const bodyLength = readUint16(this.data, at + 2);
    if (!this.has(at + 4, bodyLength)) return { status: "cut", type, bodyLength, value: at + 4 };
    const status = at + 4 + bodyLength > limit ? "invalid" : "ok";
    return { status, type, bodyLength, value: at + 4 };
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
   * Reads the 32-bit big-endian number at `at`.
   *
   * @param at The offset.
   * @returns The number.
   */
  u32(at: number): number {
    return readUint32(this.data, at);
  }

  /** A node ID (4 bytes) as `xx:xx:xx:xx`. */
  nodeId(at: number): string {
    const d = this.data;
    return `${hex2(d[at]!)}:${hex2(d[at + 1]!)}:${hex2(d[at + 2]!)}:${hex2(d[at + 3]!)}`;
  }

  /** `bytes` bytes at `at` as hexadecimal digits (hashes, fingerprints and keys). */
  hexBytes(at: number, bytes: number): string {
    let text = "";
    for (let k = 0; k < bytes; k += 4) text += hex8(this.u32(at + k));
    return text;
  }

  /** A 32-bit number of milliseconds as tcpdump's format_interval(): `S.MMMs`. */
  interval(at: number): string {
    const n = this.u32(at);
    return `${Math.floor(n / 1000)}.${String(n % 1000).padStart(3, "0")}s`;
  }

  /** A 16-byte address: an IPv4-mapped one as IPv4, any other as IPv6. */
  address(at: number): string {
    return ipv4Mapped(this.data, at) ? formatIpv4(this.data, at + 12) : formatIpv6(this.data, at);
  }

  /**
   * The prefix at `at` (its length byte first) in at most `room` bytes, as hncp's
   * print_prefix(): an IPv4-mapped prefix as an IPv4 prefix, any other as
   * decode_prefix6() reads it.
   *
   * @param at Where the length byte is.
   * @param room The bytes the prefix may use.
   * @returns The bytes it uses, or -1 for an impossible length, -3 when it passes `room`.
   */
  prefixSize(at: number, room: number): number {
    const bits = this.data[at]!;
    if (this.prefixIsIpv4(at, room)) {
      if (bits - 96 > 32) return -1;
      const size = (bits - 96 + 7) >> 3;
      return room - 1 < size + 12 ? -3 : 13 + size;
    }
    const size = readBgpPrefix(this.data, at, room, this.snapEnd, 128);
    // Every byte of the field was captured: a prefix that passes it is too long (-3).
    if (size === BgpPrefixError.ILLEGAL) return -1;
    return size < 0 ? -3 : size;
  }

  /**
   * Whether {@linkcode Hncp.prefixSize} reads the prefix at `at` as IPv4-mapped: its
   * address bytes then start 13 bytes on and its length is 96 less.
   */
  prefixIsIpv4(at: number, room: number): boolean {
    return this.data[at]! >= 96 && room >= 13 && ipv4Mapped(this.data, at + 1);
  }

  /**
   * The counted labels at `at` within `max` bytes, as print_dns_label() walks them.
   *
   * @param at Where the name starts.
   * @param max The bytes of the field.
   * @returns The labels and the name's length.
   */
  labels(at: number, max: number): HncpLabels {
    const labels: [number, number][] = [];
    let length = 0;
    while (length < max) {
      const n = this.data[at + length]!;
      length++;
      if (n === 0) return { labels, length };
      if (length + n > max) {
        labels.push([at + length, max - length]);
        break;
      }
      labels.push([at + length, n]);
      length += n;
    }
    return { labels, length: -1 };
  }

  /**
   * The DHCPv4 (1-byte code and length) or DHCPv6 (2-byte) options of a body, as
   * dhcpv4_print() and dhcpv6_print() walk them.
   *
   * @param at Where the options start.
   * @param length The body's length.
   * @param v6 DHCPv6 options.
   * @returns The options, and whether the last header did not fit (`short`).
   */
  dhcpOptions(
    at: number,
    length: number,
    v6: boolean,
  ): { options: HncpDhcpOption[]; short: boolean } {
    const options: HncpDhcpOption[] = [];
    const header = v6 ? 4 : 2;
    let i = 0;
    while (i < length) {
      if (i + header > length) return { options, short: true };
      const p = at + i;
      const type = v6 ? readUint16(this.data, p) : this.data[p]!;
      const optionLength = v6 ? readUint16(this.data, p + 2) : this.data[p + 1]!;
      const overrun = i + header + optionLength > length;
      options.push({ type, length: optionLength, value: p + header, overrun });
      if (overrun) break;
      i += header + optionLength;
    }
    return { options, short: false };
  }

  /** Returns the packet's lengths as a plain object. */
  toJSON(): Record<string, unknown> {
    return { wireLength: this.wireLength };
  }
}

/**
 * The name table key of a TLV type: the type itself when RFC 7787/7788 define it, else
 * its {@linkcode HncpRange} (types 6 and 7 are future use).
 *
 * @param type The TLV's type.
 * @returns The type or its range.
 *
 * @example Classify types
 * ```ts
 * import { HncpRange, hncpTypeClass } from "./hncp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(hncpTypeClass(35), 35);
 * assert.equal(hncpTypeClass(0), HncpRange.RESERVED);
 * assert.equal(hncpTypeClass(800), HncpRange.PRIVATE_USE);
 * ```
 */
export function hncpTypeClass(type: number): number {
  if (DEFINED.has(type)) return type;
  if (type === 0) return HncpRange.RESERVED;
  if (type >= 44 && type <= 511) return HncpRange.UNASSIGNED;
  if (type >= 768 && type <= 1023) return HncpRange.PRIVATE_USE;
  return HncpRange.FUTURE_USE;
}

/**
 * Creates {@linkcode Hncp} layers; the registry entry for UDP port 8231.
 *
 * @example Create an HNCP layer
 * ```ts
 * import { hncpDecoder } from "./hncp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(hncpDecoder.create().kind, "hncp");
 * ```
 */
export const hncpDecoder: ProtocolDescriptor<Hncp> = defineProtocol({
  kind: "hncp",
  name: "HNCP",
  tcpdumpName: "hncp",
  create: () => new Hncp(),
  bindings: { udpPorts: [8231] },
});

/**
 * Decodes an HNCP packet.
 *
 * @param data The bytes.
 * @param offset Where the packet starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Read a Node-Endpoint TLV's node ID
 * ```ts
 * import { decodeHncp } from "./hncp.ts";
 * import assert from "node:assert/strict";
 *
 * const hncp = decodeHncp(new Uint8Array([0, 3, 0, 8, 0x31, 0xda, 0x78, 0xd2, 3, 0, 0, 0]));
 * assert.equal(hncp.nodeId(hncp.tlvAt(0, 12).value), "31:da:78:d2");
 * ```
 */
export function decodeHncp(data: Uint8Array, offset = 0): Hncp {
  return decodeOne(new Hncp(), data, offset);
}
