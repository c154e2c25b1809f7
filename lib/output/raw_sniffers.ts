/**
 * The output of the raw socket sniffers (`scripts/ip_sniffer.ts`, `tcp_sniffer.ts`,
 * `arp_sniffer.ts`): one line per IP packet (`ICMP: 127.0.0.1 -> 127.0.0.1`), TCP segments
 * with ports, flags, numbers and the first bytes of data, and ARP packets field by field;
 * or the same as plain objects for JSON lines.
 *
 * @module
 */

import { decode } from "../decode.ts";
import { BYTE_HEX, encodeHex } from "../_hex.ts";
import type { CaptureRecord } from "../formats/capture_reader.ts";

const PROTOCOL_NAMES: Record<number, string> = {
  1: "ICMP",
  2: "IGMP",
  6: "TCP",
  17: "UDP",
  27: "RDP",
  41: "IPv6",
  47: "GRE",
  50: "ESP",
  51: "AH",
  58: "ICMPv6",
  132: "SCTP",
};

/**
 * The name of an IP protocol as the sniffers print it.
 *
 * @param protocol The protocol number.
 * @returns Such as `ICMP`, or `Unknown(253)`.
 *
 * @example
 * ```ts
 * import { ipProtocolLabel } from "./raw_sniffers.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ipProtocolLabel(1), "ICMP");
 * assert.equal(ipProtocolLabel(253), "Unknown(253)");
 * ```
 */
export function ipProtocolLabel(protocol: number): string {
  return PROTOCOL_NAMES[protocol] ?? `Unknown(${protocol})`;
}

/** What the IP sniffer reports of a packet. */
export interface IpSnifferEntry {
  protocol: number;
  protocolName: string;
  source: string;
  destination: string;
  ttl: number;
  length: number;
}

/**
 * The IP sniffer's view of a record.
 *
 * @param record A record whose data starts with an IPv4 (or IPv6) header.
 * @returns The entry, or `undefined` when it has no IP header.
 */
export function ipSnifferEntry(record: CaptureRecord): IpSnifferEntry | undefined {
  const packet = decode(record.linkType, record.data);
  const ip4 = packet.layer("ipv4");
  if (ip4 !== undefined) {
    return {
      protocol: ip4.protocol,
      protocolName: ipProtocolLabel(ip4.protocol),
      source: ip4.source,
      destination: ip4.destination,
      ttl: ip4.timeToLive,
      length: ip4.totalLength,
    };
  }
  const ip6 = packet.layer("ipv6");
  if (ip6 === undefined) return undefined;
  return {
    protocol: ip6.nextHeader,
    protocolName: ipProtocolLabel(ip6.nextHeader),
    source: ip6.source,
    destination: ip6.destination,
    ttl: ip6.hopLimit,
    length: 40 + ip6.payloadLength,
  };
}

/**
 * The IP sniffer's line: `ICMP: 127.0.0.1 -> 127.0.0.1`.
 *
 * @param entry The entry.
 * @returns The line.
 *
 * @example
 * ```ts
 * import { ipSnifferLine } from "./raw_sniffers.ts";
 * import assert from "node:assert/strict";
 *
 * const entry = { protocol: 1, protocolName: "ICMP", source: "127.0.0.1", destination: "127.0.0.1", ttl: 64, length: 84 };
 * assert.equal(ipSnifferLine(entry), "ICMP: 127.0.0.1 -> 127.0.0.1");
 * ```
 */
export function ipSnifferLine(entry: IpSnifferEntry): string {
  return `${entry.protocolName}: ${entry.source} -> ${entry.destination}`;
}

/** What the TCP sniffer reports of a segment. */
export interface TcpSnifferEntry {
  source: string;
  destination: string;
  sourcePort: number;
  destinationPort: number;
  flags: string[];
  sequence: number;
  acknowledgment: number;
  window: number;
  payloadLength: number;
  /** The first bytes of the payload (at most 50). */
  payload: Uint8Array;
}

const FLAG_NAMES: readonly [number, string][] = [
  [0x01, "FIN"],
  [0x02, "SYN"],
  [0x04, "RST"],
  [0x08, "PSH"],
  [0x10, "ACK"],
  [0x20, "URG"],
  [0x40, "ECE"],
  [0x80, "CWR"],
];

/**
 * The TCP sniffer's view of a record.
 *
 * @param record A record holding a TCP segment in IP.
 * @param payloadBytes How many payload bytes to keep (default 50).
 * @returns The entry, or `undefined` when it holds no TCP header.
 */
export function tcpSnifferEntry(
  record: CaptureRecord,
  payloadBytes = 50,
): TcpSnifferEntry | undefined {
  const packet = decode(record.linkType, record.data);
  const tcp = packet.layer("tcp");
  const ip = packet.layer("ipv4") ?? packet.layer("ipv6");
  if (tcp === undefined || ip === undefined) return undefined;
  const payload = tcp.payload;
  return {
    source: ip.source,
    destination: ip.destination,
    sourcePort: tcp.sourcePort,
    destinationPort: tcp.destinationPort,
    flags: FLAG_NAMES.filter(([bit]) => (tcp.flags & bit) !== 0).map(([, name]) => name),
    sequence: tcp.sequenceNumber,
    acknowledgment: tcp.acknowledgmentNumber,
    window: tcp.window,
    payloadLength: payload.length,
    payload: payload.subarray(0, payloadBytes),
  };
}

