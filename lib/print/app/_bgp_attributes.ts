/**
 * BGP path attributes as tcpdump's bgp_attr_print() writes them at `-v`: each attribute's
 * value after its header line, extended communities (bgp_extended_community_print()),
 * and a hex dump of the attributes it has no decoder for. Private to `lib/print/app/`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { formatIpv4 } from "../../address.ts";
import { BgpAigpTlvs, BgpAttributeFields, BgpExtendedCommunity } from "../../app/_bgp_values.ts";
import {
  AsPathCursor,
  BgpAttributeType as T,
  isKnownBgpFamily,
} from "../../app/_bgp_attributes.ts";
import { BgpUpdateCursor, BgpUpdateItem } from "../../app/_bgp_update.ts";
import { unknownData } from "../_hex.ts";
import { hex2 } from "../../_hex.ts";
import { bitNames } from "../_shared.ts";
import { EXTENDED_COMMUNITY_NAMES, extendedCommunityValue } from "./_bgp_communities.ts";
import { BgpCut, familyLine, noFamilyDecoder, printMpPrefixes, printMpReach } from "./_bgp_mp.ts";

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

const asPath = new AsPathCursor();
const community = new BgpExtendedCommunity();

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
  const value = new BgpAttributeFields().reset(d, at, length);
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
      out.ascii(ORIGINS[value.origin] ?? "Unknown Origin Typecode");
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
      out.ascii(`${value.number}`);
      break;
    case T.ATOMIC_AGGREGATE:
      if (length !== 0) return invalid();
      break;
    case T.AGGREGATOR:
    case T.AS4_AGGREGATOR:
      if (length !== 8 && (length !== 6 || type === T.AS4_AGGREGATOR)) return invalid();
      out.ascii(` AS #${value.aggregatorAs}, origin ${formatIpv4(d, value.aggregatorAddressAt)}`);
      break;
    case T.COMMUNITIES:
      if (length % 4 !== 0) return invalid();
      for (let i = 0; i < length / 4; i++) {
        const number = value.community(i);
        const name = WELL_KNOWN_COMMUNITIES.get(number);
        if (name !== undefined) out.ascii(name);
        else {
          out.ascii(`${number >>> 16}:${number & 0xffff}`);
          if (4 * (i + 1) < length) out.ascii(", ");
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
      return printMpReach(ctx, at, length, end);
    case T.MP_UNREACH_NLRI: {
      if (at + 3 > end) return -1;
      const { afi, safi } = value;
      out.ascii(familyLine(afi, safi));
      if (!isKnownBgpFamily(afi, safi)) return noFamilyDecoder(ctx, afi, safi, at, length);
      if (length === 3) out.ascii("\n\t      End-of-Rib Marker (empty NLRI)");
      if (length > 3 && !printMpPrefixes(ctx, afi, safi, at + 3, at, length, end)) return -1;
      break;
    }
    case T.EXTENDED_COMMUNITIES:
      if (length % 8 !== 0) return invalid();
      for (let p = at; p < at + length; p += 8) {
        const type = community.reset(d, p).type;
        out.ascii(
          `\n\t    ${EXTENDED_COMMUNITY_NAMES.get(type) ?? "unknown extd community typecode"}`,
        );
        out.ascii(` (0x${type.toString(16).padStart(4, "0")}), Flags [`);
        out.ascii(`${bitNames(EXTENDED_FLAGS, type)}]: ${extendedCommunityValue(community)}`);
      }
      break;
    case T.PMSI_TUNNEL: {
      if (at + 5 > end || length < 5) return -1;
      const tunnel = value.pmsiTunnelType;
      out.ascii(`\n\t    Tunnel-type ${PMSI_TUNNELS[tunnel] ?? "Unknown"} (${tunnel}), Flags [`);
      out.ascii(`${bitNames(PMSI_FLAGS, value.pmsiFlags)}], MPLS Label ${value.pmsiLabel}`);
      const p = value.pmsiIdentifierAt;
      // The identifier: an address, then an address or a 4-byte ID (in hex).
      const two = (first: string, second: string, hex: boolean) => {
        need(p, 8);
        const id = hex
          ? `0x${hex2(d[p + 4]!)}${hex2(d[p + 5]!)}${hex2(d[p + 6]!)}${hex2(d[p + 7]!)}`
          : formatIpv4(d, p + 4);
        out.ascii(`\n\t      ${first} ${formatIpv4(d, p)}, ${second} ${id}`);
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
      for (const tlvs = new BgpAigpTlvs().reset(d, at, length); tlvs.next();) {
        const tlv = tlvs.type;
        out.ascii(`\n\t    ${tlv === 1 ? "AIGP" : "Unknown"} TLV (${tlv}), length ${tlvs.length}`);
        if (tlvs.length < 3) return -1;
        const size = tlvs.length - 3;
        if (tlvs.left < size) return -1;
        if (tlv === 1) {
          if (size < 8) return -1;
          out.ascii(`, metric ${tlvs.metric}`);
        } else if (ctx.verbose <= 1) unknownData(ctx, tlvs.valueAt, size, "\n\t      ");
        tlvs.skip(size);
      }
      break;
    case T.ATTR_SET:
      return attributeSet(ctx, value, end, level);
    case T.LARGE_COMMUNITY:
      if (length === 0 || length % 12 !== 0) return invalid();
      out.ascii("\n\t    ");
      for (let i = 0; i < length / 12; i++) {
        out.ascii(
          `${value.largeCommunity(i, 0)}:${value.largeCommunity(i, 1)}:${
            value.largeCommunity(i, 2)
          }`,
        );
        if (12 * (i + 1) < length) out.ascii(", ");
      }
      // tcpdump counts the value down to 0: no -vv dump.
      return 0;
    default:
      out.ascii(`\n\t    no Attribute ${type} decoder`);
      if (ctx.verbose <= 1) unknownData(ctx, at, length, "\n\t    ");
  }
  return length;
}

function attributeSet(
  ctx: PrintContext,
  value: BgpAttributeFields,
  end: number,
  level: number,
): number {
  const out = ctx.out;
  const { at, length } = value;
  if (at + 4 > end || length < 4) return -1;
  out.ascii(`\n\t    Origin AS: ${value.number}`);
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
