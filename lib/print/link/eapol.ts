/**
 * EAPOL and EAP as tcpdump's eapol_print() and eap_print() write them.
 *
 * @module
 */

import { hex2 } from "../../_hex.ts";
import { readUint32 } from "../../_bytes.ts";
import { truncated } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import { type Eapol, EapolType } from "../../link/eapol.ts";

import { printCharsUntilNul } from "../_chars.ts";

const FRAME_TYPES = [
  "EAP packet",
  "EAPOL start",
  "EAPOL logoff",
  "EAPOL key",
  "Encapsulated ASF alert",
];
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
 * Prints an EAPOL packet, and with `-v` the EAP packet in it.
 *
 * @param ctx The print context.
 * @param eapol The layer.
 */
export function printEapol(ctx: PrintContext, eapol: Eapol): void {
  ctx.done = true;
  const out = ctx.out;
  out.ascii(`${FRAME_TYPES[eapol.type] ?? "unknown"} (${eapol.type}) v${eapol.version}`);
  out.ascii(`, len ${eapol.bodyLength}`);
  if (ctx.verbose < 1 || eapol.type !== EapolType.EAP_PACKET) return;
  const length = eapol.bodyLength;
  if (length === 0) {
    truncated(ctx, "eap");
    return;
  }
  out.ascii(", ");
  const code = eapol.eapCode;
  const eapLength = eapol.eapLength;
  if (code < 0 || eapLength < 0) {
    truncated(ctx, "eap");
    return;
  }
  if (eapLength !== length) {
    out.ascii("EAP fragment?");
    return;
  }
  out.ascii(`${CODES[code] ?? "unknown"} (${code}), id ${eapol.eapId}, len ${eapLength}`);
  if (eapLength < 4) {
    out.ascii(" (too short for EAP header)");
    return;
  }
  const at = eapol.eapOffset;
  if (at + eapLength > eapol.end) {
    truncated(ctx, "eap");
    return;
  }
  if (code !== 1 && code !== 2) return;
  if (eapLength < 5) {
    out.ascii(" (too short for EAP request/response)");
    return;
  }
  const type = eapol.eapType;
  const d = ctx.data;
  out.ascii(`\n\t\t Type ${TYPES.get(type) ?? "unknown"} (${type})`);
  const text = (label: string) => {
    out.ascii(label);
    printCharsUntilNul(out, d, at + 5, eapLength - 5);
  };
  switch (type) {
    case 1:
      if (eapLength > 5) text(", Identity: ");
      return;
    case 2:
      if (eapLength < 6) {
        out.ascii(" (too short for EAP Notification request/response)");
        return;
      }
      text(", Notification: ");
      return;
    case 3: {
      if (eapLength < 6) {
        out.ascii(" (too short for EAP Legacy NAK request/response)");
        return;
      }
      let separator = "";
      for (let i = at + 5; i < at + eapLength; i++) {
        out.ascii(`${separator} ${TYPES.get(d[i]!) ?? "unknown"} (${d[i]})`);
        separator = ",";
      }
      return;
    }
    case 13:
    case 21:
    case 43: {
      const name = type === 43 ? "FAST" : "TLS/TTLS";
      if (eapLength < 6) {
        out.ascii(` (too short for EAP ${name} request/response)`);
        return;
      }
      const flags = eapol.eapTypeData;
      if (type === 21) out.ascii(` TTLSv${flags & 7}`);
      if (type === 43) out.ascii(` FASTv${flags & 7}`);
      out.ascii(` flags [${tlsFlags(flags)}] 0x${hex2(flags)}`);
      if ((flags & 0x80) !== 0) {
        if (eapLength < 10) {
          out.ascii(` (too short for EAP ${name} request/response with length)`);
          return;
        }
        out.ascii(`, len ${readUint32(d, at + 6)}`);
      }
      return;
    }
    case 18:
    case 23: {
      if (eapLength < 6) {
        out.ascii(" (too short for EAP SIM/AKA request/response)");
        return;
      }
      const subtype = eapol.eapTypeData;
      out.ascii(` subtype [${SUBTYPES.get(subtype) ?? "unknown"}] 0x${hex2(subtype)}`);
      return;
    }
  }
}
