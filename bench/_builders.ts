/**
 * Small frame builders for the benchmarks: they write Ethernet (optionally 802.1Q-tagged)
 * frames carrying ARP or IPv4/IPv6 with TCP, UDP, ICMP, IGMP or ICMPv6 into a caller's
 * buffer, with correct lengths and checksums and padding to the 60-byte Ethernet minimum.
 *
 * Private to `bench/`: the public packet-crafting API is a later issue. The builders write
 * into a reused buffer so that generating a million frames allocates almost nothing.
 *
 * @module
 */

import { foldChecksum, sumWords } from "../lib/checksum.ts";

/** The shortest Ethernet frame without its FCS: shorter frames are zero-padded. */
export const MIN_FRAME_LENGTH = 60;

/** The Ethernet header of a frame, with an optional 802.1Q tag. */
export interface LinkSpec {
  /** Destination MAC address (6 bytes). */
  destination: Uint8Array;
  /** Source MAC address (6 bytes). */
  source: Uint8Array;
  /** The 802.1Q VLAN identifier; no tag when absent. */
  vlanId?: number;
  /** The 802.1Q priority code point (default 0). */
  vlanPriority?: number;
}

/** An IPv4 header. */
export interface Ipv4Spec {
  /** The discriminant. */
  version: 4;
  /** Source address (4 bytes). */
  source: Uint8Array;
  /** Destination address (4 bytes). */
  destination: Uint8Array;
  /** Time to live. */
  ttl: number;
  /** Identification. */
  id: number;
  /** Whether to set the don't-fragment flag (default `true`). */
  dontFragment?: boolean;
  /** The DSCP/ECN byte (default 0). */
  tos?: number;
  /** Options, a multiple of 4 bytes (default none). */
  options?: Uint8Array;
}

/** An IPv6 header, with an optional hop-by-hop options header after it. */
export interface Ipv6Spec {
  /** The discriminant. */
  version: 6;
  /** Source address (16 bytes). */
  source: Uint8Array;
  /** Destination address (16 bytes). */
  destination: Uint8Array;
  /** Hop limit. */
  hopLimit: number;
  /** Flow label (default 0). */
  flowLabel?: number;
  /** Traffic class (default 0). */
  trafficClass?: number;
  /** The options of a hop-by-hop header: 2 + length must be a multiple of 8. */
  hopByHop?: Uint8Array;
}

/** A TCP header. */
export interface TcpSpec {
  /** The discriminant. */
  protocol: "tcp";
  /** Source port. */
  sourcePort: number;
  /** Destination port. */
  destinationPort: number;
  /** Sequence number. */
  seq: number;
  /** Acknowledgment number. */
  ack: number;
  /** Flags, such as `TcpFlags.SYN | TcpFlags.ACK`. */
  flags: number;
  /** Window. */
  window: number;
  /** Options, padded to a multiple of 4 bytes (default none). */
  options?: Uint8Array;
}

/** A UDP header. */
export interface UdpSpec {
  /** The discriminant. */
  protocol: "udp";
  /** Source port. */
  sourcePort: number;
  /** Destination port. */
  destinationPort: number;
}

/**
 * The first four bytes of an ICMP, IGMP or ICMPv6 message: type, code and checksum. The
 * rest of the message (identifier, sequence, body) is the payload.
 */
export interface IcmpSpec {
  /** The discriminant: ICMP and IGMP sum no pseudo-header, ICMPv6 does. */
  protocol: "icmp" | "igmp" | "icmpv6";
  /** Type. */
  type: number;
  /** Code (IGMP: the maximum response time). */
  code: number;
}

/** The transport header of an IP packet. */
export type TransportSpec = TcpSpec | UdpSpec | IcmpSpec;

/** An ARP packet for IPv4 over Ethernet. */
export interface ArpSpec {
  /** 1 for a request, 2 for a reply. */
  operation: number;
  /** Sender MAC address. */
  senderMac: Uint8Array;
  /** Sender IPv4 address. */
  senderIp: Uint8Array;
  /** Target MAC address (zeros in a request). */
  targetMac: Uint8Array;
  /** Target IPv4 address. */
  targetIp: Uint8Array;
}

