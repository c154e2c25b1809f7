/**
 * RPL control messages (ICMPv6 type 155, RFC 6550) as tcpdump's rpl_print() and its
 * rpl_dio_print(), rpl_dao_print(), rpl_daoack_print() and rpl_printopts() write them.
 * Private to `lib/print/`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Icmpv6, RplMessage } from "../../net/icmpv6.ts";
import { invalid, truncated, truncatedRead } from "../_truncation.ts";
import { hexPrint } from "../_hex.ts";

const NAMES: readonly string[] = [
  "DODAG Information Solicitation",
  "DODAG Information Object",
  "Destination Advertisement Object",
  "Destination Advertisement Object Ack",
];

/** tcpdump's rpl_mop_values. */
const MODES: readonly string[] = [
  "nonstoring",
  "storing",
  "nonstoring-multicast",
  "storing-multicast",
];

/** tcpdump's rpl_subopt_values (no name for 7, the solicited information option). */
const OPTION_NAMES: ReadonlyMap<number, string> = new Map([
  [0, "pad1"],
  [1, "padN"],
  [2, "metrics"],
  [3, "routinginfo"],
  [4, "config"],
  [5, "rpltarget"],
  [6, "transitinfo"],
  [8, "destprefix"],
  [9, "rpltargetdesc"],
]);

/**
 * Prints an RPL message after `ICMP6, RPL`: `, (CLR)` and the message's name, its fixed
 * fields with `-v`, its options with `-vv` (their bytes in hex with `-vvv`); a secured
 * message only as `, (SEC) [worktodo]`. The length follows without `-v`.
 *
 * @param ctx The print context.
 * @param icmp The layer (type 155).
 * @param length The ICMPv6 message's length on the wire.
 */
export function printRpl(ctx: PrintContext, icmp: Icmpv6, length: number): void {
  const out = ctx.out;
  const rpl = icmp.rpl!;
  const code = icmp.code;
  if (rpl.secured) out.ascii(", (SEC) [worktodo]");
  else {
    out.ascii(", (CLR)");
    const name = NAMES[code];
    out.ascii(name ?? `RPL message, unknown code ${code}`);
    if (ctx.verbose > 0) {
      // rpl_print() hands its printers the length less the ICMPv6 header, unsigned.
      const bodyLength = (length - 4) >>> 0;
      if (code === 1) dio(ctx, rpl, bodyLength);
      else if (code === 2) dao(ctx, rpl, bodyLength);
      else if (code === 3) daoAck(ctx, rpl, bodyLength);
    }
  }
  if (ctx.verbose === 0) out.ascii(`, length ${length}`);
}

/** The DODAG ID at `at`, or `<elided>` when the flags leave it out (`undefined`). */
function dodagId(ctx: PrintContext, rpl: RplMessage, at: number | undefined): void {
  ctx.out.ascii("[dagid:");
  if (at === undefined) ctx.out.ascii("<elided>");
  else ctx.out.ipv6(rpl.data, at);
}

/** rpl_dio_print(): the fixed fields, after a length check, then the options at -vv. */
function dio(ctx: PrintContext, rpl: RplMessage, length: number): void {
  const out = ctx.out;
  if (length < 24) {
    // ND_LCHECK_ZU() names the variable it checks.
    out.ascii(` [length ${length} < 24]`);
    return invalid(ctx);
  }
  // The fields are read with GET_ macros: a cut ends the packet before any is printed.
  if (!rpl.has(0, 24)) return truncatedRead(ctx, "icmp6");
  out.byte(0x20);
  dodagId(ctx, rpl, rpl.dodagIdOffset);
  out.ascii(`,seq:${rpl.dtsn},instance:${rpl.instanceId},rank:${rpl.rank},`);
  if (rpl.grounded) out.ascii("grounded,");
  const mode = rpl.modeOfOperation!;
  out.ascii(`mop:${MODES[mode] ?? `mop${mode}`},prf:${rpl.preference}]`);
  if (ctx.verbose > 1) options(ctx, rpl, rpl.optionsOffset!, length - 24);
}

/**
 * rpl_dao_print(): its bounds check covers the whole struct, DODAG ID included, before
 * the length checks (` [|length too short]`).
 */
function dao(ctx: PrintContext, rpl: RplMessage, length: number): void {
  const out = ctx.out;
  if (!rpl.has(0, 20)) return void truncated(ctx, "icmp6");
  const present = rpl.dodagIdPresent!;
  if (length < 4 || (present && length - 4 < 16)) {
    out.ascii(" [|length too short]");
    return;
  }
  const flags = rpl.flags!;
  out.byte(0x20);
  dodagId(ctx, rpl, rpl.dodagIdOffset);
  out.ascii(`,seq:${rpl.sequence},instance:${rpl.instanceId}`);
  if (rpl.acknowledgementRequested) out.ascii(",acK");
  if (present) out.ascii(",Dagid");
  out.byte(0x2c);
  out.hex(flags, 2);
  out.byte(0x5d);
  if (ctx.verbose > 1) options(ctx, rpl, rpl.optionsOffset!, length - (present ? 20 : 4));
}

/** rpl_daoack_print(): its bounds checks, then ` [|dao-length too short]` checks. */
function daoAck(ctx: PrintContext, rpl: RplMessage, length: number): void {
  const out = ctx.out;
  if (!rpl.has(0, 4)) return void truncated(ctx, "icmp6");
  if (length < 4) {
    out.ascii(" [|dao-length too short]");
    return;
  }
  const present = rpl.dodagIdPresent!;
  if (present) {
    if (!rpl.has(4, 16)) return void truncated(ctx, "icmp6");
    if (length - 4 < 16) {
      out.ascii(" [|dao-length too short]");
      return;
    }
  }
  out.byte(0x20);
  dodagId(ctx, rpl, rpl.dodagIdOffset);
  out.ascii(`,seq:${rpl.sequence},instance:${rpl.instanceId},status:${rpl.status}]`);
  if (ctx.verbose > 1) options(ctx, rpl, rpl.optionsOffset!, length - (present ? 20 : 4));
}

/**
 * rpl_printopts(): each option's name and whole length, its data in hex at -vvv. Its
 * checks of the length left and of the capture print ` [|icmp6]` and return; a type or
 * length byte past the capture ends the packet (a GET_ macro).
 */
function options(ctx: PrintContext, rpl: RplMessage, at: number, length: number): void {
  const out = ctx.out;
  while (length !== 0) {
    if (at >= rpl.end) return truncatedRead(ctx, "icmp6");
    const type = rpl.data[at]!;
    let optionLength = 1;
    if (type === 0) out.ascii(" opt:pad1");
    else {
      if (length < 2) return void truncated(ctx, "icmp6");
      const whole = rpl.optionLength(at);
      if (whole === undefined) return truncatedRead(ctx, "icmp6");
      optionLength = whole;
      out.ascii(` opt:${OPTION_NAMES.get(type) ?? `subopt:${type}`} len:${whole} `);
      if (at + whole > rpl.end || length < whole) return void truncated(ctx, "icmp6");
      if (ctx.verbose > 2) hexPrint(ctx, " ", at + 2, at + whole);
    }
    at += optionLength;
    length -= optionLength;
  }
}
