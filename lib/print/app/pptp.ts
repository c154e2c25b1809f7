/**
 * PPTP control messages as tcpdump's pptp_print() writes them: the message type and each
 * field as `NAME(value)`, the header's fields and the codes' meanings with `-v`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Pptp, PptpField } from "../../app/pptp.ts";
import { PPTP_MAGIC_COOKIE } from "../../app/pptp.ts";
import { captured, truncatedRead } from "../_truncation.ts";
import { printCharsUntilNul } from "../_chars.ts";

const CONTROL_TYPES = [
  "NOT_DEFINED",
  "SCCRQ",
  "SCCRP",
  "StopCCRQ",
  "StopCCRP",
  "ECHORQ",
  "ECHORP",
  "OCRQ",
  "OCRP",
  "ICRQ",
  "ICRP",
  "ICCN",
  "CCRQ",
  "CDN",
  "WEN",
  "SLI",
];

const ECHO_RESULTS = ["", "OK", "General Error"];
/** The meanings of a result code, by control message type. */
const RESULTS: ReadonlyMap<number, readonly string[]> = new Map([
  [2, [
    "",
    "Successful channel establishment",
    "General error",
    "Command channel already exists",
    "Requester is not authorized to establish a command channel",
    "The protocol version of the requester is not supported",
  ]],
  [4, ECHO_RESULTS],
  [6, ECHO_RESULTS],
  [8, [
    "",
    "Connected",
    "General Error",
    "No Carrier",
    "Busy",
    "No Dial Tone",
    "Time-out",
    "Do Not Accept",
  ]],
  [10, ["", "Connect", "General Error", "Do Not Accept"]],
  [13, ["", "Lost Carrier", "General Error", "Admin Shutdown", "Request"]],
]);
const ERRORS = [
  "None",
  "Not-Connected",
  "Bad-Format",
  "Bad-Value",
  "No-Resource",
  "Bad-Call-ID",
  "PAC-Error",
];
const REASONS = ["", "None", "Stop-Protocol", "Stop-Local-Shutdown"];
const BEARER_TYPES = ["", "A", "D", "Any"];
const FRAMING_TYPES = ["", "A", "S", "E"];

/** tcpdump's name of each numeric field, printed `NAME(value)`. */
const NUMBER_NAMES: ReadonlyMap<string, string> = new Map([
  ["maximumChannels", "MAX_CHAN"],
  ["firmwareRevision", "FIRM_REV"],
  ["identifier", "ID"],
  ["callId", "CALL_ID"],
  ["callSerialNumber", "CALL_SER_NUM"],
  ["minimumBps", "MIN_BPS"],
  ["maximumBps", "MAX_BPS"],
  ["receiveWindowSize", "RECV_WIN"],
  ["processingDelay", "PROC_DELAY"],
  ["phoneNumberLength", "PHONE_NO_LEN"],
  ["peerCallId", "PEER_CALL_ID"],
  ["causeCode", "CAUSE_CODE"],
  ["connectSpeed", "CONN_SPEED"],
  ["physicalChannelId", "PHY_CHAN_ID"],
  ["dialedNumberLength", "DIALED_NO_LEN"],
  ["dialingNumberLength", "DIALING_NO_LEN"],
  ["crcErrors", "CRC_ERR"],
  ["framingErrors", "FRAMING_ERR"],
  ["hardwareOverruns", "HARDWARE_OVERRUN"],
  ["bufferOverruns", "BUFFER_OVERRUN"],
  ["timeoutErrors", "TIMEOUT_ERR"],
  ["alignmentErrors", "ALIGN_ERR"],
]);

/** tcpdump's name of each text field, printed `NAME(text)`. */
const TEXT_NAMES: ReadonlyMap<string, string> = new Map([
  ["hostName", "HOSTNAME"],
  ["vendor", "VENDOR"],
  ["phoneNumber", "PHONE_NO"],
  ["subaddress", "SUB_ADDR"],
  ["dialedNumber", "DIALED_NO"],
  ["dialingNumber", "DIALING_NO"],
  ["callStatistics", "CALL_STATS"],
]);

/**
 * Prints a PPTP control message.
 *
 * @param ctx The print context.
 * @param pptp The layer.
 */
