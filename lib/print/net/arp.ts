/**
 * ARP and RARP as tcpdump's arp_print() writes them.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Arp } from "../../net/arp.ts";
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
    out.ascii(
      pro === 0x0800
        ? "IPv4"
        : ETHERTYPE_NAMES.get(pro) ?? `Unknown Protocol (0x${pro.toString(16).padStart(4, "0")})`,
    );
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
        hardwareAddress(out, d, tha, hln);
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
      hardwareAddress(out, d, sha, hln);
      break;
    case 3:
      out.ascii("Reverse Request who-is ");
      hardwareAddress(out, d, tha, hln);
      out.ascii(" tell ");
      hardwareAddress(out, d, sha, hln);
      break;
    case 4:
      out.ascii("Reverse Reply ");
      hardwareAddress(out, d, tha, hln);
      out.ascii(" at ");
      protocolAddress(out, d, tpa, pro, pln);
      break;
    case 8:
      out.ascii("Inverse Request who-is ");
      protocolAddress(out, d, tpa, pro, pln);
      out.ascii(" tell ");
      protocolAddress(out, d, spa, pro, pln);
      break;
    case 9:
      out.ascii("Inverse Reply ");
      hardwareAddress(out, d, sha, hln);
      out.ascii(" at ");
      protocolAddress(out, d, spa, pro, pln);
      break;
    default: {
      // tcpdump names the operation, then dumps the captured bytes from the ARP header on
      // (the frame's padding too).
      out.ascii(`Unknown (${arp.operation}) `);
      hexAndAsciiPrint(ctx, o, arp.capturedEnd, d);
      return;
    }
  }
  out.ascii(", length ");
  out.uint(length);
}

/** A hardware address, or what tcpdump prints for an empty one. */
function hardwareAddress(out: ByteWriter, d: Uint8Array, at: number, hln: number): void {
  if (hln === 0) out.ascii("<empty>");
  else out.mac(d, at, hln);
}

/** A protocol address: IPv4, or what tcpdump prints for another. */
function protocolAddress(
  out: ByteWriter,
  d: Uint8Array,
  at: number,
  pro: number,
  pln: number,
): void {
  if (pro !== 0x0800 && pro !== 0x1000) out.ascii("<wrong proto type>");
  else if (pln !== 4) out.ascii("<wrong len>");
  else out.ipv4(d, at);
}

const ARPHRD_NAMES = new Map<number, string>([
  [1, "Ethernet"],
  [6, "TokenRing"],
  [7, "ArcNet"],
  [15, "FrameRelay"],
  [19, "ATM"],
  [23, "Strip"],
  [24, "IEEE 1394"],
]);
