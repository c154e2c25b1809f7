/**
 * PPPoE as tcpdump's pppoe_print() writes it: discovery packets with their tags, and
 * session headers before the PPP frame.
 *
 * @module
 */

import { truncated, truncatedRead } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { PppoeDiscovery, PppoeSession } from "../../link/pppoe.ts";
import { LayerParser } from "../../packet_parser.ts";
import { LinkType } from "../../link_type.ts";
import { printError } from "../_undecoded.ts";
import type { Registry } from "../../_registry.ts";

/** The PPPoE header as tcpdump's pppoe_print() writes it; returns the payload length. */
function pppoeHeader(ctx: PrintContext, pppoe: PppoeDiscovery | PppoeSession): number {
  const out = ctx.out;
  const remaining = ctx.originalLength - (pppoe.offset + 6 - ctx.start);
  let length = pppoe.length;
  out.ascii("PPPoE ");
  out.ascii(PPPOE_CODE_NAMES.get(pppoe.code) ?? `PAD-${pppoe.code.toString(16)}`);
  if (pppoe.code === 0x09 && length > 1484 - 6) out.ascii(` [len ${length}!]`);
  if (length > remaining) {
    out.ascii(` [len ${length} > ${remaining}!]`);
    length = remaining;
  }
  if (pppoe.version !== 1) out.ascii(` [ver ${pppoe.version}]`);
  if (pppoe.type !== 1) out.ascii(` [type ${pppoe.type}]`);
  if (pppoe.sessionId !== 0) out.ascii(` [ses 0x${pppoe.sessionId.toString(16)}]`);
  return length;
}

/**
 * Prints a PPPoE discovery packet and its tags.
 *
 * @param ctx The print context.
 * @param pppoe The layer.
 */
export function printPppoeDiscovery(ctx: PrintContext, pppoe: PppoeDiscovery): void {
  const out = ctx.out;
  ctx.done = true;
  const length = pppoeHeader(ctx, pppoe);
  if (pppoe.code === 0) {
    out.byte(0x20);
    return;
  }
  const d = pppoe.data;
  const start = pppoe.offset + 6;
  const end = start + length;
  let at = start;
  let type = 0xffff;
  while (type !== 0 && at < end) {
    if (at + 4 > ctx.end) {
      truncated(ctx, "pppoe");
      return;
    }
    type = (d[at]! << 8) | d[at + 1]!;
    const tagLength = (d[at + 2]! << 8) | d[at + 3]!;
    at += 4;
    const name = PPPOE_TAG_NAMES.get(type) ?? `TAG-0x${type.toString(16)}`;
    if (tagLength === 0) out.ascii(` [${name}]`);
    else {
      if (at + tagLength > ctx.end) {
        truncated(ctx, "pppoe");
        return;
      }
      let text = "";
      let printable = 0;
      for (let i = 0; i < tagLength && i < 79; i++) {
        const b = d[at + i]!;
        if (b >= 0x20 && b < 0x7f) {
          text += String.fromCharCode(b);
          printable++;
        } else text += ".";
      }
      if (printable > text.length - printable) out.ascii(` [${name} "${text}"]`);
      else {
        out.ascii(` [${name} 0x`);
        for (let i = 0; i < tagLength; i++) {
          out.ascii(d[at + i]!.toString(16).toUpperCase().padStart(2, "0"));
        }
        out.byte(0x5d);
      }
    }
    at += tagLength;
  }
}

/**
 * Prints a PPPoE session header; the PPP frame follows.
 *
 * @param ctx The print context.
 * @param pppoe The layer.
 */
export function printPppoeSession(ctx: PrintContext, pppoe: PppoeSession): void {
  const length = pppoeHeader(ctx, pppoe);
  if (pppoe.code !== 0) {
    ctx.done = true;
    return;
  }
  ctx.out.byte(0x20);
  ctx.tunnelLength = length;
  // pppoe_print() hands the PPP printer its length but leaves the captured bytes past it
  // readable: a checksum covers them when the IP header's length does, and a header that
  // the length cuts is read whole (ppp_print() itself stops at a length under 2).
  ctx.snapEnd = pppoe.capturedEnd;
  if (length >= 2 && pppoe.capturedEnd > pppoe.end && ctx.error?.code === "truncated") {
    printPastLength(ctx, pppoe);
    return;
  }
  // Under 2 bytes of the PPP frame captured: ppp_print()'s read of its first 2 bytes
  // jumps out (a length under 2 stops it before the read).
  if (pppoe.offset + 8 > ctx.end) {
    if (length < 2) truncated(ctx, "ppp");
    else truncatedRead(ctx, "ppp");
    ctx.error = undefined;
  }
}

/** A parser per registry for {@linkcode printPastLength}. */
const pastLengthParsers = new WeakMap<Registry, LayerParser>();

/**
 * Decodes and prints the PPP frame of a session packet to its captured end, where the
 * decoder ended it at the length field (as Wireshark does) and a layer inside was cut.
 */
function printPastLength(ctx: PrintContext, pppoe: PppoeSession): void {
  let parser = pastLengthParsers.get(ctx.registry);
  if (parser === undefined) {
    parser = new LayerParser({ registry: ctx.registry });
    pastLengthParsers.set(ctx.registry, parser);
  }
  parser.parse(LinkType.PPP, ctx.data, pppoe.offset + 6, pppoe.capturedEnd);
  ctx.error = parser.error;
  ctx.printLayers(parser.layers, 0, parser.count);
  if (!ctx.done && ctx.error !== undefined) printError(ctx, ctx.error);
  ctx.error = undefined;
  ctx.done = true;
}

/** PPPoE codes as tcpdump names them (0 is the session stage). */
const PPPOE_CODE_NAMES = new Map<number, string>([
  [0x00, ""],
  [0x07, "PADO"],
  [0x09, "PADI"],
  [0x19, "PADR"],
  [0x65, "PADS"],
  [0xa7, "PADT"],
]);

/** PPPoE discovery tag names, as tcpdump prints them. */
const PPPOE_TAG_NAMES = new Map<number, string>([
  [0x0000, "EOL"],
  [0x0101, "Service-Name"],
  [0x0102, "AC-Name"],
  [0x0103, "Host-Uniq"],
  [0x0104, "AC-Cookie"],
  [0x0105, "Vendor-Specific"],
  [0x0110, "Relay-Session-ID"],
  [0x0120, "PPP-Max-Payload"],
  [0x0201, "Service-Name-Error"],
  [0x0202, "AC-System-Error"],
  [0x0203, "Generic-Error"],
]);
