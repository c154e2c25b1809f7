/**
 * tcp_sniffer: prints the TCP segments that reach this host, read from a raw AF_INET
 * socket (no libpcap): ports, flags, sequence and acknowledgment numbers, window, and the
 * first bytes of data. Segments without data are skipped unless `--all` is given.
 *
 * ```sh
 * deno run --allow-ffi scripts/tcp_sniffer.ts [--all] [-i IFACE] [-c N] [--json]
 * ```
 *
 * `-c N` counts the segments printed. Needs root or `CAP_NET_RAW`.
 *
 * @module
 */

import { parseSnifferArgs, printJson, runSniffer } from "./_raw_cli.ts";
import { openIpSocket } from "../lib/rawsocket/mod.ts";
import { tcpSnifferEntry, tcpSnifferLines } from "../lib/output/raw_sniffers.ts";
import { encodeHex } from "../lib/_hex.ts";

const NAME = "tcp_sniffer";
const args = parseSnifferArgs(NAME, "[--all] [-i IFACE] [-c N] [--json]", {
  all: { type: "boolean", short: "a" },
}, [{ flags: "-a, --all", text: "also the segments without data" }]);
const all = args.values.all === true;

await runSniffer(NAME, async (signal) => {
  using socket = openIpSocket({
    protocol: "tcp",
    signal,
    ...(args.iface === undefined ? {} : { iface: args.iface }),
  });
  // The banner says the socket is open; with --json it goes to stderr.
  (args.json ? console.error : console.log)("TCP Sniffer started...");
  let printed = 0;
  for await (const record of socket) {
    const entry = tcpSnifferEntry(record);
    if (entry === undefined || (entry.payloadLength === 0 && !all)) continue;
    if (args.json) {
      printJson({ timestamp: record.timestamp, ...entry, payload: encodeHex(entry.payload) });
    } else {
      for (const line of tcpSnifferLines(entry)) console.log(line);
    }
    if (++printed === args.count) break;
  }
});
