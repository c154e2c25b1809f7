/**
 * OSPFv3 as tcpdump's ospf6_print() writes it at -v and -vv, and the router, area and
 * designated-router lines that OSPFv2 shares. Private to `lib/print/net/`.
 *
 * @module
 */

import { truncated } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import { type Ospf, OspfType } from "../../net/ospf.ts";
import { bitNames } from "../_shared.ts";
import { unknownData } from "../_hex.ts";

/** Prints the OSPFv3 header and body; returns `false` where the bytes ran out. */
function ospf3Body(ctx: PrintContext, ospf: Ospf, length: number): boolean {
  const out = ctx.out;
  const d = ospf.data;
  if (ospf.packetLength > length) {
    out.ascii(` [len ${ospf.packetLength}]`);
    return false;
  }
  routerAndArea(ctx, ospf);
  if (ospf.instanceId !== 0) out.ascii(`, Instance ${ospf.instanceId}`);
  if (ospf.version !== 3) return true;
  if (ospf.type === OspfType.DATABASE_DESCRIPTION) {
    const dd = ospf.databaseDescription;
    if (dd === undefined) {
      truncated(ctx, "ospf3");
      return false;
    }
    out.ascii("\n\tOptions [");
    out.ascii(bitNames(OSPF6_OPTION_NAMES, dd.options));
    out.ascii("], DD Flags [");
    out.ascii(bitNames(OSPF6_DD_FLAG_NAMES, dd.flags));
    out.ascii(`], MTU ${dd.mtu}, DD-Sequence 0x`);
    out.hex(dd.sequence, 8);
    return ctx.verbose > 1 ? lsa6Headers(ctx, ospf, length) : true;
  }
  if (ospf.type === OspfType.LS_ACK) {
    return ctx.verbose > 1 ? lsa6Headers(ctx, ospf, length) : true;
  }
  if (ospf.type === OspfType.LS_REQUEST) {
    if (ctx.verbose < 2) return true;
    const requests = ospf.lsRequests(length);
    for (const request of requests.entries) {
      out.ascii("\n\t  Advertising Router ");
      out.ipv4(d, request.advertisingRouterAt);
      lsa6Type(ctx, request.type, request.lsaIdAt);
    }
    if (requests.stop !== "truncated") return true;
    truncated(ctx, "ospf3");
    return false;
  }
  if (ospf.type !== OspfType.HELLO) return true;
  const hello = ospf.hello;
  if (hello === undefined) {
    truncated(ctx, "ospf3");
    return false;
  }
  out.ascii("\n\tOptions [");
  out.ascii(bitNames(OSPF6_OPTION_NAMES, hello.options));
  out.ascii(`]\n\t  Hello Timer ${hello.helloInterval}s, Dead Timer ${hello.deadInterval}s`);
  out.ascii(", Interface-ID ");
  out.ipv4(d, ospf.offset + ospf.headerLength);
  out.ascii(`, Priority ${hello.priority}`);
  designatedRouters(ctx, ospf, hello.designatedRouterAt, hello.backupDesignatedRouterAt);
  if (ctx.verbose < 2) return true;
  out.ascii("\n\t  Neighbor List:");
  for (const at of hello.neighborsAt) {
    out.ascii("\n\t    ");
    out.ipv4(d, at);
  }
  return true;
}

/** Prints an OSPFv3 packet's header fields, body and authentication trailer. */
export function ospf3(ctx: PrintContext, ospf: Ospf, length: number): void {
  const out = ctx.out;
  if (!ospf3Body(ctx, ospf, length)) return;
  const trailer = ospf.authTrailer(length);
  if (trailer === undefined) return;
  if (trailer.type !== undefined) {
    out.ascii("\n\tAuthentication Type ");
    out.ascii(
      trailer.type === 1 ? "HMAC" : `unknown (0x${trailer.type.toString(16).padStart(4, "0")})`,
    );
    if (trailer.length !== undefined) out.ascii(`, Length ${trailer.length}`);
    if (trailer.said !== undefined) out.ascii(`, SAID ${trailer.said}`);
    if (trailer.sequenceHigh !== undefined) {
      out.ascii(", CSN 0x");
      out.hex(trailer.sequenceHigh, 8);
    }
    if (trailer.sequenceLow !== undefined) {
      out.byte(0x3a);
      out.hex(trailer.sequenceLow, 8);
    }
  }
  if (trailer.truncated) {
    truncated(ctx, "ospf3");
    return;
  }
  if (ctx.verbose > 1) {
    const at = trailer.dataAt;
    unknownData(ctx, at, trailer.length! - 16, "\n\tAuthentication Data ");
  }
}

