/**
 * LISP control messages as tcpdump's lisp_print() writes them: the type's name; for a
 * Map-Register or Map-Notify the record count, each record's EID prefix and locator count
 * and each locator's address, then the xTR-ID and site-ID or the bytes left; with `-v`
 * the header flags, the authentication, each record's TTL, action and map version and
 * each locator's priorities, weights and flags.
 *
 * @module
 */

import { formatIpv4, formatIpv6 } from "../../address.ts";
import { readUint16, readUint32 } from "../../_bytes.ts";
import type { PrintContext } from "../context.ts";
import {
  type Lisp,
  LISP_MAP_NOTIFY,
  LISP_MAP_REGISTER,
  type LispLocator,
  type LispRecord,
} from "../../app/lisp.ts";
import { invalid, truncated, truncatedRead } from "../_truncation.ts";
import { hexPrint } from "../_hex.ts";
import { bitNames } from "../_shared.ts";

const TYPES: ReadonlyMap<number, string> = new Map([
  [0, "LISP-Reserved"],
  [1, "LISP-Map-Request"],
  [2, "LISP-Map-Reply"],
  [3, "LISP-Map-Register"],
  [4, "LISP-Map-Notify"],
  // tcpdump's spelling.
  [8, "LISP-Encapsulated-Contol-Message"],
]);

const REGISTER_FLAGS: readonly (readonly [number, string])[] = [
  [0x08000000, "P-Proxy-Map-Reply"],
  [0x04000000, "S-LISP-SEC-Capable"],
  [0x02000000, "I-xTR-ID-Present"],
  [0x01000000, "R-Build-For-RTR"],
  [0x00000100, "M-Want-Map-Notify"],
];

const NOTIFY_FLAGS: readonly (readonly [number, string])[] = [
  [0x08000000, "I-xTR-ID-Present"],
  [0x04000000, "R-Build-For-RTR"],
];

const LOCATOR_FLAGS: readonly (readonly [number, string])[] = [
  [0x0004, "Local-Locator"],
  [0x0002, "RLoc-Probed"],
  [0x0001, "Reachable"],
];

const AUTH_TYPES = ["None", "SHA1", "SHA256"];
const ACTIONS = ["No-Action", "Natively-Forward", "Send-Map-Request", "Drop"];

/** An address of family 1 (IPv4) or 2 (IPv6) at `at`. */
function address(data: Uint8Array, afi: number, at: number): string {
  return afi === 1 ? formatIpv4(data, at) : formatIpv6(data, at);
}

/**
 * Prints a LISP control message after its UDP header.
 *
 * @param ctx The print context.
 * @param lisp The layer.
 */
export function printLisp(ctx: PrintContext, lisp: Lisp): void {
  const out = ctx.out;
  ctx.done = true;
  const type = lisp.type;
  out.ascii(`${TYPES.get(type) ?? `unknown-type-${type}`},`);
  const register = type === LISP_MAP_REGISTER;
  if (!register && type !== LISP_MAP_NOTIFY) return;
  const verbose = ctx.verbose > 0;
  if (verbose) {
    out.ascii(` flags [${bitNames(register ? REGISTER_FLAGS : NOTIFY_FLAGS, lisp.flags)}],`);
    out.ascii(`\n    ${lisp.recordCount} record(s), `);
    out.ascii(`Authentication ${AUTH_TYPES[lisp.keyId] ?? "unknown-type"},`);
    // hex_print() prints what was captured, then stops the packet as a read past it would.
    const from = lisp.authOffset;
    const end = lisp.offset + lisp.captured;
    hexPrint(ctx, "\n    Authentication-Data: ", from, Math.min(from + lisp.authLength, end));
    if (from + lisp.authLength > end) return truncatedRead(ctx, "lisp");
  } else out.ascii(` ${lisp.recordCount} record(s),`);
  const { records, stop, trailer } = lisp.walk();
  const last = records.length - 1;
  records.forEach((record, i) => printRecord(ctx, record, i === last ? stop : "end"));
  switch (stop) {
    case "no-records":
    case "xtr-short":
      return invalid(ctx);
    case "record-cut":
    case "locator-cut":
    case "address-cut":
      return void truncated(ctx, "lisp");
    case "eid-cut":
      return truncatedRead(ctx, "lisp");
    case "xtr":
      hexPrint(ctx, "\n    xTR-ID: ", trailer, trailer + 16);
      out.ascii(
        `\n    SITE-ID: ${
          (BigInt(readUint32(ctx.data, trailer + 16)) << 32n) +
          BigInt(readUint32(ctx.data, trailer + 20))
        }`,
      );
      return;
    case "data":
      return hexPrint(ctx, "\n    Data: ", trailer, lisp.offset + lisp.captured);
  }
}

/** One EID record and its locators, as far as `stop` lets the walk go. */
function printRecord(ctx: PrintContext, record: LispRecord, stop: string): void {
  const out = ctx.out;
  const data = ctx.data;
  const at = record.offset;
  out.byte(0x0a);
  if (ctx.verbose > 0) {
    const flags = data[at + 6]!;
    out.ascii(`      Record TTL ${readUint32(data, at) >>> 0},`);
    out.ascii((flags & 0x10) !== 0 ? " Authoritative," : " Non-Authoritative,");
    out.ascii(` ${ACTIONS[flags >> 5] ?? "unknown"},`);
    out.ascii(` Map Version: ${readUint16(data, at + 8) & 0x0fff},`);
  }
  if (stop === "eid-afi" || stop === "eid-cut") return;
  out.ascii(` EID ${address(data, record.eidAfi, record.eidOffset)}/${data[at + 5]},`);
  out.ascii(` ${data[at + 4]} locator(s)`);
  const last = record.locators.length - 1;
  record.locators.forEach((locator, i) =>
    printLocator(ctx, locator, i === last && stop === "address-cut")
  );
}

/** One locator: its address, and with `-v` its priorities, weights and flags. */
function printLocator(ctx: PrintContext, locator: LispLocator, cut: boolean): void {
  const out = ctx.out;
  const data = ctx.data;
  const verbose = ctx.verbose > 0;
  if (verbose) out.ascii("\n       ");
  if (cut) return;
  if (locator.afi === 1 || locator.afi === 2) {
    out.ascii(` LOC ${address(data, locator.afi, locator.addressOffset)}`);
  }
  if (!verbose) return;
  const at = locator.offset;
  out.ascii(`\n          Priority/Weight ${data[at]}/${data[at + 1]},`);
  out.ascii(` Multicast Priority/Weight ${data[at + 2]}/${data[at + 3]},`);
  out.ascii(` flags [${bitNames(LOCATOR_FLAGS, readUint16(data, at + 4))}],`);
}
