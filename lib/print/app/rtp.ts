/**
 * RTP (versions 1 and 2) as tcpdump's rtp_print() writes it (`-T rtp`): every read past the
 * capture ends the packet with [|rtp] (a longjmp).
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Rtp } from "../../app/rtp.ts";
import { truncatedRead } from "../_truncation.ts";

/**
 * Prints an RTP packet after its UDP header.
 *
 * @param ctx The print context.
 * @param rtp The layer.
 */
export function printRtp(ctx: PrintContext, rtp: Rtp): void {
  const out = ctx.out;
  ctx.done = true;
  const length = rtp.wireLength;
  if (length < 8) return out.ascii(`udp/rtp, length ${length} < 8`);
  const first = rtp.word(0);
  const timestamp = rtp.word(1);
  if (first === undefined || timestamp === undefined) return truncatedRead(ctx, "rtp");
  const v1 = rtp.version === 1;
  if (!v1 && length < 12) return out.ascii(`udp/rtp, length ${length} < 12`);
  out.ascii(`udp/${v1 ? "rtpv1" : "rtp"} ${length - 4 * rtp.headerWords} c${rtp.payloadType} `);
  if (rtp.hasOptions || rtp.hasExtension) out.byte(0x2b);
  if (rtp.marker) out.byte(0x2a);
  out.ascii(` ${rtp.sequence} ${timestamp}`);
  if (ctx.verbose === 0) return;
  const third = rtp.word(2);
  if (third === undefined) return truncatedRead(ctx, "rtp");
  out.ascii(` ${third}`);
  const { status, h261 } = rtp.trailer();
  if (status === "cut") return truncatedRead(ctx, "rtp");
  if (status === "bad-option") return out.ascii(" !opt");
  if (status === "bad-extension") return out.ascii(" !ext");
  if (h261 !== undefined) out.ascii(` 0x${h261.toString(16).padStart(4, "0")}`);
}
