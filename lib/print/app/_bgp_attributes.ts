/**
 * BGP path attributes as tcpdump's bgp_attr_print() writes them at `-v`: each attribute's
 * value after its header line, MP_REACH_NLRI and MP_UNREACH_NLRI with their next hops and
 * prefixes, extended communities (bgp_extended_community_print()), and a hex dump of the
 * attributes it has no decoder for. Private to `lib/print/app/`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { formatIpv4, formatIpv6 } from "../../address.ts";
import { readUint16, readUint32 } from "../../_bytes.ts";
import {
  AsPathCursor,
  BgpAttributeType as T,
  type BgpMpReach,
  BgpUpdateCursor,
  BgpUpdateItem,
  isKnownBgpFamily,
  nextHopSize,
  plainPrefixBits,
  readMpReach,
} from "../../app/_bgp_update.ts";
import { unknownData } from "../_hex.ts";
import { bitNames } from "../_shared.ts";
import { nsap } from "../net/_isis_tlvs.ts";
import { EXTENDED_COMMUNITY_NAMES, extendedCommunity } from "./_bgp_communities.ts";

/** Thrown where tcpdump's GET macros pass the captured end: it gives up the packet. */
export class BgpCut {}

/** Path attribute names (bgp_attr_values). */
export const ATTRIBUTE_NAMES: ReadonlyMap<number, string> = new Map([
  [1, "Origin"],
  [2, "AS Path"],
  [17, "AS4 Path"],
  [3, "Next Hop"],
  [4, "Multi Exit Discriminator"],
  [5, "Local Preference"],
  [6, "Atomic Aggregate"],
  [7, "Aggregator"],
  [18, "Aggregator4"],
  [8, "Community"],
  [9, "Originator ID"],
  [10, "Cluster List"],
  [11, "DPA"],
  [12, "Advertisers"],
  [13, "RCID Path / Cluster ID"],
  [14, "Multi-Protocol Reach NLRI"],
  [15, "Multi-Protocol Unreach NLRI"],
  [16, "Extended Community"],
  [22, "PMSI Tunnel"],
  [23, "Tunnel Encapsulation"],
  [24, "Traffic Engineering"],
  [25, "IPv6 Extended Community"],
  [26, "Accumulated IGP Metric"],
  [27, "PE Distinguisher Label"],
  [28, "Entropy Label"],
  [32, "Large Community"],
  [128, "Attribute Set"],
  [255, "Reserved for development"],
]);

/** Address family names (af_values). */
export const AFI_NAMES: ReadonlyMap<number, string> = new Map([
  [0, "Reserved"],
  [1, "IPv4"],
  [2, "IPv6"],
  [3, "NSAP"],
  [4, "HDLC"],
  [5, "BBN 1822"],
  [6, "802"],
  [7, "E.163"],
  [8, "E.164"],
  [9, "F.69"],
  [10, "X.121"],
  [11, "Novell IPX"],
  [12, "Appletalk"],
  [13, "Decnet IV"],
  [14, "Banyan Vines"],
  [15, "E.164 with NSAP subaddress"],
  [196, "Layer-2 VPN"],
  [25, "VPLS"],
]);

/** Subsequent address family names (bgp_safi_values). */
export const SAFI_NAMES: ReadonlyMap<number, string> = new Map([
  [0, "Reserved"],
  [1, "Unicast"],
  [2, "Multicast"],
  [3, "Unicast+Multicast"],
  [4, "labeled Unicast"],
  [5, "Multicast VPN"],
  [64, "Tunnel"],
  [65, "VPLS"],
  [66, "MDT"],
  [70, "EVPN"],
  [128, "labeled VPN Unicast"],
  [129, "labeled VPN Multicast"],
  [130, "labeled VPN Unicast+Multicast"],
  [132, "Route Target Routing Information"],
]);

