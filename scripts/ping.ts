/**
 * ping: ICMP echo over a raw socket (no libpcap, no setuid `ping`), printing what iputils'
 * `ping` prints: one line per reply, then the statistics
 * (`3 packets transmitted, 3 received, 0% packet loss, time 2003ms`).
 *
 * ```sh
 * deno run --allow-ffi scripts/ping.ts [-4|-6] [-c N] [-i SECONDS] [-s SIZE] [-W SECONDS] [-I IFACE] ADDRESS
 * deno run --allow-ffi --allow-net scripts/ping.ts [...] HOSTNAME
 * ```
 *
 * IPv4 and IPv6 (ICMPv6 echo); a host name is resolved as iputils resolves it
 * (`/etc/hosts`, then DNS), which needs `--allow-net`; `-4`/`-6` pick the family. Ctrl-C
 * stops and prints the statistics. Exit status 0 when a reply came, 1 when none did, 2
 * for a name that does not resolve. Needs root or `CAP_NET_RAW`.
 *
 * @module
 */

import { requirePermissions } from "./_permissions.ts";
import { die, numberFlagOrDie, parseArgsOrDie, runSniffer } from "./_raw_cli.ts";
import { formatPing, ping, type PingTarget, resolvePingTarget } from "../lib/rawsocket/mod.ts";

const NAME = "ping";
const USAGE = "[-4|-6] [-c N] [-i SECONDS] [-s SIZE] [-W SECONDS] [-I IFACE] HOST";
const { values, positionals } = parseArgsOrDie(NAME, USAGE, {
  count: { type: "string", short: "c" },
  interval: { type: "string", short: "i" },
  size: { type: "string", short: "s" },
  timeout: { type: "string", short: "W" },
  interface: { type: "string", short: "I" },
  ipv4: { type: "boolean", short: "4" },
  ipv6: { type: "boolean", short: "6" },
}, [
  { flags: "-4", text: "IPv4 only" },
  { flags: "-6", text: "IPv6 only" },
  { flags: "-c N", text: "send N requests (default 4)" },
  { flags: "-i SECONDS", text: "wait between requests (default 1)" },
  { flags: "-s SIZE", text: "bytes of data (default 56)" },
  { flags: "-W SECONDS", text: "wait for each reply (default 2)" },
  { flags: "-I IFACE", text: "send from this interface" },
]);
const host = positionals[0];
if (host === undefined || positionals.length > 1) die(NAME, `usage: ${USAGE}`);
if (values.ipv4 === true && values.ipv6 === true) die(NAME, "-4 and -6 are mutually exclusive");
const family = values.ipv4 === true ? 4 : values.ipv6 === true ? 6 : undefined;
const byName = !/^[0-9.]+$/.test(host) && !host.includes(":");
requirePermissions({
  script: `scripts/${NAME}.ts`,
  usage: USAGE,
  needs: byName ? [{ name: "ffi" }, { name: "net" }] : [{ name: "ffi" }],
});
let target: PingTarget;
try {
  target = await resolvePingTarget(host, family);
} catch (error) {
  console.error(`${NAME}: ${(error as Error).message}`);
  Deno.exit(2);
}
const count = numberFlagOrDie(NAME, "-c", values.count, 4, 1);
const interval = numberFlagOrDie(NAME, "-i", values.interval, 1, 0.002) * 1000;
const size = numberFlagOrDie(NAME, "-s", values.size, 56, 0);
const timeout = numberFlagOrDie(NAME, "-W", values.timeout, 2, 0) * 1000;

let received = 0;
await runSniffer(NAME, async (signal) => {
  const { address, name } = target;
  console.log(
    target.family === 4
      ? `PING ${name ?? address} (${address}) ${size}(${size + 28}) bytes of data.`
      : `PING ${name ?? address}(${
        name === undefined ? address : `${name} (${address})`
      }) ${size} data bytes`,
  );
  for await (
    const event of ping({
      destination: address,
      ...(name === undefined ? {} : { name }),
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
