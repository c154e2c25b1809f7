/**
 * Kerberos as tcpdump's krb_print() writes it: the version (` v5` for AS-REQ and AS-REP,
 * nothing for the other Kerberos 5 messages), and for Kerberos 4 the byte order and
 * message type.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Kerberos } from "../../app/kerberos.ts";

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
    out.ascii(" [|krb]");
    return;
  }
  const type = typeByte & 0xfe;
  out.ascii(` ${(typeByte & 1) !== 0 ? "le" : "be"} ${TYPES[type] ?? `#${type}`}: `);
  // The bodies of Kerberos 4 messages (principals, lifetimes) are not printed here.
  if (TYPES[type] === undefined || ![2, 4, 6, 10].includes(type)) out.ascii("(unknown)");
}

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
