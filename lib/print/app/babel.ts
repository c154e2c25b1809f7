/**
 * Babel as tcpdump's babel_print() writes it: the version and body length, then each
 * TLV's name, or with `-v` one line per TLV with its fields and sub-TLVs; the trailer
 * after `|` (`----` with `-v`).
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Babel, BabelSubTlv, BabelTlv, BabelTlvs } from "../../app/babel.ts";
import { BABEL_MAGIC, BabelTlvType } from "../../app/babel.ts";
import { invalid, truncated, truncatedRead } from "../_truncation.ts";

/** The names of the TLV types without `-v`, by type. */
const SHORT_NAMES = [
  "pad1",
  "padN",
  "ack-req",
  "ack",
  "hello",
  "ihu",
  "router-id",
  "nh",
  "update",
  "route-request",
  "seqno-request",
  "tspc",
  "hmac",
  "ss-update",
  "ss-request",
  "ss-mh-request",
  "mac",
  "pc",
  "challenge_request",
  "challenge_reply",
];

/**
 * Prints a Babel packet after its UDP header.
 *
 * @param ctx The print context.
 * @param babel The layer.
 */
export function printBabel(ctx: PrintContext, babel: Babel): void {
  const out = ctx.out;
  ctx.done = true;
  out.ascii("babel");
  if (babel.partial) return void truncated(ctx, "babel");
  if (babel.magic !== BABEL_MAGIC) return out.ascii(" invalid header");
  out.ascii(` ${babel.version}`);
  if (babel.version !== 2) return out.ascii(" unknown version");
  if (babel.wireLength < 4) return invalid(ctx);
  out.ascii(` (${babel.bodyLength})`);
  if (babel.trailerLength < 0) return invalid(ctx);
  if (!printSection(ctx, babel.tlvs("body"))) return;
  if (babel.trailerLength === 0) return;
  out.ascii(ctx.verbose > 0 ? "\n\t----" : " |");
  printSection(ctx, babel.tlvs("trailer"));
}

/** The TLVs of a section, then how their walk ended; `false` when it did not end well. */
function printSection(ctx: PrintContext, section: BabelTlvs): boolean {
  for (const tlv of section.tlvs) {
    const ok = ctx.verbose > 0 ? printVerbose(ctx, tlv) : printShort(ctx, tlv);
    if (!ok) return invalid(ctx), false;
  }
  switch (section.stop) {
    case "end":
      return true;
    case "invalid":
      invalid(ctx);
      break;
    case "truncated":
      truncated(ctx, "babel");
      break;
    case "cut-type":
      truncatedRead(ctx, "babel");
  }
  return false;
}

/** A TLV's name, and an Update's flags; `false` for an Update too short for them. */
function printShort(ctx: PrintContext, tlv: BabelTlv): boolean {
  const out = ctx.out;
  out.byte(0x20);
  out.ascii(SHORT_NAMES[tlv.type] ?? "unknown");
  if (tlv.type !== BabelTlvType.UPDATE) return true;
  if (tlv.length < 10) return false;
  updateFlags(ctx, tlv.flags);
  return true;
}

function updateFlags(ctx: PrintContext, flags: number): void {
  const out = ctx.out;
  if (flags & 0x80) out.ascii("/prefix");
  if (flags & 0x40) out.ascii("/id");
  if (flags & 0x3f) out.ascii("/unknown");
}

/** The `-v` heading of each type, before its fields. */
const HEADINGS = [
  "Pad 1",
  "Pad ",
  "Acknowledgment Request ",
  "Acknowledgment ",
  "Hello ",
  "IHU ",
  "Router Id",
  "Next Hop",
  "Update",
  "Route Request ",
  "Seqno Request ",
  "TS/PC ",
  "HMAC ",
  "SS-Update",
  "SS-Request ",
  "SS-MH-Request ",
  "MAC ",
  "PC",
  "Challenge Request",
  "Challenge Reply",
];

