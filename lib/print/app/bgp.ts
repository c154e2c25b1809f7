/**
 * BGP as tcpdump's bgp_print() writes it: `: BGP` after the TCP header at `-n`; with `-v`
 * a line per message, OPEN parameters and capabilities, UPDATE withdrawn routes, path
 * attributes and prefixes, NOTIFICATION codes and ROUTE-REFRESH families.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Bgp, BGP_HEADER_LENGTH, BgpMessageType } from "../../app/bgp.ts";
import { unknownData } from "../_hex.ts";
import { markTruncated, truncated, truncatedRead } from "../_truncation.ts";
import { hex2 } from "../../_hex.ts";
import { BgpCut, SAFI_NAMES } from "./_bgp_mp.ts";
import { AFI_NAMES } from "../_names.ts";
import { printBgpUpdate } from "./_bgp_update.ts";

const MESSAGES = [undefined, "Open", "Update", "Notification", "Keepalive", "Route Refresh"];
const OPTIONS = [undefined, "Authentication Information", "Capabilities Advertisement"];
const CAPABILITIES: ReadonlyMap<number, string> = new Map([
  [1, "Multiprotocol Extensions"],
  [2, "Route Refresh"],
  [3, "Cooperative Route Filtering"],
  [4, "Multiple Routes to a Destination"],
  [5, "Extended Next Hop Encoding"],
  [8, "Multiple Labels"],
  [64, "Graceful Restart"],
  [65, "32-Bit AS Number"],
  [67, "Dynamic Capability"],
  [68, "Multisession BGP"],
  [69, "Multiple Paths"],
  [70, "Enhanced Route Refresh"],
  [71, "Long-lived Graceful Restart"],
  [128, "Route Refresh (Cisco)"],
]);
const ADD_PATH = [undefined, "Receive", "Send", "Both"];
const NOTIFY_MAJOR = [
  undefined,
  "Message Header Error",
  "OPEN Message Error",
  "UPDATE Message Error",
  "Hold Timer Expired",
  "Finite State Machine Error",
  "Cease",
  "Capability Message Error",
];
const NOTIFY_MINOR: readonly (readonly (string | undefined)[] | undefined)[] = [
  undefined,
  [undefined, "Connection Not Synchronized", "Bad Message Length", "Bad Message Type"],
  [
    undefined,
    "Unsupported Version Number",
    "Bad Peer AS",
    "Bad BGP Identifier",
    "Unsupported Optional Parameter",
    "Authentication Failure",
    "Unacceptable Hold Time",
    "Capability Message Error",
  ],
  [
    undefined,
    "Malformed Attribute List",
    "Unrecognized Well-known Attribute",
    "Missing Well-known Attribute",
    "Attribute Flags Error",
    "Attribute Length Error",
    "Invalid ORIGIN Attribute",
    "AS Routing Loop",
    "Invalid NEXT_HOP Attribute",
    "Optional Attribute Error",
    "Invalid Network Field",
    "Malformed AS_PATH",
  ],
  undefined,
  ["Unspecified Error", "In OpenSent State", "In OpenConfirm State", "In Established State"],
  [
    undefined,
    "Maximum Number of Prefixes Reached",
    "Administrative Shutdown",
    "Peer Unconfigured",
    "Administrative Reset",
    "Connection Rejected",
    "Other Configuration Change",
    "Connection Collision Resolution",
  ],
  [
    undefined,
    "Invalid Action Value",
    "Invalid Capability Length",
    "Malformed Capability Value",
    "Unsupported Capability Code",
  ],
];

/**
 * Prints the BGP messages of a TCP segment after the TCP header.
 *
 * @param ctx The print context.
 * @param bgp The layer.
 */
