/**
 * The datagram that an ICMP error message quotes, read from the message's bytes: decoded
 * as an IPv4 header ({@linkcode readIcmpOriginal}), and its fields as tcpdump reads them,
 * at fixed places and without validating the header ({@linkcode readQuotedFields}).
 * Private to `lib/net/`.
 *
 * @module
 */

import { formatIpv4 } from "../address.ts";
import { readUint32 } from "../_bytes.ts";
import { noTables } from "../_decode_one.ts";
import type { DecodeContext } from "../layer.ts";
import { Ipv4 } from "./ipv4.ts";

/** The IP protocol numbers whose quoted header {@linkcode IcmpOriginal} reads. */
const ICMP = 1;
const TCP = 6;
const UDP = 17;

/**
 * The datagram that an ICMP error message quotes: the IPv4 header and, when present,
 * the first 8 bytes of its payload (RFC 792 asks for no more; RFC 1812 routers send more).
 */
export interface IcmpOriginal {
  /**
   * The quoted IPv4 header, decoded. Its payload is what was quoted of the original
   * datagram (rarely all of it), ending where the ICMP message ends.
   */
  ip: Ipv4;
  /** The source port, when the quoted payload is TCP or UDP with 4 bytes present. */
  sourcePort: number | undefined;
  /** The destination port, when the quoted payload is TCP or UDP with 4 bytes present. */
  destinationPort: number | undefined;
  /** The TCP sequence number, when the quoted payload is TCP with 8 bytes present. */
  sequenceNumber: number | undefined;
  /** The quoted ICMP message's type, when the quoted payload is ICMP. */
  icmpType: number | undefined;
  /** The quoted ICMP message's code, when the quoted payload is ICMP with 2 bytes present. */
  icmpCode: number | undefined;
  /** Up to the first 8 bytes of the quoted payload (a view). */
  leading: Uint8Array;
}

/**
 * The quoted datagram's fields at their fixed places, each `undefined` when not captured:
 * what a reader that does not validate the quoted header (as tcpdump) sees.
 */
export interface IcmpQuotedFields {
  /** The total length field (bytes 2-3 of the quoted header). */
  totalLength: number | undefined;
  /** The protocol field (byte 9). */
  protocol: number | undefined;
  /** The destination address field (bytes 16-19), such as `192.0.2.1`. */
  destination: string | undefined;
  /**
   * The 16 bits 2 bytes after the header length that the first byte gives (a UDP or TCP
   * destination port when that length is right).
   */
  destinationPort: number | undefined;
}

/** Decodes the IPv4 header quoted at `at` (undefined when short or malformed). */
export function readIcmpOriginal(
  data: Uint8Array,
  at: number,
  end: number,
): IcmpOriginal | undefined {
  const ip = new Ipv4();
  const context: DecodeContext = { tables: noTables, network: undefined };
  if (ip.decodeFrom(data, at, end, context) !== undefined) return undefined;
  const payload = ip.offset + ip.headerLength;
  const available = ip.end - payload;
  const ports = ip.fragmentOffset === 0 && (ip.protocol === TCP || ip.protocol === UDP) &&
    available >= 4;
  const icmp = ip.fragmentOffset === 0 && ip.protocol === ICMP;
  return {
    ip,
    sourcePort: ports ? (data[payload]! << 8) | data[payload + 1]! : undefined,
    destinationPort: ports ? (data[payload + 2]! << 8) | data[payload + 3]! : undefined,
    sequenceNumber: ports && ip.protocol === TCP && available >= 8
      ? readUint32(data, payload + 4)
      : undefined,
    icmpType: icmp && available >= 1 ? data[payload]! : undefined,
    icmpCode: icmp && available >= 2 ? data[payload + 1]! : undefined,
    leading: data.subarray(payload, payload + Math.min(8, available)),
  };
}

/** Reads the fields of the header quoted at `at` as they lie, before `end`. */
export function readQuotedFields(data: Uint8Array, at: number, end: number): IcmpQuotedFields {
  const u16 = (i: number) => i + 2 <= end ? (data[i]! << 8) | data[i + 1]! : undefined;
  const portAt = at < end ? at + (data[at]! & 0x0f) * 4 + 2 : end;
  return {
    totalLength: u16(at + 2),
    protocol: at + 10 <= end ? data[at + 9]! : undefined,
    destination: at + 20 <= end ? formatIpv4(data, at + 16) : undefined,
    destinationPort: u16(portAt),
  };
}
