/**
 * The operations of a ForCES message as tcpdump's print-forces.c writes them: the LFB
 * selector TLVs of Config, Query, Event Notification and their responses, each operation
 * TLV in them, and the PATH-DATA TLVs of an operation with their IDs, table ranges, keys
 * and data (FULLDATA, SPARSEDATA, RESULT, KEYINFO, nested PATH-DATA). Shared with
 * `forces.ts`: the printing state and tcpdump's helpers (indents, hex dumps, tok2str).
 * Private to `lib/print/`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { hexPrint } from "../_hex.ts";
import { DecodeError } from "../../errors.ts";
import {
  forcesAligned,
  type ForcesReader,
  forcesTlvProblem,
  ForcesTlvType,
} from "../../app/forces.ts";

/** What the printing of one ForCES message reads and writes. */
export interface ForcesState {
  /** The print context. */
  readonly ctx: PrintContext;
  /** The reader of the captured bytes. */
  readonly r: ForcesReader;
  /** The verbosity. */
  readonly v: number;
}

/** tcpdump's indent_pr(): `indent` spaces (at most 255), after a new line if asked. */
export function indentPr(indent: number, newline: boolean): string {
  const n = Math.min(indent, 255);
  return newline ? "\n" + " ".repeat(Math.max(0, n - 1)) : " ".repeat(Math.max(0, n));
}

/**
 * tcpdump's hex_print(): the bytes that were captured, then its longjmp (a thrown
 * DecodeError) when some were not.
 */
export function hexPrintCut(s: ForcesState, indent: string, at: number, length: number): void {
  const available = Math.max(0, s.r.end - at);
  const n = Math.min(length, available);
  if (n > 0) hexPrint(s.ctx, indent, at, at + n, s.r.data);
  if (n < length) throw DecodeError.truncated("forces", at, length, n);
}

/** nd_print_trunc(): the mark, the printer goes on (the caller returns -1). */
export function printTrunc(s: ForcesState): -1 {
  s.ctx.out.ascii(" [|forces]");
  return -1;
}

/**
 * The message tcpdump writes when the TLVs of a walk leave `remaining` bytes that hold no
 * whole TLV (the last one's length field is past them); returns -1.
 */
export function messyTlvs(s: ForcesState, what: string, at: number, remaining: number): -1 {
  s.ctx.out.ascii(
    `\n\t\tMessy ${what} TLV header, type (0x${s.r.u16(at).toString(16)})\n\t\texcess of ${
      (remaining - s.r.u16(at + 2)) >>> 0
    } Bytes `,
  );
  return -1;
}

/** tcpdump's ForCES_TLV names; tok2str() with no format writes `#n`. */
export function tlvName(type: number): string {
  return TLV_NAMES.get(type) ?? `#${type}`;
}

/** ForCES_TLV_err, by tlv_valid()'s numbers. */
export function tlvError(problem: number): string {
  return TLV_ERRORS[problem] ?? `#${problem}`;
}

const TLV_NAMES: ReadonlyMap<number, string> = new Map([
  [0x0000, "Invalid TLV"],
  [ForcesTlvType.REDIRECT, "REDIRECT TLV"],
  [ForcesTlvType.ASSOCIATION_SETUP_RESULT, "ASResult TLV"],
  [ForcesTlvType.ASSOCIATION_TEARDOWN_REASON, "ASTreason TLV"],
  [ForcesTlvType.LFB_SELECT, "LFBselect TLV"],
  [ForcesTlvType.PATH_DATA, "PATH-DATA TLV"],
  [ForcesTlvType.KEY_INFO, "KEYINFO TLV"],
  [ForcesTlvType.FULL_DATA, "FULLDATA TLV"],
  [ForcesTlvType.SPARSE_DATA, "SPARSEDATA TLV"],
  [ForcesTlvType.RESULT, "RESULT TLV"],
  [ForcesTlvType.METADATA, "METADATA TLV"],
  [ForcesTlvType.REDIRECT_DATA, "REDIRECTDATA TLV"],
]);

const TLV_ERRORS: readonly string[] = [
  "#0",
  "Invalid total length",
  "xLV too short",
  "xLV too long",
  "data padding missing",
];

/** tcpdump's ttlv_valid(): the TLV types it accepts at the top of a message. */
export function topTlvValid(type: number): boolean {
  return type === 1 || type === 0x1000 || (type >= 0x10 && type <= 0x11) ||
    (type >= 0x110 && type <= 0x116);
}

// The bits of an operation's mask: the data encodings it allows, and the path flags.
const B_FULLD = 0x1;
const B_SPARD = 0x2;
const B_RESTV = 0x4;
const B_KEYIN = 0x8;
const B_APPND = 0x10;
const B_TRNG = 0x20;

