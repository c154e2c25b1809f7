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

import { columnSpec, FILE_COLUMN, type TableSchema } from "./schema.ts";

/** Where the application columns are set, as tshark's fields. */
const ON_REQUEST = "on the packet that completes the request (reassembled over TCP)";
const ON_HELLO = "on the packet that completes the ClientHello";

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
  rising: ["frame", "time", "time_ns"],
  columns: [
    FILE_COLUMN,
    columnSpec("frame", "int64", "The packet's number in its file, from 1"),
    columnSpec(
      "time",
      "timestamp",
      "The capture time, in microseconds (UTC); see time_ns for nanoseconds",
    ),
    columnSpec("time_ns", "int64", "The capture time in nanoseconds since the Unix epoch"),
    columnSpec("interface_id", "int32", "The pcapng interface of the packet (0 for pcap files)"),
    columnSpec("captured_length", "int32", "Bytes captured"),
    columnSpec("original_length", "int32", "The packet's length on the wire"),
    columnSpec("link_type", "int32", "The LINKTYPE_* number (1: Ethernet)"),
    columnSpec(
      "protocols",
      "string",
      "The layers decoded, outermost first, separated by colons (ethernet:ipv4:udp:dns)",
    ),
    columnSpec(
      "decode_error",
      "string",
      "Why decoding stopped early (truncated, malformed), or null",
    ),
    columnSpec("eth_src", "string", "Source MAC address, such as 02:00:00:00:00:01"),
    columnSpec("eth_dst", "string", "Destination MAC address"),
    columnSpec("vlan_id", "int32", "The outer 802.1Q VLAN ID"),
    columnSpec("vlan_inner_id", "int32", "The inner VLAN ID (802.1ad, Q-in-Q)"),
    columnSpec("ip_version", "int32", "4 or 6; null without an IP header"),
    columnSpec("ip_src", "string", "Source IP address (RFC 5952 form for IPv6)"),
    columnSpec("ip_dst", "string", "Destination IP address"),
    columnSpec(
      "ip_protocol",
      "int32",
      "The IP protocol number of the payload (after IPv6 extension headers)",
    ),
    columnSpec("ip_ttl", "int32", "IPv4 time to live, or IPv6 hop limit"),
    columnSpec(
      "ip_id",
      "int32",
      "IPv4 identification, or the IPv6 fragment header's (as a signed 32-bit)",
    ),
    columnSpec("ip_dont_fragment", "bool", "IPv4 don't-fragment flag"),
    columnSpec(
      "ip_more_fragments",
      "bool",
      "More fragments follow (IPv4 flag or IPv6 fragment header); null if neither",
    ),
    columnSpec(
      "ip_fragment_offset",
      "int32",
      "Fragment offset in bytes (IPv4 header or IPv6 fragment header)",
    ),
    columnSpec("src_port", "int32", "TCP or UDP source port"),
    columnSpec("dst_port", "int32", "TCP or UDP destination port"),
    columnSpec(
      "tcp_flags",
      "int32",
      "The 9 TCP flag bits: FIN 1, SYN 2, RST 4, PSH 8, ACK 16, URG 32, ECE 64, " +
        "CWR 128, AE 256",
    ),
    columnSpec("tcp_seq", "int64", "TCP sequence number (0 to 2^32 - 1)"),
    columnSpec("tcp_ack", "int64", "TCP acknowledgment number"),
    columnSpec("tcp_window", "int32", "TCP window, unscaled"),
    columnSpec(
      "payload_length",
      "int32",
      "Bytes after the TCP or UDP header, by the IP and UDP length fields " +
        "(as tshark's tcp.len and udp.length - 8)",
    ),
    columnSpec("dns_query_name", "string", "The first DNS question's name, without the final dot"),
    columnSpec("dns_query_type", "int32", "Its QTYPE (1: A, 28: AAAA...)"),
    columnSpec("dns_response", "bool", "Whether the DNS message is a response"),
    columnSpec("dns_rcode", "int32", "The DNS header's response code"),
    columnSpec("http_host", "string", `HTTP Host header, ${ON_REQUEST}`),
    columnSpec("http_method", "string", `HTTP request method, ${ON_REQUEST}`),
    columnSpec("http_uri", "string", `HTTP request target, ${ON_REQUEST}`),
    columnSpec(
      "http_status",
      "int32",
      "HTTP response status, on the packet that completes the response (with its body)",
    ),
    columnSpec("tls_server_name", "string", `TLS, DTLS or QUIC server name (SNI), ${ON_HELLO}`),
    columnSpec(
      "tls_alpn",
      "string",
      `ALPN protocols offered, separated by commas, ${ON_HELLO}; the one chosen, on the ` +
        "packet that completes a ServerHello that names it (TLS 1.2 and earlier, DTLS)",
    ),
    columnSpec("tls_ja3", "string", `JA3 hash of the ClientHello, ${ON_HELLO}`),
    columnSpec("tls_ja4", "string", `JA4 of the ClientHello, ${ON_HELLO}`),
  ],
};
