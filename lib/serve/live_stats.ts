/**
 * {@linkcode LiveStats}: what the live view's charts and panels show, counted as packets
 * come: packets and bytes per second by protocol over a sliding window of capture time,
 * the top talkers (IPv4 and IPv6 endpoints, counted by `lib/stats`' `EndpointTable`) and
 * the top flows (`lib/stats`' `FlowTable`). Memory is bounded: the window has a fixed
 * number of seconds, and the tables start over when they hold too many flows.
 *
 * @module
 */

import type { Packet } from "../decode.ts";
import { addressPort } from "../_address_port.ts";
import { EndpointTable } from "../stats/endpoints.ts";
import { FlowTable } from "../stats/flows.ts";
import type { Flow } from "../stats/flows.ts";

/** Options of {@linkcode LiveStats}. */
export interface LiveStatsOptions {
  /** How many seconds the per-second series keep (default 60). */
  seconds?: number;
  /** How many talkers and flows a snapshot lists (default 10). */
  top?: number;
  /** The most flows counted before the talker and flow tables start over (default 10000). */
  maxFlows?: number;
}

/** One talker of a {@linkcode LiveStatsSnapshot}. */
export interface LiveTalker {
  /** The IPv4 or IPv6 address. */
  address: string;
  /** Packets sent and received. */
  packets: number;
  /** Bytes on the wire sent and received. */
  bytes: number;
}

/** One flow of a {@linkcode LiveStatsSnapshot}. */
export interface LiveFlow {
  /** `tcp`, `udp`, `icmp`... */
  protocol: string;
  /** Endpoint A: `address` or `address:port` (`[address]:port` for IPv6). */
  a: string;
  /** Endpoint B. */
  b: string;
  /** Packets both ways. */
  packets: number;
  /** Bytes on the wire both ways. */
  bytes: number;
}

/** What {@linkcode LiveStats.snapshot} returns: plain data, ready for JSON. */
export interface LiveStatsSnapshot {
  /** The window's seconds (since the epoch, capture time), oldest first. */
  seconds: number[];
  /** The protocols (innermost layer kinds) seen in the window, most packets first. */
  protocols: string[];
  /** Per protocol (same order), packets in each second of the window. */
  packets: number[][];
  /** Per protocol (same order), bytes on the wire in each second of the window. */
  bytes: number[][];
  /** The top talkers, most packets first. */
  talkers: LiveTalker[];
  /** The top flows, most packets first. */
  flows: LiveFlow[];
  /** How many times the talker and flow tables started over (at `maxFlows` flows). */
  resets: number;
}

interface Series {
  packets: Float64Array;
  bytes: Float64Array;
}

function endpoint(address: string, port: number | null): string {
  return port === null ? address : addressPort(address, port);
}

function liveFlow(flow: Flow): LiveFlow {
  return {
    protocol: flow.protocol,
    a: endpoint(flow.addressA, flow.portA),
    b: endpoint(flow.addressB, flow.portB),
    packets: flow.packetsAToB + flow.packetsBToA,
    bytes: flow.bytesAToB + flow.bytesBToA,
  };
}

/**
 * Counts the packets of a live view for its charts, top talkers and top flows.
 *
 * @example Count two packets of one second
 * ```ts
 * import { LiveStats } from "./live_stats.ts";
 * import { decode } from "../decode.ts";
 * import { buildEthernet, buildIpv4, buildUdp } from "../craft/mod.ts";
 * import assert from "node:assert/strict";
 *
 * const [source, destination] = ["10.0.0.1", "10.0.0.2"];
 * const frame = buildEthernet({
 *   source: "02:00:00:00:00:01",
 *   destination: "02:00:00:00:00:02",
 *   etherType: 0x0800,
 *   payload: buildIpv4({
 *     source,
 *     destination,
 *     protocol: 17,
 *     payload: buildUdp({ source, destination, sourcePort: 5353, destinationPort: 53 }),
 *   }),
 * });
 * const stats = new LiveStats();
 * for (let i = 0; i < 2; i++) {
 *   stats.add(decode(1, frame), { seconds: 100, nanoseconds: i, originalLength: frame.length });
 * }
 * const snapshot = stats.snapshot();
 * assert.deepEqual(snapshot.protocols, ["udp"]);
 * assert.equal(snapshot.packets[0]!.at(-1), 2);
 * assert.equal(snapshot.seconds.at(-1), 100);
 * assert.deepEqual(snapshot.talkers.map((t) => t.address), ["10.0.0.1", "10.0.0.2"]);
 * assert.deepEqual(snapshot.flows[0], {
 *   protocol: "udp",
 *   a: "10.0.0.1:5353",
 *   b: "10.0.0.2:53",
 *   packets: 2,
 *   bytes: 2 * frame.length,
 * });
 * ```
 */
