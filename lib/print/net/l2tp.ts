/**
 * L2TP as tcpdump's l2tp_print() writes it: the flags, the tunnel and session IDs, the
 * sequence numbers, then a control message's AVPs or a data message's PPP frame in braces.
 *
 * @module
 */

import { readUint16, readUint32 } from "../../_bytes.ts";
import { truncated } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import type { L2tp, L2tpAvp } from "../../net/l2tp.ts";
import type { ByteWriter } from "../_writer.ts";
import { printChars } from "../_chars.ts";

/**
 * Prints an L2TP header.
 *
 * @param ctx The print context.
 * @param l2tp The layer.
 * @param next The layer after it.
 */
export function printL2tp(ctx: PrintContext, l2tp: L2tp, next: Layer | undefined): void {
  const out = ctx.out;
  ctx.done = true;
  if (l2tp.version === 1) {
    out.ascii(" l2f:");
    return;
  }
  if (l2tp.version !== 2) {
    out.ascii(" Unknown Version, neither L2F(1) nor L2TP(2)");
    return;
  }
  out.ascii(" l2tp:[");
  const word = l2tp.flagsAndVersion;
  for (const [bit, letter] of FLAG_LETTERS) if ((word & bit) !== 0) out.ascii(letter);
  out.ascii("](");
  out.uint(l2tp.tunnelId);
  out.byte(0x2f);
  out.uint(l2tp.sessionId);
  out.byte(0x29);
  if (l2tp.ns !== undefined) {
    out.ascii("Ns=");
    out.uint(l2tp.ns);
    out.ascii(",Nr=");
    out.uint(l2tp.nr ?? 0);
  }
  let length = l2tp.wireLength;
  if (l2tp.length !== undefined) {
    if (length < l2tp.length) {
      out.ascii(` Length ${l2tp.length} larger than packet`);
      return;
    }
    length = l2tp.length;
  }
  if (length < l2tp.headerLength) {
    out.ascii(` Length ${length} smaller than header length`);
    return;
  }
  if (l2tp.control) {
    if (l2tp.length === undefined) out.ascii(" No length");
    else if (length === l2tp.headerLength) out.ascii(" ZLB");
    else {
      for (const avp of l2tp.avps) {
        out.byte(0x20);
        printAvp(out, avp);
      }
      if (l2tp.avpsMalformed) {
        out.byte(0x20);
        truncated(ctx, "l2tp");
      }
    }
    return;
  }
  out.ascii(" {");
  ctx.tunnelLength = length - l2tp.headerLength;
  if (next === undefined && ctx.error === undefined && length === l2tp.headerLength) {
    // ppp_print() of nothing.
    truncated(ctx, "ppp");
    out.byte(0x7d);
    return;
  }
  if (next !== undefined || ctx.error !== undefined) {
    // The PPP frame goes on; the brace closes after it.
    ctx.done = false;
    ctx.trailer = "}";
    return;
  }
  out.byte(0x7d);
}

function printAvp(out: ByteWriter, avp: L2tpAvp): void {
  if (avp.mandatory) out.byte(0x2a);
  if (avp.hidden) out.byte(0x3f);
  const v = avp.value;
  if (avp.vendorId !== 0) {
    out.ascii("VENDOR");
    out.hex(avp.vendorId, 4);
    out.ascii(":ATTR");
    out.hex(avp.attributeType, 4);
    out.byte(0x28);
    octets(out, v, v.length);
    out.byte(0x29);
    return;
  }
  const type = avp.attributeType;
  out.ascii(AVP_NAMES[type] ?? `AVP-#${type}`);
  out.byte(0x28);
  if (avp.hidden) out.ascii("???");
  else avpValue(out, type, v);
  out.byte(0x29);
}

const TOO_SHORT = "AVP too short";

