/**
 * RADIUS as tcpdump's radius_print() writes it: the code, identifier and length on one
 * line; with `-v` the authenticator and every attribute, each value as its type's print
 * function writes it; with `-vv` each value's bytes in hex too.
 *
 * @module
 */

import { hex2 } from "../../_hex.ts";
import type { PrintContext } from "../context.ts";
import { type Radius, RADIUS_HEADER_LENGTH } from "../../app/radius.ts";
import { markTruncated, truncated, truncatedRead } from "../_truncation.ts";
import { unknownData } from "../_hex.ts";
import { ATTRIBUTES } from "./_radius_names.ts";
import { VALUE_PRINTERS } from "./_radius_values.ts";

const UNKNOWN = ["Unknown", "-"] as const;

const COMMANDS: ReadonlyMap<number, string> = new Map([
  [1, "Access-Request"],
  [2, "Access-Accept"],
  [3, "Access-Reject"],
  [4, "Accounting-Request"],
  [5, "Accounting-Response"],
  [11, "Access-Challenge"],
  [12, "Status-Server"],
  [13, "Status-Client"],
  [40, "Disconnect-Request"],
  [41, "Disconnect-ACK"],
  [42, "Disconnect-NAK"],
  [43, "CoA-Request"],
  [44, "CoA-ACK"],
  [45, "CoA-NAK"],
  [255, "Reserved"],
]);

/**
 * Prints a RADIUS packet after its UDP header.
 *
 * @param ctx The print context.
 * @param radius The layer.
 */
export function printRadius(ctx: PrintContext, radius: Radius): void {
  const out = ctx.out;
  ctx.done = true;
  if (radius.declaredLength < RADIUS_HEADER_LENGTH) return void truncated(ctx, "radius");
  const length = radius.length;
  const code = radius.code;
  const name = `${COMMANDS.get(code) ?? "Unknown Command"} (${code})`;
  const id = hex2(radius.identifier);
  if (ctx.verbose < 1) {
    out.ascii(`RADIUS, ${name}, id: 0x${id} length: ${length}`);
    return;
  }
  out.ascii(`RADIUS, length: ${length}\n\t${name}, id: 0x${id}, Authenticator: `);
  const auth = radius.authenticatorOffset;
  for (let i = auth; i < auth + 16; i++) out.ascii(hex2(ctx.data[i]!));
  if (length > RADIUS_HEADER_LENGTH) attributes(ctx, radius);
}

/** radius_attrs_print(): each attribute's type, length and value. */
function attributes(ctx: PrintContext, radius: Radius): void {
  const out = ctx.out;
  const end = radius.offset + radius.captured;
  const { attributes, stop } = radius.attributes();
  const last = attributes.length - 1;
  for (let i = 0; i <= last; i++) {
    const { type, offset, length } = attributes[i]!;
    const [name, kind] = (type !== 0 && ATTRIBUTES[type]) || UNKNOWN;
    out.ascii(`\n\t  ${name} Attribute (${type}), length: ${length}`);
    if (length < 2) return out.ascii(" (bogus, must be >= 2)");
    if (i === last && stop === "long") return out.ascii(" (bogus, goes past end of packet)");
    out.ascii(", Value: ");
    if (length > 2 && kind !== "-") {
      if (!VALUE_PRINTERS[kind](ctx, type, offset + 2, length - 2, end)) {
        return truncatedRead(ctx, "radius");
      }
    }
    if (ctx.verbose > 1) unknownData(ctx, offset + 2, length - 2, "\n\t    ");
  }
  if (stop === "cut") markTruncated(ctx, "radius");
}
