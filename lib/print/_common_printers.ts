/**
 * The printers of the layer kinds that most captures hold (links, IP, ICMP, TCP, UDP,
 * DNS, DHCP, NTP, HTTP, SSH). The others, in `_rare_printers.ts`, are loaded by the
 * pipeline of `sniff.ts` only when a packet first needs one, which takes about 20 ms (a
 * tenth) off its start-up. `printers.ts` joins both tables. Private to `lib/print/`.
 *
 * @module
 */

import type { PrinterRecord, PrinterTable } from "./context.ts";
import { printEthernet } from "./link/ethernet.ts";
import { printLlc } from "./link/llc.ts";
import { printVlan } from "./link/vlan.ts";
import { printSll } from "./link/sll.ts";
import { printSll2 } from "./link/sll2.ts";
import { printLoopback } from "./link/loopback.ts";
import { printPppoeDiscovery, printPppoeSession } from "./link/pppoe.ts";
import { printPpp } from "./link/ppp.ts";
import { printPppHdlc } from "./link/ppp_hdlc.ts";
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
import { printHttp } from "./app/http.ts";
import { printSsh } from "./app/ssh.ts";

/** The printers of the common kinds. */
export const commonPrinters = {
  ethernet: printEthernet,
  llc: printLlc,
  vlan: printVlan,
  sll: printSll,
  sll2: printSll2,
  loopback: printLoopback,
  "pppoe-discovery": printPppoeDiscovery,
  "pppoe-session": printPppoeSession,
  ppp: printPpp,
  "ppp-hdlc": printPppHdlc,
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
  http: printHttp,
  ssh: printSsh,
} as const satisfies Partial<PrinterTable>;

/** A layer kind that {@linkcode commonPrinters} prints. */
export type CommonKind = keyof typeof commonPrinters;

/**
 * Loads the printers of the other kinds.
 *
 * @returns `_rare_printers.ts`'s table.
 */
export async function loadRarePrinters(): Promise<PrinterRecord> {
  return (await import("./_rare_printers.ts")).rarePrinters;
}
