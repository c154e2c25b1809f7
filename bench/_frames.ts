/**
 * Typical frames for the decoder benchmarks, built with the private builders.
 *
 * Private to `bench/`.
 *
 * @module
 */

import { parseIpv4, parseIpv6, parseMac } from "../lib/address.ts";
import { dnsQuery, TcpFlags, TcpOptions, writeArpFrame, writeIpFrame } from "./_builders.ts";

const client = parseMac("3c:22:fb:12:34:56");
const router = parseMac("00:1b:21:3a:4f:01");

function copy(build: (out: Uint8Array) => number): Uint8Array {
  const out = new Uint8Array(2048);
  return out.slice(0, build(out));
}

/** A frame for the benchmarks, with the layers it decodes to. */
export interface TypicalFrame {
  /** What it is, such as `Ethernet/IPv4/TCP SYN with options`. */
  name: string;
  /** The frame bytes. */
  data: Uint8Array;
  /** The number of layers it decodes to. */
  layers: number;
}

/**
 * Builds the typical frames: a TCP SYN with Linux options and a full data segment with
 * timestamps over IPv4, a DNS query over IPv6/UDP, a DNS query over 802.1Q/IPv4/UDP, and
 * an ARP request.
 *
 * @returns The frames.
 */
export function typicalFrames(): TypicalFrame[] {
  const ipv4 = {
    version: 4,
    source: parseIpv4("192.168.1.23"),
    destination: parseIpv4("93.184.215.14"),
    ttl: 64,
    id: 0x3d2c,
  } as const;
  const segment = new Uint8Array(1448);
  for (let i = 0; i < segment.length; i++) segment[i] = (i * 31 + 7) & 0xff;
  return [
    {
      name: "Ethernet/IPv4/TCP SYN with options",
      layers: 3,
      data: copy((out) =>
        writeIpFrame(out, { source: client, destination: router }, ipv4, {
          protocol: "tcp",
          sourcePort: 51234,
          destinationPort: 443,
          seq: 0x6b8b4567,
          ack: 0,
          flags: TcpFlags.SYN,
          window: 64240,
          options: TcpOptions.linuxSyn(1460, 0x12345678, 0, 7),
        }, new Uint8Array(0))
      ),
    },
    {
      name: "Ethernet/IPv4/TCP 1448-byte segment with timestamps",
      layers: 3,
      data: copy((out) =>
        writeIpFrame(out, { source: router, destination: client }, {
          ...ipv4,
          source: ipv4.destination,
          destination: ipv4.source,
        }, {
          protocol: "tcp",
          sourcePort: 443,
          destinationPort: 51234,
          seq: 0x327b23c6,
          ack: 0x6b8b4568,
          flags: TcpFlags.ACK,
          window: 501,
          options: TcpOptions.timestamps(new Uint8Array(12), 0x9abcdef0, 0x12345678),
        }, segment)
      ),
    },
    {
      name: "Ethernet/IPv6/UDP DNS query",
      layers: 4,
      data: copy((out) =>
        writeIpFrame(out, { source: client, destination: router }, {
          version: 6,
          source: parseIpv6("2001:db8:1::5e2a:17"),
          destination: parseIpv6("2001:db8:1::1"),
          hopLimit: 64,
          flowLabel: 0x5a3c1,
        }, {
          protocol: "udp",
          sourcePort: 40512,
          destinationPort: 53,
        }, dnsQuery(0x1d2f, "www.example.com", 28))
      ),
    },
    {
      name: "Ethernet/802.1Q/IPv4/UDP DNS query",
      layers: 5,
      data: copy((out) =>
        writeIpFrame(out, { source: client, destination: router, vlanId: 20 }, {
          ...ipv4,
          source: parseIpv4("10.20.0.72"),
          destination: parseIpv4("10.20.0.1"),
        }, {
          protocol: "udp",
          sourcePort: 40512,
          destinationPort: 53,
        }, dnsQuery(0x1d30, "www.example.com", 1))
      ),
    },
    {
      name: "Ethernet/ARP request",
      layers: 2,
      data: copy((out) =>
        writeArpFrame(out, { source: client, destination: parseMac("ff:ff:ff:ff:ff:ff") }, {
          operation: 1,
          senderMac: client,
          senderIp: parseIpv4("192.168.1.23"),
          targetMac: new Uint8Array(6),
          targetIp: parseIpv4("192.168.1.1"),
        })
      ),
    },
  ];
}
