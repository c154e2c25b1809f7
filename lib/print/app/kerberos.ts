/**
 * Kerberos as tcpdump's krb_print() writes it: the version (` v5` for AS-REQ and AS-REP,
 * nothing for the other Kerberos 5 messages), and for Kerberos 4 the byte order, message
 * type and the principals, lifetimes and lengths of its common messages.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Kerberos } from "../../app/kerberos.ts";
import { truncated, truncatedRead } from "../_truncation.ts";
import { printChars } from "../_chars.ts";

/**
 * Prints a Kerberos message after its UDP header.
 *
 * @param ctx The print context.
 * @param krb The layer.
 */
export function printKerberos(ctx: PrintContext, krb: Kerberos): void {
  const out = ctx.out;
  ctx.done = true;
  const version = krb.version;
  if (version === undefined) return;
  out.ascii(` v${version}`);
  if (version !== 4) return;
  const typeByte = krb.typeByte;
  if (typeByte === undefined) {
    truncatedRead(ctx, "krb");
    return;
  }
  const type = typeByte & 0xfe;
  out.ascii(` ${krb.littleEndian ? "le" : "be"} ${TYPES[type] ?? `#${type}`}: `);
  if (type !== 2 && type !== 4 && type !== 6 && type !== 10) {
    out.ascii("(unknown)");
    return;
  }
  const { fields, cut } = krb.v4Fields();
  // What tcpdump writes before each field of each message type.
  const before = BEFORE[type]!;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    out.ascii(before[i] ?? "");
    if (field.kind === "string") {
      printChars(out, krb.data, field.start, field.end);
      if (!field.terminated) break;
    } else if (type === 2) out.ascii(` ${field.value * 5}min `);
    else if (type === 6) out.ascii(i === 0 ? `v${field.value} ` : ` (${field.value})`);
    else if (type === 4) out.ascii(` (${field.value})`);
    else out.ascii(` ${ERRORS[field.value] ?? `#${field.value}`} `);
  }
  if (cut) {
    // A string that runs to the capture's end is a plain truncation; a number is read
    // past it (tcpdump jumps out).
    const last = fields[fields.length - 1];
    if (last?.kind === "string" && !last.terminated) truncated(ctx, "krb");
    else truncatedRead(ctx, "krb");
  }
}

/** The separators tcpdump writes before each Kerberos 4 field, by message type. */
const BEFORE: Readonly<Record<number, readonly string[]>> = {
  2: ["", ".", "@", "", "", "."],
  4: ["", ".", "@", ""],
  6: ["", "", "", ""],
  10: ["", ".", "@", "", ""],
};

const ERRORS: readonly string[] = [
  "OK",
  "NAME_EXP",
  "SERVICE_EXP",
  "AUTH_EXP",
  "PKT_VER",
  "NAME_MAST_KEY_VER",
  "SERV_MAST_KEY_VER",
  "BYTE_ORDER",
  "PRINCIPAL_UNKNOWN",
  "PRINCIPAL_NOT_UNIQUE",
  "NULL_KEY",
];

const TYPES: Readonly<Record<number, string>> = {
  2: "KDC_REQUEST",
  4: "KDC_REPLY",
  6: "APPL_REQUEST",
  8: "APPL_REQUEST_MUTUAL",
  10: "ERR_REPLY",
  12: "PRIVATE",
  14: "SAFE",
  16: "APPL_ERR",
  126: "DIE",
};
