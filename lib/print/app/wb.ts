/**
 * WB (the LBL whiteboard) as tcpdump's wb_print() writes it. Every read past the capture
 * ends the packet with [|wb] (print-wb.c's checks longjmp), a body shorter than its type
 * needs with " (invalid)".
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Wb, WB_ID_OFFSET_LENGTH, WB_PAGE_STATE_LENGTH, WbType } from "../../app/wb.ts";
import { invalid, truncatedRead } from "../_truncation.ts";
import { printCharsUntilNul } from "../_chars.ts";

/** The drawing op types tcpdump names. */
const DRAW_OPS: Readonly<Record<number, string>> = {
  2: "RECT",
  3: "LINE",
  4: "ML",
  5: "DEL",
  6: "XFORM",
  7: "ELL",
  8: "CHAR",
  9: "STR",
  10: "NOP",
  11: "PSCODE",
  12: "PSCOMP",
  13: "REF",
  14: "SKIP",
  15: "HOLE",
};

/** The body lengths below which tcpdump calls a type's body invalid. */
const MINIMUM: Readonly<Record<number, number>> = {
  [WbType.ID]: 28,
  [WbType.RREQ]: 20,
  [WbType.RREP]: 20,
  [WbType.DRAWOP]: 16,
  [WbType.PREQ]: 16,
  [WbType.PREP]: 4,
};

/** The names tcpdump writes before each type's body. */
const LABELS: Readonly<Record<number, string>> = {
  [WbType.ID]: " wb-id:",
  [WbType.RREQ]: " wb-rreq:",
  [WbType.RREP]: " wb-rrep:",
  [WbType.DRAWOP]: " wb-dop:",
  [WbType.PREQ]: " wb-preq:",
  [WbType.PREP]: " wb-prep:",
};

/** A body's read went past the capture: tcpdump's longjmp. */
class Cut extends Error {}

/**
 * Prints a WB packet after its UDP header.
 *
 * @param ctx The print context.
 * @param wb The layer.
 */
export function printWb(ctx: PrintContext, wb: Wb): void {
  const out = ctx.out;
  ctx.done = true;
  if (wb.wireLength < 12) return invalid(ctx);
  if (wb.captured < 12) return truncatedRead(ctx, "wb");
  if (wb.flags !== 0) out.byte(0x2a);
  const type = wb.type;
  if (type === WbType.KILL) return out.ascii(" wb-kill");
  const label = LABELS[type];
  if (label === undefined) {
    out.ascii(` wb-${type}!`);
    return invalid(ctx);
  }
  out.ascii(label);
  if (wb.bodyLength < MINIMUM[type]!) return invalid(ctx);
  try {
    printBody(ctx, wb, type);
  } catch (error) {
    if (!(error instanceof Cut)) throw error;
    truncatedRead(ctx, "wb");
  }
}

