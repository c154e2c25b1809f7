/**
 * Geneve as tcpdump's geneve_print() writes it: the flags, the VNI, the options (their
 * total length, or each one with `-v`, with its data with `-vv`), then the packet inside.
 *
 * @module
 */

import { truncated } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import type { Geneve, GeneveOption } from "../../net/geneve.ts";
import { ETHERTYPE_NAMES } from "../_names.ts";

/**
 * Prints a Geneve header.
 *
 * @param ctx The print context.
 * @param geneve The layer.
 * @param next The layer after it.
 */
export function printGeneve(ctx: PrintContext, geneve: Geneve, next: Layer | undefined): void {
  const out = ctx.out;
  out.ascii("Geneve");
  const length = geneve.wireLength;
  if (length < 8) {
    out.ascii(` [length ${length} < 8] (invalid)`);
    ctx.done = true;
    return;
  }
  out.ascii(", Flags [");
  let names = "";
  for (let bit = 0; bit < 8; bit++) {
    if ((geneve.flags & (0x80 >> bit)) !== 0) names += FLAG_NAMES[bit];
  }
  out.ascii(names === "" ? "none" : names);
  out.ascii("], vni 0x");
  out.hex(geneve.vni);
  if (geneve.reserved !== 0) {
    out.ascii(", rsvd 0x");
    out.hex(geneve.reserved);
  }
  const protocol = geneve.protocolType;
  if (ctx.link) {
    out.ascii(", proto ");
    out.ascii(ETHERTYPE_NAMES.get(protocol) ?? "unknown");
    out.ascii(" (0x");
    out.hex(protocol, 4);
    out.byte(0x29);
  }
  if (length - 8 < geneve.optionsLength) {
    out.ascii(` truncated-geneve - ${geneve.optionsLength - (length - 8)} bytes missing`);
    ctx.done = true;
    return;
  }
  if (geneve.optionsLength > 0) {
    out.ascii(", options [");
    if (ctx.verbose > 0) options(ctx, geneve.options);
    else {
      out.uint(geneve.optionsLength);
      out.ascii(" bytes");
    }
    out.byte(0x5d);
  }
  out.ascii(ctx.verbose > 0 ? "\n\t" : ": ");
  ctx.tunnelLength = length - geneve.headerLength;
  // tcpdump's ethertype_print() gets the payload's length and no link addresses from Geneve.
  ctx.frameLength = ctx.tunnelLength;
  ctx.macAt = -1;
  if (next === undefined && ctx.error === undefined) {
    // Nothing after the header: tcpdump's printer of a type it knows finds no bytes.
    const empty = geneve.end <= geneve.offset + geneve.headerLength
      ? EMPTY_PAYLOAD_MARKERS.get(protocol)
      : undefined;
    if (empty !== undefined) truncated(ctx, empty);
    else {
      out.ascii("geneve-proto-0x");
      out.hex(protocol);
    }
    ctx.done = true;
  }
}

/** The truncation marker of the printer that tcpdump calls for each protocol type. */
const EMPTY_PAYLOAD_MARKERS = new Map([
  [0x0800, "ip"],
  [0x86dd, "ip6"],
  [0x0806, "arp"],
  [0x6558, "ether"],
]);

function options(ctx: PrintContext, list: readonly GeneveOption[]): void {
  const out = ctx.out;
  let separator = "";
  for (const option of list) {
    out.ascii(separator);
    separator = ", ";
    out.ascii("class ");
    out.ascii(className(option.optionClass));
    out.ascii(" (0x");
    out.hex(option.optionClass);
    out.ascii(") type 0x");
    out.hex(option.type);
    if (option.critical) out.ascii("(C)");
    out.ascii(" len ");
    out.uint(option.length);
    if (option.badLength) {
      out.ascii(" [bad length]");
      return;
    }
    if (ctx.verbose > 1 && option.length > 4) {
      out.ascii(" data");
      const d = option.data;
      for (let i = 0; i + 4 <= d.length; i += 4) {
        out.byte(0x20);
        out.hex(((d[i]! << 24) | (d[i + 1]! << 16) | (d[i + 2]! << 8) | d[i + 3]!) >>> 0, 8);
      }
    }
  }
}

/** The names tcpdump gives option classes. */
function className(optionClass: number): string {
  switch (optionClass) {
    case 0x0100:
      return "Linux";
    case 0x0101:
      return "Open vSwitch";
    case 0x0102:
      return "Open Virtual Networking (OVN)";
    case 0x0103:
      return "In-band Network Telemetry (INT)";
    case 0x0104:
      return "VMware";
  }
  if (optionClass <= 0x00ff) return "Standard";
  return optionClass >= 0xfff0 ? "Experimental" : "Unknown";
}

/** The flag bits' names, from the high bit down. */
const FLAG_NAMES = ["O", "C", "R1", "R2", "R3", "R4", "R5", "R6"];
