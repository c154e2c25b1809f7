/**
 * The `packets` table: one row per packet of a capture. {@linkcode PACKET_SCHEMA} lists
 * the columns with what each holds; `PacketTableBuilder` fills them.
 *
 * Which header a column describes, when a packet holds several (tunnels, ICMP errors):
 *
 * - MAC addresses and VLAN IDs are those of the outermost Ethernet and 802.1Q headers.
 * - IP columns describe the innermost IPv4 or IPv6 header (the packet inside a GRE,
 *   VXLAN, Geneve... tunnel), not counting the header an ICMP or ICMPv6 error quotes; the
 *   ports, TCP and payload columns belong to the TCP or UDP header right after it.
 *
 * @module
 */

import type { TableSchema } from "./schema.ts";

/** Columns that later versions fill; always null in this one (see their descriptions). */
const LATER = "Always null for now: filled once the TLS and HTTP session decoders feed tables";

/**
 * The columns of the `packets` table.
 *
 * @example The first columns
 * ```ts
 * import { PACKET_SCHEMA } from "./packet_schema.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(PACKET_SCHEMA.columns.slice(0, 3).map((c) => c.name), ["file", "frame", "time"]);
 * ```
 */
export const PACKET_SCHEMA: TableSchema = {
  name: "packets",
  columns: [
    { name: "file", type: "string", description: "The capture file, as named on the command line" },
    { name: "frame", type: "int64", description: "The packet's number in its file, from 1" },
    {
      name: "time",
      type: "timestamp",
      description: "The capture time, in microseconds (UTC); see time_ns for nanoseconds",
    },
    {
      name: "time_ns",
      type: "int64",
      description: "The capture time in nanoseconds since the Unix epoch",
    },
    {
      name: "interface_id",
      type: "int32",
      description: "The pcapng interface of the packet (0 for pcap files)",
    },
    { name: "captured_length", type: "int32", description: "Bytes captured" },
    { name: "original_length", type: "int32", description: "The packet's length on the wire" },
    { name: "link_type", type: "int32", description: "The LINKTYPE_* number (1: Ethernet)" },
    {
      name: "protocols",
      type: "string",
      description:
        "The layers decoded, outermost first, separated by colons (ethernet:ipv4:udp:dns)",
    },
    {
      name: "decode_error",
      type: "string",
      description: "Why decoding stopped early (truncated, malformed), or null",
    },
    {
      name: "eth_src",
      type: "string",
      description: "Source MAC address, such as 02:00:00:00:00:01",
    },
    { name: "eth_dst", type: "string", description: "Destination MAC address" },
    { name: "vlan_id", type: "int32", description: "The outer 802.1Q VLAN ID" },
    { name: "vlan_inner_id", type: "int32", description: "The inner VLAN ID (802.1ad, Q-in-Q)" },
    { name: "ip_version", type: "int32", description: "4 or 6; null without an IP header" },
    { name: "ip_src", type: "string", description: "Source IP address (RFC 5952 form for IPv6)" },
    { name: "ip_dst", type: "string", description: "Destination IP address" },
    {
      name: "ip_protocol",
      type: "int32",
      description: "The IP protocol number of the payload (after IPv6 extension headers)",
    },
    { name: "ip_ttl", type: "int32", description: "IPv4 time to live, or IPv6 hop limit" },
    {
      name: "ip_id",
      type: "int32",
      description: "IPv4 identification, or the IPv6 fragment header's (as a signed 32-bit)",
    },
    { name: "ip_dont_fragment", type: "bool", description: "IPv4 don't-fragment flag" },
    {
      name: "ip_more_fragments",
      type: "bool",
      description: "More fragments follow (IPv4 flag or IPv6 fragment header); null if neither",
    },
    {
      name: "ip_fragment_offset",
      type: "int32",
      description: "Fragment offset in bytes (IPv4 header or IPv6 fragment header)",
    },
    { name: "src_port", type: "int32", description: "TCP or UDP source port" },
    { name: "dst_port", type: "int32", description: "TCP or UDP destination port" },
    {
      name: "tcp_flags",
      type: "int32",
      description: "The 9 TCP flag bits: FIN 1, SYN 2, RST 4, PSH 8, ACK 16, URG 32, ECE 64, " +
        "CWR 128, AE 256",
    },
    { name: "tcp_seq", type: "int64", description: "TCP sequence number (0 to 2^32 - 1)" },
    { name: "tcp_ack", type: "int64", description: "TCP acknowledgment number" },
    { name: "tcp_window", type: "int32", description: "TCP window, unscaled" },
    {
      name: "payload_length",
      type: "int32",
      description: "Bytes after the TCP or UDP header, by the IP and UDP length fields " +
        "(as tshark's tcp.len and udp.length - 8)",
    },
    {
      name: "dns_query_name",
      type: "string",
      description: "The first DNS question's name, without the final dot",
    },
    { name: "dns_query_type", type: "int32", description: "Its QTYPE (1: A, 28: AAAA...)" },
    { name: "dns_response", type: "bool", description: "Whether the DNS message is a response" },
    { name: "dns_rcode", type: "int32", description: "The DNS header's response code" },
    { name: "http_host", type: "string", description: `HTTP Host header. ${LATER}` },
    { name: "http_method", type: "string", description: `HTTP request method. ${LATER}` },
    { name: "http_uri", type: "string", description: `HTTP request target. ${LATER}` },
    { name: "http_status", type: "int32", description: `HTTP response status. ${LATER}` },
    {
      name: "tls_server_name",
      type: "string",
      description: `TLS or QUIC server name (SNI). ${LATER}`,
    },
    { name: "tls_alpn", type: "string", description: `TLS or QUIC ALPN protocols. ${LATER}` },
    { name: "tls_ja3", type: "string", description: `JA3 hash of a ClientHello. ${LATER}` },
    { name: "tls_ja4", type: "string", description: `JA4 of a ClientHello. ${LATER}` },
  ],
};
