/**
 * The printer of every layer kind that wirekit decodes, in one table: a kind without a
 * printer fails `deno check`, since {@linkcode PrinterTable} maps every `LayerKind`.
 *
 * @module
 */

import type { PrinterTable } from "./context.ts";
import { printEthernet } from "./link/ethernet.ts";
import { printLlc } from "./link/llc.ts";
import { printVlan } from "./link/vlan.ts";
import { printSll } from "./link/sll.ts";
import { printSll2 } from "./link/sll2.ts";
import { printLoopback } from "./link/loopback.ts";
import { printPppoeDiscovery, printPppoeSession } from "./link/pppoe.ts";
import { printPpp } from "./link/ppp.ts";
import { printArp } from "./net/arp.ts";
import { printIpv4 } from "./net/ipv4.ts";
import { printIpv6 } from "./net/ipv6.ts";
import {
  printIpv6Destination,
  printIpv6Fragment,
  printIpv6HopByHop,
  printIpv6Routing,
} from "./net/ipv6_extensions.ts";
import { printAh } from "./net/ah.ts";
import { printEsp } from "./net/esp.ts";
import { printGre } from "./net/gre.ts";
import { printIcmp } from "./net/icmp.ts";
import { printIcmpv6 } from "./net/icmpv6.ts";
import { printIgmp } from "./net/igmp.ts";
import { printTcp } from "./transport/tcp.ts";
import { printUdp } from "./transport/udp.ts";
import { printDns } from "./app/dns.ts";
import { printDhcp } from "./app/dhcp.ts";
import { printNtp } from "./app/ntp.ts";
import { printStp } from "./link/stp.ts";
import { printCdp } from "./link/cdp.ts";
import { printEctp } from "./link/ectp.ts";
import { printLldp } from "./link/lldp.ts";
import { printEapol } from "./link/eapol.ts";
import { printNflog } from "./link/nflog.ts";
import { printSlarp } from "./link/slarp.ts";
import { printChdlc } from "./link/chdlc.ts";
import { printHttp } from "./app/http.ts";
import { printSmtp } from "./app/smtp.ts";
import { printFtp } from "./app/ftp.ts";
import { printIpx } from "./net/ipx.ts";
import { printIsis } from "./net/isis.ts";
import { printDtp } from "./link/dtp.ts";
import { printUdld } from "./link/udld.ts";
import { printVxlan } from "./net/vxlan.ts";
import { printGeneve } from "./net/geneve.ts";
import { printMpls } from "./net/mpls.ts";
import { printL2tp } from "./net/l2tp.ts";
import { printErspan } from "./net/erspan.ts";
import { printGtp } from "./net/gtp.ts";
import { printSyslog } from "./app/syslog.ts";
import { printDhcpv6 } from "./app/dhcpv6.ts";
import { printSnmp } from "./app/snmp.ts";
import { printSip } from "./app/sip.ts";
import { printIsakmp } from "./app/isakmp.ts";
import { printRip } from "./app/rip.ts";
import { printRipng } from "./app/ripng.ts";
import { printLdp } from "./app/ldp.ts";
import { printPtp } from "./app/ptp.ts";
import { printSflow } from "./app/sflow.ts";
import { printBgp } from "./app/bgp.ts";
import { printRsvp } from "./net/rsvp.ts";
import { printBfd } from "./app/bfd.ts";
import { printTftp } from "./app/tftp.ts";
import { printHsrp } from "./app/hsrp.ts";
import { printKerberos } from "./app/kerberos.ts";
import { printOspf } from "./net/ospf.ts";
import { printSctp } from "./transport/sctp.ts";
import { printVrrp } from "./net/vrrp.ts";
import { printPim } from "./net/pim.ts";
import { printEigrp } from "./net/eigrp.ts";
import { printPgm } from "./net/pgm.ts";
import { printTelnet } from "./app/telnet.ts";
import { printNfs } from "./app/nfs.ts";
import { printSsh } from "./app/ssh.ts";
import { printFddi } from "./link/fddi.ts";
import { printIeee80211 } from "./link/ieee802_11.ts";
import { printRadiotap } from "./link/radiotap.ts";
import { printRadioHeader } from "./link/prism.ts";
import { printFrameRelay } from "./link/frame_relay.ts";
import { printQ933 } from "./link/q933.ts";
import { printPpi } from "./link/ppi.ts";

/** The tcpdump printer of each layer kind. */
export const printers: PrinterTable = {
  ethernet: printEthernet,
  llc: printLlc,
  vlan: printVlan,
  sll: printSll,
  sll2: printSll2,
  loopback: printLoopback,
  "pppoe-discovery": printPppoeDiscovery,
  "pppoe-session": printPppoeSession,
  ppp: printPpp,
  arp: printArp,
  ipv4: printIpv4,
  ipv6: printIpv6,
  "ipv6-hop-by-hop": printIpv6HopByHop,
  "ipv6-routing": printIpv6Routing,
  "ipv6-fragment": printIpv6Fragment,
  "ipv6-destination": printIpv6Destination,
  ah: printAh,
  esp: printEsp,
  gre: printGre,
  icmp: printIcmp,
  icmpv6: printIcmpv6,
  igmp: printIgmp,
  tcp: printTcp,
  udp: printUdp,
  dns: printDns,
  dhcp: printDhcp,
  ntp: printNtp,
  stp: printStp,
  cdp: printCdp,
  ectp: printEctp,
  lldp: printLldp,
  eapol: printEapol,
  nflog: printNflog,
  slarp: printSlarp,
  chdlc: printChdlc,
  http: printHttp,
  smtp: printSmtp,
  ftp: printFtp,
  ipx: printIpx,
  isis: printIsis,
  dtp: printDtp,
  udld: printUdld,
  vxlan: printVxlan,
  geneve: printGeneve,
  mpls: printMpls,
  l2tp: printL2tp,
  erspan: printErspan,
  gtp: printGtp,
  syslog: printSyslog,
  dhcpv6: printDhcpv6,
  snmp: printSnmp,
  sip: printSip,
  isakmp: printIsakmp,
  rip: printRip,
  ripng: printRipng,
  ldp: printLdp,
  ptp: printPtp,
  sflow: printSflow,
  bgp: printBgp,
  rsvp: printRsvp,
  bfd: printBfd,
  tftp: printTftp,
  hsrp: printHsrp,
  kerberos: printKerberos,
  ospf: printOspf,
  sctp: printSctp,
  vrrp: printVrrp,
  pim: printPim,
  eigrp: printEigrp,
  pgm: printPgm,
  telnet: printTelnet,
  nfs: printNfs,
  ssh: printSsh,
  fddi: printFddi,
  ieee80211: printIeee80211,
  radiotap: printRadiotap,
  prism: printRadioHeader,
  avs: printRadioHeader,
  fr: printFrameRelay,
  q933: printQ933,
  ppi: printPpi,
};
