/**
 * Packet crafting: builders for Ethernet (with 802.1Q tags), ARP, IPv4, IPv6, ICMP and
 * ICMPv6 echo, UDP and TCP that fill in lengths and checksums. Each returns a new
 * `Uint8Array`; nest them (the payload of one is the output of the next) and send the
 * result with a raw socket (`lib/rawsocket`) or write it to a capture file.
 *
 * @example A UDP datagram in IPv4 in Ethernet
 * ```ts
 * import { buildEthernet, buildIpv4, buildUdp } from "./mod.ts";
 * import { decode } from "../decode.ts";
 * import assert from "node:assert/strict";
 *
 * const addresses = { source: "10.0.0.1", destination: "10.0.0.2" };
 * const udp = buildUdp({ ...addresses, sourcePort: 5353, destinationPort: 53, payload: new Uint8Array([1, 2]) });
 * const ip = buildIpv4({ ...addresses, protocol: 17, payload: udp });
 * const frame = buildEthernet({ destination: "02:00:00:00:00:02", source: "02:00:00:00:00:01", etherType: 0x0800, payload: ip });
 * assert.equal(decode(1, frame).layer("udp")?.checksumValid, true);
 * ```
 *
 * @module
 */

export type { AddressInput } from "./_bytes.ts";
export * from "./ethernet.ts";
export * from "./arp.ts";
export * from "./ipv4.ts";
export * from "./ipv6.ts";
export * from "./icmp.ts";
export * from "./udp.ts";
export * from "./tcp.ts";
