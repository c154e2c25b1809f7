/**
 * PTP as tcpdump's ptp_print() writes it: one line of the common header's fields and the
 * body's (PTPv2; PTPv1 is "not implemented").
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Ptp, PTP_HEADER_LENGTH, PtpMessageType } from "../../app/ptp.ts";
import { bitNames } from "../_shared.ts";

const MESSAGE_TYPES: ReadonlyMap<number, string> = new Map([
  [0x0, "sync msg"],
  [0x1, "delay req msg"],
  [0x2, "peer delay req msg"],
  [0x3, "peer delay resp msg"],
  [0x8, "follow up msg"],
  [0x9, "delay resp msg"],
  [0xa, "pdelay resp fup msg"],
  [0xb, "announce msg"],
  [0xc, "signalling msg"],
  [0xd, "management msg"],
]);
const CONTROLS = ["Sync", "Delay_Req", "Follow_Up", "Delay_Resp", "Management", "Other"];
const FLAGS = [
  [0x1, "l1 61"],
  [0x2, "l1 59"],
  [0x4, "utc reasonable"],
  [0x8, "timescale"],
  [0x10, "time tracable"],
  [0x20, "frequency tracable"],
  [0x100, "alternate master"],
  [0x200, "two step"],
  [0x400, "unicast"],
  [0x1000, "profile specific 1"],
  [0x2000, "profile specific 2"],
  [0x4000, "security mask"],
  [0x18c0, "unknown"],
] as const;

/** Thrown where tcpdump's GET macros stop at the captured end. */
class Truncated {}

/**
 * Prints a PTP message after its UDP header.
 *
 * @param ctx The print context.
 * @param ptp The layer.
 */
export function printPtp(ctx: PrintContext, ptp: Ptp): void {
  ctx.done = true;
  const out = ctx.out;
  if (ptp.wireLength < PTP_HEADER_LENGTH) {
    out.ascii(" (invalid)");
    return;
  }
  out.ascii(`PTPv${ptp.version}`);
  if (ptp.version === 1) out.ascii(" (not implemented)");
  if (ptp.version !== 2) return;
  const type = ptp.messageType;
  out.ascii(`, v1 compat : ${(ptp.firstByte & 0x10) !== 0 ? "yes" : "no"}`);
  out.ascii(`, msg type : ${MESSAGE_TYPES.get(type) ?? "Reserved"}`);
  out.ascii(`, length : ${ptp.messageLength}, domain : ${ptp.domain}`);
  out.ascii(`, reserved1 : ${ptp.reserved1}, Flags [${bitNames(FLAGS, ptp.flags)}]`);
  out.ascii(`, NS correction : ${ptp.correctionNs}`);
  out.ascii(`, sub NS correction : ${ptp.correctionSubNs}, reserved2 : ${ptp.reserved2}`);
  out.ascii(`, clock identity : 0x${ptp.clockIdentity.toString(16)}`);
  out.ascii(`, port id : ${ptp.portId}, seq id : ${ptp.sequenceId}`);
  out.ascii(`, control : ${ptp.control} (${CONTROLS[ptp.control] ?? "Reserved"})`);
  out.ascii(`, log message interval : ${ptp.logMessageInterval}`);
  const get = (at: number, size: number): bigint => {
    const value = ptp.field(PTP_HEADER_LENGTH + at, size);
    if (value === undefined) throw new Truncated();
    return value;
  };
  /** Reads a field, then writes it (tcpdump reads before each of its ND_PRINT()s). */
  const put = (at: number, size: number, text: (value: bigint) => string) => {
    out.ascii(text(get(at, size)));
  };
  const hex = (value: bigint) => `0x${value.toString(16)}`;
  const timestamp = (name: string, identity: boolean) => {
    out.ascii(`, ${name} :`);
    put(0, 6, (v) => ` ${v} seconds,`);
    put(6, 4, (v) => ` ${v} nanoseconds`);
    if (identity) {
      put(10, 8, (v) => `, port identity : ${hex(v)}`);
      put(18, 2, (v) => `, port id : ${v}`);
    }
  };
  try {
    switch (type) {
      case PtpMessageType.SYNC:
      case PtpMessageType.DELAY_REQ:
        timestamp("originTimeStamp", false);
        break;
      case PtpMessageType.FOLLOW_UP:
        timestamp("preciseOriginTimeStamp", false);
        break;
      case PtpMessageType.PDELAY_REQ:
      case PtpMessageType.PDELAY_RESP_FOLLOW_UP:
        timestamp("preciseOriginTimeStamp", true);
        break;
      case PtpMessageType.PDELAY_RESP:
      case PtpMessageType.DELAY_RESP:
        timestamp("receiveTimeStamp", true);
        break;
      case PtpMessageType.ANNOUNCE:
        out.ascii(", originTimeStamp :");
        put(0, 6, (v) => ` ${v} seconds`);
        put(6, 4, (v) => ` ${v} nanoseconds`);
        put(10, 2, (v) => `, origin cur utc :${v}`);
        put(12, 1, (v) => `, rsvd : ${v}`);
        put(13, 1, (v) => `, gm priority_1 : ${v}`);
        put(14, 1, (v) => `, gm clock class : ${v}`);
        put(15, 1, (v) => `, gm clock accuracy : ${v}`);
        put(16, 2, (v) => `, gm clock variance : ${v}`);
        put(18, 1, (v) => `, gm priority_2 : ${v}`);
        put(19, 8, (v) => `, gm clock id : ${hex(v)}`);
        put(27, 2, (v) => `, steps removed : ${v}`);
        put(29, 1, (v) => `, time source : ${hex(v)}`);
        break;
      case PtpMessageType.SIGNALLING:
      case PtpMessageType.MANAGEMENT:
        put(0, 8, (v) => `, port identity : ${hex(v)}`);
        put(8, 2, (v) => `, port id : ${v}`);
        if (type === PtpMessageType.MANAGEMENT) {
          // print_field() reads the body's first byte each time, and its names start
          // with ", " after the ", " it writes.
          put(0, 1, (v) => `, , start boundary hops  ${v}`);
          put(0, 1, (v) => `, , boundary hops  ${v}`);
          put(0, 1, (v) => `, , flags  ${hex(v)}`);
          put(0, 1, (v) => `, , reserved  ${hex(v)}`);
        }
        break;
    }
  } catch (error) {
    if (!(error instanceof Truncated)) throw error;
    out.ascii(" [|ptp]");
  }
}
