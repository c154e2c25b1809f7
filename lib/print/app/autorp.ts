/**
 * Cisco Auto-RP as tcpdump's cisco_autorp_print() writes it.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { AutoRp } from "../../app/autorp.ts";
import { relativeTime } from "../_shared.ts";
import { truncated, truncatedRead } from "../_truncation.ts";

const VERSIONS = [" PIMv?", " PIMv1", " PIMv2", " PIMv1+2"];

/**
 * Prints an Auto-RP message after its UDP header.
 *
 * @param ctx The print context.
 * @param autoRp The layer.
 */
export function printAutoRp(ctx: PrintContext, autoRp: AutoRp): void {
  const out = ctx.out;
  ctx.done = true;
  // The length is checked first; a read past the capture ends the packet.
  if (autoRp.wireLength < 8) return truncated(ctx, "cisco_autorp");
  out.ascii(" auto-rp ");
  const type = autoRp.type;
  if (type === 0x11) out.ascii("candidate-advert");
  else if (type === 0x12) out.ascii("mapping");
  else out.ascii(`type-0x${type.toString(16).padStart(2, "0")}`);
  if (autoRp.rpCount === undefined) return truncatedRead(ctx, "cisco_autorp");
  out.ascii(" Hold ");
  const hold = autoRp.holdTime;
  if (hold === undefined) return truncatedRead(ctx, "cisco_autorp");
  out.ascii(hold === 0 ? "FOREVER" : relativeTime(hold));
  const { rps, cut } = autoRp.body();
  const d = autoRp.data;
  for (const rp of rps) {
    out.ascii(" RP ");
    out.ipv4(d, rp.addressAt);
    if (rp.versions === undefined) break;
    out.ascii(VERSIONS[rp.versions & 3]!);
    if ((rp.versions & 0xfc) !== 0) out.ascii(` [rsvd=0x${hex2(rp.versions & 0xfc)}]`);
    let separator = " ";
    for (const prefix of rp.prefixes) {
      out.ascii(separator);
      if (prefix.negative) out.byte(0x21);
      out.ipv4(d, prefix.addressAt);
      out.ascii(`/${prefix.maskLength}`);
      if (prefix.bidir) out.ascii(" bidir");
      if (prefix.reserved !== 0) out.ascii(`[rsvd=0x${hex2(prefix.reserved)}]`);
      separator = ",";
    }
  }
  if (cut === "capture") truncatedRead(ctx, "cisco_autorp");
  else if (cut === "length") truncated(ctx, "cisco_autorp");
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, "0");
}
