/**
 * ARP and RARP as tcpdump's arp_print() writes them.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Arp } from "../../net/arp.ts";
import { hexAndAsciiPrint } from "../_hex.ts";
import { ETHERTYPE_NAMES } from "../_names.ts";

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
  const hardware = (at: number) => {
    if (hln === 0) out.ascii("<empty>");
    else out.mac(d, at, hln);
  };
  const protocol = (at: number) => {
    if (pro !== 0x0800 && pro !== 0x1000) out.ascii("<wrong proto type>");
    else if (pln !== 4) out.ascii("<wrong len>");
    else out.ipv4(d, at);
  };
  switch (arp.operation) {
    case 1: {
      out.ascii("Request who-has ");
      protocol(tpa);
      let zero = true;
      for (let i = 0; i < hln; i++) if (d[tha + i] !== 0) zero = false;
      if (!zero) {
        out.ascii(" (");
        hardware(tha);
        out.byte(0x29);
      }
      out.ascii(" tell ");
      protocol(spa);
      break;
    }
    case 2:
      out.ascii("Reply ");
      protocol(spa);
      out.ascii(" is-at ");
      hardware(sha);
      break;
    case 3:
      out.ascii("Reverse Request who-is ");
      hardware(tha);
      out.ascii(" tell ");
      hardware(sha);
      break;
    case 4:
      out.ascii("Reverse Reply ");
      hardware(tha);
      out.ascii(" at ");
      protocol(tpa);
      break;
    case 8:
      out.ascii("Inverse Request who-is ");
      protocol(tpa);
      out.ascii(" tell ");
      protocol(spa);
      break;
    case 9:
      out.ascii("Inverse Reply ");
      hardware(sha);
      out.ascii(" at ");
      protocol(spa);
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

const ARPHRD_NAMES = new Map<number, string>([
  [1, "Ethernet"],
  [6, "TokenRing"],
  [7, "ArcNet"],
  [15, "FrameRelay"],
  [19, "ATM"],
  [23, "Strip"],
  [24, "IEEE 1394"],
]);