const ORIGINS = ["IGP", "EGP", "Incomplete"];
const SEGMENT_OPEN = [undefined, "{ ", "", "( ", "({ "];
const SEGMENT_CLOSE = [undefined, "}", "", ")", "})"];
const WELL_KNOWN_COMMUNITIES: ReadonlyMap<number, string> = new Map([
  [0xffffff01, " NO_EXPORT"],
  [0xffffff02, " NO_ADVERTISE"],
  [0xffffff03, " NO_EXPORT_SUBCONFED"],
]);
const EXTENDED_FLAGS: readonly (readonly [number, string])[] = [
  [0x8000, "vendor-specific"],
  [0x4000, "non-transitive"],
];
const PMSI_TUNNELS = [
  undefined,
  "RSVP-TE P2MP LSP",
  "LDP P2MP LSP",
  "PIM-SSM Tree",
  "PIM-SM Tree",
  "PIM-Bidir Tree",
  "Ingress Replication",
  "LDP MP2MP LSP",
];
const PMSI_FLAGS: readonly (readonly [number, string])[] = [[0x01, "Leaf Information required"]];

const mpReach: BgpMpReach = {
  afi: 0,
  safi: 0,
  nextHopLength: -1,
  nextHopAt: 0,
  snpaCount: -1,
  snpaRead: 0,
  snpaAt: 0,
  nlriAt: -1,
};
const prefixes = new BgpUpdateCursor();
const asPath = new AsPathCursor();
const scratch = new Uint8Array(16);

/**
 * A prefix as decode_prefix4() and decode_prefix6() write it: the address with the bits
 * past its length cleared, `/`, the length.
 *
 * @param d The bytes.
 * @param at Where the prefix (its length byte) starts.
 * @param ipv6 Whether it is an IPv6 prefix.
 * @returns The text, such as `10.0.2.0/24`.
 */
export function formatPrefix(d: Uint8Array, at: number, ipv6: boolean): string {
  const bits = d[at]!;
  const size = (bits + 7) >> 3;
  scratch.fill(0);
  scratch.set(d.subarray(at + 1, at + 1 + size));
  if (bits % 8 !== 0) scratch[size - 1]! &= (0xff00 >> (bits % 8)) & 0xff;
  return `${ipv6 ? formatIpv6(scratch, 0) : formatIpv4(scratch, 0)}/${bits}`;
}

/**
 * An attribute's flags as tcpdump writes them after its length: `, Flags [OT` (optional,
 * transitive, partial, extended length), `+` and the low bits in hex when set, `]`.
 *
 * @param flags The flags byte (not zero).
 * @returns The text.
 */
export function attributeFlags(flags: number): string {
  let text = ", Flags [";
  if ((flags & 0x80) !== 0) text += "O";
  if ((flags & 0x40) !== 0) text += "T";
  if ((flags & 0x20) !== 0) text += "P";
  if ((flags & 0x10) !== 0) text += "E";
  if ((flags & 0xf) !== 0) text += `+${(flags & 0xf).toString(16)}`;
  return text + "]";
}

/** An AFI and SAFI as bgp_mp_af_print() writes them. */
function family(afi: number, safi: number): string {
  const vendor = safi > 128 ? "vendor specific " : "";
  return `\n\t    AFI: ${AFI_NAMES.get(afi) ?? "Unknown AFI"} (${afi}), ${vendor}` +
    `SAFI: ${SAFI_NAMES.get(safi) ?? "Unknown SAFI"} (${safi})`;
}

/** An RFC 4364 route distinguisher as bgp_vpn_rd_print() writes it. */
function routeDistinguisher(d: Uint8Array, at: number): string {
  const dotted = (p: number) => `${d[p]}.${d[p + 1]}.${d[p + 2]}.${d[p + 3]}`;
  switch (readUint16(d, at)) {
    case 0:
      return `${readUint16(d, at + 2)}:${readUint32(d, at + 4)} (= ${dotted(at + 4)})`;
    case 1:
      return `${dotted(at + 2)}:${readUint16(d, at + 6)}`;
    case 2:
      return `${readUint32(d, at + 2)}:${readUint16(d, at + 6)} (${dotted(at + 2)}:${
        readUint16(d, at + 6)
      })`;
    default:
      return "unknown RD format";
  }
}

/**
 * Prints the value of one path attribute, as bgp_attr_print().
 *
 * @param ctx The print context.
 * @param type The attribute's type code.
 * @param at Where its value starts.
 * @param length Its length.
 * @param end Where the captured bytes end.
 * @param level How deep in ATTR_SETs it lies (0 outside them).
 * @returns `false` where tcpdump stops the message (`[|bgp]` follows).
 * @throws {BgpCut} Where tcpdump gives up the packet.
 */
