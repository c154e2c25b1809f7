/**
 * The target FEC stack TLV of LSP ping as tcpdump's lspping_print() writes it with `-v`:
 * each sub-TLV (LDP, BGP, RSVP, VPN prefixes, L2 VPN endpoint, FEC 128 pseudowires), its
 * length check and hex dump. Private to `lib/print/`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { LspPing } from "../../app/lspping.ts";
import { formatIpv4, formatIpv6 } from "../../address.ts";
import { readUint16, readUint32 } from "../../_bytes.ts";
import { unknownData } from "../_hex.ts";
import { truncatedRead } from "../_truncation.ts";
import { routeDistinguisher } from "./_bgp_mp.ts";

/** How a TLV's value printer ends: dump the TLV, don't, or end the packet. */
export const TlvEnd = {
  /** The value printed; no dump below `-vv`. */
  Printed: 0,
  /** tcpdump dumps the TLV's value after it. */
  Dump: 1,
  /** The packet's printing ended (a cut, or a sub-TLV's padding past the TLV). */
  Stop: 2,
} as const;

/** One of {@linkcode TlvEnd}. */
export type TlvEnd = typeof TlvEnd[keyof typeof TlvEnd];

/** tcpdump's names of the sub-TLVs (lspping_tlvtargetfec_subtlv_values). */
const SUB_TLVS: ReadonlyMap<number, string> = new Map([
  [1, "LDP IPv4 prefix"],
  [2, "LDP IPv6 prefix"],
  [3, "RSVP IPv4 Session Query"],
  [4, "RSVP IPv6 Session Query"],
  [5, "Reserved"],
  [6, "VPN IPv4 prefix"],
  [7, "VPN IPv6 prefix"],
  [8, "L2 VPN endpoint"],
  [9, "FEC 128 pseudowire (old)"],
  [10, "FEC 128 pseudowire"],
  [12, "BGP labeled IPv4 prefix"],
  [13, "BGP labeled IPv6 prefix"],
]);

/** The MPLS pseudowire types (RFC 4446, tcpdump's mpls_pw_types_values). */
const PW_TYPES: ReadonlyMap<number, string> = new Map([
  [0x00, "Reserved"],
  [0x01, "Frame Relay DLCI (Martini Mode)"],
  [0x02, "ATM AAL5 SDU VCC transport"],
  [0x03, "ATM transparent cell transport"],
  [0x04, "Ethernet VLAN"],
  [0x05, "Ethernet"],
  [0x06, "Cisco-HDLC"],
  [0x07, "PPP"],
  [0x08, "SONET/SDH Circuit Emulation Service over MPLS"],
  [0x09, "ATM n-to-one VCC cell transport"],
  [0x0a, "ATM n-to-one VPC cell transport"],
  [0x0b, "IP Layer2 Transport"],
  [0x0c, "ATM one-to-one VCC Cell Mode"],
  [0x0d, "ATM one-to-one VPC Cell Mode"],
  [0x0e, "ATM AAL5 PDU VCC transport"],
  [0x0f, "Frame-Relay Port mode"],
  [0x10, "SONET/SDH Circuit Emulation over Packet"],
  [0x11, "Structure-agnostic E1 over Packet"],
  [0x12, "Structure-agnostic T1 (DS1) over Packet"],
  [0x13, "Structure-agnostic E3 over Packet"],
  [0x14, "Structure-agnostic T3 (DS3) over Packet"],
  [0x15, "CESoPSN basic mode"],
  [0x16, "TDMoIP basic mode"],
  [0x17, "CESoPSN TDM with CAS"],
  [0x18, "TDMoIP TDM with CAS"],
  [0x19, "Frame Relay DLCI"],
  [0x40, "IP-interworking"],
]);

/** The one length each known sub-TLV must have. */
const SUB_TLV_LENGTHS: ReadonlyMap<number, number> = new Map([
  [1, 5],
  [2, 17],
  [3, 20],
  [4, 56],
  [6, 13],
  [7, 25],
  [8, 14],
  [9, 10],
  [10, 14],
  [12, 5],
  [13, 17],
]);

/** `name (type)` of a pseudowire type at `at`. */
function pwType(d: Uint8Array, at: number): string {
  const type = readUint16(d, at);
  return `${PW_TYPES.get(type) ?? "unknown"} (${type})`;
}

/** `n` as tcpdump's `0x%08x` (`digits` 8) or `0x%04x` (4). */
export function hexNumber(n: number, digits: 4 | 8): string {
  return `0x${n.toString(16).padStart(digits, "0")}`;
}

