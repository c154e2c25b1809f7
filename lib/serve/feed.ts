/**
 * {@linkcode feedRing}: moves the packets of a capture (a file's batches or a live
 * capture's) into a {@linkcode PacketRing}, filtered, yielding to the event loop between
 * batches so that the server keeps answering while a big file loads.
 *
 * @module
 */

import type { CaptureBatch } from "../formats/capture_reader.ts";
import type { PacketFilter } from "../pipeline/filter.ts";
import type { PacketRing, RingRecord } from "./packet_ring.ts";

/** Options of {@linkcode feedRing}. */
export interface FeedRingOptions {
  /** Only packets this filter accepts (files; libpcap filters live captures itself). */
  filter?: PacketFilter;
  /** Stops after the current batch. */
  signal?: AbortSignal;
}

/**
 * Pushes every packet of the batches (that the filter accepts) into the ring.
 *
 * @param batches A reader's `batches()` or a live capture's.
 * @param ring The ring.
 * @param options The filter, and when to stop.
 * @returns How many packets were pushed.
 *
 * @example Load a file into a ring
 * ```ts
 * import { feedRing } from "./feed.ts";
 * import { PacketRing } from "./packet_ring.ts";
 * import { openCapture } from "../formats/open_capture.ts";
 * import { pcapBytes } from "../formats/pcap.ts";
 * import assert from "node:assert/strict";
 *
 * await using reader = await openCapture(ReadableStream.from([pcapBytes([
 *   { timestamp: 0n, data: new Uint8Array(60) },
 *   { timestamp: 1n, data: new Uint8Array(60) },
 * ])]));
 * const ring = new PacketRing();
 * assert.equal(await feedRing(reader.batches(), ring), 2);
 * assert.equal(ring.total, 2);
 * ```
 */
export async function feedRing(
  batches: AsyncIterable<CaptureBatch>,
  ring: PacketRing,
  options: FeedRingOptions = {},
): Promise<number> {
  const record: RingRecord = { seconds: 0, nanoseconds: 0, linkType: 1, originalLength: 0 };
  let pushed = 0;
  for await (const batch of batches) {
    for (let i = 0; i < batch.count; i++) {
      const start = batch.offsets[i]!;
      const data = batch.buffer.subarray(start, start + batch.capturedLengths[i]!);
      record.linkType = batch.linkTypes[i]!;
      record.originalLength = batch.originalLengths[i]!;
      if (options.filter?.matches(record.linkType, data, record.originalLength) === false) {
        continue;
      }
      record.seconds = batch.seconds[i]!;
      record.nanoseconds = batch.nanoseconds[i]!;
      ring.push(data, record);
      pushed++;
    }
    if (options.signal?.aborted === true) break;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return pushed;
}