export function printAttribute(
  ctx: PrintContext,
  type: number,
  at: number,
  length: number,
  end: number,
  level: number,
): boolean {
  const left = attributeValue(ctx, type, at, length, end, level);
  if (left < 0) return false;
  // tcpdump dumps the value at -vv, for as many bytes as its count has left.
  if (ctx.verbose > 1 && left !== 0) unknownData(ctx, at, left, "\n\t    ");
  return true;
}

/** The value's text; returns -1 for `[|bgp]`, else the count tcpdump's -vv dump uses. */
function attributeValue(
  ctx: PrintContext,
  type: number,
  at: number,
  length: number,
  end: number,
  level: number,
): number {
  const out = ctx.out;
  const d = ctx.data;
  const need = (p: number, n: number) => {
    if (p + n > end) throw new BgpCut();
  };
  const invalid = () => {
    out.ascii("invalid len");
    return length;
  };
  switch (type) {
    case T.ORIGIN:
      if (length !== 1) return invalid();
      out.ascii(ORIGINS[d[at]!] ?? "Unknown Origin Typecode");
      break;
    case T.AS_PATH:
    case T.AS4_PATH: {
      if (length % 2 !== 0) return invalid();
      if (length === 0) {
        out.ascii("empty");
        break;
      }
      const path = asPath.reset(d, type, at, length, end);
      while (path.nextSegment()) {
        out.ascii(SEGMENT_OPEN[path.segmentType] ?? "?");
        for (let i = 0; i < path.count; i++) {
          const number = path.number(i);
          if (number < 0) return -1;
          out.ascii(`${number} `);
        }
        out.ascii(SEGMENT_CLOSE[path.segmentType] ?? "?");
      }
      break;
    }
    case T.NEXT_HOP:
    case T.ORIGINATOR_ID:
      if (length !== 4) return invalid();
      out.ascii(formatIpv4(d, at));
      break;
    case T.MULTI_EXIT_DISC:
    case T.LOCAL_PREF:
      if (length !== 4) return invalid();
      out.ascii(`${readUint32(d, at)}`);
      break;
    case T.ATOMIC_AGGREGATE:
      if (length !== 0) return invalid();
      break;
    case T.AGGREGATOR:
    case T.AS4_AGGREGATOR:
      if (length !== 8 && (length !== 6 || type === T.AS4_AGGREGATOR)) return invalid();
      if (length === 6) out.ascii(` AS #${readUint16(d, at)}, origin ${formatIpv4(d, at + 2)}`);
      else out.ascii(` AS #${readUint32(d, at)}, origin ${formatIpv4(d, at + 4)}`);
      break;
    case T.COMMUNITIES:
      if (length % 4 !== 0) return invalid();
      for (let p = at; p < at + length; p += 4) {
        const community = readUint32(d, p);
        const name = WELL_KNOWN_COMMUNITIES.get(community);
        if (name !== undefined) out.ascii(name);
        else {
          out.ascii(`${community >>> 16}:${community & 0xffff}`);
          if (p + 4 < at + length) out.ascii(", ");
        }
      }
      break;
    case T.CLUSTER_LIST:
      if (length % 4 !== 0) return invalid();
      for (let p = at; p < at + length; p += 4) {
        out.ascii(formatIpv4(d, p));
        if (p + 4 < at + length) out.ascii(", ");
      }
      break;
    case T.MP_REACH_NLRI:
      if (at + 3 > end || length < 3) return -1;
      return reach(ctx, at, length, end);
    case T.MP_UNREACH_NLRI: {
      if (at + 3 > end) return -1;
      const afi = readUint16(d, at);
      const safi = d[at + 2]!;
      out.ascii(family(afi, safi));
      if (!isKnownBgpFamily(afi, safi)) return noFamilyDecoder(ctx, afi, safi, at, length);
      if (length === 3) out.ascii("\n\t      End-of-Rib Marker (empty NLRI)");
      if (length > 3 && !nlri(ctx, afi, safi, at + 3, at, length, end)) return -1;
      break;
    }
    case T.EXTENDED_COMMUNITIES:
      if (length % 8 !== 0) return invalid();
      for (let p = at; p < at + length; p += 8) {
        const subtype = readUint16(d, p);
        out.ascii(
          `\n\t    ${EXTENDED_COMMUNITY_NAMES.get(subtype) ?? "unknown extd community typecode"}`,
        );
        out.ascii(` (0x${subtype.toString(16).padStart(4, "0")}), Flags [`);
        out.ascii(`${bitNames(EXTENDED_FLAGS, subtype)}]: ${extendedCommunity(d, p)}`);
      }
      break;
    case T.PMSI_TUNNEL: {
      if (at + 5 > end || length < 5) return -1;
      const tunnel = d[at + 1]!;
      out.ascii(`\n\t    Tunnel-type ${PMSI_TUNNELS[tunnel] ?? "Unknown"} (${tunnel}), Flags [`);
      out.ascii(
        `${bitNames(PMSI_FLAGS, d[at]!)}], MPLS Label ${(readUint32(d, at + 1) & 0xffffff) >>> 4}`,
      );
      const p = at + 5;
      const two = (first: string, second: string, hex: boolean) => {
        need(p, 8);
        const value = hex
          ? `0x${readUint32(d, p + 4).toString(16).padStart(8, "0")}`
          : formatIpv4(d, p + 4);
        out.ascii(`\n\t      ${first} ${formatIpv4(d, p)}, ${second} ${value}`);
      };
      if (tunnel === 4 || tunnel === 5) two("Sender", "P-Group", false);
      else if (tunnel === 3) two("Root-Node", "P-Group", false);
      else if (tunnel === 2 || tunnel === 7) two("Root-Node", "LSP-ID", true);
      else if (tunnel === 1) two("Extended-Tunnel-ID", "P2MP-ID", true);
      else if (tunnel === 6) {
        need(p, 4);
        out.ascii(`\n\t      Tunnel-Endpoint ${formatIpv4(d, p)}`);
      } else if (ctx.verbose <= 1) unknownData(ctx, p, length - 5, "\n\t      ");
      break;
    }
    case T.AIGP:
      for (let p = at, left = length; left >= 3;) {
        const tlv = d[p]!;
        let tlvLength = readUint16(d, p + 1);
        p += 3;
        left -= 3;
        out.ascii(`\n\t    ${tlv === 1 ? "AIGP" : "Unknown"} TLV (${tlv}), length ${tlvLength}`);
        if (tlvLength < 3) return -1;
        tlvLength -= 3;
        if (left < tlvLength) return -1;
        if (tlv === 1) {
          if (tlvLength < 8) return -1;
          const metric = (BigInt(readUint32(d, p)) << 32n) | BigInt(readUint32(d, p + 4));
          out.ascii(`, metric ${metric}`);
        } else if (ctx.verbose <= 1) unknownData(ctx, p, tlvLength, "\n\t      ");
        p += tlvLength;
        left -= tlvLength;
      }
      break;
    case T.ATTR_SET:
      return attributeSet(ctx, at, length, end, level);
    case T.LARGE_COMMUNITY:
      if (length === 0 || length % 12 !== 0) return invalid();
      out.ascii("\n\t    ");
      for (let p = at; p < at + length; p += 12) {
        out.ascii(`${readUint32(d, p)}:${readUint32(d, p + 4)}:${readUint32(d, p + 8)}`);
        if (p + 12 < at + length) out.ascii(", ");
      }
      // tcpdump counts the value down to 0: no -vv dump.
      return 0;
    default:
      out.ascii(`\n\t    no Attribute ${type} decoder`);
      if (ctx.verbose <= 1) unknownData(ctx, at, length, "\n\t    ");
  }
  return length;
}

