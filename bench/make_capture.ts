/**
 * Generates the benchmark capture: a deterministic Ethernet pcap (microsecond timestamps)
 * of realistic LAN traffic, by default 1,000,000 packets in `bench/out/1m.pcap`, or with
 * `--shape small` the same mix of small packets in `bench/out/1m-small.pcap`.
 *
 * ```sh
 * deno run --allow-read --allow-write bench/make_capture.ts [--count N] [--seed N] \
 *   [--shape lan|small] [--out FILE]
 * ```
 *
 * The mix (see `_traffic.ts`): TCP over IPv4 and IPv6 with options, DNS over UDP, QUIC-like
 * and NTP datagrams, ICMP and ICMPv6 echo, NDP, router advertisements, MLDv2 with an IPv6
 * hop-by-hop header, IGMPv2 with an IPv4 option, ARP, and one tagged 802.1Q VLAN. Frames
 * are 60 to 1518 bytes with valid checksums and increasing timestamps (mean about 750
 * bytes); the `small` shape cuts TCP segments, requests and QUIC datagrams to 360 bytes of
 * data (mean about 250 bytes). The same count, seed and shape always give the
 * same file.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { PcapWriter } from "../lib/formats/pcap.ts";
import {
  generatePackets,
  type MakeCaptureOptions,
  TRAFFIC_SHAPES,
  type TrafficShape,
} from "./_traffic.ts";

export type { MakeCaptureOptions, TrafficShape } from "./_traffic.ts";

/** Where the benchmark capture goes by default: `bench/out/1m.pcap`. */
export const DEFAULT_CAPTURE: URL = new URL("./out/1m.pcap", import.meta.url);

/** Where the benchmark capture of small packets goes by default: `bench/out/1m-small.pcap`. */
export const DEFAULT_SMALL_CAPTURE: URL = new URL("./out/1m-small.pcap", import.meta.url);

/**
 * The default capture file of a shape.
 *
 * @param shape The traffic shape.
 * @returns {@linkcode DEFAULT_CAPTURE} or {@linkcode DEFAULT_SMALL_CAPTURE}.
 */
export function defaultCapture(shape: TrafficShape): URL {
  return shape === "small" ? DEFAULT_SMALL_CAPTURE : DEFAULT_CAPTURE;
}

/**
 * Checks a `--shape` value.
 *
 * @param value The value given.
 * @returns The shape.
 * @throws {RangeError} When it is not a known shape.
 */
export function parseShape(value: string): TrafficShape {
  const shape = TRAFFIC_SHAPES.find((known) => known === value);
  if (shape === undefined) {
    throw new RangeError(
      `Cannot use shape ${JSON.stringify(value)}: expected one of ${TRAFFIC_SHAPES.join(", ")}`,
    );
  }
  return shape;
}

/** What {@linkcode makeCapture} wrote. */
export interface MakeCaptureResult {
  /** The number of packets. */
  packets: number;
  /** The file size in bytes. */
  bytes: number;
}

/**
 * Writes the benchmark capture to a file, through a temporary file that is renamed when
 * complete (so that an interrupted run leaves no short capture behind).
 *
 * @param path The file to write; its folder is created if missing.
 * @param options The count, seed and shape.
 * @returns The number of packets and the file size.
 *
 * @example Write a small capture
 * ```ts ignore
 * const { packets } = await makeCapture("/tmp/small.pcap", { count: 1000 });
 * ```
 */
export async function makeCapture(
  path: string | URL,
  options: MakeCaptureOptions = {},
): Promise<MakeCaptureResult> {
  const count = options.count ?? 1_000_000;
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`Cannot make capture: count must be an integer >= 0, received ${count}`);
  }
  const target = path instanceof URL ? path : new URL(path, `file://${Deno.cwd()}/`);
  await Deno.mkdir(new URL(".", target), { recursive: true });
  const partial = new URL(`${target.href}.partial`);
  {
    using file = await Deno.open(partial, { write: true, create: true, truncate: true });
    await using writer = new PcapWriter(file, { snapLength: 65535 });
    for (const packet of generatePackets(options)) await writer.write(packet);
  }
  await Deno.rename(partial, target);
  return { packets: count, bytes: (await Deno.stat(target)).size };
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      count: { type: "string", default: "1000000" },
      seed: { type: "string", default: "1" },
      shape: { type: "string", default: "lan" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help === true) {
    console.log(
      "Usage: deno run --allow-read --allow-write bench/make_capture.ts [--count N] [--seed N] [--shape lan|small] [--out FILE]",
    );
    Deno.exit(0);
  }
  const count = Number(values.count);
  const seed = Number(values.seed);
  let shape: TrafficShape;
  try {
    shape = parseShape(values.shape);
  } catch (error) {
    console.error((error as Error).message);
    Deno.exit(2);
  }
  const out = values.out ?? defaultCapture(shape);
  const started = performance.now();
  const { packets, bytes } = await makeCapture(out, { count, seed, shape });
  const seconds = (performance.now() - started) / 1000;
  const where = out instanceof URL ? out.pathname : out;
  console.log(`Wrote ${packets} packets (${bytes} bytes) to ${where} in ${seconds.toFixed(1)} s`);
}
