/**
 * The list of every protocol that wirekit decodes: one entry per protocol descriptor
 * (defined in that protocol's own file). The default registry, the layer kinds
 * (`LayerMap`) and the name tables are built from it, so a new protocol is its decoder
 * file, its printer file and one entry here, or in `transport_protocols.ts` for layers 2
 * to 4 (plus its printer's entry in `print/_rare_printers.ts`, which `deno check` asks
 * for, and its numbers in `_common_protocols.ts`, which a test asks for: `sniff.ts`
 * loads the protocols that are not common when a packet first needs one).
 *
 * @module
 */

import { transportProtocols } from "./transport_protocols.ts";
import { dnsDecoder } from "./app/dns.ts";
import { dhcpDecoder } from "./app/dhcp.ts";
import { ntpDecoder } from "./app/ntp.ts";
import { stpDecoder } from "./link/stp.ts";
import { cdpDecoder } from "./link/cdp.ts";
import { aoeDecoder } from "./link/aoe.ts";
import { cfmDecoder } from "./link/cfm.ts";
import { decnetDecoder } from "./link/decnet.ts";
import { tipcDecoder } from "./link/tipc.ts";
import { geoNetDecoder } from "./link/geonet.ts";
import { calmFastDecoder } from "./link/calm_fast.ts";
import { msnlbDecoder } from "./link/msnlb.ts";
import { realtekDecoder } from "./link/realtek.ts";
import { macsecDecoder } from "./link/macsec.ts";
import { aristaDecoder } from "./link/arista.ts";
import { slowDecoder } from "./link/slow.ts";
import { ectpDecoder } from "./link/ectp.ts";
import { lldpDecoder } from "./link/lldp.ts";
import { eapolDecoder } from "./link/eapol.ts";
import { nflogDecoder } from "./link/nflog.ts";
import { slarpDecoder } from "./link/slarp.ts";
import { chdlcDecoder } from "./link/chdlc.ts";
import { httpDecoder } from "./app/http.ts";
import { smtpDecoder } from "./app/smtp.ts";
import { rtspDecoder } from "./app/rtsp.ts";
import { whoisDecoder } from "./app/whois.ts";
import { ftpDecoder } from "./app/ftp.ts";
import { ipxDecoder } from "./net/ipx.ts";
import { isisDecoder } from "./net/isis.ts";
import { clnpDecoder } from "./net/clnp.ts";
import { esisDecoder } from "./net/esis.ts";
import { isoclnsDecoder } from "./net/isoclns.ts";
import { dtpDecoder } from "./link/dtp.ts";
import { udldDecoder } from "./link/udld.ts";
import { vtpDecoder } from "./link/vtp.ts";
import { vxlanDecoder } from "./net/vxlan.ts";
import { otvDecoder } from "./net/otv.ts";
import { vxlanGpeDecoder } from "./net/vxlan_gpe.ts";
import { nshDecoder } from "./net/nsh.ts";
import { bcmLiDecoder } from "./net/bcm_li.ts";
import { geneveDecoder } from "./net/geneve.ts";
import { mplsDecoder } from "./net/mpls.ts";
import { l2tpDecoder } from "./net/l2tp.ts";
import { erspanDecoder } from "./net/erspan.ts";
import { gtpDecoder } from "./net/gtp.ts";
import { syslogDecoder } from "./app/syslog.ts";
import { dhcpv6Decoder } from "./app/dhcpv6.ts";
import { snmpDecoder } from "./app/snmp.ts";
import { sipDecoder } from "./app/sip.ts";
import { isakmpDecoder } from "./app/isakmp.ts";
import { ripDecoder } from "./app/rip.ts";
import { ripngDecoder } from "./app/ripng.ts";
import { ldpDecoder } from "./app/ldp.ts";
import { ptpDecoder } from "./app/ptp.ts";
import { sflowDecoder } from "./app/sflow.ts";
import { bgpDecoder } from "./app/bgp.ts";
import { pptpDecoder } from "./app/pptp.ts";
import { respDecoder } from "./app/resp.ts";
import { rxDecoder } from "./app/rx.ts";
import { babelDecoder } from "./app/babel.ts";
import { ahcpDecoder } from "./app/ahcp.ts";
import { autoRpDecoder } from "./app/autorp.ts";
import { vqpDecoder } from "./app/vqp.ts";
import { timedDecoder } from "./app/timed.ts";
import { lmpDecoder } from "./app/lmp.ts";
import { hncpDecoder } from "./app/hncp.ts";
import { olsrDecoder } from "./app/olsr.ts";
import { aodvDecoder } from "./app/aodv.ts";
import { radiusDecoder } from "./app/radius.ts";
import { lispDecoder } from "./app/lisp.ts";
import { openFlowDecoder } from "./app/openflow.ts";
import { rpkiRtrDecoder } from "./app/rpki_rtr.ts";
import { aarpDecoder } from "./link/aarp.ts";
import { ddpDecoder } from "./net/ddp.ts";
import { llapDecoder } from "./link/llap.ts";
import { rsvpDecoder } from "./net/rsvp.ts";
import { bfdDecoder } from "./app/bfd.ts";
import { lspPingDecoder } from "./app/lspping.ts";
import { tftpDecoder } from "./app/tftp.ts";
import { hsrpDecoder } from "./app/hsrp.ts";
import { wbDecoder } from "./app/wb.ts";
import { vatDecoder } from "./app/vat.ts";
import { zephyrDecoder } from "./app/zephyr.ts";
import { lwappDecoder } from "./app/lwapp.ts";
import { zmtp1Decoder } from "./app/zmtp1.ts";
import { rtpDecoder } from "./app/rtp.ts";
import { rtcpDecoder } from "./app/rtcp.ts";
import { cnfpDecoder } from "./app/cnfp.ts";
import { someIpDecoder } from "./app/someip.ts";
import { kerberosDecoder } from "./app/kerberos.ts";
import { ospfDecoder } from "./net/ospf.ts";
import { sctpDecoder } from "./transport/sctp.ts";
import { dccpDecoder } from "./transport/dccp.ts";
import { carpDecoder } from "./net/carp.ts";
import { vrrpDecoder } from "./net/vrrp.ts";
import { mobilityDecoder } from "./net/mobility.ts";
import { ipcompDecoder } from "./net/ipcomp.ts";
import { pimDecoder } from "./net/pim.ts";
import { eigrpDecoder } from "./net/eigrp.ts";
import { igrpDecoder } from "./net/igrp.ts";
import { lwresDecoder } from "./app/lwres.ts";
import { pgmDecoder } from "./net/pgm.ts";
import { telnetDecoder } from "./app/telnet.ts";
import { nfsDecoder } from "./app/nfs.ts";
import { sshDecoder } from "./app/ssh.ts";
import { fddiDecoder } from "./link/fddi.ts";
import { tokenRingDecoder } from "./link/token_ring.ts";
import { ieee80211Decoder } from "./link/ieee802_11.ts";
import { radiotapDecoder } from "./link/radiotap.ts";
import { avsDecoder, prismDecoder } from "./link/prism.ts";
import { frameRelayDecoder } from "./link/frame_relay.ts";
import { q933Decoder } from "./link/q933.ts";
import { ppiDecoder } from "./link/ppi.ts";
import { pktapDecoder } from "./link/pktap.ts";
import { brcmTagDecoder, brcmTagPrependDecoder } from "./link/brcm_tag.ts";
import { dsaDecoder, edsaDecoder } from "./link/dsa.ts";
import { ipoibDecoder } from "./link/ipoib.ts";
import { atmRfc1483Decoder, cipDecoder, sunAtmDecoder } from "./link/atm.ts";
import { atmSignallingDecoder, oamCellDecoder } from "./link/atm_cells.ts";
import { laneDecoder } from "./link/lane.ts";
import { ipnetDecoder } from "./link/ipnet.ts";
import { arcnetDecoder, arcnetLinuxDecoder } from "./link/arcnet.ts";
import { juniperEtherDecoder } from "./link/juniper.ts";
import { juniperPicDecoders } from "./link/juniper_pic.ts";
import { vsockDecoder } from "./link/vsock.ts";
import { slipBsdosDecoder, slipDecoder } from "./link/slip.ts";
import { mfrDecoder } from "./link/mfr.ts";
import { ieee802154Decoder } from "./link/ieee802154.ts";
import { ieee802154TapDecoder } from "./link/ieee802154_tap.ts";
import { pppSerialDecoder, pppSerialDispatcher } from "./link/ppp_serial.ts";
import type { BoundDispatcher } from "./layer.ts";

