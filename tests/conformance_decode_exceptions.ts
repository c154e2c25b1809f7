/**
 * The accepted mismatches of the tshark field conformance test (`conformance_decode_test.ts`).
 *
 * @module
 */

/**
 * Mismatches that are understood and accepted. Each names the file, the field (`layers`
 * for the layer stack) and optionally the frames, and says why. Anything else fails.
 */
export const EXCEPTIONS: Exception[] = [
  {
    file: "rusticata/wireshark_samples-test.pcapng",
    field: "layers",
    ours: /:udp:bcm-li\b/,
    reason: "SSDP and others sent from UDP port 49152: tcpdump 4.99 takes a datagram from " +
      "that port for Broadcom LI ('BCM-LI-SHIM: direction egress, pkt-type ethernet...') and " +
      "so does wirekit; tshark's BCM LI dissector is bound to no port by default",
  },
  {
    file: "tcpdump/babel.pcap",
    field: "layers",
    reason: "Babel on its port before RFC 6126's errata (6697) and AHCP (5359): tshark's " +
      "Babel dissector binds 6696 only and tshark has no AHCP dissector, so it shows data; " +
      "tcpdump prints both by their ports ('babel 2 (8) hello', 'AHCP Version 1'), and so " +
      "does wirekit",
  },
  {
    file: "tcpdump/of13_ericsson.pcapng",
    field: "layers",
    frames: [1, 3, 7, 10, 27, 29, 35, 41, 53, 62, 71, 77, 80, 101, 110, 122, 141, 144, 155, 173],
    reason: "OpenFlow on port 6633: tshark binds OpenFlow to 6653 only and finds it on 6633 " +
      "by a heuristic that passes over these segments (it shows data, or LBMSRS for frame " +
      "7); tcpdump prints OpenFlow for either port, and so does wirekit",
  },
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
    file: "tcpdump/ipv6_frag6_negative_len.pcap",
    field: "ipv6.fraghdr.*",
    reason: "IPv6 payload length 0 and a fragment header: tshark names the header but shows " +
      "none of its fields; wirekit decodes the 8 bytes that are there, as tcpdump does " +
      "('frag (1280|18446744073709551608)')",
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
    file: "tcpdump/afs.pcap",
    field: "layers",
    // After the port 4444 frames, which the entry above excuses.
    reason: "RX between UDP ports 1799 and 7021: tshark's RX dissector takes ports up to " +
      "7021, tcpdump's rx_print() only 7000-7009 ('UDP, length 1444'), and so does wirekit",
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

/** An accepted mismatch. */
export interface Exception {
  file: string;
  field: string;
  frames?: number[];
  /** Excuses only the mismatches where wirekit's value matches. */
  ours?: RegExp;
  reason: string;
}