/** TCP flag bits. */
export const TcpFlags = {
  FIN: 0x01,
  SYN: 0x02,
  RST: 0x04,
  PSH: 0x08,
  ACK: 0x10,
  URG: 0x20,
} as const;

const PROTOCOL_NUMBERS = { tcp: 6, udp: 17, icmp: 1, igmp: 2, icmpv6: 58 } as const;

/**
 * Writes the Ethernet header (and 802.1Q tag) at `out[0..]`.
 *
 * @param out The frame buffer.
 * @param link The addresses and tag.
 * @param etherType The EtherType of the payload.
 * @returns The offset of the payload.
 */
function writeLink(out: Uint8Array, link: LinkSpec, etherType: number): number {
  out.set(link.destination, 0);
  out.set(link.source, 6);
  let p = 12;
  if (link.vlanId !== undefined) {
    const tci = ((link.vlanPriority ?? 0) << 13) | (link.vlanId & 0x0fff);
    out[12] = 0x81;
    out[13] = 0x00;
    out[14] = tci >> 8;
    out[15] = tci & 0xff;
    p = 16;
  }
  out[p] = etherType >> 8;
  out[p + 1] = etherType & 0xff;
  return p + 2;
}

function put16(out: Uint8Array, p: number, v: number): void {
  out[p] = (v >>> 8) & 0xff;
  out[p + 1] = v & 0xff;
}

function put32(out: Uint8Array, p: number, v: number): void {
  out[p] = (v >>> 24) & 0xff;
  out[p + 1] = (v >>> 16) & 0xff;
  out[p + 2] = (v >>> 8) & 0xff;
  out[p + 3] = v & 0xff;
}

function pad(out: Uint8Array, end: number): number {
  if (end >= MIN_FRAME_LENGTH) return end;
  out.fill(0, end, MIN_FRAME_LENGTH);
  return MIN_FRAME_LENGTH;
}

function transportHeaderLength(transport: TransportSpec): number {
  switch (transport.protocol) {
    case "tcp": {
      const options = transport.options?.length ?? 0;
      if (options % 4 !== 0 || options > 40) {
        throw new RangeError(
          `Cannot build TCP header: options must be a multiple of 4 up to 40 bytes, received ${options}`,
        );
      }
      return 20 + options;
    }
    case "udp":
      return 8;
    default:
      return 4;
  }
}

/**
 * Writes an Ethernet frame carrying an IP packet into `out`, computing the IP lengths and
 * every checksum, and zero-padding it to 60 bytes.
 *
 * @param out The buffer (at least 60 bytes and the frame's length).
 * @param link The Ethernet header.
 * @param net The IPv4 or IPv6 header.
 * @param transport The transport header.
 * @param payload The bytes after the transport header.
 * @returns The frame length.
 */
