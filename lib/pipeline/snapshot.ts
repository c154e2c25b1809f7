/**
 * libpcap's snapshot length when it reads a file: a record that stores more bytes than
 * the file header's snapshot length is handed to tcpdump cut to that length (the rest is
 * skipped), so tcpdump prints and dumps fewer bytes than tshark, which reads them all.
 *
 * @module
 */

import type { CaptureBatch } from "../formats/capture_reader.ts";
import { MAXIMUM_SNAPLEN } from "./source.ts";

/**
 * Cuts the captured length of every packet to a file's snapshot length, as libpcap does
 * for tcpdump. A snapshot length of 0 or above tcpdump's `MAXIMUM_SNAPLEN` (262144) cuts
 * nothing: libpcap then uses the link type's maximum, which longer records exceed only in
 * a file it rejects. The batches are changed in place.
 *
 * @param batches The batches of a file (of one snapshot length: a pcap file).
 * @param snapLength The file header's snapshot length.
 * @returns The same batches, their packets cut.
 *
 * @example Cut 90-byte records to a snapshot length of 53
 * ```ts
 * import { snapshotBatches } from "./snapshot.ts";
 * import { openCapture } from "../formats/open_capture.ts";
 * import { pcapBytes } from "../formats/pcap.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = pcapBytes([{ timestamp: 0n, data: new Uint8Array(90) }]);
 * await using reader = await openCapture(ReadableStream.from([bytes]));
 * for await (const batch of snapshotBatches(reader.batches(), 53)) {
 *   assert.equal(batch.capturedLengths[0], 53);
 *   assert.equal(batch.originalLengths[0], 90);
 * }
 * ```
 */
export async function* snapshotBatches(
  batches: AsyncIterable<CaptureBatch>,
  snapLength: number,
): AsyncGenerator<CaptureBatch, void, undefined> {
  if (snapLength === 0 || snapLength > MAXIMUM_SNAPLEN) {
    yield* batches;
    return;
  }
  for await (const batch of batches) {
    const lengths = batch.capturedLengths;
    for (let i = 0; i < batch.count; i++) {
      if (lengths[i]! > snapLength) lengths[i] = snapLength;
    }
    yield batch;
  }
}
