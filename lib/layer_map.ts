/**
 * The kinds of layer that wirekit decodes, and the {@linkcode Layer} union over them.
 *
 * @module
 */

import type { Ethernet } from "./link/ethernet.ts";
import type { Llc } from "./link/llc.ts";
import type { Vlan } from "./link/vlan.ts";
import type { LinuxSll } from "./link/sll.ts";
import type { LinuxSll2 } from "./link/sll2.ts";
import type { Loopback } from "./link/loopback.ts";
import type { PppoeDiscovery, PppoeSession } from "./link/pppoe.ts";
import type { Ppp } from "./link/ppp.ts";
import type { Arp } from "./net/arp.ts";
import type { Ipv4 } from "./net/ipv4.ts";
import type { Ipv6 } from "./net/ipv6.ts";
import type {
  Ipv6Destination,
  Ipv6Fragment,
  Ipv6HopByHop,
  Ipv6Routing,
} from "./net/ipv6_extensions.ts";
import type { Ah } from "./net/ah.ts";
import type { Esp } from "./net/esp.ts";
import type { Gre } from "./net/gre.ts";
import type { Icmp } from "./net/icmp.ts";
import type { Icmpv6 } from "./net/icmpv6.ts";
import type { Igmp } from "./net/igmp.ts";
import type { Tcp } from "./transport/tcp.ts";
import type { Udp } from "./transport/udp.ts";
import type { Dns } from "./app/dns.ts";
import type { Dhcp } from "./app/dhcp.ts";
import type { Ntp } from "./app/ntp.ts";

/** Each layer kind, the discriminant `layer.kind`, mapped to its class. */
export interface LayerMap {
  ethernet: Ethernet;
  llc: Llc;
  vlan: Vlan;
  sll: LinuxSll;
  sll2: LinuxSll2;
  loopback: Loopback;
  "pppoe-discovery": PppoeDiscovery;
  "pppoe-session": PppoeSession;
  ppp: Ppp;
  arp: Arp;
  ipv4: Ipv4;
  ipv6: Ipv6;
  "ipv6-hop-by-hop": Ipv6HopByHop;
  "ipv6-routing": Ipv6Routing;
  "ipv6-fragment": Ipv6Fragment;
  "ipv6-destination": Ipv6Destination;
  ah: Ah;
  esp: Esp;
  gre: Gre;
  icmp: Icmp;
  icmpv6: Icmpv6;
  igmp: Igmp;
  tcp: Tcp;
  udp: Udp;
  dns: Dns;
  dhcp: Dhcp;
  ntp: Ntp;
}

/** The name of a layer kind: `"ethernet"`, `"ipv4"`, `"tcp"`... */
export type LayerKind = keyof LayerMap;

/** Any decoded layer; narrow it with `layer.kind === "tcp"`. */
export type Layer = LayerMap[LayerKind];
