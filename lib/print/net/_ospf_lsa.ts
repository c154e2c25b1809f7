/**
 * OSPFv2 LSA headers and bodies as tcpdump's ospf_print_lshdr() and ospf_print_lsa()
 * write them. Private to `lib/print/net/`.
 *
 * @module
 */

import { readUint32 } from "../../_bytes.ts";
import type { PrintContext } from "../context.ts";
import type { OspfLsa, OspfLsaHeader } from "../../net/ospf.ts";
import { bitNames } from "../_shared.ts";
import { unknownData } from "../_hex.ts";
import { opaqueTlvs } from "./_ospf_opaque.ts";

/** Prints an LSA header; returns `false` (after "Bogus length") when its length is below 20. */
export function lsaHeader(ctx: PrintContext, h: OspfLsaHeader): boolean {
  const out = ctx.out;
  const d = ctx.data;
  if (h.length < 20) {
    out.ascii(`\n\t    Bogus length ${h.length} < header (20)`);
    return false;
  }
  out.ascii("\n\t  Advertising Router ");
  out.ipv4(d, h.advertisingRouterAt);
  out.ascii(", seq 0x");
  out.hex(h.sequence, 8);
  out.ascii(`, age ${h.age}s, length ${h.length - 20}`);
  const name = LSA_NAMES[h.type] ?? "unknown";
  if (h.type >= 9 && h.type <= 11) {
    const opaqueType = d[h.lsaIdAt]!;
    const opaqueId = (d[h.lsaIdAt + 1]! << 16) | (d[h.lsaIdAt + 2]! << 8) | d[h.lsaIdAt + 3]!;
    out.ascii(`\n\t    ${name} LSA (${h.type}), Opaque-Type `);
    out.ascii(
      `${OPAQUE_NAMES[opaqueType] ?? "unknown"} LSA (${opaqueType}), Opaque-ID ${opaqueId}`,
    );
  } else {
    out.ascii(`\n\t    ${name} LSA (${h.type}), LSA-ID: `);
    out.ipv4(d, h.lsaIdAt);
  }
  out.ascii(`\n\t    Options: [${bitNames(OSPF_OPTION_NAMES, h.options)}]`);
  return true;
}

/**
 * Prints an LSA; returns `false` when printing stops inside it (truncated or bogus), or
 * how an opaque LSA's TLVs ended the packet's print (see {@linkcode OpaqueEnd}).
 */