/** The printer of a part of a message: tcpdump's `int (*print)(pptr, len, op_msk, indent)`. */
type PartPrinter = (
  s: ForcesState,
  at: number,
  length: number,
  mask: number,
  indent: number,
) => number;

interface Operation {
  readonly name: string;
  readonly mask: number;
  readonly print: PartPrinter | undefined;
}

/** The operations' bits in a message type's mask of allowed operations (1 << (op - 1)). */
export const OPERATION_MASKS = {
  ASSOCIATION_SETUP: 1 << 10,
  CONFIG: (1 << 0) | (1 << 1) | (1 << 4) | (1 << 11) | (1 << 13),
  CONFIG_RESPONSE: (1 << 2) | (1 << 3) | (1 << 5) | (1 << 12),
  QUERY: (1 << 6) | (1 << 7),
  QUERY_RESPONSE: (1 << 8) | (1 << 9),
  EVENT: 1 << 10,
} as const;

/** tcpdump's OPTLV_msg, by operation number (0 for the invalid ones). */
const OPERATIONS: readonly Operation[] = [
  { name: "Invalid OPTLV", mask: 0, print: invalidOperation },
  { name: " Set", mask: B_FULLD | B_SPARD, print: pathDataTlvs },
  { name: " SetProp", mask: B_FULLD | B_SPARD, print: pathDataTlvs },
  { name: " SetResp", mask: B_RESTV, print: pathDataTlvs },
  { name: " SetPropResp", mask: B_RESTV, print: pathDataTlvs },
  { name: " Del", mask: 0, print: pathDataTlvs },
  { name: " DelResp", mask: B_RESTV, print: pathDataTlvs },
  { name: " Get", mask: 0, print: pathDataTlvs },
  { name: " GetProp", mask: 0, print: pathDataTlvs },
  { name: " GetResp", mask: B_FULLD | B_SPARD | B_RESTV, print: pathDataTlvs },
  { name: " GetPropResp", mask: B_FULLD | B_RESTV, print: pathDataTlvs },
  { name: " Report", mask: B_FULLD | B_SPARD, print: pathDataTlvs },
  { name: " Commit", mask: 0, print: undefined },
  { name: " RCommit", mask: B_RESTV, print: genericOperation },
  { name: " RTRCOMP", mask: 0, print: undefined },
];

function operationValid(op: number, mask: number): boolean {
  if (op === 0) return false;
  if (op < OPERATIONS.length) return ((1 << (op - 1)) & mask) !== 0;
  return op >= 0x8000;
}

/** lfbselect_print(): the LFB class and instance, then the operation TLVs. */
export function lfbSelect(
  s: ForcesState,
  at: number,
  length: number,
  mask: number,
  indent: number,
): number {
  const { r, ctx } = s;
  const out = ctx.out;
  const dlen = length - 4;
  if (dlen <= 12) {
    out.ascii(`\n\t\ttruncated lfb selector: ${12 - dlen} bytes missing! `);
    return -1;
  }
  let rlen = dlen - 8;
  if (!r.has(at, 8)) return printTrunc(s);
  if (s.v >= 3) {
    const lfbClass = r.u32(at);
    const name = LFB_NAMES[lfbClass] ?? `#${lfbClass | 0}`;
    out.ascii(
      `\n${indentPr(indent, false)}${name}(Classid ${lfbClass.toString(16)}) instance ${
        r.u32(at + 4).toString(16)
      }\n`,
    );
  }
  let p = at + 8;
  indent += 1;
  while (rlen !== 0) {
    const type = r.u16(p);
    const tlvl = r.u16(p + 2);
    if (forcesTlvProblem(tlvl, rlen) !== 0) break;
    if (operationValid(type, mask)) {
      operation(s, p, indent);
    } else {
      if (s.v < 3) out.byte(0x0a);
      out.ascii(
        `\t\tINValid oper-TLV type 0x${type.toString(16)} length ${tlvl} for this ForCES message\n`,
      );
      invalidOperation(s, p, rlen, 0, indent);
    }
    p += forcesAligned(tlvl);
    rlen -= forcesAligned(tlvl);
  }
  if (rlen !== 0) return messyTlvs(s, "oper", p, rlen);
  return 0;
}

const LFB_NAMES: readonly string[] = ["Invalid TLV", "FEObj LFB", "FEProtoObj LFB"];

