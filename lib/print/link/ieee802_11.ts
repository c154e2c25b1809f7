/**
 * IEEE 802.11 frames as tcpdump's ieee802_11_print() writes them: with `-e` the MAC
 * header's addresses (and its flags and duration with `-v`); then a management frame's
 * summary (`Beacon (SSID) [1.0* 2.0* Mbit] ESS CH: 1, PRIVACY`), a control frame's name
 * and receiver, a protected frame's IV, or the data frame's LLC payload.
 *
 * @module
 */

import { printRawIpxLead } from "./llc.ts";
import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import {
  type Ieee80211,
  Ieee80211ControlSubtype as Ctrl,
  type Ieee80211Management,
  Ieee80211ManagementSubtype as Mgmt,
  Ieee80211Type,
} from "../../link/ieee802_11.ts";
import { truncated } from "../_truncation.ts";
import { printChar } from "../_chars.ts";
import {
  AUTH_ALGORITHMS,
  CONTROL_SUBTYPES,
  MANAGEMENT_SUBTYPES,
  REASON_TEXT,
  STATUS_TEXT,
} from "./_ieee802_11_names.ts";

const TRUNCATED = "802.11";

/** tcpdump's `IV:%3x Pad %x KeyID %x` of a protected frame; false when not captured. */
function iv(ctx: PrintContext, frame: Ieee80211): boolean {
  const word = frame.iv;
  if (word === undefined) return false;
  const value = (word & 0xffffff).toString(16);
  ctx.out.ascii(` IV:${value.padStart(3, " ")} Pad ${((word >>> 24) & 0x3f).toString(16)} `);
  ctx.out.ascii(`KeyID ${((word >>> 30) & 3).toString(16)}`);
  return true;
}

/** The `-e` header: `-v` flags and duration, then the addresses by frame type. */
function header(ctx: PrintContext, frame: Ieee80211): void {
  const out = ctx.out;
  const d = frame.data;
  const at = frame.offset;
  const fc = frame.frameControl;
  const type = frame.type;
  const subtype = frame.subtype;
  if (ctx.verbose > 0) {
    if (fc & 0x2000) out.ascii("More Data ");
    if (fc & 0x0400) out.ascii("More Fragments ");
    if (fc & 0x1000) out.ascii("Pwr Mgmt ");
    if (fc & 0x0800) out.ascii("Retry ");
    if (fc & 0x8000) out.ascii("Strictly Ordered ");
    if (fc & 0x4000) out.ascii("Protected ");
    if (type !== Ieee80211Type.CONTROL || subtype !== Ctrl.PS_POLL) {
      out.ascii(`${frame.duration}us `);
    }
  }
  const addresses = (...parts: [string, number][]): void => {
    for (const [name, offset] of parts) {
      out.ascii(name);
      out.byte(0x3a);
      out.mac(d, at + offset);
      out.byte(0x20);
    }
  };
  switch (type) {
    case Ieee80211Type.MANAGEMENT:
      addresses(["BSSID", 16], ["DA", 4], ["SA", 10]);
      return;
    case Ieee80211Type.CONTROL:
      switch (subtype) {
        case Ctrl.BAR:
          out.byte(0x20);
          addresses(["RA", 4], ["TA", 10]);
          out.ascii(`CTL(${u16(d, at + 16).toString(16)}) SEQ(${u16(d, at + 18)}) `);
          return;
        case Ctrl.BA:
        case Ctrl.CTS:
        case Ctrl.ACK:
          addresses(["RA", 4]);
          return;
        case Ctrl.PS_POLL:
          addresses(["BSSID", 4], ["TA", 10]);
          return;
        case Ctrl.RTS:
          addresses(["RA", 4], ["TA", 10]);
          return;
        case Ctrl.CF_END:
        case Ctrl.CF_END_ACK:
          addresses(["RA", 4], ["BSSID", 10]);
          return;
      }
      return;
    case Ieee80211Type.DATA: {
      if (subtype & 0x0b) {
        out.ascii("CF ");
        if (subtype & 1) out.ascii(subtype & 2 ? "Ack/Poll" : "Ack");
        else if (subtype & 2) out.ascii("Poll");
        if (subtype & 8) out.ascii("+QoS");
        out.byte(0x20);
      }
      if (!frame.toDs && !frame.fromDs) addresses(["DA", 4], ["SA", 10], ["BSSID", 16]);
      else if (!frame.toDs) addresses(["DA", 4], ["BSSID", 10], ["SA", 16]);
      else if (!frame.fromDs) addresses(["BSSID", 4], ["SA", 10], ["DA", 16]);
      else addresses(["RA", 4], ["TA", 10], ["DA", 16], ["SA", 24]);
    }
  }
}

