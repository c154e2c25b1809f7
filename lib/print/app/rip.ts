/**
 * RIP as tcpdump's rip_print() writes it: version, command and length, and at `-v` the
 * routes and authentication entries.
 *
 * @module
 */

import { truncated } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Rip, RipEntry } from "../../app/rip.ts";
import { hexPrint } from "../_hex.ts";
import { printCharsUntilNul } from "../_chars.ts";

/**
 * Prints a RIP message after its UDP header.
 *
 * @param ctx The print context.
 * @param rip The layer.
 */
export function printRip(ctx: PrintContext, rip: Rip): void {
  const out = ctx.out;
  ctx.done = true;
  if (rip.truncated) {
    truncated(ctx, "rip");
    return;
  }
  const verbose = ctx.verbose;
  const length = rip.wireLength;
  out.ascii(`${verbose > 0 ? "\n\t" : ""}RIPv${rip.version}`);
  if (rip.version === 0) {
    hexPrint(ctx, "\n\t", rip.offset, Math.min(rip.offset + length, rip.captured), rip.data);
    return;
  }
  const command = rip.command;
  out.ascii(`, ${COMMANDS[command] ?? `unknown command (${command})`}, length: ${length}`);
  if (verbose < 1) return;
  if (command === 1 || command === 2) {
    if (rip.version !== 1 && rip.version !== 2) out.ascii(", unknown version");
    else {
      out.ascii(`, routes: ${Math.floor(length / 20)}${rip.version === 2 ? " or less" : ""}`);
      const { entries, stop, left, size } = rip.entries();
      for (const entry of entries) {
        if (stop === "short" && entry === entries[entries.length - 1]) break;
        if (rip.version === 1) v1Entry(ctx, rip, entry);
        else v2Entry(ctx, rip, entry);
      }
      if (stop === "short") {
        const last = entries[entries.length - 1]!;
        if (rip.version === 2) v2Entry(ctx, rip, last);
        out.ascii(` [remaining entries length ${left} < ${size}] (invalid)`);
      } else if (stop === "truncated") truncated(ctx, "rip");
    }
  } else if (command !== 4 && command !== 5 && command !== 6 && verbose <= 1) {
    hexPrint(ctx, "\n\t", rip.offset, Math.min(rip.offset + length, rip.captured), rip.data);
  }
  if (verbose > 1) {
    hexPrint(ctx, "\n\t", rip.offset, Math.min(rip.offset + length, rip.captured), rip.data);
  }
}

function v1Entry(ctx: PrintContext, rip: Rip, entry: RipEntry): void {
  const out = ctx.out;
  const at = entry.offset;
  const family = entry.family;
  if (family !== 2 && family !== 0) {
    out.ascii(`\n\t AFI ${AFI[family] ?? `Unknown (${family})`}, `);
    hexPrint(ctx, "\n\t  ", at + 4, Math.min(at + 20, rip.captured), rip.data);
    return;
  }
  if (entry.tag !== 0 || rip.uint32(at + 8) !== 0 || rip.uint32(at + 12) !== 0) {
    hexPrint(ctx, "\n\t  ", at, Math.min(at + 20, rip.captured), rip.data);
    return;
  }
  out.ascii(family === 0 ? "\n\t  AFI 0, " : "\n\t  ");
  out.ascii(`${rip.address(at + 4)}, metric: ${rip.uint32(at + 16)}`);
}

function v2Entry(ctx: PrintContext, rip: Rip, entry: RipEntry): void {
  const out = ctx.out;
  const at = entry.offset;
  const family = entry.family;
  if (family === 0xffff) {
    const type = entry.tag;
    if (type === 2) {
      out.ascii("\n\t  Simple Text Authentication data: ");
      printCharsUntilNul(out, rip.data, at + 4, 16, rip.end);
    } else if (type === 3) {
      const d = rip.data;
      out.ascii(`\n\t  Auth header: Packet Len ${(d[at + 4]! << 8) | d[at + 5]!},`);
      out.ascii(` Key-ID ${d[at + 6]},`);
      out.ascii(` Auth Data Len ${d[at + 7]},`);
      out.ascii(` SeqNo ${rip.uint32(at + 8)},`);
      out.ascii(` MBZ ${rip.uint32(at + 12)},`);
      out.ascii(` MBZ ${rip.uint32(at + 16)}`);
    } else {
      out.ascii(
        type === 1 ? "\n\t  Auth trailer:" : `\n\t  Unknown (${type}) Authentication data:`,
      );
      hexPrint(ctx, "\n\t  ", at + 4, Math.min(at + entry.size, rip.captured), rip.data);
    }
    return;
  }
  if (family !== 2 && family !== 0) {
    out.ascii(`\n\t  AFI ${AFI[family] ?? `Unknown (${family})`}`);
    hexPrint(ctx, "\n\t  ", at + 4, Math.min(at + 20, rip.captured), rip.data);
    return;
  }
  const afi = AFI[family] ?? `${family}`;
  const destination = rip.address(at + 4).padStart(15);
  const prefix = `${maskLength(rip.uint32(at + 8))}`.padEnd(2);
  const tag = entry.tag.toString(16).padStart(4, "0");
  out.ascii(`\n\t  AFI ${afi}, ${destination}/${prefix}, tag 0x${tag}, `);
  out.ascii(`metric: ${rip.uint32(at + 16)}, next-hop: `);
  out.ascii(rip.uint32(at + 12) !== 0 ? rip.address(at + 12) : "self");
}

/** The prefix length of a contiguous mask, else -1 (tcpdump's mask2plen()). */
function maskLength(mask: number): number {
  for (let length = 32; length >= 0; length--) {
    const bits = length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
    if (bits === mask) return length;
  }
  return -1;
}

const COMMANDS: Readonly<Record<number, string>> = {
  1: "Request",
  2: "Response",
  3: "Trace on",
  4: "Trace off",
  5: "Poll",
  6: "Poll Entry",
};

const AFI: Readonly<Record<number, string>> = {
  2: "IPv4",
  6: "NS",
  7: "ISO",
  16: "Appletalk",
  23: "IPX",
  24: "IPv6",
  28: "IPv6",
  30: "IPv6",
};
