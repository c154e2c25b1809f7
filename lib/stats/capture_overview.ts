/**
 * The overview of a capture that `scripts/plot.ts` draws and reports, gathered in one pass
 * over the file (`accumulatePackets()`): totals, traffic per second by protocol, the
 * IP endpoints, packet sizes, the flows and the DNS names asked about. It holds only data;
 * the pictures are drawn by `lib/plot/`, which alone loads the plotting library.
 *
 * @module
 */

import type { PacketParser } from "../decode.ts";
import type { Layer } from "../layer_map.ts";
import type { CaptureSource } from "../formats/capture_reader.ts";
import { accumulatePackets, type PacketAccumulator } from "./packet_pass.ts";
import { type Endpoint, EndpointTable } from "./endpoints.ts";
import { FlowTable } from "./_flow_table.ts";
import type { Flow } from "./flows.ts";
import { grown } from "../_grown.ts";
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

/** Gathers the overview from the packets of one pass. */
class OverviewAccumulator implements PacketAccumulator {
  readonly #flows = new FlowTable();
  readonly #ipv4 = new EndpointTable("ip");
  readonly #ipv6 = new EndpointTable("ipv6");
  // Points in the order first seen, found by protocol then second: no key built per packet.
  readonly #points: TrafficPoint[] = [];
  readonly #pointIndex = new Map<string, Map<number, TrafficPoint>>();
  readonly #dns = new Map<string, number>();
  #sizes = new Uint32Array(1024);
  #packets = 0;
  #bytes = 0;
  #startSeconds = 0;
  #startNanoseconds = 0;
  #elapsed = 0;

  add(parser: PacketParser, seconds: number, nanoseconds: number, length: number): void {
    if (this.#packets === 0) {
      this.#startSeconds = seconds;
      this.#startNanoseconds = nanoseconds;
    }
    if (this.#packets === this.#sizes.length) {
      this.#sizes = grown(this.#sizes, this.#sizes.length * 2);
    }
    this.#sizes[this.#packets++] = length;
    this.#bytes += length;
    const relative = seconds - this.#startSeconds +
      (nanoseconds - this.#startNanoseconds) / 1e9;
    if (relative > this.#elapsed) this.#elapsed = relative;
    this.#flows.add(parser, seconds, nanoseconds, length);
    this.#ipv4.add(parser, length);
    this.#ipv6.add(parser, length);
    const point = this.#point(
      Math.max(0, Math.floor(relative)),
      packetProtocol(parser.layers, parser.count),
    );
    point.frames++;
    point.bytes += length;
    const message = parser.get("dns");
    if (message !== undefined && !message.response) {
      for (const question of message.questions) {
        this.#dns.set(question.name, (this.#dns.get(question.name) ?? 0) + 1);
      }
    }
  }

  #point(second: number, protocol: string): TrafficPoint {
    let bySecond = this.#pointIndex.get(protocol);
    if (bySecond === undefined) {
      bySecond = new Map();
      this.#pointIndex.set(protocol, bySecond);
    }
    let point = bySecond.get(second);
    if (point === undefined) {
      point = { second, protocol, frames: 0, bytes: 0 };
      bySecond.set(second, point);
      this.#points.push(point);
    }
    return point;
  }

  result(): CaptureOverview {
    const endpoints = [...this.#ipv4.result(), ...this.#ipv6.result()];
    endpoints.sort((a, b) => b.txFrames + b.rxFrames - (a.txFrames + a.rxFrames));
    const dnsNames = [...this.#dns].map(([name, queries]) => ({ name, queries }));
    dnsNames.sort((a, b) => b.queries - a.queries || a.name.localeCompare(b.name));
    const flowSummary = this.#flows.result();
    return {
      packets: this.#packets,
      bytes: this.#bytes,
      firstTimestamp: flowSummary.totals.firstTimestamp,
      duration: this.#elapsed,
      traffic: [...this.#points].sort((a, b) => a.second - b.second),
      endpoints,
      sizes: this.#sizes.slice(0, this.#packets),
      flows: flowSummary.flows,
      dnsNames,
    };
  }
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
  const overview = new OverviewAccumulator();
  await accumulatePackets(source, [overview]);
  return overview.result();
}
