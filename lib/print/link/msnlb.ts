/**
 * MS NLB heartbeats (EtherType `0x886f`) as tcpdump's msnlb_print() writes them: the host
 * priority, the cluster's IP address and the host's, at every verbosity.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Msnlb } from "../../link/msnlb.ts";
import { truncatedRead } from "../_truncation.ts";

/**
 * Prints an MS NLB heartbeat.
 *
 * @param ctx The print context.
 * @param heartbeat The layer.
 */
export function printMsnlb(ctx: PrintContext, heartbeat: Msnlb): void {
  ctx.done = true;
  const out = ctx.out;
  out.ascii("MS NLB heartbeat");
  // tcpdump reads each field as it prints it: the first one past the capture ends the packet.
  const priority = heartbeat.hostPriority;
  if (priority < 0) return truncatedRead(ctx, "msnlb");
  out.ascii(", host priority: ");
  out.uint(priority);
  const cluster = heartbeat.clusterIpOffset;
  if (cluster < 0) return truncatedRead(ctx, "msnlb");
  out.ascii(", cluster IP: ");
  out.ipv4(heartbeat.data, cluster);
  const host = heartbeat.hostIpOffset;
  if (host < 0) return truncatedRead(ctx, "msnlb");
  out.ascii(", host IP: ");
  out.ipv4(heartbeat.data, host);
}
