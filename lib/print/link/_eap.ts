/**
 * An EAP packet (RFC 3748) as tcpdump's eap_print() writes it, for EAPOL and RADIUS's
 * EAP-Message attribute. Private to `lib/print/`.
 *
 * @module
 */

import { hex2 } from "../../_hex.ts";
import { readUint16, readUint32 } from "../../_bytes.ts";
import type { PrintContext } from "../context.ts";
import { printCharsUntilNul } from "../_chars.ts";

const CODES = [undefined, "Request", "Response", "Success", "Failure"];
const TYPES: ReadonlyMap<number, string> = new Map([
  [0, "No proposed"],
  [1, "Identity"],
  [2, "Notification"],
  [3, "Nak"],
  [4, "MD5-challenge"],
  [5, "OTP"],
  [6, "GTC"],
  [13, "TLS"],
  [18, "SIM"],
  [21, "TTLS"],
  [23, "AKA"],
  [43, "FAST"],
  [254, "Expanded types"],
  [255, "Experimental"],
]);
const SUBTYPES: ReadonlyMap<number, string> = new Map([
  [1, "Challenge"],
  [2, "Auth reject"],
  [4, "Sync failure"],
  [5, "Identity"],
  [10, "Start"],
  [11, "Challenge"],
  [12, "Notification"],
  [13, "Reauth"],
  [14, "Client error"],
]);

function tlsFlags(flags: number): string {
  const names = [[0x80, "L bit"], [0x40, "More fragments bit"], [0x20, "Start bit"]] as const;
  const set = names.filter(([bit]) => (flags & bit) !== 0).map(([, n]) => n);
  return set.length === 0 ? "none" : set.join(", ");
}

/**
 * Prints the EAP packet of `length` bytes at `at` as eap_print() does.
 *
 * @returns `false` when the capture (ending at `end`) cuts what it reads: the caller
 * prints its truncation mark.
 */
export function printEap(ctx: PrintContext, at: number, length: number, end: number): boolean {
  const out = ctx.out;
  const d = ctx.data;
  if (at + 4 > end) return false;
  const code = d[at]!;
  const eapLength = readUint16(d, at + 2);
  if (eapLength !== length) {
    out.ascii("EAP fragment?");
    return true;
  }
  out.ascii(`${CODES[code] ?? "unknown"} (${code}), id ${d[at + 1]}, len ${eapLength}`);
  if (eapLength < 4) {
    out.ascii(" (too short for EAP header)");
    return true;
  }
  if (at + eapLength > end) return false;
  if (code !== 1 && code !== 2) return true;
  if (eapLength < 5) {
    out.ascii(" (too short for EAP request/response)");
    return true;
  }
  const type = d[at + 4]!;
  out.ascii(`\n\t\t Type ${TYPES.get(type) ?? "unknown"} (${type})`);
  const text = (label: string) => {
    out.ascii(label);
    printCharsUntilNul(out, d, at + 5, eapLength - 5);
  };
  switch (type) {
    case 1:
      if (eapLength > 5) text(", Identity: ");
      return true;
    case 2:
      if (eapLength < 6) {
        out.ascii(" (too short for EAP Notification request/response)");
        return true;
      }
      text(", Notification: ");
      return true;
    case 3: {
      if (eapLength < 6) {
        out.ascii(" (too short for EAP Legacy NAK request/response)");
        return true;
      }
      let separator = "";
      for (let i = at + 5; i < at + eapLength; i++) {
        out.ascii(`${separator} ${TYPES.get(d[i]!) ?? "unknown"} (${d[i]})`);
        separator = ",";
      }
      return true;
    }
    case 13:
    case 21:
    case 43: {
      const name = type === 43 ? "FAST" : "TLS/TTLS";
      if (eapLength < 6) {
        out.ascii(` (too short for EAP ${name} request/response)`);
        return true;
      }
      const flags = d[at + 5]!;
      if (type === 21) out.ascii(` TTLSv${flags & 7}`);
      if (type === 43) out.ascii(` FASTv${flags & 7}`);
      out.ascii(` flags [${tlsFlags(flags)}] 0x${hex2(flags)}`);
      if ((flags & 0x80) !== 0) {
        if (eapLength < 10) {
          out.ascii(` (too short for EAP ${name} request/response with length)`);
          return true;
        }
        out.ascii(`, len ${readUint32(d, at + 6)}`);
      }
      return true;
    }
    case 18:
    case 23: {
      if (eapLength < 6) {
        out.ascii(" (too short for EAP SIM/AKA request/response)");
        return true;
      }
      const subtype = d[at + 5]!;
      out.ascii(` subtype [${SUBTYPES.get(subtype) ?? "unknown"}] 0x${hex2(subtype)}`);
      return true;
    }
  }
  return true;
}
