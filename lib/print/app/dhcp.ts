/**
 * BOOTP and DHCP as tcpdump's bootp_print() writes it: the operation, the client's
 * hardware address and the length, and with `-v` the fixed fields and the vendor area
 * (RFC 1048 options in `_dhcp_options.ts`, or CMU). Reads the fields of the
 * {@linkcode Dhcp} layer; a message cut short by the snapshot length (a partial decode)
 * ends with ` [|bootp]` where its bytes run out.
 *
 * @module
 */

import { readUint32 } from "../../_bytes.ts";
import type { PrintContext } from "../context.ts";
import { type Dhcp, DHCP_MAGIC_COOKIE } from "../../app/dhcp.ts";

import { captured, truncated, truncatedRead } from "../_truncation.ts";
import { printChar } from "../_chars.ts";
import { printRfc1048 } from "./_dhcp_options.ts";

/**
 * Prints a BOOTP or DHCP message after its transport header.
 *
 * @param ctx The print context.
 * @param dhcp The layer (complete, or partial when the capture cut it short).
 */
export function printDhcp(ctx: PrintContext, dhcp: Dhcp): void {
  const out = ctx.out;
  ctx.done = true;
  const bp = dhcp.offset;
  const end = dhcp.end;
  const data = dhcp.data;
  const op = dhcp.op;
  out.ascii("BOOTP/DHCP, ");
  if (op === 1) out.ascii("Request");
  else if (op === 2) out.ascii("Reply");
  else {
    out.ascii("unknown (0x");
    out.hex(op, 2);
    out.byte(0x29);
  }
  // bootp_print() reads the hardware type and length with bounds-checked reads.
  if (!captured(end, bp + 1, 2)) return truncatedRead(ctx, "bootp");
  const htype = dhcp.hardwareType;
  const hlen = dhcp.hardwareLength;
  if (htype === 1 && hlen === 6 && op === 1) {
    if (!captured(end, bp + 28, 6)) return truncatedRead(ctx, "bootp");
    out.ascii(" from ");
    out.mac(data, bp + 28);
  }
  out.ascii(", length ");
  out.uint(dhcp.wireLength);
  if (ctx.verbose === 0) return;
  if (!captured(end, bp + 8, 2)) return truncated(ctx, "bootp");
  if (htype !== 1) {
    out.ascii(", htype ");
    out.uint(htype);
  }
  if (htype !== 1 || hlen !== 6) {
    out.ascii(", hlen ");
    out.uint(hlen);
  }
  if (dhcp.hops !== 0) {
    out.ascii(", hops ");
    out.uint(dhcp.hops);
  }
  if (dhcp.transactionId !== 0) {
    out.ascii(", xid 0x");
    out.hex(dhcp.transactionId);
  }
  if (dhcp.seconds !== 0) {
    out.ascii(", secs ");
    out.uint(dhcp.seconds);
  }
  // Past the seconds (which it checks first), bootp_print() reads each field with a
  // bounds-checked read: a cut one ends the packet as a read past the capture.
  if (!captured(end, bp + 10, 2)) return truncatedRead(ctx, "bootp");
  out.ascii(dhcp.broadcast ? ", Flags [Broadcast]" : ", Flags [none]");
  if (ctx.verbose > 1) {
    out.ascii(" (0x");
    out.hex(dhcp.flags, 4);
    out.byte(0x29);
  }
  const addresses: readonly [number, string][] = [
    [12, "\n\t  Client-IP "],
    [16, "\n\t  Your-IP "],
    [20, "\n\t  Server-IP "],
    [24, "\n\t  Gateway-IP "],
  ];
  for (const [at, label] of addresses) {
    if (!captured(end, bp + at, 4)) return truncatedRead(ctx, "bootp");
    if (readUint32(data, bp + at) === 0) continue;
    out.ascii(label);
    out.ipv4(data, bp + at);
  }
  if (htype === 1 && hlen === 6) {
    if (!captured(end, bp + 28, 6)) return truncatedRead(ctx, "bootp");
    out.ascii("\n\t  Client-Ethernet-Address ");
    out.mac(data, bp + 28);
  }
  const names: readonly [number, number, string][] = [
    [44, 64, '\n\t  sname "'],
    [108, 128, '\n\t  file "'],
  ];
  for (const [at, size, label] of names) {
    if (!captured(end, bp + at, 1)) return truncatedRead(ctx, "bootp");
    if (data[bp + at] === 0) continue;
    out.ascii(label);
    if (!printNulTerminated(ctx, data, bp + at, size, end)) {
      out.byte(0x22);
      return truncated(ctx, "bootp");
    }
    out.byte(0x22);
  }
  const vendor = bp + 236;
  if (!captured(end, vendor, 4)) return truncated(ctx, "bootp");
  const magic = dhcp.magicCookie;
  if (magic === DHCP_MAGIC_COOKIE) printRfc1048(ctx, dhcp);
  else if (magic >>> 8 === 0x434d55) printCmu(ctx, dhcp);
  else if (magic !== 0) {
    out.ascii("\n\t  Vendor-#0x");
    out.hex(magic);
  }
}

/**
 * nd_printztn(): a NUL-terminated string in a field of `size` bytes.
 *
 * @returns `false` when the field or the capture ends before the NUL.
 */
function printNulTerminated(
  ctx: PrintContext,
  data: Uint8Array,
  at: number,
  size: number,
  end: number,
): boolean {
  for (; size > 0 && at < end; size--) {
    const c = data[at++]!;
    if (c === 0) return true;
    printChar(ctx.out, c);
  }
  return false;
}

/** The CMU vendor area (`vend-cmu`): flags and the addresses that are set. */
function printCmu(ctx: PrintContext, dhcp: Dhcp): void {
  const out = ctx.out;
  const data = dhcp.data;
  const vendor = dhcp.offset + 236;
  out.ascii(" vend-cmu");
  if (!captured(dhcp.end, vendor + 4, 4)) return truncated(ctx, "bootp");
  const flags = data[vendor + 4]!;
  if ((flags & ~1) !== 0) {
    out.ascii(" F:0x");
    out.hex(flags);
  }
  const fields: readonly [number, string][] = [
    [12, " DG:"],
    [8, (flags & 1) !== 0 ? " SM:" : " SM*:"],
    [16, " NS1:"],
    [20, " NS2:"],
    [24, " IEN1:"],
    [28, " IEN2:"],
    [32, " TS1:"],
    [36, " TS2:"],
  ];
  for (const [at, label] of fields) {
    if (!captured(dhcp.end, vendor + at, 4)) return truncated(ctx, "bootp");
    if (readUint32(data, vendor + at) === 0) continue;
    out.ascii(label);
    out.ipv4(data, vendor + at);
  }
}
