/**
 * Cisco NetFlow (versions 1, 5 and 6) as tcpdump's cnfp_print() writes it (`-T cnfp`): the
 * header, then records while its record count lasts and the capture holds a whole one.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Cnfp } from "../../app/cnfp.ts";
import { truncated, truncatedRead } from "../_truncation.ts";

/** The TCP flags a record shows (FIN, SYN, RST, PSH, ACK, URG), as print-cnfp.c names them. */
const TCP_FLAGS: readonly (readonly [number, string])[] = [
  [0x01, "F"],
  [0x02, "S"],
  [0x04, "R"],
  [0x08, "P"],
  [0x10, "A"],
  [0x20, "U"],
];

/** `%u.%03u` of a number of milliseconds. */
const millis = (ms: number) => `${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, "0")}`;

/**
 * Prints a NetFlow datagram after its UDP header.
 *
 * @param ctx The print context.
 * @param cnfp The layer.
 */
export function printCnfp(ctx: PrintContext, cnfp: Cnfp): void {
  const out = ctx.out;
  ctx.done = true;
  const version = cnfp.version;
  if (version === undefined) return truncatedRead(ctx, "cnfp");
  if (version !== 1 && version !== 5 && version !== 6) {
    return out.ascii(`NetFlow v${version.toString(16)}`);
  }
  if (!cnfp.headerCaptured) return void truncated(ctx, "cnfp");
  out.ascii(
    `NetFlow v${version}, ${millis(cnfp.uptime)} uptime, ${cnfp.seconds}.${
      String(cnfp.nanoseconds).padStart(9, "0")
    }, `,
  );
  if (version !== 1) out.ascii(`#${cnfp.sequence}, `);
  const count = cnfp.recordCount;
  out.ascii(`${String(count).padStart(2, " ")} recs`);
  for (let index = 0; index < count; index++) {
    const record = cnfp.record(index);
    if (record === undefined) return void truncated(ctx, "cnfp");
    out.ascii(`\n  started ${millis(record.first)}, last ${millis(record.last)}`);
    const source = record.sourceMask === undefined
      ? record.source
      : `${record.source}/${record.sourceMask}:${record.sourceAs}`;
    const destination = record.destinationMask === undefined
      ? record.destination
      : `${record.destination}/${record.destinationMask}:${record.destinationAs}`;
    out.ascii(`\n    ${source}:${record.sourcePort} > ${destination}:${record.destinationPort} `);
    out.ascii(`>> ${record.nextHop}\n    ${record.protocol} `);
    if (record.protocol === 6) {
      const flags = record.tcpFlags;
      for (const [bit, letter] of TCP_FLAGS) if ((flags & bit) !== 0) out.ascii(letter);
      if (flags !== 0) out.byte(0x20);
    }
    out.ascii(`tos ${record.tos}, ${record.packets} (${record.octets} octets) `);
    const encapsulation = record.encapsulation;
    if (encapsulation !== undefined) {
      out.ascii(`(${encapsulation >>> 8}<>${encapsulation & 0xff} encaps)`);
    }
  }
}