/** otlv_print(): one operation TLV. */
function operation(s: ForcesState, at: number, indent: number): number {
  const out = s.ctx.out;
  const type = s.r.u16(at);
  const tlvl = s.r.u16(at + 2);
  const tll = tlvl - 4;
  const op = (type < OPERATIONS.length ? OPERATIONS[type] : undefined) ?? OPERATIONS[0]!;
  const hex = type.toString(16);
  if (s.v >= 3) {
    out.ascii(`${indentPr(indent, false)}Oper TLV ${op.name}(0x${hex}) length ${tlvl}\n`);
  }
  if (tll < 8) {
    out.ascii(`\t\tOper TLV ${op.name}(0x${hex}) length ${tlvl}\n`);
    out.ascii(`\t\tTruncated data size ${tll} minimum required 8\n`);
    return invalidOperation(s, at + 4, tll, op.mask, indent);
  }
  return op.print?.(s, at + 4, tll, op.mask, indent + 1) ?? 0;
}

/** invoptlv_print(): the bytes in hex with -vvv. */
function invalidOperation(
  s: ForcesState,
  at: number,
  length: number,
  _mask: number,
  indent: number,
): number {
  if (s.v >= 3) {
    const ib = indentPr(indent, true);
    s.ctx.out.ascii(`${ib.slice(1)}Data[`);
    hexPrintCut(s, ib, at, length);
    s.ctx.out.ascii(`${ib}]\n`);
  }
  return -1;
}

/** genoptlv_print(): the one TLV of an RCommit. */
function genericOperation(
  s: ForcesState,
  at: number,
  length: number,
  mask: number,
  indent: number,
): number {
  const out = s.ctx.out;
  const type = s.r.u16(at);
  const tlvl = s.r.u16(at + 2);
  const problem = forcesTlvProblem(tlvl, length);
  const hex = type.toString(16);
  out.ascii(`genoptlvprint - ${tlvName(type)} TLV type 0x${hex} len ${tlvl}\n`);
  if (problem !== 0) {
    out.ascii(`\t\t\tInvalid ForCES TLV type=${hex}`);
    return -1;
  }
  if (!topTlvValid(type)) {
    out.ascii(`${tlvError(problem)} TLV type 0x${hex} len ${tlvl}\n`);
    return -1;
  }
  if (s.v >= 3) {
    out.ascii(
      `${indentPr(indent, false)}${tlvName(type)}, length ${tlvl} (data length ${tlvl - 4} Bytes)`,
    );
  }
  return pathData(s, at + 4, tlvl - 4, mask, indent + 1);
}

/** recpdoptlv_print(): a run of PATH-DATA TLVs. */
function pathDataTlvs(
  s: ForcesState,
  at: number,
  length: number,
  mask: number,
  indent: number,
): number {
  const { r, ctx } = s;
  let p = at;
  let len = length;
  while (len !== 0) {
    const tlvl = r.u16(p + 2);
    if (forcesTlvProblem(tlvl, len) !== 0) break;
    const type = r.u16(p);
    if (s.v >= 3) {
      ctx.out.ascii(
        `${indentPr(indent, false)}${tlvName(type)}, length ${tlvl} (data encapsulated ${
          tlvl - 4
        } Bytes)`,
      );
    }
    if (pathData(s, p + 4, tlvl - 4, mask, indent + 1) === -1) return -1;
    p += forcesAligned(tlvl);
    len -= forcesAligned(tlvl);
  }
  if (len !== 0) return messyTlvs(s, "PATHDATA", p, len);
  return 0;
}

/** pdata_print(): a path's flags and IDs, its content, then the PATH-DATA TLVs after it. */
function pathData(
  s: ForcesState,
  at: number,
  length: number,
  mask: number,
  indent: number,
): number {
  const { r, ctx } = s;
  const out = ctx.out;
  if (!r.has(at, 4) || length < 4) return printTrunc(s);
  const flags = r.u16(at);
  const idCount = r.u16(at + 2);
  if (s.v >= 3) {
    out.ascii(
      `\n${indentPr(indent, false)}Pathdata: Flags 0x${flags.toString(16)} ID count ${idCount}\n`,
    );
  }
  if (flags & 1) mask |= B_KEYIN;
  if (flags & 2) mask |= B_TRNG;
  if (flags & 4) mask |= B_APPND;
  const p = at + 4;
  const len = length - 4;
  if (len < idCount * 4) {
    out.ascii(`\t\t\ttruncated IDs expected ${idCount * 4}B got ${len}B\n`);
    hexPrintCut(s, "\t\t\tID Data[", p, len);
    out.ascii("]\n");
    return -1;
  }
  if ((mask & B_TRNG) && (mask & B_KEYIN)) {
    out.ascii("\t\t\tIllegal to have both Table ranges and keys\n");
    return -1;
  }
  const more = pathContent(s, p, len, idCount, mask, indent);
  if (more <= 0) return 0;
  return pathDataTlvs(s, p + len - more, more, mask, indent + 1);
}

