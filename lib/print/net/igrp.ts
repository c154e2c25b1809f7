/**
 * IGRP as tcpdump's igrp_print() writes it: the opcode, version, edition, autonomous
 * system and the three route counts, with `-v` the checksum, then each route entry with
 * its network (`*.a.b.c` interior, `a.b.c.0` system, `Xa.b.c.0` exterior) and metrics,
 * ` [extra bytes N]` past the counted routes and ` (invalid)` when counts and bytes differ.
 *
 * @module
 */

import { truncatedRead } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Igrp, IgrpRoute } from "../../net/igrp.ts";

/**
 * Prints an IGRP packet.
 *
 * @param ctx The print context.
 * @param igrp The layer.
 */
export function printIgrp(ctx: PrintContext, igrp: Igrp): void {
  const out = ctx.out;
  ctx.done = true;
  out.ascii("igrp:");
  // igrp_print() reads the three counts, then the first four bytes, before it prints them.
  if (igrp.captured < 10) return truncatedRead(ctx, "igrp");
  const opcode = OPCODE_NAMES[igrp.opcode] ?? `op-#${igrp.opcode}`;
  out.ascii(` ${opcode} V${igrp.version} edit=${igrp.edition} AS=${igrp.autonomousSystem}`);
  out.ascii(` (${igrp.interiorCount}/${igrp.systemCount}/${igrp.exteriorCount})`);
  if (igrp.captured < 12) return truncatedRead(ctx, "igrp");
  if (ctx.verbose > 0) {
    out.ascii(" checksum=0x");
    out.hex(igrp.checksum, 4);
  }
  const { routes, truncated, extraBytes, invalid } = igrp.routes();
  for (const route of routes) {
    const [a, b, c] = route.network;
    if (route.routeClass === "interior") out.ascii(` *.${a}.${b}.${c}`);
    else out.ascii(` ${route.routeClass === "system" ? "" : "X"}${a}.${b}.${c}.0`);
    if (!route.metricCaptured) break;
    printMetric(ctx, route);
  }
  if (truncated) return truncatedRead(ctx, "igrp");
  if (extraBytes > 0) out.ascii(` [extra bytes ${extraBytes}]`);
  if (invalid) out.ascii(" (invalid)");
}

function printMetric(ctx: PrintContext, route: IgrpRoute): void {
  // The bandwidth field is 10^7 over the bandwidth: tcpdump prints it back in kbit/s.
  const bandwidth = route.bandwidth === 0 ? 0 : Math.floor(10000000 / route.bandwidth);
  ctx.out.ascii(
    ` d=${10 * route.delay} b=${bandwidth} r=${route.reliability} l=${route.load}` +
      ` M=${route.metric} mtu=${route.mtu} in ${route.hopCount} hops`,
  );
}

const OPCODE_NAMES: readonly (string | undefined)[] = [undefined, "update", "request"];
