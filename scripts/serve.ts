/**
 * serve: a live view of packets in the browser. It reads a capture file (`-r`) or captures
 * on an interface (`-i`), keeps the recent packets in a bounded ring, and serves one page
 * (the files of `lib/serve/static/`, no build step, nothing from the network) that shows
 * them as Wireshark's packet list does, with tcpdump's line, the decoded layers, the bytes
 * (a selected field's highlighted), live charts of packets and bytes per second by protocol
 * (uPlot, read from node_modules), the top talkers and flows, a tcpdump filter box, pause,
 * and a pcapng download. The work is done by `lib/serve/`.
 *
 * ```sh
 * # A file: --allow-read for it; --allow-ffi because libpcap compiles the filters
 * deno run --allow-net=127.0.0.1:8080 --allow-read --allow-ffi scripts/serve.ts -r FILE
 * # Live (root, or CAP_NET_RAW and CAP_NET_ADMIN)
 * deno run --allow-net=127.0.0.1:8080 --allow-read --allow-ffi scripts/serve.ts -i eth0 tcp
 * # Beyond loopback: a token is printed, and every request needs it
 * deno run --allow-net=0.0.0.0:8080 --allow-read --allow-ffi scripts/serve.ts -r F --listen 0.0.0.0
 * ```
 *
 * It listens on 127.0.0.1 unless told otherwise. Errors are one line on stderr and exit
 * status 1; usage errors and missing permissions exit with 2.
 *
 * @module
 */

import { type OptionHelp, parseOrExit } from "./_cli.ts";
import { requirePermissions } from "./_permissions.ts";
import {
  MAXIMUM_SNAPLEN,
  openCaptureInput,
  openLiveSource,
  PacketFilter,
  readerLinkType,
} from "../lib/pipeline/mod.ts";
import { PacketRing } from "../lib/serve/packet_ring.ts";
import { serveRing } from "../lib/serve/server.ts";
import { feedRing } from "../lib/serve/feed.ts";
import { LiveStats } from "../lib/serve/live_stats.ts";
import { vendorFolder } from "../lib/serve/vendor.ts";
import { oneLine } from "../lib/_one_line.ts";

const SCRIPT = "scripts/serve.ts";
const USAGE =
  `Usage: deno run --allow-net --allow-read --allow-ffi ${SCRIPT} (-r FILE | -i IFACE) [--port N] [--listen ADDR] [--keep N] [FILTER]`;
const HELP: OptionHelp[] = [
  { flags: "-r FILE", text: "read packets from a capture file (pcap, pcapng, gzip or xz)" },
  { flags: "-i IFACE", text: "capture live on an interface" },
  { flags: "--port N", text: "the port to listen on (default 8080; 0 picks a free one)" },
  {
    flags: "--listen ADDR",
    text: "the address to listen on (default 127.0.0.1; others need the token)",
  },
  { flags: "--keep N", text: "the most packets kept for the page (default 200000)" },
  { flags: "-h, --help", text: "print this help" },
];

function usageError(message: string): never {
  console.error(message);
  console.error(USAGE);
  Deno.exit(2);
}

function integer(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || (name === "--port" && n > 65535)) {
    usageError(`Cannot parse arguments: ${name} must be an integer >= ${min}, received ${value}`);
  }
  return n;
}

const { values, positionals } = parseOrExit(
  Deno.args,
  {
    r: { type: "string" },
    i: { type: "string" },
    port: { type: "string" },
    listen: { type: "string" },
    keep: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
  USAGE,
  HELP,
);

if ((values.r === undefined) === (values.i === undefined)) {
  usageError("Cannot parse arguments: give one of -r FILE or -i IFACE");
}
const port = integer(values.port, "--port", 8080, 0);
const keep = integer(values.keep, "--keep", 200000, 1);
const hostname = values.listen ?? "127.0.0.1";
const expression = positionals.join(" ");
const staticDir = new URL("../lib/serve/static/", import.meta.url).pathname;
const chartDir = vendorFolder();

requirePermissions({
  script: SCRIPT,
  usage: Deno.args.join(" "),
  needs: [
    { name: "net", host: `${hostname}:${port}` },
    { name: "read", path: staticDir },
    ...(chartDir === undefined ? [] : [{ name: "read" as const, path: chartDir }]),
    ...(values.r === undefined ? [] : [{ name: "read" as const, path: values.r }]),
    { name: "ffi" },
  ],
});

const stop = new AbortController();
Deno.addSignalListener("SIGINT", () => stop.abort());

try {
  const stats = new LiveStats();
  const ring = new PacketRing({
    capacity: keep,
    onPacket: (packet, kept) => stats.add(packet, kept),
  });
  let source;
  let filter: PacketFilter | undefined;
  let snapLength = MAXIMUM_SNAPLEN;
  let close: () => Promise<void> | void;
  if (values.r !== undefined) {
    const input = await openCaptureInput(values.r);
    const header = readerLinkType(input.reader);
    snapLength = header?.snapLength || MAXIMUM_SNAPLEN;
    if (expression.trim() !== "") {
      filter = new PacketFilter(expression, snapLength);
      filter.program(header?.linkType ?? 1); // a bad filter fails before serving
    }
    source = input.reader.batches({ reuseBuffers: true });
    close = () => input.reader.close();
  } else {
    const live = openLiveSource({
      iface: values.i!,
      immediate: true,
      signal: stop.signal,
      ...(expression.trim() === "" ? {} : { filter: expression }),
    });
    snapLength = live.snapLength;
    source = live.batches;
    close = () => live.close();
  }
  const server = serveRing(ring, { hostname, port, snapLength, stats, signal: stop.signal });
  console.log(`Serving on ${server.url}`);
  if (server.token !== undefined) console.log(`Token: ${server.token}`);
  try {
    await feedRing(source, ring, {
      signal: stop.signal,
      ...(filter === undefined ? {} : { filter }),
    });
    server.finish();
  } finally {
    await close();
    filter?.[Symbol.dispose]();
  }
  await server.finished;
} catch (error) {
  console.error(oneLine(error));
  Deno.exit(1);
}
