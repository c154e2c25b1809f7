/**
 * The printers of every layer kind that `_common_printers.ts` leaves out: protocols that
 * few captures hold, loaded with the first packet that needs one (`printers.ts` joins both
 * tables for the printers of the library). Private to `lib/print/`.
 *
 * @module
 */

import type { PrinterTable } from "./context.ts";
import type { CommonKind } from "./_common_printers.ts";
import { printStp } from "./link/stp.ts";
import { printCdp } from "./link/cdp.ts";
import { printEctp } from "./link/ectp.ts";
import { printAoe } from "./link/aoe.ts";
import { printCfm } from "./link/cfm.ts";
import { printDecnet } from "./link/decnet.ts";
import { printTipc } from "./link/tipc.ts";
import { printGeoNet } from "./link/geonet.ts";
import { printCalmFast } from "./link/calm_fast.ts";
import { printMsnlb } from "./link/msnlb.ts";
import { printRealtek } from "./link/realtek.ts";
import { printMacsec } from "./link/macsec.ts";
import { printArista } from "./link/arista.ts";
import { printSlow } from "./link/slow.ts";
import { printLldp } from "./link/lldp.ts";
import { printEapol } from "./link/eapol.ts";
import { printNflog } from "./link/nflog.ts";
import { printSlarp } from "./link/slarp.ts";
import { printChdlc } from "./link/chdlc.ts";
import { printPppSerial } from "./link/ppp_serial.ts";
import { printSmtp } from "./app/smtp.ts";
import { printRtsp } from "./app/rtsp.ts";
import { printWhois } from "./app/whois.ts";
import { printFtp } from "./app/ftp.ts";
import { printIpx } from "./net/ipx.ts";
import { printIsis } from "./net/isis.ts";
import { printClnp } from "./net/clnp.ts";
import { printEsis } from "./net/esis.ts";
import { printIsoclns } from "./net/isoclns.ts";
import { printDtp } from "./link/dtp.ts";
import { printVtp } from "./link/vtp.ts";
import { printUdld } from "./link/udld.ts";
import { printVxlan } from "./net/vxlan.ts";
import { printOtv } from "./net/otv.ts";
import { printVxlanGpe } from "./net/vxlan_gpe.ts";
import { printNsh } from "./net/nsh.ts";
import { printBcmLi } from "./net/bcm_li.ts";
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
import { printPptp } from "./app/pptp.ts";
import { printResp } from "./app/resp.ts";
import { printRx } from "./app/rx.ts";
import { printBabel } from "./app/babel.ts";
import { printAhcp } from "./app/ahcp.ts";
import { printAutoRp } from "./app/autorp.ts";
import { printVqp } from "./app/vqp.ts";
import { printTimed } from "./app/timed.ts";
import { printLmp } from "./app/lmp.ts";
import { printHncp } from "./app/hncp.ts";
import { printOlsr } from "./app/olsr.ts";
import { printAodv } from "./app/aodv.ts";
import { printRadius } from "./app/radius.ts";
import { printLisp } from "./app/lisp.ts";
import { printOpenFlow } from "./app/openflow.ts";
import { printRpkiRtr } from "./app/rpki_rtr.ts";
import { printAarp } from "./link/aarp.ts";
import { printDdp } from "./net/ddp.ts";
import { printLlap } from "./link/llap.ts";
import { printRsvp } from "./net/rsvp.ts";
import { printBfd } from "./app/bfd.ts";
import { printLspPing } from "./app/lspping.ts";
import { printTftp } from "./app/tftp.ts";
import { printHsrp } from "./app/hsrp.ts";
import { printWb } from "./app/wb.ts";
import { printVat } from "./app/vat.ts";
import { printZephyr } from "./app/zephyr.ts";
import { printLwapp } from "./app/lwapp.ts";
import { printZmtp1 } from "./app/zmtp1.ts";
import { printRtp } from "./app/rtp.ts";
import { printRtcp } from "./app/rtcp.ts";
import { printCnfp } from "./app/cnfp.ts";
import { printSomeIp } from "./app/someip.ts";
import { printKerberos } from "./app/kerberos.ts";
import { printOspf } from "./net/ospf.ts";
import { printSctp } from "./transport/sctp.ts";
import { printDccp } from "./transport/dccp.ts";
import { printVrrp } from "./net/vrrp.ts";
import { printCarp } from "./net/carp.ts";
import { printMobility } from "./net/mobility.ts";
import { printIpcomp } from "./net/ipcomp.ts";
import { printPim } from "./net/pim.ts";
import { printEigrp } from "./net/eigrp.ts";
import { printIgrp } from "./net/igrp.ts";
import { printLwres } from "./app/lwres.ts";
import { printPgm } from "./net/pgm.ts";
import { printTelnet } from "./app/telnet.ts";
import { printNfs } from "./app/nfs.ts";
import { printFddi } from "./link/fddi.ts";
import { printTokenRing } from "./link/token_ring.ts";
import { printIeee80211 } from "./link/ieee802_11.ts";
import { printRadiotap } from "./link/radiotap.ts";
import { printRadioHeader } from "./link/prism.ts";
import { printFrameRelay } from "./link/frame_relay.ts";
import { printQ933 } from "./link/q933.ts";
import { printPpi } from "./link/ppi.ts";
import { printPktap } from "./link/pktap.ts";
import { printBrcmTag, printBrcmTagPrepend } from "./link/brcm_tag.ts";
import { printDsa, printEdsa } from "./link/dsa.ts";
import { printIpoib } from "./link/ipoib.ts";
import { printAtmRfc1483, printCip, printLane, printSunAtm } from "./link/atm.ts";
import { printAtmSignalling, printOamCell } from "./link/atm_cells.ts";
import { printIpnet } from "./link/ipnet.ts";
import { printArcnet, printArcnetLinux } from "./link/arcnet.ts";
import { printJuniperEther } from "./link/juniper.ts";
import { printJuniperPic } from "./link/juniper_pic.ts";
import { printVsock } from "./link/vsock.ts";
import { printSlip, printSlipBsdos } from "./link/slip.ts";
import { printMfr } from "./link/mfr.ts";
import { printIeee802154 } from "./link/ieee802154.ts";
import { printIeee802154Tap } from "./link/ieee802154_tap.ts";

