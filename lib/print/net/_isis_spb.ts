/**
 * The IS-IS TLVs of shortest path bridging (RFC 6165, RFC 6329) as tcpdump's
 * isis_print() writes them: the multi-topology-aware port capability (143) with its
 * MCID, digest and B-VID sub-TLVs, and the multi-topology capability (144) with its SPB
 * instance and SPBM service identifier sub-TLVs. Private to `lib/print/`.
 *
 * @module
 */

import { readUint16, readUint32 } from "../../_bytes.ts";
import type { PrintContext } from "../context.ts";
import { printCharsUntilNul } from "../_chars.ts";
import { truncated } from "../_truncation.ts";
import { isisStopRead } from "./_isis_tlvs.ts";

const PORT_CAP_SUBTLVS: ReadonlyMap<number, string> = new Map([
  [4, "SPB MCID"],
  [5, "SPB Digest"],
  [6, "SPB BVID"],
]);

const CAPABILITY_SUBTLVS: ReadonlyMap<number, string> = new Map([
  [1, "SPB Instance"],
  [3, "SPBM Service Identifier and Unicast Address"],
]);

/** Where tcpdump stops a sub-TLV: too short for its fields, or cut short. */
type Problem = "short" | "trunc" | undefined;

/** The length of one MCID (format, name, revision level, digest). */
const MCID_LENGTH = 51;

function hex8(n: number): string {
  return n.toString(16).padStart(8, "0");
}

function uint24(d: Uint8Array, at: number): number {
  return (d[at]! << 16) | (d[at + 1]! << 8) | d[at + 2]!;
}

/**
 * A sub-TLV walk as both SPB TLVs do it: the header, then `value` for a sub-TLV that
 * fits; tcpdump stops the TLV at a sub-TLV longer than what is left, or one `value`
 * finds too short (` (too short)`) or cut short or not captured (` [|isis]`), and the PDU
 * at a sub-TLV header not captured.
 */
function subTlvs(
  ctx: PrintContext,
  d: Uint8Array,
  at: number,
  left: number,
  captured: number,
  indent: string,
  names: ReadonlyMap<number, string>,
  value: (type: number, at: number, length: number) => Problem,
): "stop" | undefined {
  const out = ctx.out;
  while (left > 2) {
    if (at + 2 > captured) return isisStopRead(ctx);
    const type = d[at]!;
    const length = d[at + 1]!;
    out.ascii(`${indent}${names.get(type) ?? "unknown"} subTLV #${type}, length: ${length}`);
    at += 2;
    left -= 2;
    if (left < length) return void out.ascii(" (> containing TLV length)");
    if (at + length > captured) return truncated(ctx, "isis");
    const problem = value(type, at, length);
    if (problem === "short") return void out.ascii(" (too short)");
    if (problem === "trunc") return truncated(ctx, "isis");
    at += length;
    left -= length;
  }
  return undefined;
}

/** One MCID (isis_print_mcid()): `ID: 0, Name: ...` and its level and digest. */
function mcid(ctx: PrintContext, d: Uint8Array, at: number): void {
  const out = ctx.out;
  out.ascii(`ID: ${d[at]}, Name: `);
  printCharsUntilNul(out, d, at + 1, 32);
  out.ascii(`\n\t              Lvl: ${readUint16(d, at + 33)}, Digest: `);
  for (let i = 0; i < 16; i++) out.ascii(`${d[at + 35 + i]!.toString(16).padStart(2, "0")} `);
}

/**
 * A sub-TLV's value, `sub` its TLV type and its own (`0x8f04` the MCID of a port
 * capability TLV): `"short"` or `"trunc"` where tcpdump stops the TLV.
 */
