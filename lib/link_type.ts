/**
 * Link-layer header types (`LINKTYPE_*`) as written in pcap and pcapng files.
 *
 * @module
 */

import { constantNames } from "./_constant_names.ts";
import { PCAP_LINK_TYPES } from "./_pcap_link_types.ts";

/**
 * tcpdump's and libpcap's `MAXIMUM_SNAPLEN` (262144): the largest snapshot length they
 * capture with, the one tcpdump prints for a file that says 0, and the longest packet it
 * takes for sound.
 */
export const MAXIMUM_SNAPLEN = 262144;

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
  /** IEEE 802.5 Token Ring: access and frame control, two addresses, a route field, LLC. */
  IEEE802: 6,
  /** FDDI: a frame-control byte and two 6-byte addresses, then LLC. */
  FDDI: 10,
  /** PPP (RFC 1661), with or without the address and control bytes (RFC 1662). */
  PPP: 9,
  /**
   * BSD ARCNET: source and destination stations, the system code, then for RFC 1201 types
   * the split flag and sequence number.
   */
  ARCNET_BSD: 7,
  /** Serial Line IP with a 16-byte BPF pseudo-header (direction, compressed header). */
  SLIP: 8,
  /**
   * PPP in HDLC-like framing (RFC 1662): address, control and a 2-byte protocol; also
   * Cisco HDLC frames (address `0x0f` or `0x8f`).
   */
  PPP_SERIAL: 50,
  /** Raw IPv4 or IPv6 (the historic DLT_RAW value on some BSDs). */
  RAW_12: 12,
  /** Raw IPv4 or IPv6 (DLT_RAW on other BSDs). */
  RAW_14: 14,
  /** BSD/OS Serial Line IP: a 16-byte pseudo-header, then IPv4. */
  SLIP_BSDOS: 15,
  /** RFC 1483 LLC-encapsulated ATM (the DLT_ATM_RFC1483 value of most systems). */
  ATM_RFC1483_11: 11,
  /** Linux Classical IP over ATM (DLT_ATM_CLIP's value on Linux). */
  ATM_CLIP_19: 19,
  /** RFC 1483 LLC-encapsulated ATM: an LLC header (or an 802.6 header, or an NLPID). */
  ATM_RFC1483: 100,
  /** Raw IPv4 or IPv6. */
  RAW: 101,
  /** Cisco HDLC (Cisco's HDLC framing with a 2-byte protocol type). */
  C_HDLC: 104,
  /** IEEE 802.11 wireless LAN frames, without a radio header. */
  IEEE802_11: 105,
  /** Linux Classical IP over ATM: an LLC/SNAP header or a bare IP packet. */
  ATM_CLIP: 106,
  /** Frame Relay (Q.922 address, then NLPID or SNAP). */
  FRELAY: 107,
  /** OpenBSD loopback: a 4-byte address family in network byte order. */
  LOOP: 108,
  /** Linux cooked capture v1. */
  LINUX_SLL: 113,
  /** LocalTalk: a 3-byte LLAP header (destination, source, type), then DDP. */
  LTALK: 114,
  /** IEEE 802.11 frames after a 144-byte Prism monitor header (or an AVS header). */
  PRISM_HEADER: 119,
  /** SunATM: a 4-byte pseudo-header (direction, traffic type, VPI, VCI), then the PDU. */
  SUNATM: 123,
  /** IEEE 802.11 frames after a radiotap header. */
  IEEE802_11_RADIOTAP: 127,
  /** Linux ARCNET: BSD's header with a 2-byte buffer offset before the system code. */
  ARCNET_LINUX: 129,
  /** Multilink PPP after a Juniper pseudo-header and cookie. */
  JUNIPER_MLPPP: 130,
  /** Multilink Frame Relay after a Juniper pseudo-header and cookie. */
  JUNIPER_MLFR: 131,
  /** IPsec traffic of a Juniper Encryption Services PIC, after its pseudo-header. */
  JUNIPER_ES: 132,
  /** IP after a Juniper pseudo-header and a GGSN PIC's cookie. */
  JUNIPER_GGSN: 133,
  /** FRF.16 Frame Relay after a Juniper pseudo-header and cookie. */
  JUNIPER_MFR: 134,
  /** ATM after a Juniper pseudo-header and an ATM2 PIC's cookie. */
  JUNIPER_ATM2: 135,
  /** IP after a Juniper pseudo-header and an Advanced Services PIC's cookie. */
  JUNIPER_SERVICES: 136,
  /** ATM after a Juniper pseudo-header and an ATM1 PIC's cookie. */
  JUNIPER_ATM1: 137,
  /** A user-defined link type (`DLT_USER2`), which macOS writes for PKTAP captures. */
  USER2: 149,
  /** IEEE 802.11 frames after an AVS radio header. */
  IEEE802_11_RADIO_AVS: 163,
  /** IP after a Juniper pseudo-header and a Passive Monitor PIC's cookie. */
  JUNIPER_MONITOR: 164,
  /** Ethernet (PPPoE) after a Juniper pseudo-header and cookie. */
  JUNIPER_PPPOE: 167,
  /** An EtherType and its PPPoE frame after a Juniper pseudo-header and cookie. */
  JUNIPER_PPPOE_ATM: 168,
  /** Ethernet after a Juniper pseudo-header ("MGC", flags, extension TLVs). */
  JUNIPER_ETHER: 178,
  /** PPP after a Juniper pseudo-header. */
  JUNIPER_PPP: 179,
  /** Frame Relay after a Juniper pseudo-header. */
  JUNIPER_FRELAY: 180,
  /** Cisco HDLC after a Juniper pseudo-header. */
  JUNIPER_CHDLC: 181,
  /** Multilink Frame Relay (FRF.16): a 2-byte fragment or control header. */
  MFR: 182,
  /** IEEE 802.11 frames after a Per-Packet Information header. */
  PPI: 192,
  /** IEEE 802.15.4 MAC frames, the FCS included. */
  IEEE802_15_4_WITHFCS: 195,
  /** USB packets after a 64-byte Linux header. */
  USB_LINUX_MMAPPED: 220,
  /** Solaris ipnet: a 24-byte header with the address family and zone ids, then IP. */
  IPNET: 226,
  /** Raw IPv4. */
  IPV4: 228,
  /** Raw IPv6. */
  IPV6: 229,
  /** IEEE 802.15.4 MAC frames without the FCS (tcpdump looks for one all the same). */
  IEEE802_15_4_NOFCS: 230,
  /** D-Bus messages. */
  DBUS: 231,
  /** Linux netfilter NFLOG messages: a header, then TLVs, one of them the packet. */
  NFLOG: 239,
  /** IP over InfiniBand (RFC 4391): a 44-byte pseudo-header with an EtherType. */
  IPOIB: 242,
  /** Linux netlink messages. */
  NETLINK: 253,
  /** Bluetooth Linux monitor. */
  BLUETOOTH_LINUX_MONITOR: 254,
  /** Apple's PKTAP: a header naming the interface and process, then a frame of its DLT. */
  PKTAP: 258,
  /** Linux vsock monitor messages: a 32-byte header, a transport header, the payload. */
  VSOCK: 271,
  /** Linux cooked capture v2. */
  LINUX_SLL2: 276,
  /** Ethernet with a Broadcom switch tag after the source address. */
  DSA_TAG_BRCM: 281,
  /** Ethernet after a Broadcom switch tag. */
  DSA_TAG_BRCM_PREPEND: 282,
  /** IEEE 802.15.4 frames after a TAP pseudo-header (version, length, TLVs). */
  IEEE802_15_4_TAP: 283,
  /** Ethernet with a Marvell DSA tag after the source address. */
  DSA_TAG_DSA: 284,
  /** Ethernet with a Marvell EDSA tag after the source address. */
  DSA_TAG_EDSA: 285,
} as const;

