/**
 * The seed frames of the fuzz test (`fuzz_test.ts`) and the long fuzz run
 * (`bench/fuzz.ts`): a valid frame of every link type and of many protocols, which the
 * mutators of `_fuzz.ts` corrupt.
 *
 * @module
 */

import { LinkType } from "../lib/link_type.ts";
import { defaultRegistry } from "../lib/registry.ts";
import { buildEthernet, buildIpv4, buildIpv6 } from "../lib/craft/mod.ts";
import { decodeHex as hex } from "../lib/_hex.ts";
import { concatBytes as concat } from "./_shared.ts";

const IPV4 = { source: "192.0.2.1", destination: "198.51.100.7" };
const IPV6 = { source: "2001:db8::1", destination: "2001:db8::2" };

/** An IPv4 packet (id 0x1234, DF); `options` pad the header to a multiple of 4. */
function ipv4(
  protocol: number,
  payload: Uint8Array,
  options: Uint8Array = new Uint8Array(0),
): Uint8Array {
  return buildIpv4({ ...IPV4, protocol, identification: 0x1234, options, payload });
}

/** An IPv6 packet (flow label 0x12345) before `payload`. */
function ipv6(nextHeader: number, payload: Uint8Array): Uint8Array {
  return buildIpv6({ ...IPV6, nextHeader, flowLabel: 0x12345, payload });
}

function ethernet(etherType: number, payload: Uint8Array): Uint8Array {
  return buildEthernet({
    destination: "00:11:22:33:44:55",
    source: "00:66:77:88:99:aa",
    etherType,
    payload,
    pad: false,
  });
}

// TCP with MSS, SACK permitted, timestamps, NOP and window scale options, and 4 bytes of data.
const TCP = hex(`
  c350 0050 0000 0001 0000 0000 a018 ffff 0000 0000
  0204 05b4 0402 080a 0001 0002 0000 0000 0103 0307
  4745 5420`);
// UDP carrying a DNS query for example.com (tcpdump/LINKTYPE_RAW_ipv4.pcap).
const UDP_DNS = hex(`
  3039 0035 0025 0000 1234 0100 0001 0000 0000 0000 0765 7861 6d70 6c65 0363 6f6d
  0000 0100 01`);
const ICMP_ECHO = hex("0800 0000 0a0b 0001 6162 6364 6566 6768");
const DCCP_RESPONSE = hex("1389 cdbb 0b30 0000 0300 0001 0203 0405 0000 00a0 b0c0 d0e0 0102 0304");
const DCCP_OPTIONS = hex("2005 0102 0329 0600 0102 0380 0400 0100");
// ICMPv6 neighbor solicitation (tcpdump/ipv6-bad-version.pcap, packet 1).
const ICMPV6_NS = hex(
  "8700 7906 0000 0000 fe80 0000 0000 0000 020c 29ff fe76 6c14 0101 000c 2976 6c14",
);
const ARP = hex("0001 0800 0604 0001 0011 2233 4455 c000 0201 0000 0000 0000 c633 6407");
// IPv4 options: NOP, record route (one slot), router alert, EOL and padding.
const IPV4_OPTIONS = hex("0107 0704 0000 0000 9404 0000 0000 0000");
// Hop-by-hop (PadN), routing type 0 with one address and a segment left, fragment
// (offset 0), destination options (Pad1 x6).
const IPV6_CHAIN = concat(
  hex("2b00 0104 0000 0000"),
  hex("2c02 0001 0000 0000 2001 0db8 0000 0000 0000 0000 0000 0009"),
  hex("3c00 0001 0000 00ff"),
  hex("1100 0000 0000 0000"),
);
const ah = (next: number) =>
  concat(new Uint8Array([next]), hex("04 0000 0000 1001 0000 0001 0102 0304 0506 0708 090a 0b0c"));
const ESP = hex("0000 1001 0000 0001 dead beef cafe babe");
/** A PTPv2 common header of the message type and length. */
const PTP_HEADER = (type: number, length: number) =>
  concat(
    new Uint8Array([type, 2, length >> 8, length & 0xff]),
    hex("1807 0208 0000 075b cd15 8000 dead beef 001b 19ff fe00 0001 0002 1234 00fd"),
  );
