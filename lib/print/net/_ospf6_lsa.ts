/**
 * OSPFv3 LSAs as tcpdump's ospf6_print_lshdr() and ospf6_print_lsa() write them (at -vv):
 * the headers of Database Description and LS-Ack packets, and the LSAs of LS-Update packets
 * with their bodies. Private to `lib/print/net/`.
 *
 * @module
 */

import { truncated, truncatedRead } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Ospf, Ospf6Lsa, Ospf6Prefix, Ospf6Stop, OspfLsaHeader } from "../../net/ospf.ts";
import { OpaqueType } from "../../net/_ospf_opaque.ts";
import { bitNames } from "../_shared.ts";
import { unknownData } from "../_hex.ts";
import { opaqueTlvs } from "./_ospf_opaque.ts";

/** Prints ` [|ospf3]` for a stop: a jump out of tcpdump's printers when `"cut"`. */
export function stop6(ctx: PrintContext, stop: Ospf6Stop): false {
  if (stop === "cut") truncatedRead(ctx, "ospf3");
  else truncated(ctx, "ospf3");
  return false;
}

/** An OSPFv3 LS type and ID, as ospf6_print_ls_type() prints them. */
export function lsa6Type(ctx: PrintContext, type: number, lsaIdAt: number): void {
  const out = ctx.out;
  const code = type & 0x1fff;
  const scope = LSA6_SCOPES.get(type & 0x6000) ?? "Unknown";
  out.ascii(`\n\t    ${LSA6_NAMES[code] ?? "Unknown"} LSA (${code}), ${scope} Scope`);
  if ((type & 0x8000) !== 0) out.ascii(", transitive");
  out.ascii(", LSA-ID ");
  out.ipv4(ctx.data, lsaIdAt);
}

/** An LSA header, as ospf6_print_lshdr() prints it. */
function lsa6Header(ctx: PrintContext, header: OspfLsaHeader): void {
  const out = ctx.out;
  out.ascii("\n\t  Advertising Router ");
  out.ipv4(ctx.data, header.advertisingRouterAt);
  out.ascii(", seq 0x");
  out.hex(header.sequence, 8);
  // tcpdump subtracts the header's size from the length as a 64-bit size_t.
  const length = header.length >= 20
    ? String(header.length - 20)
    : String(2n ** 64n - BigInt(20 - header.length));
  out.ascii(`, age ${header.age}s, length ${length}`);
  lsa6Type(ctx, header.type, header.lsaIdAt);
}

/** OSPFv3 LSA headers (Database Description, LS-Ack); returns `false` after a stop. */
export function lsa6Headers(ctx: PrintContext, ospf: Ospf, length: number): boolean {
  const headers = ospf.lsaHeaders(length);
  for (const header of headers.entries) lsa6Header(ctx, header);
  return headers.stop === "truncated" || headers.stop === "cut" ? stop6(ctx, headers.stop) : true;
}

/** The LSAs of an LS-Update packet; returns `false` after a stop. */
export function lsa6Update(ctx: PrintContext, ospf: Ospf, length: number): boolean {
  const lsas = ospf.lsas6(length);
  for (const lsa of lsas.entries) {
    lsa6Header(ctx, lsa.header);
    const end = lsa6Body(ctx, lsa);
    if (end !== undefined) return stop6(ctx, end);
  }
  return lsas.stop === "truncated" || lsas.stop === "cut" ? stop6(ctx, lsas.stop) : true;
}

