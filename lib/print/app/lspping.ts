/**
 * MPLS LSP ping as tcpdump's lspping_print() writes it: version, message type, sequence
 * and length at `-n`; with `-v` the whole header (reply mode, return code, handle,
 * timestamps) and every TLV (the target FEC stack's sub-TLVs, the downstream mapping,
 * BFD discriminator, vendor enterprise code, and a hex dump of the others).
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type LspPing, LSPPING_HEADER_LENGTH, LspPingTlvType } from "../../app/lspping.ts";
import { formatIpv4, formatIpv6 } from "../../address.ts";
import { readUint16, readUint32 } from "../../_bytes.ts";
import { unknownData } from "../_hex.ts";
import { truncatedRead } from "../_truncation.ts";
import { printNtpTime } from "./ntp.ts";
import { SMI_VALUES } from "./_radius_names.ts";
import { hexNumber, printFecStack, TlvEnd } from "./_lspping_fec.ts";

const MESSAGE_TYPES = ["", "MPLS Echo Request", "MPLS Echo Reply"];
const REPLY_MODES = [
  "",
  "Do not reply",
  "Reply via an IPv4/IPv6 UDP packet",
  "Reply via an IPv4/IPv6 UDP packet with Router Alert",
  "Reply via application level control channel",
];
const RETURN_CODES = [
  "No return code or return code contained in the Error Code TLV",
  "Malformed echo request received",
  "One or more of the TLVs was not understood",
  "Replying router is an egress for the FEC at stack depth",
  "Replying router has no mapping for the FEC at stack depth",
  "Reserved",
  "Reserved",
  "Reserved",
  "Label switched at stack-depth",
  "Label switched but no MPLS forwarding at stack-depth",
  "Mapping for this FEC is not the given label at stack depth",
  "No label entry at stack-depth",
  "Protocol not associated with interface at FEC stack depth",
  "Premature termination of ping due to label stack shrinking to a single label",
];
/** The return codes whose name tcpdump follows with the subcode (a stack depth). */
const DEPTH_CODES = new Set([3, 4, 8, 10, 11, 12]);
const TLVS: ReadonlyMap<number, string> = new Map([
  [1, "Target FEC Stack"],
  [2, "Downstream Mapping"],
  [3, "Pad"],
  [9, "Error Code"],
  [5, "Vendor Enterprise Code"],
  [7, "Interface Label Stack"],
  [10, "Reply TOS Byte"],
  [15, "BFD Discriminator"],
  [0xfc00, "Vendor Private Code"],
]);
const ADDRESS_TYPES = ["unknown", "IPv4", "Unnumbered IPv4", "IPv6", "IPv6"];
/** Per address type: the size of the downstream mapping's fixed part. */
const MAPPING_SIZES = [0, 12, 12, 36, 24];
const TOO_SHORT = "\n\t      TLV is too short";

/**
 * Prints an LSP ping message after its UDP header.
 *
 * @param ctx The print context.
 * @param ping The layer.
 */
export function printLspPing(ctx: PrintContext, ping: LspPing): void {
  ctx.done = true;
  const out = ctx.out;
  const length = ping.wireLength;
  if (length < LSPPING_HEADER_LENGTH) {
    out.ascii("\n\t\t packet is too short");
    return;
  }
  if (!ping.complete) {
    truncatedRead(ctx, "lspping");
    return;
  }
  if (ping.version !== 1) {
    out.ascii(`LSP-PING version ${ping.version} packet not supported`);
    return;
  }
  const type = ping.messageType;
  if (ctx.verbose < 1) {
    const name = MESSAGE_TYPES[type] || `unknown (${type})`;
    out.ascii(`LSP-PINGv1, ${name}, seq ${ping.sequenceNumber}, length: ${length}`);
    return;
  }
  header(ctx, ping, length);
  let at = ping.offset + LSPPING_HEADER_LENGTH;
  let left = length - LSPPING_HEADER_LENGTH;
  while (left !== 0) {
    if (left < 4) break;
    const tlv = ping.tlvAt(at);
    if (tlv === undefined) return truncatedRead(ctx, "lspping");
    let tlvLength = tlv.length;
    out.ascii(`\n\t  ${TLVS.get(tlv.type) ?? "Unknown"} TLV (${tlv.type}), length: ${tlvLength}`);
    if (tlvLength === 0) {
      at += 4;
      left -= 4;
      continue;
    }
    if (left < tlvLength + 4) break;
    if (!ping.has(tlv.valueAt, tlvLength)) return truncatedRead(ctx, "lspping");
    const end = value(ctx, ping, tlv.type, tlv.valueAt, tlvLength);
    if (end === TlvEnd.Stop) return;
    if (ctx.verbose > 1 || end === TlvEnd.Dump) {
      unknownData(ctx, tlv.valueAt, tlvLength, "\n\t    ");
    }
    if (tlvLength % 4 !== 0) {
      tlvLength += 4 - (tlvLength % 4);
      if (left < tlvLength + 4) break;
    }
    at += tlvLength + 4;
    left -= tlvLength + 4;
  }
  if (left !== 0) out.ascii("\n\t\t packet is too short");
}