/** Writes an AVP's value as tcpdump's per-attribute printers do. */
function avpValue(out: ByteWriter, type: number, v: Uint8Array): void {
  const n = v.length;
  switch (type) {
    case 0: // Message Type
      if (n < 2) out.ascii(TOO_SHORT);
      else out.ascii(MESSAGE_TYPES.get(readUint16(v, 0)) ?? `MSGTYPE-#${readUint16(v, 0)}`);
      return;
    case 1: // Result Code: result, error code, message
      if (n < 2) {
        out.ascii(TOO_SHORT);
        return;
      }
      out.uint(readUint16(v, 0));
      if (n === 2) return;
      if (n < 4) {
        out.ascii(" " + TOO_SHORT);
        return;
      }
      out.byte(0x2f);
      out.uint(readUint16(v, 2));
      if (n === 4) return;
      out.byte(0x20);
      printChars(out, v, 4, v.length);
      return;
    case 2: // Protocol Version
      if (n < 2) out.ascii(TOO_SHORT);
      else out.ascii(`${v[0]}.${v[1]}`);
      return;
    case 3: // Framing Capabilities
    case 19: // Framing Type
      if (n < 4) out.ascii(TOO_SHORT);
      else {
        if ((readUint32(v, 0) & 2) !== 0) out.byte(0x41);
        if ((readUint32(v, 0) & 1) !== 0) out.byte(0x53);
      }
      return;
    case 4: // Bearer Capabilities
    case 18: // Bearer Type
      if (n < 4) out.ascii(TOO_SHORT);
      else {
        if ((readUint32(v, 0) & 2) !== 0) out.byte(0x41);
        if ((readUint32(v, 0) & 1) !== 0) out.byte(0x44);
      }
      return;
    case 5: // Tie Breaker
      if (n < 8) out.ascii(TOO_SHORT);
      else octets(out, v, 8);
      return;
    case 6: // Firmware Revision
    case 9: // Assigned Tunnel ID
    case 10: // Receive Window Size
    case 14: // Assigned Session ID
      if (n < 2) out.ascii(TOO_SHORT);
      else out.uint(readUint16(v, 0));
      return;
    case 7: // Host Name
    case 8: // Vendor Name
    case 21: // Called Number
    case 22: // Calling Number
    case 23: // Sub-Address
    case 30: // Proxy Authen Name
    case 37: // Private Group ID
      printChars(out, v, 0, v.length);
      return;
    case 11: // Challenge
    case 26: // Initial Received LCP CONFREQ
    case 27: // Last Sent LCP CONFREQ
    case 28: // Last Received LCP CONFREQ
    case 31: // Proxy Authen Challenge
    case 33: // Proxy Authen Response
    case 36: // Random Vector
      octets(out, v, n);
      return;
    case 12: // Q.931 Cause Code
      if (n < 3) {
        out.ascii(TOO_SHORT);
        return;
      }
      out.uint(readUint16(v, 0));
      out.ascii(", ");
      out.hex(v[2]!, 2);
      if (n > 3) {
        out.byte(0x20);
        printChars(out, v, 3, v.length);
      }
      return;
    case 13: // Challenge Response
      if (n < 16) out.ascii(TOO_SHORT);
      else octets(out, v, 16);
      return;
    case 15: // Call Serial Number
    case 16: // Minimum BPS
    case 17: // Maximum BPS
    case 24: // (Tx) Connect Speed
    case 25: // Physical Channel ID
    case 38: // (Rx) Connect Speed
      if (n < 4) out.ascii(TOO_SHORT);
      else out.uint(readUint32(v, 0));
      return;
    case 20: // Packet Processing Delay
      out.ascii("obsolete");
      return;
    case 29: // Proxy Authen Type
      if (n < 2) out.ascii(TOO_SHORT);
      else out.ascii(AUTH_TYPES[readUint16(v, 0)] ?? `AuthType-#${readUint16(v, 0)}`);
      return;
    case 32: // Proxy Authen ID
      if (n < 2) out.ascii(TOO_SHORT);
      else out.uint(readUint16(v, 0) & 0xff);
      return;
    case 34: // Call Errors: reserved, then six counters
      counters(out, v, ["CRCErr", "FrameErr", "HardOver", "BufOver", "Timeout", "AlignErr"]);
      return;
    case 35: // ACCM: reserved, then the send and receive maps
      counters(out, v, ["send", "recv"], true);
      return;
    case 46: // PPP Disconnect Cause Code (RFC 3145)
      if (n < 5) {
        out.ascii(TOO_SHORT);
        return;
      }
      out.hex(readUint16(v, 0), 4);
      out.ascii(", ");
      out.hex(readUint16(v, 2), 4);
      out.byte(0x20);
      out.ascii(DIRECTIONS[v[4]!] ?? `Direction-#${v[4]}`);
      if (n > 5) {
        out.byte(0x20);
        printChars(out, v, 5, v.length);
      }
      return;
  }
}

