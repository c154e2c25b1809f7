/**
 * The payloads of IEEE 802.15.4 beacons (frame versions 0 and 1: superframe specification,
 * GTS information, pending addresses) and MAC commands, as tcpdump's print-802_15_4.c
 * prints them. Private to `lib/print/`.
 *
 * @module
 */

import type { Ieee802154 } from "../../link/ieee802154.ts";
import type { PrintContext } from "../context.ts";
import { address, hex2, hex4, le, u8 } from "./_ieee802154_read.ts";

/**
 * The superframe specification (with -v), as
 * ieee802_15_4_print_superframe_specification() prints it.
 */
export function superframe(ctx: PrintContext, ss: number): void {
  if (ctx.verbose < 1) return;
  const out = ctx.out;
  out.ascii(`\n\tBeacon order = ${ss & 0xf}, Superframe order = ${(ss >> 4) & 0xf}, `);
  out.ascii(`Final CAP Slot = ${(ss >> 8) & 0xf}`);
  if (ss & 0x1000) out.ascii(", BLE enabled");
  if (ss & 0x4000) out.ascii(", PAN Coordinator");
  if (ss & 0x8000) out.ascii(", Association Permit");
}

/**
 * The GTS information, as ieee802_15_4_print_gts_info() prints it.
 *
 * @returns The bytes it took, or -1 after an error.
 */
export function gtsInfo(ctx: PrintContext, f: Ieee802154, p: number, caplen: number): number {
  const out = ctx.out;
  const count = u8(f, p) & 7;
  if (count === 0) {
    if (ctx.verbose > 0) out.ascii(`\n\tGTS Descriptor Count = ${count}, `);
    return 1;
  }
  const len = 2 + count * 3;
  if (caplen < len) {
    out.ascii(" [ERROR: Truncated GTS Info List]");
    return -1;
  }
  if (ctx.verbose < 2) return len;
  out.ascii(`GTS Descriptor Count = ${count}, `);
  out.ascii(`GTS Directions Mask = ${hex2(u8(f, p + 1) & 0x7f)}, [ `);
  for (let i = 0; i < count; i++) {
    const at = p + 2 + i * 3;
    out.ascii("[ ");
    address(ctx, f, at, 2);
    // tcpdump reads the slot and length from the address's second byte.
    const slot = u8(f, at + 1);
    out.ascii(`, Start slot = ${slot & 0x0f}, Length = ${(slot >> 4) & 0x0f} ] `);
  }
  out.ascii("]");
  return len;
}

/**
 * The pending address list, as ieee802_15_4_print_pending_addresses() prints it.
 *
 * @returns The bytes it took, or -1 after an error.
 */
export function pendingAddresses(
  ctx: PrintContext,
  f: Ieee802154,
  p: number,
  caplen: number,
): number {
  const out = ctx.out;
  const spec = u8(f, p);
  const shorts = spec & 7;
  const extended = (spec >> 4) & 7;
  const len = 1 + shorts * 2 + extended * 8;
  if (ctx.verbose > 0) {
    out.ascii(
      `\n\tPending address list, # short addresses = ${shorts}, # extended addresses = ${extended}`,
    );
  }
  if (caplen < len) {
    out.ascii(" [ERROR: Pending address list truncated]");
    return -1;
  }
  if (ctx.verbose < 2) return len;
  if (shorts !== 0) {
    out.ascii(", Short address list = [ ");
    for (let i = 0; i < shorts; i++) {
      address(ctx, f, p + 1 + i * 2, 2);
      out.ascii(" ");
    }
    out.ascii("]");
  }
  if (extended !== 0) {
    out.ascii(", Extended address list = [ ");
    for (let i = 0; i < extended; i++) {
      address(ctx, f, p + 1 + shorts * 2 + i * 8, 8);
      out.ascii(" ");
    }
    out.ascii("]");
  }
  return len;
}

/** The association response statuses tcpdump names. */
const ASSOCIATION_STATUS: Readonly<Record<number, string>> = {
  0x00: ", Association successful",
  0x01: ", PAN at capacity",
  0x02: ", PAN access denied",
  0x03: ", Hooping sequence offset duplication",
  0x80: ", Fast association successful",
};

/**
 * A command's data after its ID, as ieee802_15_4_print_command_data() prints it.
 *
 * @returns The bytes it took, or -1 after an error (the caller then prints them all).
 */
export function commandData(
  ctx: PrintContext,
  f: Ieee802154,
  id: number,
  p: number,
  caplen: number,
): number {
  const out = ctx.out;
  switch (id) {
    case 0x01: {
      if (caplen !== 1) {
        out.ascii("Invalid Association request command length");
        return -1;
      }
      const c = u8(f, p);
      out.ascii(c & 0x02 ? "FFD, " : "RFD, ");
      if (c & 0x04) out.ascii("AC powered, ");
      if (c & 0x08) out.ascii("Receiver on when idle, ");
      if (c & 0x10) out.ascii("Fast association, ");
      if (c & 0x40) out.ascii("Security supported, ");
      if (c & 0x80) out.ascii("Allocate address, ");
      return caplen;
    }
    case 0x02: {
      if (caplen !== 3) {
        out.ascii("Invalid Association response command length");
        return -1;
      }
      out.ascii("Short address = ");
      address(ctx, f, p, 2);
      const status = u8(f, p + 2);
      out.ascii(ASSOCIATION_STATUS[status] ?? `, Status = 0x${hex2(status)}`);
      return caplen;
    }
    case 0x03: {
      if (caplen !== 1) {
        out.ascii("Invalid Disassociation Notification command length");
        return -1;
      }
      const reason = u8(f, p);
      if (reason === 0) out.ascii("Reserved");
      else if (reason === 1) {
        out.ascii("Reason = The coordinator wishes the device to leave PAN");
      } else if (reason === 2) out.ascii("Reason = The device wishes to leave the PAN");
      // tcpdump prints the byte two past the reason (past this one-byte payload).
      else out.ascii(`Reason = 0x${hex2(u8(f, p + 2))}`);
      return caplen;
    }
    case 0x04:
    case 0x05:
    case 0x06:
    case 0x07:
      return 0;
    case 0x08: {
      if (caplen < 7 || caplen > 8) {
        out.ascii("Invalid Coordinator Realignment command length");
        return -1;
      }
      out.ascii(`Pan ID = 0x${hex4(le(f, p))}, Coordinator short address = `);
      address(ctx, f, p + 2, 2);
      let channel = u8(f, p + 4);
      const page = caplen === 8 ? u8(f, p + 7) : 0x80;
      if (page & 0x80) {
        // No page: its low 7 bits are the channel's high bits.
        channel |= (page & 0x7f) << 8;
        out.ascii(`, Channel Number = ${channel}`);
      } else out.ascii(`, Channel Number = ${channel}, page = ${page}`);
      out.ascii(", Short address = ");
      address(ctx, f, p + 5, 2);
      return caplen;
    }
    case 0x09: {
      if (caplen !== 1) {
        out.ascii("Invalid GTS Request command length");
        return -1;
      }
      const gts = u8(f, p);
      out.ascii(
        `GTS Length = ${gts & 0xf}, ${gts & 0x10 ? "Receive-only GTS" : "Transmit-only GTS"}, ${
          gts & 0x20 ? "GTS allocation" : "GTS deallocations"
        }`,
      );
      return caplen;
    }
    default:
      out.ascii("Command Data = ");
      for (let i = 0; i < caplen; i++) out.ascii(`${hex2(u8(f, p + i))} `);
      return 0;
  }
}