/** A timestamp and a port identity: the body of a Delay_Resp or Pdelay_Req. */
const PTP_IDENTITY = hex("0000 6553 f100 075b cd15 0011 2233 4455 6677 0009");
const PTP_ANNOUNCE = hex(`0000 6553 f100 075b cd15 0025 0080 0621 4e5d 8100 a0a5 fffe
  1234 5600 0120`);

/** A PPPoE session header (ID 0x3b1a) with the length of its PPP payload. */
function pppoeSession(ppp: Uint8Array): Uint8Array {
  return concat(new Uint8Array([0x11, 0, 0x3b, 0x1a, ppp.length >> 8, ppp.length & 0xff]), ppp);
}

/** A UDP header (no checksum) before `payload`. */
function udp(sourcePort: number, destinationPort: number, payload: Uint8Array): Uint8Array {
  const length = 8 + payload.length;
  return concat(
    new Uint8Array([
      sourcePort >> 8,
      sourcePort & 0xff,
      destinationPort >> 8,
      destinationPort & 0xff,
      length >> 8,
      length & 0xff,
      0,
      0,
    ]),
    payload,
  );
}

const IPV4_TCP = ipv4(6, TCP, IPV4_OPTIONS);
const IPV6_UDP = ipv6(0, concat(IPV6_CHAIN, UDP_DNS));