/** pdatacnt_print(): the IDs, a table range or key, and one data TLV; what is left. */
function pathContent(
  s: ForcesState,
  at: number,
  length: number,
  idCount: number,
  mask: number,
  indent: number,
): number {
  const { r, ctx } = s;
  const out = ctx.out;
  const ib = indentPr(indent, false);
  let p = at;
  let len = length;
  if ((mask & B_APPND) && s.v >= 3) out.ascii(`${ib}TABLE APPEND\n`);
  for (let i = 0; i < idCount; i++) {
    if (!r.has(p, 4) || len < 4) return printTrunc(s);
    const id = r.u32(p);
    if (s.v >= 3) out.ascii(`${ib}ID#${String(i + 1).padStart(2, "0")}: ${id}\n`);
    len -= 4;
    p += 4;
  }
  if (mask & B_TRNG) {
    if (len < 12) {
      out.ascii(`pathlength ${len} with key/range too short 12\n`);
      return -1;
    }
    const start = r.u32(p + 4);
    const end = r.u32(p + 8);
    p += 12;
    len -= 12;
    if (s.v >= 3) out.ascii(`${ib}Table range: [${start},${end}]\n`);
  }
  if (mask & B_KEYIN) {
    if (len < 12) {
      out.ascii(`pathlength ${len} with key/range too short 12\n`);
      return -1;
    }
    let tll = r.u16(p + 6);
    p += 8;
    len -= 8;
    if (tll < 4) {
      out.ascii(`key content length ${tll} < 4\n`);
      return -1;
    }
    tll -= 4;
    if (len < tll) {
      out.ascii("key content too short\n");
      return -1;
    }
    p += tll;
    len -= tll;
  }
  if (len === 0) return 0;
  const type = r.u16(p);
  const tlvl = r.u16(p + 2);
  const problem = forcesTlvProblem(tlvl, len);
  if (problem !== 0) {
    out.ascii(
      `${tlvError(problem)} Outstanding bytes ${len} for TLV type 0x${
        type.toString(16)
      } TLV len ${tlvl}\n`,
    );
    return badData(s, p, len, tlvl);
  }
  const tll = tlvl - 4;
  const aligned = forcesAligned(tlvl);
  const pad = aligned > tlvl && aligned <= len ? aligned - tlvl : 0;
  const data = type >= ForcesTlvType.PATH_DATA && type <= ForcesTlvType.RESULT
    ? PATH_CONTENTS.get(type)
    : undefined;
  if (data === undefined) {
    out.ascii(`Invalid path data content type 0x${type.toString(16)} len ${tlvl}\n`);
    return badData(s, p, len, tlvl);
  }
  if (s.v >= 3 && type !== ForcesTlvType.PATH_DATA) {
    const padding = pad ? ` pad ${pad}` : "";
    out.ascii(`${ib}  ${data.name} (Length ${tlvl} DataLen ${tll}${padding} Bytes)\n`);
  }
  if (type !== ForcesTlvType.PATH_DATA) {
    if (mask & B_KEYIN) {
      if (type !== ForcesTlvType.KEY_INFO) out.ascii("Based on flags expected KEYINFO TLV!\n");
    } else if (!(mask & data.mask)) {
      out.ascii(
        `Illegal DATA encoding for type 0x${type.toString(16)} programmed ${
          data.mask.toString(16)
        } got ${mask.toString(16)}\n`,
      );
    }
  }
  if (data.print(s, p, tll + pad + 4, mask, indent + 2) === -1) return -1;
  return len - (4 + pad + tll);
}

/** pdatacnt_print()'s pd_err: the bytes left in hex, unless the TLV's length is 0. */
function badData(s: ForcesState, at: number, length: number, tlvl: number): number {
  if (tlvl === 0) return length;
  hexPrintCut(s, "Bad Data val\n\t  [", at, length);
  s.ctx.out.ascii("]\n");
  return -1;
}

/** tcpdump's ForCES_pdata: the contents of a path, with the encoding bit each needs. */
const PATH_CONTENTS: ReadonlyMap<number, { name: string; mask: number; print: PartPrinter }> =
  new Map([
    [ForcesTlvType.KEY_INFO, { name: "KEYINFO TLV", mask: 0, print: keyInfo }],
    [ForcesTlvType.FULL_DATA, { name: "FULLDATA TLV", mask: B_FULLD, print: fullData }],
    [ForcesTlvType.SPARSE_DATA, { name: "SPARSEDATA TLV", mask: B_SPARD, print: sparseData }],
    [ForcesTlvType.RESULT, { name: "RESULT TLV", mask: B_RESTV, print: result }],
    [ForcesTlvType.PATH_DATA, { name: "Inner PATH-DATA TLV", mask: 0, print: pathDataTlvs }],
  ]);

/** prestlv_print(): a RESULT TLV's code. */
function result(s: ForcesState, at: number, length: number, _mask: number, indent: number): number {
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
function fullData(
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
function sparseData(
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
function keyInfo(s: ForcesState, at: number, length: number, mask: number, indent: number): number {
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
