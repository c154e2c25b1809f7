/**
 * ForCES (RFC 5810) as tcpdump's forces_print() writes it after an SCTP DATA chunk: the
 * message type, with -v the header, with -vv its flags, with -vvv the TLVs (association
 * results, teardown reasons, redirected packets and metadata, and the operations of
 * `_forces_path.ts`), with -vvvv the whole message in hex; a message it cannot read in hex.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { readCut } from "../_truncation.ts";
import { DecodeError } from "../../errors.ts";
import {
  decodeForcesHeader,
  FORCES_HEADER_LENGTH,
  forcesAligned,
  ForcesReader,
  forcesTlvProblem,
  ForcesTlvType,
} from "../../app/forces.ts";
import {
  type ForcesState,
  hexPrintCut,
  indentPr,
  messyTlvs,
  printTrunc,
  tlvName,
  topTlvValid,
} from "./_forces_common.ts";
import { lfbSelect, OPERATION_MASKS } from "./_forces_path.ts";

/**
 * Prints the ForCES message in an SCTP DATA chunk's user data.
 *
 * @param ctx The print context.
 * @param data The bytes.
 * @param at Where the user data starts.
 * @param length The user data length.
 * @param end Where the captured bytes end (tcpdump's snapend).
 * @returns `false` when tcpdump's printer stops the packet (a read past the captured bytes).
 */
export function printForces(
  ctx: PrintContext,
  data: Uint8Array,
  at: number,
  length: number,
  end: number,
): boolean {
  const s: ForcesState = { ctx, r: new ForcesReader(data, end), v: ctx.verbose };
  try {
    message(s, at, length);
    return true;
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    return readCut(ctx, "forces");
  }
}

// The flags of tcpdump's tom_h: how many top-level TLVs a message type has.
const ZERO_TTLV = 0x01;
const ZERO_MORE_TTLV = 0x02;
const ONE_MORE_TTLV = 0x04;
const TTLV_T1 = ONE_MORE_TTLV | 0x10;
const TTLV_T2 = ONE_MORE_TTLV | 0xf0;

type TopPrinter = (
  s: ForcesState,
  at: number,
  length: number,
  mask: number,
  indent: number,
) => number;

interface MessageType {
  readonly name: string;
  readonly flags: number;
  readonly mask: number;
  readonly print: TopPrinter | undefined;
}

/** tcpdump's ForCES_msg, by message type. */
const MESSAGE_TYPES: ReadonlyMap<number, MessageType> = new Map([
  [0x01, {
    name: "Association Setup",
    flags: ZERO_MORE_TTLV | 0x20,
    mask: OPERATION_MASKS.ASSOCIATION_SETUP,
    print: lfbSelect,
  }],
  [0x02, { name: "Association TearDown", flags: TTLV_T1, mask: 0, print: teardownReason }],
  [0x03, { name: "Config", flags: TTLV_T2, mask: OPERATION_MASKS.CONFIG, print: lfbSelect }],
  [0x04, { name: "Query", flags: TTLV_T2, mask: OPERATION_MASKS.QUERY, print: lfbSelect }],
  [0x05, {
    name: "Event Notification",
    flags: TTLV_T1,
    mask: OPERATION_MASKS.EVENT,
    print: lfbSelect,
  }],
  [0x06, { name: "Packet Redirect", flags: TTLV_T2, mask: 0, print: redirect }],
  [0x0f, { name: "HeartBeat", flags: ZERO_TTLV, mask: 0, print: undefined }],
  [0x11, { name: "Association Response", flags: TTLV_T1, mask: 0, print: setupResult }],
  [0x13, {
    name: "Config Response",
    flags: TTLV_T2,
    mask: OPERATION_MASKS.CONFIG_RESPONSE,
    print: lfbSelect,
  }],
  [0x14, {
    name: "Query Response",
    flags: TTLV_T2,
    mask: OPERATION_MASKS.QUERY_RESPONSE,
    print: lfbSelect,
  }],
]);

/** tcpdump's tom_valid(). */
function typeValid(type: number): boolean {
  return type > 0 && !(type >= 0x7 && type <= 0xe) && type !== 0x10 && type <= 0x14;
}