/** The protocol descriptors of wirekit, link layers first. */
export const protocols = [
  ...transportProtocols,
  dnsDecoder,
  dhcpDecoder,
  ntpDecoder,
  stpDecoder,
  cdpDecoder,
  ectpDecoder,
  aoeDecoder,
  cfmDecoder,
  decnetDecoder,
  tipcDecoder,
  geoNetDecoder,
  calmFastDecoder,
  msnlbDecoder,
  realtekDecoder,
  macsecDecoder,
  aristaDecoder,
  slowDecoder,
  lldpDecoder,
  eapolDecoder,
  nflogDecoder,
  slarpDecoder,
  chdlcDecoder,
  httpDecoder,
  smtpDecoder,
  rtspDecoder,
  whoisDecoder,
  ftpDecoder,
  ipxDecoder,
  isisDecoder,
  clnpDecoder,
  esisDecoder,
  isoclnsDecoder,
  dtpDecoder,
  udldDecoder,
  vtpDecoder,
  vxlanDecoder,
  otvDecoder,
  vxlanGpeDecoder,
  nshDecoder,
  geneveDecoder,
  mplsDecoder,
  l2tpDecoder,
  erspanDecoder,
  gtpDecoder,
  syslogDecoder,
  dhcpv6Decoder,
  snmpDecoder,
  sipDecoder,
  isakmpDecoder,
  ripDecoder,
  ripngDecoder,
  tftpDecoder,
  hsrpDecoder,
  wbDecoder,
  vatDecoder,
  zephyrDecoder,
  lwappDecoder,
  zmtp1Decoder,
  rtpDecoder,
  rtcpDecoder,
  cnfpDecoder,
  someIpDecoder,
  kerberosDecoder,
  ospfDecoder,
  sctpDecoder,
  dccpDecoder,
  vrrpDecoder,
  carpDecoder,
  mobilityDecoder,
  ipcompDecoder,
  pimDecoder,
  eigrpDecoder,
  igrpDecoder,
  lwresDecoder,
  pgmDecoder,
  telnetDecoder,
  nfsDecoder,
  sshDecoder,
  fddiDecoder,
  tokenRingDecoder,
  ieee80211Decoder,
  radiotapDecoder,
  prismDecoder,
  avsDecoder,
  frameRelayDecoder,
  q933Decoder,
  ppiDecoder,
  pktapDecoder,
  pppSerialDecoder,
  brcmTagDecoder,
  brcmTagPrependDecoder,
  dsaDecoder,
  edsaDecoder,
  ipoibDecoder,
  sunAtmDecoder,
  atmRfc1483Decoder,
  cipDecoder,
  oamCellDecoder,
  atmSignallingDecoder,
  laneDecoder,
  ipnetDecoder,
  arcnetDecoder,
  arcnetLinuxDecoder,
  juniperEtherDecoder,
  ...juniperPicDecoders,
  vsockDecoder,
  slipDecoder,
  slipBsdosDecoder,
  mfrDecoder,
  ieee802154Decoder,
  ieee802154TapDecoder,
  ldpDecoder,
  ptpDecoder,
  sflowDecoder,
  bgpDecoder,
  pptpDecoder,
  respDecoder,
  rxDecoder,
  babelDecoder,
  ahcpDecoder,
  autoRpDecoder,
  vqpDecoder,
  timedDecoder,
  lmpDecoder,
  hncpDecoder,
  olsrDecoder,
  aodvDecoder,
  radiusDecoder,
  lispDecoder,
  openFlowDecoder,
  rpkiRtrDecoder,
  aarpDecoder,
  rsvpDecoder,
  bfdDecoder,
  lspPingDecoder,
  bcmLiDecoder,
  ddpDecoder,
  llapDecoder,
] as const;

/**
 * The decoders of `protocols` that pick a protocol by looking at the bytes (link type
 * 50's PPP or Cisco HDLC), with the numbers they are bound to.
 */
export const protocolDispatchers: readonly BoundDispatcher[] = [pppSerialDispatcher];