function subTlvValue(ctx: PrintContext, sub: number, p: number, length: number): Problem {
  const out = ctx.out;
  const d = ctx.data;
  if (sub === 0x8f04) {
    if (length < 2 * MCID_LENGTH) return "short";
    out.ascii("\n\t         MCID: ");
    mcid(ctx, d, p);
    out.ascii("\n\t         AUX-MCID: ");
    mcid(ctx, d, p + MCID_LENGTH);
  } else if (sub === 0x8f05) {
    if (length < 33) return "short";
    const b = d[p]!;
    out.ascii(`\n\t        RES: ${b >> 5} V: ${(b >> 4) & 1} A: ${(b >> 2) & 3} D: ${b & 3}`);
    out.ascii("\n\t         Digest: ");
    for (let i = 0; i < 8; i++) {
      out.ascii(`${hex8(readUint32(d, p + 1 + 4 * i))} `);
      if (i === 3) out.ascii("\n\t                 ");
    }
  } else if (sub === 0x8f06) {
    for (let rest = length; rest !== 0; rest -= 6, p += 6) {
      if (rest < 4) return "short";
      out.ascii(`\n\t           ECT: ${hex8(readUint32(d, p))}`);
      if (rest - 4 < 2) return "short";
      const vid = readUint16(d, p + 4);
      out.ascii(` BVID: ${vid >> 4}, U:${(vid >> 3) & 1} M:${(vid >> 2) & 1} `);
    }
  } else if (sub === 0x9001) {
    if (length < 19) return "short";
    out.ascii(
      `\n\t        CIST Root-ID: ${hex8(readUint32(d, p))} ${hex8(readUint32(d, p + 4))}`,
    );
    out.ascii(`, Path Cost: ${hex8(readUint32(d, p + 8))}, Prio: ${readUint16(d, p + 12)}`);
    const flags = readUint16(d, p + 14);
    out.ascii(`\n\t        RES: ${flags >> 5}, V: ${(flags >> 4) & 1}, `);
    out.ascii(`SPSource-ID: ${readUint32(d, p + 14) & 0x000fffff}`);
    let trees = d[p + 18]!;
    out.ascii(`, No of Trees: ${trees.toString(16)}`);
    // Each tuple must fit in what the sub-TLV has left; tcpdump calls a short one a
    // truncation.
    let rest = length - 19;
    for (p += 19; trees !== 0; trees--, rest -= 8, p += 8) {
      if (rest < 8) return "trunc";
      const b = d[p]!;
      out.ascii(`\n\t         U:${b >> 7}, M:${(b >> 6) & 1}, A:${(b >> 5) & 1}, `);
      out.ascii(`RES:${b & 0x1f}, ECT: ${hex8(readUint32(d, p + 1))}`);
      const vids = uint24(d, p + 5);
      out.ascii(`, BVID: ${(vids >> 12) & 0xfff}, SPVID: ${vids & 0xfff}`);
    }
  } else if (sub === 0x9003) {
    if (length < 8) return "trunc";
    out.ascii(`\n\t        BMAC: ${hex8(readUint32(d, p))}`);
    out.ascii(readUint16(d, p + 4).toString(16).padStart(4, "0"));
    const vid = readUint16(d, p + 6);
    out.ascii(`, RES: ${vid >> 12}, VID: ${vid & 0x0fff}`);
    for (let rest = length - 8, q = p + 8; rest >= 4; rest -= 4, q += 4) {
      const w = readUint32(d, q);
      out.ascii(
        `\n\t        T: ${w >>> 31}, R: ${(w >>> 30) & 1}, RES: ${(w >>> 24) & 0x3f}, `,
      );
      out.ascii(`ISID: ${w & 0x0ffffff}`);
    }
  }
  return undefined;
}

/**
 * The value of a multi-topology-aware port capability TLV (143) or multi-topology
 * capability TLV (144): its MT-ID word, then its sub-TLVs.
 *
 * @param ctx The print context.
 * @param type The TLV type, 143 or 144.
 * @param at Where the value starts.
 * @param left The value's length.
 * @param captured Where the captured bytes end.
 * @returns `"stop"` when tcpdump prints nothing more of the PDU.
 */
export function spbCapability(
  ctx: PrintContext,
  type: 143 | 144,
  at: number,
  left: number,
  captured: number,
): "stop" | undefined {
  if (left < 2) return undefined;
  if (at + 2 > captured) return isisStopRead(ctx);
  const d = ctx.data;
  const word = readUint16(d, at);
  const port = type === 143;
  if (port) ctx.out.ascii(`\n\t       RES: ${word >> 12}, MTID(s): ${word & 0x0fff}`);
  else {
    ctx.out.ascii(`\n\t      O: ${(word >> 15) & 1}, RES: ${(word >> 12) & 7}, `);
    ctx.out.ascii(`MTID(s): ${word & 0x0fff}`);
  }
  return subTlvs(
    ctx,
    d,
    at + 2,
    left - 2,
    captured,
    port ? "\n\t       " : "\n\t      ",
    port ? PORT_CAP_SUBTLVS : CAPABILITY_SUBTLVS,
    (sub, p, length) => subTlvValue(ctx, (type << 8) | sub, p, length),
  );
}
