/**
 * RTCP as tcpdump's rtcp_print() writes it (`-T rtcp`): every packet of the datagram up to
 * the captured end, and [|rtcp] where a header, a sender report's information or a report
 * block was not captured (an ND_TCHECK: the packet's dump goes on).
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import {
  type Rtcp,
  RTCP_HEADER_LENGTH,
  RTCP_REPORT_LENGTH,
  RTCP_SENDER_INFO_LENGTH,
  type RtcpPacket,
  RtcpType,
} from "../../app/rtcp.ts";
import { truncated } from "../_truncation.ts";

/**
 * printf's `%.2f`: these values are binary fractions, so one halfway between two
 * hundredths (a fraction of .125, .375, .625 or .875) is exact and printf rounds it to the
 * even one, where toFixed() rounds it up.
 */
function hundredths(x: number): string {
  const whole = Math.floor(x);
  const fraction = x - whole;
  if (fraction === 0.125 || fraction === 0.625) {
    return `${whole}${fraction === 0.125 ? ".12" : ".62"}`;
  }
  return x.toFixed(2);
}

/**
 * Prints the RTCP packets of a datagram after its UDP header.
 *
 * @param ctx The print context.
 * @param rtcp The layer.
 */
export function printRtcp(ctx: PrintContext, rtcp: Rtcp): void {
  ctx.done = true;
  for (const packet of rtcp.packets()) {
    if (!printPacket(ctx, packet)) return truncated(ctx, "rtcp");
  }
}

/** Prints one packet; `false` where tcpdump's checks end it. */
function printPacket(ctx: PrintContext, packet: RtcpPacket): boolean {
  const out = ctx.out;
  if (!packet.captured) return false;
  const { length, type } = packet;
  let count = packet.count;
  const ssrc = ctx.verbose > 0 ? ` ${packet.ssrc}` : "";
  if (type === RtcpType.SR) {
    out.ascii(" sr");
    const expected = count * RTCP_REPORT_LENGTH + RTCP_SENDER_INFO_LENGTH + RTCP_HEADER_LENGTH;
    if (length !== expected) out.ascii(` [${length}]`);
    out.ascii(ssrc);
    const info = packet.senderInfo();
    if (info === undefined) return false;
    const ntp = info.ntpSeconds + info.ntpFraction / 4294967296;
    out.ascii(` @${hundredths(ntp)} ${info.rtpTimestamp} ${info.packets}p ${info.octets}b`);
  } else if (type === RtcpType.RR) {
    out.ascii(" rr");
    if (length !== count * RTCP_REPORT_LENGTH + RTCP_HEADER_LENGTH) out.ascii(` [${length}]`);
    out.ascii(ssrc);
  } else {
    if (type === RtcpType.SDES) out.ascii(` sdes ${length}${ssrc}`);
    else if (type === RtcpType.BYE) out.ascii(` bye ${length}${ssrc}`);
    else out.ascii(` type-0x${type.toString(16)} ${length}`);
    count = 0;
  }
  if (count > 1) out.ascii(` c${count}`);
  // rtcp_print() never moves its report pointer on: it prints the first block `count` times.
  for (let index = 0; index < count; index++) {
    const report = packet.report(0);
    if (report === undefined) return false;
    if (ctx.verbose > 0) out.ascii(` ${report.source}`);
    out.ascii(
      ` ${report.lost}l ${report.lastSequence}s ${report.jitter}j @${
        hundredths(report.lastReport / 65536)
      }+${hundredths(report.delay / 65536)}`,
    );
  }
  return true;
}
