/**
 * SSH as tcpdump's ssh_print() writes it: `: SSH: ` and the version line that opens a
 * direction, nothing for the binary packets.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Ssh } from "../../app/ssh.ts";
import { truncatedRead } from "../_truncation.ts";

/**
 * Prints an SSH segment's version line.
 *
 * @param ctx The print context.
 * @param ssh The layer.
 */
export function printSsh(ctx: PrintContext, ssh: Ssh): void {
  ctx.done = true;
  if (ssh.version !== undefined) {
    ctx.out.ascii(": SSH: ");
    ctx.out.ascii(ssh.version);
    return;
  }
  // tcpdump reads on while the segment does: past the captured bytes, that is a truncation.
  const wireEnd = ctx.network ? ctx.ipEnd : ssh.end;
  if (ssh.versionEnd === "cut" && wireEnd > ssh.end) truncatedRead(ctx, "ssh");
}