export function printBgp(ctx: PrintContext, bgp: Bgp): void {
  ctx.done = true;
  const out = ctx.out;
  const d = ctx.data;
  out.ascii(": BGP");
  if (ctx.verbose < 1) return;
  const afi = (value: number) => `${AFI_NAMES.get(value) ?? "Unknown"} (${value})`;
  const safi = (value: number) => `${SAFI_NAMES.get(value) ?? "Unknown"} (${value})`;
  // A type and length past the captured bytes: tcpdump's GET_ read, caught below or by
  // checked().
  const tlv = (at: number) => {
    const item = bgp.tlvAt(at);
    if (item === undefined) throw new BgpCut();
    return item;
  };

  // ND_TCHECK_LEN()'s cut in the OPEN message's printers: ` [|bgp]`, then back to the caller,
  // which goes on (a GET_ read's cut, caught below, ends the packet instead).
  const checked = (print: () => void) => {
    try {
      print();
    } catch (error) {
      if (!(error instanceof BgpCut)) throw error;
      markTruncated(ctx, "bgp");
    }
  };

  const capabilities = (at: number, length: number) =>
    checked(() => {
      let i = 0;
      while (i < length) {
        const capability = tlv(at + i);
        const { type, valueAt } = capability;
        const capLength = capability.length;
        out.ascii(
          `\n\t      ${CAPABILITIES.get(type) ?? "Unknown"} (${type}), length: ${capLength}`,
        );
        if (!capability.captured) throw new BgpCut();
        switch (type) {
          case 1: {
            if (capLength < 4) return void out.ascii(" (too short, < 4)");
            const family = bgp.multiprotocolAt(valueAt);
            out.ascii(`\n\t\tAFI ${afi(family.afi)}, SAFI ${safi(family.safi)}`);
            break;
          }
          case 8:
            for (const entry of bgp.familyEntriesAt(valueAt, capLength)) {
              out.ascii(`\n\t\tAFI ${afi(entry.afi)}, SAFI ${safi(entry.safi)}, `);
              out.ascii(`Count: ${entry.value}`);
            }
            break;
          case 64: {
            if (capLength < 2) return void out.ascii(" (too short, < 2)");
            const restart = bgp.restartAt(valueAt);
            out.ascii(`\n\t\tRestart Flags: [${(restart.flags & 0x8) !== 0 ? "R" : "none"}], `);
            out.ascii(`Restart Time ${restart.time}s`);
            for (const entry of bgp.familyEntriesAt(valueAt + 2, capLength - 2)) {
              out.ascii(`\n\t\t  AFI ${afi(entry.afi)}, SAFI ${safi(entry.safi)}, `);
              out.ascii(`Forwarding state preserved: ${(entry.value & 0x80) !== 0 ? "yes" : "no"}`);
            }
            break;
          }
          case 2:
          case 71:
          case 128:
            break;
          case 65:
            if (capLength < 4) return void out.ascii(" (too short, < 4)");
            out.ascii(`\n\t\t 4 Byte AS ${bgp.as4At(valueAt)}`);
            break;
          case 69:
            if (capLength === 0) {
              out.ascii(" (bogus)");
              break;
            }
            for (const entry of bgp.familyEntriesAt(valueAt, capLength)) {
              const mode = entry.value;
              out.ascii(`\n\t\tAFI ${afi(entry.afi)}, SAFI ${safi(entry.safi)}, `);
              out.ascii(`Send/Receive: ${ADD_PATH[mode] ?? `Bogus (0x${hex2(mode)})`}`);
            }
            if (capLength % 4 !== 0) out.ascii(" (invalid)");
            break;
          default:
            out.ascii(`\n\t\tno decoder for Capability ${type}`);
            if (ctx.verbose <= 1) unknownData(ctx, valueAt, capLength, "\n\t\t");
        }
        if (ctx.verbose > 1 && capLength !== 0) {
          unknownData(ctx, valueAt, capLength, "\n\t\t");
        }
        i += 2 + capLength;
      }
    });

  const open = (at: number, length: number) =>
    checked(() => {
      const fields = bgp.open(at);
      if (fields === undefined) throw new BgpCut();
      if (length < 29) return void markTruncated(ctx, "bgp");
      out.ascii(`\n\t  Version ${fields.version}, my AS ${fields.myAs}, `);
      out.ascii(`Holdtime ${fields.holdTime}s, ID ${fields.identifier}`);
      const optionsLength = fields.optionsLength;
      out.ascii(`\n\t  Optional parameters, length: ${optionsLength}`);
      const left = length - 29;
      let i = 0;
      while (i < optionsLength) {
        const option = tlv(fields.optionsAt + i);
        if (left < 2 + i) return void markTruncated(ctx, "bgp");
        const { type, valueAt } = option;
        const optionLength = option.length;
        if (2 + i + optionLength > optionsLength) {
          out.ascii(
            `\n\t     Option ${type}, length: ${optionLength}, goes past the end of the options`,
          );
          break;
        }
        out.ascii(
          `\n\t    Option ${OPTIONS[type] ?? "Unknown"} (${type}), length: ${optionLength}`,
        );
        if (type === 2) capabilities(valueAt, optionLength);
        else out.ascii(`\n\t      no decoder for option ${type}`);
        i += 2 + optionLength;
      }
    });

  // The message was captured whole: what lies inside its length can be read.
  const notification = (at: number, length: number) => {
    // ND_TCHECK_LEN(): a cut prints the mark and bgp_print() goes on to the next message.
    const fields = bgp.notification(at);
    if (fields === undefined) return void markTruncated(ctx, "bgp");
    if (length < 21) return;
    const { major, minor } = fields;
    out.ascii(`, ${NOTIFY_MAJOR[major] ?? "Unknown Error"} (${major})`);
    const minorNames = NOTIFY_MINOR[major];
    if (minorNames === undefined) return;
    const separator = major === 5 || major === 7 ? " " : ", ";
    out.ascii(`${separator}subcode ${minorNames[minor] ?? "Unknown"} (${minor})`);
    if (major !== 6) return;
    const p = at + 21;
    if (minor === 1 && length >= 28) {
      const limit = bgp.maxPrefixesAt(p);
      out.ascii(`, AFI ${afi(limit.afi)}, SAFI ${safi(limit.safi)}, `);
      out.ascii(`Max Prefixes: ${limit.limit}`);
    }
    if ((minor === 2 || minor === 4) && length >= 22) {
      const commLength = fields.communicationLength;
      let rest = 0;
      if (commLength > length - 22) out.ascii(", invalid Shutdown Communication length");
      else if (commLength === 0) {
        out.ascii(", empty Shutdown Communication");
        rest = 1;
      } else {
        out.ascii(`, Shutdown Communication (length: ${commLength}): "`);
        for (let i = 0; i < commLength; i++) {
          const c = d[p + 1 + i]!;
          out.ascii(c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : printable(c));
        }
        out.ascii('"');
        rest = commLength + 1;
      }
      const trailing = length - (rest + 21);
      if (trailing > 0) {
        out.ascii(`, Data: (length: ${trailing})`);
        hexLines(p + rest, trailing);
      }
    }
  };

  const hexLines = (from: number, length: number) => {
    for (let i = 0; i < length; i += 2) {
      if (i % 16 === 0) out.ascii(`\n\t\t0x${i.toString(16).padStart(4, "0")}: `);
      out.ascii(" ");
      out.hexBytes(d, from + i, Math.min(from + i + 2, from + length));
    }
  };

  try {
    for (const message of bgp.messages) {
      // A header cut by the capture ends the walk (ND_TCHECK_LEN(), before the mark of
      // skipped bytes).
      if (message.length < 0) return void truncated(ctx, "bgp");
      if (message.skipped) markTruncated(ctx, "bgp");
      if (message.length < BGP_HEADER_LENGTH) {
        out.ascii(`\nmessage length ${message.length} < ${BGP_HEADER_LENGTH} (invalid)`);
        return;
      }
      if (!message.complete) {
        out.ascii(`\n[|BGP ${MESSAGES[message.type] ?? "Unknown Message Type"}]`);
        return;
      }
      const at = message.offset;
      const type = message.type;
      out.ascii(`\n\t${MESSAGES[type] ?? "Unknown"} Message (${type}), length: ${message.length}`);
      switch (type) {
        case BgpMessageType.OPEN:
          open(at, message.length);
          break;
        case BgpMessageType.NOTIFICATION:
          notification(at, message.length);
          break;
        case BgpMessageType.UPDATE:
          printBgpUpdate(ctx, at, message.length, bgp.end);
          break;
        case BgpMessageType.KEEPALIVE:
          break;
        case BgpMessageType.ROUTE_REFRESH: {
          const family = bgp.routeRefresh(at);
          if (family === undefined) {
            markTruncated(ctx, "bgp");
            break;
          }
          if (message.length < 23) break;
          out.ascii(`\n\t  AFI ${afi(family.afi)}, SAFI ${safi(family.safi)}`);
          if (ctx.verbose > 1) unknownData(ctx, at, message.length, "\n\t  ");
          break;
        }
        default:
          out.ascii(`\n\t  no Message ${type} decoder`);
          unknownData(ctx, at, message.length, "\n\t  ");
      }
    }
  } catch (error) {
    if (!(error instanceof BgpCut)) throw error;
    truncatedRead(ctx, "bgp");
  }
}

/** fn_print_char(): `M-` for the high bit, `^X` for controls. */
function printable(c: number): string {
  let text = "";
  if (c >= 0x80) {
    text = "M-";
    c &= 0x7f;
  }
  if (c < 0x20) return text + "^" + String.fromCharCode(c + 0x40);
  if (c === 0x7f) return text + "^?";
  return text + String.fromCharCode(c);
}
