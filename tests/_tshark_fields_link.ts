/**
 * The fields of link-layer and network-layer headers (Ethernet to Cisco SLARP), for the
 * tshark field conformance test (`conformance_decode_test.ts`); see {@linkcode FieldSpec} in
 * `_tshark_fields.ts`.
 *
 * @module
 */

import type { FieldSpec } from "./_tshark_fields.ts";

const ARPHRD_IPGRE = 778;

function ethertype(value: number | undefined): number | undefined {
  return value !== undefined && value >= 0x0600 ? value : undefined;
}

/** Fields from Ethernet to Cisco SLARP. */
export const LINK_FIELDS: FieldSpec[] = [
  { field: "eth.src", proto: "eth", ours: (l) => l.source },
  { field: "eth.dst", proto: "eth", ours: (l) => l.destination },
  { field: "eth.type", proto: "eth", ours: (l) => l.etherType },
  { field: "eth.len", proto: "eth", ours: (l) => l.length },
  { field: "vlan.id", proto: "vlan", ours: (l) => l.vlanId },
  { field: "vlan.priority", proto: "vlan", ours: (l) => l.priority },
  { field: "vlan.etype", proto: "vlan", ours: (l) => l.etherType },
  { field: "vlan.len", proto: "vlan", ours: (l) => l.length },
  { field: "ieee8021ad.id", proto: "ieee8021ad", ours: (l) => l.vlanId },
  { field: "llc.dsap", proto: "llc", ours: (l) => l.dsap },
  { field: "llc.ssap", proto: "llc", ours: (l) => l.ssap },
  { field: "llc.control", proto: "llc", ours: (l) => l.control },
  { field: "llc.oui", proto: "llc", ours: (l) => l.oui },
  // tshark names the SNAP protocol ID after the OUI: an EtherType for OUI 0, Cisco's...
  { field: "llc.type", proto: "llc", ours: (l) => l.oui === 0 ? l.protocolId : undefined },
  {
    field: "llc.cisco_pid",
    proto: "llc",
    ours: (l) => l.oui === 0x00000c ? l.protocolId : undefined,
  },
  { field: "stp.protocol", proto: "stp", ours: (l) => l.protocolId },
  { field: "stp.version", proto: "stp", ours: (l) => l.version },
  { field: "stp.type", proto: "stp", ours: (l) => l.bpduType },
  { field: "stp.flags", proto: "stp", ours: (l) => l.available >= 35 ? l.flags : undefined },
  { field: "stp.port", proto: "stp", ours: (l) => l.available >= 35 ? l.portId : undefined },
  {
    field: "stp.root.cost",
    proto: "stp",
    ours: (l) => l.available >= 35 ? l.rootPathCost : undefined,
  },
  { field: "ipx.len", proto: "ipx", ours: (l) => l.length },
  { field: "ipx.packet_type", proto: "ipx", ours: (l) => l.packetType },
  { field: "ipx.src.net", proto: "ipx", ours: (l) => l.sourceNetwork },
  { field: "ipx.src.node", proto: "ipx", ours: (l) => l.sourceNode },
  { field: "ipx.src.socket", proto: "ipx", ours: (l) => l.sourceSocket },
  { field: "ipx.dst.net", proto: "ipx", ours: (l) => l.destinationNetwork },
  { field: "ipx.dst.node", proto: "ipx", ours: (l) => l.destinationNode },
  { field: "ipx.dst.socket", proto: "ipx", ours: (l) => l.destinationSocket },
  { field: "isis.type", proto: "isis", ours: (l) => l.pduType },
  {
    field: "isis.hello.holding_timer",
    proto: "isis",
    ours: (l) => l.pduType <= 17 ? l.holdingTime : undefined,
  },
  {
    field: "isis.lsp.remaining_life",
    proto: "isis",
    ours: (l) => l.lspIdOffset >= 0 ? l.remainingLifetime : undefined,
  },
  {
    field: "isis.lsp.sequence_number",
    proto: "isis",
    ours: (l) => l.lspIdOffset >= 0 ? l.sequenceNumber : undefined,
  },
  {
    field: "isis.lsp.checksum",
    proto: "isis",
    ours: (l) => l.lspIdOffset >= 0 ? l.checksum : undefined,
  },
  { field: "dtp.version", proto: "dtp", ours: (l) => l.version },
  { field: "vtp.version", proto: "vtp", ours: (l) => l.partial ? undefined : l.version },
  { field: "vtp.code", proto: "vtp", ours: (l) => l.partial ? undefined : l.code },
  { field: "vtp.md_len", proto: "vtp", ours: (l) => l.partial ? undefined : l.domainNameLength },
  { field: "vtp.md", proto: "vtp", ours: (l) => l.partial ? undefined : l.domainName },
  { field: "vtp.conf_rev_num", proto: "vtp", ours: (l) => l.configRevision },
  { field: "vtp.upd_id", proto: "vtp", ours: (l) => l.updaterIdentity },
  { field: "udld.version", proto: "udld", ours: (l) => l.version },
  { field: "udld.opcode", proto: "udld", ours: (l) => l.opcode },
  { field: "udld.flags", proto: "udld", ours: (l) => l.flags },
  { field: "udld.checksum", proto: "udld", ours: (l) => l.checksum },
  { field: "cdp.version", proto: "cdp", ours: (l) => l.version },
  { field: "cdp.ttl", proto: "cdp", ours: (l) => l.ttl },
  { field: "cdp.checksum", proto: "cdp", ours: (l) => l.checksum },
  { field: "eapol.version", proto: "eapol", ours: (l) => l.version },
  { field: "eapol.type", proto: "eapol", ours: (l) => l.type },
  { field: "eapol.len", proto: "eapol", ours: (l) => l.bodyLength },
  { field: "loop.skipcount", proto: "loop", ours: (l) => l.skipCount },
  { field: "sll.pkttype", proto: "sll", ours: (l) => l.packetType },
  { field: "sll.hatype", proto: "sll", ours: (l) => l.arphrdType },
  // tshark names the protocol field after the link-layer address type (778: GRE).
  {
    field: "sll.etype",
    proto: "sll",
    ours: (l) => l.arphrdType === ARPHRD_IPGRE ? undefined : ethertype(l.protocol),
  },
  {
    field: "sll.gretype",
    proto: "sll",
    ours: (l) => l.arphrdType === ARPHRD_IPGRE ? l.protocol : undefined,
  },
  { field: "null.family", proto: "null", ours: (l) => l.family },
  // tshark's PPPoE discovery (pppoed) and session (pppoes) fill the same pppoe.* fields.
  { field: "pppoe.version", proto: "pppoe", ours: (l) => l.version },
  { field: "pppoe.type", proto: "pppoe", ours: (l) => l.type },
  { field: "pppoe.code", proto: "pppoe", ours: (l) => l.code },
  { field: "pppoe.session_id", proto: "pppoe", ours: (l) => l.sessionId },
  { field: "pppoe.payload_length", proto: "pppoe", ours: (l) => l.length },
  // Only some PPP headers have address and control (PPP in L2TP in PPPoE: the inner one),
  // so tshark's occurrences follow the layers only in packets with one PPP header.
  { field: "ppp.address", proto: "ppp", occurrences: "first", ours: (l) => l.address },
  { field: "ppp.control", proto: "ppp", occurrences: "first", ours: (l) => l.control },
  { field: "ppp.protocol", proto: "ppp", ours: (l) => l.protocol },
  { field: "arp.opcode", proto: "arp", ours: (l) => l.operation },
  {
    field: "arp.src.proto_ipv4",
    proto: "arp",
    ours: (l) =>
      l.protocolType === 0x0800 && l.protocolAddressLength === 4
        ? l.senderProtocolAddress
        : undefined,
  },
  {
    field: "arp.dst.proto_ipv4",
    proto: "arp",
    ours: (l) =>
      l.protocolType === 0x0800 && l.protocolAddressLength === 4
        ? l.targetProtocolAddress
        : undefined,
  },
  { field: "ip.src", proto: "ip", ours: (l) => l.source },
  { field: "ip.dst", proto: "ip", ours: (l) => l.destination },
  { field: "ip.proto", proto: "ip", ours: (l) => l.protocol },
  { field: "ip.ttl", proto: "ip", ours: (l) => l.timeToLive },
  { field: "ip.len", proto: "ip", ours: (l) => l.totalLength },
  { field: "ip.id", proto: "ip", ours: (l) => l.identification },
  { field: "ip.hdr_len", proto: "ip", ours: (l) => l.headerLength },
  { field: "ip.dsfield", proto: "ip", ours: (l) => l.tos },
  { field: "ip.flags.df", proto: "ip", ours: (l) => l.dontFragment },
  { field: "ip.flags.mf", proto: "ip", ours: (l) => l.moreFragments },
  { field: "ip.frag_offset", proto: "ip", ours: (l) => l.fragmentOffset },
  { field: "ip.checksum", proto: "ip", ours: (l) => l.headerChecksum },
  { field: "ipv6.src", proto: "ipv6", ours: (l) => l.source },
  { field: "ipv6.dst", proto: "ipv6", ours: (l) => l.destination },
  { field: "ipv6.nxt", proto: "ipv6", ours: (l) => l.nextHeader },
  { field: "ipv6.plen", proto: "ipv6", ours: (l) => l.payloadLength },
  { field: "ipv6.hlim", proto: "ipv6", ours: (l) => l.hopLimit },
  { field: "ipv6.tclass", proto: "ipv6", ours: (l) => l.trafficClass },
  { field: "ipv6.flow", proto: "ipv6", ours: (l) => l.flowLabel },
  { field: "ipv6.hopopts.nxt", proto: "ipv6.hopopts", ours: (l) => l.nextHeader },
  { field: "ipv6.hopopts.len", proto: "ipv6.hopopts", ours: (l) => l.extensionLength },
  { field: "ipv6.dstopts.nxt", proto: "ipv6.dstopts", ours: (l) => l.nextHeader },
  { field: "ipv6.dstopts.len", proto: "ipv6.dstopts", ours: (l) => l.extensionLength },
  { field: "ipv6.routing.nxt", proto: "ipv6.routing", ours: (l) => l.nextHeader },
  { field: "ipv6.routing.type", proto: "ipv6.routing", ours: (l) => l.routingType },
  { field: "ipv6.routing.segleft", proto: "ipv6.routing", ours: (l) => l.segmentsLeft },
  { field: "ipv6.fraghdr.nxt", proto: "ipv6.fraghdr", ours: (l) => l.nextHeader },
  { field: "ipv6.fraghdr.offset", proto: "ipv6.fraghdr", ours: (l) => l.fragmentOffset },
  { field: "ipv6.fraghdr.more", proto: "ipv6.fraghdr", ours: (l) => l.moreFragments },
  { field: "ipv6.fraghdr.ident", proto: "ipv6.fraghdr", ours: (l) => l.identification },
  { field: "ah.next_header", proto: "ah", ours: (l) => l.nextHeader },
  { field: "ah.length", proto: "ah", ours: (l) => l.payloadLength },
  { field: "ah.spi", proto: "ah", ours: (l) => l.spi },
  { field: "ah.sequence", proto: "ah", ours: (l) => l.sequenceNumber },
  { field: "esp.spi", proto: "esp", ours: (l) => l.spi },
  { field: "esp.sequence", proto: "esp", ours: (l) => l.sequenceNumber },
  { field: "nflog.family", proto: "nflog", ours: (l) => l.family },
  { field: "nflog.version", proto: "nflog", ours: (l) => l.version },
  { field: "nflog.res_id", proto: "nflog", ours: (l) => l.resourceId },
  { field: "chdlc.address", proto: "chdlc", ours: (l) => l.address },
  { field: "chdlc.control", proto: "chdlc", ours: (l) => l.control },
  { field: "chdlc.protocol", proto: "chdlc", ours: (l) => l.protocol },
  { field: "fddi.fc", proto: "fddi", ours: (l) => l.frameControl },
  { field: "radiotap.length", proto: "radiotap", ours: (l) => l.length },
  {
    field: "radiotap.flags",
    proto: "radiotap",
    ours: (l) => l.field(1) === undefined ? undefined : l.flags,
  },
  { field: "radiotap.dbm_antsignal", proto: "radiotap", ours: (l) => l.field(5)?.values[0] },
  { field: "wlan.fc.type", proto: "wlan", ours: (l) => l.type },
  { field: "wlan.fc.subtype", proto: "wlan", ours: (l) => l.subtype },
  { field: "wlan.duration", proto: "wlan", ours: (l) => l.duration },
  { field: "wlan.ra", proto: "wlan", ours: (l) => l.receiver },
  { field: "wlan.sa", proto: "wlan", ours: (l) => l.type === 1 ? undefined : l.source },
  { field: "fr.dlci", proto: "fr", ours: (l) => l.dlci },
  { field: "fr.nlpid", proto: "fr", ours: (l) => l.nlpid },
  { field: "q933.message_type", proto: "q933", ours: (l) => l.messageType },
  { field: "slarp.ptype", proto: "slarp", ours: (l) => l.code },
  { field: "slarp.address", proto: "slarp", ours: (l) => l.code < 2 ? l.address : undefined },
  { field: "slarp.netmask", proto: "slarp", ours: (l) => l.code < 2 ? l.mask : undefined },
  {
    field: "slarp.mysequence",
    proto: "slarp",
    ours: (l) => l.code === 2 ? l.mySequence : undefined,
  },
  {
    field: "slarp.yoursequence",
    proto: "slarp",
    ours: (l) => l.code === 2 ? l.yourSequence : undefined,
  },
  {
    field: "slarp.reliability",
    proto: "slarp",
    ours: (l) => l.code === 2 ? l.reliability : undefined,
  },
];
