// Decodes every packet of the shared capture corpus (../../shared/captures, beside the
// project) whose link types wirekit decodes, and compares header fields per packet with
// tshark 4.0: the layer stack, then each field of each layer that both decode.
//
// tshark runs 4 at a time. By default each run reads a pcapng file built from the packets
// that wirekit's reader read (one run per quarter of the corpus: 4 tshark start-ups instead
// of 270; `conformance_files_test.ts` checks those packets against tshark's own reading).
// Set WIREKIT_TSHARK_PER_FILE=1 to run tshark on each original file instead (slower).

import assert from "node:assert/strict";
import { decode, type DecodeOptions, type Packet } from "../lib/decode.ts";
import { CaptureFileError } from "../lib/formats/errors.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { pcapngBytes } from "../lib/formats/pcapng.ts";
import { IpProtocol } from "../lib/ip_protocol.ts";
import type { Layer, LayerKind } from "../lib/layer_map.ts";
import { defaultRegistry, type Registry } from "../lib/registry.ts";
import { hasTshark, NO_REASSEMBLY, tsharkFields, type TsharkRow } from "./_tshark.ts";
import { decodedCorpusFiles, PcapngInterfaces, pool } from "./_shared.ts";

const capturesDir = new URL("../../shared/captures/", import.meta.url);
const PARALLEL = 4;
const MAX_REPORTED_PER_FILE = 25;

/**
 * Mismatches that are understood and accepted. Each names the file, the field (`layers`
 * for the layer stack) and optionally the frames, and says why. Anything else fails.
 */
const EXCEPTIONS: Exception[] = [
  {
    file: "pcapplusplus/ip4_fragments.pcap",
    field: "layers",
    frames: [29, 41, 51],
    reason: "RPC replies from NFS's port whose call tshark has not dissected (not in the " +
      "capture, or in IP fragments that are not reassembled here): tshark shows them as " +
      "data; tcpdump takes them for NFS replies by their port ('NFS reply xid ... reply ok " +
      "136'), and so does wirekit",
  },
  {
    file: "tcpdump/unaligned-nfs-1.pcap",
    field: "layers",
    reason: "the same, over TCP: one RPC reply without its call, which tshark shows as data " +
      "and tcpdump prints as 'NFS reply xid 3532485149 reply ok 112'",
  },
  {
    file: "pcapplusplus/IPv4Frag.pcap",
    field: "layers",
    frames: [1],
    reason: "the first fragment of a UDP datagram to port 2049: tshark holds it for IP " +
      "reassembly and shows data; wirekit decodes the RPC call in it, as tcpdump prints it",
  },
  {
    file: "tcpdump/various_gre.pcap",
    field: "layers",
    frames: [49, 63],
    reason: "CDP directly in GRE (protocol type 0x2000, Cisco's SNAP protocol ID used as an " +
      "EtherType): tshark decodes it; tcpdump prints 'gre-proto-0x2000', and so does wirekit, " +
      "which decodes CDP only after LLC/SNAP",
  },
  {
    file: "tcpdump/ipv6_missing_jumbo_payload_option.pcap",
    field: "ipv6.hopopts.*",
    reason: "IPv6 payload length 0 and a hop-by-hop header without a jumbo option: tshark " +
      "names the header but shows none of its fields; wirekit decodes the 8 bytes that are " +
      "there, as tcpdump does ('HBH (pad1)... [No valid Jumbo Payload Hop-by-Hop option found]')",
  },
  {
    file: "libpcap/ipv6_ext_headers.pcap",
    field: "layers",
    reason: "a chain of 46 IPv6 extension headers: wirekit stops at its default maxLayers " +
      "(32, by design against endless chains) with a malformed error; tshark has no limit",
  },
  ...[
    "pcapplusplus/IPv4-TSO.pcap",
    "tcpdump/bigtcp-ipv4.pcap",
    "tcpdump/icmp-length-zero.pcapng",
    "tcpdump/ipv4_tcp_http_xml_tso.pcap",
    "zeek/ip-bogus-header-len.pcap",
  ].map((file) => ({
    file,
    field: "ip.len",
    reason: "IPv4 total length 0 (TSO / BIG TCP): wirekit reports the field as sent (0, as " +
      "tcpdump does) and takes the payload to the end of the capture; tshark reports the " +
      "length it infers from the frame",
  })),
  ...["pcapplusplus/NullLoopback.pcap", "pcapplusplus/null_loopback.pcap"].flatMap((file) =>
    ["layers", "null.family"].map((field) => ({
      file,
      field,
      frames: [3],
      reason: "NULL header 0f 00 08 00 is no address family (tcpdump: 'AF Unknown " +
        "(251660288)', as wirekit); tshark guesses its last two bytes are an EtherType",
    }))
  ),
  {
    file: "tcpdump/afs.pcap",
    field: "layers",
    frames: [570, 571, 572, 576, 577, 578, 579],
    reason: "UDP port 4444 (krb524): tshark decodes Kerberos there; tcpdump binds Kerberos " +
      "to ports 88 and 750 only, as wirekit",
  },
  {
    file: "pcapplusplus/ipv4-options.pcap",
    field: "ip.dst",
    frames: [6, 7],
    reason: "source route option (SSRR/LSRR): tshark's ip.dst is the route's final " +
      "destination (0.0.0.0 here) and the header's field is ip.cur_rt; wirekit's " +
      "destination is the header's field, as tcpdump prints it",
  },
  ...["tcpdump/LINKTYPE_IPV4_invalid.pcap", "tcpdump/bad-ipv4-version-pgm-heapoverflow.pcap"]
    .map((file) => ({
      file,
      field: "layers",
      reason: "an IPv6 packet where an IPv4 header is required (LINKTYPE_IPV4, EtherType " +
        "0x0800): tshark's IPv4 dissector hands version 6 to IPv6; wirekit reports the " +
        "version as malformed (tcpdump: 'IP6, wrong link-layer encapsulation')",
    })),
  {
    file: "pcapplusplus/nanosecs_big_endian.pcap",
    field: "layers",
    frames: [4, 6, 8],
    reason: "HTTP on TCP port 8000: tshark's HTTP dissector takes port 8000 too; wirekit " +
      "binds HTTP to ports 80 and 8080, as tcpdump prints it",
  },
  {
    file: "tcpdump/arp-oobr.pcap",
    field: "layers",
    frames: [186],
    reason: "ARP with hardware type AX.25 (3): tshark 4.0 lists the ARP protocol twice for " +
      "its one header (the fields of the first agree)",
  },
  {
    file: "tcpdump/arp-oobr.pcap",
    field: "arp.*",
    frames: [1166],
    reason: "ARP with hardware type ATM (19): tshark dissects the ATMARP layout (RFC 2225) " +
      "and fails; wirekit reads the RFC 826 layout that the lengths describe, as tcpdump " +
      "does ('Request who-has 192.168.1.1 tell 192.168.1.104')",
  },
  {
    file: "tcpdump/dns_fwdptr.pcap",
    field: "dns.qry.*",
    frames: [1],
    reason: "a question name whose compression pointers point forward and build a name " +
      "over 255 bytes: wirekit stops the sections there ('question 1: name longer than 255 " +
      "bytes') with no question, as tcpdump prints '<BAD PTR>'; tshark shows the question " +
      "with the name '<Name too long>' and reads its type after the name",
  },
  {
    file: "zeek/dns/dns-invalid-names.pcap",
    field: "dns.qry.*",
    frames: [2],
    reason: "a question name whose compression pointers loop: wirekit stops the sections " +
      "there ('more than 126 compression pointers in a name') with no question; tshark " +
      "shows the question with the name '<Name contains a pointer that loops>' and reads " +
      "its type after the name",
  },
];

