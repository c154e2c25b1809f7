/**
 * VAT (the LBL visual audio tool) and vt as tcpdump's vat_print() writes them.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Vat } from "../../app/vat.ts";
import { truncatedRead } from "../_truncation.ts";

/**
 * Prints a VAT or vt packet after its UDP header.
 *
 * @param ctx The print context.
 * @param vat The layer.
 */
export function printVat(ctx: PrintContext, vat: Vat): void {
  const out = ctx.out;
  ctx.done = true;
  const length = vat.wireLength;
  if (length < 2) return out.ascii(`udp/va/vat, length ${length} < 2`);
  const first = vat.first;
  if (first === undefined) return truncatedRead(ctx, "vat");
  if (vat.vt) return out.ascii(`udp/vt ${length} ${first & 0x3ff} / ${first >> 10}`);
  if (length < 8) return out.ascii(`udp/vat, length ${length} < 8`);
  if (vat.timestamp === undefined) return truncatedRead(ctx, "vat");
  out.ascii(`udp/vat ${length - 8} c${vat.conference} ${vat.timestamp}`);
  if (vat.flagged) out.byte(0x2a);
  if (vat.format !== 0) out.ascii(` f${vat.format}`);
  if (vat.sequence !== 0) out.ascii(` s${vat.sequence}`);
}
