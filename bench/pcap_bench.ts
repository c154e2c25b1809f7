/**
 * Capture file reading benchmarks, on an in-memory pcap of 10,000 packets of the
 * benchmark mix: one record object per packet (`for await`) against reused batches
 * (`batches()`, with fresh or reused chunk buffers), first reading only, then reading and
 * decoding (`decode()` per record against one reused `PacketParser` over batches).
 *
 * ```sh
 * deno bench bench/pcap_bench.ts
 * ```
 *
 * @module
 */

import { decode, PacketParser } from "../lib/decode.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { pcapBytes } from "../lib/formats/pcap.ts";
import { generatePackets } from "./_traffic.ts";

const PACKETS = 10_000;
const file = pcapBytes(generatePackets({ count: PACKETS }), { snapLength: 65535 });
const megabytes = (file.length / 1e6).toFixed(1);
const parser = new PacketParser();

function open() {
  return openCapture(ReadableStream.from([file]));
}

function expect(count: number): void {
  if (count !== PACKETS) {
    throw new Error(`Cannot benchmark pcap reading: read ${count} packets, expected ${PACKETS}`);
  }
}

const readGroup = `read ${PACKETS} packets (${megabytes} MB pcap in memory)`;

Deno.bench({
  name: "records (for await)",
  group: readGroup,
  baseline: true,
  async fn() {
    await using reader = await open();
    let count = 0;
    for await (const record of reader) count += record.capturedLength > 0 ? 1 : 0;
    expect(count);
  },
});

Deno.bench({
  name: "batches()",
  group: readGroup,
  async fn() {
    await using reader = await open();
    let count = 0;
    for await (const batch of reader.batches()) count += batch.count;
    expect(count);
  },
});

Deno.bench({
  name: "batches({ reuseBuffers: true })",
  group: readGroup,
  async fn() {
    await using reader = await open();
    let count = 0;
    for await (const batch of reader.batches({ reuseBuffers: true })) count += batch.count;
    expect(count);
  },
});

const decodeGroup = `read and decode ${PACKETS} packets`;

Deno.bench({
  name: "records + decode()",
  group: decodeGroup,
  baseline: true,
  async fn() {
    await using reader = await open();
    let count = 0;
    for await (const record of reader) {
      if (decode(record.linkType, record.data).layers.length > 0) count++;
    }
    expect(count);
  },
});

Deno.bench({
  name: "batches({ reuseBuffers: true }) + PacketParser.parse()",
  group: decodeGroup,
  async fn() {
    await using reader = await open();
    let count = 0;
    for await (const batch of reader.batches({ reuseBuffers: true })) {
      const { buffer, offsets, capturedLengths, linkTypes } = batch;
      for (let i = 0; i < batch.count; i++) {
        const offset = offsets[i]!;
        if (parser.parse(linkTypes[i]!, buffer, offset, offset + capturedLengths[i]!) > 0) count++;
      }
    }
    expect(count);
  },
});