/** An LSA's body; returns the stop that ends the packet's print, if any. */
function lsa6Body(ctx: PrintContext, lsa: Ospf6Lsa): Ospf6Stop | undefined {
  const out = ctx.out;
  const d = ctx.data;
  if (lsa.opaque !== undefined) {
    const kind = lsa.header.type === 0x000b ? OpaqueType.GRACE : OpaqueType.TE;
    const end = opaqueTlvs(ctx, kind, lsa.opaque);
    return end === "done" ? undefined : end === "packet" ? "cut" : "truncated";
  }
  if (lsa.unknownAt !== undefined) {
    unknownData(ctx, lsa.unknownAt, lsa.header.length - 20, "\n\t      ");
    return undefined;
  }
  if (lsa.referencedType !== undefined) lsa6Type(ctx, lsa.referencedType, lsa.referencedLsaIdAt!);
  if (lsa.options !== undefined) {
    out.ascii(`\n\t      Options [${bitNames(OSPF6_OPTION_NAMES, lsa.options)}]`);
  }
  if (lsa.links !== undefined) {
    out.ascii(`, RLA-Flags [${bitNames(RLA_FLAG_NAMES, lsa.options! >>> 24)}]`);
    for (const link of lsa.links) {
      const kind = LINK_KINDS.get(link.type);
      if (kind === undefined) {
        out.ascii("\n\t      Unknown Router Links Type 0x");
        out.hex(link.type, 2);
        return undefined;
      }
      out.ascii(`\n\t      ${kind} `);
      out.ipv4(d, link.neighborRouterIdAt);
      out.ascii("\n\t      Neighbor Interface-ID ");
      out.ipv4(d, link.neighborInterfaceIdAt);
      out.ascii(", Interface ");
      out.ipv4(d, link.interfaceIdAt);
      out.ascii(`, metric ${link.metric}`);
    }
  }
  if (lsa.routersAt !== undefined) {
    out.ascii("\n\t      Connected Routers:");
    for (const at of lsa.routersAt) {
      out.ascii("\n\t\t");
      out.ipv4(d, at);
    }
  }
  const word = lsa.metricWord;
  if (word !== undefined && lsa.header.type === 0x4005) {
    out.ascii(`\n\t     Flags [${bitNames(EXTERNAL_FLAG_NAMES, word)}] metric ${word & 0xffffff}`);
  } else if (word !== undefined) out.ascii(`, metric ${word & 0xffffff}`);
  if (lsa.linkLocalAt !== undefined) {
    out.ascii(`\n\t      Priority ${lsa.options! >>> 24}, Link-local address `);
    out.ipv6(d, lsa.linkLocalAt);
    out.ascii(`, Prefixes ${lsa.prefixCount}:`);
  } else if (lsa.prefixCount !== undefined) out.ascii(`\n\t      Prefixes ${lsa.prefixCount}:`);
  for (const prefix of lsa.prefixes ?? []) lsa6Prefix(ctx, prefix);
  if (lsa.bogusPrefixLength !== undefined) out.ascii(` bogus prefixlen /${lsa.bogusPrefixLength}`);
  if (lsa.forwardAt !== undefined) {
    out.ascii(" forward ");
    out.ipv6(d, lsa.forwardAt);
  }
  if (lsa.tagAt !== undefined) {
    out.ascii(" tag ");
    out.ipv4(d, lsa.tagAt);
  }
  if (lsa.referencedIdAt !== undefined) {
    out.ascii(" RefLSID: ");
    out.ipv4(d, lsa.referencedIdAt);
  }
  return lsa.stop;
}

/** A prefix, as ospf6_print_lsaprefix() prints it. */
function lsa6Prefix(ctx: PrintContext, prefix: Ospf6Prefix): void {
  const out = ctx.out;
  out.ascii("\n\t\t");
  out.ipv6(prefix.address, 0);
  out.ascii(`/${prefix.length}`);
  if (prefix.options !== 0) {
    out.ascii(`, Options [${bitNames(PREFIX_OPTION_NAMES, prefix.options)}]`);
  }
  out.ascii(`, metric ${prefix.metric}`);
}

const LINK_KINDS: ReadonlyMap<number, string> = new Map([
  [1, "Neighbor Router-ID"],
  [2, "Neighbor Network-ID"],
  [4, "Virtual Link: Neighbor Router-ID"],
]);

const RLA_FLAG_NAMES: readonly (readonly [number, string])[] = [
  [0x01, "ABR"],
  [0x02, "External"],
  [0x04, "Virtual-Link Endpoint"],
  [0x08, "Deprecated"],
  [0x10, "NSSA Translator"],
];

const EXTERNAL_FLAG_NAMES: readonly (readonly [number, string])[] = [
  [0x80000000, "External Type 2"],
  [0x02000000, "Forwarding"],
  [0x01000000, "Tag"],
];

const PREFIX_OPTION_NAMES: readonly (readonly [number, string])[] = [
  [0x01, "No Unicast"],
  [0x02, "Local address"],
  [0x04, "Deprecated"],
  [0x08, "Propagate"],
  [0x10, "Down"],
  [0x20, "N-bit"],
];

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

/** The OSPFv3 options (RFC 5340 A.2), as tcpdump names them. */
export const OSPF6_OPTION_NAMES: readonly (readonly [number, string])[] = [
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
