/**
 * The registry: which decoder reads the payload of a link type, an EtherType, an IP
 * protocol or a port. Adding a protocol takes one file and one line here (or one
 * `set()` call on a registry of your own).
 *
 * @module
 */

import type { Decoder, DecoderTables } from "./layer.ts";
import { LinkType } from "./link_type.ts";
import { ethernetDecoder, EtherType } from "./link/ethernet.ts";
import { vlanDecoder } from "./link/vlan.ts";
import { sllDecoder } from "./link/sll.ts";
import { sll2Decoder } from "./link/sll2.ts";
import { loopDecoder, nullDecoder } from "./link/loopback.ts";
import { rawIpDispatcher } from "./link/raw.ts";
import { pppDecoder } from "./link/ppp.ts";
import { pppoeDiscoveryDecoder, pppoeSessionDecoder } from "./link/pppoe.ts";
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
import { icmpDecoder } from "./net/icmp.ts";
import { icmpv6Decoder } from "./net/icmpv6.ts";
import { igmpDecoder } from "./net/igmp.ts";
import { tcpDecoder } from "./transport/tcp.ts";
import { udpDecoder } from "./transport/udp.ts";
import { dnsDecoder } from "./app/dns.ts";
import { dhcpDecoder } from "./app/dhcp.ts";
import { ntpDecoder } from "./app/ntp.ts";
import { IpProtocol } from "./ip_protocol.ts";

/**
 * Tables from protocol numbers to decoders.
 *
 * @example Register a decoder for a private EtherType
 * ```ts
 * import { Registry, defaultRegistry } from "./registry.ts";
 * import { ipv4Decoder } from "./net/ipv4.ts";
 * import assert from "node:assert/strict";
 *
 * const registry = defaultRegistry.clone();
 * registry.etherTypes.set(0x88b5, ipv4Decoder);
 * assert.equal(registry.etherTypes.get(0x88b5), ipv4Decoder);
 * assert.equal(defaultRegistry.etherTypes.get(0x88b5), undefined);
 * assert.ok(new Registry().linkTypes.size === 0);
 * ```
 */
export class Registry implements DecoderTables {
  /** `LINKTYPE_*` number to the decoder of the first layer. */
  readonly linkTypes: Map<number, Decoder> = new Map();
  /** EtherType to decoder. */
  readonly etherTypes: Map<number, Decoder> = new Map();
  /** IP protocol / IPv6 next-header number to decoder. */
  readonly ipProtocols: Map<number, Decoder> = new Map();
  /** TCP port to decoder. */
  readonly tcpPorts: Map<number, Decoder> = new Map();
  /** UDP port to decoder. */
  readonly udpPorts: Map<number, Decoder> = new Map();

  /**
   * Copies the registry, so that changes to the copy leave this one alone.
   *
   * @returns The copy.
   */
  clone(): Registry {
    const copy = new Registry();
    for (const [key, value] of this.linkTypes) copy.linkTypes.set(key, value);
    for (const [key, value] of this.etherTypes) copy.etherTypes.set(key, value);
    for (const [key, value] of this.ipProtocols) copy.ipProtocols.set(key, value);
    for (const [key, value] of this.tcpPorts) copy.tcpPorts.set(key, value);
    for (const [key, value] of this.udpPorts) copy.udpPorts.set(key, value);
    return copy;
  }
}

/** The registry of every protocol that wirekit decodes; `decode()` uses it by default. */
export const defaultRegistry: Registry = new Registry();

defaultRegistry.linkTypes
  .set(LinkType.NULL, nullDecoder)
  .set(LinkType.EN10MB, ethernetDecoder)
  .set(LinkType.PPP, pppDecoder)
  .set(LinkType.RAW_12, rawIpDispatcher)
  .set(LinkType.RAW_14, rawIpDispatcher)
  .set(LinkType.RAW, rawIpDispatcher)
  .set(LinkType.LOOP, loopDecoder)
  .set(LinkType.LINUX_SLL, sllDecoder)
  .set(LinkType.IPV4, ipv4Decoder)
  .set(LinkType.IPV6, ipv6Decoder)
  .set(LinkType.LINUX_SLL2, sll2Decoder);

defaultRegistry.etherTypes
  .set(EtherType.IPV4, ipv4Decoder)
  .set(EtherType.ARP, arpDecoder)
  .set(EtherType.RARP, arpDecoder)
  .set(EtherType.VLAN, vlanDecoder)
  .set(EtherType.IPV6, ipv6Decoder)
  .set(EtherType.PPP, pppDecoder)
  .set(EtherType.PPPOE_DISCOVERY, pppoeDiscoveryDecoder)
  .set(EtherType.PPPOE_SESSION, pppoeSessionDecoder)
  .set(EtherType.TRANSPARENT_ETHERNET_BRIDGING, ethernetDecoder)
  .set(EtherType.QINQ, vlanDecoder)
  .set(EtherType.QINQ_OLD, vlanDecoder);

defaultRegistry.ipProtocols
  .set(IpProtocol.HOPOPT, ipv6HopByHopDecoder)
  .set(IpProtocol.ICMP, icmpDecoder)
  .set(IpProtocol.IGMP, igmpDecoder)
  .set(IpProtocol.IPV4, ipv4Decoder)
  .set(IpProtocol.TCP, tcpDecoder)
  .set(IpProtocol.UDP, udpDecoder)
  .set(IpProtocol.IPV6, ipv6Decoder)
  .set(IpProtocol.IPV6_ROUTE, ipv6RoutingDecoder)
  .set(IpProtocol.IPV6_FRAG, ipv6FragmentDecoder)
  .set(IpProtocol.GRE, greDecoder)
  .set(IpProtocol.ESP, espDecoder)
  .set(IpProtocol.AH, ahDecoder)
  .set(IpProtocol.ICMPV6, icmpv6Decoder)
  .set(IpProtocol.IPV6_OPTS, ipv6DestinationDecoder);

defaultRegistry.tcpPorts
  .set(53, dnsDecoder);

defaultRegistry.udpPorts
  .set(53, dnsDecoder)
  .set(67, dhcpDecoder)
  .set(68, dhcpDecoder)
  .set(123, ntpDecoder)
  .set(5353, dnsDecoder);
