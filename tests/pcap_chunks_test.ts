import assert from "node:assert/strict";
import { pcapChunks } from "../lib/formats/pcap_chunks.ts";
import type { PcapChunk } from "../lib/formats/pcap_chunks.ts";
import { pcapBytes, PcapReader } from "../lib/formats/pcap.ts";
import { CaptureFileError } from "../lib/formats/errors.ts";
import type { CaptureRecord } from "../lib/formats/capture_reader.ts";

const testdataDir = new URL("../testdata/", import.meta.url);

async function recordsOf(source: string | URL | Uint8Array): Promise<CaptureRecord[]> {
  const input = source instanceof Uint8Array ? ReadableStream.from([source]) : source;
  await using reader = await PcapReader.open(input);
  return await Array.fromAsync(reader);
}

async function chunksOf(path: string | URL, chunkBytes: number): Promise<PcapChunk[]> {
  return await Array.fromAsync(pcapChunks(path, { chunkBytes }));
}

async function tempCapture(bytes: Uint8Array): Promise<string> {
  const path = await Deno.makeTempFile({ suffix: ".pcap" });
  await Deno.writeFile(path, bytes);
  return path;
}

for (const name of ["namespaces.pcap", "namespaces_be_nano.pcap", "http_lossy.pcap"]) {
  Deno.test(`pcapChunks() cuts ${name} into chunks that read back as the file`, async () => {
    const path = new URL(name, testdataDir);
    const whole = await recordsOf(path);
    const chunks = await chunksOf(path, 1000);
    assert.ok(chunks.length > 2, `${chunks.length} chunks`);
    const header = (await Deno.readFile(path)).subarray(0, 24);
    const read: CaptureRecord[] = [];
    let offset = 24;
    for (const chunk of chunks) {
      assert.equal(chunk.firstPacket, read.length);
      assert.equal(chunk.fileOffset, offset);
      assert.deepEqual(chunk.bytes.subarray(0, 24), header);
      assert.equal(chunk.bytes.byteOffset, 0);
      assert.equal(chunk.bytes.buffer.byteLength, chunk.bytes.length);
      const records = await recordsOf(chunk.bytes);
      assert.equal(records.length, chunk.packets);
      read.push(...records);
      offset += chunk.bytes.length - 24;
    }
    assert.deepEqual(read, whole);
  });
}

Deno.test("pcapChunks() yields the chunks before a cut record, then its error", async () => {
  const bytes = pcapBytes(
    Array.from({ length: 40 }, (_, i) => ({ timestamp: BigInt(i), data: new Uint8Array(200) })),
  );
  const path = await tempCapture(bytes.subarray(0, bytes.length - 50));
  try {
    let packets = 0;
    await assert.rejects(
      async () => {
        for await (const chunk of pcapChunks(path, { chunkBytes: 1000 })) packets += chunk.packets;
      },
      (error) =>
        error instanceof CaptureFileError && error.code === "truncated" &&
        error.offset === 24 + 39 * 216,
    );
    assert.equal(packets, 39);
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("pcapChunks() rejects a file shorter than a pcap header", async () => {
  const path = await tempCapture(new Uint8Array([0xd4, 0xc3, 0xb2, 0xa1, 2, 0]));
  try {
    await assert.rejects(
      () => chunksOf(path, 1000),
      CaptureFileError,
      "Cannot read pcap file header at offset 0: 24 bytes required, the file ends after 6",
    );
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("pcapChunks() rejects a pcapng file", async () => {
  await assert.rejects(
    () => chunksOf(new URL("namespaces.pcapng", testdataDir), 1000),
    CaptureFileError,
    "unknown magic number",
  );
});