/**
 * Bytes as Python prints a `bytes` value: `b'GET / HTTP/1.1\r\n'`.
 *
 * @param bytes The bytes.
 * @returns The literal.
 *
 * @example
 * ```ts
 * import { bytesLiteral } from "./raw_sniffers.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(bytesLiteral(new Uint8Array([0x68, 0x69, 0x0d, 0x0a, 0x00, 0x27])), "b'hi\\r\\n\\x00\\''");
 * ```
 */
export function bytesLiteral(bytes: Uint8Array): string {
  let out = "b'";
  for (const byte of bytes) {
    if (byte === 0x5c) out += "\\\\";
    else if (byte === 0x27) out += "\\'";
    else if (byte === 0x09) out += "\\t";
    else if (byte === 0x0a) out += "\\n";
    else if (byte === 0x0d) out += "\\r";
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\x${BYTE_HEX[byte]}`;
  }
  return `${out}'`;
}

/**
 * The TCP sniffer's lines: ports, flags and numbers, then the first bytes of data.
 *
 * @param entry The entry.
 * @returns One line, or two when the segment carries data.
 *
 * @example
 * ```ts
 * import { tcpSnifferLines } from "./raw_sniffers.ts";
 * import assert from "node:assert/strict";
 *
 * const lines = tcpSnifferLines({
 *   source: "10.0.0.1", destination: "10.0.0.2", sourcePort: 40000, destinationPort: 80,
 *   flags: ["PSH", "ACK"], sequence: 1, acknowledgment: 2, window: 502, payloadLength: 2,
 *   payload: new Uint8Array([0x68, 0x69]),
 * });
 * assert.deepEqual(lines, ["Port 40000 -> 80 [PSH,ACK] Seq=1 Ack=2 Win=502 Len=2", "Data: b'hi'..."]);
 * ```
 */
export function tcpSnifferLines(entry: TcpSnifferEntry): string[] {
  const lines = [
    `Port ${entry.sourcePort} -> ${entry.destinationPort} [${entry.flags.join(",")}] ` +
    `Seq=${entry.sequence} Ack=${entry.acknowledgment} Win=${entry.window} ` +
    `Len=${entry.payloadLength}`,
  ];
  if (entry.payloadLength > 0) lines.push(`Data: ${bytesLiteral(entry.payload)}...`);
  return lines;
}

/** What the ARP sniffer reports of a frame (hex strings as the seed prints them). */
export interface ArpSnifferEntry {
  destinationMac: string;
  sourceMac: string;
  hardware: string;
  protocol: string;
  opcode: string;
  operation: "Request" | "Reply";
  senderMac: string;
  senderIp: string;
  targetMac: string;
  targetIp: string;
}

const hex16 = (value: number) => value.toString(16).padStart(4, "0");

/**
 * The ARP sniffer's view of an Ethernet frame.
 *
 * @param record A record of link type Ethernet.
 * @returns The entry, or `undefined` when the frame holds no ARP packet.
 */
export function arpSnifferEntry(record: CaptureRecord): ArpSnifferEntry | undefined {
  const packet = decode(record.linkType, record.data);
  const eth = packet.layer("ethernet");
  const arp = packet.layer("arp");
  if (eth === undefined || arp === undefined) return undefined;
  return {
    destinationMac: encodeHex(eth.destinationBytes),
    sourceMac: encodeHex(eth.sourceBytes),
    hardware: hex16(arp.hardwareType),
    protocol: hex16(arp.protocolType),
    opcode: hex16(arp.operation),
    operation: arp.operation === 1 ? "Request" : "Reply",
    senderMac: encodeHex(arp.senderHardwareAddressBytes),
    senderIp: arp.senderProtocolAddress,
    targetMac: encodeHex(arp.targetHardwareAddressBytes),
    targetIp: arp.targetProtocolAddress,
  };
}

/**
 * The ARP sniffer's block of lines: the Ethernet addresses, then the ARP fields.
 *
 * @param entry The entry.
 * @returns The lines, the first a rule of `=`.
 */
export function arpSnifferLines(entry: ArpSnifferEntry): string[] {
  return [
    "=".repeat(50),
    "ETHERNET FRAME",
    `  Dest MAC:   ${entry.destinationMac}`,
    `  Source MAC: ${entry.sourceMac}`,
    "ARP HEADER",
    `  Hardware:   ${entry.hardware}`,
    `  Protocol:   ${entry.protocol}`,
    `  Opcode:     ${entry.opcode} (${entry.operation})`,
    `  Sender MAC: ${entry.senderMac}`,
    `  Sender IP:  ${entry.senderIp}`,
    `  Target MAC: ${entry.targetMac}`,
    `  Target IP:  ${entry.targetIp}`,
  ];
}
