/**
 * The shapes shared by TCP stream reassembly and UDP streams: a stream's identity, the
 * events a reassembler reports, the callback form of those events for hot loops, and the
 * options (overlap policy, memory limits, idle timeout).
 *
 * @module
 */

import type { DefragmenterOptions } from "./defragmenter.ts";

/** The transport of a stream. */
export type StreamProtocol = "tcp" | "udp";

/**
 * The direction of a chunk of a stream: 0 from the client (the source of the stream's
 * first packet seen, tshark's `Node 0`), 1 from the server.
 */
export type StreamDirection = 0 | 1;

/**
 * Why bytes are missing from a direction of a TCP stream:
 *
 * - `acked`: the other side acknowledged bytes that the capture lacks (the capture missed
 *   them; tshark prints `[N bytes missing in capture file]`).
 * - `truncated`: the packets were cut short by the snapshot length.
 * - `limit`: out-of-order bytes waited past a buffering limit, and the hole before them
 *   was given up (the oldest waiting bytes go first, as gopacket's assembler does).
 * - `close`: the stream closed (FIN, RST, idle, end of input) with a hole before bytes
 *   that were waiting.
 */
export type GapReason = "acked" | "truncated" | "limit" | "close";

/**
 * Why a stream closed:
 *
 * - `fin`: both sides sent FIN and every byte before them arrived.
 * - `rst`: a reset.
 * - `idle`: no packet for the idle timeout, in capture time.
 * - `reused`: a new SYN on the same addresses and ports started another stream.
 * - `evicted`: the connection limit was reached and this was the least recently active.
 * - `end`: the input ended.
 */
export type CloseReason = "fin" | "rst" | "idle" | "reused" | "evicted" | "end";

/** Who talks in a stream, and its number. */
export interface StreamInfo {
  /** `tcp` or `udp`. */
  readonly protocol: StreamProtocol;
  /**
   * The stream's number, as tshark's `tcp.stream` / `udp.stream`: counted from 0 in the
   * order of first appearance, separately for TCP and UDP.
   */
  readonly index: number;
  /** 4 or 6. */
  readonly ipVersion: 4 | 6;
  /** The client's address (the source of the first packet seen), such as `10.0.0.1`. */
  readonly clientAddress: string;
  /** The client's port. */
  readonly clientPort: number;
  /** The server's address. */
  readonly serverAddress: string;
  /** The server's port. */
  readonly serverPort: number;
  /** The time of the stream's first packet, in seconds since the epoch. */
  readonly firstSeen: number;
}

/** A stream was seen for the first time. */
export interface StreamOpenedEvent {
  /** The discriminant. */
  readonly type: "opened";
  /** The stream. */
  readonly stream: StreamInfo;
  /** Capture time of the packet, in seconds since the epoch. */
  readonly time: number;
}

/** Bytes of one direction, in order. */
export interface StreamDataEvent {
  /** The discriminant. */
  readonly type: "data";
  /** The stream. */
  readonly stream: StreamInfo;
  /** Who sent them. */
  readonly direction: StreamDirection;
  /** Where they start in this direction's byte stream (gaps count). */
  readonly offset: number;
  /**
   * The bytes: a view into the packet when they arrived in order, else a copy made when
   * they were buffered. A view lives as long as the packet's buffer does.
   */
  readonly data: Uint8Array;
  /** Capture time of the packet that delivered them, in seconds since the epoch. */
  readonly time: number;
}

/** Bytes of one direction that will never come. */
export interface StreamGapEvent {
  /** The discriminant. */
  readonly type: "gap";
  /** The stream. */
  readonly stream: StreamInfo;
  /** Whose bytes are missing. */
  readonly direction: StreamDirection;
  /** Where the hole starts in this direction's byte stream. */
  readonly offset: number;
  /** How many bytes are missing. */
  readonly size: number;
  /** Why. */
  readonly reason: GapReason;
  /** Capture time of the packet that revealed it, in seconds since the epoch. */
  readonly time: number;
}

