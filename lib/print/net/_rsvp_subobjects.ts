/**
 * The subobjects of RSVP's ERO/RRO and Generalized UNI objects as tcpdump's
 * rsvp_obj_print() prints them (private to the RSVP printer).
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { formatIpv4, formatIpv6 } from "../../address.ts";
import { readUint32 } from "../../_bytes.ts";
import { bitNames } from "../_shared.ts";
import { AFI_NAMES } from "../_names.ts";
import { invalid } from "../_truncation.ts";
import { CTYPES, ROUTE_SUBOBJECTS, RRO_FLAGS, UNI_SUBOBJECTS } from "./_rsvp_names.ts";

/**
 * The subobjects of an ERO or RRO (IPv4 class type) in `n` bytes at `p`, captured, as
 * tcpdump's rsvp_obj_print() walks them: a subobject longer than the rest or of length 0
 * ends the walk (the object is done); a prefix or label of the wrong size ends the message
 * with ` (invalid)` (`false`).
 */
export function routeSubobjects(ctx: PrintContext, p: number, n: number, indent: string): boolean {
  const out = ctx.out;
  const d = ctx.data;
  while (n >= 4) {
    const type = d[p]! & 0x7f;
    const length = d[p + 1]!;
    out.ascii(`${indent}  Subobject Type: ${ROUTE_SUBOBJECTS.get(type) ?? `Unknown ${type}`}, `);
    out.ascii(`length ${length}`);
    if (n < length) {
      out.ascii(`${indent}  ERROR: ERO subobject length > object length`);
      return true;
    }
    if (length === 0) {
      out.ascii(`${indent}  ERROR: zero length ERO subtype`);
      return true;
    }
    if (type === 1 || type === 3) {
      if (length !== 8) {
        out.ascii(" ERROR: length != 8 (invalid)");
        return false;
      }
      if (type === 1) {
        const prefix = d[p + 6]!;
        if (prefix !== 32) {
          out.ascii(` ERROR: Prefix length ${prefix} != 32 (invalid)`);
          return false;
        }
        out.ascii(`, ${(d[p]! & 0x80) !== 0 ? "Loose" : "Strict"}, ${formatIpv4(d, p + 2)}/32, `);
        out.ascii(`Flags: [${bitNames(RRO_FLAGS, d[p + 7]!)}]`);
      } else {
        const flags = d[p + 2]!;
        const ctype = d[p + 3]!;
        out.ascii(`, Flags: [${bitNames([[0x01, "Global"]], flags)}] `);
        out.ascii(`(${flags === 0 ? "0" : `0x${flags.toString(16)}`}), Class-Type: `);
        out.ascii(
          `${CTYPES.get(21 * 256 + ctype) ?? "Unknown"} (${ctype}), ${readUint32(d, p + 4)}`,
        );
      }
    }
    n -= length;
    p += length;
  }
  return true;
}

/**
 * The subobjects of a Generalized UNI object (`n` bytes at `p`, captured) as tcpdump's
 * rsvp_obj_print() walks them; `true` when one asks for the object's dump, `undefined`
 * after an error that ends the message (` (invalid)` or a sub-object too short).
 */
export function uniSubobjects(
  ctx: PrintContext,
  p: number,
  n: number,
  indent: string,
): boolean | undefined {
  const out = ctx.out;
  const d = ctx.data;
  let dump = false;
  let total = n;
  // tcpdump adds each subobject's length to the object's (it meant to subtract it).
  let objectLength = n;
  const tooShort = () => {
    out.ascii(`${indent}ERROR: sub-object is too short`);
    return undefined;
  };
  while (total > 0) {
    if (total < 4) return void invalid(ctx);
    const length = (d[p]! << 8) | d[p + 1]!;
    const type = d[p + 2]!;
    const af = d[p + 3]!;
    out.ascii(`${indent}  Subobject Type: ${UNI_SUBOBJECTS.get(type) ?? "Unknown"} (${type}), `);
    out.ascii(`AF: ${AFI_NAMES.get(af) ?? "Unknown"} (${af}), length: ${length}`);
    if (length < 4 || length > total || objectLength < length) return void invalid(ctx);
    if (type === 1 || type === 2) {
      if (af === 1) {
        if (length < 8) return tooShort();
        out.ascii(`${indent}    UNI IPv4 TNA address: ${formatIpv4(d, p + 4)}`);
      } else if (af === 2) {
        if (length < 20) return tooShort();
        out.ascii(`${indent}    UNI IPv6 TNA address: ${formatIpv6(d, p + 4)}`);
      } else if (af === 3) dump = true;
    } else if (type === 3) {
      if (length > 4) dump = true;
    } else if (type === 4) {
      if (length < 16) return tooShort();
      const word = readUint32(d, p + 4);
      out.ascii(`${indent}    U-bit: ${(word >>> 31).toString(16)}, Label type: ${word & 0xff}, `);
      out.ascii(`Logical port id: ${readUint32(d, p + 8)}, Label: ${readUint32(d, p + 12)}`);
    } else if (type === 5) {
      if (length < 8) return tooShort();
      out.ascii(`${indent}    Service level: ${d[p + 4]!}`);
    } else dump = true;
    total -= length;
    p += length;
    objectLength += length;
  }
  return dump;
}
