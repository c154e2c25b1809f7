/**
 * What conversations and endpoints share (private): the kinds of address tshark's
 * `conv,TYPE` and `endpoints,TYPE` count, and the reading of each packet's source and
 * destination of that kind, layer by layer as tshark's taps see them.
 *
 * @module
 */

import { formatIpv4, formatIpv6, formatMac } from "../address.ts";
import type { Packet, PacketParser } from "../decode.ts";
import type { Layer } from "../layer_map.ts";

/** The address kinds of `conv,TYPE` and `endpoints,TYPE`. */
export type TalkerType = "eth" | "ip" | "ipv6" | "tcp" | "udp";

/** Every {@linkcode TalkerType}, in tshark's spelling. */
export const TALKER_TYPES: readonly TalkerType[] = ["eth", "ip", "ipv6", "tcp", "udp"];

/** The table titles tshark prints: `IPv4 Conversations`, `TCP Endpoints`... */
export const TALKER_TITLES: Readonly<Record<TalkerType, string>> = {
  eth: "Ethernet",
  ip: "IPv4",
  ipv6: "IPv6",
  tcp: "TCP",
  udp: "UDP",
};

/** One packet's source and destination of a kind: addresses, and ports for TCP and UDP. */
export interface TalkerPair {
  source: string;
  destination: string;
  sourcePort: number;
  destinationPort: number;
}

/**
 * Calls `visit` for each header of the kind in the packet, outermost first (a tunnel's
 * outer and inner headers both count, as each runs tshark's tap); what an ICMP or ICMPv6
 * error quotes is not a header of the packet.
 */
export function forEachTalkerPair(
  packet: PacketParser | Packet,
  type: TalkerType,
  pair: TalkerPair,
  visit: (pair: TalkerPair) => void,
): void {
  const layers: readonly Layer[] = packet.layers;
  const count = "count" in packet ? packet.count : layers.length;
  let network: Layer | undefined;
  for (let i = 0; i < count; i++) {
    const layer = layers[i]!;
    switch (layer.kind) {
      case "icmp":
      case "icmpv6":
        return;
      case "ethernet":
        if (type !== "eth") break;
        pair.source = formatMac(layer.data, layer.offset + 6);
        pair.destination = formatMac(layer.data, layer.offset);
        visit(pair);
        break;
      case "ipv4":
        // A header cut short (a partial decode) is not a conversation for tshark either.
        if (layer.truncated) return;
        network = layer;
        if (type !== "ip") break;
        pair.source = formatIpv4(layer.data, layer.offset + 12);
        pair.destination = formatIpv4(layer.data, layer.offset + 16);
        visit(pair);
        break;
      case "ipv6":
        network = layer;
        if (type !== "ipv6") break;
        pair.source = formatIpv6(layer.data, layer.offset + 8);
        pair.destination = formatIpv6(layer.data, layer.offset + 24);
        visit(pair);
        break;
      case "tcp":
      case "udp":
        if (layer.kind !== type || network === undefined) break;
        if (layer.kind === "tcp" && layer.truncated) break;
        if (network.kind === "ipv4") {
          pair.source = formatIpv4(network.data, network.offset + 12);
          pair.destination = formatIpv4(network.data, network.offset + 16);
        } else if (network.kind === "ipv6") {
          pair.source = formatIpv6(network.data, network.offset + 8);
          pair.destination = formatIpv6(network.data, network.checksumDestinationOffset);
        } else break;
        pair.sourcePort = layer.sourcePort;
        pair.destinationPort = layer.destinationPort;
        visit(pair);
        break;
      default:
        break;
    }
  }
}

/**
 * Formats a byte count as Wireshark's `format_size()` with SI prefixes: `1626 bytes`
 * under 10000, then `12 kB`, `34 MB`... (whole units, rounded down).
 */
export function formatSize(bytes: number): string {
  const prefixes = ["k", "M", "G", "T"];
  let unit = -1;
  let scaled = bytes;
  for (let i = 0; i < prefixes.length; i++) {
    if (Math.floor(bytes / 1000 ** (i + 1)) >= 10) {
      unit = i;
      scaled = Math.floor(bytes / 1000 ** (i + 1));
    }
  }
  return unit < 0 ? `${bytes} bytes` : `${scaled} ${prefixes[unit]}B`;
}
