/**
 * The protocols that most captures hold, and the numbers that lead to the others: what
 * the pipeline of `sniff.ts` decodes from the start without loading every decoder (their
 * modules are a tenth of its start-up). A packet that meets one of the other numbers
 * waits while `protocols.ts` loads. Private.
 *
 * @module
 */

import type { ProtocolBindings } from "./layer.ts";
import { transportProtocols } from "./transport_protocols.ts";
import { dnsDecoder } from "./app/dns.ts";
import { dhcpDecoder } from "./app/dhcp.ts";
import { ntpDecoder } from "./app/ntp.ts";
import { httpDecoder } from "./app/http.ts";
import { sshDecoder } from "./app/ssh.ts";

/** Layers 2 to 4 and the common application protocols. */
export const commonProtocols = [
  ...transportProtocols,
  dnsDecoder,
  dhcpDecoder,
  ntpDecoder,
  httpDecoder,
  sshDecoder,
] as const;

/**
 * Every number that a protocol of `protocols.ts` not in {@linkcode commonProtocols} is
 * bound to (a test holds the two lists to each other).
 */
export const RARE_BINDINGS: Required<ProtocolBindings> = {
  // ARCNET (BSD 7), SLIP, BSD/OS SLIP (15 and 102), FDDI, PPP serial, Cisco HDLC, 802.11,
  // Frame Relay, LocalTalk, Prism, radiotap, Linux ARCNET (129), Juniper MLPPP, MLFR, ES,
  // GGSN, MFR, ATM2, Services, ATM1, PKTAP (149 and 258), AVS, Juniper Monitor, PPPoE, PPPoE
  // ATM, Ethernet, PPP, Frame Relay and C-HDLC, Multilink Frame Relay, PPI, IEEE 802.15.4
  // (195, 230, TAP 283), ipnet, NFLOG, IPoIB, vsock, Broadcom tags, Marvell DSA and EDSA
  // tags, RFC 1483 ATM (11 and 100), Classical IP over ATM (19 and 106), SunATM (123).
  linkTypes: [
    7,
    8,
    10,
    11,
    15,
    19,
    50,
    100,
    102,
    104,
    105,
    106,
    107,
    114,
    119,
    123,
    127,
    129,
    130,
    131,
    132,
    133,
    134,
    135,
    136,
    137,
    149,
    163,
    164,
    167,
    168,
    178,
    179,
    180,
    181,
    182,
    192,
    195,
    226,
    230,
    239,
    242,
    258,
    271,
    281,
    282,
    283,
    284,
    285,
  ],
  // GeoNetworking (old), CALM FAST, ERSPAN type III, DECnet, DDP (AppleTalk), AARP, IPX, Slow
  // Protocols, MPLS unicast and multicast, EAPOL, Realtek (RRCP, REP, RLDP), AoE, ERSPAN type
  // II, TIPC, LLDP, MACsec, PTP, MS NLB heartbeats, CFM, GeoNetworking, NSH, ECTP, CFM (old),
  // Arista, OSI.
  etherTypes: [
    0x0707,
    0x1111,
    0x22eb,
    0x6003,
    0x809b,
    0x80f3,
    0x8137,
    0x8809,
    0x8847,
    0x8848,
    0x886f,
    0x888e,
    0x8899,
    0x88a2,
    0x88be,
    0x88ca,
    0x88cc,
    0x88e5,
    0x88f7,
    0x8902,
    0x8947,
    0x894f,
    0x9000,
    0xabcd,
    0xd28b,
    0xfefe,
  ],
  // IGRP, DCCP, RSVP, Mobility (old), EIGRP, OSPF, PIM, IPComp, VRRP, PGM, SCTP, Mobility.
  ipProtocols: [9, 33, 46, 62, 88, 89, 103, 108, 112, 113, 132, 135],
  tcpPorts: [21, 23, 25, 43, 179, 323, 554, 646, 1723, 2049, 6379, 6633, 6653, 8554],
  udpPorts: [
    69,
    88,
    161,
    162,
    319,
    320,
    496,
    500,
    514,
    520,
    521,
    525,
    546,
    547,
    646,
    654,
    698,
    701,
    750,
    921,
    1589,
    1645,
    1646,
    1700,
    1701,
    1812,
    1813,
    1985,
    2049,
    2103,
    2104,
    2152,
    3456,
    3503,
    3784,
    3785,
    3799,
    4342,
    4500,
    4567,
    4784,
    4789,
    4790,
    5060,
    5359,
    6081,
    6343,
    6635,
    6696,
    6697,
    6784,
    7000,
    7001,
    7002,
    7003,
    7004,
    7005,
    7006,
    7007,
    7008,
    7009,
    7500,
    8231,
    8472,
    8500,
    30490,
    49152,
  ],
};
