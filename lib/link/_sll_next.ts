/**
 * What Linux cooked captures (SLL and SLL2) share: the choice of the payload decoder
 * from the protocol and ARPHRD fields, and reading the link-layer address (at most 8 bytes).
 *
 * @module
 */

import { formatMac } from "../address.ts";
import type { DecodeContext, Decoder } from "../layer.ts";
import { ETHERTYPE_IPX, llcOrRawIpx } from "./llc.ts";
import { ETHERTYPE_MACSEC } from "./macsec.ts";
import { ETHERTYPE_ARISTA } from "./arista.ts";

/** `ARPHRD_NETLINK`: the protocol field holds a netlink family, not an EtherType. */
const ARPHRD_NETLINK = 824;
/** `ETH_P_802_3`: Novell's raw 802.3 IPX, with no LLC header. */
export const ETH_P_802_3 = 0x0001;
/** `ETH_P_802_2`: an 802.2 LLC header follows. */
export const ETH_P_802_2 = 0x0004;
/** Protocol values below this are Linux `ETH_P_*` pseudo-types, not EtherTypes. */
const MIN_ETHERTYPE = 0x0600;

/** What {@linkcode sllNextDecoder} reads of an SLL or SLL2 layer. */
export interface CookedHeader {
  /** The protocol field. */
  readonly protocol: number;
  /** The ARPHRD field. */
  readonly arphrdType: number;
  /** The packet's bytes. */
  readonly data: Uint8Array;
  /** Where the header starts. */
  readonly offset: number;
  /** The header's length. */
  readonly headerLength: number;
  /** Where the captured payload ends. */
  readonly end: number;
}

/**
 * Picks the decoder of a cooked capture's payload as tcpdump's sll_print() does: none for
 * netlink, IPX for `ETH_P_802_3` (Novell's raw 802.3), LLC for `ETH_P_802_2` (or raw IPX
 * when both SAPs are 0xff, as llc_print() takes them), none for the other Linux
 * pseudo-types (CAN...), else by EtherType.
 *
 * @param header The SLL or SLL2 layer.
 * @param context Where EtherTypes are looked up.
 * @returns The decoder, or `undefined`.
 */
export function sllNextDecoder(header: CookedHeader, context: DecodeContext): Decoder | undefined {
  const { protocol, arphrdType } = header;
  if (arphrdType === ARPHRD_NETLINK) return undefined;
  if (protocol < MIN_ETHERTYPE) {
    if (protocol === ETH_P_802_3) return context.tables.etherTypes.get(ETHERTYPE_IPX);
    if (protocol !== ETH_P_802_2) return undefined;
    return llcOrRawIpx(header.data, header.offset + header.headerLength, header.end, context);
  }
  // tcpdump reads a MACsec SecTAG and Arista's header only after Ethernet addresses.
  if (protocol === ETHERTYPE_MACSEC || protocol === ETHERTYPE_ARISTA) return undefined;
  return context.tables.etherTypes.get(protocol);
}

/**
 * Formats the first `min(length, 8)` bytes of the address field as colon-separated hex.
 *
 * @param data The bytes.
 * @param offset Offset of the address field.
 * @param length The address length field.
 * @returns For example `00:1b:21:3a:4f:02`; `""` when the length is 0.
 */
export function formatSllAddress(data: Uint8Array, offset: number, length: number): string {
  return length === 0 ? "" : formatMac(data, offset, Math.min(length, 8));
}

/**
 * The first `min(length, 8)` bytes of the address field.
 *
 * @param data The bytes.
 * @param offset Offset of the address field.
 * @param length The address length field.
 * @returns A view over `data`.
 */
export function sllAddressBytes(data: Uint8Array, offset: number, length: number): Uint8Array {
  return data.subarray(offset, offset + Math.min(length, 8));
}
