import assert from "node:assert/strict";
import { snapshotBatches } from "../lib/pipeline/snapshot.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { pcapBytes } from "../lib/formats/pcap.ts";

async function capturedLengths(snapLength: number): Promise<number[]> {
  const bytes = pcapBytes([
    { timestamp: 0n, data: new Uint8Array(90) },
    { timestamp: 1n, data: new Uint8Array(40) },
  ]);
  await using reader = await openCapture(ReadableStream.from([bytes]));
  const lengths: number[] = [];
  for await (const batch of snapshotBatches(reader.batches(), snapLength)) {
    for (let i = 0; i < batch.count; i++) lengths.push(batch.capturedLengths[i]!);
  }
  return lengths;
}

Deno.test("snapshotBatches() cuts longer packets to the snapshot length, as libpcap", async () => {
  assert.deepEqual(await capturedLengths(53), [53, 40]);
});

Deno.test("snapshotBatches() cuts nothing for a snapshot length of 0 or above 262144", async () => {
  assert.deepEqual(await capturedLengths(0), [90, 40]);
  assert.deepEqual(await capturedLengths(262145), [90, 40]);
});
