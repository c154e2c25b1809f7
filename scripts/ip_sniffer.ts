/**
 * ip_sniffer: prints the IPv4 packets of one protocol that reach this host, read from a
 * raw AF_INET socket (no libpcap): `ICMP: 127.0.0.1 -> 127.0.0.1`.
 *
 * ```sh
 * deno run --allow-ffi scripts/ip_sniffer.ts [-p PROTOCOL] [-i IFACE] [-c N] [--json]
 * ```
 *
 * - `-p`, `--protocol`: `icmp` (default), `tcp`, `udp`, `igmp`... or a number.
 * - `-i`: only packets that arrive on this interface; `-c N`: stop after N packets;
 *   `--json`: one JSON object a line.
 *
 * Needs root or `CAP_NET_RAW`.
 *
 * @module
 */

import { die, parseSnifferArgs, printJson, runSniffer } from "./_raw_cli.ts";
import { openIpSocket, RawIpProtocol, type RawIpProtocolName } from "../lib/rawsocket/mod.ts";
import { ipSnifferEntry, ipSnifferLine } from "../lib/output/raw_sniffers.ts";

const NAME = "ip_sniffer";
const args = parseSnifferArgs(NAME, "[-p PROTOCOL] [-i IFACE] [-c N] [--json]", {
  protocol: { type: "string", short: "p" },
}, [{ flags: "-p PROTOCOL", text: "icmp (default), tcp, udp, igmp... or a number" }]);
const requested = (args.values.protocol as string | undefined) ?? "icmp";
const protocol = /^\d+$/.test(requested)
  ? Number(requested)
  : RawIpProtocol[requested.toLowerCase() as RawIpProtocolName];
if (protocol === undefined || protocol > 255) {
  die(
    NAME,
    `unknown protocol "${requested}": use ${Object.keys(RawIpProtocol).join(", ")} or 0-255`,
  );
}

await runSniffer(NAME, async (signal) => {
  using socket = openIpSocket({
    protocol,
    signal,
    ...(args.iface === undefined ? {} : { iface: args.iface }),
    ...(args.count === undefined ? {} : { count: args.count }),
  });
  // The banner says the socket is open; with --json it goes to stderr.
  (args.json ? console.error : console.log)("Sniffer start... (Ctrl+C to stop)");
  for await (const record of socket) {
    const entry = ipSnifferEntry(record);
    if (entry === undefined) continue;
    if (args.json) printJson({ timestamp: record.timestamp, ...entry });
    else console.log(ipSnifferLine(entry));
  }
});
