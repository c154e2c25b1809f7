/**
 * Stream reassembly as an async iterable of events, over any source of packets: a
 * capture file reader, a live capture, a raw socket, or an array of records.
 *
 * @module
 */

import { StreamReassembler } from "./stream_reassembler.ts";
import type { ReassemblyOptions, StreamEvent, StreamHandler } from "./stream_types.ts";

/**
 * A packet as the readers and captures of wirekit yield it (`CaptureRecord`,
 * `RawRecord`): its time, link type and bytes.
 */
export interface PacketRecord {
  /** Capture time, in nanoseconds since the epoch. */
  timestamp: bigint;
  /** The `LINKTYPE_*` of `data`. */
  linkType: number;
  /** The captured bytes; they must stay valid after the iteration moves on. */
  data: Uint8Array;
}

/**
 * Reassembles the TCP streams (and UDP streams) of a packet source and yields their
 * events in capture order: `opened`, `data` (direction, offset in that direction, bytes),
 * `gap` (offset, size, reason), `closed` (reason). When the source ends, every stream
 * still open is closed with reason `end`.
 *
 * Data events are views of the packets' bytes when the bytes arrived in order (the
 * records of wirekit's readers and captures own their bytes), and copies when they had
 * to wait. Malformed packets are skipped, never thrown; errors of the source itself
 * (an unreadable file) pass through.
 *
 * @param source The packets, in capture order.
 * @param options Overlap policy, memory limits, idle timeout, UDP or not.
 * @returns The events.
 *
 * @example Reassemble an HTTP exchange from records
 * ```ts
 * import { reassemble } from "./stream_events.ts";
 * import { buildIpv4, buildTcp } from "../craft/mod.ts";
 * import { LinkType } from "../link_type.ts";
 * import assert from "node:assert/strict";
 *
 * const client = { source: "10.0.0.1", destination: "10.0.0.2", sourcePort: 40000, destinationPort: 80 };
 * const server = { source: "10.0.0.2", destination: "10.0.0.1", sourcePort: 80, destinationPort: 40000 };
 * const record = (ends: typeof client, sequence: number, text: string, fin = false) => ({
 *   timestamp: 0n,
 *   linkType: LinkType.RAW,
 *   data: buildIpv4({
 *     source: ends.source, destination: ends.destination, protocol: 6,
 *     payload: buildTcp({ ...ends, sequence, flags: { ack: true, fin }, payload: new TextEncoder().encode(text) }),
 *   }),
 * });
 * const events = [];
 * for await (const event of reassemble([
 *   record(client, 1, "GET / HTTP/1.0\r\n\r\n", true),
 *   record(server, 500, "HTTP/1.0 200 OK\r\n\r\n", true),
 * ])) events.push(event.type === "data" ? `${event.direction}:${event.data.length}` : event.type);
 * assert.deepEqual(events, ["opened", "0:18", "1:19", "closed"]);
 * ```
 */
export async function* reassemble(
  source: AsyncIterable<PacketRecord> | Iterable<PacketRecord>,
  options: ReassemblyOptions = {},
): AsyncGenerator<StreamEvent, void, undefined> {
  let queue: StreamEvent[] = [];
  const handler: StreamHandler = {
    opened: (stream, time) => queue.push({ type: "opened", stream, time }),
    data: (stream, direction, data, offset, time) =>
      queue.push({ type: "data", stream, direction, offset, data, time }),
    gap: (stream, direction, offset, size, reason, time) =>
      queue.push({ type: "gap", stream, direction, offset, size, reason, time }),
    closed: (stream, reason, time) => queue.push({ type: "closed", stream, reason, time }),
  };
  const reassembler = new StreamReassembler(handler, options);
  for await (const record of source) {
    reassembler.add(record.linkType, record.data, Number(record.timestamp) / 1e9);
    if (queue.length > 0) {
      const events = queue;
      queue = [];
      yield* events;
    }
  }
  reassembler.finish();
  yield* queue;
}
