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
import { die, ipv4OrDie, numberFlagOrDie, parseArgsOrDie, runSniffer } from "./_raw_cli.ts";
import { formatPing, ping } from "../lib/rawsocket/mod.ts";

const NAME = "ping";
const USAGE = "[-c N] [-i SECONDS] [-s SIZE] [-W SECONDS] [-I IFACE] ADDRESS";
const { values, positionals } = parseArgsOrDie(NAME, USAGE, {
  count: { type: "string", short: "c" },
  interval: { type: "string", short: "i" },
  size: { type: "string", short: "s" },
  timeout: { type: "string", short: "W" },
  interface: { type: "string", short: "I" },
}, [
  { flags: "-c N", text: "send N requests (default 4)" },
  { flags: "-i SECONDS", text: "wait between requests (default 1)" },
  { flags: "-s SIZE", text: "bytes of data (default 56)" },
  { flags: "-W SECONDS", text: "wait for each reply (default 2)" },
  { flags: "-I IFACE", text: "send from this interface" },
]);
const destination = positionals[0];
if (destination === undefined || positionals.length > 1) die(NAME, `usage: ${USAGE}`);
ipv4OrDie(NAME, destination);
requirePermissions({ script: `scripts/${NAME}.ts`, usage: USAGE, needs: [{ name: "ffi" }] });
const count = numberFlagOrDie(NAME, "-c", values.count, 4, 1);
const interval = numberFlagOrDie(NAME, "-i", values.interval, 1, 0.002) * 1000;
const size = numberFlagOrDie(NAME, "-s", values.size, 56, 0);
const timeout = numberFlagOrDie(NAME, "-W", values.timeout, 2, 0) * 1000;

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
