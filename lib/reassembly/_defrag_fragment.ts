/**
 * Finds the IP fragment in a decoded packet, into a reused scratch object: the bytes it
 * carries, its place in the datagram, and what keys the datagram. Private to the
 * defragmenter.
 *
 * @module
 */

import type { DecodedPacket } from "../decode.ts";
import type { Ipv4 } from "../net/ipv4.ts";
import type { Ipv6 } from "../net/ipv6.ts";
import type { Ipv6Fragment } from "../net/ipv6_extensions.ts";

/** What {@linkcode locateFragment} found. */
export const FragmentKind = {
  /** No IP fragment in the packet. */
  NONE: 0,
  /** An IPv6 atomic fragment (offset 0, M flag clear): a whole datagram already. */
  ATOMIC: 1,
  /** A fragment to reassemble. */
  FRAGMENT: 2,
} as const;

/** One of the {@linkcode FragmentKind} values. */
export type FragmentKind = typeof FragmentKind[keyof typeof FragmentKind];

/** The fragment of one packet, as {@linkcode locateFragment} fills it in. */
export class LocatedFragment {
  /** The IP version. */
  version: 4 | 6 = 4;
  /** The packet bytes. */
  data: Uint8Array = new Uint8Array(0);
  /** Where the IP header starts in `data`. */
  ipOffset = 0;
  /**
   * Where the part that the first fragment's header keeps ends: the end of the IPv4
   * header, or the start of the IPv6 fragment header (after the unfragmentable part).
   */
  headerEnd = 0;
  /** Where the fragment's data starts in `data`. */
  dataStart = 0;
  /** Where the fragment's data ends in `data` (captured, and within the length field). */
  dataEnd = 0;
  /** Where the length field says the data ends: past `dataEnd` when the capture cut it. */
  claimedEnd = 0;
  /** The fragment offset, in bytes. */
  offset = 0;
  /** The more-fragments flag. */
  more = false;
  /** IPv6: the next header of the fragment header (the fragmentable part's first header). */
  nextHeader = 0;
  /** IPv6: where in `data` the next-header octet that names the fragment header is. */
  nextHeaderAt = 0;
  /** Whether a length field is zero or too short for the headers. */
  malformed = false;
  #ipv4: Ipv4 | undefined;
  #ipv6: Ipv6 | undefined;
  #fragment: Ipv6Fragment | undefined;

  /** Fills the fields from an IPv4 layer that is a fragment. */
  setIpv4(ip: Ipv4): void {
    this.#ipv4 = ip;
    this.version = 4;
    this.data = ip.data;
    this.ipOffset = ip.offset;
    this.headerEnd = ip.offset + ip.headerLength;
    this.dataStart = this.headerEnd;
    this.dataEnd = ip.end;
    this.malformed = ip.totalLength === 0;
    this.claimedEnd = this.malformed ? ip.end : ip.offset + ip.totalLength;
    this.offset = ip.fragmentOffset * 8;
    this.more = ip.moreFragments;
    this.nextHeader = ip.protocol;
  }

  /** Fills the fields from an IPv6 header and the fragment header after it. */
  setIpv6(ip: Ipv6, fragment: Ipv6Fragment, nextHeaderAt: number): void {
    this.#ipv6 = ip;
    this.#fragment = fragment;
    this.version = 6;
    this.data = ip.data;
    this.ipOffset = ip.offset;
    this.headerEnd = fragment.offset;
    this.dataStart = fragment.offset + 8;
    this.dataEnd = Math.max(this.dataStart, ip.end);
    this.malformed = ip.payloadLength === 0;
    this.claimedEnd = ip.offset + 40 + ip.payloadLength;
    this.offset = fragment.fragmentOffset * 8;
    this.more = fragment.moreFragments;
    this.nextHeader = fragment.nextHeader;
    this.nextHeaderAt = nextHeaderAt;
  }

  /**
   * The key of the datagram, as RFC 791 and RFC 8200 define it: source, destination,
   * protocol and identification (IPv4); source, destination and identification (IPv6).
   */
  key(): string {
    if (this.version === 4) {
      const ip = this.#ipv4!;
      return `4 ${ip.sourceAddress} ${ip.destinationAddress} ${ip.protocol} ${ip.identification}`;
    }
    const data = this.data;
    let key = "6 ";
    for (let i = this.ipOffset + 8; i < this.ipOffset + 40; i += 2) {
      key += String.fromCharCode((data[i]! << 8) | data[i + 1]!);
    }
    return key + this.#fragment!.identification;
  }
}

/**
 * Finds the first IP fragment in a packet's layers: an IPv4 header with MF set or a
 * non-zero offset, or an IPv6 fragment header (with the IPv6 header before it).
 *
 * @param packet The decoded packet.
 * @param out Filled in when a fragment is found.
 * @returns What was found.
 */
export function locateFragment(packet: DecodedPacket, out: LocatedFragment): FragmentKind {
  const layers = packet.layers;
  for (let i = 0; i < packet.count; i++) {
    const layer = layers[i]!;
    if (layer.kind === "ipv4") {
      if (!layer.isFragment) continue;
      out.setIpv4(layer);
      return FragmentKind.FRAGMENT;
    }
    if (layer.kind !== "ipv6-fragment") continue;
    let ip: Ipv6 | undefined;
    for (let j = i - 1; j >= 0 && ip === undefined; j--) {
      const below = layers[j]!;
      if (below.kind === "ipv6") ip = below;
    }
    if (ip === undefined) continue;
    if (layer.fragmentOffset === 0 && !layer.moreFragments) return FragmentKind.ATOMIC;
    const before = layers[i - 1]!;
    out.setIpv6(ip, layer, before.kind === "ipv6" ? before.offset + 6 : before.offset);
    return FragmentKind.FRAGMENT;
  }
  return FragmentKind.NONE;
}
