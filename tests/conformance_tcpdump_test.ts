/**
 * Conformance with tcpdump: `scripts/sniff.ts` and the installed tcpdump (Debian's 4.99 in
 * CI) read the same capture with the same options, and their outputs are compared line by
 * line. Every capture of `../shared/captures/` whose protocols (the MANIFEST's tshark
 * summary) wirekit decodes, and every capture of `testdata/`, is compared with each of
 * `-n`, `-n -e`, `-n -tt -v` and `-n -X`; the match rate is printed per case and in
 * total. The test fails on any mismatch in a case listed in {@linkcode SUPPORTED}.
 *
 * Set `WIREKIT_TCPDUMP_DIFF=N` to print the first N differing lines of every case, and
 * `WIREKIT_TCPDUMP_ONLY=REGEX` to compare only the cases (`path|options`) it matches.
 *
 * @module
 */

import assert from "node:assert/strict";
import { hasCommand, pool, sharedCaptures, testdataDir } from "./_shared.ts";
import { compareOutputs, runTcpdump } from "./_tcpdump.ts";
import { sniff } from "../scripts/sniff.ts";
import { openCaptureInput, runPipeline } from "../lib/pipeline/mod.ts";
import type { TcpdumpOptions } from "../lib/print/mod.ts";
import { CaptureFileError } from "../lib/formats/errors.ts";

/** The option sets compared, each after `-n`. */
const OPTION_SETS: readonly (readonly string[])[] = [[], ["-e"], ["-tt", "-v"], ["-X"]];

/**
 * Protocols (in the MANIFEST's tshark names) that sniff prints as tcpdump does; a capture
 * with any other protocol is not compared.
 */
const DECODED = new Set([
  "eth",
  "sll",
  "null",
  "loop",
  "raw",
  "pppoed",
  "pppoes",
  "ppp",
  "vlan",
  "ieee8021ad",
  "arp",
  "ip",
  "ipv6",
  "ipv6.hopopts",
  "ipv6.routing",
  "ipv6.fraghdr",
  "ipv6.dstopts",
  "ah",
  "gre",
  "icmp",
  "icmpv6",
  "igmp",
  "tcp",
  "udp",
  "tls",
  "dns",
  "mdns",
  "dhcp",
  "ntp",
  "data",
  "llc",
  "stp",
  "cdp",
  "lldp",
  "eapol",
  "nflog",
  "chdlc",
  "fddi",
  "http",
  "smtp",
  "ftp",
]);

/**
 * The cases (`path|options`) that must match tcpdump line for line. Paths are relative to
 * `../shared/captures/`, or start with `testdata/`.
 */
