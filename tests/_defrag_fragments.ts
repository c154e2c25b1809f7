/**
 * Test helper: builds IPv4 and IPv6 fragments (raw IP, no link header) for the
 * defragmentation tests. Private to the tests.
 *
 * @module
 */

import { buildIpv4 } from "../lib/craft/ipv4.ts";
import { buildIpv6 } from "../lib/craft/ipv6.ts";
import { decode, type Packet } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";

/** One fragment to build. */
export interface FragmentSpec {
  /** Offset in bytes (a multiple of 8). */
  offset: number;
  /** The data. */
  data: Uint8Array;
  /** More fragments follow (default `true`). */
  more?: boolean;
  /** Identification (default 1). */
  id?: number;
  /** IPv4 protocol or IPv6 next header of the fragmentable part (default 17). */
  protocol?: number;
  /** Last byte of the source address (default 1). */
  source?: number;
  /** IPv4 options (first fragment). */
  options?: Uint8Array;
  /**
   * IPv6: an unfragmentable destination options header before the fragment header
   * (8 bytes of PadN).
   */
  destinationOptions?: boolean;
}

/**
 * Builds an IPv4 fragment.
 *
 * @param spec The fragment.
 * @returns Its bytes, an IPv4 header first.
 */
export function ipv4Fragment(spec: FragmentSpec): Uint8Array {
  return buildIpv4({
    source: `10.0.0.${spec.source ?? 1}`,
    destination: "10.0.0.2",
    protocol: spec.protocol ?? 17,
    identification: spec.id ?? 1,
    dontFragment: false,
    moreFragments: spec.more ?? true,
    fragmentOffset: spec.offset / 8,
    payload: spec.data,
    ...(spec.options === undefined ? {} : { options: spec.options }),
  });
}

/**
 * Builds an IPv6 fragment.
 *
 * @param spec The fragment.
 * @returns Its bytes, an IPv6 header first.
 */
export function ipv6Fragment(spec: FragmentSpec): Uint8Array {
  const id = spec.id ?? 1;
  const fragment = new Uint8Array(8 + spec.data.length);
  fragment[0] = spec.protocol ?? 17;
  fragment[2] = spec.offset >> 8;
  fragment[3] = (spec.offset & 0xf8) | ((spec.more ?? true) ? 1 : 0);
  new DataView(fragment.buffer).setUint32(4, id >>> 0);
  fragment.set(spec.data, 8);
  let payload = fragment;
  let nextHeader = 44;
  if (spec.destinationOptions === true) {
    payload = new Uint8Array(8 + fragment.length);
    payload.set([44, 0, 1, 4, 0, 0, 0, 0]);
    payload.set(fragment, 8);
    nextHeader = 60;
  }
  return buildIpv6({
    source: `2001:db8::${spec.source ?? 1}`,
    destination: "2001:db8::2",
    nextHeader,
    payload,
  });
}

/**
 * Builds and decodes a fragment.
 *
 * @param version 4 or 6.
 * @param spec The fragment.
 * @returns The decoded packet (raw IP link type).
 */
export function fragmentPacket(version: 4 | 6, spec: FragmentSpec): Packet {
  return version === 4
    ? decode(LinkType.IPV4, ipv4Fragment(spec))
    : decode(LinkType.IPV6, ipv6Fragment(spec));
}

/**
 * Bytes of one letter repeated.
 *
 * @param letter The letter.
 * @param count How many bytes.
 * @returns The bytes.
 */
export function letters(letter: string, count: number): Uint8Array {
  return new Uint8Array(count).fill(letter.charCodeAt(0));
}

/**
 * The Sturges/Novak overlap test (Novak, "Target-Based Fragmentation Reassembly", 2005, as
 * Suricata's defrag tests lay it out): [letter, offset in bytes, length in bytes], in
 * arrival order; nine original fragments, then eight that overlap them, the last one (Q)
 * completing the datagram.
 */
export const NOVAK: [string, number, number][] = [
  ["A", 0, 24],
  ["B", 32, 16],
  ["C", 48, 24],
  ["D", 80, 8],
  ["E", 104, 16],
  ["F", 120, 24],
  ["G", 144, 16],
  ["H", 160, 16],
  ["I", 176, 8],
  ["J", 8, 32],
  ["K", 48, 24],
  ["L", 72, 24],
  ["M", 96, 24],
  ["N", 128, 8],
  ["O", 152, 8],
  ["P", 160, 8],
  ["Q", 176, 16],
];