export function writeIpFrame(
  out: Uint8Array,
  link: LinkSpec,
  net: Ipv4Spec | Ipv6Spec,
  transport: TransportSpec,
  payload: Uint8Array,
): number {
  const ipStart = writeLink(out, link, net.version === 4 ? 0x0800 : 0x86dd);
  let ipHeaderLength: number;
  if (net.version === 4) {
    const options = net.options?.length ?? 0;
    if (options % 4 !== 0 || options > 40) {
      throw new RangeError(
        `Cannot build IPv4 header: options must be a multiple of 4 up to 40 bytes, received ${options}`,
      );
    }
    ipHeaderLength = 20 + options;
  } else {
    const hopByHop = net.hopByHop === undefined ? 0 : 2 + net.hopByHop.length;
    if (hopByHop % 8 !== 0) {
      throw new RangeError(
        `Cannot build IPv6 hop-by-hop header: length must be a multiple of 8, received ${hopByHop}`,
      );
    }
    ipHeaderLength = 40 + hopByHop;
  }
  const l4Start = ipStart + ipHeaderLength;
  const l4HeaderLength = transportHeaderLength(transport);
  const payloadStart = l4Start + l4HeaderLength;
  const end = payloadStart + payload.length;
  const l4Length = end - l4Start;
  const protocol = PROTOCOL_NUMBERS[transport.protocol];
  out.set(payload, payloadStart);

  // The transport header, then its checksum over the pseudo-header, header and payload.
  let checksumAt: number;
  switch (transport.protocol) {
    case "tcp": {
      put16(out, l4Start, transport.sourcePort);
      put16(out, l4Start + 2, transport.destinationPort);
      put32(out, l4Start + 4, transport.seq);
      put32(out, l4Start + 8, transport.ack);
      out[l4Start + 12] = (l4HeaderLength / 4) << 4;
      out[l4Start + 13] = transport.flags;
      put16(out, l4Start + 14, transport.window);
      put32(out, l4Start + 16, 0);
      if (transport.options !== undefined) out.set(transport.options, l4Start + 20);
      checksumAt = l4Start + 16;
      break;
    }
    case "udp":
      put16(out, l4Start, transport.sourcePort);
      put16(out, l4Start + 2, transport.destinationPort);
      put16(out, l4Start + 4, l4Length);
      put16(out, l4Start + 6, 0);
      checksumAt = l4Start + 6;
      break;
    default:
      out[l4Start] = transport.type;
      out[l4Start + 1] = transport.code;
      put16(out, l4Start + 2, 0);
      checksumAt = l4Start + 2;
  }
  let sum = 0;
  if (transport.protocol !== "icmp" && transport.protocol !== "igmp") {
    // RFC 768/793 (IPv4) and RFC 8200 section 8.1 (IPv6) pseudo-headers.
    const addressLength = net.version === 4 ? 4 : 16;
    sum = sumWords(net.source, 0, addressLength, 0);
    sum = sumWords(net.destination, 0, addressLength, sum);
    sum += protocol + (l4Length >>> 16) + (l4Length & 0xffff);
  }
  let checksum = foldChecksum(sumWords(out, l4Start, end, sum));
  if (transport.protocol === "udp" && checksum === 0) checksum = 0xffff;
  put16(out, checksumAt, checksum);

  // The IP header.
  if (net.version === 4) {
    out[ipStart] = 0x40 | (ipHeaderLength / 4);
    out[ipStart + 1] = net.tos ?? 0;
    put16(out, ipStart + 2, end - ipStart);
    put16(out, ipStart + 4, net.id);
    put16(out, ipStart + 6, net.dontFragment === false ? 0 : 0x4000);
    out[ipStart + 8] = net.ttl;
    out[ipStart + 9] = protocol;
    put16(out, ipStart + 10, 0);
    out.set(net.source, ipStart + 12);
    out.set(net.destination, ipStart + 16);
    if (net.options !== undefined) out.set(net.options, ipStart + 20);
    put16(out, ipStart + 10, foldChecksum(sumWords(out, ipStart, l4Start, 0)));
  } else {
    const trafficClass = net.trafficClass ?? 0;
    const flowLabel = net.flowLabel ?? 0;
    put32(out, ipStart, ((6 << 28) | (trafficClass << 20) | (flowLabel & 0xfffff)) >>> 0);
    put16(out, ipStart + 4, end - ipStart - 40);
    out[ipStart + 7] = net.hopLimit;
    out.set(net.source, ipStart + 8);
    out.set(net.destination, ipStart + 24);
    if (net.hopByHop === undefined) {
      out[ipStart + 6] = protocol;
    } else {
      out[ipStart + 6] = 0;
      out[ipStart + 40] = protocol;
      out[ipStart + 41] = (2 + net.hopByHop.length) / 8 - 1;
      out.set(net.hopByHop, ipStart + 42);
    }
  }
  return pad(out, end);
}

/**
 * Writes an Ethernet frame carrying an ARP packet (IPv4 over Ethernet) into `out`.
 *
 * @param out The buffer (at least 60 bytes).
 * @param link The Ethernet header.
 * @param arp The ARP fields.
 * @returns The frame length (60, padded).
 */
export function writeArpFrame(out: Uint8Array, link: LinkSpec, arp: ArpSpec): number {
  const p = writeLink(out, link, 0x0806);
  put16(out, p, 1);
  put16(out, p + 2, 0x0800);
  out[p + 4] = 6;
  out[p + 5] = 4;
  put16(out, p + 6, arp.operation);
  out.set(arp.senderMac, p + 8);
  out.set(arp.senderIp, p + 14);
  out.set(arp.targetMac, p + 18);
  out.set(arp.targetIp, p + 24);
  return pad(out, p + 28);
}

