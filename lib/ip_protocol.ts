/**
 * IP protocol numbers (IANA "Assigned Internet Protocol Numbers"), also used as IPv6
 * next-header values.
 *
 * @module
 */

/**
 * The IP protocol numbers that wirekit names.
 *
 * @example Compare a protocol number
 * ```ts
 * import { IpProtocol } from "./ip_protocol.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(IpProtocol.TCP, 6);
 * ```
 */
export const IpProtocol = {
  /** IPv6 hop-by-hop options. */
  HOPOPT: 0,
  ICMP: 1,
  IGMP: 2,
  /** Any private interior gateway protocol (Cisco's IGRP). */
  IGRP: 9,
  /** IPv4 in IP. */
  IPV4: 4,
  TCP: 6,
  UDP: 17,
  /** IPv6 in IP. */
  IPV6: 41,
  /** IPv6 routing header. */
  IPV6_ROUTE: 43,
  /** IPv6 fragment header. */
  IPV6_FRAG: 44,
  GRE: 47,
  ESP: 50,
  AH: 51,
  ICMPV6: 58,
  /** IPv6: no next header. */
  IPV6_NONXT: 59,
  /** IPv6 destination options. */
  IPV6_OPTS: 60,
  /** Enhanced Interior Gateway Routing Protocol. */
  EIGRP: 88,
  /** OSPF (version 2 over IPv4, 3 over IPv6). */
  OSPF: 89,
  /** Protocol Independent Multicast. */
  PIM: 103,
  /** Virtual Router Redundancy Protocol (also CARP). */
  VRRP: 112,
  SCTP: 132,
  /** Ethernet frames (RFC 8986's SRv6 End.DX2, over IPv6). */
  ETHERNET: 143,
} as const;

/** An IP protocol number that wirekit names. */
export type IpProtocol = typeof IpProtocol[keyof typeof IpProtocol];
