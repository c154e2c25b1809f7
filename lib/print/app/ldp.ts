/**
 * LDP as tcpdump's ldp_print() writes it: the first PDU's LSR ID, label space and length
 * at `-n`; with `-v` every PDU, its messages and their TLVs.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { markTruncated } from "../_truncation.ts";
import { type Ldp, LDP_HEADER_LENGTH } from "../../app/ldp.ts";
import { formatIpv4, formatIpv6 } from "../../address.ts";
import { unknownData } from "../_hex.ts";
import { readUint32 } from "../../_bytes.ts";

const MESSAGES: ReadonlyMap<number, string> = new Map([
  [0x0001, "Notification"],
  [0x0100, "Hello"],
  [0x0200, "Initialization"],
  [0x0201, "Keepalive"],
  [0x0300, "Address"],
  [0x0301, "Address Withdraw"],
  [0x0400, "Label Mapping"],
  [0x0401, "Label Request"],
  [0x0402, "Label Withdraw"],
  [0x0403, "Label Release"],
  [0x0404, "Label Abort Request"],
]);
/** The messages whose TLVs tcpdump prints. */
const TLV_MESSAGES = new Set([0x0001, 0x0100, 0x0200, 0x0201, 0x0300, 0x0400, 0x0301, 0x0402]);
const TLVS: ReadonlyMap<number, string> = new Map([
  [0x0100, "FEC"],
  [0x0101, "Address List"],
  [0x0103, "Hop Count"],
  [0x0104, "Path Vector"],
  [0x0200, "Generic Label"],
  [0x0201, "ATM Label"],
  [0x0202, "Frame-Relay Label"],
  [0x0300, "Status"],
  [0x0301, "Extended Status"],
  [0x0302, "Returned PDU"],
  [0x0303, "Returned Message"],
  [0x0400, "Common Hello Parameters"],
  [0x0401, "IPv4 Transport Address"],
  [0x0402, "Configuration Sequence Number"],
  [0x0403, "IPv6 Transport Address"],
  [0x0500, "Common Session Parameters"],
  [0x0501, "ATM Session Parameters"],
  [0x0502, "Frame-Relay Session Parameters"],
  [0x0503, "Fault-Tolerant Session Parameters"],
  [0x0600, "Label Request Message ID"],
  [0x0601, "MTU"],
]);
const FECS: ReadonlyMap<number, string> = new Map([
  [0x01, "Wildcard"],
  [0x02, "Prefix"],
  [0x03, "Host address"],
  [0x80, "Martini VC"],
]);
const AF_NAMES: ReadonlyMap<number, string> = new Map([[1, "IPv4"], [2, "IPv6"]]);

/** Thrown inside the printer where tcpdump's GET macros stop at the captured end. */
class Truncated {}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/** A prefix as decode_prefix4()/decode_prefix6(): the text, or a negative code. */
function prefix(
  d: Uint8Array,
  end: number,
  at: number,
  left: number,
  v6: boolean,
): string | number {
  if (left < 1) return -3;
  if (at + 1 > end) return -2;
  const bits = d[at]!;
  if (bits > (v6 ? 128 : 32)) return -1;
  const bytes = (bits + 7) >> 3;
  if (left - 1 < bytes) return -3;
  if (at + 1 + bytes > end) return -2;
  const address = new Uint8Array(v6 ? 16 : 4);
  address.set(d.subarray(at + 1, at + 1 + bytes));
  if (bits % 8 !== 0) address[bytes - 1]! &= (0xff << (8 - (bits % 8))) & 0xff;
  return `${v6 ? formatIpv6(address, 0) : formatIpv4(address, 0)}/${bits}`;
}

