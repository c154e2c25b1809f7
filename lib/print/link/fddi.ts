/**
 * FDDI as tcpdump's fddi_print() writes it: with `-e` the frame control, the addresses
 * and the length; then the LLC frame, or what tcpdump prints for the frames it does not
 * decode (SMT, MAC and implementor frames).
 *
 * @module
 */

import { printRawIpxLead } from "./llc.ts";
import type { Layer } from "../../layer_map.ts";
import type { PrintContext } from "../context.ts";
import { type Fddi, FddiFrameClass } from "../../link/fddi.ts";

/** tcpdump's names of the frame-control values it knows exactly (print_fddi_fc). */
const FRAME_CONTROLS: ReadonlyMap<number, string> = new Map([
  [0x40, "void"],
  [0x80, "nrt"],
  [0xc0, "rt"],
  [0x41, "info"],
  [0x4f, "nsa"],
  [0xc2, "beacon"],
  [0xc3, "claim"],
]);

/** tcpdump's names of the frame classes, followed by the control bits in hex. */
const CLASSES: ReadonlyMap<number, string> = new Map([
  [FddiFrameClass.MAC, "mac"],
  [FddiFrameClass.SMT, "smt"],
  [FddiFrameClass.LLC_ASYNC, "async"],
  [FddiFrameClass.LLC_SYNC, "sync"],
  [FddiFrameClass.IMP_ASYNC, "imp_async"],
  [FddiFrameClass.IMP_SYNC, "imp_sync"],
]);

/** The header as `-e` prints it: `async0 src > dst, length N: `. */
function header(ctx: PrintContext, fddi: Fddi, length: number): void {
  const out = ctx.out;
  const fc = fddi.frameControl;
  const name = FRAME_CONTROLS.get(fc);
  if (name !== undefined) out.ascii(name);
  else {
    const cls = CLASSES.get(fc & 0xf0);
    if (cls !== undefined) {
      out.ascii(cls);
      out.hex(fc & 0x0f);
    } else out.hex(fc, 2);
  }
  out.byte(0x20);
  out.mac(fddi.data, fddi.offset + 7);
  out.ascii(" > ");
  out.mac(fddi.data, fddi.offset + 1);
  out.ascii(", length ");
  out.uint(length);
  out.ascii(": ");
}

/**
 * Prints an FDDI header: with `-e` its frame control, addresses and length; then lets
 * the LLC printer go on, or prints what tcpdump prints for a frame it does not decode.
 *
 * @param ctx The print context.
 * @param fddi The layer.
 * @param next The layer after it (LLC, or raw 802.3 IPX).
 */
export function printFddi(ctx: PrintContext, fddi: Fddi, next: Layer | undefined): void {
  const first = fddi.offset === ctx.start;
  if (first) ctx.linkEnd = fddi.offset + fddi.headerLength;
  const length = first ? ctx.originalLength : ctx.tunnelLength;
  if (ctx.link && !ctx.quiet) header(ctx, fddi, length);
  else if (ctx.link) {
    // -q leaves the frame control out.
    ctx.out.mac(fddi.data, fddi.offset + 7);
    ctx.out.ascii(" > ");
    ctx.out.mac(fddi.data, fddi.offset + 1);
    ctx.out.ascii(`, length ${length}: `);
  }
  // The LLC printer prints the addresses of frames it does not decode (source at +6).
  ctx.macAt = fddi.offset + 1;
  ctx.frameLength = length - fddi.headerLength;
  if (fddi.llc) return printRawIpxLead(ctx, next, fddi.offset + fddi.headerLength);
  if ((fddi.frameControl & 0xf0) === FddiFrameClass.SMT) {
    ctx.out.ascii("<SMT printer not yet implemented>");
    ctx.done = true;
    return;
  }
  // Other frames: the header (without -e too), then their bytes in hex.
  if (!ctx.link) header(ctx, fddi, length);
}
