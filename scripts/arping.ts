/**
 * arping: ARP requests for an IPv4 address on one interface, over an AF_PACKET socket (no
 * libpcap), printing what iputils' `arping` prints (`Unicast reply from 10.0.0.2
 * [02:00:00:00:00:0A]  0.546ms`, `Sent 3 probes (1 broadcast(s))`, `Received 3
 * response(s)`).
 *
 * ```sh
 * deno run --allow-ffi scripts/arping.ts -I IFACE [-c N] [-i SECONDS] [-w SECONDS] [-s SOURCE] [-b] ADDRESS
 * ```
 *
 * `-b` sends every request to the broadcast address. Exit status 0 when a reply came, 1
 * when none did. Needs root or `CAP_NET_RAW`.
 *
 * @module
 */

import { requirePermissions } from "./_permissions.ts";
import { die, ipv4OrDie, numberFlagOrDie, parseArgsOrDie, runSniffer } from "./_raw_cli.ts";
import { arping, formatArping } from "../lib/rawsocket/mod.ts";

const NAME = "arping";
const USAGE = "-I IFACE [-c N] [-i SECONDS] [-w SECONDS] [-s SOURCE] [-b] ADDRESS";
const { values, positionals } = parseArgsOrDie(NAME, USAGE, {
  interface: { type: "string", short: "I" },
  count: { type: "string", short: "c" },
  interval: { type: "string", short: "i" },
  timeout: { type: "string", short: "w" },
  source: { type: "string", short: "s" },
  broadcast: { type: "boolean", short: "b" },
}, [
  { flags: "-I IFACE", text: "the interface (required)" },
  { flags: "-c N", text: "send N requests (default 4)" },
  { flags: "-i SECONDS", text: "wait between requests (default 1)" },
  { flags: "-w SECONDS", text: "stop after this long" },
  { flags: "-s SOURCE", text: "the sender IPv4 address" },
  { flags: "-b", text: "send every request to the broadcast address" },
]);
const destination = positionals[0];
if (destination === undefined || positionals.length > 1 || values.interface === undefined) {
  die(NAME, `usage: ${USAGE}`);
}
ipv4OrDie(NAME, destination, values.source);
requirePermissions({ script: `scripts/${NAME}.ts`, usage: USAGE, needs: [{ name: "ffi" }] });
const count = numberFlagOrDie(NAME, "-c", values.count, 4, 1);
const interval = numberFlagOrDie(NAME, "-i", values.interval, 1, 0.01) * 1000;

let received = 0;
await runSniffer(NAME, async (signal) => {
  try {
    for await (
      const event of arping({
        destination,
        iface: values.interface!,
        count,
        interval,
        signal,
        ...(values.timeout === undefined
          ? {}
          : { timeout: numberFlagOrDie(NAME, "-w", values.timeout, 1, 0) * 1000 }),
        ...(values.source === undefined ? {} : { source: values.source }),
        ...(values.broadcast === true ? { broadcastOnly: true } : {}),
      })
    ) {
      if (event.kind === "summary") received = event.received;
      for (const line of formatArping(event)) console.log(line);
    }
  } catch (error) {
    if (error instanceof TypeError) die(NAME, error.message);
    throw error;
  }
});
Deno.exit(received > 0 ? 0 : 1);
