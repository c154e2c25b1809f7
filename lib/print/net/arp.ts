/**
 * ARP and RARP as tcpdump's arp_print() writes them, and ATM ARP as its atmarp_print().
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Arp } from "../../net/arp.ts";
import { type Q922Address, readQ922Address } from "../../link/_q922.ts";
import { hexAndAsciiPrint } from "../_hex.ts";
import { ETHERTYPE_NAMES } from "../_names.ts";
import type { ByteWriter } from "../_writer.ts";

/**
 * Prints an ARP or RARP packet.
 *
 * @param ctx The print context.
 * @param arp The layer.
 */
export function printArp(ctx: PrintContext, arp: Arp): void {
  const out = ctx.out;
  ctx.done = true;
  ctx.network = true;
  const d = arp.data;
  const o = arp.offset;
  // After an 802.3 length (LLC/SNAP), tcpdump's length ends where that length says.
  const length =
    ctx.frameLength >= 0 && ctx.frameLength < ctx.originalLength - (arp.offset - ctx.start)
      ? ctx.frameLength
      : ctx.originalLength - (arp.offset - ctx.start);
  if (arp.hardwareType === 19) {
    printAtmArp(ctx, arp, length);
    return;
  }
  const hln = arp.hardwareAddressLength;
  const pln = arp.protocolAddressLength;
  const pro = arp.protocolType;
  const verbose = ctx.verbose > 0;
  if (!ctx.link) out.ascii("ARP, ");
  const ipv4 = (pro === 0x0800 || pro === 0x1000) && pln === 4;
  if (!ipv4 || hln === 0 || verbose) {
    const hrd = arp.hardwareType;
    out.ascii(ARPHRD_NAMES.get(hrd) ?? `Unknown Hardware (${hrd})`);
    out.ascii(` (len ${hln}), `);
    out.ascii(protocolName(pro));
    out.ascii(` (len ${pln})`);
    if (!verbose) {
      out.ascii(", length ");
      out.uint(length);
      return;
    }
    out.ascii(", ");
  }
  const sha = o + 8;
  const spa = sha + hln;
  const tha = spa + pln;
  const tpa = tha + hln;
  switch (arp.operation) {
    case 1: {
      out.ascii("Request who-has ");
      protocolAddress(out, d, tpa, pro, pln);
      let zero = true;
      for (let i = 0; i < hln; i++) if (d[tha + i] !== 0) zero = false;
      if (!zero) {
        out.ascii(" (");
        hardwareAddress(out, arp, tha, hln);
        out.byte(0x29);
      }
      out.ascii(" tell ");
      protocolAddress(out, d, spa, pro, pln);
      break;
    }
    case 2:
      out.ascii("Reply ");
      protocolAddress(out, d, spa, pro, pln);
      out.ascii(" is-at ");
      hardwareAddress(out, arp, sha, hln);
      break;
    case 3:
      out.ascii("Reverse Request who-is ");
      hardwareAddress(out, arp, tha, hln);
      out.ascii(" tell ");
      hardwareAddress(out, arp, sha, hln);
      break;
    case 4:
      out.ascii("Reverse Reply ");
      hardwareAddress(out, arp, tha, hln);
      out.ascii(" at ");
      protocolAddress(out, d, tpa, pro, pln);
      break;
    case 8:
      out.ascii("Inverse Request who-is ");
      hardwareAddress(out, arp, tha, hln);
      out.ascii(" tell ");
      hardwareAddress(out, arp, sha, hln);
      break;
    case 9:
      out.ascii("Inverse Reply ");
      hardwareAddress(out, arp, sha, hln);
      out.ascii(" at ");
      protocolAddress(out, d, spa, pro, pln);
      break;
    default:
      unknownOperation(ctx, arp);
      return;
  }
  out.ascii(", length ");
  out.uint(length);
}

/**
 * ATM ARP (RFC 2225): its sender's and target's protocol address lengths in the header
 * line, and ATM numbers with their subaddresses.
 */
