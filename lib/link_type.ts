/**
 * Link-layer header types (`LINKTYPE_*`) as written in pcap and pcapng files.
 *
 * @module
 */

/**
 * The `LINKTYPE_*` numbers from tcpdump.org's link-layer header type registry that
 * wirekit knows by name.
 *
 * @example Look up a link type
 * ```ts
 * import { LinkType } from "./link_type.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(LinkType.EN10MB, 1);
 * ```
 */
export const LinkType = {
  /** BSD loopback: a 4-byte address family in the host byte order of the writer. */
  NULL: 0,
  /** Ethernet II and IEEE 802.3. */
  EN10MB: 1,
  /** PPP (RFC 1661), with or without the address and control bytes (RFC 1662). */
  PPP: 9,
  /** Raw IPv4 or IPv6 (the historic DLT_RAW value on some BSDs). */
  RAW_12: 12,
  /** Raw IPv4 or IPv6 (DLT_RAW on other BSDs). */
  RAW_14: 14,
  /** Raw IPv4 or IPv6. */
  RAW: 101,
  /** Cisco HDLC (Cisco's HDLC framing with a 2-byte protocol type). */
  C_HDLC: 104,
  /** IEEE 802.11 wireless LAN frames, without a radio header. */
  IEEE802_11: 105,
  /** Frame Relay (Q.922 address, then NLPID or SNAP). */
  FRELAY: 107,
  /** OpenBSD loopback: a 4-byte address family in network byte order. */
  LOOP: 108,
  /** Linux cooked capture v1. */
  LINUX_SLL: 113,
  /** IEEE 802.11 frames after a radiotap header. */
  IEEE802_11_RADIOTAP: 127,
  /** IEEE 802.11 frames after a Per-Packet Information header. */
  PPI: 192,
  /** Raw IPv4. */
  IPV4: 228,
  /** Raw IPv6. */
  IPV6: 229,
  /** Linux netfilter NFLOG messages: a header, then TLVs, one of them the packet. */
  NFLOG: 239,
  /** Linux cooked capture v2. */
  LINUX_SLL2: 276,
} as const;

/** A link-type number that wirekit knows by name. */
export type LinkType = typeof LinkType[keyof typeof LinkType];

const names = new Map<number, string>(
  Object.entries(LinkType).map(([name, value]) => [value, name]),
);

/**
 * Returns the `LINKTYPE_*` name of a link-type number, or `LINKTYPE_<n>` for a number
 * wirekit does not know.
 *
 * @param linkType The link-type number.
 * @returns The name without the `LINKTYPE_` prefix, for example `EN10MB`.
 *
 * @example Name a link type
 * ```ts
 * import { linkTypeName } from "./link_type.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(linkTypeName(113), "LINUX_SLL");
 * assert.equal(linkTypeName(9999), "LINKTYPE_9999");
 * ```
 */
export function linkTypeName(linkType: number): string {
  return names.get(linkType) ?? `LINKTYPE_${linkType}`;
}
