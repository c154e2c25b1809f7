/**
 * PTP as tcpdump's ptp_print() writes it, over UDP and over Ethernet: one line of the
 * common header's fields and the body's (PTPv2; PTPv1 is "not implemented").
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Ptp, PTP_HEADER_LENGTH, PtpMessageType } from "../../app/ptp.ts";
import { bitNames, linkPayloadLength } from "../_shared.ts";
import { truncatedRead } from "../_truncation.ts";

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
 * The common header after the first byte, in tcpdump's order of reads: each step's text,
 * or `undefined` when the bytes tcpdump reads for it were not captured (the domain is read
 * with the reserved byte after it, as one 16-bit word).
 */
const HEADER_STEPS: readonly ((ptp: Ptp) => string | undefined)[] = [
  (p) => p.messageLength < 0 ? undefined : `, length : ${p.messageLength}`,
  (p) => p.reserved1 < 0 ? undefined : `, domain : ${p.domain}, reserved1 : ${p.reserved1}`,
  (p) => p.flags < 0 ? undefined : `, Flags [${bitNames(FLAGS, p.flags)}]`,
  (p) => p.correctionNs < 0 ? undefined : `, NS correction : ${p.correctionNs}`,
  (p) => p.correctionSubNs < 0 ? undefined : `, sub NS correction : ${p.correctionSubNs}`,
  (p) => p.reserved2 < 0 ? undefined : `, reserved2 : ${p.reserved2}`,
  (p) => {
    const clock = p.clockIdentity;
    return clock === undefined ? undefined : `, clock identity : 0x${clock.toString(16)}`;
  },
  (p) => p.portId < 0 ? undefined : `, port id : ${p.portId}`,
  (p) => p.sequenceId < 0 ? undefined : `, seq id : ${p.sequenceId}`,
  (p) =>
    p.control < 0 ? undefined : `, control : ${p.control} (${CONTROLS[p.control] ?? "Reserved"})`,
  (p) => p.logMessageInterval < 0 ? undefined : `, log message interval : ${p.logMessageInterval}`,
];

/**
 * Prints a PTP message after its UDP header or its Ethernet header: a message shorter than
 * the common header on the wire is invalid; a read past the captured bytes ends the line
 * with ` [|ptp]`, as tcpdump's GET macros do.
 *
 * @param ctx The print context.
 * @param ptp The layer.
 */
export function printPtp(ctx: PrintContext, ptp: Ptp): void {
  ctx.done = true;
  const out = ctx.out;
  const length = ptp.overUdp ? ptp.wireLength : linkPayloadLength(ctx, ptp.offset);
  if (length < PTP_HEADER_LENGTH) {
    out.ascii(` [length ${length} < ${PTP_HEADER_LENGTH}] (invalid)`);
    return;
  }
  // tcpdump reads the version as the low byte of the first 16-bit word.
  const version = ptp.version;
  if (version < 0) return truncatedRead(ctx, "ptp");
  out.ascii(`PTPv${version}`);
  if (version === 1) out.ascii(" (not implemented)");
  if (version !== 2) return;
  const type = ptp.messageType;
  out.ascii(`, v1 compat : ${(ptp.firstByte & 0x10) !== 0 ? "yes" : "no"}`);
  out.ascii(`, msg type : ${MESSAGE_TYPES.get(type) ?? "Reserved"}`);
  for (const step of HEADER_STEPS) {
    const text = step(ptp);
    if (text === undefined) return truncatedRead(ctx, "ptp");
    out.ascii(text);
  }
  try {
    printBody(ctx, ptp, type);
  } catch (error) {
    if (!(error instanceof Truncated)) throw error;
    truncatedRead(ctx, "ptp");
  }
}

/** The body's fields by message type; throws {@linkcode Truncated} at a field not captured. */
function printBody(ctx: PrintContext, ptp: Ptp, type: number): void {
  const out = ctx.out;
  /** Reads a field, then writes it (tcpdump reads before each of its ND_PRINT()s). */
  const put = (at: number, size: number, text: (value: bigint) => string) => {
    const value = ptp.field(PTP_HEADER_LENGTH + at, size);
    if (value === undefined) throw new Truncated();
    out.ascii(text(value));
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
  switch (type) {
    case PtpMessageType.SYNC:
    case PtpMessageType.DELAY_REQ:
      return timestamp("originTimeStamp", false);
    case PtpMessageType.FOLLOW_UP:
      return timestamp("preciseOriginTimeStamp", false);
    case PtpMessageType.PDELAY_REQ:
    case PtpMessageType.PDELAY_RESP_FOLLOW_UP:
      return timestamp("preciseOriginTimeStamp", true);
    case PtpMessageType.PDELAY_RESP:
    case PtpMessageType.DELAY_RESP:
      return timestamp("receiveTimeStamp", true);
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
      return;
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
  }
}
