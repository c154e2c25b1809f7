/**
 * OSPFv3 link-state advertisements (RFC 5340 appendix A.4): the bodies of router, network,
 * inter-area prefix, AS-external, link and intra-area prefix LSAs, and the Grace and TE
 * LSAs' TLVs, walked as tcpdump's ospf6_print_lsa() walks them (its length checks, its
 * bounds checks, its reads). Private to `lib/net/`: the {@linkcode Ospf} layer exposes them.
 *
 * @module
 */

import { readUint16, readUint32 } from "../_bytes.ts";
import { type OspfLsaHeader, readLsaHeader } from "./_ospf_lsa.ts";
import { OpaqueType, type OspfOpaqueTlvs, readOpaqueTlvs } from "./_ospf_opaque.ts";

/**
 * Why a walk ended early: `"truncated"` where tcpdump's own length or bounds check fails
 * (it prints ` [|ospf3]` and ends the packet), `"cut"` where it reads past the captured
 * bytes (the same mark, by a jump out of its printers).
 */
export type Ospf6Stop = "truncated" | "cut";

/** An address prefix (RFC 5340 A.4.1). */
export interface Ospf6Prefix {
  /** The prefix length in bits. */
  readonly length: number;
  /** The prefix options (NU, LA, MC, P, DN, N). */
  readonly options: number;
  /** The 16-bit metric field (the referenced LS type in an AS-external LSA). */
  readonly metric: number;
  /** The address: the 32-bit words carried, then zeros (16 bytes, a copy). */
  readonly address: Uint8Array;
}

/** One link of a router LSA: offsets of 4-byte fields in the packet's `data`. */
export interface Ospf6RouterLink {
  /** The link type (1 point-to-point, 2 transit, 4 virtual). */
  readonly type: number;
  /** The metric. */
  readonly metric: number;
  /** Offset of the interface ID. */
  readonly interfaceIdAt: number;
  /** Offset of the neighbor interface ID. */
  readonly neighborInterfaceIdAt: number;
  /** Offset of the neighbor router ID. */
  readonly neighborRouterIdAt: number;
}

/** An OSPFv3 LSA: its header and the body fields read (undefined where not reached). */
export interface Ospf6Lsa {
  /** The header. */
  readonly header: OspfLsaHeader;
  /** Why the walk ended inside this LSA (the fields read before it are set). */
  stop?: Ospf6Stop;
  /** Router, network and link LSAs: the 32-bit options word (a router LSA's flags on top). */
  options?: number;
  /** Router LSA: the links read; one of an unknown type ends the list. */
  links?: Ospf6RouterLink[];
  /** Network LSA: offsets of the attached routers read. */
  routersAt?: number[];
  /** Inter-area prefix and AS-external LSAs: the 32-bit word with the metric. */
  metricWord?: number;
  /** The prefixes read. */
  prefixes?: Ospf6Prefix[];
  /** A prefix length over 128, which ended the walk (tcpdump says "bogus prefixlen"). */
  bogusPrefixLength?: number;
  /** AS-external LSA: offsets of the forwarding address, tag and referenced LS ID. */
  forwardAt?: number;
  /** AS-external LSA: offset of the external route tag. */
  tagAt?: number;
  /** AS-external LSA: offset of the referenced link state ID. */
  referencedIdAt?: number;
  /** Link LSA: offset of the link-local address; its priority and prefix count. */
  linkLocalAt?: number;
  /** Link and intra-area prefix LSAs: the number of prefixes announced. */
  prefixCount?: number;
  /** Intra-area prefix LSA: the referenced LS type. */
  referencedType?: number;
  /** Intra-area prefix LSA: offset of the referenced link state ID. */
  referencedLsaIdAt?: number;
  /** Grace and Intra-Area-TE LSAs: their TLVs. */
  opaque?: OspfOpaqueTlvs;
  /** Other types: the body's offset and length (dumped in hex). */
  unknownAt?: number;
}

/** The LSA type codes ospf6_print_lsa() reads a body of (the whole 16 bits). */
export const Ospf6LsaType = {
  ROUTER: 0x2001,
  NETWORK: 0x2002,
  INTER_AREA_PREFIX: 0x2003,
  AS_EXTERNAL: 0x4005,
  LINK: 0x0008,
  INTRA_AREA_PREFIX: 0x2009,
  INTRA_AREA_TE: 0x000a,
  GRACE: 0x000b,
} as const;

/** AS-external flags: a forwarding address and a route tag follow the prefix. */
const FORWARD = 0x02000000;
const TAG = 0x01000000;

type PrefixRead = { prefix: Ospf6Prefix; size: number } | { stop: Ospf6Stop; bogus?: number };

/** Reads a prefix of at most `left` bytes, as ospf6_print_lsaprefix() checks it. */
function readPrefix(d: Uint8Array, at: number, left: number, end: number): PrefixRead {
  if (left < 4 || at + 4 > end) return { stop: "truncated" };
  const length = d[at]!;
  const words = (length + 31) >> 5;
  if (words > 4) return { stop: "truncated", bogus: length };
  if (left - 4 < words * 4) return { stop: "truncated" };
  if (at + 4 + words * 4 > end) return { stop: "cut" };
  const address = new Uint8Array(16);
  address.set(d.subarray(at + 4, at + 4 + words * 4));
  const prefix = { length, options: d[at + 1]!, metric: readUint16(d, at + 2), address };
  return { prefix, size: 4 + words * 4 };
}

