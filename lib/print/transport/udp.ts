/**
 * UDP as tcpdump's udp_print() writes it: ports, checksum at `-v`/`-vv`, then the
 * application (DNS, DHCP, NTP) or the length.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import type { Udp } from "../../transport/udp.ts";
import { expectedChecksum, ports, transportSum } from "../_shared.ts";

/**
 * Prints a UDP header.
 *
 * @param ctx The print context.
 * @param udp The layer.
 * @param next The layer after it.
 */
export function printUdp(ctx: PrintContext, udp: Udp, next: Layer | undefined): void {
  const out = ctx.out;
  ctx.done = true;
  ports(ctx, udp.sourcePort, udp.destinationPort);
  const available = ctx.network ? ctx.ipEnd - udp.offset : udp.end - udp.offset;
  const length = udp.length === 0 ? available : udp.length;
  // tcpdump checks IPv4 UDP checksums from -vv on, IPv6 ones (mandatory) from -v.
  // It prints NFS before it checks (and then does not).
  const nfs = next?.kind === "nfs" && next.nfsMessage;
  const check = !nfs && (ctx.ipVersion === 4 ? ctx.verbose > 1 : ctx.verbose > 0);
  if (check && ctx.network && !ctx.fragment && ctx.ipVersion === 4 && udp.checksum === 0) {
    out.ascii("[no cksum] ");
  } else if (check && ctx.network && !ctx.fragment && length <= available) {
    const sum = transportSum(ctx, udp.offset, 17);
    if (sum === 0) out.ascii("[udp sum ok] ");
    else if (sum > 0) {
      out.ascii("[bad udp cksum 0x");
      out.hex(udp.checksum, 4);
      out.ascii(" -> 0x");
      out.hex(expectedChecksum(udp.checksum, sum), 4);
      out.ascii("!] ");
    }
  }
  if (ctx.quiet) {
    out.ascii("UDP, length ");
    out.uint(Math.max(0, length - 8));
    return;
  }
  if (
    next === undefined && (udp.sourcePort === 53 || udp.destinationPort === 53) &&
    length - 8 < 12 && length <= available
  ) {
    out.ascii(`domain [length ${length - 8} < 12] (invalid)`);
    return;
  }
  if (next !== undefined) {
    // An application layer decoded, or its decoder kept what a cut message holds (see
    // DecodeError.partial): its printer goes on.
    ctx.done = false;
    return;
  }
  if (length > available && !ctx.fragment) {
    out.ascii("UDP, bad length ");
    out.uint(length - 8);
    out.ascii(" > ");
    out.uint(available - 8);
    return;
  }
  out.ascii("UDP, length ");
  out.uint(length - 8);
}
