/**
 * EAPOL and EAP as tcpdump's eapol_print() and eap_print() write them.
 *
 * @module
 */

import { truncated } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import { type Eapol, EapolType } from "../../link/eapol.ts";
import { printEap } from "./_eap.ts";

const FRAME_TYPES = [
  "EAP packet",
  "EAPOL start",
  "EAPOL logoff",
  "EAPOL key",
  "Encapsulated ASF alert",
];

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
  if (!printEap(ctx, eapol.eapOffset, length, eapol.end)) truncated(ctx, "eap");
}
