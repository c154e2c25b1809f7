/**
 * Names that tcpdump prints for protocol numbers (from the RFCs and IANA registries, in
 * tcpdump's spelling). Private to `lib/print/`.
 *
 * @module
 */

/** EtherType names, as `-e` prints them: `ethertype IPv4 (0x0800)`. */
export const ETHERTYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [0x0800, "IPv4"],
  [0x0806, "ARP"],
  [0x86dd, "IPv6"],
  [0x8100, "802.1Q"],
  [0x88a8, "802.1Q-QinQ"],
  [0x9100, "802.1Q-9100"],
  [0x9200, "802.1Q-9200"],
  [0x8035, "Reverse ARP"],
  [0x809b, "Appletalk"],
  [0x80f3, "Appletalk ARP"],
  [0x8137, "IPX"],
  [0xfefe, "OSI"],
  [0x8847, "MPLS unicast"],
  [0x8848, "MPLS multicast"],
  [0x8863, "PPPoE D"],
  [0x8864, "PPPoE S"],
  [0x888e, "EAPOL"],
  [0x88cc, "LLDP"],
  [0x8809, "Slow Protocols"],
  [0x9000, "Loopback"],
  [0x88a2, "AoE"],
  [0x88ca, "TIPC"],
  [0x6558, "TEB"],
  [0x88e5, "MACsec"],
  [0x8906, "FCoE"],
  [0x8914, "FIP"],
  [0x22f0, "AVTP"],
  [0x88f7, "PTP"],
  [0x8902, "CFM"],
  [0x880b, "PPP"],
  [0x8808, "MAC control"],
  [0x6002, "DEC MOP CC"],
  [0x6003, "DN"],
  [0x6004, "DEC LAT"],
  [0x0200, "PUP"],
  [0x0805, "X.25"],
  [0x8191, "NetBEUI"],
  [0x88c7, "802.11i Pre-Authentication"],
]);

/** IP protocol names, as `-v` prints them: `proto TCP (6)`. */
export const IP_PROTOCOL_NAMES: ReadonlyMap<number, string> = new Map([
  [0, "Options"],
  [1, "ICMP"],
  [2, "IGMP"],
  [4, "IPIP"],
  [6, "TCP"],
  [8, "EGP"],
  [9, "IGRP"],
  [17, "UDP"],
  [33, "DCCP"],
  [41, "IPv6"],
  [43, "Routing"],
  [44, "Fragment"],
  [46, "RSVP"],
  [47, "GRE"],
  [50, "ESP"],
  [51, "AH"],
  [55, "Mobile IP"],
  [58, "ICMPv6"],
  [62, "Mobile IP (old)"],
  [88, "EIGRP"],
  [89, "OSPF"],
  [103, "PIM"],
  [108, "Compressed IP"],
  [112, "VRRP"],
  [113, "PGM"],
  [132, "SCTP"],
  [135, "Mobility"],
]);

/** ICMPv6 message names. */
export const ICMPV6_NAMES: ReadonlyMap<number, string> = new Map([
  [1, "destination unreachable"],
  [2, "packet too big"],
  [3, "time exceeded in-transit"],
  [4, "parameter problem"],
  [128, "echo request"],
  [129, "echo reply"],
  [130, "multicast listener query"],
  [131, "multicast listener report"],
  [132, "multicast listener done"],
  [133, "router solicitation"],
  [134, "router advertisement"],
  [135, "neighbor solicitation"],
  [136, "neighbor advertisement"],
  [137, "redirect"],
  [138, "router renumbering"],
  // tcpdump names 139 and 140 after KAME's who-are-you messages, then prints the rest.
  [139, "who-are-you request"],
  [140, "who-are-you reply"],
  [141, "inverse neighbor solicitation"],
  [142, "inverse neighbor advertisement"],
  [143, "multicast listener report v2"],
  [144, "ha discovery request"],
  [145, "ha discovery reply"],
  [146, "mobile router solicitation"],
  [147, "mobile router advertisement"],
  [155, "RPL"],
  [200, "mtrace response"],
  [201, "mtrace message"],
]);

/** Linux cooked-capture packet directions: `In`, `B`, `M`, `P`, `Out`. */
export const SLL_DIRECTIONS: readonly string[] = ["In", "B", "M", "P", "Out"];

/** Multicast group record types of IGMPv3 and MLDv2 reports (RFC 3376, 3810). */
export const MLD_RECORD_TYPES: readonly string[] = [
  "",
  "is_in",
  "is_ex",
  "to_in",
  "to_ex",
  "allow",
  "block",
];

/** SNAP and LLDP organization codes (tcpdump's oui_values; the first name of a code wins). */
export const OUI_NAMES: ReadonlyMap<number, string> = new Map([
  [0x000000, "Ethernet"],
  [0x00000c, "Cisco"],
  [0x00005e, "IANA"],
  [0x000081, "Nortel Networks SONMP"],
  [0x0000f8, "Cisco bridged"],
  [0x0080c2, "Ethernet bridged"],
  [0x00a03e, "ATM Forum"],
  [0x00e02f, "DOCSIS Spanning Tree"],
  [0x080007, "Appletalk"],
  [0x009069, "Juniper"],
  [0x080009, "Hewlett-Packard"],
  [0x00120f, "IEEE 802.3 Private"],
  [0x0012bb, "ANSI/TIA"],
  [0x001b21, "DCBX"],
  [0x002320, "Nicira Networks"],
  [0x5c16c7, "Big Switch Networks"],
  [0xb0d2f5, "Vello Systems"],
  [0x002481, "HP"],
  [0x0004ea, "HP-Labs"],
  [0x748771, "Infoblox Inc"],
  [0xa42305, "Open Networking Lab"],
  [0x00049f, "Freescale"],
  [0x0015ad, "Netronome"],
  [0x001018, "Broadcom"],
  [0x00e004, "PMC-Sierra"],
  [0xd0f0db, "Ericsson"],
]);

/** NLPID names (tcpdump's nlpid_values), for Frame Relay and IS-IS. */
export const NLPID_NAMES: ReadonlyMap<number, string> = new Map([
  [0x00, "NULL"],
  [0x08, "Q.933"],
  [0x09, "LMI"],
  [0x80, "SNAP"],
  [0x81, "CLNP"],
  [0x82, "ES-IS"],
  [0x83, "IS-IS"],
  [0x84, "CONS"],
  [0x85, "IDRP"],
  [0xc1, "ISIS_SPB"],
  [0xb1, "FRF.15"],
  [0xcc, "IPv4"],
  [0xcf, "PPP"],
  [0x8a, "X25 ES-IS"],
  [0x8e, "IPv6"],
]);