const SUPPORTED = new Set<string>([
  "dpkt/dns_icmp.pcap|",
  "dpkt/dns_icmp.pcap|-X",
  "dpkt/dns_icmp.pcap|-e",
  "dpkt/dns_icmp.pcap|-tt -v",
  "dpkt/truncated_dns.pcap|",
  "dpkt/truncated_dns.pcap|-X",
  "dpkt/truncated_dns.pcap|-e",
  "dpkt/truncated_dns.pcap|-tt -v",
  "gopacket/test_dns.pcap|",
  "gopacket/test_dns.pcap|-X",
  "gopacket/test_dns.pcap|-e",
  "gopacket/test_dns.pcap|-tt -v",
  "gopacket/test_loopback.pcap|",
  "gopacket/test_loopback.pcap|-X",
  "gopacket/test_loopback.pcap|-e",
  "gopacket/test_loopback.pcap|-tt -v",
  "libpcap/gateway_or_not.pcap|",
  "libpcap/gateway_or_not.pcap|-X",
  "libpcap/gateway_or_not.pcap|-e",
  "libpcap/gateway_or_not.pcap|-tt -v",
  "libpcap/rarp_req_reply.pcapng|",
  "libpcap/rarp_req_reply.pcapng|-X",
  "libpcap/rarp_req_reply.pcapng|-e",
  "libpcap/rarp_req_reply.pcapng|-tt -v",
  "pcapng-suite/be/test001.pcapng|",
  "pcapng-suite/be/test001.pcapng|-X",
  "pcapng-suite/be/test001.pcapng|-e",
  "pcapng-suite/be/test001.pcapng|-tt -v",
  "pcapng-suite/be/test005.pcapng|",
  "pcapng-suite/be/test005.pcapng|-X",
  "pcapng-suite/be/test005.pcapng|-e",
  "pcapng-suite/be/test005.pcapng|-tt -v",
  "pcapng-suite/be/test007.pcapng|",
  "pcapng-suite/be/test007.pcapng|-X",
  "pcapng-suite/be/test007.pcapng|-e",
  "pcapng-suite/be/test007.pcapng|-tt -v",
  "pcapng-suite/be/test008.pcapng|",
  "pcapng-suite/be/test008.pcapng|-X",
  "pcapng-suite/be/test008.pcapng|-e",
  "pcapng-suite/be/test008.pcapng|-tt -v",
  "pcapng-suite/be/test009.pcapng|",
  "pcapng-suite/be/test009.pcapng|-X",
  "pcapng-suite/be/test009.pcapng|-e",
  "pcapng-suite/be/test009.pcapng|-tt -v",
  "pcapng-suite/be/test010.pcapng|",
  "pcapng-suite/be/test010.pcapng|-X",
  "pcapng-suite/be/test010.pcapng|-e",
  "pcapng-suite/be/test010.pcapng|-tt -v",
  "pcapng-suite/be/test011.pcapng|",
  "pcapng-suite/be/test011.pcapng|-X",
  "pcapng-suite/be/test011.pcapng|-e",
  "pcapng-suite/be/test011.pcapng|-tt -v",
  "pcapng-suite/be/test016.pcapng|",
  "pcapng-suite/be/test016.pcapng|-X",
  "pcapng-suite/be/test016.pcapng|-e",
  "pcapng-suite/be/test016.pcapng|-tt -v",
  "pcapng-suite/be/test018.pcapng|",
  "pcapng-suite/be/test018.pcapng|-X",
  "pcapng-suite/be/test018.pcapng|-e",
  "pcapng-suite/be/test018.pcapng|-tt -v",
  "pcapng-suite/be/test100.pcapng|",
  "pcapng-suite/be/test100.pcapng|-X",
  "pcapng-suite/be/test100.pcapng|-e",
  "pcapng-suite/be/test100.pcapng|-tt -v",
  "pcapng-suite/gopacket-extra/be/test901.pcapng|",
  "pcapng-suite/gopacket-extra/be/test901.pcapng|-X",
  "pcapng-suite/gopacket-extra/be/test901.pcapng|-e",
  "pcapng-suite/gopacket-extra/be/test901.pcapng|-tt -v",
  "pcapng-suite/gopacket-extra/le/test901.pcapng|",
  "pcapng-suite/gopacket-extra/le/test901.pcapng|-X",
  "pcapng-suite/gopacket-extra/le/test901.pcapng|-e",
  "pcapng-suite/gopacket-extra/le/test901.pcapng|-tt -v",
  "pcapng-suite/le/test001.pcapng|",
  "pcapng-suite/le/test001.pcapng|-X",
  "pcapng-suite/le/test001.pcapng|-e",
  "pcapng-suite/le/test001.pcapng|-tt -v",
  "pcapng-suite/le/test005.pcapng|",
  "pcapng-suite/le/test005.pcapng|-X",
  "pcapng-suite/le/test005.pcapng|-e",
  "pcapng-suite/le/test005.pcapng|-tt -v",
  "pcapng-suite/le/test007.pcapng|",
  "pcapng-suite/le/test007.pcapng|-X",
  "pcapng-suite/le/test007.pcapng|-e",
  "pcapng-suite/le/test007.pcapng|-tt -v",
  "pcapng-suite/le/test008.pcapng|",
  "pcapng-suite/le/test008.pcapng|-X",
  "pcapng-suite/le/test008.pcapng|-e",
  "pcapng-suite/le/test008.pcapng|-tt -v",
  "pcapng-suite/le/test009.pcapng|",
  "pcapng-suite/le/test009.pcapng|-X",
  "pcapng-suite/le/test009.pcapng|-e",
  "pcapng-suite/le/test009.pcapng|-tt -v",
  "pcapng-suite/le/test010.pcapng|",
  "pcapng-suite/le/test010.pcapng|-X",
  "pcapng-suite/le/test010.pcapng|-e",
  "pcapng-suite/le/test010.pcapng|-tt -v",
  "pcapng-suite/le/test011.pcapng|",
  "pcapng-suite/le/test011.pcapng|-X",
  "pcapng-suite/le/test011.pcapng|-e",
  "pcapng-suite/le/test011.pcapng|-tt -v",
  "pcapng-suite/le/test016.pcapng|",
  "pcapng-suite/le/test016.pcapng|-X",
  "pcapng-suite/le/test016.pcapng|-e",
  "pcapng-suite/le/test016.pcapng|-tt -v",
  "pcapng-suite/le/test018.pcapng|",
  "pcapng-suite/le/test018.pcapng|-X",
  "pcapng-suite/le/test018.pcapng|-e",
  "pcapng-suite/le/test018.pcapng|-tt -v",
  "pcapng-suite/le/test100.pcapng|",
  "pcapng-suite/le/test100.pcapng|-X",
  "pcapng-suite/le/test100.pcapng|-e",
  "pcapng-suite/le/test100.pcapng|-tt -v",
  "pcapplusplus/ArpRequestPacket.pcap|",
  "pcapplusplus/ArpRequestPacket.pcap|-X",
  "pcapplusplus/ArpRequestPacket.pcap|-e",
  "pcapplusplus/ArpRequestPacket.pcap|-tt -v",
  "pcapplusplus/ArpRequestWithVlan.pcap|",
  "pcapplusplus/ArpRequestWithVlan.pcap|-X",
  "pcapplusplus/ArpRequestWithVlan.pcap|-e",
  "pcapplusplus/ArpRequestWithVlan.pcap|-tt -v",
  "pcapplusplus/CiscoHDLC.pcap|",
  "pcapplusplus/CiscoHDLC.pcap|-X",
  "pcapplusplus/CiscoHDLC.pcap|-e",
  "pcapplusplus/CiscoHDLC.pcap|-tt -v",
  "pcapplusplus/Dhcp1.pcap|",
  "pcapplusplus/Dhcp1.pcap|-X",
  "pcapplusplus/Dhcp1.pcap|-e",
  "pcapplusplus/Dhcp1.pcap|-tt -v",
  "pcapplusplus/Dns.pcap|",
  "pcapplusplus/Dns.pcap|-X",
  "pcapplusplus/Dns.pcap|-e",
  "pcapplusplus/Dns.pcap|-tt -v",
  "pcapplusplus/DnsTooManyResources.pcap|",
  "pcapplusplus/DnsTooManyResources.pcap|-X",
  "pcapplusplus/DnsTooManyResources.pcap|-e",
  "pcapplusplus/DnsTooManyResources.pcap|-tt -v",
  "pcapplusplus/EthDot3.pcap|",
  "pcapplusplus/EthDot3.pcap|-X",
  "pcapplusplus/EthDot3.pcap|-e",
  "pcapplusplus/EthDot3.pcap|-tt -v",
  "pcapplusplus/ICMPv6_echos.cap|",
  "pcapplusplus/ICMPv6_echos.cap|-X",
  "pcapplusplus/ICMPv6_echos.cap|-e",
  "pcapplusplus/ICMPv6_echos.cap|-tt -v",
  "pcapplusplus/IPv4-TSO.pcap|",
  "pcapplusplus/IPv4-TSO.pcap|-X",
  "pcapplusplus/IPv4-TSO.pcap|-e",
  "pcapplusplus/IPv4-TSO.pcap|-tt -v",
  "pcapplusplus/IPv6UdpPacket.pcap|",
  "pcapplusplus/IPv6UdpPacket.pcap|-X",
  "pcapplusplus/IPv6UdpPacket.pcap|-e",
  "pcapplusplus/IPv6UdpPacket.pcap|-tt -v",
  "pcapplusplus/IcmpV6_Generic.pcap|",
  "pcapplusplus/IcmpV6_Generic.pcap|-X",
  "pcapplusplus/IcmpV6_Generic.pcap|-e",
  "pcapplusplus/IcmpV6_Generic.pcap|-tt -v",
  "pcapplusplus/IcmpV6_NeighAdvSoli.pcap|",
  "pcapplusplus/IcmpV6_NeighAdvSoli.pcap|-X",
  "pcapplusplus/IcmpV6_NeighAdvSoli.pcap|-e",
  "pcapplusplus/IcmpV6_NeighAdvSoli.pcap|-tt -v",
  "pcapplusplus/NullLoopback.pcap|",
  "pcapplusplus/NullLoopback.pcap|-X",
  "pcapplusplus/NullLoopback.pcap|-e",
  "pcapplusplus/NullLoopback.pcap|-tt -v",
  "pcapplusplus/QinQ_802.1_AD.pcapng|",
  "pcapplusplus/QinQ_802.1_AD.pcapng|-X",
  "pcapplusplus/QinQ_802.1_AD.pcapng|-e",
  "pcapplusplus/QinQ_802.1_AD.pcapng|-tt -v",
  "pcapplusplus/Sll2Packet.pcap|",
  "pcapplusplus/Sll2Packet.pcap|-X",
  "pcapplusplus/Sll2Packet.pcap|-e",
  "pcapplusplus/Sll2Packet.pcap|-tt -v",
  "pcapplusplus/SllPacket.pcap|",
  "pcapplusplus/SllPacket.pcap|-X",
  "pcapplusplus/SllPacket.pcap|-e",
  "pcapplusplus/SllPacket.pcap|-tt -v",
  "pcapplusplus/TcpPacketWithOptions2.pcap|",
  "pcapplusplus/TcpPacketWithOptions2.pcap|-X",
  "pcapplusplus/TcpPacketWithOptions2.pcap|-e",
  "pcapplusplus/TcpPacketWithOptions2.pcap|-tt -v",
  "pcapplusplus/TcpPacketWithOptions3.pcap|",
  "pcapplusplus/TcpPacketWithOptions3.pcap|-X",
  "pcapplusplus/TcpPacketWithOptions3.pcap|-e",
  "pcapplusplus/TcpPacketWithOptions3.pcap|-tt -v",
  "pcapplusplus/VlanPackets.pcap|",
  "pcapplusplus/VlanPackets.pcap|-X",
  "pcapplusplus/VlanPackets.pcap|-e",
  "pcapplusplus/VlanPackets.pcap|-tt -v",
  "pcapplusplus/dns_stack_overflow.pcap|",
  "pcapplusplus/dns_stack_overflow.pcap|-X",
  "pcapplusplus/dns_stack_overflow.pcap|-e",
  "pcapplusplus/dns_stack_overflow.pcap|-tt -v",
  "pcapplusplus/frag_with_padding.pcap|",
  "pcapplusplus/frag_with_padding.pcap|-X",
  "pcapplusplus/frag_with_padding.pcap|-e",
  "pcapplusplus/frag_with_padding.pcap|-tt -v",
  "pcapplusplus/ip6_fragments.pcap|",
  "pcapplusplus/ip6_fragments.pcap|-X",
  "pcapplusplus/ip6_fragments.pcap|-e",
  "pcapplusplus/ip6_fragments.pcap|-tt -v",
  "pcapplusplus/ipv4-options.pcap|",
  "pcapplusplus/ipv4-options.pcap|-X",
  "pcapplusplus/ipv4-options.pcap|-e",
  "pcapplusplus/ipv4-options.pcap|-tt -v",
  "pcapplusplus/ipv6_opt_fragments.pcap|",
  "pcapplusplus/ipv6_opt_fragments.pcap|-X",
  "pcapplusplus/ipv6_opt_fragments.pcap|-e",
  "pcapplusplus/ipv6_opt_fragments.pcap|-tt -v",
  "pcapplusplus/linktype_ipv6.pcap|",
  "pcapplusplus/linktype_ipv6.pcap|-X",
  "pcapplusplus/linktype_ipv6.pcap|-e",
  "pcapplusplus/linktype_ipv6.pcap|-tt -v",
  "pcapplusplus/nanosecs_big_endian.pcap|",
  "pcapplusplus/nanosecs_big_endian.pcap|-X",
  "pcapplusplus/nanosecs_big_endian.pcap|-e",
  "pcapplusplus/nanosecs_big_endian.pcap|-tt -v",
  "pcapplusplus/nflogPacket.pcap|",
  "pcapplusplus/nflogPacket.pcap|-X",
  "pcapplusplus/nflogPacket.pcap|-e",
  "pcapplusplus/nflogPacket.pcap|-tt -v",
  "pcapplusplus/null_loopback.pcap|",
  "pcapplusplus/null_loopback.pcap|-X",
  "pcapplusplus/null_loopback.pcap|-e",
  "pcapplusplus/null_loopback.pcap|-tt -v",
  "pcapplusplus/packet_trailer.pcap|",
  "pcapplusplus/packet_trailer.pcap|-X",
  "pcapplusplus/packet_trailer.pcap|-e",
  "pcapplusplus/packet_trailer.pcap|-tt -v",
  "pcapplusplus/raw_ip.pcap|",
  "pcapplusplus/raw_ip.pcap|-X",
  "pcapplusplus/raw_ip.pcap|-e",
  "pcapplusplus/raw_ip.pcap|-tt -v",
  "pcapplusplus/tcp-malformed.pcap|",
  "pcapplusplus/tcp-malformed.pcap|-X",
  "pcapplusplus/tcp-malformed.pcap|-e",
  "pcapplusplus/tcp-malformed.pcap|-tt -v",
  "rusticata/err-buffertoosmall.pcapng|",
  "rusticata/err-buffertoosmall.pcapng|-X",
  "rusticata/err-buffertoosmall.pcapng|-e",
  "rusticata/err-buffertoosmall.pcapng|-tt -v",
  "rusticata/modified-format.pcap|",
  "rusticata/modified-format.pcap|-X",
  "rusticata/modified-format.pcap|-e",
  "rusticata/modified-format.pcap|-tt -v",
  "scapy/netflowv9.pcap|",
  "scapy/netflowv9.pcap|-X",
  "scapy/netflowv9.pcap|-e",
  "scapy/netflowv9.pcap|-tt -v",
  "scapy/pfcp.pcap|",
  "scapy/pfcp.pcap|-X",
  "scapy/pfcp.pcap|-e",
  "scapy/pfcp.pcap|-tt -v",
  "tcpdump/802.1ad_QinQ.pcap|",
  "tcpdump/802.1ad_QinQ.pcap|-X",
  "tcpdump/802.1ad_QinQ.pcap|-e",
  "tcpdump/802.1ad_QinQ.pcap|-tt -v",
  "tcpdump/IGMP_V2.pcap|",
  "tcpdump/IGMP_V2.pcap|-X",
  "tcpdump/IGMP_V2.pcap|-e",
  "tcpdump/IGMP_V2.pcap|-tt -v",
  "tcpdump/LINKTYPE_IPV4.pcap|",
  "tcpdump/LINKTYPE_IPV4.pcap|-X",
  "tcpdump/LINKTYPE_IPV4.pcap|-e",
  "tcpdump/LINKTYPE_IPV4.pcap|-tt -v",
  "tcpdump/LINKTYPE_IPV4_invalid.pcap|",
  "tcpdump/LINKTYPE_IPV4_invalid.pcap|-X",
  "tcpdump/LINKTYPE_IPV4_invalid.pcap|-e",
  "tcpdump/LINKTYPE_IPV4_invalid.pcap|-tt -v",
  "tcpdump/LINKTYPE_IPV6.pcap|",
  "tcpdump/LINKTYPE_IPV6.pcap|-X",
  "tcpdump/LINKTYPE_IPV6.pcap|-e",
  "tcpdump/LINKTYPE_IPV6.pcap|-tt -v",
  "tcpdump/LINKTYPE_RAW_ipv4.pcap|",
  "tcpdump/LINKTYPE_RAW_ipv4.pcap|-X",
  "tcpdump/LINKTYPE_RAW_ipv4.pcap|-e",
  "tcpdump/LINKTYPE_RAW_ipv4.pcap|-tt -v",
  "tcpdump/LINKTYPE_RAW_ipv6.pcap|",
  "tcpdump/LINKTYPE_RAW_ipv6.pcap|-X",
  "tcpdump/LINKTYPE_RAW_ipv6.pcap|-e",
  "tcpdump/LINKTYPE_RAW_ipv6.pcap|-tt -v",
  "tcpdump/MSTP_Intra-Region_BPDUs.pcap|",
  "tcpdump/MSTP_Intra-Region_BPDUs.pcap|-X",
  "tcpdump/MSTP_Intra-Region_BPDUs.pcap|-e",
  "tcpdump/MSTP_Intra-Region_BPDUs.pcap|-tt -v",
  "tcpdump/arp-too-long-tha.pcap|",
  "tcpdump/arp-too-long-tha.pcap|-X",
  "tcpdump/arp-too-long-tha.pcap|-e",
  "tcpdump/arp-too-long-tha.pcap|-tt -v",
  "tcpdump/bad-ipv4-version-pgm-heapoverflow.pcap|",
  "tcpdump/bad-ipv4-version-pgm-heapoverflow.pcap|-X",
  "tcpdump/bad-ipv4-version-pgm-heapoverflow.pcap|-e",
  "tcpdump/bad-ipv4-version-pgm-heapoverflow.pcap|-tt -v",
  "tcpdump/bigtcp-ipv4.pcap|",
  "tcpdump/bigtcp-ipv4.pcap|-X",
  "tcpdump/bigtcp-ipv4.pcap|-e",
  "tcpdump/bigtcp-ipv4.pcap|-tt -v",
  "tcpdump/bigtcp-ipv6-hbh.pcap|",
  "tcpdump/bigtcp-ipv6-hbh.pcap|-X",
  "tcpdump/bigtcp-ipv6-hbh.pcap|-e",
  "tcpdump/bigtcp-ipv6-hbh.pcap|-tt -v",
  "tcpdump/bootp_asan.pcap|",
  "tcpdump/bootp_asan.pcap|-e",
  "tcpdump/dhcp-option-108.pcapng|",
  "tcpdump/dhcp-option-108.pcapng|-X",
  "tcpdump/dhcp-option-108.pcapng|-e",
  "tcpdump/dhcp-option-108.pcapng|-tt -v",
  "tcpdump/dhcp-rfc3004.pcap|",
  "tcpdump/dhcp-rfc3004.pcap|-X",
  "tcpdump/dhcp-rfc3004.pcap|-e",
  "tcpdump/dhcp-rfc3004.pcap|-tt -v",
  "tcpdump/dhcp-rfc4388.pcap|",
  "tcpdump/dhcp-rfc4388.pcap|-X",
  "tcpdump/dhcp-rfc4388.pcap|-e",
  "tcpdump/dhcp-rfc4388.pcap|-tt -v",
  "tcpdump/dns-badcookie.pcap|",
  "tcpdump/dns-badcookie.pcap|-X",
  "tcpdump/dns-badcookie.pcap|-e",
  "tcpdump/dns-badcookie.pcap|-tt -v",
  "tcpdump/dns-badvers.pcap|",
  "tcpdump/dns-badvers.pcap|-X",
  "tcpdump/dns-badvers.pcap|-e",
  "tcpdump/dns-badvers.pcap|-tt -v",
  "tcpdump/dns-uri.pcap|",
  "tcpdump/dns-uri.pcap|-X",
  "tcpdump/dns-uri.pcap|-e",
  "tcpdump/dns-uri.pcap|-tt -v",
  "tcpdump/dns-zlip-1.pcap|",
  "tcpdump/dns-zlip-1.pcap|-X",
  "tcpdump/dns-zlip-1.pcap|-e",
  "tcpdump/dns-zlip-1.pcap|-tt -v",
  "tcpdump/dns_fwdptr.pcap|",
  "tcpdump/dns_fwdptr.pcap|-X",
  "tcpdump/dns_fwdptr.pcap|-e",
  "tcpdump/dns_fwdptr.pcap|-tt -v",
  "tcpdump/dns_tcp.pcap|",
  "tcpdump/dns_tcp.pcap|-X",
  "tcpdump/dns_tcp.pcap|-e",
  "tcpdump/dns_tcp.pcap|-tt -v",
  "tcpdump/dns_udp.pcap|",
  "tcpdump/dns_udp.pcap|-X",
  "tcpdump/dns_udp.pcap|-e",
  "tcpdump/dns_udp.pcap|-tt -v",
  "tcpdump/dns_udp_2.pcap|",
  "tcpdump/dns_udp_2.pcap|-X",
  "tcpdump/dns_udp_2.pcap|-e",
  "tcpdump/dns_udp_2.pcap|-tt -v",
  "tcpdump/dnssec.pcap|",
  "tcpdump/dnssec.pcap|-X",
  "tcpdump/dnssec.pcap|-e",
  "tcpdump/dnssec.pcap|-tt -v",
  "tcpdump/edns-opts.pcap|",
  "tcpdump/edns-opts.pcap|-X",
  "tcpdump/edns-opts.pcap|-e",
  "tcpdump/edns-opts.pcap|-tt -v",
  "tcpdump/getname_2_read4_asan.pcap|",
  "tcpdump/getname_2_read4_asan.pcap|-X",
  "tcpdump/getname_2_read4_asan.pcap|-e",
  "tcpdump/getname_2_read4_asan.pcap|-tt -v",
  "tcpdump/hdlc_slarp.pcapng|",
  "tcpdump/hdlc_slarp.pcapng|-X",
  "tcpdump/hdlc_slarp.pcapng|-e",
  "tcpdump/hdlc_slarp.pcapng|-tt -v",
  "tcpdump/icmp-cksum-oobr-1.pcap|",
  "tcpdump/icmp-cksum-oobr-1.pcap|-X",
  "tcpdump/icmp-cksum-oobr-1.pcap|-e",
  "tcpdump/icmp-length-zero.pcapng|",
  "tcpdump/icmp-length-zero.pcapng|-X",
  "tcpdump/icmp-length-zero.pcapng|-e",
  "tcpdump/icmp-length-zero.pcapng|-tt -v",
  "tcpdump/icmp-rfc5837.pcap|",
  "tcpdump/icmp-rfc5837.pcap|-X",
  "tcpdump/icmp-rfc5837.pcap|-e",
  "tcpdump/icmp-rfc8335.pcap|",
  "tcpdump/icmp-rfc8335.pcap|-X",
  "tcpdump/icmp-rfc8335.pcap|-e",
  "tcpdump/icmp-rfc8335.pcap|-tt -v",
  "tcpdump/icmp_ext_oob_poc.pcap|",
  "tcpdump/icmp_ext_oob_poc.pcap|-X",
  "tcpdump/icmp_ext_oob_poc.pcap|-e",
  "tcpdump/icmp_ext_oob_poc.pcap|-tt -v",
  "tcpdump/icmpv6-ns-nonce.pcap|",
  "tcpdump/icmpv6-ns-nonce.pcap|-X",
  "tcpdump/icmpv6-ns-nonce.pcap|-e",
  "tcpdump/icmpv6-ra-pref64.pcap|",
  "tcpdump/icmpv6-ra-pref64.pcap|-X",
  "tcpdump/icmpv6-ra-pref64.pcap|-e",
  "tcpdump/icmpv6_opt24.pcap|",
  "tcpdump/icmpv6_opt24.pcap|-X",
  "tcpdump/icmpv6_opt24.pcap|-e",
  "tcpdump/igmpv3-queries.pcap|",
  "tcpdump/igmpv3-queries.pcap|-X",
  "tcpdump/igmpv3-queries.pcap|-e",
  "tcpdump/igmpv3-queries.pcap|-tt -v",
  "tcpdump/ip_ts_opts_asan.pcap|",
  "tcpdump/ip_ts_opts_asan.pcap|-e",
  "tcpdump/ip_ts_opts_asan.pcap|-tt -v",
  "tcpdump/ipv4_invalid_hdr_length.pcap|",
  "tcpdump/ipv4_invalid_hdr_length.pcap|-X",
  "tcpdump/ipv4_invalid_hdr_length.pcap|-e",
  "tcpdump/ipv4_invalid_hdr_length.pcap|-tt -v",
  "tcpdump/ipv4_invalid_length.pcap|",
  "tcpdump/ipv4_invalid_length.pcap|-X",
  "tcpdump/ipv4_invalid_length.pcap|-e",
  "tcpdump/ipv4_invalid_length.pcap|-tt -v",
  "tcpdump/ipv4_invalid_total_length.pcap|",
  "tcpdump/ipv4_invalid_total_length.pcap|-X",
  "tcpdump/ipv4_invalid_total_length.pcap|-e",
  "tcpdump/ipv4_invalid_total_length.pcap|-tt -v",
  "tcpdump/ipv4_tcp_http_xml.pcap|",
  "tcpdump/ipv4_tcp_http_xml.pcap|-X",
  "tcpdump/ipv4_tcp_http_xml.pcap|-e",
  "tcpdump/ipv4_tcp_http_xml.pcap|-tt -v",
  "tcpdump/ipv4_tcp_http_xml_tso.pcap|",
  "tcpdump/ipv4_tcp_http_xml_tso.pcap|-X",
  "tcpdump/ipv4_tcp_http_xml_tso.pcap|-e",
  "tcpdump/ipv4_tcp_http_xml_tso.pcap|-tt -v",
  "tcpdump/ipv6-bad-version.pcap|",
  "tcpdump/ipv6-bad-version.pcap|-X",
  "tcpdump/ipv6-bad-version.pcap|-tt -v",
  "tcpdump/ipv6-routing-header.pcap|",
  "tcpdump/ipv6-routing-header.pcap|-X",
  "tcpdump/ipv6-routing-header.pcap|-e",
  "tcpdump/ipv6-routing-header.pcap|-tt -v",
  "tcpdump/ipv6-srh-ext-header.pcap|",
  "tcpdump/ipv6-srh-ext-header.pcap|-X",
  "tcpdump/ipv6-srh-ext-header.pcap|-e",
  "tcpdump/ipv6-srh-ext-header.pcap|-tt -v",
  "tcpdump/ipv6_39_byte_header.pcap|",
  "tcpdump/ipv6_39_byte_header.pcap|-X",
  "tcpdump/ipv6_39_byte_header.pcap|-e",
  "tcpdump/ipv6_39_byte_header.pcap|-tt -v",
  "tcpdump/ipv6_invalid_length.pcap|",
  "tcpdump/ipv6_invalid_length.pcap|-X",
  "tcpdump/ipv6_invalid_length.pcap|-e",
  "tcpdump/ipv6_invalid_length.pcap|-tt -v",
  "tcpdump/ipv6_jumbogram_1.pcap|",
  "tcpdump/ipv6_jumbogram_1.pcap|-X",
  "tcpdump/ipv6_jumbogram_1.pcap|-e",
  "tcpdump/ipv6_jumbogram_1.pcap|-tt -v",
  "tcpdump/ipv6hdr-heapoverflow.pcap|",
  "tcpdump/ipv6hdr-heapoverflow.pcap|-X",
  "tcpdump/ipv6hdr-heapoverflow.pcap|-e",
  "tcpdump/ipv6hdr-heapoverflow.pcap|-tt -v",
  "tcpdump/loopback.pcap|",
  "tcpdump/loopback.pcap|-X",
  "tcpdump/loopback.pcap|-e",
  "tcpdump/loopback.pcap|-tt -v",
  "tcpdump/nflog.pcap|",
  "tcpdump/nflog.pcap|-X",
  "tcpdump/nflog.pcap|-e",
  "tcpdump/nflog.pcap|-tt -v",
  "tcpdump/pppoes.pcap|",
  "tcpdump/pppoes.pcap|-X",
  "tcpdump/pppoes.pcap|-e",
  "tcpdump/pppoes.pcap|-tt -v",
  "tcpdump/print-flags.pcap|",
  "tcpdump/print-flags.pcap|-X",
  "tcpdump/print-flags.pcap|-e",
  "tcpdump/print-flags.pcap|-tt -v",
  "tcpdump/tcp-handshake-nano.pcap|",
  "tcpdump/tcp-handshake-nano.pcap|-X",
  "tcpdump/tcp-handshake-nano.pcap|-e",
  "tcpdump/tcp-handshake-nano.pcap|-tt -v",
  "tcpdump/tcp_eight_lowest_weight_flags_set.pcap|",
  "tcpdump/tcp_eight_lowest_weight_flags_set.pcap|-X",
  "tcpdump/tcp_eight_lowest_weight_flags_set.pcap|-e",
  "tcpdump/tcp_eight_lowest_weight_flags_set.pcap|-tt -v",
  "tcpdump/tcp_header_heapoverflow.pcap|",
  "tcpdump/tcp_header_heapoverflow.pcap|-X",
  "tcpdump/tcp_header_heapoverflow.pcap|-e",
  "tcpdump/tcp_header_heapoverflow.pcap|-tt -v",
  "tcpdump/time_2038.pcap|",
  "tcpdump/time_2038.pcap|-X",
  "tcpdump/time_2038.pcap|-e",
  "tcpdump/time_2038.pcap|-tt -v",
  "tcpdump/time_2106_overflow.pcapng|",
  "tcpdump/time_2106_overflow.pcapng|-X",
  "tcpdump/time_2106_overflow.pcapng|-e",
  "tcpdump/time_2107.pcapng|",
  "tcpdump/time_2107.pcapng|-X",
  "tcpdump/time_2107.pcapng|-e",
  "tcpdump/udp-length-heapoverflow.pcap|",
  "tcpdump/udp-length-heapoverflow.pcap|-X",
  "tcpdump/udp-length-heapoverflow.pcap|-e",
  "tcpdump/udp-length-heapoverflow.pcap|-tt -v",
  "testdata/lo_ping.pcapng|",
  "testdata/lo_ping.pcapng|-X",
  "testdata/lo_ping.pcapng|-e",
  "testdata/lo_ping.pcapng|-tt -v",
  "testdata/lo_ping.pcap|",
  "testdata/lo_ping.pcap|-X",
  "testdata/lo_ping.pcap|-e",
  "testdata/lo_ping.pcap|-tt -v",
  "testdata/lo_ping_nano.pcap|",
  "testdata/lo_ping_nano.pcap|-X",
  "testdata/lo_ping_nano.pcap|-e",
  "testdata/lo_ping_nano.pcap|-tt -v",
  "testdata/namespaces.pcapng|",
  "testdata/namespaces.pcapng|-X",
  "testdata/namespaces.pcapng|-e",
  "testdata/namespaces.pcapng|-tt -v",
  "testdata/namespaces.pcap|",
  "testdata/namespaces.pcap|-X",
  "testdata/namespaces.pcap|-e",
  "testdata/namespaces.pcap|-tt -v",
  "testdata/namespaces_be.pcapng|",
  "testdata/namespaces_be.pcapng|-X",
  "testdata/namespaces_be.pcapng|-e",
  "testdata/namespaces_be.pcapng|-tt -v",
  "testdata/namespaces_be_nano.pcap|",
  "testdata/namespaces_be_nano.pcap|-X",
  "testdata/namespaces_be_nano.pcap|-e",
  "testdata/namespaces_be_nano.pcap|-tt -v",
  "zeek/arp-who-has.pcap|",
  "zeek/arp-who-has.pcap|-X",
  "zeek/arp-who-has.pcap|-e",
  "zeek/arp-who-has.pcap|-tt -v",
  "zeek/chksums/ip4-tcp-bad-chksum.pcap|",
  "zeek/chksums/ip4-tcp-bad-chksum.pcap|-X",
  "zeek/chksums/ip4-tcp-bad-chksum.pcap|-e",
  "zeek/chksums/ip4-tcp-bad-chksum.pcap|-tt -v",
  "zeek/chksums/ip4-udp-bad-chksum.pcap|",
  "zeek/chksums/ip4-udp-bad-chksum.pcap|-X",
  "zeek/chksums/ip4-udp-bad-chksum.pcap|-e",
  "zeek/chksums/ip4-udp-bad-chksum.pcap|-tt -v",
  "zeek/chksums/ip6-hoa-tcp-good-chksum.pcap|",
  "zeek/chksums/ip6-hoa-tcp-good-chksum.pcap|-X",
  "zeek/chksums/ip6-hoa-tcp-good-chksum.pcap|-e",
  "zeek/chksums/ip6-hoa-tcp-good-chksum.pcap|-tt -v",
  "zeek/chksums/ip6-icmp6-bad-chksum.pcap|",
  "zeek/chksums/ip6-icmp6-bad-chksum.pcap|-X",
  "zeek/chksums/ip6-icmp6-bad-chksum.pcap|-e",
  "zeek/chksums/ip6-icmp6-bad-chksum.pcap|-tt -v",
  "zeek/chksums/ip6-route0-tcp-bad-chksum.pcap|",
  "zeek/chksums/ip6-route0-tcp-bad-chksum.pcap|-X",
  "zeek/chksums/ip6-route0-tcp-bad-chksum.pcap|-e",
  "zeek/chksums/ip6-route0-tcp-bad-chksum.pcap|-tt -v",
  "zeek/dhcp/dhcp.pcap|",
  "zeek/dhcp/dhcp.pcap|-X",
  "zeek/dhcp/dhcp.pcap|-e",
  "zeek/dhcp/dhcp.pcap|-tt -v",
  "zeek/dhcp/dhcp_bad_cookie_option_retention.pcap|",
  "zeek/dhcp/dhcp_bad_cookie_option_retention.pcap|-X",
  "zeek/dhcp/dhcp_bad_cookie_option_retention.pcap|-e",
  "zeek/dhcp/dhcp_bad_cookie_option_retention.pcap|-tt -v",
  "zeek/dhcp/hw-type0.pcap|",
  "zeek/dhcp/hw-type0.pcap|-X",
  "zeek/dhcp/hw-type0.pcap|-e",
  "zeek/dhcp/hw-type0.pcap|-tt -v",
  "zeek/dns-edns-ecs.pcap|",
  "zeek/dns-edns-ecs.pcap|-X",
  "zeek/dns-edns-ecs.pcap|-e",
  "zeek/dns-edns-ecs.pcap|-tt -v",
  "zeek/dns-inverse-query.pcap|",
  "zeek/dns-inverse-query.pcap|-X",
  "zeek/dns-inverse-query.pcap|-e",
  "zeek/dns-inverse-query.pcap|-tt -v",
  "zeek/dns-svcb.pcap|",
  "zeek/dns-svcb.pcap|-X",
  "zeek/dns-svcb.pcap|-e",
  "zeek/dns-svcb.pcap|-tt -v",
  "zeek/dns/dns-corrupt.pcap|",
  "zeek/dns/dns-corrupt.pcap|-X",
  "zeek/dns/dns-corrupt.pcap|-e",
  "zeek/dns/dns-corrupt.pcap|-tt -v",
  "zeek/dns/dns-invalid-names.pcap|",
  "zeek/dns/dns-invalid-names.pcap|-X",
  "zeek/dns/dns-invalid-names.pcap|-e",
  "zeek/dns/dns-invalid-names.pcap|-tt -v",
  "zeek/dns/dns_extended_rcode.pcap|",
  "zeek/dns/dns_extended_rcode.pcap|-X",
  "zeek/dns/dns_extended_rcode.pcap|-e",
  "zeek/dns/dns_extended_rcode.pcap|-tt -v",
  "zeek/dns/ech.pcap|",
  "zeek/dns/ech.pcap|-X",
  "zeek/dns/ech.pcap|-e",
  "zeek/dns/ech.pcap|-tt -v",
  "zeek/dns/loc-29-trunc.pcap|",
  "zeek/dns/loc-29-trunc.pcap|-X",
  "zeek/dns/loc-29-trunc.pcap|-e",
  "zeek/dns/loc-29-trunc.pcap|-tt -v",
  "zeek/dns/max-compression-depth.pcap|",
  "zeek/dns/max-compression-depth.pcap|-X",
  "zeek/dns/max-compression-depth.pcap|-e",
  "zeek/dns/max-compression-depth.pcap|-tt -v",
  "zeek/dns/mdns.pcap|",
  "zeek/dns/mdns.pcap|-X",
  "zeek/dns/mdns.pcap|-e",
  "zeek/dns/mdns.pcap|-tt -v",
  "zeek/icmp/icmp-destunreach-udp.pcap|",
  "zeek/icmp/icmp-destunreach-udp.pcap|-X",
  "zeek/icmp/icmp-destunreach-udp.pcap|-e",
  "zeek/icmp/icmp-destunreach-udp.pcap|-tt -v",
  "zeek/icmp/icmp6-destunreach-ip6ext-trunc.pcap|",
  "zeek/icmp/icmp6-destunreach-ip6ext-trunc.pcap|-X",
  "zeek/icmp/icmp6-destunreach-ip6ext-trunc.pcap|-e",
  "zeek/icmp/icmp6-destunreach-ip6ext-trunc.pcap|-tt -v",
  "zeek/icmp/icmp6-destunreach-ip6ext.pcap|",
  "zeek/icmp/icmp6-destunreach-ip6ext.pcap|-X",
  "zeek/icmp/icmp6-destunreach-ip6ext.pcap|-e",
  "zeek/icmp/icmp6-destunreach-ip6ext.pcap|-tt -v",
  "zeek/icmp/icmp6-mld-query.pcap|",
  "zeek/icmp/icmp6-mld-query.pcap|-X",
  "zeek/icmp/icmp6-mld-query.pcap|-e",
  "zeek/icmp/icmp6-mld-query.pcap|-tt -v",
  "zeek/icmp/icmp6-nd-options.pcap|",
  "zeek/icmp/icmp6-nd-options.pcap|-X",
  "zeek/icmp/icmp6-nd-options.pcap|-e",
  "zeek/icmp/icmp6-nd-options.pcap|-tt -v",
  "zeek/icmp_dot1q.pcap|",
  "zeek/icmp_dot1q.pcap|-X",
  "zeek/icmp_dot1q.pcap|-e",
  "zeek/icmp_dot1q.pcap|-tt -v",
  "zeek/icmp_nd_dnssl.pcap|",
  "zeek/icmp_nd_dnssl.pcap|-X",
  "zeek/icmp_nd_dnssl.pcap|-e",
  "zeek/igmp/igmp.pcap|",
  "zeek/igmp/igmp.pcap|-X",
  "zeek/igmp/igmp.pcap|-e",
  "zeek/igmp/igmp.pcap|-tt -v",
  "zeek/ip-bogus-header-len.pcap|",
  "zeek/ip-bogus-header-len.pcap|-X",
  "zeek/ip-bogus-header-len.pcap|-e",
  "zeek/ip-bogus-header-len.pcap|-tt -v",
  "zeek/ipv4/fragmented-1.pcap|",
  "zeek/ipv4/fragmented-1.pcap|-X",
  "zeek/ipv4/fragmented-1.pcap|-e",
  "zeek/ipv4/fragmented-1.pcap|-tt -v",
  "zeek/ipv4/fragmented-4.pcap|",
  "zeek/ipv4/fragmented-4.pcap|-X",
  "zeek/ipv4/fragmented-4.pcap|-e",
  "zeek/ipv4/fragmented-syn.pcap|",
  "zeek/ipv4/fragmented-syn.pcap|-X",
  "zeek/ipv4/fragmented-syn.pcap|-e",
  "zeek/ipv4/fragmented-syn.pcap|-tt -v",
  "zeek/ipv6-fragmented-dns.pcap|",
  "zeek/ipv6-fragmented-dns.pcap|-X",
  "zeek/ipv6-fragmented-dns.pcap|-e",
  "zeek/ipv6-fragmented-dns.pcap|-tt -v",
  "zeek/ipv6-hbh-routing0.pcap|",
  "zeek/ipv6-hbh-routing0.pcap|-X",
  "zeek/ipv6-hbh-routing0.pcap|-e",
  "zeek/ipv6-hbh-routing0.pcap|-tt -v",
  "zeek/ipv6-http-atomic-frag.pcap|",
  "zeek/ipv6-http-atomic-frag.pcap|-X",
  "zeek/ipv6-http-atomic-frag.pcap|-e",
  "zeek/linuxsll-arp.pcap|",
  "zeek/linuxsll-arp.pcap|-X",
  "zeek/linuxsll-arp.pcap|-e",
  "zeek/linuxsll-arp.pcap|-tt -v",
  "zeek/nflog-bad-tlv-len.pcap|",
  "zeek/nflog-bad-tlv-len.pcap|-X",
  "zeek/nflog-bad-tlv-len.pcap|-e",
  "zeek/nflog-bad-tlv-len.pcap|-tt -v",
  "zeek/pcapng-multi-interface.pcapng|",
  "zeek/pcapng-multi-interface.pcapng|-X",
  "zeek/pcapng-multi-interface.pcapng|-e",
  "zeek/pcapng-multi-interface.pcapng|-tt -v",
  "zeek/snap-arp.pcapng|",
  "zeek/snap-arp.pcapng|-X",
  "zeek/snap-arp.pcapng|-e",
  "zeek/snap-arp.pcapng|-tt -v",
  "zeek/tcp/option-27.pcap|",
  "zeek/tcp/option-27.pcap|-X",
  "zeek/tcp/option-27.pcap|-e",
  "zeek/tcp/option-27.pcap|-tt -v",
  "zeek/tcp/option-sack.pcap|",
  "zeek/tcp/option-sack.pcap|-X",
  "zeek/tcp/option-sack.pcap|-e",
  "zeek/tcp/option-sack.pcap|-tt -v",
  "zeek/tcp/options.pcap|",
  "zeek/tcp/options.pcap|-X",
  "zeek/tcp/options.pcap|-e",
  "zeek/tcp/options.pcap|-tt -v",
  "zeek/tcp/timeout-with-pings.pcap|",
  "zeek/tcp/timeout-with-pings.pcap|-X",
  "zeek/tcp/timeout-with-pings.pcap|-e",
  "zeek/tcp/timeout-with-pings.pcap|-tt -v",
  "zeek/tcp/window-scale-range.pcap|",
  "zeek/tcp/window-scale-range.pcap|-X",
  "zeek/tcp/window-scale-range.pcap|-e",
  "zeek/tcp/window-scale-range.pcap|-tt -v",
  "zeek/trunc/icmp-header-trunc.pcap|",
  "zeek/trunc/icmp-header-trunc.pcap|-e",
  "zeek/trunc/icmp-header-trunc.pcap|-tt -v",
  "zeek/trunc/ip4-trunc.pcap|",
  "zeek/trunc/ip4-trunc.pcap|-X",
  "zeek/trunc/ip4-trunc.pcap|-e",
  "zeek/trunc/ip4-trunc.pcap|-tt -v",
  "zeek/trunc/ip6-trunc.pcap|",
  "zeek/trunc/ip6-trunc.pcap|-X",
  "zeek/trunc/ip6-trunc.pcap|-e",
  "zeek/trunc/ip6-trunc.pcap|-tt -v",
  "zeek/trunc/trunc-hdr.pcap|",
  "zeek/trunc/trunc-hdr.pcap|-e",
  "zeek/trunc/trunc-hdr.pcap|-tt -v",
  "zeek/tunnels/4in6.pcap|",
  "zeek/tunnels/4in6.pcap|-X",
  "zeek/tunnels/4in6.pcap|-e",
  "zeek/tunnels/4in6.pcap|-tt -v",
  "zeek/tunnels/6in4.pcap|",
  "zeek/tunnels/6in4.pcap|-X",
  "zeek/tunnels/6in4.pcap|-e",
  "zeek/tunnels/6in4.pcap|-tt -v",
  "zeek/udp-contents-truncated-oob.pcap|",
  "zeek/udp-contents-truncated-oob.pcap|-X",
  "zeek/udp-contents-truncated-oob.pcap|-e",
  "zeek/udp-contents-truncated-oob.pcap|-tt -v",
  "zeek/vlan-pcp-dei.pcapng|",
  "zeek/vlan-pcp-dei.pcapng|-X",
  "zeek/vlan-pcp-dei.pcapng|-e",
  "zeek/vlan-pcp-dei.pcapng|-tt -v",
  "zeek/vlan-qinqinq.pcap|",
  "zeek/vlan-qinqinq.pcap|-X",
  "zeek/vlan-qinqinq.pcap|-e",
  "zeek/vlan-qinqinq.pcap|-tt -v",
]);

