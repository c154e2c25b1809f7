/**
 * The protocols of layers 2 to 4 (Ethernet, VLAN, ARP, IPv4, IPv6 and its extension
 * headers, TCP, UDP, ICMP...): the first part of wirekit's protocol list
 * (`protocols.ts`), kept apart so that a program decoding to layer 4 only, such as
 * `countProtocols()`, loads these decoders and no others.
 *
 * @module
 */

import type { BoundDispatcher } from "./layer.ts";
import { Registry } from "./_registry.ts";
import { ethernetDecoder } from "./link/ethernet.ts";
import { llcDecoder } from "./link/llc.ts";
import { vlanDecoder } from "./link/vlan.ts";
import { sllDecoder } from "./link/sll.ts";
import { sll2Decoder } from "./link/sll2.ts";
import { loopDecoder, nullDecoder } from "./link/loopback.ts";
import { rawIpDispatcher } from "./link/raw.ts";
import { pppoeDiscoveryDecoder, pppoeSessionDecoder } from "./link/pppoe.ts";
import { pppDecoder } from "./link/ppp.ts";
import { pppHdlcDecoder } from "./link/ppp_hdlc.ts";
import { arpDecoder } from "./net/arp.ts";
import { ipv4Decoder } from "./net/ipv4.ts";
import { ipv6Decoder } from "./net/ipv6.ts";
import {
  ipv6DestinationDecoder,
  ipv6FragmentDecoder,
  ipv6HopByHopDecoder,
  ipv6RoutingDecoder,
} from "./net/ipv6_extensions.ts";
import { ahDecoder } from "./net/ah.ts";
import { espDecoder } from "./net/esp.ts";
import { greDecoder } from "./net/gre.ts";
import { igmpDecoder } from "./net/igmp.ts";
import { icmpDecoder } from "./net/icmp.ts";
import { icmpv6Decoder } from "./net/icmpv6.ts";
import { tcpDecoder } from "./transport/tcp.ts";
import { udpDecoder } from "./transport/udp.ts";

/** The protocol descriptors of layers 2 to 4, link layers first. */
export const transportProtocols = [
  ethernetDecoder,
  llcDecoder,
  vlanDecoder,
  sllDecoder,
  sll2Decoder,
  nullDecoder,
  loopDecoder,
  pppoeDiscoveryDecoder,
  pppoeSessionDecoder,
  pppDecoder,
  pppHdlcDecoder,
  arpDecoder,
  ipv4Decoder,
  ipv6Decoder,
  ipv6HopByHopDecoder,
  ipv6RoutingDecoder,
  ipv6FragmentDecoder,
  ipv6DestinationDecoder,
  ahDecoder,
  espDecoder,
  greDecoder,
  igmpDecoder,
  icmpDecoder,
  icmpv6Decoder,
  tcpDecoder,
  udpDecoder,
] as const;

/** Decoders that pick a protocol by looking at the bytes, with the numbers they are bound to. */
export const dispatchers: readonly BoundDispatcher[] = [rawIpDispatcher];

/**
 * A registry of the protocols of layers 2 to 4 only, with no decoder bound to TCP or UDP
 * ports: decoding stops after TCP and UDP.
 *
 * @returns A new registry.
 */
export function transportRegistry(): Registry {
  return new Registry().addAll(transportProtocols).addAll(dispatchers);
}
