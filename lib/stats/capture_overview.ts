/**
 * The overview of a capture that `scripts/plot.ts` draws and reports, gathered in one pass
 * over the file (`accumulatePackets()`, with its reused `PacketParser`): totals, traffic
 * per second by protocol, the IP endpoints, packet sizes, the flows and the DNS names asked
 * about. It holds only data; the pictures are drawn by `lib/plot/`, which alone loads the
 * plotting library.
 *
 * @module
 */

import type { Layer } from "../layer_map.ts";
import type { CaptureSource } from "../formats/capture_reader.ts";
import { accumulatePackets, type PacketAccumulator } from "./packet_pass.ts";
import { type Endpoint, EndpointTable } from "./endpoints.ts";
import { FlowTable } from "./_flow_table.ts";
import type { Flow } from "./flows.ts";
import { protocolHierarchyName } from "./protocol_hierarchy.ts";

/** Frames and bytes of one protocol in one second. */
export interface TrafficPoint {
  /** Seconds from the first packet (the start of the second). */
  second: number;
  /** The packets' protocol: their innermost decoded layer, as Wireshark names it. */
  protocol: string;
  /** Frames. */
  frames: number;
  /** Bytes on the wire. */
  bytes: number;
}

/** A DNS name and how many queries asked about it. */
export interface DnsNameCount {
  /** The name, without the final dot. */
  name: string;
  /** Queries (not responses) that asked about it. */
  queries: number;
}

/** What {@linkcode captureOverview} gathers. */
export interface CaptureOverview {
  /** Packets read. */
  packets: number;
  /** Their bytes on the wire. */
  bytes: number;
  /** The first packet's time, in nanoseconds since the epoch; `null` without packets. */
  firstTimestamp: bigint | null;
  /** Seconds from the first packet to the last. */
  duration: number;
  /** Frames and bytes per second and protocol, in time order. */
  traffic: TrafficPoint[];
  /** The IPv4 and IPv6 endpoints, most frames first. */
  endpoints: Endpoint[];
  /** Every packet's length on the wire, in file order. */
  sizes: Uint32Array;
  /** The flows, most packets first (as `scripts/flows.ts`). */
  flows: Flow[];
  /** The DNS names asked about, most queries first. */
  dnsNames: DnsNameCount[];
}

/** The protocol a packet is drawn under: its innermost named layer. */
function packetProtocol(layers: readonly Layer[], count: number): string {
  for (let i = count - 1; i >= 0; i--) {
    const name = protocolHierarchyName(layers[i]!.kind);
    if (name !== null) return name;
  }
  return "other";
}

/**
 * Reads a capture and gathers its overview.
 *
 * @param source The capture: a path, `file:` URL or stream.
 * @returns The overview.
 *
 * @example The overview of a test capture
 * ```ts
 * import { captureOverview } from "./capture_overview.ts";
 * import assert from "node:assert/strict";
 *
 * const overview = await captureOverview(new URL("../../testdata/namespaces.pcap", import.meta.url));
 * assert.equal(overview.packets, 46);
 * assert.equal(overview.sizes.length, 46);
 * assert.equal(overview.endpoints[0]?.address, "10.77.0.1");
 * ```
 */
export async function captureOverview(source: CaptureSource): Promise<CaptureOverview> {
  const flows = new FlowTable();
  const ipv4 = new EndpointTable("ip");
  const ipv6 = new EndpointTable("ipv6");
  const traffic = new Map<string, TrafficPoint>();
  const dns = new Map<string, number>();
  let sizes = new Uint32Array(1024);
  let packets = 0;
  let bytes = 0;
  let startSeconds = 0;
  let startNanoseconds = 0;
  let elapsed = 0;
  const overview: PacketAccumulator = {
    add(parser, seconds, nanoseconds, length) {
      if (packets === 0) {
        startSeconds = seconds;
        startNanoseconds = nanoseconds;
      }
      if (packets === sizes.length) {
        const bigger = new Uint32Array(sizes.length * 2);
        bigger.set(sizes);
        sizes = bigger;
      }
      sizes[packets++] = length;
      bytes += length;
      const relative = seconds - startSeconds + (nanoseconds - startNanoseconds) / 1e9;
      if (relative > elapsed) elapsed = relative;
      ipv4.add(parser, length);
      ipv6.add(parser, length);
      const second = Math.max(0, Math.floor(relative));
      const protocol = packetProtocol(parser.layers, parser.count);
      const key = `${second} ${protocol}`;
      let point = traffic.get(key);
      if (point === undefined) {
        point = { second, protocol, frames: 0, bytes: 0 };
        traffic.set(key, point);
      }
      point.frames++;
      point.bytes += length;
      const message = parser.get("dns");
      if (message !== undefined && !message.response) {
        for (const question of message.questions) {
          dns.set(question.name, (dns.get(question.name) ?? 0) + 1);
        }
      }
    },
  };
  await accumulatePackets(source, [overview, flows]);
  const endpoints = [...ipv4.result(), ...ipv6.result()];
  endpoints.sort((a, b) => b.txFrames + b.rxFrames - (a.txFrames + a.rxFrames));
  const dnsNames = [...dns].map(([name, queries]) => ({ name, queries }));
  dnsNames.sort((a, b) => b.queries - a.queries || a.name.localeCompare(b.name));
  const flowSummary = flows.result();
  return {
    packets,
    bytes,
    firstTimestamp: flowSummary.totals.firstTimestamp,
    duration: elapsed,
    traffic: [...traffic.values()].sort((a, b) => a.second - b.second),
    endpoints,
    sizes: sizes.slice(0, packets),
    flows: flowSummary.flows,
    dnsNames,
  };
}
