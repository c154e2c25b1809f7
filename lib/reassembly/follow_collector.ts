/**
 * Collects what tshark's `follow` shows of one conversation: its ends and its chunks, as
 * tshark 4.0 cuts them (one per packet that brought new bytes, in capture order).
 *
 * @module
 */

import type { FollowSpec } from "./follow_spec.ts";
import type { GapReason, StreamDirection, StreamHandler, StreamInfo } from "./stream_types.ts";

/** One chunk of a followed conversation. */
export interface FollowChunk {
  /** 0 from the client (`Node 0`), 1 from the server. */
  direction: StreamDirection;
  /** The bytes (a copy). */
  data: Uint8Array;
  /**
   * Whether the chunk stands for missing bytes: its text is tshark's
   * `[N bytes missing in capture file]` and a NUL.
   */
  missing: boolean;
}

/** What {@linkcode FollowCollector} gathered. */
export interface FollowResult {
  /** The client's address (`Node 0`), or `""` when no packet matched. */
  clientAddress: string;
  /** The client's port, 0 when no packet matched. */
  clientPort: number;
  /** The server's address (`Node 1`). */
  serverAddress: string;
  /** The server's port. */
  serverPort: number;
  /** 4 or 6; 4 when no packet matched. */
  ipVersion: 4 | 6;
  /** The chunks, in order. */
  chunks: FollowChunk[];
}

const encoder = new TextEncoder();

/**
 * A {@linkcode StreamHandler} that keeps the chunks of the streams a follow spec selects
 * (by number, or every stream between the two ends), as tshark 4.0's follow does: bytes
 * that the other side acknowledged but the capture lacks become a
 * `[N bytes missing in capture file]` chunk; after a hole that was given up otherwise
 * (at a close or a buffering limit), tshark shows nothing more of that direction, and
 * neither does this.
 *
 * @example Follow stream 0
 * ```ts
 * import { FollowCollector } from "./follow_collector.ts";
 * import { parseFollowSpec } from "./follow_spec.ts";
 * import assert from "node:assert/strict";
 *
 * const collector = new FollowCollector(parseFollowSpec("follow,tcp,raw,0"));
 * const stream = {
 *   protocol: "tcp", index: 0, ipVersion: 4, clientAddress: "10.0.0.1", clientPort: 40000,
 *   serverAddress: "10.0.0.2", serverPort: 80, firstSeen: 0,
 * } as const;
 * collector.data(stream, 0, new Uint8Array([1, 2]), 0);
 * collector.gap(stream, 1, 0, 100, "acked");
 * assert.equal(collector.result.chunks.length, 2);
 * assert.equal(collector.result.chunks[1]!.data.length, 36);
 * ```
 */
export class FollowCollector implements StreamHandler {
  readonly #spec: FollowSpec;
  readonly #stopped = new Set<string>();
  /** The conversation so far. */
  readonly result: FollowResult = {
    clientAddress: "",
    clientPort: 0,
    serverAddress: "",
    serverPort: 0,
    ipVersion: 4,
    chunks: [],
  };
  #first: StreamInfo | undefined = undefined;

  /**
   * Makes a collector.
   *
   * @param spec Which conversation to follow.
   */
  constructor(spec: FollowSpec) {
    this.#spec = spec;
  }

  /**
   * Whether a stream is one the spec selects.
   *
   * @param stream The stream.
   * @returns `true` when it is followed.
   */
  selects(stream: StreamInfo): boolean {
    const spec = this.#spec;
    if (stream.protocol !== spec.protocol) return false;
    if (spec.endpoints === undefined) return stream.index === spec.index;
    if (stream.ipVersion !== spec.ipVersion) return false;
    const [a, b] = spec.endpoints;
    const is = (address: string, port: number, end: typeof a) =>
      address === end.address && port === end.port;
    return (is(stream.clientAddress, stream.clientPort, a) &&
      is(stream.serverAddress, stream.serverPort, b)) ||
      (is(stream.clientAddress, stream.clientPort, b) &&
        is(stream.serverAddress, stream.serverPort, a));
  }

  /**
   * Notes the ends of the first selected stream.
   *
   * @param stream The stream that opened.
   */
  opened(stream: StreamInfo): void {
    if (this.#first !== undefined || !this.selects(stream)) return;
    this.#first = stream;
    Object.assign(this.result, {
      clientAddress: stream.clientAddress,
      clientPort: stream.clientPort,
      serverAddress: stream.serverAddress,
      serverPort: stream.serverPort,
      ipVersion: stream.ipVersion,
    });
  }

  /**
   * Keeps a copy of the bytes of a selected stream.
   *
   * @param stream The stream.
   * @param direction Who sent them.
   * @param data The bytes.
   */
  data(stream: StreamInfo, direction: StreamDirection, data: Uint8Array, _offset: number): void {
    if (!this.selects(stream)) return;
    this.opened(stream);
    if (this.#stopped.has(`${stream.index}/${direction}`)) return;
    this.result.chunks.push({
      direction: this.#node(stream, direction),
      data: data.slice(),
      missing: false,
    });
  }

  /**
   * Notes a hole in a selected stream.
   *
   * @param stream The stream.
   * @param direction Whose bytes are missing.
   * @param _offset Where.
   * @param size How many.
   * @param reason Why.
   */
  gap(
    stream: StreamInfo,
    direction: StreamDirection,
    _offset: number,
    size: number,
    reason: GapReason,
  ): void {
    if (!this.selects(stream) || reason === "truncated") return;
    if (reason !== "acked") {
      this.#stopped.add(`${stream.index}/${direction}`);
      return;
    }
    if (this.#stopped.has(`${stream.index}/${direction}`)) return;
    const data = encoder.encode(`[${size} bytes missing in capture file]\0`);
    this.result.chunks.push({ direction: this.#node(stream, direction), data, missing: true });
  }

  /** The node of a direction: relative to the first selected stream's client. */
  #node(stream: StreamInfo, direction: StreamDirection): StreamDirection {
    const first = this.#first!;
    const same = stream.clientAddress === first.clientAddress &&
      stream.clientPort === first.clientPort;
    return same ? direction : direction === 0 ? 1 : 0;
  }
}