export class LiveStats {
  readonly #window: number;
  readonly #top: number;
  readonly #maxFlows: number;
  readonly #series = new Map<string, Series>();
  /** The latest second counted (the window ends there); `-Infinity` before the first. */
  #last = -Infinity;
  #ip4 = new EndpointTable("ip");
  #ip6 = new EndpointTable("ipv6");
  #flows = new FlowTable();
  #resets = 0;

  /**
   * Makes empty statistics.
   *
   * @param options The window, how many talkers and flows to list, and the flow limit.
   */
  constructor(options: LiveStatsOptions = {}) {
    this.#window = options.seconds ?? 60;
    this.#top = options.top ?? 10;
    this.#maxFlows = options.maxFlows ?? 10000;
    for (
      const [name, value] of Object.entries({ seconds: this.#window, maxFlows: this.#maxFlows })
    ) {
      if (!Number.isInteger(value) || value < 1) {
        throw new RangeError(
          `Cannot make live statistics: ${name} must be >= 1, received ${value}`,
        );
      }
    }
  }

  /**
   * Counts one decoded packet.
   *
   * @param packet The packet, from `decode()`.
   * @param record Its time and length on the wire.
   * @returns Nothing.
   */
  add(
    packet: Packet,
    record: { seconds: number; nanoseconds: number; originalLength: number },
  ): void {
    const second = Math.floor(record.seconds);
    if (second > this.#last) this.#advance(second);
    if (second > this.#last - this.#window) {
      const slot = second % this.#window;
      const protocol = packet.layers.at(-1)?.kind ?? "other";
      let series = this.#series.get(protocol);
      if (series === undefined) {
        series = {
          packets: new Float64Array(this.#window),
          bytes: new Float64Array(this.#window),
        };
        this.#series.set(protocol, series);
      }
      series.packets[slot]! += 1;
      series.bytes[slot]! += record.originalLength;
    }
    if (this.#flows.size >= this.#maxFlows) {
      this.#ip4 = new EndpointTable("ip");
      this.#ip6 = new EndpointTable("ipv6");
      this.#flows = new FlowTable();
      this.#resets++;
    }
    this.#ip4.add(packet, record.originalLength);
    this.#ip6.add(packet, record.originalLength);
    this.#flows.add(packet, record.seconds, record.nanoseconds, record.originalLength);
  }

  /** Moves the window's end to `second`, clearing the seconds it passes. */
  #advance(second: number): void {
    const from = Math.max(this.#last + 1, second - this.#window + 1);
    for (let s = from; s <= second; s++) {
      for (const series of this.#series.values()) {
        series.packets[s % this.#window] = 0;
        series.bytes[s % this.#window] = 0;
      }
    }
    this.#last = second;
  }

  /**
   * The charts' series and the panels' lists as they stand.
   *
   * @returns A snapshot (a copy).
   */
  snapshot(): LiveStatsSnapshot {
    const seconds: number[] = [];
    if (this.#last > -Infinity) {
      for (let s = this.#last - this.#window + 1; s <= this.#last; s++) seconds.push(s);
    }
    const column = (values: Float64Array) => seconds.map((s) => values[s % this.#window]!);
    const rows = [...this.#series.entries()]
      .map(([protocol, series]) => ({
        protocol,
        packets: column(series.packets),
        bytes: column(series.bytes),
      }))
      .map((row) => ({ ...row, sum: row.packets.reduce((a, b) => a + b, 0) }))
      .filter((row) => row.sum > 0)
      .sort((x, y) => y.sum - x.sum || (x.protocol < y.protocol ? -1 : 1));
    const talkers = [...this.#ip4.result(), ...this.#ip6.result()]
      .map((e) => ({
        address: e.address,
        packets: e.txFrames + e.rxFrames,
        bytes: e.txBytes + e.rxBytes,
      }))
      .sort((x, y) => y.packets - x.packets || y.bytes - x.bytes)
      .slice(0, this.#top);
    return {
      seconds,
      protocols: rows.map((row) => row.protocol),
      packets: rows.map((row) => row.packets),
      bytes: rows.map((row) => row.bytes),
      talkers,
      flows: this.#flows.result().flows.slice(0, this.#top).map(liveFlow),
      resets: this.#resets,
    };
  }
}