/** A link-type number that wirekit knows by name. */
export type LinkType = typeof LinkType[keyof typeof LinkType];

const names = constantNames(LinkType);

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

/**
 * Returns libpcap's description of a link type (`Ethernet`, `Linux cooked v2`), or
 * `undefined` for a number libpcap does not know.
 *
 * @param linkType The link-type number.
 * @returns The description.
 *
 * @example Describe a link type
 * ```ts
 * import { linkTypeDescription } from "./link_type.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(linkTypeDescription(1), "Ethernet");
 * assert.equal(linkTypeDescription(9999), undefined);
 * ```
 */
export function linkTypeDescription(linkType: number): string | undefined {
  return PCAP_LINK_TYPES.get(linkType)?.[1];
}

/**
 * Returns the link type as tcpdump's banners print it: libpcap's name and description
 * (`EN10MB (Ethernet)`), or the number for a link type libpcap does not know.
 *
 * @param linkType The link-type number.
 * @returns The text after `link-type ` in `reading from file F, link-type EN10MB (Ethernet)`.
 *
 * @example Name Ethernet and an unknown link type
 * ```ts
 * import { linkTypeText } from "./link_type.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(linkTypeText(1), "EN10MB (Ethernet)");
 * assert.equal(linkTypeText(12), "RAW (Raw IP)");
 * assert.equal(linkTypeText(4242), "4242");
 * ```
 */
export function linkTypeText(linkType: number): string {
  const known = PCAP_LINK_TYPES.get(linkType);
  return known === undefined ? String(linkType) : `${known[0]} (${known[1]})`;
}

/**
 * Returns libpcap's name of a link type (`pcap_datalink_val_to_name()`, as tcpdump prints
 * it inside a PPI header), or `undefined` for a number libpcap does not know.
 *
 * @param linkType The link-type number.
 * @returns The name, without the `DLT_` prefix.
 *
 * @example Name the link type of a PPI capture's frames
 * ```ts
 * import { linkTypePcapName } from "./link_type.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(linkTypePcapName(127), "IEEE802_11_RADIO");
 * assert.equal(linkTypePcapName(4242), undefined);
 * ```
 */
export function linkTypePcapName(linkType: number): string | undefined {
  return PCAP_LINK_TYPES.get(linkType)?.[0];
}
