/**
 * UDP encapsulation of ESP as tcpdump's isakmp_rfc3948_print() writes it: a NAT
 * keepalive, `NONESP-encap:` before IKE, `UDP-encap:` before ESP.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import type { UdpEncap } from "../../net/udp_encap.ts";

/**
 * Prints the start of a message on the NAT traversal port.
 *
 * @param ctx The print context.
 * @param encap The layer.
 * @param next The layer after it.
 */
export function printUdpEncap(ctx: PrintContext, encap: UdpEncap, next: Layer | undefined): void {
  const out = ctx.out;
  switch (encap.type) {
    case "keepalive":
      out.ascii("isakmp-nat-keep-alive");
      ctx.done = true;
      return;
    case "ike":
      // tcpdump prints the IKE message; wirekit prints it when an IKE decoder is bound to
      // UDP port 500.
      out.ascii("NONESP-encap: ");
      if (next === undefined && ctx.error === undefined) ctx.done = true;
      return;
    case "esp":
      out.ascii("UDP-encap: ");
      return;
  }
}
