/**
 * The BSD time daemon's protocol (TSP) as tcpdump's timed_print() writes it.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Timed, TimedType } from "../../app/timed.ts";
import { truncatedRead } from "../_truncation.ts";
import { printChars } from "../_chars.ts";

/** tsptype_str: the names of types 0 to 24, by number. */
const TYPE_NAMES: readonly string[] = [
  "ANY",
  "ADJTIME",
  "ACK",
  "MASTERREQ",
  "MASTERACK",
  "SETTIME",
  "MASTERUP",
  "SLAVEUP",
  "ELECTION",
  "ACCEPT",
  "REFUSE",
  "CONFLICT",
  "RESOLVE",
  "QUIT",
  "DATE",
  "DATEREQ",
  "DATEACK",
  "TRACEON",
  "TRACEOFF",
  "MSITE",
  "MSITEREQ",
  "TEST",
  "SETDATE",
  "SETDATEREQ",
  "LOOP",
];

/** The types whose union timed_print() reads as a time. */
const TIME_TYPES: ReadonlySet<number> = new Set([
  TimedType.SETTIME,
  TimedType.ADJTIME,
  TimedType.SETDATE,
  TimedType.SETDATEREQ,
]);

/**
 * Prints a TSP message after its UDP header. Each field is printed once read; a read past
 * the capture ends the line with ` [|timed]`, as tcpdump's longjmp does.
 *
 * @param ctx The print context.
 * @param tsp The layer.
 */
export function printTimed(ctx: PrintContext, tsp: Timed): void {
  const out = ctx.out;
  ctx.done = true;
  const type = tsp.type;
  const name = TYPE_NAMES[type];
  out.ascii(name === undefined ? `(tsp_type 0x${type.toString(16)})` : `TSP_${name}`);
  if (tsp.version < 0) return truncatedRead(ctx, "timed");
  out.ascii(` vers ${tsp.version}`);
  if (tsp.sequence < 0) return truncatedRead(ctx, "timed");
  out.ascii(` seq ${tsp.sequence}`);
  if (type === TimedType.LOOP) {
    if (tsp.hopCount < 0) return truncatedRead(ctx, "timed");
    out.ascii(` hopcnt ${tsp.hopCount}`);
  } else if (TIME_TYPES.has(type)) {
    if (!tsp.timeCaptured) return truncatedRead(ctx, "timed");
    // A negative microseconds count is invalid: tcpdump prints nothing more.
    if (tsp.microseconds < 0) return;
    out.ascii(" time ");
    printTime(ctx, tsp.seconds, tsp.microseconds);
  }
  out.ascii(" name ");
  printChars(out, tsp.data, tsp.nameAt, tsp.nameAt + tsp.nameLength);
  if (tsp.nameCut) truncatedRead(ctx, "timed");
}

/**
 * Prints a time as timed_print() does: a negative time with microseconds counts them up
 * from the second below (`-1` and 250000 is `-0.750000`), with C's `%d.%06d`.
 */
function printTime(ctx: PrintContext, seconds: number, microseconds: number): void {
  const out = ctx.out;
  let sec = seconds;
  let usec = microseconds;
  if (sec < 0 && usec !== 0) {
    sec++;
    // %d of 0 has no sign: tcpdump writes it.
    if (sec === 0) out.byte(0x2d);
    usec = 1000000 - usec;
  }
  out.ascii(`${sec}.`);
  // %06d: zero-padded to 6 characters, a minus sign among them.
  const digits = String(Math.abs(usec));
  out.ascii(usec < 0 ? `-${digits.padStart(5, "0")}` : digits.padStart(6, "0"));
}