/** TCP option bytes. */
export const TcpOptions = {
  /**
   * The options of a Linux SYN: mss, sackOK, timestamps, nop, window scale (20 bytes).
   *
   * @param mss The maximum segment size.
   * @param tsVal The timestamp value.
   * @param tsEcr The timestamp echo reply (0 in a SYN).
   * @param windowScale The window scale shift.
   * @returns The option bytes.
   */
  linuxSyn(mss: number, tsVal: number, tsEcr: number, windowScale: number): Uint8Array {
    const o = new Uint8Array(20);
    o.set([2, 4, mss >> 8, mss & 0xff, 4, 2, 8, 10]);
    put32(o, 8, tsVal);
    put32(o, 12, tsEcr);
    o.set([1, 3, 3, windowScale], 16);
    return o;
  },
  /**
   * The options of a Windows SYN: mss, nop, window scale, nop, nop, sackOK (12 bytes).
   *
   * @param mss The maximum segment size.
   * @param windowScale The window scale shift.
   * @returns The option bytes.
   */
  windowsSyn(mss: number, windowScale: number): Uint8Array {
    return new Uint8Array([2, 4, mss >> 8, mss & 0xff, 1, 3, 3, windowScale, 1, 1, 4, 2]);
  },
  /**
   * The options of a segment with timestamps: nop, nop, timestamps (12 bytes), written
   * into `o` (reused across segments).
   *
   * @param o A 12-byte buffer.
   * @param tsVal The timestamp value.
   * @param tsEcr The timestamp echo reply.
   * @returns `o`.
   */
  timestamps(o: Uint8Array, tsVal: number, tsEcr: number): Uint8Array {
    o[0] = 1;
    o[1] = 1;
    o[2] = 8;
    o[3] = 10;
    put32(o, 4, tsVal);
    put32(o, 8, tsEcr);
    return o;
  },
} as const;

function encodeName(name: string): number[] {
  const bytes: number[] = [];
  for (const label of name.split(".")) {
    bytes.push(label.length);
    for (let i = 0; i < label.length; i++) bytes.push(label.charCodeAt(i));
  }
  bytes.push(0);
  return bytes;
}

/**
 * Builds a DNS query message (RFC 1035) with one question, recursion desired.
 *
 * @param id The message identifier.
 * @param name The queried name, such as `www.example.com`.
 * @param qtype The query type (1 A, 28 AAAA...).
 * @returns The message bytes.
 */
export function dnsQuery(id: number, name: string, qtype: number): Uint8Array {
  return new Uint8Array([
    id >> 8,
    id & 0xff,
    0x01,
    0x00,
    0,
    1,
    0,
    0,
    0,
    0,
    0,
    0,
    ...encodeName(name),
    qtype >> 8,
    qtype & 0xff,
    0,
    1,
  ]);
}

/**
 * Builds a DNS response to {@linkcode dnsQuery}: the question, then one answer per
 * address, each naming the question by a compression pointer.
 *
 * @param id The message identifier.
 * @param name The queried name.
 * @param qtype The query type (1 A, 28 AAAA...).
 * @param addresses The answer addresses (4 or 16 bytes each, matching `qtype`).
 * @param ttl The answers' time to live.
 * @returns The message bytes.
 */
export function dnsResponse(
  id: number,
  name: string,
  qtype: number,
  addresses: readonly Uint8Array[],
  ttl: number,
): Uint8Array {
  const bytes = [
    id >> 8,
    id & 0xff,
    0x81,
    0x80,
    0,
    1,
    addresses.length >> 8,
    addresses.length & 0xff,
    0,
    0,
    0,
    0,
    ...encodeName(name),
    qtype >> 8,
    qtype & 0xff,
    0,
    1,
  ];
  for (const address of addresses) {
    bytes.push(0xc0, 12, qtype >> 8, qtype & 0xff, 0, 1);
    bytes.push((ttl >>> 24) & 0xff, (ttl >>> 16) & 0xff, (ttl >>> 8) & 0xff, ttl & 0xff);
    bytes.push(address.length >> 8, address.length & 0xff, ...address);
  }
  return new Uint8Array(bytes);
}
