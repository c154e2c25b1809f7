/**
 * Frames and tcpdump lines for the tests of UDP application protocols: a payload in UDP
 * in IPv4 (or IPv6), built with `lib/craft`, printed as tcpdump prints it.
 *
 * @module
 */

import { buildIpv4, buildIpv6, buildUdp } from "../lib/craft/mod.ts";
import { decode } from "../lib/decode.ts";
import type { DecodedPacket } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";

/** Where a test payload goes. */
export interface UdpAppSpec {
  /** Source port. */
  sourcePort: number;
  /** Destination port. */
  destinationPort: number;
  /** IPv6 instead of IPv4 (default `false`). */
  ipv6?: boolean;
  /** Keep only this many bytes of the packet, as a snapshot length does. */
  snapLength?: number | undefined;
}

/** The packet (raw IP) that carries `payload` in UDP. */
export function udpAppPacket(payload: Uint8Array, spec: UdpAppSpec): Uint8Array {
  const ipv6 = spec.ipv6 ?? false;
  const source = ipv6 ? "2001:db8::1" : "10.0.0.1";
  const destination = ipv6 ? "2001:db8::2" : "10.0.0.2";
  const udp = buildUdp({
    source,
    destination,
    sourcePort: spec.sourcePort,
    destinationPort: spec.destinationPort,
    payload,
  });
  const packet = ipv6
    ? buildIpv6({ source, destination, nextHeader: 17, payload: udp })
    : buildIpv4({ source, destination, protocol: 17, payload: udp });
  return packet.subarray(0, spec.snapLength ?? packet.length);
}

/** Decodes the packet of {@linkcode udpAppPacket}. */
export function decodeUdpApp(payload: Uint8Array, spec: UdpAppSpec): DecodedPacket {
  return decode(LinkType.RAW, udpAppPacket(payload, spec));
}

/** The line tcpdump prints for the packet, without a timestamp, at `verbose` -v. */
export function udpAppLine(payload: Uint8Array, spec: UdpAppSpec, verbose = 0): string {
  const full = udpAppPacket(payload, { ...spec, snapLength: undefined });
  const packet = decodeUdpApp(payload, spec);
  return new TcpdumpPrinter({ timestamps: "none", verbose }).format(packet, {
    seconds: 0,
    nanoseconds: 0,
    originalLength: full.length,
  });
}

/** ASCII text as bytes. */
export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}