interface Case {
  /** The path shown and listed in SUPPORTED. */
  name: string;
  /** The file path. */
  path: string;
  /** The options after `-n`. */
  options: readonly string[];
}

function key(c: Case): string {
  return `${c.name}|${c.options.join(" ")}`;
}

/** Captures whose protocols are all decoded, from the MANIFEST. */
function sharedCandidates(dir: URL): { name: string; path: string }[] {
  const manifest = Deno.readTextFileSync(new URL("MANIFEST.tsv", dir));
  const out: { name: string; path: string }[] = [];
  for (const line of manifest.split("\n").slice(1)) {
    const fields = line.split("\t");
    const path = fields[0];
    const notes = fields[8];
    if (path === undefined || notes === undefined || path === "") continue;
    const summary = /\{([^;}]*)/.exec(notes)?.[1];
    if (summary === undefined || summary.trim() === "") continue;
    const protocols = summary.split("/").map((p) => p.trim());
    if (protocols.every((p) => DECODED.has(p))) {
      out.push({ name: path, path: new URL(path, dir).pathname });
    }
  }
  return out;
}

function testdataCandidates(): { name: string; path: string }[] {
  const out: { name: string; path: string }[] = [];
  for (const entry of Deno.readDirSync(testdataDir)) {
    if (entry.isFile && /\.pcap(ng)?$/.test(entry.name)) {
      out.push({ name: `testdata/${entry.name}`, path: new URL(entry.name, testdataDir).pathname });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

async function runSniff(c: Case): Promise<string> {
  const chunks: Uint8Array[] = [];
  await sniff(["-n", ...c.options, "-r", c.path], {
    stdout: (bytes) => {
      chunks.push(bytes.slice());
    },
    stderr: () => {},
  });
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const all = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return new TextDecoder().decode(all);
}

/** The printer options of each option set, as sniff.ts maps the flags. */
const LIBRARY_OPTIONS: ReadonlyMap<string, TcpdumpOptions> = new Map([
  ["", { timestamps: "time" }],
  ["-e", { timestamps: "time", link: true }],
  ["-tt -v", { timestamps: "unix", verbose: 1 }],
  ["-X", { timestamps: "time", hex: 1, ascii: true }],
]);

/** The same case through the library (lib/pipeline and lib/print), without the CLI. */
async function runLibrary(c: Case): Promise<string> {
  const printer = LIBRARY_OPTIONS.get(c.options.join(" "));
  if (printer === undefined) throw new Error(`no library options for ${c.options.join(" ")}`);
  const input = await openCaptureInput(c.path);
  await using _ = input.reader;
  let text = "";
  const decoder = new TextDecoder();
  try {
    await runPipeline(input.reader.batches({ reuseBuffers: true }), {
      output: { kind: "print", printer },
      write: (bytes) => {
        text += decoder.decode(bytes, { stream: true });
      },
    });
  } catch (error) {
    // A bad file: what was printed before the error stands, as with the CLI.
    if (!(error instanceof CaptureFileError)) throw error;
  }
  return text;
}

Deno.test({
  name: "sniff.ts prints captures as tcpdump -n does, line for line",
  ignore: !(await hasCommand("tcpdump")),
  permissions: { read: true, run: ["tcpdump"], env: true, write: false },
  async fn() {
    const shared = sharedCaptures();
    const files = [...testdataCandidates(), ...(shared ? sharedCandidates(shared) : [])];
    const cases: Case[] = [];
    for (const file of files) {
      for (const options of OPTION_SETS) cases.push({ ...file, options });
    }
    const expected = await pool(cases, 4, (c) => runTcpdump(c.path, ["-n", ...c.options]));
    const previousTz = Deno.env.get("TZ");
    Deno.env.set("TZ", "GMT0");
    const diffLimit = Number(Deno.env.get("WIREKIT_TCPDUMP_DIFF") ?? "0");
    const onlyText = Deno.env.get("WIREKIT_TCPDUMP_ONLY");
    const only = onlyText === undefined ? undefined : new RegExp(onlyText);
    let totalLines = 0;
    let totalMatched = 0;
    let supportedLines = 0;
    let perfect = 0;
    const failures: string[] = [];
    const report: string[] = [];
    const ran = new Set<string>();
    try {
      for (const [i, c] of cases.entries()) {
        const want = expected[i];
        if (want === undefined) continue;
        if (only !== undefined && !only.test(key(c))) continue;
        const printed = await runSniff(c);
        // The CLI is wiring over the library: both print the same.
        if (printed !== await runLibrary(c)) {
          failures.push(`${key(c)}: the library prints otherwise`);
        }
        const { lines: n, matched, diffs } = compareOutputs(want, printed, diffLimit);
        const shown = diffs.map((d) =>
          `  packet ${d.packet}\n    tcpdump: ${d.tcpdump}\n    sniff:   ${d.sniff}`
        );
        totalLines += n;
        totalMatched += matched;
        if (matched === n) perfect++;
        const name = key(c);
        if (SUPPORTED.has(name)) {
          if (n > 0) ran.add(name);
          supportedLines += n;
          if (matched !== n) failures.push(`${name}: ${matched}/${n} lines match`);
        }
        report.push(
          `${matched === n ? "ok  " : "DIFF"} ${String(matched).padStart(6)}/${
            String(n).padEnd(6)
          } ${name}${SUPPORTED.has(name) ? "" : " (not listed)"}${
            want.stopped === undefined ? "" : ` (tcpdump stopped: ${want.stopped})`
          }`,
        );
        if (shown.length > 0) report.push(...shown);
      }
    } finally {
      if (previousTz === undefined) Deno.env.delete("TZ");
      else Deno.env.set("TZ", previousTz);
    }
    console.log(report.join("\n"));
    console.log(
      `tcpdump conformance: ${totalMatched}/${totalLines} lines match ` +
        `(${(100 * totalMatched / Math.max(1, totalLines)).toFixed(1)}%); ${perfect}/${
          report.filter((line) => !line.startsWith("  ")).length
        } cases identical; ${SUPPORTED.size} supported cases, ${supportedLines} lines`,
    );
    if (shared === undefined) console.log("../shared/captures is absent: testdata only");
    assert.deepEqual(failures, [], "supported cases that differ from tcpdump");
    if (only === undefined) {
      // Every supported case must have printed something: a case whose file went missing,
      // or that tcpdump or the DECODED filter no longer lets through, fails here.
      const missing = [...SUPPORTED].filter((name) =>
        !ran.has(name) && (shared !== undefined || name.startsWith("testdata/"))
      );
      assert.deepEqual(missing, [], "supported cases that did not run");
    }
  },
});