/** "no AFI / SAFI decoder" and the value in hex at -v, as bgp_mp_af_print(). */
function noFamilyDecoder(
  ctx: PrintContext,
  afi: number,
  safi: number,
  at: number,
  length: number,
): number {
  ctx.out.ascii(`\n\t    no AFI ${afi} / SAFI ${safi} decoder`);
  if (ctx.verbose <= 1) unknownData(ctx, at, length, "\n\t    ");
  return length;
}

/** MP_REACH_NLRI: family, next hops, SNPAs and prefixes. */
function reach(ctx: PrintContext, at: number, length: number, end: number): number {
  const out = ctx.out;
  const d = ctx.data;
  const layout = readMpReach(d, at, length, mpReach);
  const { afi, safi } = layout;
  out.ascii(family(afi, safi));
  if (!isKnownBgpFamily(afi, safi)) return noFamilyDecoder(ctx, afi, safi, at, length);
  if (layout.nextHopLength < 0) return -1;
  const hops = layout.nextHopLength;
  if (hops !== 0) {
    if (layout.nextHopAt + hops > at + length) return -1;
    out.ascii("\n\t    nexthop: ");
    const size = nextHopSize(afi, safi);
    for (let p = layout.nextHopAt, left = hops; left !== 0;) {
      if (p !== layout.nextHopAt) out.ascii(", ");
      if (size === 0 || left < size) {
        out.ascii(size === 0 ? nsap(d, p, left) : "invalid len");
        break;
      }
      const rd = size === 12 || size === 24 ? `RD: ${routeDistinguisher(d, p)}, ` : "";
      const address = size - (rd === "" ? 0 : 8);
      const hop = p + size - address;
      out.ascii(rd + (address === 16 ? formatIpv6(d, hop) : formatIpv4(d, hop)));
      p += size;
      left -= size;
    }
  }
  out.ascii(`, nh-length: ${hops}`);
  if (layout.snpaCount < 0) return -1;
  if (layout.snpaCount === 0) out.ascii(", no SNPA");
  else {
    out.ascii(`\n\t    ${layout.snpaCount} SNPA`);
    for (let i = 0, p = layout.snpaAt; i < layout.snpaRead; i++, p += 1 + d[p]!) {
      out.ascii(`\n\t      ${d[p]} bytes`);
    }
    if (layout.nlriAt < 0) return -1;
  }
  return nlri(ctx, afi, safi, layout.nlriAt, at, length, end) ? length : -1;
}