export function printPptp(ctx: PrintContext, pptp: Pptp): void {
  const out = ctx.out;
  ctx.done = true;
  out.ascii(": pptp");
  if (!header(ctx, pptp)) return truncatedRead(ctx, "pptp");
  for (const field of pptp.fields()) {
    if (!printField(ctx, pptp, field)) return truncatedRead(ctx, "pptp");
  }
}

/** The header's fields, as far as the capture holds them; `false` when it ends first. */
function header(ctx: PrintContext, pptp: Pptp): boolean {
  const out = ctx.out;
  const has = (at: number, length: number) => captured(pptp.end, pptp.offset + at, length);
  const verbose = ctx.verbose > 0;
  if (verbose) {
    if (!has(0, 2)) return false;
    out.ascii(` Length=${pptp.length}`);
    if (!has(2, 2)) return false;
    const type = pptp.messageType;
    out.ascii(type === 1 ? " CTRL-MSG" : type === 2 ? " MGMT-MSG" : " UNKNOWN-MSG-TYPE");
  }
  if (!has(4, 4)) return false;
  const cookie = pptp.magicCookie;
  const hex = cookie.toString(16).padStart(8, "0");
  if (cookie !== PPTP_MAGIC_COOKIE) out.ascii(` UNEXPECTED Magic-Cookie!!(${hex})`);
  if (verbose || cookie !== PPTP_MAGIC_COOKIE) out.ascii(` Magic-Cookie=${hex}`);
  if (!has(8, 2)) return false;
  const control = pptp.controlMessageType;
  out.ascii(
    control < CONTROL_TYPES.length
      ? ` CTRL_MSGTYPE=${CONTROL_TYPES[control]}`
      : ` UNKNOWN_CTRL_MSGTYPE(${control})`,
  );
  if (!has(10, 2)) return false;
  reserved(ctx, pptp.reserved);
  return true;
}

/** One field of the message; `false` when the capture ends inside it. */
function printField(ctx: PrintContext, pptp: Pptp, field: PptpField): boolean {
  const out = ctx.out;
  if (field.text) {
    out.ascii(` ${TEXT_NAMES.get(field.name)}(`);
    if (printCharsUntilNul(out, pptp.data, field.offset, field.size, pptp.end)) return false;
    out.byte(0x29);
    return true;
  }
  const value = field.value;
  if (value === undefined) {
    // tcpdump prints this one's name before it reads the value.
    if (field.name === "framingCapabilities") out.ascii(" FRAME_CAP(");
    return false;
  }
  const verbose = ctx.verbose > 0;
  const name = NUMBER_NAMES.get(field.name);
  if (name !== undefined) {
    out.ascii(` ${name}(${value})`);
    return true;
  }
  switch (field.name) {
    case "reserved":
      reserved(ctx, value);
      break;
    case "protocolVersion":
      out.ascii(` PROTO_VER(${value >> 8}.${value & 0xff})`);
      break;
    case "framingCapabilities":
      out.ascii(` FRAME_CAP(${value & 1 ? "A" : ""}${value & 2 ? "S" : ""})`);
      break;
    case "bearerCapabilities":
      out.ascii(` BEARER_CAP(${value & 2 ? "D" : ""}${value & 1 ? "A" : ""})`);
      break;
    case "bearerType":
      out.ascii(` BEARER_TYPE(${BEARER_TYPES[value] || "?"})`);
      break;
    case "framingType":
      out.ascii(` FRAME_TYPE(${FRAMING_TYPES[value] || "?"})`);
      break;
    case "resultCode": {
      out.ascii(` RESULT_CODE(${value}`);
      const meanings = RESULTS.get(pptp.controlMessageType);
      if (verbose && meanings !== undefined) out.ascii(`:${meanings[value] || "?"}`);
      out.byte(0x29);
      break;
    }
    case "errorCode":
      out.ascii(` ERR_CODE(${value}${verbose ? `:${ERRORS[value] ?? "?"}` : ""})`);
      break;
    case "reason":
      out.ascii(` REASON(${value}${verbose ? `:${REASONS[value] || "?"}` : ""})`);
      break;
    case "sendAccm":
    case "receiveAccm":
      out.ascii(` ${field.name === "sendAccm" ? "SEND" : "RECV"}_ACCM(0x`);
      out.hex(value, 8);
      out.byte(0x29);
      break;
  }
  return true;
}

/** What tcpdump says of a reserved field that is not zero. */
function reserved(ctx: PrintContext, value: number): void {
  if (value !== 0) ctx.out.ascii(` [ERROR: reserved=${value} must be zero]`);
}
