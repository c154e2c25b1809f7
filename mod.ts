/**
 * wirekit: capture, decode and inspect network packets in Deno.
 *
 * The decoders are pure TypeScript views over `Uint8Array` and need no permissions;
 * capture files are read and written in pure TypeScript.
 *
 * @example Decode a frame
 * ```ts
 * import { decode, LinkType } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = new Uint8Array(42);
 * frame.set([0x08, 0x00, 0x45, 0, 0, 28, 0, 0, 0, 0, 64, 17], 12);
 * frame.set([0x30, 0x39, 0, 53, 0, 8], 34);
 * const packet = decode(LinkType.EN10MB, frame);
 * assert.equal(packet.layer("udp")?.destinationPort, 53);
 * ```
 *
 * @module
 */

export * from "./lib/errors.ts";
export * from "./lib/layer.ts";
export * from "./lib/layer_map.ts";
export * from "./lib/registry.ts";
export * from "./lib/protocols.ts";
export * from "./lib/decode.ts";
export * from "./lib/packet_parser.ts";
export * from "./lib/transport_protocols.ts";
export * from "./lib/link_type.ts";
export * from "./lib/ip_protocol.ts";
export * from "./lib/address.ts";
export * from "./lib/checksum.ts";
export * from "./lib/link/ethernet.ts";
export * from "./lib/link/llc.ts";
export * from "./lib/link/vlan.ts";
export * from "./lib/link/sll.ts";
export * from "./lib/link/sll2.ts";
export * from "./lib/link/loopback.ts";
export * from "./lib/link/raw.ts";
export * from "./lib/link/pppoe.ts";
export * from "./lib/link/ppp.ts";
export * from "./lib/link/nflog.ts";
export * from "./lib/link/slarp.ts";
export * from "./lib/link/chdlc.ts";
export * from "./lib/link/fddi.ts";
export * from "./lib/link/ieee802_11.ts";
export * from "./lib/link/radiotap.ts";
export * from "./lib/link/prism.ts";
export * from "./lib/link/frame_relay.ts";
export * from "./lib/link/q933.ts";
export * from "./lib/link/ppi.ts";
export * from "./lib/net/arp.ts";
export * from "./lib/net/ipv4.ts";
export * from "./lib/net/ipv6.ts";
export * from "./lib/net/ipv6_extensions.ts";
export * from "./lib/net/ah.ts";
export * from "./lib/net/esp.ts";
export * from "./lib/net/gre.ts";
export * from "./lib/net/ospf.ts";
export * from "./lib/transport/sctp.ts";
export * from "./lib/net/vrrp.ts";
export * from "./lib/net/pim.ts";
export * from "./lib/net/eigrp.ts";
export * from "./lib/net/icmp.ts";
export * from "./lib/net/icmpv6.ts";
export * from "./lib/net/igmp.ts";
export * from "./lib/transport/tcp.ts";
export * from "./lib/transport/mptcp.ts";
export * from "./lib/transport/udp.ts";
export * from "./lib/app/dns.ts";
export * from "./lib/app/dhcp.ts";
export * from "./lib/app/ntp.ts";
export * from "./lib/app/tls.ts";
export * from "./lib/app/quic.ts";
export * from "./lib/app/quic_initial.ts";
export * from "./lib/app/quic_session.ts";
export * from "./lib/app/http_headers.ts";
export * from "./lib/app/http_session.ts";
export * from "./lib/app/http_body.ts";
export * from "./lib/link/stp.ts";
export * from "./lib/link/cdp.ts";
export * from "./lib/link/ectp.ts";
export * from "./lib/link/lldp.ts";
export * from "./lib/link/eapol.ts";
export * from "./lib/app/http.ts";
export * from "./lib/app/smtp.ts";
export * from "./lib/app/ftp.ts";
export * from "./lib/net/ipx.ts";
export * from "./lib/net/isis.ts";
export * from "./lib/link/dtp.ts";
export * from "./lib/link/vtp.ts";
export * from "./lib/link/udld.ts";
export * from "./lib/net/vxlan.ts";
export * from "./lib/net/geneve.ts";
export * from "./lib/net/mpls.ts";
export * from "./lib/net/l2tp.ts";
export * from "./lib/net/erspan.ts";
export * from "./lib/net/gtp.ts";
export * from "./lib/app/syslog.ts";
export * from "./lib/app/dhcpv6.ts";
export * from "./lib/app/snmp.ts";
export * from "./lib/app/sip.ts";
export * from "./lib/app/isakmp.ts";
export * from "./lib/app/rip.ts";
export * from "./lib/app/ripng.ts";
export * from "./lib/app/ldp.ts";
export * from "./lib/app/ptp.ts";
export * from "./lib/app/sflow.ts";
export * from "./lib/app/bgp.ts";
export * from "./lib/app/pptp.ts";
export * from "./lib/net/rsvp.ts";
export * from "./lib/app/bfd.ts";
export * from "./lib/app/tftp.ts";
export * from "./lib/app/hsrp.ts";
export * from "./lib/app/kerberos.ts";
export * from "./lib/net/pgm.ts";
export * from "./lib/app/telnet.ts";
export * from "./lib/app/nfs.ts";
export * from "./lib/app/ssh.ts";
export * from "./lib/formats/mod.ts";
export * from "./lib/output/hexdump.ts";
export * from "./lib/output/json.ts";
export * from "./lib/print/mod.ts";
export * from "./lib/stats/capture_summary.ts";
export * from "./lib/stats/count_protocols.ts";
export * from "./lib/stats/flows.ts";
export * from "./lib/stats/conversations.ts";
export * from "./lib/stats/endpoints.ts";
export * from "./lib/stats/io_stat.ts";
export * from "./lib/stats/protocol_hierarchy.ts";
export * from "./lib/stats/tshark_statistics.ts";
export * from "./lib/stats/packet_pass.ts";
export * from "./lib/stats/capture_overview.ts";
export * from "./lib/crypto/mod.ts";
export * from "./lib/capture/mod.ts";
export * from "./lib/rawsocket/mod.ts";
export * from "./lib/craft/mod.ts";
export * from "./lib/reassembly/mod.ts";