/** The prefixes of an MP attribute; `false` for `[|bgp]`. */
function nlri(
  ctx: PrintContext,
  afi: number,
  safi: number,
  from: number,
  at: number,
  length: number,
  end: number,
): boolean {
  const bits = plainPrefixBits(afi, safi);
  if (bits === 0 || from >= at + length) return true;
  const out = ctx.out;
  const walk = prefixes.resetPrefixes(ctx.data, from, at + length, length, end, bits);
  for (;;) {
    switch (walk.next()) {
      case BgpUpdateItem.PREFIX:
        out.ascii(`\n\t      ${formatPrefix(ctx.data, walk.at, bits === 128)}`);
        break;
      case BgpUpdateItem.ILLEGAL_PREFIX:
        out.ascii("\n\t    (illegal prefix length)");
        break;
      case BgpUpdateItem.TRUNCATED:
        return false;
      case BgpUpdateItem.CUT:
        throw new BgpCut();
      default:
        return true;
    }
    if (walk.addPath) out.ascii(`   Path Id: ${walk.pathId}`);
  }
}

/** ATTR_SET: its origin AS and the attributes inside, each printed again. */
function attributeSet(
  ctx: PrintContext,
  at: number,
  length: number,
  end: number,
  level: number,
): number {
  const out = ctx.out;
  if (at + 4 > end || length < 4) return -1;
  out.ascii(`\n\t    Origin AS: ${readUint32(ctx.data, at)}`);
  const walk = new BgpUpdateCursor().resetAttributes(ctx.data, at + 4, length - 4, end);
  for (;;) {
    const item = walk.next();
    if (item === BgpUpdateItem.TRUNCATED) return -1;
    if (item === BgpUpdateItem.DONE) return 0;
    if (item === BgpUpdateItem.ATTRIBUTES_SHORT) return shortSet(ctx, walk);
    out.ascii(`\n\t      ${ATTRIBUTE_NAMES.get(walk.type) ?? "Unknown Attribute"} (${walk.type})`);
    out.ascii(`, length: ${walk.length}`);
    if (walk.flags !== 0) out.ascii(attributeFlags(walk.flags));
    out.ascii(": ");
    if (item === BgpUpdateItem.VALUE_SHORT) return shortSet(ctx, walk);
    if (level === 10) out.ascii("(too many nested levels, not recursing)");
    else if (!printAttribute(ctx, walk.type, walk.valueAt, walk.length, end, level + 1)) return -1;
  }
}

/** An ATTR_SET cut short: tcpdump's -vv dump then covers the bytes its count had left. */
function shortSet(ctx: PrintContext, walk: BgpUpdateCursor): number {
  ctx.out.ascii(" [path attr too short]");
  return walk.skipped;
}
