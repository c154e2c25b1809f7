/**
 * HSRP as tcpdump's hsrp_print() writes it.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Hsrp } from "../../app/hsrp.ts";
import { relativeTime } from "../_shared.ts";
import { truncatedRead } from "../_truncation.ts";
import { printCharsUntilNul } from "../_chars.ts";

/**
 * Prints an HSRP message after its UDP header.
 *
 * @param ctx The print context.
 * @param hsrp The layer.
 */
export function printHsrp(ctx: PrintContext, hsrp: Hsrp): void {
  const out = ctx.out;
  ctx.done = true;
  const captured = hsrp.captured;
  const trunc = () => truncatedRead(ctx, "hsrp");
  out.ascii(`HSRPv${hsrp.version}`);
  if (hsrp.version !== 0) return;
  out.byte(0x2d);
  if (captured < 2) return trunc();
  out.ascii(`${OP_CODES[hsrp.opCode] ?? `unknown (${hsrp.opCode})`} ${hsrp.wireLength}: `);
  if (captured < 3) return trunc();
  out.ascii(`state=${STATES[hsrp.state] ?? `Unknown (${hsrp.state})`} `);
  if (captured < 7) return trunc();
  out.ascii(`group=${hsrp.group} `);
  if (captured < 8) return trunc();
  if (hsrp.reserved !== 0) out.ascii(`[reserved=${hsrp.reserved}!] `);
  const address = hsrp.virtualAddress;
  if (address === undefined) return trunc();
  out.ascii(`addr=${address}`);
  if (ctx.verbose > 0) {
    out.ascii(` hellotime=${relativeTime(hsrp.helloTime)}`);
    out.ascii(` holdtime=${relativeTime(hsrp.holdTime)}`);
    out.ascii(` priority=${hsrp.priority} auth="`);
    printCharsUntilNul(out, hsrp.data, hsrp.offset + 8, 8, hsrp.end);
    out.byte(0x22);
  }
}

const OP_CODES: readonly string[] = ["hello", "coup", "resign"];

const STATES: Readonly<Record<number, string>> = {
  0: "initial",
  1: "learn",
  2: "listen",
  4: "speak",
  8: "standby",
  16: "active",
};
