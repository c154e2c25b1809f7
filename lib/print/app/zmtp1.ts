/**
 * ZMTP/1.0 as tcpdump's zmtp1_print() (a TCP segment, `-T zmtp1`) and
 * zmtp1_datagram_print() (PGM's data, `-T pgm_zmtp1`) write it: each frame's length, the
 * flags, and from `-v` on the flag bits and the body's first bytes (all from `-vv` on).
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Zmtp1, Zmtp1Frame } from "../../app/zmtp1.ts";
import { readCut, truncatedRead } from "../_truncation.ts";
import { hexAndAsciiPrint } from "../_hex.ts";

/** How many bytes of a frame's flags and body, or of an intermediate part, `-v` shows. */
const SHOWN = 128;
/** Where each line of a body's dump starts. */
const DUMP_INDENT = "\n\t ";

/**
 * Prints a ZMTP/1.0 message in a TCP segment.
 *
 * @param ctx The print context.
 * @param zmtp The layer.
 */
export function printZmtp1(ctx: PrintContext, zmtp: Zmtp1): void {
  ctx.done = true;
  ctx.out.ascii(": ZMTP/1.0");
  printFrames(ctx, zmtp, zmtp.offset);
}

/**
 * Prints a ZeroMQ datagram (the data of a PGM ODATA or RDATA packet), after PGM's line.
 *
 * @param ctx The print context.
 * @param zmtp The datagram, as `decodeZmtp1Datagram()` reads it.
 */
export function printZmtp1Datagram(ctx: PrintContext, zmtp: Zmtp1): void {
  const out = ctx.out;
  ctx.done = true;
  const frameOffset = zmtp.frameOffset;
  if (frameOffset < 0) return truncatedRead(ctx, "zmtp1");
  out.ascii("\n\t frame offset 0x");
  out.hex(frameOffset, 4);
  const length = zmtp.intermediateLength;
  if (length < 0) {
    out.ascii(" (exceeds datagram declared length)");
    return truncatedRead(ctx, "zmtp1");
  }
  if (length !== 0) {
    const at = zmtp.offset + 2;
    const remaining = zmtp.capturedEnd - at;
    out.ascii(`\n\t frame intermediate part, ${length} bytes`);
    if (length > remaining) out.ascii(` (${remaining} captured)`);
    if (ctx.verbose > 0) {
      const shown = Math.min(length, remaining, ctx.verbose === 1 ? SHOWN : Infinity);
      if (shown > 1) {
        out.ascii(`, first ${shown} byte(s):`);
        hexAndAsciiPrint(ctx, at, at + shown, zmtp.data, DUMP_INDENT);
      }
    }
  }
  printFrames(ctx, zmtp, zmtp.firstFrame);
}

/** The frames from `at` to the message's end; a frame cut by the capture ends the packet. */
function printFrames(ctx: PrintContext, zmtp: Zmtp1, at: number): void {
  const out = ctx.out;
  const end = zmtp.framesEnd;
  const limit = ctx.verbose === 1 ? SHOWN + 1 : Infinity;
  while (at < end) {
    const frame = zmtp.frameAt(at, limit);
    out.ascii(
      frame.headerLength === 1
        ? "\n\t frame flags+body  (8-bit) length "
        : "\n\t frame flags+body (64-bit) length",
    );
    if (!frame.lengthCaptured) return truncatedRead(ctx, "zmtp1");
    if (frame.headerLength !== 1) out.byte(0x20);
    out.ascii(frame.lengthText);
    if (frame.length !== 0) {
      if (frame.flags < 0) return truncatedRead(ctx, "zmtp1");
      if (frame.shortText !== "") out.ascii(` (${frame.shortText} captured)`);
      out.ascii(", flags 0x");
      out.hex(frame.flags, 2);
      if (ctx.verbose > 0 && !printFlagsAndBody(ctx, zmtp, frame)) return;
    }
    if (frame.next < 0) return truncatedRead(ctx, "zmtp1");
    at = frame.next;
  }
}

/** The flag bits and the body's first bytes; `false` when the dump ran past the capture. */
function printFlagsAndBody(ctx: PrintContext, zmtp: Zmtp1, frame: Zmtp1Frame): boolean {
  const out = ctx.out;
  const { flags, bodyStart, bodyShown: shown } = frame;
  out.ascii(" (");
  for (let bit = 0x80; bit > 1; bit >>= 1) out.ascii((flags & bit) !== 0 ? "MBZ|" : "-|");
  out.ascii((flags & 1) !== 0 ? "MORE)" : "-)");
  if (shown === 0) return true;
  out.ascii(`, first ${frame.bodyShownText} byte(s) of body:`);
  const captured = Math.max(0, zmtp.capturedEnd - bodyStart);
  hexAndAsciiPrint(ctx, bodyStart, bodyStart + Math.min(shown, captured), zmtp.data, DUMP_INDENT);
  if (shown <= captured) return true;
  return readCut(ctx, "zmtp1");
}
