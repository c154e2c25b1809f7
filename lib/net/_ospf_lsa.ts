/**
 * OSPFv2 link-state advertisements (RFC 2328 appendix A.4): their headers, and the
 * bodies of router, network, summary and AS-external (and NSSA) LSAs. Private to
 * `lib/net/`: the {@linkcode Ospf} layer exposes them.
 *
 * @module
 */

import { readUint32 } from "../_bytes.ts";
import { OpaqueType, type OspfOpaqueTlvs, readOpaqueTlvs } from "./_ospf_opaque.ts";

/** An LSA header (20 bytes). Addresses are offsets of 4 bytes in the packet's `data`. */
export interface OspfLsaHeader {
  /** Offset of the header in `data`. */
  readonly offset: number;
  /** The LS age in seconds. */
  readonly age: number;
  /** The options (OSPFv2; 0 in OSPFv3). */
  readonly options: number;
  /**
   * The LS type: in OSPFv2 1 router, 2 network, 3 and 4 summary, 5 external, 7 NSSA,
   * 9-11 opaque; in OSPFv3 the 16 bits of U bit, scope and function code.
   */
  readonly type: number;
  /** Offset of the link state ID (for opaque LSAs: the opaque type and ID). */
  readonly lsaIdAt: number;
  /** Offset of the advertising router. */
  readonly advertisingRouterAt: number;
  /** The LS sequence number. */
  readonly sequence: number;
  /** The LS checksum. */
  readonly checksum: number;
  /** The length field (header included). */
  readonly length: number;
}

/** One link of a router LSA. */
export interface OspfRouterLink {
  /** Offset of the link ID. */
  readonly linkIdAt: number;
  /** Offset of the link data. */
  readonly linkDataAt: number;
  /** The link type (1 point-to-point, 2 transit, 3 stub, 4 virtual). */
  readonly type: number;
  /** The metric, then each TOS's `[tos, metric]`. */
  readonly metric: number;
  /** The TOS metrics: `[tos, metric]`. */
  readonly tos: readonly (readonly [number, number])[];
}

/** An LSA: its header and, for the types read, its body. */
export interface OspfLsa {
  /** The header. */
  readonly header: OspfLsaHeader;
  /**
   * `"bogus"` when the length field is below the header's 20 bytes, `"truncated"` when the
   * captured bytes end inside the part read; the fields read before are set.
   */
  readonly problem: "bogus" | "truncated" | undefined;
  /** Router LSA: the flags (B, E, V, W, Nt, H). */
  readonly routerFlags?: number;
  /** Router LSA: the links read. */
  readonly links?: readonly OspfRouterLink[];
  /** Network, summary and external LSAs: offset of the network mask. */
  readonly maskAt?: number;
  /** Network LSA: offsets of the attached routers. */
  readonly attachedRoutersAt?: readonly number[];
  /** Summary LSAs: the TOS and metric words (TOS in bits 24-30, metric in 0-23). */
  readonly summaryMetrics?: readonly number[];
  /**
   * AS-external and NSSA LSAs: each metric with its forwarding address and tag (offsets):
   * the word holds the E bit (31), the TOS (24-30) and the metric (0-23).
   */
  readonly externalMetrics?: readonly {
    readonly word: number;
    readonly forwardAt: number;
    readonly tagAt: number;
  }[];
  /** Opaque LSAs: the opaque type. */
  readonly opaqueType?: number;
  /** Opaque LSAs of the TE, Graceful Restart and Router Information types: their TLVs. */
  readonly opaque?: OspfOpaqueTlvs;
}

/**
 * Reads an LSA header, or returns `undefined` when its 20 bytes are not all before `end`.
 *
 * @param d The packet bytes.
 * @param at The header's offset.
 * @param end Where the captured bytes end.
 * @param version 2, or 3 for the OSPFv3 layout (a 16-bit type, no options).
 * @returns The header.
 */