/** The header's lines at `-v`. */
function header(ctx: PrintContext, ping: LspPing, length: number): void {
  const out = ctx.out;
  const { messageType, replyMode, returnCode, returnSubcode } = ping;
  out.ascii(
    `\n\tLSP-PINGv1, msg-type: ${MESSAGE_TYPES[messageType] || "unknown"} (${messageType})`,
  );
  out.ascii(`, length: ${length}\n\t  reply-mode: ${REPLY_MODES[replyMode] || "unknown"}`);
  out.ascii(` (${replyMode})\n\t  Return Code: ${RETURN_CODES[returnCode] ?? "unknown"}`);
  if (DEPTH_CODES.has(returnCode)) out.ascii(` ${returnSubcode}`);
  out.ascii(` (${returnCode})\n\t  Return Subcode: (${returnSubcode})`);
  const handle = hexNumber(ping.senderHandle, 8);
  out.ascii(`\n\t  Sender Handle: ${handle}, Sequence: ${ping.sequenceNumber}`);
  out.ascii("\n\t  Sender Timestamp: ");
  printNtpTime(ctx, ping.sentSeconds, ping.sentFraction);
  out.ascii(" Receiver Timestamp: ");
  if (ping.receivedSeconds === 0 && ping.receivedFraction === 0) out.ascii("no timestamp");
  else printNtpTime(ctx, ping.receivedSeconds, ping.receivedFraction);
}

/** Prints a TLV's value (all captured) as tcpdump's switch on its type does. */
function value(ctx: PrintContext, ping: LspPing, type: number, at: number, length: number): TlvEnd {
  const out = ctx.out;
  const d = ping.data;
  switch (type) {
    case LspPingTlvType.TARGET_FEC_STACK:
      return printFecStack(ctx, ping, at, length);
    case LspPingTlvType.DOWNSTREAM_MAPPING:
      return downstreamMapping(ctx, ping, at, length);
    case LspPingTlvType.BFD_DISCRIMINATOR:
      if (length < 4) {
        out.ascii(TOO_SHORT);
        return TlvEnd.Dump;
      }
      out.ascii(`\n\t    BFD Discriminator ${hexNumber(readUint32(d, at), 8)}`);
      return TlvEnd.Printed;
    case LspPingTlvType.VENDOR_ENTERPRISE: {
      if (length < 4) {
        out.ascii(TOO_SHORT);
        return TlvEnd.Dump;
      }
      const id = readUint32(d, at);
      out.ascii(`\n\t    Vendor: ${SMI_VALUES.get(id) ?? "Unknown"} (${hexNumber(id, 4)})`);
      return TlvEnd.Printed;
    }
    default:
      // tcpdump dumps the others once: here below -vv, after the switch at -vv.
      if (ctx.verbose <= 1) unknownData(ctx, at, length, "\n\t    ");
      return TlvEnd.Printed;
  }
}

/**
 * The downstream mapping TLV: MTU, address type, addresses, then the multipath header
 * that tcpdump skips before it dumps the whole TLV.
 */
function downstreamMapping(ctx: PrintContext, ping: LspPing, at: number, length: number): TlvEnd {
  const out = ctx.out;
  const d = ping.data;
  if (length < 4) {
    out.ascii(TOO_SHORT);
    return TlvEnd.Dump;
  }
  const addressType = d[at + 2]!;
  out.ascii(`\n\t    MTU: ${readUint16(d, at)}, Address-Type: `);
  out.ascii(`${ADDRESS_TYPES[addressType] ?? "unknown"} (${addressType})`);
  let left = length;
  const size = MAPPING_SIZES[addressType];
  if (size !== undefined && size !== 0) {
    if (left < size) {
      out.ascii(TOO_SHORT);
      return TlvEnd.Dump;
    }
    const ipv6 = addressType > 2;
    const ip = ipv6 ? formatIpv6(d, at + 4) : formatIpv4(d, at + 4);
    const next = at + (ipv6 ? 20 : 8);
    out.ascii(`\n\t    Downstream IP: ${ip}`);
    if (addressType === 1) out.ascii(`\n\t    Downstream Interface IP: ${formatIpv4(d, next)}`);
    else if (addressType === 3) {
      out.ascii(`\n\t    Downstream Interface IP: ${formatIpv6(d, next)}`);
    } else {
      const index = hexNumber(readUint32(d, next), 8);
      out.ascii(`\n\t    Downstream Interface Index: ${index}`);
    }
    left -= size;
  }
  // The multipath type, depth limit and length: checked, not printed.
  if (left < 4) out.ascii(TOO_SHORT);
  return TlvEnd.Dump;
}
