import assert from "node:assert/strict";
import { openCapture } from "../lib/formats/open_capture.ts";
import type { CaptureSource } from "../lib/formats/capture_reader.ts";
import { CaptureFileError } from "../lib/formats/errors.ts";
import { pcapBytes } from "../lib/formats/pcap.ts";
import { pcapngBytes } from "../lib/formats/pcapng.ts";

const testdataDir = new URL("../testdata/", import.meta.url);

Deno.test("openCapture() recognises pcap and pcapng by magic number, from a path", {
  permissions: { read: [testdataDir] },
}, async () => {
  for (
    const [name, format] of [
      ["lo_ping.pcap", "pcap"],
      ["lo_ping_nano.pcap", "pcap"],
      ["lo_ping.pcapng", "pcapng"],
    ]
  ) {
    await using reader = await openCapture(new URL(name!, testdataDir));
    assert.equal(reader.format, format);
    let count = 0;
    for await (const record of reader) {
      assert.equal(record.linkType, 1);
      count++;
    }
    assert.equal(count, 4);
  }
});

Deno.test("openCapture() reads an open file and leaves it open", {
  permissions: { read: [testdataDir] },
}, async () => {
  using file = await Deno.open(new URL("lo_ping.pcapng", testdataDir));
  {
    await using reader = await openCapture(file);
    assert.equal(reader.format, "pcapng");
    assert.equal((await Array.fromAsync(reader)).length, 4);
    await reader.close();
    await reader.close();
  }
  // Still open: it can be rewound and read again.
  await file.seek(0, Deno.SeekMode.Start);
  await using again = await openCapture(file);
  assert.equal((await Array.fromAsync(again)).length, 4);
});

Deno.test("openCapture() reads a stream of 1-byte chunks", async () => {
  const bytes = pcapngBytes({
    interfaces: [{ linkType: 1 }],
    packets: [1n, 2n, 3n].map((timestamp) => ({ timestamp, data: new Uint8Array(33) })),
  });
  const source = ReadableStream.from((function* () {
    for (const b of bytes) yield new Uint8Array([b]);
  })());
  await using reader = await openCapture(source, { chunkSize: 32 });
  assert.deepEqual((await Array.fromAsync(reader)).map((r) => r.timestamp), [1n, 2n, 3n]);
});

Deno.test("openCapture() rejects unknown and empty input with a typed error", async () => {
  await assert.rejects(
    openCapture(ReadableStream.from([new Uint8Array([6, 0, 0, 0, 1, 2, 3, 4])])),
    (error: unknown) =>
      error instanceof CaptureFileError && error.code === "unsupported" && error.offset === 0 &&
      error.message ===
        "Cannot open capture file at offset 0: unknown magic number 0x06000000, neither pcap nor pcapng",
  );
  await assert.rejects(
    openCapture(ReadableStream.from([new Uint8Array([0xd4, 0xc3])])),
    (error: unknown) => error instanceof CaptureFileError && error.code === "truncated",
  );
});

Deno.test("openCapture() readers can be closed in the middle of an iteration", async () => {
  const bytes = pcapBytes(
    Array.from({ length: 100 }, (_, i) => ({ timestamp: BigInt(i), data: new Uint8Array(10) })),
  );
  const reader = await openCapture(ReadableStream.from([bytes]));
  let count = 0;
  for await (const _ of reader) {
    if (++count === 10) break;
  }
  assert.equal(count, 10);
  await reader.close();
  await assert.rejects(async () => {
    for await (const _ of reader) count++;
  }, TypeError);
});

Deno.test("CaptureReader.batches() with reuseBuffers reads the same records as without", async () => {
  const packets = Array.from({ length: 300 }, (_, i) => ({
    timestamp: BigInt(i) * 1_000_000n,
    data: new Uint8Array(40 + (i * 37) % 900).fill(i & 0xff),
  }));
  const bytes = pcapngBytes({ interfaces: [{ linkType: 1 }], packets });
  const read = async (reuseBuffers: boolean): Promise<string[]> => {
    await using reader = await openCapture(ReadableStream.from([bytes]), { chunkSize: 4096 });
    const seen: string[] = [];
    const buffers = new Set<ArrayBufferLike>();
    for await (const batch of reader.batches({ reuseBuffers })) {
      buffers.add(batch.buffer.buffer);
      for (let i = 0; i < batch.count; i++) {
        const data = batch.data(i);
        seen.push(`${batch.timestamp(i)} ${data.length} ${data[0]} ${data.at(-1)}`);
      }
    }
    if (reuseBuffers) assert.ok(buffers.size <= 3, `${buffers.size} buffers used`);
    else assert.ok(buffers.size > 3);
    return seen;
  };
  const fresh = await read(false);
  assert.equal(fresh.length, 300);
  assert.deepEqual(await read(true), fresh);
});

Deno.test("openCapture() reads a named pipe from its path while a writer fills it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "wirekit_fifo_" });
  try {
    const fifo = `${dir}/capture.pcap`;
    const made = await new Deno.Command("mkfifo", { args: [fifo] }).output();
    assert.ok(made.success);
    const packets = Array.from({ length: 3000 }, (_, i) => ({
      timestamp: BigInt(i) * 1000n,
      data: new Uint8Array(100 + (i % 50)),
    }));
    const bytes = pcapBytes(packets);
    // The writer sends in small pieces, so that the reader waits for data several times.
    const writing = (async () => {
      using file = await Deno.open(fifo, { write: true });
      for (let i = 0; i < bytes.length; i += 4096) await file.write(bytes.subarray(i, i + 4096));
    })();
    let count = 0;
    {
      await using reader = await openCapture(fifo, { chunkSize: 64 * 1024 });
      for await (const batch of reader.batches()) count += batch.count;
    }
    await writing;
    assert.equal(count, packets.length);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("openCapture() reads Deno.stdin straight into its buffers, and leaves it open", async () => {
  const packets = Array.from({ length: 3000 }, (_, i) => ({
    timestamp: BigInt(i) * 1000n,
    data: new Uint8Array(100 + (i % 50)).fill(i & 0xff),
  }));
  const bytes = pcapBytes(packets);
  // Standard input is a source of its own type (it is no FsFile).
  const stdin: CaptureSource = Deno.stdin;
  assert.ok(stdin);
  // A process whose standard input is a pipe fed in small pieces: short reads, as from tcpdump.
  const module = new URL("../lib/formats/open_capture.ts", import.meta.url).href;
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      `import { openCapture } from ${JSON.stringify(module)};
      let count = 0, sum = 0;
      {
        await using reader = await openCapture(Deno.stdin, { chunkSize: 64 * 1024 });
        for await (const record of reader) { count++; sum += record.data[0] + record.capturedLength; }
      }
      const rest = await Deno.stdin.read(new Uint8Array(1));
      console.log(count, sum, rest);`,
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  for (let i = 0; i < bytes.length; i += 4096) await writer.write(bytes.subarray(i, i + 4096));
  await writer.close();
  const output = await child.output();
  assert.equal(new TextDecoder().decode(output.stderr), "");
  const sum = packets.reduce((s, p) => s + p.data[0]! + p.data.length, 0);
  // After the reader closed, standard input is still open: a read returns its end (null).
  assert.equal(new TextDecoder().decode(output.stdout), `${packets.length} ${sum} null\n`);
});
