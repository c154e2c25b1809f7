/**
 * ICMPv6 router renumbering messages (RFC 2894) as tcpdump's icmp6_rrenum_print() writes
 * them. Private to `lib/print/`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Icmpv6 } from "../../net/icmpv6.ts";
import { truncated } from "../_truncation.ts";

const CODES: ReadonlyMap<number, string> = new Map([
  [0, "command"],
  [1, "result"],
  [255, "sequence number reset"],
]);

const OP_CODES: ReadonlyMap<number, string> = new Map([
  [1, "add"],
  [2, "change"],
  [3, "setglobal"],
]);

/** The letters of the message flags, high bit first (T, R, A, S, P). */
const FLAGS: readonly (readonly [number, string])[] = [
  [0x80, "T"],
  [0x40, "R"],
  [0x20, "A"],
  [0x10, "S"],
  [0x08, "P"],
];

/** A lifetime, `infty` for 0xffffffff. */
function lifetime(value: number): string {
  return value === 0xffffffff ? "infty" : String(value);
}

/**
 * Prints a router renumbering message after its name: the code and sequence number, the
 * header's fields with `-v`, and a command's match and use prefixes; ` [|icmp6]` where
 * the capture ends first.
 *
 * @param ctx The print context.
 * @param icmp The layer (type 138).
 */
export function printRouterRenumbering(ctx: PrintContext, icmp: Icmpv6): void {
  const out = ctx.out;
  const rr = icmp.routerRenumbering;
  if (rr === undefined) {
    truncated(ctx, "icmp6");
    return;
  }
  const verbose = ctx.verbose > 0;
  out.ascii(`, ${CODES.get(icmp.code) ?? `code-#${icmp.code}`}, seq=${rr.sequenceNumber}`);
  if (verbose) {
    out.byte(0x5b);
    if (rr.flags !== 0) {
      for (const [bit, letter] of FLAGS) if ((rr.flags & bit) !== 0) out.ascii(letter);
      out.byte(0x2c);
    }
    out.ascii(`seg=${rr.segmentNumber},maxdelay=${rr.maxDelay}`);
    if (rr.reserved !== 0) out.ascii(`rsvd=0x${rr.reserved.toString(16)}`);
    out.byte(0x5d);
  }
  if (icmp.code !== 0) return;
  const match = rr.match;
  if (match === undefined) {
    truncated(ctx, "icmp6");
    return;
  }
  const separator = ctx.verbose > 1 ? "\n\t" : " ";
  out.ascii(`${separator}match(${OP_CODES.get(match.opCode) ?? `#${match.opCode}`}`);
  if (verbose) out.ascii(`,ord=${match.ordinal},min=${match.minLength},max=${match.maxLength}`);
  out.ascii(`,${match.prefix}/${match.matchLength})`);
  const units = match.opLength - 3;
  if (units % 4 !== 0) {
    truncated(ctx, "icmp6");
    return;
  }
  for (const use of match.uses) {
    out.ascii(`${separator}use(`);
    if (use.flags !== 0) {
      out.ascii(`${(use.flags & 0x80) !== 0 ? "V" : ""}${(use.flags & 0x40) !== 0 ? "P" : ""},`);
    }
    if (verbose) {
      out.ascii(`mask=0x${use.flagMask.toString(16)},raflags=0x${use.raFlags.toString(16)},`);
      out.ascii(`vltime=${lifetime(use.validLifetime)},`);
      out.ascii(`pltime=${lifetime(use.preferredLifetime)},`);
    }
    out.ascii(`${use.prefix}/${use.useLength}/${use.keepLength})`);
  }
  if (match.uses.length < Math.max(units / 4, 0)) truncated(ctx, "icmp6");
}