/** Prints the body of a known type that is long enough; throws {@linkcode Cut}. */
function printBody(ctx: PrintContext, wb: Wb, type: number): void {
  const out = ctx.out;
  // tcpdump reads every value of one line before it prints the line.
  const need = (at: number, length: number) => {
    if (!wb.has(at, length)) throw new Cut();
  };
  const word = (at: number) => wb.word(at)!;
  const page = (at: number) => {
    out.ipv4(wb.data, wb.bodyOffset(at));
    out.byte(0x3a);
    out.uint(word(at + 4));
  };
  switch (type) {
    case WbType.ID: {
      need(0, 24);
      out.byte(0x20);
      slotPage(ctx, wb, 12);
      out.ascii(" (max ");
      slotPage(ctx, wb, 0);
      out.ascii(") ");
      need(0, 28);
      const ids = wb.announcedIds!;
      const pairs = WB_ID_OFFSET_LENGTH * ids;
      if (wb.bodyLength - 28 < pairs) return invalid(ctx);
      idOffsets(ctx, wb, 28, ids);
      out.ascii('> "');
      if (
        printCharsUntilNul(
          out,
          wb.data,
          wb.bodyOffset(28 + pairs),
          wb.bodyLength - 28 - pairs,
          wb.offset + wb.captured,
        )
      ) throw new Cut();
      out.byte(0x22);
      return;
    }
    case WbType.RREQ:
      need(0, 20);
      out.ascii(" please repair ");
      out.ipv4(wb.data, wb.bodyOffset(0));
      out.byte(0x20);
      page(4);
      range(ctx, word(12), word(16));
      return;
    case WbType.RREP:
    case WbType.DRAWOP: {
      const at = type === WbType.RREP ? 4 : 0;
      need(0, at + 16);
      if (type === WbType.RREP) {
        out.ascii(" for ");
        out.ipv4(wb.data, wb.bodyOffset(0));
      }
      out.byte(0x20);
      page(at);
      range(ctx, word(at + 8), word(at + 12));
      if (ctx.verbose > 0) drawOps(ctx, wb, at + 16, word(at + 8), word(at + 12));
      return;
    }
    case WbType.PREQ:
      need(0, 12);
      out.ascii(" need ");
      out.uint(word(8));
      out.byte(0x2f);
      page(0);
      need(0, 16);
      return;
    case WbType.PREP: {
      need(0, 4);
      let at = 4;
      for (let n = word(0); n !== 0; n--) {
        need(at, 12);
        out.byte(0x20);
        slotPage(ctx, wb, at);
        need(at, WB_PAGE_STATE_LENGTH);
        const ids = wb.pageStateIds(at)!;
        at += WB_PAGE_STATE_LENGTH;
        idOffsets(ctx, wb, at, ids);
        at += WB_ID_OFFSET_LENGTH * ids;
        out.byte(0x3e);
      }
      return;
    }
  }
}

/** `slot/site:page` of the slot and page id at `at` (captured). */
function slotPage(ctx: PrintContext, wb: Wb, at: number): void {
  const out = ctx.out;
  out.uint(wb.word(at)!);
  out.byte(0x2f);
  out.ipv4(wb.data, wb.bodyOffset(at + 4));
  out.byte(0x3a);
  out.uint(wb.word(at + 8)!);
}

/** `<start:end>` of a sequence range. */
function range(ctx: PrintContext, start: number, end: number): void {
  const out = ctx.out;
  out.byte(0x3c);
  out.uint(start);
  out.byte(0x3a);
  out.uint(end);
  out.byte(0x3e);
}

/** `<site:offset,...` of `count` pairs at `at` (the closing `>` is the caller's). */
function idOffsets(ctx: PrintContext, wb: Wb, at: number, count: number): void {
  const out = ctx.out;
  for (let i = 0; i < count; i++, at += WB_ID_OFFSET_LENGTH) {
    if (!wb.has(at, WB_ID_OFFSET_LENGTH)) throw new Cut();
    out.byte(i === 0 ? 0x3c : 0x2c);
    out.ipv4(wb.data, wb.bodyOffset(at));
    out.byte(0x3a);
    out.uint(wb.word(at + 4)!);
  }
}

/**
 * The drawing ops of sequence numbers `start` to `end` (tcpdump's wb_dops()): a SKIP or
 * HOLE op stands for the numbers up to its timestamp, marked `[|]` when that is out of
 * the range (and the list ends there when it lies before the op).
 */
function drawOps(ctx: PrintContext, wb: Wb, at: number, start: number, end: number): void {
  const out = ctx.out;
  out.ascii(" <");
  for (let ss = start; ss <= end; ss = (ss + 1) >>> 0) {
    const op = wb.drawOpAt(at);
    if (op === undefined) throw new Cut();
    const name = DRAW_OPS[op.type];
    out.byte(0x20);
    if (name !== undefined) out.ascii(name);
    else out.ascii(`dop-${op.type}!`);
    if (op.type === 14 || op.type === 15) {
      const ts = op.timestamp;
      out.uint((ts - ss + 1) >>> 0);
      if (ss > ts || ts > end) {
        out.ascii("[|]");
        if (ts < ss) return;
      }
      ss = ts;
    }
    // The sequence numbers wrap around as tcpdump's do (a range ending at 2^32 - 1 loops
    // until the capture ends): each op is 8 bytes or more further on.
    at = op.next;
  }
  out.ascii(" >");
}
