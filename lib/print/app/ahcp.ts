/**
 * AHCP as tcpdump's ahcp_print() writes it: the version; with `-v` the header's fields
 * and the message's type and length; with `-vv` each option and its value.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Ahcp, AhcpOption } from "../../app/ahcp.ts";
import { AHCP_MAGIC } from "../../app/ahcp.ts";
import { captured, invalid, truncatedRead } from "../_truncation.ts";

const MESSAGES = ["Discover", "Offer", "Request", "Ack", "Nack", "Release"];

const OPTIONS = [
  "Pad",
  "Mandatory",
  "Origin Time",
  "Expires",
  "My-IPv6-Address",
  "My-IPv4-Address",
  "IPv6 Prefix",
  "IPv4 Prefix",
  "IPv6 Address",
  "IPv4 Address",
  "IPv6 Prefix Delegation",
  "IPv4 Prefix Delegation",
  "Name Server",
  "NTP Server",
];

/**
 * Prints an AHCP packet after its UDP header.
 *
 * @param ctx The print context.
 * @param ahcp The layer.
 */
export function printAhcp(ctx: PrintContext, ahcp: Ahcp): void {
  const out = ctx.out;
  ctx.done = true;
  out.ascii("AHCP");
  const length = ahcp.wireLength;
  if (length < 2 || ahcp.magic !== AHCP_MAGIC) return invalidTo(ctx, ahcp, 0, length);
  if (!has(ahcp, 1, 1)) return truncatedRead(ctx, "ahcp");
  if (ahcp.version !== 1) {
    out.ascii(` Version ${ahcp.version} (unknown)`);
    return check(ctx, ahcp, 2, length - 2);
  }
  out.ascii(" Version 1");
  if (length < 24) return invalidTo(ctx, ahcp, 2, length - 2);
  if (ctx.verbose === 0) {
    if (!has(ahcp, 2, 22)) return truncatedRead(ctx, "ahcp");
  } else if (!header(ctx, ahcp)) return truncatedRead(ctx, "ahcp");
  if (length < 28) return invalidTo(ctx, ahcp, 24, length - 24);
  if (!has(ahcp, 24, 4)) return truncatedRead(ctx, "ahcp");
  if (ctx.verbose > 0) {
    out.ascii(`\n\t${MESSAGES[ahcp.messageType] ?? `Unknown-${ahcp.messageType}`}`);
    if (ahcp.mbz !== 0) out.ascii(`, MBZ ${ahcp.mbz}`);
    out.ascii(`, Length ${ahcp.bodyLength}`);
  }
  if (ahcp.bodyLength > length - 28) return invalidTo(ctx, ahcp, 28, length - 28);
  if (ctx.verbose < 2) return check(ctx, ahcp, 28, ahcp.bodyLength);
  const { options, stop } = ahcp.options();
  for (const option of options) {
    if (!printOption(ctx, option)) return truncatedRead(ctx, "ahcp");
  }
  if (stop === "cut") return truncatedRead(ctx, "ahcp");
  if (stop !== "end") invalid(ctx);
  if (stop === "invalid-cut") truncatedRead(ctx, "ahcp");
}

function has(ahcp: Ahcp, at: number, length: number): boolean {
  return captured(ahcp.captured, at, length);
}

/** tcpdump's ND_TCHECK_LEN: the truncation mark when `length` bytes at `at` were cut. */
function check(ctx: PrintContext, ahcp: Ahcp, at: number, length: number): void {
  if (!has(ahcp, at, length)) truncatedRead(ctx, "ahcp");
}

/** ` (invalid)`, then the truncation mark when the rest of the packet was cut. */
function invalidTo(ctx: PrintContext, ahcp: Ahcp, at: number, length: number): void {
  invalid(ctx);
  check(ctx, ahcp, at, length);
}

/** The header's fields with `-v`; `false` where the capture ends. */
function header(ctx: PrintContext, ahcp: Ahcp): boolean {
  const out = ctx.out;
  if (!has(ahcp, 2, 1)) return false;
  out.ascii(`\n\tHopcount ${ahcp.hopCount}`);
  if (!has(ahcp, 3, 1)) return false;
  out.ascii(`, Original Hopcount ${ahcp.originalHopCount}`);
  if (!has(ahcp, 4, 4)) return false;
  out.ascii(", Nonce 0x");
  out.hex(ahcp.nonce, 8);
  if (!has(ahcp, 8, 8)) return false;
  out.ascii(`, Source Id ${ahcp.sourceId}`);
  if (!has(ahcp, 16, 8)) return false;
  out.ascii(`, Destination Id ${ahcp.destinationId}`);
  return true;
}

/** An option's line; `false` when the capture ends inside it. */
function printOption(ctx: PrintContext, option: AhcpOption): boolean {
  const out = ctx.out;
  const type = option.type;
  out.ascii(`\n\t ${OPTIONS[type] ?? `Unknown-${type}`}`);
  if (option.length < 0) return !option.cut;
  if (type === 2 || type === 3) {
    const value = option.values[0];
    if (value !== undefined) out.ascii(type === 2 ? `: ${utc(Number(value))} UTC` : `: ${value}s`);
  } else if (type === 7 || type >= OPTIONS.length) {
    out.ascii(` (Length ${option.length})`);
  } else {
    option.values.forEach((value, k) => out.ascii(`${k === 0 ? ": " : ", "}${value}`));
  }
  if (option.malformed) invalid(ctx);
  return !option.cut;
}

/** Seconds since 1970 as `YYYY-MM-DD HH:MM:SS` in UTC (strftime's `%Y-%m-%d %H:%M:%S`). */
function utc(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace("T", " ");
}
