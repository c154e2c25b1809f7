/**
 * The operations of a ForCES message as tcpdump's print-forces.c writes them: the LFB
 * selector TLVs of Config, Query, Event Notification and their responses, each operation
 * TLV in them, and the PATH-DATA TLVs of an operation with their IDs, table ranges, keys
 * and the data of each (`_forces_data.ts`), nested PATH-DATA walked without recursion.
 * Private to `lib/print/`.
 *
 * @module
 */

import {
  type ForcesState,
  hexPrintCut,
  indentPr,
  messyTlvs,
  printTrunc,
  tlvError,
  tlvName,
  topTlvValid,
} from "./_forces_common.ts";
import { fullData, keyInfo, result, sparseData } from "./_forces_data.ts";
import { forcesAligned, forcesTlvProblem, ForcesTlvType } from "../../app/forces.ts";

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
  return runPath(s, pathData(s, at + 4, tlvl - 4, mask, indent + 1));
}

/**
 * What printing a path leaves to do: its result, or a run of PATH-DATA TLVs to walk, then
 * what to do with that walk's result. tcpdump recurses there, once per nesting level: a
 * message holds thousands of levels, more than JavaScript's stack, so the walks are run
 * from an explicit stack ({@linkcode pathDataTlvs}).
 */
type Step = number | Nested;

interface Nested {
  readonly at: number;
  readonly length: number;
  readonly mask: number;
  readonly indent: number;
  readonly after: (result: number) => Step;
}

/** `step`, then `next` on its result. */
function andThen(step: Step, next: (result: number) => Step): Step {
  if (typeof step === "number") return next(step);
  return { ...step, after: (result) => andThen(step.after(result), next) };
}

/** One walk of PATH-DATA TLVs on the stack: where it is, and the path it waits for. */
interface Walk {
  p: number;
  len: number;
  readonly mask: number;
  readonly indent: number;
  /** The length of the TLV whose path is being printed. */
  tlvl: number;
  /** What to do with the result of the walk above this one. */
  pending: ((result: number) => Step) | undefined;
}

/** recpdoptlv_print(): a run of PATH-DATA TLVs (and the runs nested in them). */
function pathDataTlvs(
  s: ForcesState,
  at: number,
  length: number,
  mask: number,
  indent: number,
): number {
  const { r, ctx } = s;
  const stack: Walk[] = [{ p: at, len: length, mask, indent, tlvl: 0, pending: undefined }];
  // The result of the path of the top walk's current TLV, or of the walk just ended.
  let result: number | undefined = undefined;
  for (;;) {
    const walk = stack[stack.length - 1]!;
    let ended: number | undefined = undefined;
    if (result !== undefined) {
      // A path's result: the walk goes on to the next TLV or ends with -1.
      const value = result;
      result = undefined;
      if (value === -1) ended = -1;
      else {
        walk.p += forcesAligned(walk.tlvl);
        walk.len -= forcesAligned(walk.tlvl);
      }
    }
    if (ended === undefined) {
      let step: Step | undefined = undefined;
      if (walk.len !== 0) {
        const tlvl = r.u16(walk.p + 2);
        if (forcesTlvProblem(tlvl, walk.len) === 0) {
          const type = r.u16(walk.p);
          if (s.v >= 3) {
            ctx.out.ascii(
              `${indentPr(walk.indent, false)}${tlvName(type)}, length ${tlvl} (data encapsulated ${
                tlvl - 4
              } Bytes)`,
            );
          }
          walk.tlvl = tlvl;
          step = pathData(s, walk.p + 4, tlvl - 4, walk.mask, walk.indent + 1);
        }
      }
      if (step === undefined) {
        ended = walk.len !== 0 ? messyTlvs(s, "PATHDATA", walk.p, walk.len) : 0;
      } else if (typeof step === "number") {
        result = step;
        continue;
      } else {
        walk.pending = step.after;
        stack.push(newWalk(step));
        continue;
      }
    }
    // The walk ended: its result goes to what the walk below waits for.
    stack.pop();
    const below = stack[stack.length - 1];
    if (below === undefined) return ended;
    const next = below.pending!(ended);
    below.pending = undefined;
    if (typeof next === "number") result = next;
    else {
      below.pending = next.after;
      stack.push(newWalk(next));
    }
  }
}

function newWalk(nested: Nested): Walk {
  const { at, length, mask, indent } = nested;
  return { p: at, len: length, mask, indent, tlvl: 0, pending: undefined };
}

/** A path's step run to its result (for the one path of an RCommit). */
function runPath(s: ForcesState, step: Step): number {
  while (typeof step !== "number") {
    step = step.after(pathDataTlvs(s, step.at, step.length, step.mask, step.indent));
  }
  return step;
}

/** pdata_print(): a path's flags and IDs, its content, then the PATH-DATA TLVs after it. */
function pathData(
  s: ForcesState,
  at: number,
  length: number,
  mask: number,
  indent: number,
): Step {
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
  return andThen(pathContent(s, p, len, idCount, mask, indent), (more) => {
    if (more <= 0) return 0;
    return { at: p + len - more, length: more, mask, indent: indent + 1, after: (r) => r };
  });
}

/** pdatacnt_print(): the IDs, a table range or key, and one data TLV; what is left. */
function pathContent(
  s: ForcesState,
  at: number,
  length: number,
  idCount: number,
  mask: number,
  indent: number,
): Step {
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
  const rest = len - (4 + pad + tll);
  if (data.print === undefined) {
    // An inner PATH-DATA: the walk starts at this TLV's own header.
    const after = (result: number) => result === -1 ? -1 : rest;
    return { at: p, length: tll + pad + 4, mask, indent: indent + 2, after };
  }
  if (data.print(s, p, tll + pad + 4, mask, indent + 2) === -1) return -1;
  return rest;
}

/** pdatacnt_print()'s pd_err: the bytes left in hex, unless the TLV's length is 0. */
function badData(s: ForcesState, at: number, length: number, tlvl: number): number {
  if (tlvl === 0) return length;
  hexPrintCut(s, "Bad Data val\n\t  [", at, length);
  s.ctx.out.ascii("]\n");
  return -1;
}

/** tcpdump's ForCES_pdata: the contents of a path, with the encoding bit each needs. */
const PATH_CONTENTS: ReadonlyMap<
  number,
  { name: string; mask: number; print: PartPrinter | undefined }
> = new Map([
  [ForcesTlvType.KEY_INFO, { name: "KEYINFO TLV", mask: 0, print: keyInfo }],
  [ForcesTlvType.FULL_DATA, { name: "FULLDATA TLV", mask: B_FULLD, print: fullData }],
  [ForcesTlvType.SPARSE_DATA, { name: "SPARSEDATA TLV", mask: B_SPARD, print: sparseData }],
  [ForcesTlvType.RESULT, { name: "RESULT TLV", mask: B_RESTV, print: result }],
  [ForcesTlvType.PATH_DATA, { name: "Inner PATH-DATA TLV", mask: 0, print: undefined }],
]);
