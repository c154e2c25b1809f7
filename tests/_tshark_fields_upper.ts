/**
 * The fields of tunnels, routing, transport and application protocols (those from DHCPv6
 * to ONC RPC in `_tshark_fields_app.ts`), for the tshark field conformance test
 * (`conformance_decode_test.ts`); see {@linkcode FieldSpec} in `_tshark_fields.ts`.
 *
 * @module
 */

import type { Layer } from "../lib/layer_map.ts";
import type { FieldSpec, PacketInfo } from "./_tshark_fields.ts";
import { APP_FIELDS } from "./_tshark_fields_app.ts";

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

/** Fields from PGM to NTP, after the application fields of `_tshark_fields_app.ts`. */
export const UPPER_FIELDS: FieldSpec[] = [
  ...APP_FIELDS,
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
