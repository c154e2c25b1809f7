/**
 * DTP as tcpdump's dtp_print() writes it: the version and length, and with `-v` one line
 * per TLV.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Dtp } from "../../link/dtp.ts";
import { invalid } from "../_truncation.ts";
import { printCharsUntilNul } from "../_chars.ts";
import { linkPayloadLength } from "../_shared.ts";

const TLV_NAMES = ["", "Domain", "Status", "DTP type", "Neighbor"];

/**
 * Prints a DTP message.
 *
 * @param ctx The print context.
 * @param dtp The layer.
 */
export function printDtp(ctx: PrintContext, dtp: Dtp): void {
  const out = ctx.out;
  ctx.done = true;
  const length = linkPayloadLength(ctx, dtp.offset);
  out.ascii(`DTPv${dtp.version}, length ${length}`);
  if (ctx.verbose < 1) return;
  const d = dtp.data;
  const list = dtp.tlvList(Math.min(length, dtp.end - dtp.offset) - 1);
  for (const tlv of list.tlvs) {
    out.ascii(`\n\t${TLV_NAMES[tlv.type] || "Unknown"} (0x`);
    out.hex(tlv.type, 4);
    out.ascii(`) TLV, length ${tlv.length}`);
    if (tlv.length < 4 || list.stop === "bad-length" && tlv === list.tlvs.at(-1)) {
      out.ascii(`[invalid TLV length ${tlv.length}]`);
      invalid(ctx);
      return;
    }
    const at = tlv.offset + 4;
    switch (tlv.type) {
      case 1:
        out.ascii(", ");
        printCharsUntilNul(out, d, at, tlv.offset + tlv.length - at);
        break;
      case 2:
      case 3:
        if (tlv.length !== 5) return invalid(ctx);
        out.ascii(`, 0x${d[at]!.toString(16)}`);
        break;
      case 4:
        if (tlv.length !== 10) return invalid(ctx);
        out.ascii(", ");
        out.mac(d, at);
        break;
    }
  }
  if (list.stop === "short") {
    out.ascii(`[${list.remaining} bytes remaining]`);
    invalid(ctx);
  }
}
