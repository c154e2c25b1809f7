/**
 * IPv6 as tcpdump's ip6_print() writes it.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import type { Ipv6 } from "../../net/ipv6.ts";
import { IP_PROTOCOL_NAMES } from "../_names.ts";
import { enterIpPacket, ipCarriedFrame, knownIpProtocol, protocolFallback } from "../_shared.ts";
import { ipv6BytesMissing } from "../_truncation.ts";

/**
 * Prints an IPv6 header.
 *
 * @param ctx The print context.
 * @param ip The layer.
 * @param next The layer after it.
 */
export function printIpv6(ctx: PrintContext, ip: Ipv6, next: Layer | undefined): void {
  const out = ctx.out;
  ctx.network = true;
  ctx.addressAt = ip.offset + 8;
  ctx.ipVersion = 6;
  ctx.networkLayer = ip;
  ctx.ipv6PayloadLength = ip.payloadLength;
  ctx.ttl = ip.hopLimit;
  ctx.fragment = false;
  const given = enterIpPacket(
    ctx,
    ip.payloadLength === 0 ? ip.end : ip.offset + 40 + ip.payloadLength,
  );
  if (given >= 0 && given < 40) {
    // A tunnel's message too short for the header the capture holds.
    out.ascii(`truncated-ip6 ${given}`);
    ctx.done = true;
    return;
  }
  if (!ctx.link) out.ascii("IP6 ");
  if (ip.payloadLength !== 0) {
    ipv6BytesMissing(ctx, ip.offset, 40 + ip.payloadLength, given >= 0 ? given : undefined);
  }
  if (ctx.verbose > 0) {
    out.byte(0x28);
    if (ip.trafficClass !== 0) {
      out.ascii("class 0x");
      out.hex(ip.trafficClass, 2);
      out.ascii(", ");
    }
    if (ip.flowLabel !== 0) {
      out.ascii("flowlabel 0x");
      out.hex(ip.flowLabel, 5);
      out.ascii(", ");
    }
    out.ascii("hlim ");
    out.uint(ip.hopLimit);
    out.ascii(", next-header ");
    out.ascii(IP_PROTOCOL_NAMES.get(ip.nextHeader) ?? "unknown");
    out.ascii(" (");
    out.uint(ip.nextHeader);
    out.ascii(") payload length: ");
    out.uint(ip.payloadLength);
    out.ascii(") ");
  }
  ctx.pending = ip.nextHeader === 6 || ip.nextHeader === 17 || ip.nextHeader === 33 ||
    ip.nextHeader === 132;
  if (!ctx.pending) {
    out.ipv6(ip.data, ip.offset + 8);
    out.ascii(" > ");
    out.ipv6(ip.data, ip.offset + 24);
    out.ascii(": ");
  }
  if (next === undefined && !ctx.pending && !knownIpProtocol(ctx, ip.nextHeader)) {
    protocolFallback(ctx, ip.nextHeader, ctx.ipEnd - (ip.offset + 40));
    ctx.done = true;
  }
  ipCarriedFrame(ctx, next);
}