/** forces_print(). */
function message(s: ForcesState, at: number, length: number): void {
  const { ctx, r } = s;
  const out = ctx.out;
  if (!r.has(at, FORCES_HEADER_LENGTH)) {
    printTrunc(s);
    return;
  }
  const header = decodeForcesHeader(r.data, at, r.end);
  const type = header.messageType;
  if (!typeValid(type)) {
    out.ascii(`Invalid ForCES message type ${type}\n`);
    return dumpMessage(s, at, length);
  }
  const ops = MESSAGE_TYPES.get(type);
  if (ops === undefined) {
    out.ascii(`\n\tUnknown ForCES message type=0x${type.toString(16)}`);
    return dumpMessage(s, at, length);
  }
  out.ascii(`\n\tForCES ${ops.name} `);
  const mlen = header.length;
  if (!(length >= FORCES_HEADER_LENGTH && mlen >= FORCES_HEADER_LENGTH && mlen === length)) {
    out.ascii(
      `Illegal ForCES pkt len - min ${FORCES_HEADER_LENGTH}, total recvd ${length}, advertised ${mlen} `,
    );
    return dumpMessage(s, at, length);
  }
  const flags = header.flags;
  if (s.v >= 1) {
    out.ascii(
      `\n\tForCES Version ${header.version} len ${mlen}B flags 0x${
        flags.toString(16).padStart(8, "0")
      } `,
    );
    const source = header.sourceId;
    const destination = header.destinationId;
    out.ascii(
      `\n\tSrcID 0x${source.toString(16)}(${nodeName(source)}) DstID 0x${
        destination.toString(16)
      }(${nodeName(destination)}) Correlator 0x${header.correlator.toString(16)}`,
    );
  }
  if (s.v >= 2) {
    const ack = flags >>> 30;
    const em = (flags >>> 22) & 3;
    const atomic = (flags >>> 21) & 1;
    const phase = (flags >>> 19) & 3;
    out.ascii(
      `\n\tForCES flags:\n\t  ${ACKS[ack]}(0x${ack}), prio=${(flags >>> 27) & 7}, ${
        EMS[em]
      }(0x${em}),\n\t  ${atomic ? "2PCtransaction" : "Standalone"}(0x${atomic}), ${
        PHASES[phase]
      }(0x${phase})\n`,
    );
    out.ascii(
      `\t  Extra flags: rsv(b5-7) 0x${((flags >>> 24) & 7).toString(16)} rsv(b13-31) 0x${
        (flags & 0x7ffff).toString(16)
      }\n`,
    );
  }
  if (topTlvs(s, at, mlen, ops) < 0) return dumpMessage(s, at, length);
  if (s.v >= 4) {
    out.ascii("\n\t  Raw ForCES message\n\t [");
    hexPrintCut(s, "\n\t ", at, length);
    out.ascii("\n\t ]");
  }
}

const ACKS: readonly string[] = ["NoACK", "SuccessACK", "FailureACK", "AlwaysACK"];
const EMS: readonly string[] = [
  "EMReserved",
  "execute-all-or-none",
  "execute-until-failure",
  "continue-execute-on-failure",
];
const PHASES: readonly string[] = [
  "StartofTransaction",
  "MiddleofTransaction",
  "EndofTransaction",
  "abort",
];

/** ForCES_node(): the kind of node an ID names. */
function nodeName(id: number): string {
  if (id <= 0x3fffffff) return "FE";
  if (id <= 0x7fffffff) return "CE";
  if (id >= 0xc0000000 && id <= 0xffffffef) return "AllMulticast";
  if (id === 0xfffffffd) return "AllCEsBroadcast";
  if (id === 0xfffffffe) return "AllFEsBroadcast";
  if (id === 0xffffffff) return "AllBroadcast";
  return "ForCESreserved";
}

/** forces_print()'s error path: the message in hex. */
function dumpMessage(s: ForcesState, at: number, length: number): void {
  hexPrintCut(s, "\n\t[", at, length);
  s.ctx.out.ascii("\n\t]");
}

/** forces_type_print(): the top-level TLVs, as many as the message type allows. */
function topTlvs(s: ForcesState, at: number, mlen: number, ops: MessageType): number {
  const { r, ctx } = s;
  const out = ctx.out;
  let rlen = mlen - FORCES_HEADER_LENGTH;
  if (rlen > 4) {
    if (ops.flags & ZERO_TTLV) {
      out.ascii(`<0x${ops.flags.toString(16)}>Illegal Top level TLV!\n`);
      return -1;
    }
  } else {
    if (ops.flags & ZERO_MORE_TTLV) return 0;
    if (ops.flags & ONE_MORE_TTLV) {
      out.ascii("\tTop level TLV Data missing!\n");
      return -1;
    }
  }
  if (ops.flags & ZERO_TTLV || ops.print === undefined) return 0;
  let count = ops.flags >> 4;
  let p = at + FORCES_HEADER_LENGTH;
  while (rlen !== 0) {
    const type = r.u16(p);
    const tlvl = r.u16(p + 2);
    if (forcesTlvProblem(tlvl, rlen) !== 0) break;
    if (!topTlvValid(type)) {
      out.ascii(`\n\tInvalid ForCES Top TLV type=0x${type.toString(16)}`);
      return -1;
    }
    if (s.v >= 3) {
      out.ascii(`\t${tlvName(type)}, length ${tlvl} (data length ${tlvl - 4} Bytes)`);
    }
    if (ops.print(s, p + 4, tlvl, ops.mask, 9) < 0) return -1;
    p += forcesAligned(tlvl);
    rlen -= forcesAligned(tlvl);
    count--;
    if (count === 0) break;
  }
  if (rlen !== 0) {
    out.ascii(`\tMess TopTLV header: min 4, total ${rlen} advertised ${r.u16(p + 2)} `);
    return -1;
  }
  return 0;
}