export function lsa(ctx: PrintContext, lsa: OspfLsa): boolean | "packet" {
  const out = ctx.out;
  const d = ctx.data;
  if (!lsaHeader(ctx, lsa.header)) return false;
  if (lsa.routerFlags !== undefined) {
    out.ascii(`\n\t    Router LSA Options: [${bitNames(ROUTER_FLAG_NAMES, lsa.routerFlags)}]`);
    for (const link of lsa.links ?? []) {
      const kind = ROUTER_LINK_KINDS[link.type];
      if (kind === undefined) {
        out.ascii(`\n\t      Unknown Router Link Type (${link.type})`);
        return lsa.problem === undefined;
      }
      out.ascii(`\n\t      ${kind[0]}`);
      out.ipv4(d, link.linkIdAt);
      out.ascii(kind[1]);
      out.ipv4(d, link.linkDataAt);
      out.ascii(`\n\t\ttopology default (0), metric ${link.metric}`);
      for (const [tos, metric] of link.tos) {
        out.ascii(`\n\t\ttopology ${TOPOLOGY_NAMES[tos] ?? "Unknown"} (${tos}), metric ${metric}`);
      }
    }
  } else if (lsa.attachedRoutersAt !== undefined) {
    out.ascii("\n\t    Mask ");
    out.ipv4(d, lsa.maskAt!);
    out.ascii("\n\t    Connected Routers:");
    for (const at of lsa.attachedRoutersAt) {
      out.ascii("\n\t      ");
      out.ipv4(d, at);
    }
  } else if (lsa.summaryMetrics !== undefined) {
    if (lsa.header.type === 3) {
      out.ascii("\n\t    Mask ");
      out.ipv4(d, lsa.maskAt!);
    }
    for (const word of lsa.summaryMetrics) {
      const tos = (word >>> 24) & 0x7f;
      out.ascii(`\n\t\ttopology ${TOPOLOGY_NAMES[tos] ?? "Unknown"} (${tos}) metric `);
      out.uint(word & 0xffffff);
    }
  } else if (lsa.externalMetrics !== undefined) {
    out.ascii("\n\t    Mask ");
    out.ipv4(d, lsa.maskAt!);
    for (const { word, forwardAt, tagAt } of lsa.externalMetrics) {
      const tos = (word >>> 24) & 0x7f;
      out.ascii(`\n\t\ttopology ${TOPOLOGY_NAMES[tos] ?? "Unknown"} (${tos}), type `);
      out.ascii(word >>> 31 ? "2, metric" : "1, metric");
      const metric = word & 0xffffff;
      out.ascii(metric === 0xffffff ? " infinite" : ` ${metric}`);
      if (readUint32(d, forwardAt) !== 0) {
        out.ascii(", forward ");
        out.ipv4(d, forwardAt);
      }
      if (readUint32(d, tagAt) !== 0) {
        out.ascii(", tag ");
        out.ipv4(d, tagAt);
      }
    }
  } else if (lsa.opaque !== undefined) {
    const end = opaqueTlvs(ctx, lsa.opaqueType!, lsa.opaque);
    if (end === "packet") return end;
    if (end === "end") return false;
  } else if (lsa.opaqueType !== undefined && ctx.verbose <= 1) {
    const body = lsa.header.offset + 20;
    unknownData(ctx, body, lsa.header.length - 20, "\n\t    ");
  }
  if (lsa.problem !== undefined) return false;
  if (ctx.verbose > 1) {
    const body = lsa.header.offset + 20;
    unknownData(ctx, body, lsa.header.offset + lsa.header.length - body, "\n\t    ");
  }
  return true;
}

/** The OSPFv2 LSA types' names (tcpdump's lsa_values), by type. */
export const LSA_NAMES: readonly (string | undefined)[] = [
  undefined,
  "Router",
  "Network",
  "Summary",
  "ASBR Summary",
  "External",
  "Multicast Group",
  "NSSA",
  undefined,
  "Link Local Opaque",
  "Area Local Opaque",
  "Domain Wide Opaque",
];

const OPAQUE_NAMES: readonly (string | undefined)[] = [
  undefined,
  "Traffic Engineering",
  undefined,
  "Graceful restart",
  "Router Information",
];

const TOPOLOGY_NAMES: readonly string[] = ["default", "multicast", "management"];

const ROUTER_LINK_KINDS: readonly (readonly [string, string] | undefined)[] = [
  undefined,
  ["Neighbor Router-ID: ", ", Interface Address: "],
  ["Neighbor Network-ID: ", ", Interface Address: "],
  ["Stub Network: ", ", Mask: "],
  ["Virtual Link: Neighbor Router-ID: ", ", Interface Address: "],
];

const ROUTER_FLAG_NAMES: readonly (readonly [number, string])[] = [
  [0x01, "ABR"],
  [0x02, "ASBR"],
  [0x04, "Virtual"],
  [0x08, "Wildcard"],
  [0x10, "Nt"],
  [0x80, "Host"],
];

export const OSPF_OPTION_NAMES: readonly (readonly [number, string])[] = [
  [0x01, "MultiTopology"],
  [0x02, "External"],
  [0x04, "Multicast"],
  [0x08, "NSSA"],
  [0x10, "LLS"],
  [0x20, "Demand Circuit"],
  [0x40, "Opaque"],
  [0x80, "Up/Down"],
];