/** A TLV's line with `-v`; `false` when its body is malformed (the walk then ends). */
function printVerbose(ctx: PrintContext, tlv: BabelTlv): boolean {
  const out = ctx.out;
  const type = tlv.type;
  out.ascii("\n\t");
  const heading = HEADINGS[type];
  if (heading === undefined) {
    out.ascii(`Unknown message type ${type}`);
    return true;
  }
  out.ascii(heading);
  if (type === BabelTlvType.PADN) out.uint(tlv.length + 2);
  if (type === BabelTlvType.MAC) out.ascii(`len ${tlv.length}`);
  if (tlv.problem === "address" && type === BabelTlvType.IHU) {
    // tcpdump marks an IHU's bad address as a truncation, and goes on.
    truncated(ctx, "babel");
    return true;
  }
  if (tlv.problem !== "none") return false;
  switch (type) {
    case BabelTlvType.ACK_REQUEST:
      out.hex(tlv.seqno, 4);
      out.ascii(` ${interval(tlv.interval)}`);
      break;
    case BabelTlvType.ACK:
      out.hex(tlv.seqno, 4);
      break;
    case BabelTlvType.HELLO:
      if (tlv.flags & 0x8000) out.ascii("(Unicast) ");
      out.ascii(`seqno ${tlv.seqno} `);
      out.ascii(tlv.interval !== 0 ? `interval ${interval(tlv.interval)}` : "unscheduled");
      break;
    case BabelTlvType.IHU:
      out.ascii(`${tlv.ae === 0 ? "any" : tlv.prefix} rxcost ${tlv.metric} interval `);
      out.ascii(interval(tlv.interval));
      break;
    case BabelTlvType.ROUTER_ID:
      out.ascii(` ${tlv.routerId}`);
      break;
    case BabelTlvType.NEXT_HOP:
      out.ascii(` ${tlv.ae === 0 ? "invalid AE 0" : tlv.prefix}`);
      break;
    case BabelTlvType.UPDATE:
      updateFlags(ctx, tlv.flags);
      out.ascii(` ${tlv.ae === 0 ? "any" : tlv.prefix}`);
      updateFields(ctx, tlv);
      break;
    case BabelTlvType.ROUTE_REQUEST:
      out.ascii(`for ${tlv.ae === 0 ? "any" : tlv.prefix}`);
      break;
    case BabelTlvType.SEQNO_REQUEST:
      out.ascii(`(${tlv.metric} hops) for ${tlv.ae === 0 ? "invalid AE 0" : tlv.prefix}`);
      out.ascii(` seqno ${tlv.seqno} id ${tlv.routerId}`);
      break;
    case BabelTlvType.TS_PC:
      out.ascii(`timestamp ${tlv.timestamp} packetcounter ${tlv.counter}`);
      break;
    case BabelTlvType.HMAC:
      out.ascii(`key-id ${tlv.metric} digest-${tlv.length - 2} `);
      for (const b of tlv.digest) out.ascii(b.toString(16).toUpperCase().padStart(2, "0"));
      break;
    case BabelTlvType.SS_UPDATE:
      out.ascii(` ${tlv.prefix} from ${tlv.source}`);
      updateFields(ctx, tlv);
      break;
    case BabelTlvType.SS_REQUEST:
      out.ascii(tlv.ae === 0 ? "for any" : `for (${tlv.prefix}, ${tlv.source})`);
      break;
    case BabelTlvType.SS_MH_REQUEST:
      out.ascii(`(${tlv.metric} hops) for (${tlv.prefix}, ${tlv.source})`);
      out.ascii(` seqno ${tlv.seqno} id ${tlv.routerId}`);
      break;
    case BabelTlvType.PC:
      out.ascii(` value ${tlv.timestamp} index len ${tlv.length - 4}`);
      break;
    case BabelTlvType.CHALLENGE_REQUEST:
    case BabelTlvType.CHALLENGE_REPLY:
      out.ascii(` len ${tlv.length}`);
      break;
  }
  for (const sub of tlv.subTlvs) printSubTlv(ctx, sub, type);
  return true;
}

function updateFields(ctx: PrintContext, tlv: BabelTlv): void {
  ctx.out.ascii(` metric ${tlv.metric} seqno ${tlv.seqno} interval `);
  ctx.out.ascii(tlv.interval === 0xffff ? "infinity" : interval(tlv.interval));
}

/** A sub-TLV, as tcpdump's subtlvs_print() writes it. */
function printSubTlv(ctx: PrintContext, sub: BabelSubTlv, parent: number): void {
  const out = ctx.out;
  const type = sub.type;
  if (type === 0) return out.ascii(" sub-pad1");
  if (type & 0x80) out.ascii(" (M)");
  if (sub.problem === "length") return invalid(ctx);
  switch (type) {
    case 1:
      out.ascii(" sub-padn");
      break;
    case 2:
      out.ascii(" sub-diversity");
      if (sub.values.length === 0) return out.ascii(" empty");
      sub.values.forEach((channel, k) => {
        out.ascii(k === 0 ? " " : "-");
        out.ascii(channel === 0 ? "reserved" : channel === 255 ? "all" : `${channel}`);
      });
      if (parent !== BabelTlvType.UPDATE && parent !== BabelTlvType.SS_UPDATE) {
        out.ascii(" (bogus)");
      }
      break;
    case 3:
      out.ascii(" sub-timestamp");
      if (sub.problem === "short") return invalid(ctx);
      if (sub.values.length === 0) return out.ascii(" (bogus)");
      sub.values.forEach((t, k) => out.ascii(`${k === 0 ? " " : "|"}${timestamp(t)}`));
      break;
    default:
      out.ascii(" sub-unknown-0x");
      out.hex(type, 2);
  }
}

/** An interval in centiseconds, as tcpdump's format_interval(). */
function interval(centiseconds: number): string {
  if (centiseconds === 0) return "0.0s (bogus)";
  return `${Math.floor(centiseconds / 100)}.${String(centiseconds % 100).padStart(2, "0")}s`;
}

/** A timestamp in microseconds, as tcpdump's format_timestamp(). */
function timestamp(microseconds: number): string {
  const fraction = String(microseconds % 1000000).padStart(6, "0");
  return `${Math.floor(microseconds / 1000000)}.${fraction}s`;
}