/** ldp_tlv_print(): returns the bytes used, or 0. */
function printTlv(ctx: PrintContext, ldp: Ldp, at: number, messageLeft: number): number {
  const out = ctx.out;
  const d = ctx.data;
  const end = ldp.end;
  const tlv = ldp.tlvAt(at);
  if (tlv === undefined) throw new Truncated();
  const length = tlv.length;
  if (length + 4 > messageLeft) {
    out.ascii("\n\t\t TLV contents go past end of message");
    return 0;
  }
  const type = tlv.type;
  out.ascii(`\n\t    ${TLVS.get(type) ?? "Unknown"} TLV (0x${hex(type, 4)}), length: ${length}, `);
  out.ascii(`Flags: [${tlv.unknownBit ? "continue processing" : "ignore"} and `);
  out.ascii(`${tlv.forwardBit ? "do" : "don't"} forward if unknown]`);
  let p = at + 4;
  let left = length;
  const need = (n: number) => {
    if (p + n > end) throw new Truncated();
  };
  const check = (minimum: number): boolean => {
    if (left >= minimum) return true;
    out.ascii(` [tlv length ${left} < ${minimum}] (invalid)`);
    return false;
  };
  const u16 = (i: number) => (d[i]! << 8) | d[i + 1]!;
  switch (type) {
    case 0x0400:
      if (!check(4)) break;
      need(4);
      out.ascii(`\n\t      Hold Time: ${u16(p)}s, Flags: [`);
      out.ascii(`${(u16(p + 2) & 0x8000) !== 0 ? "Targeted" : "Link"} Hello`);
      out.ascii(`${(u16(p + 2) & 0x4000) !== 0 ? ", Request for targeted Hellos" : ""}]`);
      break;
    case 0x0401:
      if (!check(4)) break;
      need(4);
      out.ascii(`\n\t      IPv4 Transport Address: ${formatIpv4(d, p)}`);
      break;
    case 0x0403:
      if (!check(16)) break;
      need(16);
      out.ascii(`\n\t      IPv6 Transport Address: ${formatIpv6(d, p)}`);
      break;
    case 0x0402:
      if (!check(4)) break;
      need(4);
      out.ascii(`\n\t      Sequence Number: ${readUint32(d, p)}`);
      break;
    case 0x0101: {
      if (!check(2)) break;
      need(2);
      const af = u16(p);
      p += 2;
      left -= 2;
      out.ascii(`\n\t      Address Family: ${AF_NAMES.get(af) ?? `Unknown (${af})`}, addresses`);
      const size = af === 1 ? 4 : af === 2 ? 16 : 0;
      if (size === 0) break;
      while (left >= size) {
        need(size);
        out.ascii(` ${size === 4 ? formatIpv4(d, p) : formatIpv6(d, p)}`);
        left -= size;
        p += size;
      }
      break;
    }
    case 0x0500:
      if (!check(8)) break;
      need(8);
      out.ascii(`\n\t      Version: ${u16(p)}, Keepalive: ${u16(p + 2)}s, Flags: [Downstream `);
      out.ascii(`${(u16(p + 6) & 0x8000) !== 0 ? "On Demand" : "Unsolicited"}, Loop Detection `);
      out.ascii(`${(u16(p + 6) & 0x4000) !== 0 ? "Enabled" : "Disabled"}]`);
      break;
    case 0x0100: {
      if (!check(1)) break;
      need(1);
      const fec = d[p]!;
      out.ascii(`\n\t      ${FECS.get(fec) ?? "Unknown"} FEC (0x${hex(fec, 2)})`);
      p += 1;
      left -= 1;
      if (fec !== 0x02) break;
      if (!check(2)) break;
      need(2);
      const af = u16(p);
      p += 2;
      left -= 2;
      if (af !== 1 && af !== 2) {
        out.ascii(`: Address family ${af} prefix`);
        break;
      }
      const v6 = af === 2;
      const text = prefix(d, end, p, left, v6);
      if (text === -2) throw new Truncated();
      // tcpdump names IPv4 in the IPv6 "goes past end" message too.
      if (text === -3) out.ascii(": IPv4 prefix (goes past end of TLV)");
      else if (text === -1) out.ascii(`: IPv${v6 ? 6 : 4} prefix (invalid length)`);
      else out.ascii(`: IPv${v6 ? 6 : 4} prefix ${text}`);
      break;
    }
    case 0x0200:
      if (!check(4)) break;
      need(4);
      out.ascii(`\n\t      Label: ${readUint32(d, p) & 0xfffff}`);
      break;
    case 0x0300: {
      if (!check(8)) break;
      need(8);
      const status = readUint32(d, p);
      out.ascii(`\n\t      Status: 0x${hex(status & 0x3fffffff, 2)}, Flags: [`);
      out.ascii(`${(status & 0x80000000) !== 0 ? "Fatal error" : "Advisory Notification"} and `);
      out.ascii(`${(status & 0x40000000) !== 0 ? "do" : "don't"} forward]`);
      const id = readUint32(d, p + 4);
      if (id !== 0) out.ascii(`, causing Message ID: 0x${hex(id, 8)}`);
      break;
    }
    case 0x0503: {
      if (!check(12)) break;
      need(12);
      const flags = u16(p);
      out.ascii(`\n\t      Flags: [${(flags & 0x8000) !== 0 ? "" : "No "}Reconnect, `);
      out.ascii(`${(flags & 8) !== 0 ? "" : "Don't "}Save State, `);
      out.ascii(`${(flags & 4) !== 0 ? "" : "No "}All-Label Protection, `);
      out.ascii(`${(flags & 2) !== 0 ? "Sequence Numbered Label" : "All Labels"} Checkpoint, `);
      out.ascii(`${(flags & 1) !== 0 ? "" : "Don't "}Re-Learn State]`);
      const reconnect = readUint32(d, p + 4);
      if (reconnect !== 0) out.ascii(`, Reconnect Timeout: ${reconnect}ms`);
      const recovery = readUint32(d, p + 8);
      if (recovery !== 0) out.ascii(`, Recovery Time: ${recovery}ms`);
      break;
    }
    case 0x0601:
      if (!check(2)) break;
      need(2);
      out.ascii(`\n\t      MTU: ${u16(p)}`);
      break;
    default:
      if (ctx.verbose <= 1) unknownData(ctx, p, Math.min(p + left, end) - p, "\n\t      ");
  }
  return length + 4;
}

