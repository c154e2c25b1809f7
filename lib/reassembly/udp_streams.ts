/**
 * UDP "streams": the datagrams of each address and port pair, both ways, numbered as
 * tshark numbers `udp.stream`, for following them as tshark's `follow,udp` does.
 *
 * @module
 */

import type { Ipv4 } from "../net/ipv4.ts";
import type { Ipv6 } from "../net/ipv6.ts";
import type { Udp } from "../transport/udp.ts";
import { newPairKey, pairKey, StreamEntry, StreamTable } from "./_stream_table.ts";
import { type DataRange, dataRangeOf } from "./_deliver_data.ts";
import type { ReassemblyOptions, StreamDirection, StreamHandler } from "./stream_types.ts";

/** One UDP address and port pair. */
class UdpStream extends StreamEntry {
  readonly protocol = "udp" as const;
  /** Bytes seen in each direction. */
  readonly offsets: [number, number] = [0, 0];
}

/**
 * Groups UDP datagrams into streams and reports each datagram's payload as `data` (a view
 * of the packet) to a {@linkcode StreamHandler}, with its offset among the bytes of its
 * direction. Streams are numbered by first appearance, as `udp.stream`; a stream closes
 * (`idle`) after `idleTimeout` seconds of capture time without datagrams, or by
 * {@linkcode finish} (`end`).
 *
 * @example Number two pairs and follow one
 * ```ts
 * import { UdpStreams } from "./udp_streams.ts";
 * import { PacketParser } from "../decode.ts";
 * import { LinkType } from "../link_type.ts";
 * import { buildIpv4, buildUdp } from "../craft/mod.ts";
 * import assert from "node:assert/strict";
 *
 * const datagram = (source: string, destination: string, sourcePort: number, text: string) =>
 *   buildIpv4({
 *     source, destination, protocol: 17,
 *     payload: buildUdp({
 *       source, destination, sourcePort, destinationPort: 53,
 *       payload: new TextEncoder().encode(text),
 *     }),
 *   });
 * const seen: string[] = [];
 * const streams = new UdpStreams({
 *   data: (stream, direction, bytes) =>
 *     seen.push(`${stream.index}/${direction}: ${new TextDecoder().decode(bytes)}`),
 * });
 * const parser = new PacketParser();
 * for (const ip of [datagram("10.0.0.1", "10.0.0.2", 1000, "a"), datagram("10.0.0.1", "10.0.0.2", 1001, "b")]) {
 *   parser.parse(LinkType.RAW, ip);
 *   streams.add(parser.get("ipv4")!, parser.get("udp")!, 0);
 * }
 * assert.deepEqual(seen, ["0/0: a", "1/0: b"]);
 * ```
 */
export class UdpStreams {
  readonly #handler: StreamHandler;
  readonly #dataRange: DataRange;
  readonly #maxConnections: number;
  readonly #idleTimeout: number;
  readonly #table = new StreamTable<UdpStream>();
  readonly #key = newPairKey();
  #streams = 0;
  #lastTime = 0;

  /**
   * Makes a table of UDP streams.
   *
   * @param handler Where events go.
   * @param options `maxConnections` and `idleTimeout`.
   */
  constructor(handler: StreamHandler, options: ReassemblyOptions = {}) {
    this.#handler = handler;
    this.#dataRange = dataRangeOf(handler);
    this.#maxConnections = options.maxConnections ?? 1_000_000;
    this.#idleTimeout = options.idleTimeout ?? 300;
  }

  /** Streams numbered so far. */
  get streams(): number {
    return this.#streams;
  }

  /**
   * Takes one datagram.
   *
   * @param ip Its IP header.
   * @param udp Its UDP header; its payload is the data.
   * @param time Its capture time, in seconds since the epoch.
   */
  add(ip: Ipv4 | Ipv6, udp: Udp, time: number): void {
    if (ip.kind === "ipv4" && ip.isFragment) return;
    if (time > this.#lastTime) this.#lastTime = time;
    this.#expire(time);
    const pair = pairKey(ip, udp.sourcePort, udp.destinationPort, this.#key);
    const sourceIsLow = pair.sourceIsLow;
    let stream = this.#table.get(pair);
    if (stream === undefined) {
      stream = new UdpStream(pair, this.#streams++, ip, udp.sourcePort, udp.destinationPort, time);
      this.#table.insert(stream);
      if (this.#table.size > this.#maxConnections) {
        const oldest = this.#table.oldest!;
        this.#table.remove(oldest);
        this.#handler.closed?.(oldest, "evicted", time);
      }
      this.#handler.opened?.(stream, time);
    } else this.#table.touch(stream, time);
    const direction: StreamDirection = sourceIsLow === stream.clientIsLow ? 0 : 1;
    const start = udp.offset + udp.headerLength;
    if (udp.end <= start) return;
    const offset = stream.offsets[direction];
    this.#dataRange(stream, direction, udp.data, start, udp.end, offset, time);
    stream.offsets[direction] += udp.end - start;
  }

  /**
   * Closes every stream (reason `end`) and forgets them.
   *
   * @param time The capture time of the end (default: the last datagram's).
   */
  finish(time: number = this.#lastTime): void {
    for (const stream of this.#table.values()) this.#handler.closed?.(stream, "end", time);
    this.#table.clear();
  }

  #expire(time: number): void {
    const limit = time - this.#idleTimeout;
    for (let oldest = this.#table.oldest; oldest !== undefined; oldest = this.#table.oldest) {
      if (!(oldest.lastSeen < limit)) return;
      this.#table.remove(oldest);
      this.#handler.closed?.(oldest, "idle", time);
    }
  }
}
