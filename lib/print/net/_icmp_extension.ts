/**
 * The RFC 4884 multi-part extension of an ICMP error at `-v`, as tcpdump's icmp_print()
 * writes it after the quoted datagram: `ICMP Multi-Part extension v2, checksum ...`, then
 * one line per object, MPLS label stack entries decoded, other objects in hex. Private to
 * `lib/print/`.
 *
 * @module
 */

import type { Icmp } from "../../net/icmp.ts";
import type { PrintContext } from "../context.ts";
import { unknownData } from "../_hex.ts";
import { captured, truncatedRead } from "../_truncation.ts";

/** The bytes tcpdump checks before it reads the extension: the 141-byte `icmp_ext_t`. */
const EXTENSION_STRUCT = 141;

const CLASS_NAMES = ["unknown", "MPLS Stack Entry", "Interface Identification"];

/**
 * Prints the extension of a destination unreachable, time exceeded or parameter problem
 * longer than 136 bytes, if tcpdump would.
 *
 * @param ctx The print context.
 * @param icmp The layer.
 * @param length The message's length, as printed after `ICMP ...`.
 */
export function printIcmpExtension(ctx: PrintContext, icmp: Icmp, length: number): void {
  const out = ctx.out;
  const extension = icmp.extension;
  if (extension === undefined || !captured(icmp.end, icmp.offset, EXTENSION_STRUCT)) {
    truncatedRead(ctx, "icmp");
    return;
  }
  // With RFC 4884's length field at 0, only a correct checksum tells an extension is there.
  if (icmp.rest[1] === 0 && extension.checksumValid === false) return;
  out.ascii(`\n\tICMP Multi-Part extension v${extension.version}`);
  if (extension.version !== 2) {
    out.ascii(" packet not supported");
    return;
  }
  if (extension.checksumValid !== undefined) {
    out.ascii(`, checksum 0x${extension.checksum!.toString(16).padStart(4, "0")} (`);
    out.ascii(`${extension.checksumValid ? "" : "in"}correct), length ${extension.length}`);
  }
  // tcpdump counts in unsigned 32-bit arithmetic: a length below 4 wraps around.
  let left = (length - 136 - 4) >>> 0;
  const saved = ctx.end;
  ctx.end = icmp.end;
  try {
    for (const object of extension.objects) {
      if (left <= 4) return;
      out.ascii(`\n\t  ${CLASS_NAMES[object.classNum] ?? "unknown"} Object (${object.classNum})`);
      out.ascii(`, Class-Type: ${object.cType}, length ${object.length}`);
      left -= 4;
      if (object.classNum === 0 || object.length < 4) return;
      const body = object.length - 4;
      if (object.classNum === 1 && object.cType === 1) {
        // tcpdump prints the first entry of the stack.
        const entry = object.mplsEntries[0];
        if (entry === undefined) {
          truncatedRead(ctx, "icmp");
          return;
        }
        out.ascii(`\n\t    label ${entry.label}, tc ${entry.trafficClass}`);
        if (entry.bottomOfStack) out.ascii(", [S]");
        out.ascii(`, ttl ${entry.ttl}`);
      } else {
        unknownData(ctx, object.valueOffset, body, "\n\t    ");
      }
      if (left < body) return;
      left -= body;
    }
    // The next object's header was not captured.
    if (left > 4) truncatedRead(ctx, "icmp");
  } finally {
    ctx.end = saved;
  }
}