/** ldp_pdu_print(): returns the bytes of the PDU, or 0. */
function printPdu(ctx: PrintContext, ldp: Ldp, at: number): number {
  const out = ctx.out;
  const pdu = ldp.pduAt(at);
  if (pdu === undefined) throw new Truncated();
  const separator = ctx.verbose < 1 ? "" : "\n\t";
  if (pdu.version !== 1) {
    out.ascii(`${separator}LDP version ${pdu.version} packet not supported`);
    return 0;
  }
  if (pdu.pduLength < LDP_HEADER_LENGTH - 4) {
    out.ascii(`${separator}LDP, pdu-length: ${pdu.pduLength} (too short, < 6)`);
    return 0;
  }
  out.ascii(`${separator}LDP, Label-Space-ID: ${pdu.lsrId}:${pdu.labelSpace}, `);
  out.ascii(`pdu-length: ${pdu.pduLength}`);
  if (ctx.verbose < 1) return 0;
  let p = at + LDP_HEADER_LENGTH;
  let left = pdu.pduLength - (LDP_HEADER_LENGTH - 4);
  while (left > 0) {
    const message = ldp.messageAt(p);
    if (message === undefined) throw new Truncated();
    const name = MESSAGES.get(message.type) ?? "Unknown";
    if (message.length < 4) {
      out.ascii(`\n\t  ${name} Message (0x${hex(message.type, 4)}), length: ${message.length}`);
      out.ascii(" (too short, < 4)");
      return 0;
    }
    out.ascii(`\n\t  ${name} Message (0x${hex(message.type, 4)}), length: ${message.length}, `);
    out.ascii(`Message ID: 0x${hex(message.id, 8)}, Flags: [`);
    out.ascii(`${message.unknownBit ? "continue processing" : "ignore"} if unknown]`);
    let tlvAt = p + 8;
    let tlvLeft = message.length - 4;
    if (p + message.length > ldp.end) throw new Truncated();
    if (TLV_MESSAGES.has(message.type)) {
      while (tlvLeft >= 4) {
        const used = printTlv(ctx, ldp, tlvAt, tlvLeft);
        if (used === 0) break;
        tlvLeft -= used;
        tlvAt += used;
      }
    } else if (ctx.verbose <= 1) {
      unknownData(ctx, tlvAt, Math.min(tlvAt + tlvLeft, ldp.end) - tlvAt, "\n\t  ");
    }
    if (ctx.verbose > 1) {
      unknownData(ctx, p + 8, Math.min(p + 8 + message.length, ldp.end) - (p + 8), "\n\t  ");
    }
    p += message.length + 4;
    left = (left - (message.length + 4)) & 0xffff;
  }
  return pdu.pduLength + 4;
}

/**
 * Prints the LDP PDUs of a TCP segment or UDP datagram.
 *
 * @param ctx The print context.
 * @param ldp The layer.
 */
export function printLdp(ctx: PrintContext, ldp: Ldp): void {
  ctx.done = true;
  let length = ldp.wireLength;
  let at = ldp.offset;
  try {
    while (length > LDP_HEADER_LENGTH + 8) {
      const used = printPdu(ctx, ldp, at);
      if (used === 0) return;
      if (length < used) {
        ctx.out.ascii(` [remaining length ${length} < ${used}] (invalid)`);
        return;
      }
      length -= used;
      at += used;
    }
  } catch (error) {
    if (!(error instanceof Truncated)) throw error;
    markTruncated(ctx, "ldp");
  }
}
