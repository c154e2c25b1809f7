/**
 * UDLD as tcpdump's udld_print() writes it: version, opcode, flags and length, and with
 * `-v` the checksum and one line per TLV.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Udld } from "../../link/udld.ts";
import { invalid } from "../_truncation.ts";
import { printChars, printCharsUntilNul } from "../_chars.ts";
import { linkPayloadLength } from "../_shared.ts";

const TLV_NAMES = [
  "",
  "Device-ID TLV",
  "Port-ID TLV",
  "Echo TLV",
  "Message Interval TLV",
  "Timeout Interval TLV",
  "Device Name TLV",
  "Sequence Number TLV",
];
const CODES = ["Reserved", "Probe message", "Echo message", "Flush message"];
const FLAGS = ["RT", "RSY", "MBZ-2", "MBZ-3", "MBZ-4", "MBZ-5", "MBZ-6", "MBZ-7"];

/**
 * Prints a UDLD message.
 *
 * @param ctx The print context.
 * @param udld The layer.
 */
export function printUdld(ctx: PrintContext, udld: Udld): void {
  const out = ctx.out;
  ctx.done = true;
  const length = linkPayloadLength(ctx, udld.offset);
  if (length < 4) return invalid(ctx);
  const flags = FLAGS.filter((_, bit) => (udld.flags & (1 << bit)) !== 0);
  out.ascii(`UDLDv${udld.version}, Code ${CODES[udld.opcode] ?? "Reserved"} `);
  out.ascii(
    `(${udld.opcode.toString(16)}), Flags [${flags.length ? flags.join(", ") : "none"}] (0x`,
  );
  out.hex(udld.flags, 2);
  out.ascii(`), length ${length}`);
  if (ctx.verbose < 1) return;
  out.ascii("\n\tChecksum 0x");
  out.hex(udld.checksum, 4);
  out.ascii(" (unverified)");
  const d = udld.data;
  const list = udld.tlvList(Math.min(length, udld.end - udld.offset) - 4);
  for (const tlv of list.tlvs) {
    out.ascii(`\n\t${TLV_NAMES[tlv.type] || "Unknown"} (0x`);
    out.hex(tlv.type, 4);
    out.ascii(`) TLV, length ${tlv.length}`);
    if (list.stop === "bad-length" && tlv === list.tlvs.at(-1)) return invalid(ctx);
    const at = tlv.valueOffset;
    const end = at + tlv.length - 4;
    switch (tlv.type) {
      case 1:
      case 2:
      case 6:
        out.ascii(", ");
        printCharsUntilNul(out, d, at, end - at);
        break;
      case 3:
        out.ascii(", ");
        printChars(out, d, at, end);
        break;
      case 4:
      case 5:
        if (end - at !== 1) return invalid(ctx);
        out.ascii(`, ${d[at]}s`);
        break;
      case 7:
        if (end - at !== 4) return invalid(ctx);
        out.ascii(
          `, ${((d[at]! << 24) | (d[at + 1]! << 16) | (d[at + 2]! << 8) | d[at + 3]!) >>> 0}`,
        );
        break;
    }
  }
  if (list.stop === "short") invalid(ctx);
}
