/**
 * Layering for the tshark field conformance test (`conformance_decode_test.ts`): tshark's
 * protocol names (`frame.protocols`) and the wirekit layer kinds that decode them.
 *
 * @module
 */

import type { LayerKind } from "../lib/layer_map.ts";

/** tshark protocols that are no layer of their own in wirekit (or in either). */
const PSEUDO_PROTOCOLS = new Set([
  "frame",
  "ethertype",
  "raw",
  // tshark's OSI dispatch and its IS-IS PDU types are parts of wirekit's IS-IS layer.
  "osi",
  "isis.hello",
  "isis.lsp",
  "isis.csnp",
  "isis.psnp",
  // tshark's summary of the radio header before it, no header of its own.
  "wlan_radio",
  // tshark names ATM ARP (RFC 2225) "arp:atmarp", one header: wirekit's ARP layer decodes it.
  "atmarp",
]);

/** tshark protocol → the wirekit layer kinds that decode it. */
export const KINDS: Record<string, LayerKind[]> = {
  eth: ["ethernet"],
  vlan: ["vlan"],
  ieee8021ad: ["vlan"],
  llc: ["llc"],
  sll: ["sll", "sll2"],
  ipoib: ["ipoib"],
  ipnet: ["ipnet"],
  vsock: ["vsock"],
  null: ["loopback"],
  pppoed: ["pppoe-discovery"],
  pppoes: ["pppoe-session"],
  ppp: ["ppp"],
  nflog: ["nflog"],
  chdlc: ["chdlc"],
  fddi: ["fddi"],
  radiotap: ["radiotap"],
  prism: ["prism"],
  wlan: ["ieee80211"],
  fr: ["fr"],
  q933: ["q933"],
  ppi: ["ppi"],
  slarp: ["slarp"],
  arp: ["arp"],
  ip: ["ipv4"],
  ipv6: ["ipv6"],
  "ipv6.hopopts": ["ipv6-hop-by-hop"],
  "ipv6.routing": ["ipv6-routing"],
  "ipv6.fraghdr": ["ipv6-fragment"],
  "ipv6.dstopts": ["ipv6-destination"],
  ah: ["ah"],
  esp: ["esp"],
  mipv6: ["mobility"],
  ipcomp: ["ipcomp"],
  gre: ["gre"],
  icmp: ["icmp"],
  icmpv6: ["icmpv6"],
  igmp: ["igmp"],
  tcp: ["tcp"],
  udp: ["udp"],
  // The application layers that wirekit picks by port. tshark names DNS on UDP port 5353
  // `mdns` (the same dissector, with the same `dns.*` fields), and BOOTP/DHCP `dhcp`
  // (`bootp` before Wireshark 3.0).
  dns: ["dns"],
  mdns: ["dns"],
  dhcp: ["dhcp"],
  bootp: ["dhcp"],
  ntp: ["ntp"],
  // Protocols after LLC and EtherTypes that wirekit decodes; EAP is part of wirekit's
  // EAPOL layer (tshark's `eap` after `eapol` is beyond).
  stp: ["stp"],
  cdp: ["cdp"],
  lldp: ["lldp"],
  eapol: ["eapol"],
  loop: ["ectp"],
  aoe: ["aoe"],
  cfm: ["cfm"],
  tipc: ["tipc"],
  slow: ["slow"],
  http: ["http"],
  smtp: ["smtp"],
  ftp: ["ftp"],
  ipx: ["ipx"],
  isis: ["isis"],
  dtp: ["dtp"],
  vtp: ["vtp"],
  udld: ["udld"],
  msnlb: ["msnlb"],
  vxlan: ["vxlan"],
  geneve: ["geneve"],
  mpls: ["mpls"],
  l2tp: ["l2tp"],
  erspan: ["erspan"],
  gtp: ["gtp"],
  dhcpv6: ["dhcpv6"],
  isakmp: ["isakmp"],
  snmp: ["snmp"],
  syslog: ["syslog"],
  rip: ["rip"],
  ripng: ["ripng"],
  hsrp: ["hsrp"],
  tftp: ["tftp"],
  kerberos: ["kerberos"],
  sip: ["sip"],
  ospf: ["ospf"],
  sctp: ["sctp"],
  vrrp: ["vrrp"],
  pim: ["pim"],
  eigrp: ["eigrp"],
  bgp: ["bgp"],
  pptp: ["pptp"],
  rx: ["rx"],
  babel: ["babel"],
  resp: ["resp"],
  openflow: ["openflow"],
  rpkirtr: ["rpki-rtr"],
  aarp: ["aarp"],
  ldp: ["ldp"],
  rsvp: ["rsvp"],
  sflow: ["sflow"],
  ptp: ["ptp"],
  // Sun RPC on NFS's port: wirekit's `nfs` layer is the RPC message (tshark's `nfs` after
  // `rpc` is beyond). IP protocol 113, TCP ports 23 and 22.
  rpc: ["nfs"],
  pgm: ["pgm"],
  telnet: ["telnet"],
  ssh: ["ssh"],
};