/**
 * Reads prefixes into `lsa` from `at`: `count` of them, or while bytes are `left` when
 * `count` is undefined. Returns the bytes left, or -1 when the walk stopped.
 */
function readPrefixes(
  d: Uint8Array,
  lsa: Ospf6Lsa,
  at: number,
  left: number,
  end: number,
  count?: number,
): number {
  const prefixes: Ospf6Prefix[] = lsa.prefixes = [];
  for (let i = 0; count === undefined ? left !== 0 : i < count; i++) {
    const read = readPrefix(d, at, left, end);
    if ("stop" in read) {
      lsa.stop = read.stop;
      if (read.bogus !== undefined) lsa.bogusPrefixLength = read.bogus;
      return -1;
    }
    prefixes.push(read.prefix);
    at += read.size;
    left -= read.size;
  }
  return left;
}

/**
 * Reads the OSPFv3 LSA at `at`, as tcpdump's ospf6_print_lsa() walks it.
 *
 * @param d The packet bytes.
 * @param at The LSA's offset.
 * @param dataEnd Where the OSPF packet ends (its length field).
 * @param end Where the captured bytes end.
 * @returns The LSA, or why the walk stopped before its header.
 */
export function readLsa6(
  d: Uint8Array,
  at: number,
  dataEnd: number,
  end: number,
): Ospf6Lsa | Ospf6Stop {
  if (at + 20 > dataEnd) return "truncated";
  const header = readLsaHeader(d, at, end, 3);
  if (header === undefined) return "cut";
  const lsa: Ospf6Lsa = { header };
  const length = header.length;
  if (length < 20 || at + length > dataEnd) return { header, stop: "truncated" };
  const body = at + 20;
  let left = length - 20;
  // `size` more bytes of the LSA length, captured up to `checked`: a capture ending before
  // is a read past it ("cut"), or a bounds check's failure where tcpdump tests first.
  const need = (size: number, checked = body + size, uncaptured: Ospf6Stop = "cut"): boolean => {
    if (left < size) lsa.stop = "truncated";
    else if (checked > end) lsa.stop = uncaptured;
    else left -= size;
    return lsa.stop === undefined;
  };
  switch (header.type) {
    case Ospf6LsaType.ROUTER: {
      if (!need(4)) break;
      lsa.options = readUint32(d, body);
      const links: Ospf6RouterLink[] = lsa.links = [];
      for (let p = body + 4; left !== 0; p += 16) {
        if (!need(16, p + 16, "truncated")) break;
        const type = d[p]!;
        links.push({
          type,
          metric: readUint16(d, p + 2),
          interfaceIdAt: p + 4,
          neighborInterfaceIdAt: p + 8,
          neighborRouterIdAt: p + 12,
        });
        if (type !== 1 && type !== 2 && type !== 4) break;
      }
      break;
    }
    case Ospf6LsaType.NETWORK: {
      if (!need(4)) break;
      lsa.options = readUint32(d, body);
      const routersAt: number[] = lsa.routersAt = [];
      for (let p = body + 4; left !== 0; p += 4) {
        if (!need(4, p + 4)) break;
        routersAt.push(p);
      }
      break;
    }
    case Ospf6LsaType.INTER_AREA_PREFIX:
      if (!need(4)) break;
      lsa.metricWord = readUint32(d, body);
      readPrefixes(d, lsa, body + 4, left, end);
      break;
    case Ospf6LsaType.AS_EXTERNAL: {
      if (!need(4)) break;
      const word = lsa.metricWord = readUint32(d, body);
      left = readPrefixes(d, lsa, body + 4, left, end, 1);
      if (left < 0) break;
      let p = body + 4 + (length - 24 - left);
      if ((word & FORWARD) !== 0) {
        if (!need(16, p + 16)) break;
        lsa.forwardAt = p;
        p += 16;
      }
      if ((word & TAG) !== 0) {
        if (!need(4, p + 4)) break;
        lsa.tagAt = p;
        p += 4;
      }
      // tcpdump tests the referenced LS type's first byte only.
      if (d[body + 6]! !== 0) {
        if (!need(4, p + 4)) break;
        lsa.referencedIdAt = p;
      }
      break;
    }
    case Ospf6LsaType.LINK:
      if (!need(4, body + 4, "truncated")) break;
      lsa.options = readUint32(d, body);
      if (!need(20, body + 24)) break;
      lsa.linkLocalAt = body + 4;
      lsa.prefixCount = readUint32(d, body + 20);
      readPrefixes(d, lsa, body + 24, left, end, lsa.prefixCount);
      break;
    case Ospf6LsaType.INTRA_AREA_PREFIX:
      // tcpdump counts 6 of the 12 bytes before the prefixes (the router ID's 4 and the
      // count's 2) and reads the prefixes from byte 12: they may run 6 bytes past the LSA.
      if (!need(4, body + 12, "truncated")) break;
      lsa.referencedType = readUint16(d, body + 2);
      lsa.referencedLsaIdAt = body + 4;
      if (!need(2, body)) break;
      lsa.prefixCount = readUint16(d, body);
      readPrefixes(d, lsa, body + 12, left, end, lsa.prefixCount);
      break;
    case Ospf6LsaType.GRACE:
    case Ospf6LsaType.INTRA_AREA_TE: {
      const kind = header.type === Ospf6LsaType.GRACE ? OpaqueType.GRACE : OpaqueType.TE;
      lsa.opaque = readOpaqueTlvs(d, body, left, end, kind);
      break;
    }
    default:
      lsa.unknownAt = body;
  }
  return lsa;
}
