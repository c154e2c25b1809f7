/**
 * The data of a ForCES path as tcpdump's print-forces.c writes it: RESULT codes, FULLDATA
 * in hex, SPARSEDATA ILVs, KEYINFO. Private to `lib/print/`.
 *
 * @module
 */

import { forcesAligned, forcesTlvProblem, ForcesTlvType } from "../../app/forces.ts";
import { type ForcesState, hexPrintCut, indentPr, printTrunc, tlvError } from "./_forces_common.ts";

/** prestlv_print(): a RESULT TLV's code. */
export function result(
  s: ForcesState,
  at: number,
  length: number,
  _mask: number,
  indent: number,
): number {
  const out = s.ctx.out;
  const dlen = length - 4;
  if (dlen !== 4) {
    out.ascii(`illegal RESULT-TLV: ${dlen} bytes!\n`);
    return -1;
  }
  if (!s.r.has(at + 4, 4)) return printTrunc(s);
  const code = s.r.u8(at + 4);
  if (code >= 0x18 && code <= 0xfe) {
    out.ascii(`illegal reserved result code: 0x${code.toString(16)}!\n`);
    return -1;
  }
  if (s.v >= 3) {
    const name = code === 0xff ? "UNSPECIFIED ERROR" : RESULT_NAMES[code];
    out.ascii(`${indentPr(indent, false)}  Result: ${name} (code 0x${code.toString(16)})\n`);
  }
  return 0;
}

const RESULT_NAMES: readonly string[] = [
  "SUCCESS",
  "INVALID HEADER",
  "LENGTH MISMATCH",
  "VERSION MISMATCH",
  "INVALID DESTINATION PID",
  "LFB UNKNOWN",
  "LFB NOT FOUND",
  "LFB INSTANCE ID NOT FOUND",
  "INVALID PATH",
  "COMPONENT DOES NOT EXIST",
  "EXISTS ALREADY",
  "NOT FOUND",
  "READ ONLY",
  "INVALID ARRAY CREATION",
  "VALUE OUT OF RANGE",
  "CONTENTS TOO LONG",
  "INVALID PARAMETERS",
  "INVALID MESSAGE TYPE",
  "INVALID FLAGS",
  "INVALID TLV",
  "EVENT ERROR",
  "NOT SUPPORTED",
  "MEMORY ERROR",
  "INTERNAL ERROR",
];

/** fdatatlv_print(): a FULLDATA TLV's bytes in hex with -vvv. */
export function fullData(
  s: ForcesState,
  at: number,
  length: number,
  _mask: number,
  indent: number,
): number {
  if (!s.r.has(at, 4)) return printTrunc(s);
  if (s.r.u16(at) !== ForcesTlvType.FULL_DATA) {
    s.ctx.out.ascii("Error: expecting FULLDATA!\n");
    return -1;
  }
  if (s.v >= 3) {
    const ib = indentPr(indent + 2, true);
    s.ctx.out.ascii(`${ib.slice(1)}[`);
    hexPrintCut(s, ib, at + 4, (length - 4) >>> 0);
    s.ctx.out.ascii(`\n${ib.slice(1)}]`);
  }
  return 0;
}

/** sdatatlv_print() and sdatailv_print(): a SPARSEDATA TLV's ILVs. */
export function sparseData(
  s: ForcesState,
  at: number,
  length: number,
  _mask: number,
  indent: number,
): number {
  const { r, ctx } = s;
  if (!r.has(at, 4)) return printTrunc(s);
  if (r.u16(at) !== ForcesTlvType.SPARSE_DATA) {
    ctx.out.ascii("Error: expecting SPARSEDATA!\n");
    return -1;
  }
  let rlen = length - 4;
  if (rlen < 8) {
    ctx.out.ascii("Error: BAD SPARSEDATA-TLV!\n");
    return -1;
  }
  let p = at + 4;
  const ib = indentPr(indent + 1, true);
  while (rlen !== 0) {
    const problem = rlen < 8 ? 1 : forcesTlvProblem(r.u32(p + 4), rlen, 8);
    if (problem !== 0) {
      ctx.out.ascii(`Error: ${tlvError(problem)}, rlen ${rlen}\n`);
      return -1;
    }
    const ilvl = r.u32(p + 4);
    if (s.v >= 3) {
      ctx.out.ascii(`\n${ib.slice(1)} ILV: type ${r.u32(p).toString(16)} length ${ilvl}\n`);
      hexPrintCut(s, "\t\t[", p + 8, ilvl - 8);
    }
    p += forcesAligned(ilvl);
    rlen -= forcesAligned(ilvl);
  }
  return 0;
}

/** pkeyitlv_print(): a KEYINFO TLV's key ID and its data TLV. */
export function keyInfo(
  s: ForcesState,
  at: number,
  length: number,
  mask: number,
  indent: number,
): number {
  const { r, ctx } = s;
  const key = r.u32(at + 4);
  ctx.out.ascii(`${indentPr(indent, false)}Keyinfo: Key 0x${key.toString(16)}\n`);
  const type = r.u16(at + 8);
  const tll = r.u16(at + 10);
  const problem = forcesTlvProblem(tll, length);
  if (problem !== 0) {
    ctx.out.ascii(`${tlvError(problem)} TLV type 0x${type.toString(16)} len ${tll}\n`);
    return -1;
  }
  return fullData(s, at + 12, tll, mask, indent);
}
