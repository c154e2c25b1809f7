/**
 * MP_REACH_NLRI and MP_UNREACH_NLRI values (RFC 4760) as tcpdump's bgp_attr_print(),
 * bgp_mp_af_print() and bgp_nlri_print() write them: the family, next hops, SNPAs and
 * prefixes (plain, labeled, labeled VPN, route target membership). Private to
 * `lib/print/app/`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { formatIpv4, formatIpv6 } from "../../address.ts";
import {
  type BgpMpReach,
  BgpPrefixKind,
  bgpPrefixKind,
  isKnownBgpFamily,
  nextHopSize,
  nsapIpv4At,
  nsapIpv6At,
  readMpReach,
  snpaLengths,
} from "../../app/_bgp_attributes.ts";
import { BgpPrefixCursor, type BgpPrefixFields, BgpPrefixItem } from "../../app/_bgp_prefixes.ts";
import type { BgpMvpnRoute } from "../../app/_bgp_mvpn.ts";
import { BgpL2vpnRoute, L2vpnTlvCursor, L2vpnTlvItem } from "../../app/_bgp_l2vpn.ts";
import { BgpExtendedCommunity, BgpRouteDistinguisher } from "../../app/_bgp_values.ts";
import { unknownData } from "../_hex.ts";
import { hex2 } from "../../_hex.ts";
import { nsap } from "../net/_nsap.ts";
import { AFI_NAMES } from "../_names.ts";

/** Thrown where tcpdump's GET macros pass the captured end: it gives up the packet. */
export class BgpCut {}

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
const prefixes = new BgpPrefixCursor();
const scratch = new Uint8Array(20);
const targetCommunity = new BgpExtendedCommunity();

/** Copies a prefix's bytes into `scratch`, the bits past its length cleared; returns their count. */
function masked(d: Uint8Array, at: number, bits: number): number {
  const size = (bits + 7) >> 3;
  scratch.fill(0);
  scratch.set(d.subarray(at, at + size));
  if (bits % 8 !== 0) scratch[size - 1]! &= (0xff00 >> (bits % 8)) & 0xff;
  return size;
}

/**
 * A prefix as decode_prefix4(), decode_prefix6() and decode_clnp_prefix() write it: the
 * address with the bits past its length cleared, `/`, the length.
 *
 * @param d The bytes.
 * @param at Where the address bytes start.
 * @param bits The prefix's length.
 * @param afi The address family: 1 (IPv4), 2 (IPv6) or 3 (NSAP).
 * @returns The text, such as `10.0.2.0/24`.
 */
export function formatPrefix(d: Uint8Array, at: number, bits: number, afi: number): string {
  const size = masked(d, at, bits);
  const address = afi === 1
    ? formatIpv4(scratch, 0)
    : afi === 2
    ? formatIpv6(scratch, 0)
    : nsap(scratch, 0, size);
  return `${address}/${bits}`;
}

/** An AFI and SAFI as bgp_mp_af_print() writes them. */
export function familyLine(afi: number, safi: number): string {
  const vendor = safi > 128 ? "vendor specific " : "";
  return `\n\t    AFI: ${AFI_NAMES.get(afi) ?? "Unknown AFI"} (${afi}), ${vendor}` +
    `SAFI: ${SAFI_NAMES.get(safi) ?? "Unknown SAFI"} (${safi})`;
}

const rd = new BgpRouteDistinguisher();

/** An RFC 4364 route distinguisher as bgp_vpn_rd_print() writes it. */
export function routeDistinguisher(d: Uint8Array, at: number): string {
  rd.reset(d, at);
  switch (rd.type) {
    case 0:
      return `${rd.administrator}:${rd.assigned} (= ${formatIpv4(d, rd.assignedAt)})`;
    case 1:
      return `${formatIpv4(d, rd.administratorAt)}:${rd.assigned}`;
    case 2:
      // The 4-byte AS also as an IPv4 address.
      return `${rd.administrator}:${rd.assigned} (${
        formatIpv4(d, rd.administratorAt)
      }:${rd.assigned})`;
    default:
      return "unknown RD format";
  }
}