/** The text of a known sub-TLV of the right length whose value starts at `v`. */
function subTlvText(d: Uint8Array, type: number, v: number): string {
  const line = "\n\t      ";
  switch (type) {
    case 1:
    case 12:
      return `${line}${formatIpv4(d, v)}/${d[v + 4]}`;
    case 2:
    case 13:
      return `${line}${formatIpv6(d, v)}/${d[v + 16]}`;
    case 3:
      return `${line}tunnel end-point ${formatIpv4(d, v)}, tunnel sender ${formatIpv4(d, v + 12)}` +
        `, lsp-id ${hexNumber(readUint16(d, v + 18), 4)}${line}tunnel-id ${
          hexNumber(readUint16(d, v + 6), 4)
        }` +
        `, extended tunnel-id ${formatIpv4(d, v + 8)}`;
    case 4:
      return `${line}tunnel end-point ${formatIpv6(d, v)}, tunnel sender ${formatIpv6(d, v + 36)}` +
        `, lsp-id ${hexNumber(readUint16(d, v + 54), 4)}${line}tunnel-id ${
          hexNumber(readUint16(d, v + 18), 4)
        }` +
        `, extended tunnel-id ${formatIpv6(d, v + 20)}`;
    case 6:
      return `${line}RD: ${routeDistinguisher(d, v)}, ${formatIpv4(d, v + 8)}/${d[v + 12]}`;
    case 7:
      return `${line}RD: ${routeDistinguisher(d, v)}, ${formatIpv6(d, v + 8)}/${d[v + 24]}`;
    case 8:
      return `${line}RD: ${routeDistinguisher(d, v)}, Sender VE ID: ${readUint16(d, v + 8)}` +
        `, Receiver VE ID: ${readUint16(d, v + 10)}${line}Encapsulation Type: ${pwType(d, v + 12)}`;
    case 9:
      return `${line}Remote PE: ${formatIpv4(d, v)}${line}PW ID: ${
        hexNumber(readUint32(d, v + 4), 8)
      }` +
        `, PW Type: ${pwType(d, v + 8)}`;
    default:
      return `${line}Sender PE: ${formatIpv4(d, v)}, Remote PE: ${formatIpv4(d, v + 4)}` +
        `${line}PW ID: ${hexNumber(readUint32(d, v + 8), 8)}, PW Type: ${pwType(d, v + 12)}`;
  }
}

/**
 * Prints the sub-TLVs of a target FEC stack TLV whose `length` value bytes start at `at`
 * (all captured), as tcpdump does: it moves on by a sub-TLV's padded length without its
 * header, so a second sub-TLV is read 4 bytes early.
 *
 * @param ctx The print context.
 * @param ping The layer.
 * @param at Where the TLV's value starts.
 * @param length The TLV's length.
 * @returns How the TLV ends.
 */
export function printFecStack(
  ctx: PrintContext,
  ping: LspPing,
  at: number,
  length: number,
): TlvEnd {
  const out = ctx.out;
  const d = ping.data;
  let left = length;
  while (left !== 0) {
    if (left < 4) {
      out.ascii("\n\t      TLV is too short");
      return TlvEnd.Dump;
    }
    const sub = ping.tlvAt(at);
    if (sub === undefined) {
      truncatedRead(ctx, "lspping");
      return TlvEnd.Stop;
    }
    let subLength = sub.length;
    if (left < subLength + 4) {
      out.ascii("\n\t      TLV is too short");
      return TlvEnd.Dump;
    }
    if (!ping.has(sub.valueAt, subLength)) {
      truncatedRead(ctx, "lspping");
      return TlvEnd.Stop;
    }
    out.ascii(`\n\t    ${SUB_TLVS.get(sub.type) ?? "Unknown"} subTLV (${sub.type}), `);
    out.ascii(`length: ${subLength}`);
    const expected = SUB_TLV_LENGTHS.get(sub.type);
    let dump = true;
    if (expected !== undefined) {
      if (subLength !== expected) {
        out.ascii(`\n\t      invalid subTLV length, should be ${expected}`);
      } else {
        out.ascii(subTlvText(d, sub.type, sub.valueAt));
        dump = false;
      }
    }
    if (ctx.verbose > 1 || dump) unknownData(ctx, sub.valueAt, subLength, "\n\t      ");
    if (subLength % 4 !== 0) {
      subLength += 4 - (subLength % 4);
      if (left < subLength + 4) {
        out.ascii("\n\t\t TLV is too short");
        return TlvEnd.Stop;
      }
    }
    at += subLength;
    left -= subLength + 4;
  }
  return TlvEnd.Printed;
}