/** A stream ended: no more events for it. */
export interface StreamClosedEvent {
  /** The discriminant. */
  readonly type: "closed";
  /** The stream. */
  readonly stream: StreamInfo;
  /** Why. */
  readonly reason: CloseReason;
  /** Capture time of the packet (or of the last one) that closed it. */
  readonly time: number;
}

/** What {@linkcode StreamReassembler} reports, as `reassemble()` yields it. */
export type StreamEvent =
  | StreamOpenedEvent
  | StreamDataEvent
  | StreamGapEvent
  | StreamClosedEvent;

/**
 * The callback form of the events, for hot loops: nothing is allocated per call (with
 * `dataRange`; `data` is given a view of each segment). Every method is optional; the
 * bytes given to `data` or `dataRange` are only valid during the call when they are part
 * of a reused packet buffer (a `PacketParser` fed from `batches({ reuseBuffers: true })`):
 * copy what you keep.
 */
export interface StreamHandler {
  /** A stream was seen for the first time. */
  opened?(stream: StreamInfo, time: number): void;
  /** Bytes of one direction, in order, starting at `offset` in that direction. */
  data?(
    stream: StreamInfo,
    direction: StreamDirection,
    data: Uint8Array,
    offset: number,
    time: number,
  ): void;
  /**
   * `data` without a view made per call, for handlers that look at few of the bytes they
   * are given: the bytes are `bytes[start..end)`. When present, it is called instead of
   * `data`.
   */
  dataRange?(
    stream: StreamInfo,
    direction: StreamDirection,
    bytes: Uint8Array,
    start: number,
    end: number,
    offset: number,
    time: number,
  ): void;
  /** `size` bytes at `offset` of one direction will never come. */
  gap?(
    stream: StreamInfo,
    direction: StreamDirection,
    offset: number,
    size: number,
    reason: GapReason,
    time: number,
  ): void;
  /**
   * A TCP segment of `size` bytes at `offset` came again: it starts before the end of the
   * furthest bytes seen in its direction (tshark's `tcp.analysis.retransmission`, keep-alives
   * aside). Its bytes that are new are delivered as `data` still.
   */
  retransmitted?(
    stream: StreamInfo,
    direction: StreamDirection,
    offset: number,
    size: number,
    time: number,
  ): void;
  /** The stream ended. */
  closed?(stream: StreamInfo, reason: CloseReason, time: number): void;
}

/**
 * Which bytes win where two TCP segments that wait out of order overlap with different
 * contents: `first` keeps the bytes that arrived first (as Linux, BSD and Windows
 * receivers do, and as Wireshark's follow does), `last` the bytes that arrived last.
 * Bytes already delivered in order are never replaced.
 */
export type OverlapPolicy = "first" | "last";

/** Options of {@linkcode StreamReassembler} and `reassemble()`. */
export interface ReassemblyOptions {
  /** Overlapping out-of-order bytes: `first` (the default) or `last`. */
  overlap?: OverlapPolicy;
  /**
   * The most out-of-order bytes buffered for one connection (default 4 MiB); past it the
   * oldest hole is given up as a `limit` gap.
   */
  maxBufferedPerConnection?: number;
  /**
   * The most out-of-order bytes buffered over all connections (default 64 MiB); past it
   * the connection that has buffered the longest gives up its holes (the oldest
   * waiting bytes go first).
   */
  maxBufferedTotal?: number;
  /**
   * The most connections (TCP and UDP each) tracked at once, closed ones included
   * (default 1,000,000); past it the least recently active is evicted.
   */
  maxConnections?: number;
  /**
   * Seconds of capture time without a packet after which a connection closes as `idle`
   * (default 300; `Infinity` never).
   */
  idleTimeout?: number;
  /** Track UDP streams too (default `true`). */
  udp?: boolean;
  /**
   * TCP and UDP ports whose packets are left out, to or from any of them: no stream, no
   * event and no stream number (the others are numbered among themselves). For callers
   * that read none of the protocols on those ports (default: none left out).
   */
  ignorePorts?: readonly number[];
  /**
   * Reassemble IP fragments before the streams see them (default `true`, with the
   * `Defragmenter`'s defaults; or its options); `false` skips fragments.
   */
  defragment?: boolean | DefragmenterOptions;
}