/** The seeds: a link type and a valid frame of it. */
export const SEEDS: [number, Uint8Array][] = [
  [LinkType.EN10MB, ethernet(0x0800, IPV4_TCP)],
  [LinkType.EN10MB, ethernet(0x0800, ipv4(17, UDP_DNS))],
  [LinkType.EN10MB, ethernet(0x0800, ipv4(1, ICMP_ECHO))],
  [LinkType.EN10MB, ethernet(0x0806, ARP)],
  [LinkType.EN10MB, ethernet(0x86dd, IPV6_UDP)],
  [LinkType.EN10MB, ethernet(0x86dd, ipv6(58, ICMPV6_NS))],
  [LinkType.EN10MB, ethernet(0x86dd, ipv6(51, concat(ah(41), ipv6(6, TCP))))],
  [LinkType.EN10MB, ethernet(0x0800, ipv4(51, concat(ah(6), TCP)))],
  [LinkType.EN10MB, ethernet(0x0800, ipv4(50, ESP))],
  [LinkType.EN10MB, ethernet(0x0800, ipv4(4, ipv4(17, UDP_DNS)))],
  [LinkType.EN10MB, ethernet(0x0800, ipv4(41, IPV6_UDP))],
  // 802.1Q, and 802.1ad + 802.1Q (QinQ).
  [LinkType.EN10MB, ethernet(0x8100, concat(hex("2064 0800"), IPV4_TCP))],
  [LinkType.EN10MB, ethernet(0x88a8, concat(hex("000a 8100 0014 86dd"), IPV6_UDP))],
  // IEEE 802.3 with an LLC header (SNAP, IPv4).
  [
    LinkType.EN10MB,
    concat(hex("0011 2233 4455 0066 7788 99aa 0024 aaaa 0300 0000 0800"), ipv4(1, ICMP_ECHO)),
  ],
  // Linux cooked v1 and v2.
  [LinkType.LINUX_SLL, concat(hex("0000 0001 0006 0011 2233 4455 0000 0800"), IPV4_TCP)],
  [LinkType.LINUX_SLL, concat(hex("0004 0001 0006 0011 2233 4455 0000 86dd"), IPV6_UDP)],
  [
    LinkType.LINUX_SLL2,
    concat(hex("0800 0000 0000 0002 0001 0006 0011 2233 4455 0000"), ipv4(17, UDP_DNS)),
  ],
  [LinkType.LINUX_SLL2, concat(hex("0806 0000 0000 0002 0001 0106 0011 2233 4455 0000"), ARP)],
  // BSD loopback (host order, little-endian here) and OpenBSD loopback (network order).
  [LinkType.NULL, concat(hex("0200 0000"), ipv4(1, ICMP_ECHO))],
  [LinkType.NULL, concat(hex("1e00 0000"), ipv6(58, ICMPV6_NS))],
  [LinkType.LOOP, concat(hex("0000 0002"), IPV4_TCP)],
  // PPPoE discovery (PADI with tags) and session (PPP, IPv4 and IPv6); PPP in PPTP's GRE;
  // link type PPP.
  [
    LinkType.EN10MB,
    ethernet(0x8863, hex("1109 0000 0010 0101 0000 0103 0004 6413 8518 0000 0000")),
  ],
  [LinkType.EN10MB, ethernet(0x8864, pppoeSession(concat(hex("0021"), IPV4_TCP)))],
  [LinkType.EN10MB, ethernet(0x8864, pppoeSession(concat(hex("0057"), IPV6_UDP)))],
  [LinkType.EN10MB, ethernet(0x8864, pppoeSession(hex("c021 096a 000c a4cb ea34 0ee2 f609")))],
  // DCCP: a Response with options (extended sequence numbers), a DataAck with partial
  // checksum coverage and a timestamp echo option (short sequence numbers) over IPv6.
  [LinkType.EN10MB, ethernet(0x0800, ipv4(33, concat(DCCP_RESPONSE, DCCP_OPTIONS)))],
  // ICMPv6 mobile prefix advertisement (M and O, a source link-layer address option) and
  // home agent address discovery reply.
  [LinkType.EN10MB, ethernet(0x86dd, ipv6(58, hex("9300 0000 1234 c000 0101 0050 568a 1b2c")))],
  [
    LinkType.EN10MB,
    ethernet(0x86dd, ipv6(58, hex("9100 0000 4321 0000 2001 0db8 0000 0000 0000 0000 0000 0aaa"))),
  ],
  // IPComp after IPv6 AH (tcpdump's AH-IPcomp-IPv6.pcap), and over IPv4.
  [LinkType.EN10MB, ethernet(0x86dd, ipv6(51, concat(ah(108), hex("0600 635c 789c 4b4c 4a06"))))],
  [LinkType.EN10MB, ethernet(0x0800, ipv4(108, hex("0400 e3de 789c 4b4c 4a06 0002 4d01 27")))],
  // IPv6 Mobility: a Binding Update with every option (and a byte after it: tcpdump wants
  // it), a Home Test after destination options.
  [
    LinkType.EN10MB,
    ethernet(
      0x86dd,
      ipv6(
        135,
        hex(`3b06 0500 1234 03e8 f000 0e10 0202 0708 0310 2001 0db8 0000 0000 0000 0000
          0000 0abc 0404 04d2 162e 050a 0001 0203 0405 0607 0809 0000 0000 0000 ee`),
      ),
    ),
  ],
  [
    LinkType.EN10MB,
    ethernet(
      0x86dd,
      ipv6(
        60,
        hex(`8700 0104 0000 0000 3b02 0300 1234 090a 0b0c 0d0e 0f10 04d2 1112 1314
        1516 1718`),
      ),
    ),
  ],
  [
    LinkType.EN10MB,
    ethernet(
      0x86dd,
      ipv6(
        33,
        hex("1389 cdbb 0732 0000 0801 0203 0000 0405 0000 0000 2a08 0000 0001 0002 6461 7461"),
      ),
    ),
  ],
  // ATA over Ethernet: a Query Config Information response with a config string.
  [
    LinkType.EN10MB,
    ethernet(0x88a2, hex("1800 1234 5601 dead beef 0010 4019 0210 0004 6162 6364")),
  ],
  // CFM: a Loopback Message with a Sender ID TLV (chassis ID, management domain and address),
  // an Organization-Specific TLV and End.
  [
    LinkType.EN10MB,
    ethernet(
      0x8902,
      hex(`e003 0004 0000 b0b0 0100 1503 0773 7731 0806 082b 0601 0601 0106 c000 0201 00a1
        1f00 0600 000c 0161 6200`),
    ),
  ],
  // DECnet: padding, a short route header, an NSP link service message.
  [
    LinkType.EN10MB,
    ethernet(0x6003, hex("1600 8300 0002 0404 0804 0010 0320 0420 0180 02a0 0300 0103")),
  ],
  // LSP ping: an echo request with a target FEC stack (LDP IPv4 and RSVP IPv4 sub-TLVs) and
  // a BFD discriminator, an echo reply with a downstream mapping and a vendor code.
  [
    LinkType.EN10MB,
    ethernet(
      0x0800,
      ipv4(
        17,
        udp(
          4786,
          3503,
          hex(`0001 0001 0102 0000 cafe 0001 0000 0007 e30e 8abb 5389 3faf 0000 0000 0000 0000
            0001 0024 0001 0005 c000 0201 2000 0000 0003 0014 c000 0201 0000 1234 c633 6407
            c000 0201 0000 00ab 000f 0004 dead beef`),
        ),
      ),
    ),
  ],
  [
    LinkType.EN10MB,
    ethernet(
      0x0800,
      ipv4(
        17,
        udp(
          3503,
          4786,
          hex(`0001 0000 0202 0301 cafe 0001 0000 0007 e30e 8abb 5389 3faf e30e 8abb 53d8 f0c7
            0002 0014 05dc 0100 c000 0201 c633 6407 0000 0000 0006 4100 0005 0004 0000 0009`),
        ),
      ),
    ),
  ],
  // PTP (IEEE 1588): a PTPv2 Announce over Ethernet, a Delay_Resp over UDP port 320.
  [LinkType.EN10MB, ethernet(0x88f7, concat(PTP_HEADER(0x0b, 64), PTP_ANNOUNCE))],
  [
    LinkType.EN10MB,
    ethernet(0x0800, ipv4(17, udp(320, 320, concat(PTP_HEADER(0x09, 54), PTP_IDENTITY)))),
  ],
  // TIPC: a named payload message (long header), a link state message, a link request.
  [
    LinkType.EN10MB,
    ethernet(
      0x88ca,
      hex(`4142 0028 4010 0000 0000 0000 0100 1002 d150 ac62 1947 c220 0100 1002 0100 1002
        0000 03e8 0000 0000`),
    ),
  ],
  [
    LinkType.EN10MB,
    ethernet(
      0x88ca,
      hex(`4f40 0028 1fff 0009 0005 0009 0900 8007 0011 000f 2a2a 0000 0100 1001 0100 1002
        dead beef 0003 1770`),
    ),
  ],
  [
    LinkType.EN10MB,
    ethernet(
      0x88ca,
      hex(`5b40 0028 0000 beef 0100 1000 0100 1005 0000 1267 ffff ff01 0001 0203 0405 0607
        0809 0a0b 0c0d 0e0f`),
    ),
  ],
  // OSPFv3 LS-Updates: inter-area prefix, AS-external, link and intra-area prefix LSAs;
  // router, network, Grace, Intra-Area-TE and inter-area router LSAs.
  [
    LinkType.EN10MB,
    ethernet(
      0x86dd,
      ipv6(
        89,
        hex(`0304 0134 0202 0202 0000 0001 0000 0000 0000 0005 000f 2003 0000 0000 0101 0101
        8000 0001 0000 0028 ff00 004a 4004 0003 2001 0db8 0000 0034 0000 0000 000f 4005
        0000 0000 0101 0101 8000 0001 0000 003c 8300 0014 4008 0001 2001 0db8 0000 0034
        fe80 0000 0000 0000 0202 b3ff fe1e 8329 0a00 0001 0000 0007 000f 4005 0000 0000
        0101 0101 8000 0001 0000 002c 0100 0005 3800 2001 2001 0db8 0000 0034 0000 0009
        0000 0003 000f 0008 0000 0000 0101 0101 8000 0001 0000 0050 0100 0013 fe80 0000
        0000 0000 0202 b3ff fe1e 8329 0000 0003 4000 0000 2001 0db8 0000 0034 8002 0000
        2001 0db8 0000 0034 0000 0000 0000 0001 0001 0000 000f 2009 0000 0000 0101 0101
        8000 0001 0000 0040 0002 2001 0000 0000 0101 0101 4000 000a 2001 0db8 0000 0034
        8002 0000 2001 0db8 0000 0034 0000 0000 0000 0001`),
      ),
    ),
  ],
  [
    LinkType.EN10MB,
    ethernet(
      0x86dd,
      ipv6(
        89,
        hex(`0304 00e8 0202 0202 0000 0001 0000 0000 0000 0005 000f 2001 0000 0000 0101 0101
        8000 0001 0000 0048 1f00 0033 0100 000a 0000 0005 0000 0006 0303 0303 0200 0014
        0000 0005 0000 0007 0404 0404 0400 ffff 0000 0008 0000 0009 0505 0505 000f 2002
        0000 0005 0101 0101 8000 0001 0000 0020 0000 0713 0202 0202 0101 0101 000f 000b
        0000 0000 0101 0101 8000 0001 0000 0024 0001 0004 0000 0078 0002 0001 0100 0000
        000f 000a 0000 0000 0101 0101 8000 0001 0000 0028 0001 0004 0909 0909 0002 0008
        0001 0001 0100 0000 000f 2004 0000 0000 0101 0101 8000 0001 0000 0020 0000 0033
        0000 0014 0909 0909`),
      ),
    ),
  ],
  // GeoNetworking: a multi-hop broadcast with BTP-A and a CAM (old EtherType), a
  // single-hop broadcast with BTP-B and a DENM; CALM FAST with a message.
  [
    LinkType.EN10MB,
    ethernet(
      0x0707,
      hex(`0151 0000 001d 0002 c0cc 000c 4269 68be 0000 0000 1eaf 0c8f 035f ba0e 000c 00b4
        003c 0000 0000 013c f7d0 912d 0000 0019 8400 6bf4 d607 abb5 6c80 09f6 00ab 0000
        0000 0000 1388 1388 0000 013c f7d0 912d 0000 0019 8400 6bf4 d607 abb5 6c80 09f6 00`),
    ),
  ],
  [
    LinkType.EN10MB,
    ethernet(
      0x8947,
      hex(`0250 0000 0008 0001 c0cc 000c 4269 68be 0000 0000 1eaf 0c8f 035f ba0e 000c 00b4
        003c 0000 07d1 0000 0101 6465`),
    ),
  ],
  [LinkType.EN10MB, ethernet(0x1111, hex("07c8 abcd ef"))],
  // Slow Protocols: an LACP Actor TLV, an OAM Event Notification with an error event.
  [
    LinkType.EN10MB,
    ethernet(0x8809, hex("0101 0114 8000 0013 c412 0f00 000d 8000 0016 8500 0000 0000")),
  ],
  [
    LinkType.EN10MB,
    ethernet(
      0x8809,
      hex(`0300 5001 0201 0128 028f 0000 0000 0000 0001 0000 0000 0000 0002
        0000 0000 0000 0003 ffff ffff ffff ffff ffff ffff 0000`),
    ),
  ],
  [
    LinkType.EN10MB,
    ethernet(
      0x0800,
      ipv4(47, concat(hex("3081 880b 0040 0007 0000 0005 0000 0004 ff03 0021"), IPV4_TCP)),
    ),
  ],
  [LinkType.PPP, concat(hex("ff03 0021"), ipv4(1, ICMP_ECHO))],
  // Tunnels: VXLAN, Geneve (with an option), MPLS (two labels; over UDP), ESP in UDP,
  // L2TP (control with AVPs, data to PPP), ERSPAN II and III in GRE, GTP-U with an
  // extension header.
  [
    LinkType.EN10MB,
    ethernet(
      0x0800,
      ipv4(17, udp(45149, 4789, concat(hex("0800 0000 0000 6400"), ethernet(0x0806, ARP)))),
    ),
  ],
  [
    LinkType.EN10MB,
    ethernet(
      0x0800,
      ipv4(17, udp(12618, 6081, concat(hex("0240 0800 0000 0a00 0000 8001 0000 000c"), IPV4_TCP))),
    ),
  ],
  [LinkType.EN10MB, ethernet(0x8847, concat(hex("0001 20fe 0001 01ff"), IPV4_TCP))],
  [LinkType.RAW, ipv4(17, udp(58699, 6635, concat(hex("0001 513f"), ipv6(58, ICMPV6_NS))))],
  [LinkType.PPP, concat(hex("ff03 0281 0001 513f"), ipv4(1, ICMP_ECHO))],
  [LinkType.RAW, ipv4(17, udp(4500, 4500, ESP))],
  // Broadcom LI shims: an undecided type before IPv4, Ethernet with two VLAN tags.
  [LinkType.RAW, ipv4(17, udp(49152, 49153, concat(hex("6881 046a"), IPV4_TCP)))],
  [
    LinkType.EN10MB,
    ethernet(
      0x0800,
      ipv4(
        17,
        udp(
          49152,
          49153,
          concat(hex("4e81 046a 0a00 0000 000b 0a00 0000 000a 88a8 00d1 8100 0007 0800"), IPV4_TCP),
        ),
      ),
    ),
  ],
  // RADIUS: an Accounting-Request with a string, a number, an address, a vendor attribute
  // and an EAP-Message.
  [
    LinkType.RAW,
    ipv4(
      17,
      udp(
        40000,
        1813,
        hex(`042a 0038 a0a1 a2a3 a4a5 a6a7 a8a9 aaab acad aeaf 0105 626f 6205 0600 0000
          0704 060a 0000 011a 0c00 0000 0901 0661 6263 644f 0702 0100 0501`),
      ),
    ),
  ],
  // LISP: a Map-Register with the I and M bits, SHA1 authentication, an IPv4 and an IPv6
  // record (IPv4, IPv6 and LCAF locators), the xTR-ID and site-ID; a Map-Notify.
  [
    LinkType.RAW,
    ipv4(
      17,
      udp(
        4342,
        4342,
        hex(`3200 0102 1111 1111 1111 1111 0001 0004 4bbb 9614 0000 05a0 0120 1000 0007
          0001 0a1e 0164 0164 0232 0001 0001 1414 08fd 0000 05a0 0250 1000 0007 0002
          2001 0db8 85a3 0000 0000 8a2e 0370 7334 0164 0232 0007 0002 2001 0db8 85a3
          0000 0000 8a2e 0370 7334 0164 0232 0001 4003 9091 9293 9495 9697 9899 9a9b
          9c9d 9e9f 0000 0000 0000 0102`),
      ),
    ),
  ],
  [
    LinkType.RAW,
    ipv4(17, udp(4342, 4342, hex("4800 0001 1111 1111 1111 1111 0002 0001 ab00 0000 05a0"))),
  ],
  [LinkType.RAW, ipv4(17, udp(4500, 4500, hex("0000 0000 1122 3344")))],
  [
    LinkType.RAW,
    ipv4(
      17,
      udp(
        1701,
        1701,
        hex(
          "c802 0026 05f7 0000 000f 0002 8008 0000 0000 0006 800e 0000 0001 0002 0006 6869 2100 0008 0000 0007 6c6e",
        ),
      ),
    ),
  ],
  [
    LinkType.RAW,
    ipv4(17, udp(1701, 1701, concat(hex("0202 05f7 206a 0002 aabb ff03 0021"), IPV4_TCP))),
  ],
  [
    LinkType.RAW,
    ipv4(47, concat(hex("1000 88be 0000 0702 1017 0864 0000 0000"), ethernet(0x0800, IPV4_TCP))),
  ],
  [
    LinkType.RAW,
    ipv4(
      47,
      concat(
        hex("1000 22eb 0000 0702 2005 2007 0102 0304 0009 803b 0000 0000 0000 0000"),
        ethernet(0x86dd, IPV6_UDP),
      ),
    ),
  ],
  [LinkType.RAW, ipv4(47, concat(hex("0000 88be"), ethernet(0x0800, ipv4(1, ICMP_ECHO))))],
  [
    LinkType.RAW,
    ipv4(17, udp(2152, 2152, concat(hex("36ff 0034 0000 0001 0007 0085 0110 0500"), IPV4_TCP))),
  ],
  [LinkType.PPP, concat(hex("57"), IPV6_UDP)],
  // Raw IP.
  [LinkType.RAW, IPV4_TCP],
  [LinkType.RAW, IPV6_UDP],
  [LinkType.IPV4, ipv4(17, UDP_DNS)],
  [LinkType.IPV6, ipv6(6, TCP)],
  // FDDI, 802.11 (bare, after radiotap, Prism and PPI), Frame Relay with Q.933 LMI.
  [LinkType.FDDI, concat(hex("50aa 0004 0082 a7aa 0004 0083 a7aa aa03 0000 0008 00"), IPV4_TCP)],
  [
    LinkType.IEEE802_11,
    hex(
      "8000 0000 ffff ffff ffff 0013 460b 22ba 0013 460b 22ba 8054 0000 0000 0000 0000 6400" +
        "3104 0005 5445 534c 4101 0882 848b 960c 1830 4803 010b",
    ),
  ],
  [
    LinkType.IEEE802_11_RADIOTAP,
    concat(
      hex("0000 2000 6f08 0020 e161 5656 0000 0000 1000 a415 4001 b6a3 0100 0000 0e00 0000"),
      hex("0300 0000 1f01 0700 8801 2c00 8a15 149b 5ae0 7831 c1c6 3fc2 ffff ffff ffff 1000"),
      hex("0600 aaaa 0300 0000 0806"),
      ARP,
    ),
  ],
  [LinkType.PRISM_HEADER, concat(new Uint8Array(144), hex("d400 0000 0200 0000 0000"))],
  [
    LinkType.PPI,
    hex("0000 0800 6900 0000 0841 2c00 0200 0000 0001 0200 0000 0002 0200 0000 0003 1000"),
  ],
  [LinkType.FRELAY, concat(hex("1861 0800"), ipv4(1, ICMP_ECHO))],
  [LinkType.FRELAY, hex("0001 0308 0075 9501 0101 0302 0504 5703 00f0 82")],
  // Switch tags (Broadcom, prepended Broadcom, Marvell DSA with a VLAN tag, EDSA), IPoIB.
  [LinkType.DSA_TAG_BRCM, concat(hex("ffff ffff ffff 0200 0000 0001 2000 0080 0800"), IPV4_TCP)],
  [
    LinkType.DSA_TAG_BRCM_PREPEND,
    concat(hex("0000 2005 ffff ffff ffff 0200 0000 0001 0800"), IPV4_TCP),
  ],
  [
    LinkType.DSA_TAG_DSA,
    concat(hex("ffff ffff ffff 0200 0000 0001 c008 0000 8100 0005 0800"), IPV4_TCP),
  ],
  [
    LinkType.DSA_TAG_EDSA,
    concat(hex("ffff ffff ffff 0200 0000 0001 dada 0000 4010 0000 86dd"), IPV6_UDP),
  ],
  [LinkType.IPOIB, concat(new Uint8Array(40), hex("0800 0000"), IPV4_TCP)],
  // Multilink Frame Relay: a control frame with every element, first fragments with Frame
  // Relay (IPv4, FRF.15), a middle fragment.
  [
    LinkType.MFR,
    hex(
      "e100 0101 0562 7502 0461 0306 dead beef 0512 0000 0000 0000 0000 4000 0000 0000 0000" +
        "0603 0107 0305 0903 00",
    ),
  ],
  [LinkType.MFR, concat(hex("c101 1841 03cc"), IPV4_TCP)],
  [LinkType.MFR, hex("c106 1841 03b1 c123 6461 7461")],
  [LinkType.MFR, hex("010a 6d69 6464 6c65")],
  // SLIP (IP, uncompressed TCP, compressed TCP with every change), BSD/OS SLIP.
  [LinkType.SLIP, concat(hex("0040 0000 0000 0000 0000 0000 0000 0000"), IPV4_TCP)],
  [LinkType.SLIP, concat(hex("0170 0000 0000 0000 0000 0300 0000 0000"), IPV4_TCP)],
  [LinkType.SLIP, concat(hex("00ef 0512 3400 0001 0000 0200 0003 0000"), IPV4_TCP)],
  [LinkType.SLIP, concat(hex("018b 1234 0000 0000 0000 0000 0000 0000"), IPV6_UDP)],
  [LinkType.SLIP_BSDOS, concat(hex("0040 0000 0000 0000 0000 0000 0000 0000"), IPV4_TCP)],
  // Solaris ipnet (IPv4, IPv6), vsock monitor messages (virtio CONNECT, PAYLOAD, NO_INFO).
  [
    LinkType.IPNET,
    concat(hex("0102 0000 0000 0000 0000 0003 0000 0000 ffff ffff 0000 0000"), IPV4_TCP),
  ],
  [
    LinkType.IPNET,
    concat(hex("011a 0000 0000 0000 0000 0003 0000 0000 0000 0001 0000 0002"), IPV6_UDP),
  ],
  // ARCNET: a BSD RFC 1201 exception packet (first of two fragments) before IPv4, an RFC 1051
  // header before ARP; Linux's header (buffer offset, RFC 1201 fields) before IPv6.
  [LinkType.ARCNET_BSD, concat(hex("be00 d4ff 0000 d401 1234"), IPV4_TCP)],
  [LinkType.ARCNET_BSD, concat(hex("be50 f1"), ARP)],
  [LinkType.ARCNET_LINUX, concat(hex("be50 f000 c400 4321"), IPV6_UDP)],
  // A PKTAP header (length 108, a packet of DLT_EN10MB follows) before ARP.
  [
    LinkType.PKTAP,
    concat(hex("6c00 0000 0100 0000 0100 0000"), new Uint8Array(96), ethernet(0x0806, ARP)),
  ],
  [
    LinkType.VSOCK,
    hex(
      "0300 0000 0000 0000 0200 0000 0000 0000 0004 0000 d204 0000 0400 0200 2c00 0000" +
        "0300 0000 0000 0000 0200 0000 0000 0000 0004 0000 d204 0000 0600 0000 0100 0500" +
        "0000 0000 0000 0400 0000 0000 4865 6c6c 6f0a",
    ),
  ],
  [
    LinkType.VSOCK,
    hex("0300 0000 0000 0000 0200 0000 0000 0000 0004 0000 d204 0000 0400 0100 0000 0000 6869"),
  ],
  // SunATM (Q.2931 Setup, an OAM loopback cell, LANE control and data, LLC/SNAP IPv4), RFC
  // 1483 ATM (LLC/SNAP, Cisco's NLPID, an 802.6 header with an XID), Classical IP over ATM.
  [LinkType.SUNATM, hex("0200 0005 0903 8012 3405 8000 00")],
  [
    LinkType.SUNATM,
    concat(hex("0200 0004 5500 0000 4a18 01de adbe ef"), new Uint8Array(36), hex("fe3e")),
  ],
  [LinkType.SUNATM, hex("0100 0028 ff00 0102 0107")],
  [LinkType.SUNATM, concat(hex("0100 0028 0042 0000 0c01 0203 0800 2004 0506 0800"), IPV4_TCP)],
  [LinkType.SUNATM, concat(hex("0200 0020 aaaa 0300 0000 0800"), IPV4_TCP)],
  [LinkType.ATM_RFC1483, concat(hex("aaaa 0300 0000 86dd"), IPV6_UDP)],
  [LinkType.ATM_RFC1483, concat(hex("03cc"), IPV4_TCP)],
  [LinkType.ATM_RFC1483_11, concat(new Uint8Array(20).fill(0x30), hex("f0f0 af81 0100"))],
  [LinkType.ATM_CLIP, concat(hex("aaaa 0300 0000 0800"), IPV4_TCP)],
  [LinkType.ATM_CLIP_19, IPV4_TCP],
];

/** Every link type the default registry decodes. */
export const LINK_TYPES: number[] = [...defaultRegistry.linkTypes.keys()];
