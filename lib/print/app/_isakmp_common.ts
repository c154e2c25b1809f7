/**
 * Helpers shared by the ISAKMP payload printers: where tcpdump jumps out, hex and text of
 * payload bytes, and transform attributes. Private to `lib/print/app/`.
 *
 * @module
 */

import { truncated } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Isakmp } from "../../app/isakmp.ts";
import type { AttributeMap } from "./_isakmp_names.ts";

/**
 * Where tcpdump reads a field past the captured bytes (its GET_ macros): it prints
 * ` [|isakmp]` and nothing more of the packet.
 */
export const STOP = Symbol("stop");

/** Throws {@linkcode STOP} unless `[at, at + length)` was captured. */
export function need(ike: Isakmp, at: number, length: number): void {
  if (at + length > ike.end) throw STOP;
}

/** The attributes of a transform, `[at, end)`; the offset after them, or `undefined`. */
export function attributes(
  ctx: PrintContext,
  ike: Isakmp,
  at: number,
  end: number,
  map: readonly (AttributeMap | undefined)[] | undefined,
  notify = false,
): number | undefined {
  const out = ctx.out;
  let p = at;
  while (p < ike.end && p < end) {
    const fixed = (ike.uint8(p) & 0x80) !== 0;
    if (!fixed) need(ike, p, 4);
    const total = fixed ? 4 : 4 + ike.uint16(p + 2);
    if (end < p + total) {
      out.ascii("[|attr]");
      p = end + 1;
      break;
    }
    out.byte(0x28);
    need(ike, p, 2);
    const type = ike.uint16(p) & 0x7fff;
    const entry = map?.[type];
    out.ascii(entry !== undefined ? `type=${entry.type} ` : `type=#${type} `);
    if (fixed) {
      out.ascii("value=");
      need(ike, p, 4);
      const value = ike.uint16(p + 2);
      const text = entry?.values[value];
      if (text !== undefined) out.ascii(text);
      else {
        if (p + 4 > ike.end) {
          out.byte(0x29);
          truncated(ctx, "t");
          return undefined;
        }
        hex(ctx, ike.bytes(p + 2, 2));
      }
    } else {
      out.ascii(`len=${total - 4} value=`);
      if (p + total > ike.end) {
        out.byte(0x29);
        truncated(ctx, "t");
        return undefined;
      }
      hex(ctx, ike.bytes(p + 4, total - 4));
    }
    out.byte(0x29);
    p += total;
  }
  if (!notify && ike.end < end) out.ascii("...");
  return p;
}

/** Bytes as tcpdump prints IDs and vendor IDs: printable ASCII, `.` for the others. */
export function printable(ctx: PrintContext, bytes: Uint8Array): void {
  for (const b of bytes) ctx.out.byte(b >= 0x20 && b <= 0x7e ? b : 0x2e);
}

/** ike_show_somedata(): the first 10 and last 20 bytes up to the capture's end. */
export function someData(ctx: PrintContext, ike: Isakmp, at: number): void {
  const out = ctx.out;
  const ep = ike.end;
  let end = ep - 20;
  let tail = 20;
  const length = Math.min(ep - at, 10);
  if (end < at + length) {
    end = at + length;
    tail = ep - end;
  }
  out.ascii(" data=(");
  hex(ctx, ike.bytes(at, length));
  out.ascii("...");
  if (tail > 0) hex(ctx, ike.bytes(end, tail));
  out.byte(0x29);
}

/** Bytes as two hex digits each (tcpdump's rawprint()). */
export function hex(ctx: PrintContext, bytes: Uint8Array): void {
  for (const b of bytes) ctx.out.hex(b, 2);
}