function u16(d: Uint8Array, at: number): number {
  return d[at]! | (d[at + 1]! << 8);
}

/** PRINT_SSID: ` (name)`, up to a NUL byte as tcpdump's C string does. */
function ssid(ctx: PrintContext, body: Ieee80211Management): void {
  if (body.ssid === undefined) return;
  ctx.out.ascii(" (");
  for (const c of body.ssid) {
    if (c === 0) break;
    printChar(ctx.out, c);
  }
  ctx.out.byte(0x29);
}

/** PRINT_RATES: ` [1.0* 2.0* 5.5 Mbit]`. */
function rates(ctx: PrintContext, body: Ieee80211Management): void {
  if (body.rates === undefined) return;
  const out = ctx.out;
  let separator = " [";
  for (const rate of body.rates) {
    out.ascii(separator);
    out.ascii(((rate & 0x7f) / 2).toFixed(1));
    if (rate & 0x80) out.byte(0x2a);
    separator = " ";
  }
  out.ascii(" Mbit]");
}

/** PRINT_DS_CHANNEL: ` CH: 6`, then `, PRIVACY`. */
function dsChannel(ctx: PrintContext, body: Ieee80211Management): void {
  if (body.channel !== undefined) ctx.out.ascii(` CH: ${body.channel}`);
  if ((body.capability! & 0x10) !== 0) ctx.out.ascii(", PRIVACY");
}

function status(code: number): string {
  return STATUS_TEXT[code] ?? "n/a";
}

const BA_ACTIONS = ["ADDBA Request", "ADDBA Response", "DELBA"];
const HT_ACTIONS = ["TxChWidth", "MIMOPwrSave"];
const MESH_ACTIONS = [
  "MeshLink",
  "HWMP",
  "Gate Announcement",
  "Congestion Control",
  "MCCA Setup Request",
  "MCCA Setup Reply",
  "MCCA Advertisement Request",
  "MCCA Advertisement",
  "MCCA Teardown",
  "TBTT Adjustment Request",
  "TBTT Adjustment Response",
];
const MULTIHOP_ACTIONS = ["Proxy Update", "Proxy Update Confirmation"];
const SELF_PROTECTED_ACTIONS = [
  undefined,
  "Peering Open",
  "Peering Confirm",
  "Peering Close",
  "Group Key Inform",
  "Group Key Acknowledge",
];

function action(category: number, code: number): string {
  const named = (names: readonly (string | undefined)[]): string => names[code] ?? `Act#${code}`;
  switch (category) {
    case 0:
      return `Spectrum Management Act#${code}`;
    case 1:
      return `QoS Act#${code}`;
    case 2:
      return `DLS Act#${code}`;
    case 3:
      return `BA ${named(BA_ACTIONS)}`;
    case 7:
      return `HT ${named(HT_ACTIONS)}`;
    case 13:
      return `MeshAction ${named(MESH_ACTIONS)}`;
    case 14:
      return `MultiohopAction ${named(MULTIHOP_ACTIONS)}`;
    case 15:
      return `SelfprotectAction ${named(SELF_PROTECTED_ACTIONS)}`;
    case 127:
      return `Vendor Act#${code}`;
  }
  return `Reserved(${category}) Act#${code}`;
}