/**
 * tshark protocols whose fields carry another protocol's names: `mdns` fills `dns.*`, so
 * occurrences of `dns.*` fields count `dns` and `mdns` layers together.
 */
export const FIELD_PROTOCOL: Record<string, string> = {
  mdns: "dns",
  bootp: "dhcp",
  pppoed: "pppoe",
  pppoes: "pppoe",
};

/**
 * Protocols that tshark can list twice in a row for one header of theirs: the DHCP
 * dissector hands some vendor-specific options (43, by vendor class: `ArubaAP`...) to
 * dissectors registered under its own protocol, so `frame.protocols` reads `dhcp:dhcp` for
 * one message; the IGMP dissector hands each version to a sub-dissector registered under
 * `igmp` (`igmp:igmp`). Neither message ever carries another, so the repeat is dropped.
 */
const REPEATED_FOR_OPTIONS = new Set(["dhcp", "igmp"]);

/**
 * Protocols after which tshark's next layers are not wirekit layers: an ICMP error's
 * quoted datagram, which wirekit exposes as `icmp.original` (compared separately).
 */
export const QUOTING = new Set(["icmp", "icmpv6"]);

/** One entry of tshark's layer stack, as far as wirekit decodes. */
export interface TsharkLayer {
  /** tshark's protocol name. */
  proto: string;
  /**
   * Index among the occurrences of that protocol in the packet (for field occurrences);
   * `dns` and `mdns` count together, see {@linkcode FIELD_PROTOCOL}.
   */
  occurrence: number;
}

export interface TsharkStack {
  /** The layers wirekit is expected to decode, outermost first. */
  layers: TsharkLayer[];
  /** The first protocol past them that wirekit does not decode, if any. */
  beyond: string | undefined;
  /** Every protocol with its occurrence index (for the quoted datagram of ICMP). */
  all: TsharkLayer[];
}

export function tsharkStack(protocols: string): TsharkStack {
  const counts = new Map<string, number>();
  const all: TsharkLayer[] = [];
  let previous: string | undefined;
  for (const proto of protocols.split(":")) {
    if (PSEUDO_PROTOCOLS.has(proto) || proto === "") continue;
    if (proto === previous && REPEATED_FOR_OPTIONS.has(proto)) continue;
    previous = proto;
    const fieldProto = FIELD_PROTOCOL[proto] ?? proto;
    const occurrence = counts.get(fieldProto) ?? 0;
    counts.set(fieldProto, occurrence + 1);
    all.push({ proto, occurrence });
  }
  const layers: TsharkLayer[] = [];
  let beyond: string | undefined;
  for (const layer of all) {
    if (KINDS[layer.proto] === undefined) {
      beyond = layer.proto;
      break;
    }
    layers.push(layer);
    if (QUOTING.has(layer.proto)) break;
  }
  return { layers, beyond, all };
}