/** "no AFI / SAFI decoder" and the value in hex at -v, as bgp_mp_af_print(). */
export function noFamilyDecoder(
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
export function printMpReach(ctx: PrintContext, at: number, length: number, end: number): number {
  const out = ctx.out;
  const d = ctx.data;
  const layout = readMpReach(d, at, length, mpReach);
  const { afi, safi } = layout;
  out.ascii(familyLine(afi, safi));
  if (!isKnownBgpFamily(afi, safi)) return noFamilyDecoder(ctx, afi, safi, at, length);
  if (layout.nextHopLength < 0) return -1;
  const hops = layout.nextHopLength;
  if (hops !== 0) {
    if (layout.nextHopAt + hops > at + length) return -1;
    out.ascii("\n\t    nexthop: ");
    const size = nextHopSize(afi, safi);
    for (let p = layout.nextHopAt, left = hops; left !== 0;) {
      if (p !== layout.nextHopAt) out.ascii(", ");
      if (size === 0) {
        nsapNextHop(ctx, safi, p, left, end);
        break;
      }
      if (left < size) {
        out.ascii("invalid len");
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
    for (const snpa of snpaLengths(d, layout)) out.ascii(`\n\t      ${snpa} bytes`);
    if (layout.nlriAt < 0) return -1;
  }
  return printMpPrefixes(ctx, afi, safi, layout.nlriAt, at, length, end) ? length : -1;
}

const l2vpnTlvs = new L2vpnTlvCursor();
const l2vpn = new BgpL2vpnRoute();

/**
 * A layer 2 VPN route as decode_labeled_vpn_l2() writes it, into tcpdump's buffer of 164
 * bytes: what passes 163 characters is lost. Returns undefined where tcpdump drops the
 * route and stops the message.
 */
function l2vpnRoute(d: Uint8Array, at: number, end: number): string | undefined {
  const route = l2vpn.reset(d, at);
  const length = route.length;
  if (length === 12) {
    return `RD: ${routeDistinguisher(d, route.rdAt)}, BGPNH: ${formatIpv4(d, route.nextHopAt)}`;
  }
  // tcpdump reads the label base two bytes early, from the label block size on.
  const base = ((route.labelBlockSize << 8) | (route.labelBase >>> 12)) >>> 4;
  let text = `RD: ${routeDistinguisher(d, route.rdAt)}, CE-ID: ${route.ceId}, ` +
    `Label-Block Offset: ${route.labelBlockOffset}, Label Base ${base}`;
  const tlvs = l2vpnTlvs.reset(d, route.tlvsAt, length - 15, end);
  for (;;) {
    const item = tlvs.next();
    if (item === L2vpnTlvItem.DONE) break;
    if (item === L2vpnTlvItem.CUT) throw new BgpCut();
    if (item === L2vpnTlvItem.RAN_PAST) {
      text += "\n\t\tran past the end";
      break;
    }
    if (tlvs.type === 1) text += `\n\t\tcircuit status vector (1) length: ${tlvs.bits}: 0x`;
    else text += `\n\t\tunknown TLV #${tlvs.type}, length: ${tlvs.bits}`;
    const value = tlvs.value(164 - text.length);
    if (value === L2vpnTlvItem.TRUNCATED) return undefined;
    for (let i = 0; i < tlvs.shown; i++) text += hex2(d[tlvs.valueAt + i]!);
    if (value === L2vpnTlvItem.VALUE_RAN_PAST) {
      text += " (ran past the end)";
      break;
    }
  }
  return text.slice(0, 163);
}

const MVPN_ROUTES = [
  undefined,
  "Intra-AS I-PMSI",
  "Inter-AS I-PMSI",
  "S-PMSI",
  "Intra-AS Segment-Leaf",
  "Source-Active",
  "Shared Tree Join",
  "Source Tree Join",
];

/** An address of a multicast VPN route as bgp_vpn_ip_print() writes it. */
function vpnAddress(d: Uint8Array, at: number, bits: number): string {
  if (bits === 32) return formatIpv4(d, at);
  if (bits === 128) return formatIpv6(d, at);
  return `bogus address length ${bits}`;
}

/** A multicast VPN route as decode_multicast_vpn() writes it. */
function mvpnRoute(d: Uint8Array, route: BgpMvpnRoute): string {
  let text = `Route-Type: ${
    MVPN_ROUTES[route.type] ?? "Unknown"
  } (${route.type}), length: ${route.length}`;
  if (route.rdAt >= 0) text += `, RD: ${routeDistinguisher(d, route.rdAt)}`;
  if (route.type === 1) {
    text += `, Originator ${vpnAddress(d, route.originatorAt, route.originatorBits)}`;
  }
  if (route.sourceAs >= 0) text += `, Source-AS ${route.sourceAs}`;
  if (route.sourceAt >= 0) text += `, Source ${vpnAddress(d, route.sourceAt, route.sourceBits)}`;
  if (route.groupAt >= 0) text += `, Group ${vpnAddress(d, route.groupAt, route.groupBits)}`;
  if (route.type === 3) {
    text += `, Originator ${vpnAddress(d, route.originatorAt, route.originatorBits)}`;
  }
  return text;
}

/** An NSAP next hop, with a route distinguisher for VPN and a mapped IPv4 or IPv6 address. */
function nsapNextHop(
  ctx: PrintContext,
  safi: number,
  at: number,
  length: number,
  end: number,
): void {
  const out = ctx.out;
  const d = ctx.data;
  if (safi < 128) return out.ascii(nsap(d, at, length));
  if (length < 9) return out.ascii("invalid len");
  out.ascii(`RD: ${routeDistinguisher(d, at)}, ${nsap(d, at + 8, length - 8)}`);
  // RFC 986 and RFC 1888 addresses: tcpdump reads them whatever the length.
  if (at + 12 > end) throw new BgpCut();
  const ipv4 = nsapIpv4At(d, at + 8);
  const ipv6 = nsapIpv6At(d, at + 8);
  if (ipv4 >= 0) {
    if (ipv4 + 4 > end) throw new BgpCut();
    out.ascii(` = ${formatIpv4(d, ipv4)}`);
  } else if (ipv6 >= 0) {
    if (ipv6 + 16 > end) throw new BgpCut();
    out.ascii(` = ${formatIpv6(d, ipv6)}`);
  }
}

/** The prefixes of an MP attribute; `false` for `[|bgp]`. */
export function printMpPrefixes(
  ctx: PrintContext,
  afi: number,
  safi: number,
  from: number,
  at: number,
  length: number,
  end: number,
): boolean {
  const kind = bgpPrefixKind(afi, safi);
  if (kind === BgpPrefixKind.NONE || from >= at + length) return true;
  const out = ctx.out;
  const d = ctx.data;
  const walk = prefixes.reset(d, from, at + length, length, end, afi, safi);
  for (;;) {
    switch (walk.next()) {
      case BgpPrefixItem.PREFIX: {
        // A layer 2 VPN route is written whole or, where tcpdump drops it, not at all.
        const l2vpn = kind === BgpPrefixKind.L2VPN ? l2vpnRoute(d, walk.at, end) : "";
        if (l2vpn === undefined) return false;
        out.ascii("\n\t      " + l2vpn);
        if (kind === BgpPrefixKind.ROUTE_TARGET) {
          out.ascii(routeTarget(walk));
          break;
        }
        if (kind === BgpPrefixKind.L2VPN) break;
        if (kind === BgpPrefixKind.MVPN) {
          out.ascii(mvpnRoute(d, walk.mvpn));
          break;
        }
        if (kind === BgpPrefixKind.MDT) {
          const rdAt = walk.mdtRdAt;
          out.ascii(`RD: ${routeDistinguisher(d, rdAt)}, VPN IP Address: `);
          out.ascii(`${formatIpv4(d, rdAt + 8)}, MC Group Address: ${formatIpv4(d, rdAt + 12)}`);
          break;
        }
        if (kind === BgpPrefixKind.VPN) out.ascii(`RD: ${routeDistinguisher(d, walk.vpnRdAt)}, `);
        out.ascii(formatPrefix(d, walk.addressAt, walk.bits, afi));
        if (kind === BgpPrefixKind.LABELED || kind === BgpPrefixKind.VPN) {
          const bottom = walk.bottomOfStack ? "(bottom)" : "(BOGUS: Bottom of Stack NOT set!)";
          out.ascii(`, label:${walk.label} ${bottom}`);
        }
        break;
      }
      case BgpPrefixItem.ILLEGAL_PREFIX:
        out.ascii(kind === BgpPrefixKind.ROUTE_TARGET ? "\n\t      " : "\n\t    ");
        out.ascii("(illegal prefix length)");
        break;
      case BgpPrefixItem.TRUNCATED:
        return false;
      case BgpPrefixItem.CUT:
        throw new BgpCut();
      default:
        return true;
    }
    if (walk.addPath) out.ascii(`   Path Id: ${walk.pathId}`);
  }
}

/**
 * A route target membership prefix as decode_rt_routing_info() and bgp_rt_prefix_print()
 * write it: the origin AS, the route target's bits in hex and read as an extended
 * community's when at least its type is there.
 */
function routeTarget(prefix: BgpPrefixFields): string {
  const bits = prefix.bits;
  if (bits < 0) return "default route target";
  const size = masked(prefix.data, prefix.addressAt, bits);
  let text = `origin AS: ${prefix.originAs}, `;
  if (bits === 0) return text + "route-target: 0:0/0";
  let hex = "";
  for (let i = 0; i < size; i++) {
    hex += hex2(scratch[i]!) + (i % 2 === 1 && i < size - 1 ? " " : "");
  }
  if (bits < 16) return text + `route-target: partial-type: (${hex}/${bits})`;
  // The target's bits, read as an extended community's.
  const target = targetCommunity.reset(scratch, 0);
  switch (target.type) {
    case 0x0002:
    case 0x0202:
      text += `route-target: ${target.globalAs}:${target.localNumber}`;
      break;
    case 0x0102:
      text += `route-target: ${formatIpv4(scratch, target.globalAddressAt)}:${target.localNumber}`;
      break;
    default:
      return text + `route target: unknown-type(${hex.slice(0, 4)}) (${hex}/${bits})`;
  }
  return text + `/${bits} (${hex})`;
}

/** ATTR_SET: its origin AS and the attributes inside, each printed again. */
