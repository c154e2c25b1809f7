/**
 * What the printers of the Slow Protocols share (private to `slow.ts` and `_slow_oam.ts`).
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Slow } from "../../link/slow.ts";
import { captured, truncatedRead } from "../_truncation.ts";

/**
 * tcpdump's `tooshort`: a length shorter than a field. slow_print()'s own header check
 * (`header`) prints it on the same line without `-v`.
 */
export function slowTooShort(ctx: PrintContext, header = false): void {
  ctx.out.ascii(
    header && ctx.verbose < 1 ? " (packet is too short)" : "\n\t\t packet is too short",
  );
}

/**
 * The checks of a TLV's header that LACP, Marker and OAM share: the PDU's length holds the
 * header, the header was captured, the line `name(type, length)` names it, then the end
 * TLV (type 0, whatever its length), a length shorter than the header, the PDU's length
 * and the capture may each end the walk.
 *
 * @param ctx The print context.
 * @param slow The layer.
 * @param at The TLV's first byte.
 * @param left The bytes left by the PDU's length.
 * @param name The TLV's line.
 * @returns The TLV's length (its bytes captured), or -1 when the walk ends here.
 */
export function tlvHeader(
  ctx: PrintContext,
  slow: Slow,
  at: number,
  left: number,
  name: (type: number, length: number) => string,
): number {
  if (left < 2) {
    slowTooShort(ctx);
    return -1;
  }
  const type = slow.tlvType(at);
  const length = slow.tlvLength(at);
  if (length < 0) {
    truncatedRead(ctx, "slow");
    return -1;
  }
  ctx.out.ascii(name(type, length));
  if (type === 0) return -1;
  if (length < 2) {
    ctx.out.ascii("\n\t    ERROR: illegal length - should be >= 2");
    return -1;
  }
  if (left < length) {
    slowTooShort(ctx);
    return -1;
  }
  if (!captured(slow.end, at, length)) {
    truncatedRead(ctx, "slow");
    return -1;
  }
  return length;
}

/** A TLV whose length is not its type's fixed length. */
export function illegalLength(ctx: PrintContext, expected: number): void {
  ctx.out.ascii(`\n\t    ERROR: illegal length - should be ${expected}`);
}

/** `value` in hexadecimal, `digits` wide. */
export function hex(value: number, digits: number): string {
  return value.toString(16).padStart(digits, "0");
}