/** How asttlv_print() and asrtlv_print() name a 4-byte code and lay it out. */
interface CodeTlv {
  /** The TLV's name in tcpdump's messages. */
  readonly name: string;
  /** The largest valid code. */
  readonly max: number;
  /** The codes' names. */
  readonly names: readonly string[];
  /** The name of a valid code without one. */
  readonly unknown: string;
  /** The text before the name, then between it and the code in hex. */
  readonly before: string;
  readonly between: string;
}

const TEARDOWN: CodeTlv = {
  name: "ASTresult",
  max: 255,
  names: [
    "Normal Teardown",
    "Loss of Heartbeats",
    "Out of bandwidth",
    "Out of Memory",
    "Application Crash",
  ],
  unknown: "Unknown Teardown reason",
  before: "Teardown reason:\n",
  between: "",
};

const SETUP: CodeTlv = {
  name: "ASRresult",
  max: 3,
  names: ["Success", "FE ID invalid", "permission denied"],
  unknown: "Unknown",
  before: "\n",
  between: " ",
};

/** asttlv_print() and asrtlv_print(): a 4-byte code (a teardown reason, a setup result). */
function codeTlv(
  s: ForcesState,
  at: number,
  length: number,
  indent: number,
  kind: CodeTlv,
): number {
  const out = s.ctx.out;
  const dlen = length - 4;
  if (dlen !== 4) {
    out.ascii(`illegal ${kind.name}-TLV: ${dlen} bytes!\n`);
    return -1;
  }
  const code = s.r.u32(at);
  if (code > kind.max) {
    out.ascii(`illegal ${kind.name} result code: ${code}!\n`);
    return -1;
  }
  if (s.v >= 3) {
    const ib = indentPr(indent, false);
    const name = kind.names[code] ?? kind.unknown;
    out.ascii(`${kind.before}${ib}${name}${kind.between}(${code.toString(16)})\n${ib}`);
  }
  return 0;
}

/** An Association TearDown's reason. */
function teardownReason(s: ForcesState, at: number, length: number, _m: number, indent: number) {
  return codeTlv(s, at, length, indent, TEARDOWN);
}

/** An Association Response's result. */
function setupResult(s: ForcesState, at: number, length: number, _m: number, indent: number) {
  return codeTlv(s, at, length, indent, SETUP);
}

/** redirect_print(): a Packet Redirect's METADATA and REDIRECTDATA TLVs. */
function redirect(
  s: ForcesState,
  at: number,
  length: number,
  _mask: number,
  indent: number,
): number {
  const { r, ctx } = s;
  const out = ctx.out;
  const dlen = length - 4;
  if (dlen <= 8) {
    out.ascii(`\n\t\ttruncated Redirect TLV: ${8 - dlen} bytes missing! `);
    return -1;
  }
  let rlen = dlen;
  let p = at;
  indent += 1;
  while (rlen !== 0) {
    const type = r.u16(p);
    const tlvl = r.u16(p + 2);
    if (forcesTlvProblem(tlvl, rlen) !== 0) {
      out.ascii("Bad Redirect data\n");
      break;
    }
    if (type === ForcesTlvType.METADATA) metadata(s, p + 4, tlvl, indent);
    else if (type === ForcesTlvType.REDIRECT_DATA) redirectData(s, p + 4, tlvl, indent);
    else out.ascii(`Unknown REDIRECT TLV 0x${type.toString(16)} len ${tlvl}\n`);
    p += forcesAligned(tlvl);
    rlen -= forcesAligned(tlvl);
  }
  if (rlen !== 0) return messyTlvs(s, "Redirect", p, rlen);
  return 0;
}

/** print_metatlv() and print_metailv(): the metadata ILVs. */
function metadata(s: ForcesState, at: number, length: number, indent: number): void {
  const { r, ctx } = s;
  const out = ctx.out;
  let rlen = length - 4;
  out.ascii(`\n${indentPr(indent, false)} METADATA length ${rlen}\n`);
  const ib = indentPr(indent + 1, false);
  let p = at;
  while (rlen !== 0) {
    if (rlen < 8) break;
    const ilvl = r.u32(p + 4);
    if (forcesTlvProblem(ilvl, rlen, 8) !== 0) break;
    out.ascii(`${ib}MetaID 0x${r.u32(p).toString(16)} length ${ilvl}\n`);
    if (s.v >= 3) {
      hexPrintCut(s, "\t\t[", p + 8, ilvl - 8);
      out.ascii(" ]\n");
    }
    p += forcesAligned(ilvl);
    rlen -= forcesAligned(ilvl);
  }
}

/** print_reddata(): the redirected packet's bytes. */
function redirectData(s: ForcesState, at: number, length: number, indent: number): void {
  const out = s.ctx.out;
  const rlen = length - 4;
  out.ascii(`\n${indentPr(indent, false)} Redirect Data length ${rlen}\n`);
  if (s.v >= 3) {
    out.ascii("\t\t[");
    hexPrintCut(s, "\n\t\t", at, rlen);
    out.ascii("\n\t\t]");
  }
}