/** OSPFv3 LSA headers, as ospf6_print_lshdr() prints them at -vv. */
function lsa6Headers(ctx: PrintContext, ospf: Ospf, length: number): boolean {
  const out = ctx.out;
  const headers = ospf.lsaHeaders(length);
  for (const header of headers.entries) {
    out.ascii("\n\t  Advertising Router ");
    out.ipv4(ospf.data, header.advertisingRouterAt);
    out.ascii(", seq 0x");
    out.hex(header.sequence, 8);
    out.ascii(`, age ${header.age}s, length ${header.length - 20}`);
    lsa6Type(ctx, header.type, header.lsaIdAt);
  }
  if (headers.stop !== "truncated") return true;
  truncated(ctx, "ospf3");
  return false;
}

/** An OSPFv3 LS type and ID, as ospf6_print_ls_type() prints them. */
function lsa6Type(ctx: PrintContext, type: number, lsaIdAt: number): void {
  const out = ctx.out;
  const code = type & 0x1fff;
  const scope = LSA6_SCOPES.get(type & 0x6000) ?? "Unknown";
  out.ascii(`\n\t    ${LSA6_NAMES[code] ?? "Unknown"} LSA (${code}), ${scope} Scope`);
  if ((type & 0x8000) !== 0) out.ascii(", transitive");
  out.ascii(", LSA-ID ");
  out.ipv4(ctx.data, lsaIdAt);
}

const LSA6_NAMES: readonly (string | undefined)[] = [
  undefined,
  "Router",
  "Network",
  "Inter-Area Prefix",
  "Inter-Area Router",
  "External",
  "Deprecated",
  "NSSA",
  "Link",
  "Intra-Area Prefix",
  "Intra-Area TE",
  "Grace",
  "Router Information",
  "Inter-AS-TE",
  "Layer 1 VPN",
];

const LSA6_SCOPES: ReadonlyMap<number, string> = new Map([
  [0x0000, "Link Local"],
  [0x2000, "Area Local"],
  [0x4000, "Domain Wide"],
]);

const OSPF6_OPTION_NAMES: readonly (readonly [number, string])[] = [
  [0x01, "V6"],
  [0x02, "External"],
  [0x04, "Deprecated"],
  [0x08, "NSSA"],
  [0x10, "Router"],
  [0x20, "Demand Circuit"],
  [0x100, "AFs Support"],
  [0x200, "LLS"],
  [0x400, "Authentication Trailer"],
];

const OSPF6_DD_FLAG_NAMES: readonly (readonly [number, string])[] = [
  [0x04, "Init"],
  [0x02, "More"],
  [0x01, "Master"],
  [0x10, "IPv6 MTU"],
];

/** Prints the router and area line. */
export function routerAndArea(ctx: PrintContext, ospf: Ospf): void {
  const out = ctx.out;
  out.ascii("\n\tRouter-ID ");
  out.ipv4(ospf.data, ospf.offset + 4);
  if (ospf.areaIdValue !== 0) {
    out.ascii(", Area ");
    out.ipv4(ospf.data, ospf.offset + 8);
  } else out.ascii(", Backbone Area");
}

/** Prints the designated routers of a Hello that are set. */
export function designatedRouters(ctx: PrintContext, ospf: Ospf, dr: number, bdr: number): void {
  const out = ctx.out;
  const d = ospf.data;
  if ((d[dr]! | d[dr + 1]! | d[dr + 2]! | d[dr + 3]!) !== 0) {
    out.ascii("\n\t  Designated Router ");
    out.ipv4(d, dr);
  }
  if ((d[bdr]! | d[bdr + 1]! | d[bdr + 2]! | d[bdr + 3]!) !== 0) {
    out.ascii(", Backup Designated Router ");
    out.ipv4(d, bdr);
  }
}