export function readLsaHeader(
  d: Uint8Array,
  at: number,
  end: number,
  version = 2,
): OspfLsaHeader | undefined {
  if (at + 20 > end) return undefined;
  return {
    offset: at,
    age: (d[at]! << 8) | d[at + 1]!,
    options: version === 3 ? 0 : d[at + 2]!,
    type: version === 3 ? (d[at + 2]! << 8) | d[at + 3]! : d[at + 3]!,
    lsaIdAt: at + 4,
    advertisingRouterAt: at + 8,
    sequence: readUint32(d, at + 12),
    checksum: (d[at + 16]! << 8) | d[at + 17]!,
    length: (d[at + 18]! << 8) | d[at + 19]!,
  };
}

/**
 * Reads the LSA at `at` as tcpdump's ospf_print_lsa() walks it.
 *
 * @param d The packet bytes.
 * @param at The LSA's offset.
 * @param end Where the captured bytes end.
 * @returns The LSA, or `undefined` when its header was not captured.
 */
export function readLsa(d: Uint8Array, at: number, end: number): OspfLsa | undefined {
  const header = readLsaHeader(d, at, end);
  if (header === undefined) return undefined;
  if (header.length < 20) return { header, problem: "bogus" };
  const body = at + 20;
  const lsEnd = at + header.length;
  switch (header.type) {
    case 1: {
      if (body + 4 > end) return { header, problem: "truncated" };
      const count = (d[body + 2]! << 8) | d[body + 3]!;
      const links: OspfRouterLink[] = [];
      let p = body + 4;
      let problem: "truncated" | undefined = undefined;
      if (p + 12 > end) problem = "truncated";
      for (let i = 0; problem === undefined && i < count; i++) {
        if (p + 12 > end) {
          problem = "truncated";
          break;
        }
        const tosCount = d[p + 9]!;
        const tos: [number, number][] = [];
        for (let t = 0; t < tosCount; t++) {
          const q = p + 12 + 4 * t;
          if (q + 4 > end) {
            problem = "truncated";
            break;
          }
          tos.push([d[q]!, (d[q + 2]! << 8) | d[q + 3]!]);
        }
        links.push({
          linkIdAt: p,
          linkDataAt: p + 4,
          type: d[p + 8]!,
          metric: (d[p + 10]! << 8) | d[p + 11]!,
          tos,
        });
        p += 12 + 4 * tosCount;
      }
      return { header, problem, routerFlags: d[body]!, links };
    }
    case 2: {
      if (body + 4 > end) return { header, problem: "truncated" };
      const attachedRoutersAt: number[] = [];
      let problem: "truncated" | undefined = undefined;
      for (let p = body + 4; p < lsEnd; p += 4) {
        if (p + 4 > end) {
          problem = "truncated";
          break;
        }
        attachedRoutersAt.push(p);
      }
      return { header, problem, maskAt: body, attachedRoutersAt };
    }
    case 3:
    case 4: {
      if (body + 8 > end) return { header, problem: "truncated" };
      const summaryMetrics: number[] = [];
      let problem: "truncated" | undefined = undefined;
      for (let p = body + 4; p < lsEnd; p += 4) {
        if (p + 4 > end) {
          problem = "truncated";
          break;
        }
        summaryMetrics.push(readUint32(d, p));
      }
      return { header, problem, maskAt: body, summaryMetrics };
    }
    case 5:
    case 7: {
      if (body + 8 > end) return { header, problem: "truncated" };
      const externalMetrics: { word: number; forwardAt: number; tagAt: number }[] = [];
      let problem: "truncated" | undefined = undefined;
      for (let p = body + 4; p < lsEnd; p += 12) {
        if (p + 12 > end) {
          problem = "truncated";
          break;
        }
        externalMetrics.push({ word: readUint32(d, p), forwardAt: p + 4, tagAt: p + 8 });
      }
      return { header, problem, maskAt: body, externalMetrics };
    }
    case 9:
    case 10:
    case 11: {
      const opaqueType = d[header.lsaIdAt]!;
      const walked = opaqueType === OpaqueType.TE || opaqueType === OpaqueType.GRACE ||
        opaqueType === OpaqueType.ROUTER_INFORMATION;
      return walked
        ? {
          header,
          problem: undefined,
          opaqueType,
          opaque: readOpaqueTlvs(d, body, header.length - 20, end, opaqueType),
        }
        : { header, problem: undefined, opaqueType };
    }
    default:
      return { header, problem: undefined };
  }
}
