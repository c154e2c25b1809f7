/**
 * The ICMPv6 error messages (destination unreachable, packet too big, time exceeded,
 * parameter problem) as tcpdump's icmp6_print() writes them, down to where the capture
 * cuts them: a field read with a GET_ macro ends the packet there (the hex dump then
 * starts at the link header), a bounds check (ND_TCHECK, get_upperlayer()) only prints
 * ` [|icmp6]`.
 *
 * @module
 */

import type { Icmpv6 } from "../../net/icmpv6.ts";
import { hexPrint } from "../_hex.ts";
import { readCut, truncated } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";

/** tcpdump's icmp6_dst_unreach_code_values. */
const UNREACHABLE_CODES: readonly string[] = [
  "unreachable route",
  " unreachable prohibited",
  "beyond scope",
  "unreachable address",
  "unreachable port",
];

/** tcpdump's parameter problem codes. */
const PARAMETER_CODES: readonly string[] = [
  "erroneous",
  "next header",
  "option",
  "incomplete header chain",
];

/**
 * Prints the fields of an error message after its type's name.
 *
 * @param ctx The print context.
 * @param icmp The layer, of type 1 to 4.
 * @param length The message's length on the wire.
 * @returns `false` when the message's printing ended (cut, or an unknown unreachable
 * code's hex dump): no length follows then.
 */
export function printIcmpv6Error(ctx: PrintContext, icmp: Icmpv6, length: number): boolean {
  const out = ctx.out;
  const code = icmp.code;
  switch (icmp.type) {
    case 1: {
      out.ascii(", ");
      out.ascii(UNREACHABLE_CODES[code] ?? `unknown unreach code (${code})`);
      if (code === 4) return unreachablePort(ctx, icmp);
      if (code > 4) {
        if (ctx.verbose > 1) return true;
        const end = Math.min(icmp.offset + length, ctx.end, icmp.end);
        hexPrint(ctx, "\n\t", icmp.offset, end);
        return false;
      }
      const destination = icmp.quotedAddress("destination");
      if (destination === undefined) return readCut(ctx, "icmp6");
      out.ascii(` ${destination}`);
      if (code === 2) out.ascii(`, source address ${icmp.quotedAddress("source")}`);
      return true;
    }
    case 2: {
      const mtu = icmp.mtu;
      if (mtu === undefined) return readCut(ctx, "icmp6");
      out.ascii(", mtu ");
      out.uint(mtu);
      return true;
    }
    case 3: {
      if (code === 1) out.ascii(" (reassembly)");
      else if (code !== 0) out.ascii(`, unknown code (${code})`);
      else {
        const destination = icmp.quotedAddress("destination");
        if (destination === undefined) return readCut(ctx, "icmp6");
        out.ascii(` for ${destination}`);
      }
      return true;
    }
    default: {
      // ND_TCHECK_16() of the quoted destination address comes first.
      if (icmp.quotedAddress("destination") === undefined) {
        truncated(ctx, "icmp6");
        return false;
      }
      const what = PARAMETER_CODES[code];
      out.ascii(what === undefined ? `, code-#${code}` : `, ${what} - octet ${icmp.pointer}`);
      return true;
    }
  }
}

/**
 * An unreachable port: the quoted packet's destination and port, found as tcpdump's
 * get_upperlayer() finds them; where it finds none, ` [|icmp6]`.
 */
function unreachablePort(ctx: PrintContext, icmp: Icmpv6): boolean {
  const found = icmp.quotedPort;
  if (found === undefined) {
    truncated(ctx, "icmp6");
    return false;
  }
  const name = found.protocol === 6 ? "tcp" : "udp";
  ctx.out.ascii(`, ${icmp.quotedAddress("destination")} ${name} port ${found.port}`);
  return true;
}
