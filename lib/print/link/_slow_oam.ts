/**
 * An OAM PDU (Slow Protocols subtype 3) as tcpdump's slow_oam_print() writes it with `-v`:
 * the code and flags, then Information TLVs, Event Notification link events or the
 * Loopback Control command; the other codes' bytes as a hex dump (private to `slow.ts`).
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { OamCode, type Slow } from "../../link/slow.ts";
import { captured, truncatedRead } from "../_truncation.ts";
import { bitNames } from "../_shared.ts";
import { unknownData } from "../_hex.ts";
import { OUI_NAMES } from "../_names.ts";
import { hex, illegalLength, slowTooShort, tlvHeader } from "./_slow_shared.ts";

const FLAGS = [
  [0x0001, "Link Fault"],
  [0x0002, "Dying Gasp"],
  [0x0004, "Critical Event"],
  [0x0008, "Local Evaluating"],
  [0x0010, "Local Stable"],
  [0x0020, "Remote Evaluating"],
  [0x0040, "Remote Stable"],
] as const;
const CODES = new Map([
  [0x00, "Information"],
  [0x01, "Event Notification"],
  [0x02, "Variable Request"],
  [0x03, "Variable Response"],
  [0x04, "Loopback Control"],
  [0xfe, "Vendor Private"],
]);
const INFO_TYPES = new Map([
  [0x00, "End of TLV marker"],
  [0x01, "Local"],
  [0x02, "Remote"],
  [0xfe, "Organization specific"],
]);
const PARSER_ACTIONS = ["forwarding", "looping back", "discarding", "reserved"];
const CONFIG_FLAGS = [
  [0x01, "Active"],
  [0x02, "Unidirectional"],
  [0x04, "Remote-Loopback"],
  [0x08, "Link-Events"],
  [0x10, "Variable-Retrieval"],
] as const;
const LINK_EVENTS = new Map([
  [0x00, "End of TLV marker"],
  [0x01, "Errored Symbol Period Event"],
  [0x02, "Errored Frame Event"],
  [0x03, "Errored Frame Period Event"],
  [0x04, "Errored Frame Seconds Summary Event"],
  [0xfe, "Organization specific"],
]);
const LOOPBACK_COMMANDS = new Map([
  [0x01, "Enable OAM Remote Loopback"],
  [0x02, "Disable OAM Remote Loopback"],
]);

/** Reads the flags and code on, or prints why not: -1 when done. */
function header(ctx: PrintContext, slow: Slow, left: number): number {
  if (left < 3) {
    slowTooShort(ctx);
    return -1;
  }
  if (!captured(slow.end, slow.offset + 1, 3)) {
    truncatedRead(ctx, "slow");
    return -1;
  }
  const code = slow.oamCode;
  ctx.out.ascii(
    `\n\tCode ${CODES.get(code) ?? `Unknown (${code})`} OAM PDU, ` +
      `Flags [${bitNames(FLAGS, slow.oamFlags)}]`,
  );
  return code;
}

/**
 * Prints an OAM PDU's code, flags and data with `-v`.
 *
 * @param ctx The print context.
 * @param slow The layer.
 * @param left The PDU's length after the subtype.
 */
export function printOam(ctx: PrintContext, slow: Slow, left: number): void {
  const code = header(ctx, slow, left);
  if (code < 0) return;
  left -= 3;
  const at = slow.dataOffset;
  switch (code) {
    case OamCode.INFORMATION:
      return tlvs(ctx, slow, at, left, false);
    case OamCode.EVENT_NOTIFICATION: {
      if (left < 2) return slowTooShort(ctx);
      const sequence = slow.sequenceNumber;
      if (sequence < 0) return truncatedRead(ctx, "slow");
      ctx.out.ascii(`\n\t  Sequence Number ${sequence}`);
      return tlvs(ctx, slow, at + 2, left - 2, true);
    }
    case OamCode.LOOPBACK_CONTROL: {
      if (left < 1) return slowTooShort(ctx);
      const command = slow.loopbackCommand;
      if (command < 0) return truncatedRead(ctx, "slow");
      ctx.out.ascii(`\n\t  Command ${LOOPBACK_COMMANDS.get(command) ?? "Unknown"} (${command})`);
      return;
    }
    default:
      // tcpdump decodes no other code; it dumps their bytes at -v only.
      if (ctx.verbose <= 1) unknownData(ctx, at, left, "\n\t  ");
  }
}

/** The line of an Information TLV. */
function informationLine(type: number, length: number): string {
  return `\n\t  ${INFO_TYPES.get(type) ?? "Reserved"} Information Type (${type}), length ${length}`;
}

/** The line of a link event TLV. */
function eventLine(type: number, length: number): string {
  return `\n\t  ${LINK_EVENTS.get(type) ?? "Reserved"} Link Event Type (${type}), length ${length}`;
}

/** The Information TLVs, or (`events`) the link event TLVs, `left` bytes of them. */
function tlvs(ctx: PrintContext, slow: Slow, at: number, left: number, events: boolean): void {
  while (left > 0) {
    const length = tlvHeader(ctx, slow, at, left, events ? eventLine : informationLine);
    if (length < 0) return;
    const type = slow.tlvType(at);
    const hexdump = events
      ? linkEvent(ctx, slow, at, type, length)
      : information(ctx, slow, at, type, length);
    // Unlike LACP's, the dump starts at the TLV's type byte.
    if (ctx.verbose > 1 || hexdump) unknownData(ctx, at, length, "\n\t  ");
    at += length;
    left -= length;
  }
}

/** A Local or Remote Information TLV's fields; whether tcpdump dumps the TLV. */
function information(
  ctx: PrintContext,
  slow: Slow,
  at: number,
  type: number,
  length: number,
): boolean {
  if (type !== 1 && type !== 2) return true;
  const info = length === 16 ? slow.oamInformation(at) : undefined;
  if (info === undefined) {
    illegalLength(ctx, 16);
    return true;
  }
  const state = info.state;
  ctx.out.ascii(
    `\n\t    OAM-Version ${info.oamVersion}, Revision ${info.revision}` +
      `\n\t    State-Parser-Action ${PARSER_ACTIONS[state & 3]}, ` +
      `State-MUX-Action ${(state & 4) === 0 ? "forwarding" : "discarding"}` +
      `\n\t    OAM-Config Flags [${bitNames(CONFIG_FLAGS, info.oamConfig)}], ` +
      `OAM-PDU-Config max-PDU size ${info.oamPduConfig & 0x7ff}` +
      `\n\t    OUI ${OUI_NAMES.get(info.oui) ?? "Unknown"} (0x${hex(info.oui, 6)}), ` +
      `Vendor-Private 0x${hex(info.vendorPrivate, 8)}`,
  );
  return false;
}

/** An error event TLV's fields; whether tcpdump dumps the TLV. */
function linkEvent(
  ctx: PrintContext,
  slow: Slow,
  at: number,
  type: number,
  length: number,
): boolean {
  if (type < 1 || type > 4) return true;
  const event = length === 40 ? slow.linkEvent(at) : undefined;
  if (event === undefined) {
    illegalLength(ctx, 40);
    return true;
  }
  ctx.out.ascii(
    `\n\t    Timestamp ${event.timeStamp * 100} ms, Errored Window ${event.window}` +
      `\n\t    Errored Threshold ${event.threshold}` +
      `\n\t    Errors ${event.errors}` +
      `\n\t    Error Running Total ${event.errorRunningTotal}` +
      `\n\t    Event Running Total ${event.eventRunningTotal}`,
  );
  return false;
}
