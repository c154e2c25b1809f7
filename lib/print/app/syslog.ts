/**
 * Syslog as tcpdump's syslog_print() writes it.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Syslog } from "../../app/syslog.ts";
import { truncatedRead } from "../_truncation.ts";
import { printChars } from "../_chars.ts";
import { hexPrint } from "../_hex.ts";

/**
 * Prints a syslog message after its UDP header.
 *
 * @param ctx The print context.
 * @param syslog The layer.
 */
export function printSyslog(ctx: PrintContext, syslog: Syslog): void {
  const out = ctx.out;
  ctx.done = true;
  if (syslog.truncated) {
    truncatedRead(ctx, "syslog");
    return;
  }
  if (syslog.priority === undefined) {
    out.ascii(" (invalid)");
    return;
  }
  const facility = FACILITIES[syslog.facility] ?? `unknown (${syslog.facility})`;
  const severity = SEVERITIES[syslog.severity] ?? `unknown (${syslog.severity})`;
  if (ctx.verbose < 1) {
    out.ascii(`SYSLOG ${facility}.${severity}, length: ${syslog.wireLength}`);
    return;
  }
  out.ascii(`SYSLOG, length: ${syslog.wireLength}\n\tFacility ${facility} (${syslog.facility})`);
  out.ascii(`, Severity ${severity} (${syslog.severity})\n\tMsg: `);
  const start = syslog.offset + syslog.headerLength;
  const end = syslog.offset + syslog.wireLength;
  // nd_printn() reads the message to the captured end and stops the packet where it ends.
  if (end > start && printChars(out, syslog.data, start, end, syslog.captured)) {
    return truncatedRead(ctx, "syslog");
  }
  if (ctx.verbose > 1) {
    hexPrint(
      ctx,
      "\n\t",
      syslog.offset,
      Math.min(syslog.offset + syslog.wireLength, syslog.captured),
      syslog.data,
    );
  }
}

const FACILITIES: readonly string[] = [
  "kernel",
  "user",
  "mail",
  "daemon",
  "auth",
  "syslog",
  "lpr",
  "news",
  "uucp",
  "cron",
  "authpriv",
  "ftp",
  "ntp",
  "security",
  "console",
  "cron",
  "local0",
  "local1",
  "local2",
  "local3",
  "local4",
  "local5",
  "local6",
  "local7",
];

const SEVERITIES: readonly string[] = [
  "emergency",
  "alert",
  "critical",
  "error",
  "warning",
  "notice",
  "info",
  "debug",
];
