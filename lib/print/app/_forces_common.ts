/**
 * What the ForCES printers (`forces.ts`, `_forces_path.ts`, `_forces_data.ts`) share: the
 * printing state, and tcpdump's helpers of print-forces.c (indents, hex dumps, truncation,
 * TLV names and walk errors). Private to `lib/print/`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { markTruncated } from "../_truncation.ts";
import { hexPrint } from "../_hex.ts";
import { DecodeError } from "../../errors.ts";
import { type ForcesReader, ForcesTlvType } from "../../app/forces.ts";

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
  markTruncated(s.ctx, "forces");
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
