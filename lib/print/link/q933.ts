/**
 * Q.933 link management as tcpdump's q933_print() writes it: `Q.933, ANSI, codeset 5,
 * Status Enquiry, TX Seq: 1, RX Seq: 0, length 14`, with `-v` one line per information
 * element.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Q933, Q933Element } from "../../link/q933.ts";
import { hexPrint } from "../_hex.ts";
import { truncated, truncatedRead } from "../_truncation.ts";
import { linkPayloadLength } from "../_shared.ts";

/** Message types (fr_q933_msg_values). */
const MESSAGES: ReadonlyMap<number, string> = new Map([
  [0x00, "ESC to National"],
  [0x01, "Alert"],
  [0x02, "Call proceeding"],
  [0x07, "Connect"],
  [0x0f, "Connect ACK"],
  [0x03, "Progress"],
  [0x05, "Setup"],
  [0x45, "Disconnect"],
  [0x4d, "Release"],
  [0x5a, "Release Complete"],
  [0x46, "Restart"],
  [0x4e, "Restart ACK"],
  [0x7d, "Status Reply"],
  [0x75, "Status Enquiry"],
]);

/** Element names of codesets 0 and 5 (fr_q933_ie_values_codeset_0_5). */
const ELEMENTS: ReadonlyMap<number, string> = new Map([
  [0x01, "ANSI Report Type"],
  [0x19, "ANSI Link Verify"],
  [0x03, "ANSI Link Verify"],
  [0x07, "ANSI PVC Status"],
  [0x51, "CCITT Report Type"],
  [0x53, "CCITT Link Verify"],
  [0x57, "CCITT PVC Status"],
]);

const REPORT_TYPES = ["Full Status", "Link verify", "Async PVC Status"];

/** `%3d`: right-aligned in 3 columns. */
function d3(n: number): string {
  return String(n).padStart(3, " ");
}

/** fr_q933_print_ie_codeset_0_5(): false for an element it does not know. */
function element(ctx: PrintContext, e: Q933Element): boolean {
  if (e.codeset !== 0 && e.codeset !== 5) return false;
  const out = ctx.out;
  const v = e.value;
  const verbose = ctx.verbose > 0;
  switch (e.code) {
    case 0x01:
    case 0x51:
      if (verbose) out.ascii(`${REPORT_TYPES[v[0]!] ?? "unknown"} (${v[0]})`);
      return true;
    case 0x03:
    case 0x53:
    case 0x19:
      if (!verbose) out.ascii(", ");
      if (v.length < 2) out.ascii("Invalid LINK VERIFY IE");
      else out.ascii(`TX Seq: ${d3(v[0]!)}, RX Seq: ${d3(v[1]!)}`);
      return true;
    case 0x07:
    case 0x57: {
      if (!verbose) out.ascii(", ");
      const n = v.length;
      const ext = (i: number): boolean => (v[i]! & 0x80) !== 0;
      if (
        n < 3 || ext(0) || (n === 3 && !ext(1)) || (n === 4 && (ext(1) || !ext(2))) ||
        (n === 5 && (ext(1) || ext(2) || !ext(3))) || n > 5 || !ext(n - 1)
      ) {
        out.ascii("Invalid DLCI in PVC STATUS IE");
        return true;
      }
      let dlci = ((v[0]! & 0x3f) << 4) | ((v[1]! & 0x78) >> 3);
      if (n === 4) dlci = (dlci << 6) | ((v[2]! & 0x7e) >> 1);
      else if (n === 5) dlci = (dlci << 13) | (v[2]! & 0x7f) | ((v[3]! & 0x7e) >> 1);
      const last = v[n - 1]!;
      out.ascii(`DLCI ${dlci}: status ${last & 0x8 ? "New, " : ""}`);
      out.ascii(last & 0x2 ? "Active" : "Inactive");
      return true;
    }
  }
  return false;
}

/** The `-v` line of an element: `\n\tANSI Link Verify IE (0x03), length 2: `. */
function elementHeader(ctx: PrintContext, codeset: number, code: number, length: number): void {
  const names = codeset === 0 || codeset === 5 ? ELEMENTS : undefined;
  ctx.out.ascii(`\n\t${names?.get(code) ?? "unknown"} IE (0x`);
  ctx.out.hex(code, 2);
  ctx.out.ascii(`), length ${length}: `);
}

/**
 * Prints a Q.933 message as tcpdump does.
 *
 * @param ctx The print context.
 * @param q933 The layer.
 */
export function printQ933(ctx: PrintContext, q933: Q933): void {
  const out = ctx.out;
  const verbose = ctx.verbose > 0;
  const length = linkPayloadLength(ctx, q933.offset);
  if (q933.truncated) {
    // Cut before the message type: q933_print() names the length alone.
    out.ascii(`${ctx.link ? "" : "Q.933, "}length ${length}`);
    ctx.done = true;
    return truncated(ctx, "q.933");
  }
  if (!ctx.link) out.ascii("Q.933, ");
  out.ascii(`${q933.ansi ? "ANSI" : "CCITT"}, codeset ${q933.codeset}`);
  if (q933.callReferenceCut) {
    ctx.done = true;
    return truncatedRead(ctx, "q.933");
  }
  if (q933.showsCallReference) {
    out.ascii(", Call Ref: 0x");
    out.hexBytes(q933.callReference, 0, q933.callReference.length);
  }
  const type = q933.messageType;
  const name = MESSAGES.get(type);
  if (verbose) {
    out.ascii(`, ${name ?? "unknown message"} (0x`);
    out.hex(type, 2);
    out.ascii(`), length ${length}`);
  } else {
    out.ascii(", ");
    if (name !== undefined) out.ascii(name);
    else {
      out.ascii("unknown message 0x");
      out.hex(type, 2);
    }
  }
  for (const e of q933.elements) {
    const at = e.value.byteOffset - q933.data.byteOffset;
    if (verbose) elementHeader(ctx, e.codeset, e.code, e.value.length);
    if (element(ctx, e)) {
      if (ctx.verbose > 1) hexPrint(ctx, "\n\t  ", at, at + e.value.length);
    } else if (verbose) hexPrint(ctx, "\n\t", at, at + e.value.length);
  }
  ctx.done = true;
  const stopped = q933.stoppedAt;
  if (verbose && stopped !== undefined) {
    elementHeader(ctx, stopped.codeset, stopped.code, stopped.length);
  }
  if (q933.stop === "zero") return;
  if (!verbose) out.ascii(`, length ${length}`);
  if (q933.stop === "truncated") truncated(ctx, "q.933");
}
