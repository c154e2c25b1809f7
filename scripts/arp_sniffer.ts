/**
 * arp_sniffer: prints the ARP packets seen on an interface (or all of them), both
 * directions, read from an AF_PACKET socket (no libpcap): the Ethernet addresses, then
 * each ARP field.
 *
 * ```sh
 * deno run --allow-ffi scripts/arp_sniffer.ts [-i IFACE] [-c N] [--json]
 * ```
 *
 * Needs root or `CAP_NET_RAW`.
 *
 * @module
 */

import { parseSnifferArgs, printJson, runSniffer } from "./_raw_cli.ts";
import { etherTypeFilter, openPacketSocket } from "../lib/rawsocket/mod.ts";
import { arpSnifferEntry, arpSnifferLines } from "../lib/output/raw_sniffers.ts";

const NAME = "arp_sniffer";
const args = parseSnifferArgs(NAME, "[-i IFACE] [-c N] [--json]");

await runSniffer(NAME, async (signal) => {
  using socket = openPacketSocket({
    filter: etherTypeFilter(0x0806),
    signal,
    ...(args.iface === undefined ? {} : { iface: args.iface }),
    ...(args.count === undefined ? {} : { count: args.count }),
  });
  // The banner says the socket is open; with --json it goes to stderr.
  (args.json ? console.error : console.log)("ARP Sniffer started...");
  for await (const record of socket) {
    const entry = arpSnifferEntry(record);
    if (entry === undefined) continue;
    if (args.json) {
      printJson({ timestamp: record.timestamp, direction: record.direction, ...entry });
    } else for (const line of arpSnifferLines(entry)) console.log(line);
  }
});