interface Exception {
  file: string;
  field: string;
  frames?: number[];
  reason: string;
}

// ---------------------------------------------------------------------------------------
// Layering: tshark's protocol names (frame.protocols) and wirekit's layer kinds.

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
]);

/** tshark protocol → the wirekit layer kinds that decode it. */
const KINDS: Record<string, LayerKind[]> = {
  eth: ["ethernet"],
  vlan: ["vlan"],
  ieee8021ad: ["vlan"],
  llc: ["llc"],
  sll: ["sll", "sll2"],
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
  http: ["http"],
  smtp: ["smtp"],
  ftp: ["ftp"],
  ipx: ["ipx"],
  isis: ["isis"],
  dtp: ["dtp"],
  udld: ["udld"],
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
const FIELD_PROTOCOL: Record<string, string> = {
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
const QUOTING = new Set(["icmp", "icmpv6"]);

/** One entry of tshark's layer stack, as far as wirekit decodes. */
interface TsharkLayer {
  /** tshark's protocol name. */
  proto: string;
  /**
   * Index among the occurrences of that protocol in the packet (for field occurrences);
   * `dns` and `mdns` count together, see {@linkcode FIELD_PROTOCOL}.
   */
  occurrence: number;
}

interface TsharkStack {
  /** The layers wirekit is expected to decode, outermost first. */
  layers: TsharkLayer[];
  /** The first protocol past them that wirekit does not decode, if any. */
  beyond: string | undefined;
  /** Every protocol with its occurrence index (for the quoted datagram of ICMP). */
  all: TsharkLayer[];
}

function tsharkStack(protocols: string): TsharkStack {
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

// ---------------------------------------------------------------------------------------
// Fields: tshark name, the protocol whose occurrences it follows, and wirekit's value.

type Value = string | number | boolean | undefined;

interface PacketInfo {
  packet: Packet;
  /** Whether the capture holds the whole packet (captured length = original length). */
  whole: boolean;
}

interface FieldSpec {
  field: string;
  /** The tshark protocol whose occurrences the field follows (`dns` for `mdns` too). */
  proto: string;
  /**
   * How tshark's occurrences of the field map to wirekit's layers: by default one per
   * layer. Fields that occur once per question or record form a list per message: `first`
   * compares its first value, `all` the whole list (joined with commas); both only in
   * packets that hold one message of the protocol, where the list is that message's.
   */
  occurrences?: "first" | "all";
  // deno-lint-ignore no-explicit-any
  ours(layer: any, info: PacketInfo, index: number): Value;
}

const ARPHRD_IPGRE = 778;

function ethertype(value: number | undefined): number | undefined {
  return value !== undefined && value >= 0x0600 ? value : undefined;
}

/**
 * The TCP payload length that tshark computes: from the IP lengths, not the capture; none
 * in a fragment, whose segment length is unknown without reassembly.
 */
function tcpLength(
  tcp: Layer & { kind: "tcp" },
  info: PacketInfo,
  index: number,
): number | undefined {
  const layers = info.packet.layers;
  for (let i = 0; i < index; i++) {
    const below = layers[i]!;
    if ((below.kind === "ipv4" || below.kind === "ipv6-fragment") && below.moreFragments) {
      return undefined;
    }
  }
  if (info.whole) return tcp.end - tcp.offset - tcp.headerLength;
  for (let i = index - 1; i >= 0; i--) {
    const below = layers[i]!;
    if (below.kind === "ipv4" && below.totalLength !== 0) {
      return below.offset + below.totalLength - tcp.offset - tcp.headerLength;
    }
    if (below.kind === "ipv6" && below.payloadLength !== 0) {
      return below.offset + 40 + below.payloadLength - tcp.offset - tcp.headerLength;
    }
  }
  return tcp.end - tcp.offset - tcp.headerLength;
}

const FIELDS: FieldSpec[] = [
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
  { field: "dhcpv6.msgtype", proto: "dhcpv6", ours: (l) => l.messageType },
  { field: "dhcpv6.xid", proto: "dhcpv6", ours: (l) => l.relay ? undefined : l.transactionId },
  { field: "dhcpv6.hopcount", proto: "dhcpv6", ours: (l) => l.relay ? l.hopCount : undefined },
  // On port 4500 ESP (no ISAKMP header) and keepalives have no isakmp.* fields.
  {
    field: "isakmp.version",
    proto: "isakmp",
    ours: (l) => l.headerLength >= 28 ? (l.majorVersion << 4) | l.minorVersion : undefined,
  },
  {
    field: "isakmp.exchangetype",
    proto: "isakmp",
    ours: (l) => l.headerLength >= 28 ? l.exchangeType : undefined,
  },
  {
    field: "isakmp.flags",
    proto: "isakmp",
    ours: (l) => l.headerLength >= 28 ? l.flags : undefined,
  },
  {
    field: "isakmp.messageid",
    proto: "isakmp",
    ours: (l) => l.headerLength >= 28 ? l.messageId : undefined,
  },
  {
    field: "isakmp.length",
    proto: "isakmp",
    ours: (l) => l.headerLength >= 28 ? l.messageLength : undefined,
  },
  {
    field: "isakmp.ispi",
    proto: "isakmp",
    ours: (l) =>
      l.headerLength >= 28
        ? [...l.initiatorCookie].map((b) => b.toString(16).padStart(2, "0")).join("")
        : undefined,
  },
  // tshark names the version of SNMPv3 messages snmp.msgVersion (and no other).
  {
    field: "snmp.version",
    proto: "snmp",
    ours: (l) => l.version === 0 || l.version === 1 ? l.version : undefined,
  },
  { field: "snmp.community", proto: "snmp", ours: (l) => l.community },
  {
    field: "syslog.facility",
    proto: "syslog",
    ours: (l) => l.priority === undefined ? undefined : l.facility,
  },
  {
    field: "syslog.level",
    proto: "syslog",
    ours: (l) => l.priority === undefined ? undefined : l.severity,
  },
  { field: "rip.command", proto: "rip", ours: (l) => l.command },
  { field: "rip.version", proto: "rip", ours: (l) => l.truncated ? undefined : l.version },
  { field: "ripng.cmd", proto: "ripng", ours: (l) => l.command },
  { field: "ripng.version", proto: "ripng", ours: (l) => l.version },
  { field: "hsrp.version", proto: "hsrp", ours: (l) => l.version },
  { field: "hsrp.opcode", proto: "hsrp", ours: (l) => l.captured >= 2 ? l.opCode : undefined },
  {
    field: "hsrp.state",
    proto: "hsrp",
    ours: (l) => l.captured >= 3 && l.opCode < 3 ? l.state : undefined,
  },
  {
    field: "hsrp.priority",
    proto: "hsrp",
    ours: (l) => l.captured >= 6 && l.opCode < 3 ? l.priority : undefined,
  },
  {
    field: "hsrp.group",
    proto: "hsrp",
    ours: (l) => l.captured >= 7 && l.opCode < 3 ? l.group : undefined,
  },
  // Op code 3 (advertise) has another layout, which tshark reads as TLVs.
  {
    field: "hsrp.virt_ip",
    proto: "hsrp",
    ours: (l) => l.opCode < 3 ? l.virtualAddress : undefined,
  },
  { field: "tftp.opcode", proto: "tftp", ours: (l) => l.opcode },
  { field: "tftp.block", proto: "tftp", ours: (l) => l.block },
  { field: "rpc.xid", proto: "rpc", ours: (l) => l.xid },
  { field: "rpc.msgtyp", proto: "rpc", ours: (l) => l.direction },
  {
    field: "rpc.fraglen",
    proto: "rpc",
    ours: (l) => l.recordMarked ? l.fragmentLength : undefined,
  },
  { field: "rpc.lastfrag", proto: "rpc", ours: (l) => l.recordMarked ? l.lastFragment : undefined },
  {
    field: "rpc.program",
    proto: "rpc",
    ours: (l) => l.callHeaderCaptured ? l.program : undefined,
  },
  {
    field: "rpc.programversion",
    proto: "rpc",
    ours: (l) => l.callHeaderCaptured ? l.programVersion : undefined,
  },
  {
    field: "rpc.procedure",
    proto: "rpc",
    ours: (l) => l.callHeaderCaptured ? l.procedure : undefined,
  },
  {
    field: "rpc.replystat",
    proto: "rpc",
    ours: (l) => l.replyStatus >= 0 ? l.replyStatus : undefined,
  },
  { field: "pgm.hdr.sport", proto: "pgm", ours: (l) => l.sourcePort },
  { field: "pgm.hdr.dport", proto: "pgm", ours: (l) => l.destinationPort },
  { field: "pgm.hdr.type", proto: "pgm", ours: (l) => l.type },
  { field: "pgm.hdr.tsdulen", proto: "pgm", ours: (l) => l.tsduLength },
  { field: "gre.flags_and_version", proto: "gre", ours: (l) => l.flagsAndVersion },
  { field: "gre.flags.checksum", proto: "gre", ours: (l) => l.checksumPresent },
  { field: "gre.flags.routing", proto: "gre", ours: (l) => l.routingPresent },
  { field: "gre.flags.key", proto: "gre", ours: (l) => l.keyPresent },
  { field: "gre.flags.sequence_number", proto: "gre", ours: (l) => l.sequencePresent },
  { field: "gre.flags.strict_source_route", proto: "gre", ours: (l) => l.strictSourceRoute },
  { field: "gre.flags.recursion_control", proto: "gre", ours: (l) => l.recursionControl },
  // tshark shows the ack bit of enhanced GRE (version 1) only.
  {
    field: "gre.flags.ack",
    proto: "gre",
    ours: (l) => l.version === 1 ? l.acknowledgmentPresent : undefined,
  },
  { field: "gre.flags.version", proto: "gre", ours: (l) => l.version },
  { field: "gre.proto", proto: "gre", ours: (l) => l.protocolType },
  { field: "gre.checksum", proto: "gre", ours: (l) => l.checksum },
  { field: "gre.offset", proto: "gre", ours: (l) => l.routingOffset },
  { field: "gre.key", proto: "gre", ours: (l) => l.key },
  { field: "gre.key.payload_length", proto: "gre", ours: (l) => l.payloadLength },
  { field: "gre.key.call_id", proto: "gre", ours: (l) => l.callId },
  { field: "gre.sequence_number", proto: "gre", ours: (l) => l.sequenceNumber },
  { field: "gre.ack_number", proto: "gre", ours: (l) => l.acknowledgmentNumber },
  // tshark reads VXLAN's flags as 16 bits: the flags byte and the first reserved byte.
  {
    field: "vxlan.flags",
    proto: "vxlan",
    ours: (l) => (l.flags << 8) | (l.reserved1 >> 16),
  },
  { field: "vxlan.flag_i", proto: "vxlan", ours: (l) => l.vniValid },
  { field: "vxlan.vni", proto: "vxlan", ours: (l) => l.vni },
  { field: "vxlan.reserved8", proto: "vxlan", ours: (l) => l.reserved2 },
  { field: "geneve.version", proto: "geneve", ours: (l) => l.version },
  { field: "geneve.flags", proto: "geneve", ours: (l) => l.flags },
  { field: "geneve.flags.oam", proto: "geneve", ours: (l) => l.oam },
  { field: "geneve.flags.critical", proto: "geneve", ours: (l) => l.critical },
  { field: "geneve.proto_type", proto: "geneve", ours: (l) => l.protocolType },
  { field: "geneve.vni", proto: "geneve", ours: (l) => l.vni },
  { field: "geneve.reserved", proto: "geneve", ours: (l) => l.reserved },
  {
    field: "geneve.option.class",
    proto: "geneve",
    occurrences: "all",
    ours: (l) =>
      l.options.map((o: { optionClass: number }) =>
        `0x${o.optionClass.toString(16).padStart(4, "0")}`
      ).join(",") || undefined,
  },
  // tshark shows every label entry of the stack under one mpls layer.
  ...(["label", "trafficClass", "bottom", "ttl"] as const).map((name): FieldSpec => ({
    field: `mpls.${name === "trafficClass" ? "exp" : name}`,
    proto: "mpls",
    occurrences: "all",
    ours: (l) =>
      l.labels.map((entry: Record<string, number | boolean>) => Number(entry[name])).join(","),
  })),
  { field: "l2tp.type", proto: "l2tp", ours: (l) => l.control ? 1 : 0 },
  { field: "l2tp.version", proto: "l2tp", ours: (l) => l.version },
  { field: "l2tp.length", proto: "l2tp", ours: (l) => l.length },
  { field: "l2tp.tunnel", proto: "l2tp", ours: (l) => l.tunnelId },
  { field: "l2tp.session", proto: "l2tp", ours: (l) => l.sessionId },
  { field: "l2tp.Ns", proto: "l2tp", ours: (l) => l.ns },
  { field: "l2tp.Nr", proto: "l2tp", ours: (l) => l.nr },
  { field: "l2tp.offset", proto: "l2tp", ours: (l) => l.offsetSize },
  {
    field: "l2tp.avp.type",
    proto: "l2tp",
    occurrences: "all",
    ours: (l) =>
      l.avps.map((avp: { attributeType: number }) => avp.attributeType).join(",") || undefined,
  },
  ...([
    ["version", "version"],
    ["vlan", "vlan"],
    ["cos", "cos"],
    ["encap", "encapsulation"],
    ["bso", "bso"],
    ["truncated", "truncated"],
    ["spanid", "sessionId"],
    ["index", "index"],
    ["timestamp", "timestamp"],
    ["sgt", "sgt"],
    ["p", "p"],
    ["ft", "frameType"],
    ["hw", "hardwareId"],
    ["direction", "direction"],
    ["gra", "granularity"],
    ["o", "optional"],
  ] as const).map(([field, name]): FieldSpec => ({
    field: `erspan.${field}`,
    proto: "erspan",
    ours: (l) => l[name],
  })),
  { field: "gtp.flags", proto: "gtp", ours: (l) => l.flags },
  { field: "gtp.message", proto: "gtp", ours: (l) => l.messageType },
  { field: "gtp.length", proto: "gtp", ours: (l) => l.length },
  { field: "gtp.teid", proto: "gtp", ours: (l) => l.teid },
  // tshark shows the sequence and N-PDU numbers when their own flags are set.
  {
    field: "gtp.seq_number",
    proto: "gtp",
    ours: (l) => l.sequenceFlag ? l.sequenceNumber : undefined,
  },
  { field: "gtp.npdu_number", proto: "gtp", ours: (l) => l.npduFlag ? l.npduNumber : undefined },
  { field: "ospf.version", proto: "ospf", ours: (l) => l.version },
  { field: "ospf.msg", proto: "ospf", ours: (l) => l.type },
  { field: "ospf.packet_length", proto: "ospf", ours: (l) => l.packetLength },
  { field: "ospf.srcrouter", proto: "ospf", ours: (l) => l.routerId },
  { field: "ospf.area_id", proto: "ospf", ours: (l) => l.areaId },
  { field: "ospf.checksum", proto: "ospf", ours: (l) => l.checksum },
  { field: "ospf.auth.type", proto: "ospf", ours: (l) => l.version === 2 ? l.authType : undefined },
  {
    field: "ospf.instance_id",
    proto: "ospf",
    ours: (l) => l.version === 3 ? l.instanceId : undefined,
  },
  { field: "ospf.hello.hello_interval", proto: "ospf", ours: (l) => l.hello?.helloInterval },
  { field: "ospf.hello.router_dead_interval", proto: "ospf", ours: (l) => l.hello?.deadInterval },
  { field: "ospf.hello.router_priority", proto: "ospf", ours: (l) => l.hello?.priority },
  { field: "ospf.db.interface_mtu", proto: "ospf", ours: (l) => l.databaseDescription?.mtu },
  { field: "ospf.db.dd_sequence", proto: "ospf", ours: (l) => l.databaseDescription?.sequence },
  { field: "sctp.srcport", proto: "sctp", ours: (l) => l.sourcePort },
  { field: "sctp.dstport", proto: "sctp", ours: (l) => l.destinationPort },
  { field: "sctp.verification_tag", proto: "sctp", ours: (l) => l.verificationTag },
  { field: "sctp.checksum", proto: "sctp", ours: (l) => l.checksum },
  { field: "vrrp.version", proto: "vrrp", ours: (l) => l.version },
  { field: "vrrp.type", proto: "vrrp", ours: (l) => l.type },
  { field: "vrrp.virt_rtr_id", proto: "vrrp", ours: (l) => l.virtualRouterId },
  { field: "vrrp.prio", proto: "vrrp", ours: (l) => l.priority },
  { field: "vrrp.addr_count", proto: "vrrp", ours: (l) => l.addressCount },
  { field: "pim.version", proto: "pim", ours: (l) => l.version },
  { field: "pim.type", proto: "pim", ours: (l) => l.type },
  { field: "pim.cksum", proto: "pim", ours: (l) => l.checksum },
  { field: "eigrp.version", proto: "eigrp", ours: (l) => l.version },
  { field: "eigrp.opcode", proto: "eigrp", ours: (l) => l.opcode },
  { field: "eigrp.checksum", proto: "eigrp", ours: (l) => l.checksum },
  { field: "eigrp.seq", proto: "eigrp", ours: (l) => l.sequence },
  { field: "eigrp.ack", proto: "eigrp", ours: (l) => l.acknowledgment },
  { field: "eigrp.as", proto: "eigrp", ours: (l) => l.autonomousSystem },
  { field: "tcp.srcport", proto: "tcp", ours: (l) => l.sourcePort },
  { field: "tcp.dstport", proto: "tcp", ours: (l) => l.destinationPort },
  { field: "tcp.seq_raw", proto: "tcp", ours: (l) => l.sequenceNumber },
  { field: "tcp.ack_raw", proto: "tcp", ours: (l) => l.acknowledgmentNumber },
  { field: "tcp.flags", proto: "tcp", ours: (l) => (l.reserved << 9) | l.flags },
  { field: "tcp.window_size_value", proto: "tcp", ours: (l) => l.window },
  { field: "tcp.hdr_len", proto: "tcp", ours: (l) => l.headerLength },
  { field: "tcp.checksum", proto: "tcp", ours: (l) => l.checksum },
  { field: "tcp.urgent_pointer", proto: "tcp", ours: (l) => l.urgentPointer },
  { field: "tcp.len", proto: "tcp", ours: tcpLength },
  { field: "udp.srcport", proto: "udp", ours: (l) => l.sourcePort },
  { field: "udp.dstport", proto: "udp", ours: (l) => l.destinationPort },
  { field: "udp.length", proto: "udp", ours: (l) => l.length },
  { field: "udp.checksum", proto: "udp", ours: (l) => l.checksum },
  { field: "icmp.type", proto: "icmp", ours: (l) => l.type },
  { field: "icmp.code", proto: "icmp", ours: (l) => l.code },
  { field: "icmp.checksum", proto: "icmp", ours: (l) => l.checksum },
  { field: "icmpv6.type", proto: "icmpv6", ours: (l) => l.type },
  { field: "icmpv6.code", proto: "icmpv6", ours: (l) => l.code },
  { field: "icmpv6.checksum", proto: "icmpv6", ours: (l) => l.checksum },
  // IGMP: tshark tells the version as wirekit does; it shows the max response time of
  // version 2 and 3 queries and version 2 messages (decoded, in tenths of a second), the
  // v3 query fields, and per v3 report record its type, source count and group.
  { field: "igmp.version", proto: "igmp", ours: (l) => l.version === 0 ? undefined : l.version },
  { field: "igmp.type", proto: "igmp", ours: (l) => l.type },
  { field: "igmp.checksum", proto: "igmp", ours: (l) => l.checksum },
  {
    field: "igmp.max_resp",
    proto: "igmp",
    ours: (l) =>
      (l.version === 2 || (l.version === 3 && l.type === 0x11)) ? l.maxResponseTime : undefined,
  },
  { field: "igmp.maddr", proto: "igmp", occurrences: "all", ours: igmpGroups },
  {
    field: "igmp.s",
    proto: "igmp",
    ours: (l) => igmpV3Query(l) ? l.suppressRouterProcessing : undefined,
  },
  { field: "igmp.qrv", proto: "igmp", ours: (l) => igmpV3Query(l) ? l.robustness : undefined },
  { field: "igmp.qqic", proto: "igmp", ours: (l) => igmpV3Query(l) ? l.queryInterval : undefined },
  {
    field: "igmp.num_grp_recs",
    proto: "igmp",
    ours: (l) => l.type === 0x22 ? l.recordCount : undefined,
  },
  {
    field: "igmp.num_src",
    proto: "igmp",
    occurrences: "all",
    ours: (l) =>
      igmpV3Query(l)
        ? l.sourceCount
        : l.type === 0x22
        ? igmpRecords(l).map((r) => r.sourceCount).join(",") || undefined
        : undefined,
  },
  {
    field: "igmp.record_type",
    proto: "igmp",
    occurrences: "all",
    ours: (l) =>
      l.type === 0x22 ? igmpRecords(l).map((r) => r.type).join(",") || undefined : undefined,
  },
  // DNS and mDNS: the header, then the first question and the addresses of every section.
  {
    field: "dns.length",
    proto: "dns",
    ours: (l) => l.transport === "tcp" ? l.messageLength : undefined,
  },
  { field: "dns.id", proto: "dns", ours: (l) => l.id },
  { field: "dns.flags.response", proto: "dns", ours: (l) => l.response },
  { field: "dns.flags.opcode", proto: "dns", ours: (l) => l.opcode },
  // tshark shows the response code of responses only.
  { field: "dns.flags.rcode", proto: "dns", ours: (l) => l.response ? l.responseCode : undefined },
  { field: "dns.count.queries", proto: "dns", ours: (l) => l.questionCount },
  { field: "dns.count.answers", proto: "dns", ours: (l) => l.answerCount },
  { field: "dns.count.auth_rr", proto: "dns", ours: (l) => l.authorityCount },
  { field: "dns.count.add_rr", proto: "dns", ours: (l) => l.additionalCount },
  {
    field: "dns.qry.name",
    proto: "dns",
    occurrences: "first",
    // tshark shows the root name (one zero byte) as "<Root>".
    ours: (l) => dnsName(l.questions[0]?.name),
  },
  { field: "dns.qry.type", proto: "dns", occurrences: "first", ours: (l) => l.questions[0]?.type },
  // tshark shows A and AAAA records of every section under the same field names.
  { field: "dns.a", proto: "dns", occurrences: "all", ours: (l) => dnsAddresses(l, "a") },
  { field: "dns.aaaa", proto: "dns", occurrences: "all", ours: (l) => dnsAddresses(l, "aaaa") },
  // DHCP (and BOOTP): the fixed fields, then the message type option.
  { field: "dhcp.type", proto: "dhcp", ours: (l) => l.op },
  { field: "dhcp.hw.type", proto: "dhcp", ours: (l) => l.hardwareType },
  { field: "dhcp.hw.len", proto: "dhcp", ours: (l) => l.hardwareLength },
  { field: "dhcp.id", proto: "dhcp", ours: (l) => l.transactionId },
  // tshark shows chaddr as a MAC address only for Ethernet (1) and IEEE 802 (6) with hlen 6.
  {
    field: "dhcp.hw.mac_addr",
    proto: "dhcp",
    ours: (l) =>
      (l.hardwareType === 1 || l.hardwareType === 6) && l.hardwareLength === 6
        ? l.clientHardwareAddress
        : undefined,
  },
  { field: "dhcp.ip.your", proto: "dhcp", ours: (l) => l.yourAddress },
  { field: "dhcp.option.dhcp", proto: "dhcp", occurrences: "first", ours: (l) => l.messageType },
  // NTP: the first byte for every mode, the stratum for time packets (modes 0-5), the
  // opcode for control messages (mode 6).
  { field: "ntp.flags.li", proto: "ntp", ours: (l) => l.leapIndicator },
  { field: "ntp.flags.vn", proto: "ntp", ours: (l) => l.version },
  { field: "ntp.flags.mode", proto: "ntp", ours: (l) => l.mode },
  { field: "ntp.stratum", proto: "ntp", ours: (l) => l.mode < 6 ? l.stratum : undefined },
  {
    field: "ntp.ctrl.flags2.opcode",
    proto: "ntp",
    ours: (l) => l.mode === 6 ? l.opcode : undefined,
  },
];

/** Whether an IGMP layer is a version 3 query whose fixed fields are all there. */
function igmpV3Query(igmp: Layer & { kind: "igmp" }): boolean {
  return igmp.type === 0x11 && igmp.version === 3 && igmp.headerLength >= 12;
}

/** The group records of a v3 report whose fixed 8 bytes tshark shows. */
function igmpRecords(igmp: Layer & { kind: "igmp" }) {
  return igmp.records.filter((record) => record.offset + 8 <= igmp.end);
}

/** The group address of an IGMP message, or of each v3 report record, comma-joined. */
function igmpGroups(igmp: Layer & { kind: "igmp" }): string | undefined {
  if (igmp.type !== 0x22) return igmp.group;
  const groups = igmpRecords(igmp).map((record) => record.group);
  return groups.length === 0 ? undefined : groups.join(",");
}

/** A DNS name as tshark shows it. */
function dnsName(name: string | undefined): string | undefined {
  return name === "" ? "<Root>" : name;
}

/** The addresses of every A (or AAAA) record of a DNS message, in order, comma-joined. */
function dnsAddresses(dns: Layer & { kind: "dns" }, kind: "a" | "aaaa"): string | undefined {
  const addresses: string[] = [];
  for (const section of [dns.answers, dns.authorities, dns.additionals]) {
    for (const record of section) {
      if (record.value.kind === kind) addresses.push(record.value.address);
    }
  }
  return addresses.length === 0 ? undefined : addresses.join(",");
}

/** The fields of the datagram an ICMP error quotes, read from `icmp.original`. */
const QUOTED_FIELDS = FIELDS.filter((spec) => spec.proto === "ip" || spec.proto === "ipv6");

const QUOTED_PORTS: FieldSpec[] = [
  { field: "tcp.srcport", proto: "tcp", ours: (o) => o.sourcePort },
  { field: "tcp.dstport", proto: "tcp", ours: (o) => o.destinationPort },
  { field: "udp.srcport", proto: "udp", ours: (o) => o.sourcePort },
  { field: "udp.dstport", proto: "udp", ours: (o) => o.destinationPort },
];

/**
 * What joins the occurrences of a field in tshark's output: the ASCII unit separator, which
 * no value holds (DNS names may hold commas; tshark escapes control characters in them).
 */
const AGGREGATOR = "\x1f";

const TSHARK_FIELDS = [
  "frame.number",
  "frame.interface_id",
  "frame.len",
  "frame.cap_len",
  "frame.protocols",
  ...new Set(FIELDS.map((spec) => spec.field)),
];

/** Whether wirekit's value and tshark's text say the same. */
function same(ours: Value, theirs: string): boolean {
  if (typeof ours === "boolean") return ours === (theirs === "1" || theirs === "True");
  if (typeof ours === "number") return ours === Number(theirs);
  return ours === theirs;
}

function show(ours: Value, theirs: string | undefined): string {
  if (ours === undefined) return "(none)";
  if (typeof ours === "number" && theirs?.startsWith("0x")) return `0x${ours.toString(16)}`;
  return String(ours);
}

// ---------------------------------------------------------------------------------------
// Comparing one packet.

interface Mismatch {
  file: string;
  frame: number;
  field: string;
  ours: string;
  theirs: string;
  excused: string | undefined;
}

interface FileReport {
  file: string;
  packets: number;
  fields: number;
  mismatches: Mismatch[];
  /** Protocols past wirekit's layers, not compared, with their packet counts. */
  beyond: Map<string, number>;
  /** Headers both cut short or found malformed (not compared), with counts. */
  stopped: Map<string, number>;
  /**
   * Text protocols wirekit reads from one TCP segment where tshark hands the segment to
   * its stream reassembly instead (after a gap, a reset), with counts: not compared.
   */
  held: Map<string, number>;
  /** How many times each field was compared. */
  byField: Map<string, number>;
  notes: string[];
}

function comparePacket(
  report: FileReport,
  frame: number,
  info: PacketInfo,
  row: TsharkRow,
): void {
  const layers = info.packet.layers;
  const stack = tsharkStack(row["frame.protocols"]?.[0] ?? "");
  const mismatch = (field: string, ours: string, theirs: string) => {
    const excused = EXCEPTIONS.find((e) =>
      e.file === report.file &&
      (e.field.endsWith("*") ? field.startsWith(e.field.slice(0, -1)) : e.field === field) &&
      (e.frames === undefined || e.frames.includes(frame))
    )?.reason;
    report.mismatches.push({ file: report.file, frame, field, ours, theirs, excused });
  };
  if (stack.beyond !== undefined) {
    report.beyond.set(stack.beyond, (report.beyond.get(stack.beyond) ?? 0) + 1);
  }
  // The layer stack: position by position.
  const n = Math.min(layers.length, stack.layers.length);
  let agree = 0;
  while (agree < n && KINDS[stack.layers[agree]!.proto]!.includes(layers[agree]!.kind)) agree++;
  const error = info.packet.error;
  // A partial decode (the last layer kept with its error) is not compared field by field.
  const partial = error?.partial === true && agree === layers.length && agree > 0;
  const compared = partial ? agree - 1 : agree;
  const stoppedAt = stack.layers[agree];
  // Both stop at the same header: tshark lists it (with what fields it could read) and
  // wirekit reports a DecodeError for it; or wirekit finds it malformed where tshark
  // decodes nothing (it shows the bytes as data).
  const bothStopped = error !== undefined && agree === layers.length &&
    (partial && agree === stack.layers.length
      ? KINDS[stack.layers[agree - 1]!.proto]!.includes(error.layer as LayerKind)
      : stoppedAt !== undefined
      ? agree === stack.layers.length - 1 &&
        KINDS[stoppedAt.proto]!.includes(error.layer as LayerKind)
      : error.code === "malformed" && (stack.beyond === undefined || stack.beyond === "data"));
  const text = layers.at(-1)?.kind;
  const held = error === undefined && agree === stack.layers.length &&
    layers.length === agree + 1 && stack.layers.at(-1)?.proto === "tcp" &&
    (stack.beyond === undefined || stack.beyond === "data") &&
    (text === "http" || text === "smtp" || text === "ftp");
  report.fields++;
  report.byField.set("layers", (report.byField.get("layers") ?? 0) + 1);
  if (held) {
    report.held.set(text!, (report.held.get(text!) ?? 0) + 1);
  } else if (bothStopped) {
    const key = `${error.layer} (${error.code})`;
    report.stopped.set(key, (report.stopped.get(key) ?? 0) + 1);
  } else if (
    agree !== layers.length || agree !== stack.layers.length || error !== undefined
  ) {
    const ours = layers.map((layer) => layer.kind).join(":") +
      (error === undefined ? "" : ` [${error.message}]`);
    const theirs = stack.layers.map((layer) => layer.proto).join(":") +
      (stack.beyond === undefined ? "" : ` [then ${stack.beyond}]`);
    mismatch("layers", ours, theirs);
  }
  // The fields of each layer both decoded.
  for (let i = 0; i < compared; i++) {
    const { proto, occurrence } = stack.layers[i]!;
    const fieldProto = FIELD_PROTOCOL[proto] ?? proto;
    const single = stack.all.filter((l) => (FIELD_PROTOCOL[l.proto] ?? l.proto) === fieldProto)
      .length === 1;
    for (const spec of FIELDS) {
      if (spec.proto !== fieldProto) continue;
      if (spec.occurrences !== undefined && !single) continue;
      compareField(report, mismatch, spec, layers[i], info, i, row, occurrence);
    }
  }
  // The datagram quoted by an ICMP error, against tshark's nested layers.
  const last = stack.layers[compared - 1];
  if (last !== undefined && QUOTING.has(last.proto) && compared === stack.layers.length) {
    const icmp = layers[compared - 1] as Layer & { kind: "icmp" | "icmpv6" };
    const at = stack.all.findIndex((l) =>
      l.proto === last.proto && l.occurrence === last.occurrence
    );
    const inner = stack.all[at + 1];
    const ipProto = last.proto === "icmp" ? "ip" : "ipv6";
    const original = icmp.original;
    if (inner?.proto === ipProto && (row[`${ipProto}.src`]?.length ?? 0) > inner.occurrence) {
      if (original === undefined) {
        report.fields++;
        report.byField.set("quoted", (report.byField.get("quoted") ?? 0) + 1);
        mismatch(
          `${last.proto}.original`,
          "(none)",
          `${ipProto} ${row[`${ipProto}.src`]![inner.occurrence]}`,
        );
      } else {
        for (const spec of QUOTED_FIELDS) {
          if (spec.proto !== ipProto) continue;
          compareField(
            report,
            mismatch,
            spec,
            original.ip,
            info,
            -1,
            row,
            inner.occurrence,
            "quoted ",
          );
        }
        const transport = stack.all[at + 2];
        if (transport !== undefined && (transport.proto === "tcp" || transport.proto === "udp")) {
          for (const spec of QUOTED_PORTS) {
            if (spec.proto !== transport.proto) continue;
            compareField(
              report,
              mismatch,
              spec,
              original,
              info,
              -1,
              row,
              transport.occurrence,
              "quoted ",
            );
          }
        }
      }
    } else if (original !== undefined) {
      report.fields++;
      report.byField.set("quoted", (report.byField.get("quoted") ?? 0) + 1);
      mismatch(`${last.proto}.original`, `${ipProto} ${original.ip.source}`, "(none)");
    }
  }
}

function compareField(
  report: FileReport,
  mismatch: (field: string, ours: string, theirs: string) => void,
  spec: FieldSpec,
  layer: unknown,
  info: PacketInfo,
  index: number,
  row: TsharkRow,
  occurrence: number,
  prefix = "",
): void {
  const values = row[spec.field] ?? [];
  const theirs = spec.occurrences === undefined
    ? values[occurrence]
    : spec.occurrences === "first" || values.length === 0
    ? values[0]
    : values.join(",");
  const ours = layer === undefined ? undefined : spec.ours(layer, info, index);
  if (ours === undefined && theirs === undefined) return;
  report.fields++;
  const name = prefix + spec.field;
  report.byField.set(name, (report.byField.get(name) ?? 0) + 1);
  if (theirs === undefined || ours === undefined || !same(ours, theirs)) {
    mismatch(prefix + spec.field, show(ours, theirs), theirs ?? "(none)");
  }
}

// ---------------------------------------------------------------------------------------
// The corpus.

interface CaptureFile {
  file: string;
  records: { linkType: number; data: Uint8Array; originalLength: number; fcsLength?: number }[];
  pcapng: boolean;
  readError: string | undefined;
}

async function exists(url: URL): Promise<boolean> {
  try {
    await Deno.stat(url);
    return true;
  } catch {
    return false;
  }
}

async function readCaptureFile(file: string): Promise<CaptureFile> {
  const records: CaptureFile["records"] = [];
  let readError: string | undefined;
  let pcapng = false;
  try {
    await using reader = await openCapture(new URL(file, capturesDir).pathname);
    pcapng = reader.format === "pcapng";
    for await (const record of reader) {
      const fcsLength = reader.format === "pcap"
        ? reader.header.fcsLength
        : reader.section.interfaces[record.interfaceId]?.fcsLength;
      records.push({
        linkType: record.linkType,
        data: record.data,
        originalLength: record.originalLength,
        ...(fcsLength === undefined ? {} : { fcsLength }),
      });
    }
  } catch (error) {
    if (!(error instanceof CaptureFileError)) throw error;
    readError = error.message;
  }
  return { file, records, pcapng, readError };
}

/** Runs tshark once over the packets of several files; returns one row per packet. */
async function tsharkOverPackets(files: CaptureFile[]): Promise<TsharkRow[]> {
  const interfaces = new PcapngInterfaces();
  const packets = files.flatMap((capture) =>
    capture.records.map((record) => {
      const interfaceId = interfaces.idOf(record.linkType, record.fcsLength);
      return {
        timestamp: 0n,
        data: record.data,
        originalLength: record.originalLength,
        interfaceId,
      };
    })
  );
  if (packets.length === 0) return [];
  const result = await tsharkFields(
    pcapngBytes({ interfaces: interfaces.list, packets }),
    TSHARK_FIELDS,
    {
      preferences: NO_REASSEMBLY,
      aggregator: AGGREGATOR,
    },
  );
  if (result.rows.length !== packets.length) {
    throw new Error(
      `tshark read ${result.rows.length} of ${packets.length} packets: ${result.stderr}`,
    );
  }
  return result.rows;
}

/** Runs tshark on an original file; drops pcapng records that are not packets. */
async function tsharkOverFile(capture: CaptureFile): Promise<TsharkRow[]> {
  const result = await tsharkFields(new URL(capture.file, capturesDir), TSHARK_FIELDS, {
    preferences: NO_REASSEMBLY,
    aggregator: AGGREGATOR,
  });
  return capture.pcapng
    ? result.rows.filter((row) => row["frame.interface_id"]!.length > 0)
    : result.rows;
}

function compareFile(capture: CaptureFile, rows: TsharkRow[], registry?: Registry): FileReport {
  const report: FileReport = {
    file: capture.file,
    packets: 0,
    fields: 0,
    mismatches: [],
    beyond: new Map(),
    stopped: new Map(),
    held: new Map(),
    byField: new Map(),
    notes: [],
  };
  if (capture.readError !== undefined) report.notes.push(`reader stopped: ${capture.readError}`);
  if (rows.length !== capture.records.length) {
    report.notes.push(`wirekit read ${capture.records.length} packets, tshark ${rows.length}`);
  }
  const n = Math.min(rows.length, capture.records.length);
  for (let i = 0; i < n; i++) {
    const record = capture.records[i]!;
    const row = rows[i]!;
    const frame = i + 1;
    if (
      Number(row["frame.cap_len"]?.[0]) !== record.data.length ||
      Number(row["frame.len"]?.[0]) !== record.originalLength
    ) {
      report.mismatches.push({
        file: capture.file,
        frame,
        field: "frame.cap_len/frame.len",
        ours: `${record.data.length}/${record.originalLength}`,
        theirs: `${row["frame.cap_len"]}/${row["frame.len"]}`,
        excused: undefined,
      });
      continue;
    }
    const options: DecodeOptions = {};
    if (record.fcsLength !== undefined) options.fcsLength = record.fcsLength;
    if (registry !== undefined) options.registry = registry;
    const packet = decode(record.linkType, record.data, options);
    const info = { packet, whole: record.data.length === record.originalLength };
    report.packets++;
    comparePacket(report, frame, info, row);
  }
  return report;
}

function printReport(report: FileReport): void {
  const bad = report.mismatches.filter((m) => m.excused === undefined).length;
  const excused = report.mismatches.length - bad;
  const extras: string[] = [...report.notes];
  if (report.beyond.size > 0) {
    extras.push(
      `not compared (tshark decodes deeper): ${
        [...report.beyond].map(([p, c]) => `${p}×${c}`).join(", ")
      }`,
    );
  }
  if (report.held.size > 0) {
    extras.push(
      `not compared (tshark leaves the segment to TCP reassembly): ${
        [...report.held].map(([p, c]) => `${p}×${c}`).join(", ")
      }`,
    );
  }
  if (report.stopped.size > 0) {
    extras.push(
      `both stop at: ${[...report.stopped].map(([p, c]) => `${p}×${c}`).join(", ")}`,
    );
  }
  console.log(
    `${report.file}: ${report.packets} packets, ${report.fields} fields, ${bad} mismatches` +
      (excused > 0 ? ` (+${excused} excused)` : "") +
      (extras.length > 0 ? `; ${extras.join("; ")}` : ""),
  );
  for (const m of report.mismatches.slice(0, MAX_REPORTED_PER_FILE)) {
    console.log(
      `  frame ${m.frame} ${m.field}: ours ${m.ours}, tshark ${m.theirs}` +
        (m.excused === undefined ? "" : ` (excused: ${m.excused})`),
    );
  }
  if (report.mismatches.length > MAX_REPORTED_PER_FILE) {
    console.log(`  ... ${report.mismatches.length - MAX_REPORTED_PER_FILE} more`);
  }
}

const haveCaptures = await exists(new URL("MANIFEST.tsv", capturesDir));
const haveTshark = haveCaptures && await hasTshark();
if (!haveCaptures) {
  console.warn(`Skipping decode conformance: no capture corpus at ${capturesDir.pathname}`);
} else if (!haveTshark) {
  console.warn("Skipping decode conformance: tshark is not installed");
}

Deno.test({
  name: "decode() agrees with tshark on every corpus packet",
  ignore: !haveCaptures || !haveTshark,
  permissions: {
    read: true,
    run: ["tshark"],
    env: ["WIREKIT_TSHARK_PER_FILE", "WIREKIT_TSHARK_ONLY"],
  },
  async fn() {
    // WIREKIT_TSHARK_ONLY=REGEX compares only the files whose path it matches.
    const only = Deno.env.get("WIREKIT_TSHARK_ONLY");
    const paths = (await decodedCorpusFiles(capturesDir))
      .filter((path) => only === undefined || new RegExp(only).test(path));
    const files = await Promise.all(paths.map(readCaptureFile));
    const rowsByFile = new Map<CaptureFile, TsharkRow[]>();
    if (Deno.env.get("WIREKIT_TSHARK_PER_FILE") === "1") {
      await pool(files, PARALLEL, async (capture) => {
        rowsByFile.set(capture, await tsharkOverFile(capture));
      });
    } else {
      // Split the corpus into PARALLEL runs of about the same number of packets.
      const total = files.reduce((sum, capture) => sum + capture.records.length, 0);
      const groups: CaptureFile[][] = Array.from({ length: PARALLEL }, () => []);
      let sum = 0;
      for (const capture of files) {
        groups[Math.min(PARALLEL - 1, Math.floor((sum * PARALLEL) / Math.max(1, total)))]!
          .push(capture);
        sum += capture.records.length;
      }
      await pool(groups, PARALLEL, async (group) => {
        const rows = await tsharkOverPackets(group);
        let at = 0;
        for (const capture of group) {
          rowsByFile.set(capture, rows.slice(at, at + capture.records.length));
          at += capture.records.length;
        }
      });
    }
    const reports = files.map((capture) => compareFile(capture, rowsByFile.get(capture) ?? []));
    for (const report of reports) printReport(report);

    const all = reports.flatMap((report) => report.mismatches);
    const failures = all.filter((m) => m.excused === undefined);
    const used = new Set(all.map((m) => m.excused).filter((reason) => reason !== undefined));
    const stale = EXCEPTIONS.filter((e) => paths.includes(e.file) && !used.has(e.reason));
    const byField = new Map<string, number>();
    for (const report of reports) {
      for (const [field, count] of report.byField) {
        byField.set(field, (byField.get(field) ?? 0) + count);
      }
    }
    console.log(`Fields compared: ${[...byField].map(([f, c]) => `${f} ${c}`).join(", ")}`);
    const packets = reports.reduce((sum, report) => sum + report.packets, 0);
    const fields = reports.reduce((sum, report) => sum + report.fields, 0);
    console.log(
      `Decode conformance: ${reports.length} files, ${packets} packets, ${fields} fields ` +
        `compared, ${failures.length} mismatches (${all.length - failures.length} excused)`,
    );
    assert.deepEqual(
      stale.map((e) => `${e.file} ${e.field}: ${e.reason}`),
      [],
      "exceptions that no longer match any mismatch",
    );
    assert.deepEqual(
      failures.map((m) =>
        `${m.file} frame ${m.frame} ${m.field}: ours ${m.ours}, tshark ${m.theirs}`
      ),
      [],
    );
  },
});

Deno.test("tsharkStack() keeps the layers wirekit decodes, up to an ICMP error's quote", () => {
  const quoted = tsharkStack("eth:ethertype:ip:icmp:ip:udp:dns");
  assert.deepEqual(quoted.layers.map((layer) => layer.proto), ["eth", "ip", "icmp"]);
  assert.equal(quoted.beyond, undefined);
  assert.deepEqual(quoted.all[3], { proto: "ip", occurrence: 1 });
  const unknown = tsharkStack("eth:ethertype:pn_rt:pn_io");
  assert.deepEqual(unknown.layers.map((layer) => layer.proto), ["eth"]);
  assert.equal(unknown.beyond, "pn_rt");
});

Deno.test("tsharkStack() keeps DNS, mDNS and DHCP, one layer per DHCP message", () => {
  const mdns = tsharkStack("eth:ethertype:ip:udp:mdns");
  assert.deepEqual(mdns.layers.map((layer) => layer.proto), ["eth", "ip", "udp", "mdns"]);
  assert.deepEqual(KINDS["mdns"], ["dns"]);
  assert.equal(mdns.beyond, undefined);
  const vendor = tsharkStack("eth:ethertype:ip:udp:dhcp:dhcp");
  assert.deepEqual(vendor.layers.map((layer) => layer.proto), ["eth", "ip", "udp", "dhcp"]);
  const llmnr = tsharkStack("eth:ethertype:ip:udp:llmnr");
  assert.equal(llmnr.beyond, "llmnr");
});

Deno.test({
  name: "decode() conformance check reports a layer that wirekit misses",
  ignore: !haveTshark || !(await exists(new URL("zeek/tunnels/6in4.pcap", capturesDir))),
  permissions: { read: true, run: ["tshark"] },
  async fn() {
    // 6in4.pcap: eth:ethertype:ip:ipv6:udp:data, one packet.
    const capture = await readCaptureFile("zeek/tunnels/6in4.pcap");
    const rows = await tsharkOverFile(capture);
    const good = compareFile(capture, rows);
    assert.equal(good.packets, 1);
    assert.deepEqual(good.mismatches, []);
    const registry = defaultRegistry.clone();
    registry.ipProtocols.delete(IpProtocol.UDP);
    const report = compareFile(capture, rows, registry);
    assert.deepEqual(report.mismatches.map((m) => [m.field, m.ours, m.theirs]), [
      ["layers", "ethernet:ipv4:ipv6", "eth:ip:ipv6:udp [then data]"],
    ]);
  },
});
