/**
 * TCP stream reassembly: both directions of each connection, in order, as callbacks.
 *
 * @module
 */

import type { Ipv4 } from "../net/ipv4.ts";
import type { Ipv6 } from "../net/ipv6.ts";
import type { Tcp } from "../transport/tcp.ts";
import { TcpHalf } from "./_tcp_half.ts";
import { newPairKey, pairKey, StreamEntry, StreamTable } from "./_stream_table.ts";
import { type DataRange, dataRangeOf } from "./_deliver_data.ts";
import type {
  CloseReason,
  GapReason,
  OverlapPolicy,
  ReassemblyOptions,
  StreamDirection,
  StreamHandler,
} from "./stream_types.ts";

const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;
const ACK = 0x10;

/** Segments further ahead than the largest scaled window (2^30) are taken as bogus. */
const MAX_AHEAD = 2 ** 30;

/** One TCP connection: its identity and both directions. */
class TcpConnection extends StreamEntry {
  readonly protocol = "tcp" as const;
  /** Out-of-order bytes buffered in both directions. */
  buffered = 0;
  closed = false;
  readonly halves: [TcpHalf, TcpHalf] = [new TcpHalf(), new TcpHalf()];
}

/** Counters of a {@linkcode TcpReassembler}. */
export interface TcpReassemblerStats {
  /** Streams numbered so far. */
  streams: number;
  /** Connections tracked now (closed ones waiting for late packets included). */
  connections: number;
  /** Out-of-order bytes buffered now, over all connections. */
  bufferedBytes: number;
  /** The most out-of-order bytes that were buffered at once. */
  peakBufferedBytes: number;
}

/**
 * Reassembles TCP streams from decoded packets and reports them to a
 * {@linkcode StreamHandler}: `opened`, in-order `data` of each direction with its offset,
 * `gap` where bytes will never come (with their size), `closed` with the reason.
 *
 * - Out-of-order segments wait, copied, until the hole before them fills; retransmitted
 *   bytes are delivered once (and each retransmitted segment reported, as tshark flags
 *   them); overlapping waiting bytes follow the `overlap` policy.
 * - Streams picked up mid-way start at the first sequence number seen in each direction;
 *   sequence numbers wrap at 2^32 while offsets keep counting.
 * - A hole is given up (a `gap`) when the other side acknowledges bytes past it (the
 *   capture missed them, as tshark's follow reports), when buffering passes a limit, or
 *   when the stream closes.
 * - Streams are numbered as tshark's `tcp.stream`: by first appearance; a SYN (without
 *   ACK) whose sequence number differs from the first one seen that way on the same
 *   addresses and ports starts a new stream (tshark's "TCP port numbers reused").
 * - A stream closes after both FINs (once the bytes before them arrived), on RST, after
 *   `idleTimeout` seconds of capture time without packets, or by {@linkcode finish}.
 *   Packets that come after a close (the last ACK, retransmitted FINs) are ignored.
 *
 * Data given to `handler.data` is a view of the packet when it arrived in order (no copy);
 * `handler.dataRange` is given the packet's bytes and the range, without a view.
 * IP fragments are skipped: defragment first.
 *
 * @example Reassemble a connection whose segments came out of order
 * ```ts
 * import { TcpReassembler } from "./tcp_reassembler.ts";
 * import { PacketParser } from "../decode.ts";
 * import { LinkType } from "../link_type.ts";
 * import { buildIpv4, buildTcp } from "../craft/mod.ts";
 * import assert from "node:assert/strict";
 *
 * const ends = { source: "10.0.0.1", destination: "10.0.0.2" };
 * const packet = (sequence: number, syn: boolean, text = "") =>
 *   buildIpv4({
 *     ...ends, protocol: 6,
 *     payload: buildTcp({
 *       ...ends, sourcePort: 40000, destinationPort: 80, sequence,
 *       flags: { syn }, payload: new TextEncoder().encode(text),
 *     }),
 *   });
 * const text: string[] = [];
 * const reassembler = new TcpReassembler({
 *   data: (_stream, _direction, bytes) => text.push(new TextDecoder().decode(bytes)),
 * });
 * const parser = new PacketParser();
 * for (const ip of [packet(99, true), packet(106, false, "world"), packet(100, false, "hello ")]) {
 *   parser.parse(LinkType.RAW, ip);
 *   reassembler.add(parser.get("ipv4")!, parser.get("tcp")!, 0);
 * }
 * assert.equal(text.join(""), "hello world");
 * ```
 */
export class TcpReassembler {
  readonly #handler: StreamHandler;
  readonly #dataRange: DataRange;
  readonly #overlap: OverlapPolicy;
  readonly #maxPerConnection: number;
  readonly #maxTotal: number;
  readonly #maxConnections: number;
  readonly #idleTimeout: number;
  readonly #table = new StreamTable<TcpConnection>();
  readonly #key = newPairKey();
  /** The connections with buffered bytes, in the order they began to buffer. */
  readonly #buffering = new Set<TcpConnection>();
  #streams = 0;
  #buffered = 0;
  #peakBuffered = 0;
  #lastTime = 0;

