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
import { lsa6Headers, lsa6Type, lsa6Update, OSPF6_OPTION_NAMES, stop6 } from "./_ospf6_lsa.ts";

/** Prints the OSPFv3 header and body; returns `false` where the bytes ran out. */
function ospf3Body(ctx: PrintContext, ospf: Ospf, length: number): boolean {
  const out = ctx.out;
  const d = ospf.data;
  // ospf6_print() reads the header's fields one by one: a header cut short ends there.
  const captured = ospf.headerLength;
  if (captured < 4) return stop6(ctx, "cut");
  if (ospf.packetLength > length) {
    out.ascii(` [len ${ospf.packetLength}]`);
    return false;
  }
  if (captured < 8) return stop6(ctx, "cut");
  routerAndArea(ctx, ospf);
  if (captured < 15) return stop6(ctx, "cut");
  if (ospf.instanceId !== 0) out.ascii(`, Instance ${ospf.instanceId}`);
  if (ospf.version !== 3) return true;
  // A partial header has no body: the first read of one ends the packet.
  const partial = captured < 16;
  if (ospf.type === OspfType.DATABASE_DESCRIPTION) {
    const dd = partial ? undefined : ospf.databaseDescription;
    if (dd === undefined) return stop6(ctx, "cut");
    out.ascii("\n\tOptions [");
    out.ascii(bitNames(OSPF6_OPTION_NAMES, dd.options));
    out.byte(0x5d);
    if (dd.captured < 8) return stop6(ctx, "cut");
    out.ascii(", DD Flags [");
    out.ascii(bitNames(OSPF6_DD_FLAG_NAMES, dd.flags));
    out.byte(0x5d);
    if (dd.captured < 12) return stop6(ctx, "cut");
    out.ascii(`, MTU ${dd.mtu}, DD-Sequence 0x`);
    out.hex(dd.sequence, 8);
    return ctx.verbose > 1 ? lsa6Headers(ctx, ospf, length) : true;
  }
  // The LSA lists are read up to the packet length; an update's count always.
  const listCut = partial && (ospf.packetLength > 16 || ospf.type === OspfType.LS_UPDATE);
  if (ospf.type === OspfType.LS_ACK || ospf.type === OspfType.LS_UPDATE) {
    if (ctx.verbose < 2 || (partial && !listCut)) return true;
    if (listCut) return stop6(ctx, "cut");
    return ospf.type === OspfType.LS_ACK
      ? lsa6Headers(ctx, ospf, length)
      : lsa6Update(ctx, ospf, length);
  }
  if (ospf.type === OspfType.LS_REQUEST) {
    if (ctx.verbose < 2 || (partial && !listCut)) return true;
    // Its walk checks each request (ND_TCHECK), as below.
    if (listCut) return stop6(ctx, "truncated");
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
  const hello = partial ? undefined : ospf.hello;
  if (hello === undefined) return stop6(ctx, "cut");
  out.ascii("\n\tOptions [");
  out.ascii(bitNames(OSPF6_OPTION_NAMES, hello.options));
  out.byte(0x5d);
  if (hello.captured < 12) return stop6(ctx, "cut");
  out.ascii(`\n\t  Hello Timer ${hello.helloInterval}s, Dead Timer ${hello.deadInterval}s`);
  out.ascii(", Interface-ID ");
  out.ipv4(d, ospf.offset + ospf.headerLength);
  out.ascii(`, Priority ${hello.priority}`);
  if (hello.captured < 20) {
    // The designated router is printed when captured, the backup's read cut.
    const dr = hello.designatedRouterAt;
    if (hello.captured >= 16) designatedRouters(ctx, ospf, dr, -1);
    return stop6(ctx, "cut");
  }
  designatedRouters(ctx, ospf, hello.designatedRouterAt, hello.backupDesignatedRouterAt);
  if (ctx.verbose < 2) return true;
  out.ascii("\n\t  Neighbor List:");
  for (const at of hello.neighborsAt) {
    out.ascii("\n\t    ");
    out.ipv4(d, at);
  }
  return hello.neighborsCut ? stop6(ctx, "cut") : true;
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
  // A partial OSPFv3 header may end before the area.
  if (ospf.headerLength < 12) return;
  if (ospf.areaIdValue !== 0) {
    out.ascii(", Area ");
    out.ipv4(ospf.data, ospf.offset + 8);
  } else out.ascii(", Backbone Area");
}

/** Prints the designated routers of a Hello that are set (no backup when `bdr` is -1). */
export function designatedRouters(ctx: PrintContext, ospf: Ospf, dr: number, bdr: number): void {
  const out = ctx.out;
  const d = ospf.data;
  if ((d[dr]! | d[dr + 1]! | d[dr + 2]! | d[dr + 3]!) !== 0) {
    out.ascii("\n\t  Designated Router ");
    out.ipv4(d, dr);
  }
  if (bdr >= 0 && (d[bdr]! | d[bdr + 1]! | d[bdr + 2]! | d[bdr + 3]!) !== 0) {
    out.ascii(", Backup Designated Router ");
    out.ipv4(d, bdr);
  }
}
