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
  fddi: printFddi,
  ieee80211: printIeee80211,
  radiotap: printRadiotap,
  prism: printRadioHeader,
  avs: printRadioHeader,
  fr: printFrameRelay,
  q933: printQ933,
  ppi: printPpi,
};
