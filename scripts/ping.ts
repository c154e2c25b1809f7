/**
 * ping: ICMP echo over a raw socket (no libpcap, no setuid `ping`), printing what iputils'
 * `ping` prints: one line per reply, then the statistics
 * (`3 packets transmitted, 3 received, 0% packet loss, time 2003ms`).
 *
 * ```sh
 * deno run --allow-ffi scripts/ping.ts [-c N] [-i SECONDS] [-s SIZE] [-W SECONDS] [-I IFACE] ADDRESS
 * ```
 *
 * IPv4 addresses only. Ctrl-C stops and prints the statistics. Exit status 0 when a reply
 * came, 1 when none did. Needs root or `CAP_NET_RAW`.
 *
 * @module
 */

import { requirePermissions } from "./_permissions.ts";
import { die, parseArgsOrDie, runSniffer } from "./_raw_cli.ts";
import { formatPing, ping } from "../lib/rawsocket/mod.ts";
import { parseIpv4 } from "../lib/address.ts";

const NAME = "ping";
const USAGE = "[-c N] [-i SECONDS] [-s SIZE] [-W SECONDS] [-I IFACE] ADDRESS";
const { values, positionals } = parseArgsOrDie(NAME, USAGE, {
  count: { type: "string", short: "c" },
  interval: { type: "string", short: "i" },
  size: { type: "string", short: "s" },
  timeout: { type: "string", short: "W" },
  interface: { type: "string", short: "I" },
});
const destination = positionals[0];
if (destination === undefined || positionals.length > 1) die(NAME, `usage: ${USAGE}`);
try {
  parseIpv4(destination);
} catch {
  die(NAME, `${destination}: not an IPv4 address`);
}
requirePermissions({ script: `scripts/${NAME}.ts`, usage: USAGE, needs: [{ name: "ffi" }] });
const number = (text: string | undefined, flag: string, fallback: number, min: number) => {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min) {
    die(NAME, `${flag} takes a number >= ${min}: received ${text}`);
  }
  return value;
};
const count = number(values.count, "-c", 4, 1);
const interval = number(values.interval, "-i", 1, 0.002) * 1000;
const size = number(values.size, "-s", 56, 0);
const timeout = number(values.timeout, "-W", 2, 0) * 1000;

let received = 0;
await runSniffer(NAME, async (signal) => {
  console.log(`PING ${destination} (${destination}) ${size}(${size + 28}) bytes of data.`);
  for await (
    const event of ping({
      destination,
      count,
      interval,
      size,
      timeout,
      signal,
      ...(values.interface === undefined ? {} : { iface: values.interface }),
    })
  ) {
    if (event.kind === "summary") received = event.received;
    for (const line of formatPing(event)) console.log(line);
  }
});
Deno.exit(received > 0 ? 0 : 1);