function printAtmArp(ctx: PrintContext, arp: Arp, length: number): void {
  const out = ctx.out;
  const d = arp.data;
  const pro = arp.protocolType;
  const spln = arp.protocolAddressLength;
  const tpln = arp.targetProtocolAddressLength;
  const verbose = ctx.verbose > 0;
  if (!ctx.link) out.ascii("ARP, ");
  if ((pro !== 0x0800 && pro !== 0x1000) || spln !== 4 || tpln !== 4 || verbose) {
    out.ascii(`ATM, ${protocolName(pro)} (len ${spln}/${tpln})`);
    if (!verbose) {
      out.ascii(", length ");
      out.uint(length);
      return;
    }
    out.ascii(", ");
  }
  const sender = (): void =>
    atmAddress(
      out,
      d,
      arp.senderHardwareAddressOffset,
      arp.hardwareAddressLength,
      arp.senderSubaddressLength,
    );
  const target = (): void =>
    atmAddress(
      out,
      d,
      arp.targetHardwareAddressOffset,
      arp.targetHardwareAddressLength,
      arp.targetSubaddressLength,
    );
  const senderProtocol = (): void =>
    protocolAddress(out, d, arp.senderProtocolAddressOffset, pro, spln, "<wrong splen>");
  switch (arp.operation) {
    case 1:
      out.ascii("Request who-has ");
      protocolAddress(out, d, arp.targetProtocolAddressOffset, pro, tpln, "<wrong tplen>");
      if (arp.targetHardwareAddressLength !== 0) {
        out.ascii(" (");
        target();
        out.byte(0x29);
      }
      out.ascii(" tell ");
      senderProtocol();
      break;
    case 2:
      out.ascii("Reply ");
      senderProtocol();
      out.ascii(" is-at ");
      sender();
      break;
    case 8:
      out.ascii("Inverse Request who-is ");
      target();
      out.ascii(" tell ");
      sender();
      break;
    case 9:
      // tcpdump writes no space before "at" here.
      out.ascii("Inverse Reply ");
      sender();
      out.ascii("at ");
      senderProtocol();
      break;
    case 10:
      out.ascii("NACK Reply for ");
      senderProtocol();
      break;
    default:
      unknownOperation(ctx, arp);
      return;
  }
  out.ascii(", length ");
  out.uint(length);
}

/**
 * An operation the printer has no layout for: tcpdump names it, then dumps the captured
 * bytes from the ARP header on (the frame's padding too).
 */
function unknownOperation(ctx: PrintContext, arp: Arp): void {
  const op = arp.operation;
  ctx.out.ascii(`${ARPOP_NAMES.get(op) ?? `Unknown (${op})`} `);
  hexAndAsciiPrint(ctx, arp.offset, arp.capturedEnd, arp.data);
}

/** An ATM number and its subaddress, as tcpdump's atmarp_addr_print() writes them. */
function atmAddress(
  out: ByteWriter,
  d: Uint8Array,
  at: number,
  length: number,
  subaddressLength: number,
): void {
  if (length === 0) {
    out.ascii("<No address>");
    return;
  }
  out.mac(d, at, length);
  if (subaddressLength !== 0) {
    out.byte(0x2c);
    out.mac(d, at + length, subaddressLength);
  }
}

/** A protocol type as tcpdump names it in an ARP header line. */
function protocolName(pro: number): string {
  return pro === 0x0800
    ? "IPv4"
    : ETHERTYPE_NAMES.get(pro) ?? `Unknown Protocol (0x${pro.toString(16).padStart(4, "0")})`;
}

/**
 * A hardware address, or what tcpdump prints for an empty one; Frame Relay's (hardware
 * type 15) as its Q.922 DLCI.
 */
function hardwareAddress(out: ByteWriter, arp: Arp, at: number, hln: number): void {
  if (hln === 0) out.ascii("<empty>");
  else if (arp.hardwareType === 15) {
    const status = readQ922Address(arp.data, at, Math.min(at + hln, arp.capturedEnd), dlci);
    out.ascii(status === 1 ? `DLCI ${dlci.dlci}` : status === 0 ? "<Invalid DLCI>" : "<Truncated>");
  } else out.mac(arp.data, at, hln);
}

/** The DLCI of a Frame Relay ARP address (printing is not reentrant). */
const dlci: Q922Address = { dlci: 0, length: 0, flags: 0 };

/**
 * A protocol address: IPv4, or what tcpdump prints for another (ATM ARP names which
 * length is wrong).
 */
function protocolAddress(
  out: ByteWriter,
  d: Uint8Array,
  at: number,
  pro: number,
  pln: number,
  wrongLength = "<wrong len>",
): void {
  if (pro !== 0x0800 && pro !== 0x1000) out.ascii("<wrong proto type>");
  else if (pln !== 4) out.ascii(wrongLength);
  else out.ipv4(d, at);
}

/** tcpdump's names of ARP operations (its arpop_values). */
const ARPOP_NAMES = new Map<number, string>([
  [1, "Request"],
  [2, "Reply"],
  [3, "Reverse Request"],
  [4, "Reverse Reply"],
  [8, "Inverse Request"],
  [9, "Inverse Reply"],
  [10, "NACK Reply"],
]);

const ARPHRD_NAMES = new Map<number, string>([
  [1, "Ethernet"],
  [6, "TokenRing"],
  [7, "ArcNet"],
  [15, "FrameRelay"],
  [19, "ATM"],
  [23, "Strip"],
  [24, "IEEE 1394"],
  [32, "InfiniBand"],
]);