/** tcpdump's mgmt_body_print(); false when it ends in the truncation mark. */
function management(ctx: PrintContext, frame: Ieee80211): boolean {
  const out = ctx.out;
  const subtype = frame.subtype;
  out.ascii(
    MANAGEMENT_SUBTYPES.get(subtype) ?? `Unhandled Management subtype(${subtype.toString(16)})`,
  );
  if (frame.protected) return iv(ctx, frame);
  const body = frame.management;
  if (!body.fixed) return false;
  switch (subtype) {
    case Mgmt.BEACON:
      ssid(ctx, body);
      rates(ctx, body);
      out.ascii((body.capability! & 1) !== 0 ? " ESS" : " IBSS");
      dsChannel(ctx, body);
      break;
    case Mgmt.PROBE_RESPONSE:
      ssid(ctx, body);
      rates(ctx, body);
      dsChannel(ctx, body);
      break;
    case Mgmt.ASSOC_REQUEST:
    case Mgmt.PROBE_REQUEST:
      ssid(ctx, body);
      rates(ctx, body);
      break;
    case Mgmt.ASSOC_RESPONSE:
    case Mgmt.REASSOC_RESPONSE:
      out.ascii(` AID(${(body.aid! & 0x3fff).toString(16)}) :`);
      out.ascii((body.capability! & 0x10) !== 0 ? " PRIVACY " : "");
      out.ascii(`: ${status(body.statusCode!)}`);
      break;
    case Mgmt.REASSOC_REQUEST:
      ssid(ctx, body);
      out.ascii(" AP : ");
      out.mac(frame.data, body.currentApAt!);
      break;
    case Mgmt.DISASSOC:
      out.ascii(`: ${REASON_TEXT[body.reasonCode!] ?? "Reserved"}`);
      break;
    case Mgmt.AUTH: {
      const algorithm = AUTH_ALGORITHMS[body.authAlgorithm!] ?? "Reserved";
      const sequence = body.authSequence!;
      const text = sequence % 2 === 1 ? status(body.statusCode!) : "";
      if (body.authAlgorithm === 1 && (sequence === 2 || sequence === 3)) {
        out.ascii(` (${algorithm})-${sequence.toString(16)} [Challenge Text] ${text}`);
      } else out.ascii(` (${algorithm})-${sequence.toString(16)}: ${text}`);
      break;
    }
    case Mgmt.DEAUTH:
    case Mgmt.ACTION:
      if (ctx.link) out.ascii(": ");
      else {
        out.ascii(" (");
        out.mac(frame.data, frame.offset + 10);
        out.ascii("): ");
      }
      if (subtype === Mgmt.DEAUTH) out.ascii(REASON_TEXT[body.reasonCode!] ?? "Reserved");
      else out.ascii(action(body.action![0], body.action![1]));
      break;
  }
  return body.complete;
}

/** tcpdump's ctrl_body_print(). */
function control(ctx: PrintContext, frame: Ieee80211): void {
  const out = ctx.out;
  const d = frame.data;
  const at = frame.offset;
  out.ascii(CONTROL_SUBTYPES.get(frame.subtype) ?? "Unknown Ctrl Subtype");
  switch (frame.subtype) {
    case Ctrl.BAR:
      if (ctx.link) return;
      out.ascii(" RA:");
      out.mac(d, at + 4);
      out.ascii(" TA:");
      out.mac(d, at + 10);
      out.ascii(` CTL(${u16(d, at + 16).toString(16)}) SEQ(${u16(d, at + 18)}) `);
      return;
    case Ctrl.PS_POLL:
      out.ascii(` AID(${frame.duration.toString(16)})`);
      return;
    case Ctrl.RTS:
      if (ctx.link) return;
      out.ascii(" TA:");
      out.mac(d, at + 10);
      out.byte(0x20);
      return;
    case Ctrl.BA:
    case Ctrl.CTS:
    case Ctrl.ACK:
    case Ctrl.CF_END:
    case Ctrl.CF_END_ACK:
      if (ctx.link) return;
      out.ascii(" RA:");
      out.mac(d, at + 4);
      out.byte(0x20);
      return;
  }
}

/**
 * Prints an 802.11 frame as tcpdump does; a data frame's LLC payload is left to the LLC
 * printer, with the frame's source and destination for the frames it does not decode.
 *
 * @param ctx The print context.
 * @param frame The layer.
 * @param next The LLC layer of a data frame, if it decoded.
 */
export function printIeee80211(
  ctx: PrintContext,
  frame: Ieee80211,
  next: Layer | undefined,
): void {
  const out = ctx.out;
  const first = frame.offset === ctx.start;
  const length = first ? ctx.originalLength : ctx.frameLength;
  ctx.linkEnd = frame.offset + frame.headerLength;
  if (!frame.known) {
    if (frame.type === Ieee80211Type.CONTROL) {
      out.ascii(`unknown 802.11 ctrl frame subtype (${frame.subtype})`);
    } else out.ascii(`unknown 802.11 frame type (${frame.type})`);
    ctx.done = true;
    return;
  }
  if (ctx.link) header(ctx, frame);
  switch (frame.type) {
    case Ieee80211Type.MANAGEMENT:
      if (!management(ctx, frame)) truncated(ctx, TRUNCATED);
      ctx.done = true;
      return;
    case Ieee80211Type.CONTROL:
      control(ctx, frame);
      ctx.done = true;
      return;
  }
  if (frame.noData) {
    ctx.done = true;
    return;
  }
  if (frame.protected) {
    out.ascii("Data");
    if (!iv(ctx, frame)) truncated(ctx, TRUNCATED);
    ctx.done = true;
    return;
  }
  ctx.macAt = frame.destinationAt;
  ctx.sourceMacAt = frame.sourceAt;
  ctx.frameLength = length - frame.headerLength;
  printRawIpxLead(ctx, next, frame.offset + frame.headerLength);
  if (next === undefined && ctx.error === undefined) ctx.done = true;
}