/** The printers of the kinds that are not common. */
export const rarePrinters: Omit<PrinterTable, CommonKind> = {
  stp: printStp,
  cdp: printCdp,
  ectp: printEctp,
  aoe: printAoe,
  cfm: printCfm,
  decnet: printDecnet,
  tipc: printTipc,
  geonet: printGeoNet,
  "calm-fast": printCalmFast,
  msnlb: printMsnlb,
  realtek: printRealtek,
  macsec: printMacsec,
  arista: printArista,
  slow: printSlow,
  lldp: printLldp,
  eapol: printEapol,
  nflog: printNflog,
  slarp: printSlarp,
  chdlc: printChdlc,
  "ppp-serial": printPppSerial,
  smtp: printSmtp,
  rtsp: printRtsp,
  whois: printWhois,
  ftp: printFtp,
  ipx: printIpx,
  isis: printIsis,
  clnp: printClnp,
  esis: printEsis,
  isoclns: printIsoclns,
  dtp: printDtp,
  vtp: printVtp,
  udld: printUdld,
  vxlan: printVxlan,
  otv: printOtv,
  "vxlan-gpe": printVxlanGpe,
  nsh: printNsh,
  "bcm-li": printBcmLi,
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
  pptp: printPptp,
  resp: printResp,
  rx: printRx,
  babel: printBabel,
  ahcp: printAhcp,
  autorp: printAutoRp,
  vqp: printVqp,
  timed: printTimed,
  lmp: printLmp,
  hncp: printHncp,
  olsr: printOlsr,
  aodv: printAodv,
  radius: printRadius,
  lisp: printLisp,
  openflow: printOpenFlow,
  "rpki-rtr": printRpkiRtr,
  aarp: printAarp,
  ddp: printDdp,
  llap: printLlap,
  rsvp: printRsvp,
  bfd: printBfd,
  lspping: printLspPing,
  tftp: printTftp,
  hsrp: printHsrp,
  wb: printWb,
  vat: printVat,
  zephyr: printZephyr,
  lwapp: printLwapp,
  zmtp1: printZmtp1,
  rtp: printRtp,
  rtcp: printRtcp,
  cnfp: printCnfp,
  someip: printSomeIp,
  kerberos: printKerberos,
  ospf: printOspf,
  sctp: printSctp,
  dccp: printDccp,
  vrrp: printVrrp,
  carp: printCarp,
  mobility: printMobility,
  ipcomp: printIpcomp,
  pim: printPim,
  eigrp: printEigrp,
  igrp: printIgrp,
  lwres: printLwres,
  pgm: printPgm,
  telnet: printTelnet,
  nfs: printNfs,
  fddi: printFddi,
  "token-ring": printTokenRing,
  ieee80211: printIeee80211,
  radiotap: printRadiotap,
  prism: printRadioHeader,
  avs: printRadioHeader,
  fr: printFrameRelay,
  q933: printQ933,
  ppi: printPpi,
  pktap: printPktap,
  "brcm-tag": printBrcmTag,
  "brcm-tag-prepend": printBrcmTagPrepend,
  dsa: printDsa,
  edsa: printEdsa,
  ipoib: printIpoib,
  sunatm: printSunAtm,
  "atm-rfc1483": printAtmRfc1483,
  cip: printCip,
  oam: printOamCell,
  "atm-sig": printAtmSignalling,
  lane: printLane,
  ipnet: printIpnet,
  arcnet: printArcnet,
  "arcnet-linux": printArcnetLinux,
  "juniper-ether": printJuniperEther,
  "juniper-pic": printJuniperPic,
  vsock: printVsock,
  slip: printSlip,
  "slip-bsdos": printSlipBsdos,
  mfr: printMfr,
  ieee802154: printIeee802154,
  "ieee802154-tap": printIeee802154Tap,
};