/** A 2-byte reserved field, then 32-bit values, each `name=value ` (hex for the ACCM). */
function counters(out: ByteWriter, v: Uint8Array, names: readonly string[], hex = false): void {
  if (v.length < 2) {
    out.ascii(TOO_SHORT);
    return;
  }
  let at = 2;
  for (const name of names) {
    if (v.length - at < 4) {
      out.ascii(TOO_SHORT);
      return;
    }
    out.ascii(name);
    out.byte(0x3d);
    if (hex) out.hex(readUint32(v, at), 8);
    else out.uint(readUint32(v, at));
    out.byte(0x20);
    at += 4;
  }
}

/** Bytes as two hex digits each, as tcpdump's print_octets(). */
function octets(out: ByteWriter, v: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) out.hex(v[i]!, 2);
}

/** The flag letters, in tcpdump's order. */
const FLAG_LETTERS: readonly (readonly [number, string])[] = [
  [0x8000, "T"],
  [0x4000, "L"],
  [0x0800, "S"],
  [0x0200, "O"],
  [0x0100, "P"],
];

/** tcpdump's names of the IETF attribute types 0 to 39 and 46. */
const AVP_NAMES: readonly (string | undefined)[] = [
  "MSGTYPE",
  "RESULT_CODE",
  "PROTO_VER",
  "FRAMING_CAP",
  "BEARER_CAP",
  "TIE_BREAKER",
  "FIRM_VER",
  "HOST_NAME",
  "VENDOR_NAME",
  "ASSND_TUN_ID",
  "RECV_WIN_SIZE",
  "CHALLENGE",
  "Q931_CC",
  "CHALLENGE_RESP",
  "ASSND_SESS_ID",
  "CALL_SER_NUM",
  "MINIMUM_BPS",
  "MAXIMUM_BPS",
  "BEARER_TYPE",
  "FRAMING_TYPE",
  "PACKET_PROC_DELAY",
  "CALLED_NUMBER",
  "CALLING_NUMBER",
  "SUB_ADDRESS",
  "TX_CONN_SPEED",
  "PHY_CHANNEL_ID",
  "INI_RECV_LCP",
  "LAST_SENT_LCP",
  "LAST_RECV_LCP",
  "PROXY_AUTH_TYPE",
  "PROXY_AUTH_NAME",
  "PROXY_AUTH_CHAL",
  "PROXY_AUTH_ID",
  "PROXY_AUTH_RESP",
  "CALL_ERRORS",
  "ACCM",
  "RANDOM_VECTOR",
  "PRIVATE_GRP_ID",
  "RX_CONN_SPEED",
  "SEQ_REQUIRED",
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  "PPP_DISCON_CC",
];

/** Control message types (RFC 2661 section 3.2), as tcpdump names them. */
const MESSAGE_TYPES = new Map<number, string>([
  [1, "SCCRQ"],
  [2, "SCCRP"],
  [3, "SCCCN"],
  [4, "StopCCN"],
  [6, "HELLO"],
  [7, "OCRQ"],
  [8, "OCRP"],
  [9, "OCCN"],
  [10, "ICRQ"],
  [11, "ICRP"],
  [12, "ICCN"],
  [14, "CDN"],
  [15, "WEN"],
  [16, "SLI"],
]);

/** Proxy authentication types. */
const AUTH_TYPES = ["Reserved", "Textual", "CHAP", "PAP", "No Auth", "MS-CHAPv1"];

/** Directions of the PPP disconnect cause code. */
const DIRECTIONS = ["global error", "at peer", "at local"];
