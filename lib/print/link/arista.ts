/**
 * Arista's timestamp header as tcpdump's ether_common_print() and arista_ethertype_print()
 * write it: the EtherType and frame length (with or without `-e`), the subtype, timescale,
 * format, hardware info and timestamp, then (with `-e`) the inner EtherType and length.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Arista, ARISTA_SUBTYPE_TIMESTAMP, ETHERTYPE_ARISTA } from "../../link/arista.ts";
import { hexAndAsciiPrint } from "../_hex.ts";
import { frameEtherType } from "../_shared.ts";
import { truncatedRead } from "../_truncation.ts";

const TIMESCALES = new Map([[0, "TAI"], [1, "UTC"]]);
const FORMATS = new Map([[1, "64-bit"], [2, "48-bit"]]);
const HARDWARE = new Map([[0, "R/R2"], [1, "R3"]]);

/** The frame's length on the wire, as ether_common_print()'s orig_length. */
function frameLength(ctx: PrintContext): number {
  return ctx.originalLength - (ctx.macAt >= 0 ? ctx.macAt - ctx.start : 0);
}

/**
 * `ethertype Arista Vendor Specific Protocol (0xd28b), length N: `, which tcpdump prints
 * before the header with or without `-e`.
 */
function printAristaType(ctx: PrintContext): void {
  frameEtherType(ctx, ETHERTYPE_ARISTA);
  ctx.out.ascii(`, length ${frameLength(ctx)}: `);
}

/** A number and its name: `TAI (0)`. */
function named(ctx: PrintContext, names: ReadonlyMap<number, string>, value: number): void {
  ctx.out.ascii(`${names.get(value) ?? "Unknown"} (${value})`);
}

/** The timestamp: a UTC date for the 64-bit format, seconds for the 48-bit one. */
function timestamp(arista: Arista): string {
  const ns = arista.nanoseconds;
  const seconds = arista.seconds + Math.floor(ns / 1e9);
  const fraction = String(ns % 1e9).padStart(9, "0");
  if (arista.timestampLength === 6) return `${seconds}.${fraction}`;
  // tcpdump adds the whole seconds in 32 bits, which wrap.
  const date = new Date((seconds >>> 0) * 1000).toISOString();
  return `${date.slice(0, 10)} ${date.slice(11, 19)}.${fraction}`;
}

/**
 * Prints an Arista header.
 *
 * @param ctx The print context.
 * @param arista The layer.
 */
export function printArista(ctx: PrintContext, arista: Arista): void {
  const out = ctx.out;
  if (arista.subtype < 0) {
    // Not even the subtype: tcpdump's own check, before the EtherType is printed.
    out.ascii("[|arista]");
    ctx.done = true;
    if (!ctx.network) ctx.linkEnd = ctx.end;
    return;
  }
  printAristaType(ctx);
  const subtype = arista.subtype;
  out.ascii(subtype === ARISTA_SUBTYPE_TIMESTAMP ? "SubType Timestamp" : "SubType Unknown");
  out.ascii(` (0x${subtype.toString(16).padStart(4, "0")}), `);
  if (subtype === ARISTA_SUBTYPE_TIMESTAMP) {
    if (arista.timescale < 0) return truncatedRead(ctx, "arista");
    out.ascii("Timescale ");
    named(ctx, TIMESCALES, arista.timescale);
    out.ascii(", ");
    if (arista.format < 0) return truncatedRead(ctx, "arista");
    out.ascii("Format ");
    named(ctx, FORMATS, arista.format);
    out.ascii(", HwInfo ");
    named(ctx, HARDWARE, arista.hardware);
    out.ascii(", Timestamp ");
    if (arista.timestampLength > 0) {
      if (arista.seconds < 0) return truncatedRead(ctx, "arista");
      out.ascii(timestamp(arista));
      out.ascii(": ");
      if (!arista.known) return truncatedRead(ctx, "arista");
      return printInnerType(ctx, arista);
    }
  }
  // A subtype or format tcpdump does not know: the frame's header again, then its bytes
  // from the subtype on.
  if (!ctx.link && ctx.macAt >= 0) {
    out.mac(ctx.data, ctx.macAt + 6);
    out.ascii(" > ");
    out.mac(ctx.data, ctx.macAt);
    out.ascii(", ");
    printAristaType(ctx);
  }
  if (!ctx.network) ctx.linkEnd = arista.offset;
  ctx.done = true;
  if (ctx.defaultPrint) hexAndAsciiPrint(ctx, arista.offset, ctx.end);
}

/** With `-e`, the EtherType after the header, and the frame's length, as after the addresses. */
function printInnerType(ctx: PrintContext, arista: Arista): void {
  if (!ctx.network) ctx.linkEnd = arista.offset + arista.headerLength;
  // What follows on the wire; an 802.3 length shortens it (not lengthens).
  const remaining = frameLength(ctx) -
    (arista.offset + arista.headerLength - Math.max(ctx.macAt, ctx.start));
  const length = arista.length !== undefined && arista.length < remaining
    ? arista.length
    : remaining;
  if (ctx.frameLength >= 0) ctx.frameLength = length;
  if (!ctx.link) return;
  const out = ctx.out;
  // The next Arista header prints its own EtherType.
  if (arista.etherType === ETHERTYPE_ARISTA) return;
  if (arista.etherType === undefined) {
    out.ascii(`802.3, length ${length}: `);
    return;
  }
  frameEtherType(ctx, arista.etherType);
  out.ascii(`, length ${frameLength(ctx)}: `);
}