  /**
   * Makes a reassembler.
   *
   * @param handler Where events go.
   * @param options Overlap policy, limits and idle timeout.
   */
  constructor(handler: StreamHandler, options: ReassemblyOptions = {}) {
    this.#handler = handler;
    this.#dataRange = dataRangeOf(handler);
    this.#overlap = options.overlap ?? "first";
    this.#maxPerConnection = options.maxBufferedPerConnection ?? 4 * 1024 * 1024;
    this.#maxTotal = options.maxBufferedTotal ?? 64 * 1024 * 1024;
    this.#maxConnections = options.maxConnections ?? 1_000_000;
    this.#idleTimeout = options.idleTimeout ?? 300;
  }

  /** Counters: streams, connections and buffered bytes. */
  get stats(): TcpReassemblerStats {
    return {
      streams: this.#streams,
      connections: this.#table.size,
      bufferedBytes: this.#buffered,
      peakBufferedBytes: this.#peakBuffered,
    };
  }

  /**
   * Takes one TCP segment.
   *
   * @param ip Its IP header (the one just outside the TCP header).
   * @param tcp Its TCP header; its payload is the segment's data.
   * @param time Its capture time, in seconds since the epoch.
   */
  add(ip: Ipv4 | Ipv6, tcp: Tcp, time: number): void {
    if (ip.kind === "ipv4" && ip.isFragment) return;
    if (time > this.#lastTime) this.#lastTime = time;
    this.#expire(time);
    const pair = pairKey(ip, tcp.sourcePort, tcp.destinationPort, this.#key);
    const sourceIsLow = pair.sourceIsLow;
    const flags = tcp.flags;
    const seq = tcp.sequenceNumber;
    let connection = this.#table.get(pair);
    if (connection !== undefined && (flags & (SYN | ACK)) === SYN) {
      const forward = connection.halves[sourceIsLow === connection.clientIsLow ? 0 : 1];
      if (forward.baseSet && forward.baseSeq !== seq) {
        if (!connection.closed) this.#close(connection, "reused", time);
        this.#table.remove(connection);
        connection = undefined;
      }
    }
    if (connection === undefined) {
      connection = new TcpConnection(
        pair,
        this.#streams++,
        ip,
        tcp.sourcePort,
        tcp.destinationPort,
        time,
      );
      this.#table.insert(connection);
      if (this.#table.size > this.#maxConnections) this.#evict();
      this.#handler.opened?.(connection, time);
    } else this.#table.touch(connection, time);
    const direction: StreamDirection = sourceIsLow === connection.clientIsLow ? 0 : 1;
    const half = connection.halves[direction];
    if (!half.baseSet) {
      half.baseSeq = (flags & SYN) !== 0 ? seq : (seq - 1) >>> 0;
      half.baseSet = true;
    }
    if (connection.closed) return;
    const other = connection.halves[direction === 0 ? 1 : 0];
    if ((flags & ACK) !== 0 && other.waiting.length > 0) {
      const acked = other.offsetOf(tcp.acknowledgmentNumber);
      while (other.waiting.length > 0 && acked > other.waiting[0]!.start) {
        this.#skip(connection, direction === 0 ? 1 : 0, "acked", time);
      }
    }
    const dataSeq = (flags & SYN) !== 0 ? (seq + 1) >>> 0 : seq;
    if (!half.started) half.start(dataSeq);
    const payloadStart = tcp.offset + tcp.headerLength;
    const captured = tcp.truncated ? 0 : Math.max(0, tcp.end - payloadStart);
    const reported = Math.max(captured, reportedPayload(ip, tcp));
    if (reported > 0) {
      const start = half.offsetOf(dataSeq);
      // A keep-alive (one byte just before the furthest seen) is no retransmission.
      if (start < half.highest && !(reported === 1 && start === half.highest - 1)) {
        this.#handler.retransmitted?.(connection, direction, start, reported, time);
      }
      if (start + reported > half.highest && start - half.nextOffset <= MAX_AHEAD) {
        half.highest = start + reported;
      }
      this.#segment(
        connection,
        direction,
        dataSeq,
        tcp.data,
        payloadStart,
        captured,
        reported,
        time,
      );
    }
    if ((flags & FIN) !== 0 && half.finOffset < 0) {
      half.finOffset = half.offsetOf(dataSeq) + reported;
    }
    if ((flags & RST) !== 0) this.#close(connection, "rst", time);
    else if (connection.halves[0].finished && connection.halves[1].finished) {
      this.#close(connection, "fin", time);
    }
  }

  /**
   * Closes every open stream (reason `end`), giving up their holes, and forgets them.
   *
   * @param time The capture time of the end (default: the last packet's).
   */
  finish(time: number = this.#lastTime): void {
    for (const connection of [...this.#table.values()]) {
      if (!connection.closed) this.#close(connection, "end", time);
    }
    this.#table.clear();
  }

  /** Handles the data of one segment of one direction: `captured` bytes from `data[from]`. */
  #segment(
    connection: TcpConnection,
    direction: StreamDirection,
    seq: number,
    data: Uint8Array,
    from: number,
    captured: number,
    reported: number,
    time: number,
  ): void {
    const half = connection.halves[direction];
    const start = half.offsetOf(seq);
    const end = start + reported;
    if (end <= half.nextOffset) return;
    if (start <= half.nextOffset) {
      const skip = half.nextOffset - start;
      if (skip < captured) {
        this.#deliver(connection, direction, data, from + skip, from + captured, time);
      }
      if (half.nextOffset < end) {
        // The snapshot length cut the segment: its tail is missing.
        this.#gap(connection, direction, end - half.nextOffset, "truncated", time);
      }
      this.#drain(connection, direction, time);
      return;
    }
    if (start - half.nextOffset > MAX_AHEAD || captured === 0) return;
    const grown = half.buffer(start, data.subarray(from, from + captured), this.#overlap);
    if (connection.buffered === 0 && grown > 0) this.#buffering.add(connection);
    connection.buffered += grown;
    this.#buffered += grown;
    if (this.#buffered > this.#peakBuffered) this.#peakBuffered = this.#buffered;
    while (connection.buffered > this.#maxPerConnection) {
      const [a, b] = connection.halves;
      this.#skip(connection, a.buffered >= b.buffered ? 0 : 1, "limit", time);
    }
    if (this.#buffered > this.#maxTotal) this.#relieve(time);
  }

  /** Delivers the waiting segments that the next expected offset reached. */
  #drain(connection: TcpConnection, direction: StreamDirection, time: number): void {
    const half = connection.halves[direction];
    const waiting = half.waiting;
    while (waiting.length > 0 && waiting[0]!.start <= half.nextOffset) {
      const segment = waiting.shift()!;
      const length = segment.data.length;
      half.buffered -= length;
      connection.buffered -= length;
      this.#buffered -= length;
      if (connection.buffered === 0) this.#buffering.delete(connection);
      const skip = half.nextOffset - segment.start;
      if (skip < length) this.#deliver(connection, direction, segment.data, skip, length, time);
    }
  }

  /** Delivers `bytes[start..end)` at the next expected offset of a direction. */
  #deliver(
    connection: TcpConnection,
    direction: StreamDirection,
    bytes: Uint8Array,
    start: number,
    end: number,
    time: number,
  ): void {
    const half = connection.halves[direction];
    this.#dataRange(connection, direction, bytes, start, end, half.nextOffset, time);
    half.advance(end - start);
  }

  /** Gives up the hole before the first waiting segment of a direction. */
  #skip(
    connection: TcpConnection,
    direction: StreamDirection,
    reason: GapReason,
    time: number,
  ): void {
    const half = connection.halves[direction];
    const first = half.waiting[0];
    if (first === undefined) return;
    if (first.start > half.nextOffset) {
      this.#gap(connection, direction, first.start - half.nextOffset, reason, time);
    }
    this.#drain(connection, direction, time);
  }

  #gap(
    connection: TcpConnection,
    direction: StreamDirection,
    size: number,
    reason: GapReason,
    time: number,
  ): void {
    const half = connection.halves[direction];
    this.#handler.gap?.(connection, direction, half.nextOffset, size, reason, time);
    half.advance(size);
  }

  /** Over the total limit: the connections that buffer the longest give up their holes. */
  #relieve(time: number): void {
    for (const connection of this.#buffering) {
      if (this.#buffered <= this.#maxTotal) return;
      for (const direction of [0, 1] as const) {
        while (connection.halves[direction].waiting.length > 0) {
          this.#skip(connection, direction, "limit", time);
        }
      }
    }
  }

  #close(connection: TcpConnection, reason: CloseReason, time: number): void {
    for (const direction of [0, 1] as const) {
      while (connection.halves[direction].waiting.length > 0) {
        this.#skip(connection, direction, "close", time);
      }
    }
    connection.closed = true;
    this.#buffering.delete(connection);
    this.#handler.closed?.(connection, reason, time);
  }

  /** Closes and forgets the connections idle for longer than the timeout. */
  #expire(time: number): void {
    const limit = time - this.#idleTimeout;
    for (let oldest = this.#table.oldest; oldest !== undefined; oldest = this.#table.oldest) {
      if (!(oldest.lastSeen < limit)) return;
      if (!oldest.closed) this.#close(oldest, "idle", time);
      this.#table.remove(oldest);
    }
  }

  /** Closes and forgets the least recently active connection. */
  #evict(): void {
    const oldest = this.#table.oldest!;
    if (!oldest.closed) this.#close(oldest, "evicted", this.#lastTime);
    this.#table.remove(oldest);
  }
}

/** The TCP payload length the IP header announces (0 when it does not say). */
function reportedPayload(ip: Ipv4 | Ipv6, tcp: Tcp): number {
  const ipEnd = ip.kind === "ipv4"
    ? (ip.totalLength === 0 ? 0 : ip.offset + ip.totalLength)
    : (ip.payloadLength === 0 ? 0 : ip.offset + 40 + ip.payloadLength);
  return ipEnd === 0 ? 0 : ipEnd - (tcp.offset + tcp.dataOffset * 4);
}
