import assert from "node:assert/strict";
import { parsePcapHeader, pcapBytes, PcapReader, PcapWriter } from "../lib/formats/pcap.ts";
import type { PacketToWrite, PcapWriterOptions } from "../lib/formats/pcap.ts";
import { CaptureFileError } from "../lib/formats/errors.ts";
import type { CaptureRecord } from "../lib/formats/capture_reader.ts";
import { encodeHex } from "../lib/_hex.ts";
import { hasCommand } from "./_shared.ts";
import { hasTshark } from "./_tshark.ts";

const testdataDir = new URL("../testdata/", import.meta.url);

function packets(count: number, seed = 1): PacketToWrite[] {
  return Array.from({ length: count }, (_, i) => {
    const data = new Uint8Array(20 + ((i * 37 + seed) % 90));
    for (let j = 0; j < data.length; j++) data[j] = (i * 7 + j * 13 + seed) & 0xff;
    return { timestamp: 1_700_000_000_123_456_789n + BigInt(i) * 1_000_333_777n, data };
  });
}

function stream(bytes: Uint8Array, chunk = bytes.length): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunk));
      offset += chunk;
    },
  });
}

async function readAll(
  bytes: Uint8Array,
  options: { chunkSize?: number; allowTruncatedEnd?: boolean; chunk?: number } = {},
): Promise<{ records: CaptureRecord[]; error: unknown }> {
  const records: CaptureRecord[] = [];
  try {
    const { chunk, ...readerOptions } = options;
    await using reader = await PcapReader.open(stream(bytes, chunk), readerOptions);
    for await (const record of reader) records.push(record);
  } catch (error) {
    return { records, error };
  }
  return { records, error: undefined };
}

function expectedTimestamp(ts: bigint, nano: boolean): bigint {
  return nano ? ts : ts - ts % 1000n;
}

for (const littleEndian of [true, false]) {
  for (const resolution of ["microseconds", "nanoseconds"] as const) {
    const order = littleEndian ? "little-endian" : "big-endian";
    Deno.test(`PcapReader reads a ${order} ${resolution} file`, async () => {
      const written = packets(50);
      const bytes = pcapBytes(written, { littleEndian, resolution, linkType: 113 });
      await using reader = await PcapReader.open(stream(bytes, 100), { chunkSize: 256 });
      assert.equal(reader.format, "pcap");
      assert.equal(reader.header.littleEndian, littleEndian);
      assert.equal(reader.header.resolution, resolution);
      assert.equal(reader.header.linkType, 113);
      assert.equal(reader.header.snapLength, 262144);
      const records = await Array.fromAsync(reader);
      assert.equal(records.length, written.length);
      records.forEach((record, i) => {
        const packet = written[i]!;
        assert.equal(
          record.timestamp,
          expectedTimestamp(packet.timestamp, resolution === "nanoseconds"),
        );
        assert.deepEqual(record.data, packet.data);
        assert.equal(record.capturedLength, packet.data.length);
        assert.equal(record.originalLength, packet.data.length);
        assert.equal(record.linkType, 113);
        assert.equal(record.interfaceId, 0);
      });
    });
  }
}

Deno.test("PcapReader reads tcpdump loopback captures in testdata", {
  permissions: { read: [testdataDir] },
}, async () => {
  for (
    const [name, resolution] of [["lo_ping.pcap", "microseconds"], [
      "lo_ping_nano.pcap",
      "nanoseconds",
    ]]
  ) {
    await using reader = await PcapReader.open(new URL(name!, testdataDir));
    assert.equal(reader.header.resolution, resolution);
    assert.equal(reader.header.linkType, 1);
    const records = await Array.fromAsync(reader);
    assert.equal(records.length, 4);
    for (const record of records) {
      assert.equal(record.data[12], 0x08); // EtherType IPv4
      assert.equal(record.data[23], 1); // ICMP
      assert.ok(record.timestamp > 1_600_000_000_000_000_000n);
    }
  }
});

Deno.test("PcapReader delivers data as views of never-reused chunk buffers", async () => {
  const written = packets(200);
  const bytes = pcapBytes(written);
  await using reader = await PcapReader.open(stream(bytes), { chunkSize: 512 });
  const records = await Array.fromAsync(reader);
  // Read after the whole iteration: every view must still hold its packet.
  records.forEach((record, i) => assert.deepEqual(record.data, written[i]!.data));
  const views = records.filter((r) =>
    r.data.byteOffset > 0 || r.data.buffer.byteLength > r.data.length
  );
  assert.ok(views.length > 0);
});

Deno.test("PcapReader batches() reuses one batch and reads records by index", async () => {
  const written = packets(300);
  await using reader = await PcapReader.open(
    stream(pcapBytes(written, { resolution: "nanoseconds" })),
    {
      chunkSize: 1024,
    },
  );
  let previous: unknown;
  let index = 0;
  let batches = 0;
  for await (const batch of reader.batches()) {
    if (previous !== undefined) assert.equal(batch, previous);
    previous = batch;
    batches++;
    for (let i = 0; i < batch.count; i++, index++) {
      const packet = written[index]!;
      assert.equal(batch.timestamp(i), packet.timestamp);
      assert.equal(
        batch.seconds[i]! * 1e9 + batch.nanoseconds[i]!,
        Number(packet.timestamp / 1_000_000_000n) * 1e9 + Number(packet.timestamp % 1_000_000_000n),
      );
      assert.deepEqual(batch.data(i), packet.data);
      assert.equal(batch.linkTypes[i], 1);
    }
  }
  assert.equal(index, written.length);
  assert.ok(batches > 10);
});

Deno.test("PcapReader reads a stream delivering 1-byte chunks", async () => {
  const written = packets(20);
  const { records, error } = await readAll(pcapBytes(written), { chunk: 1, chunkSize: 64 });
  assert.equal(error, undefined);
  assert.deepEqual(records.map((r) => r.data), written.map((p) => p.data));
});

Deno.test("PcapReader reports a truncated file after every good record, cut at any byte", async () => {
  const written = packets(3);
  const bytes = pcapBytes(written);
  const ends: number[] = [];
  let end = 24;
  for (const packet of written) ends.push(end += 16 + packet.data.length);
  for (let length = 0; length < bytes.length; length++) {
    const complete = ends.filter((e) => e <= length).length;
    const { records, error } = await readAll(bytes.subarray(0, length), { chunkSize: 64 });
    if (length === 24 || ends.includes(length)) {
      assert.equal(error, undefined);
      assert.equal(records.length, complete);
      continue;
    }
    assert.ok(error instanceof CaptureFileError, `cut at ${length}: ${error}`);
    assert.equal(error.code, "truncated");
    assert.equal(records.length, complete, `cut at ${length}`);
    const expectedOffset = length < 24 ? 0 : complete === 0 ? 24 : ends[complete - 1]!;
    assert.equal(error.offset, expectedOffset);
    assert.match(
      error.message,
      new RegExp(`^Cannot read pcap (record|file header) at offset ${expectedOffset}: `),
    );
    if (length >= 24) {
      const lenient = await readAll(bytes.subarray(0, length), { allowTruncatedEnd: true });
      assert.equal(lenient.error, undefined);
      assert.equal(lenient.records.length, complete);
    }
  }
});

Deno.test("PcapReader rejects a bogus captured length without allocating it", async () => {
  const bytes = pcapBytes(packets(2));
  const view = new DataView(bytes.buffer);
  const second = 24 + 16 + packets(2)[0]!.data.length;
  view.setUint32(second + 8, 0x7fffff00, true);
  const { records, error } = await readAll(bytes);
  assert.equal(records.length, 1);
  assert.ok(error instanceof CaptureFileError);
  assert.equal(error.code, "malformed");
  assert.equal(error.offset, second);
  assert.equal(
    error.message,
    `Cannot read pcap record at offset ${second}: header says ${0x7fffff00} bytes, more than the maximum of 262144`,
  );
});

Deno.test("PcapReader rejects unsupported versions and reserved link-type bits", async () => {
  const bytes = pcapBytes(packets(1));
  const badVersion = bytes.slice();
  new DataView(badVersion.buffer).setUint16(4, 1, true);
  let result = await readAll(badVersion);
  assert.ok(result.error instanceof CaptureFileError);
  assert.equal(result.error.code, "unsupported");
  assert.match(result.error.message, /version 1\.4 is not supported/);

  const reserved = bytes.slice();
  new DataView(reserved.buffer).setUint32(20, 0x00300001, true);
  result = await readAll(reserved);
  assert.ok(result.error instanceof CaptureFileError);
  assert.equal(result.error.code, "malformed");

  const notPcap = bytes.slice();
  notPcap.set([0x0a, 0x0d, 0x0d, 0x0a]);
  result = await readAll(notPcap);
  assert.ok(result.error instanceof CaptureFileError);
  assert.equal(result.error.code, "unsupported");
});

Deno.test("parsePcapHeader() exposes the FCS bits of the link-type field", () => {
  const header = parsePcapHeader(pcapBytes([], { linkType: 1, fcsLength: 4 }));
  assert.equal(header.linkType, 1);
  assert.equal(header.linkTypeField, 0x24000001);
  assert.equal(header.fcsLength, 4);
  // FCS length bits without the P bit: the length is unknown.
  const bytes = pcapBytes([]);
  new DataView(bytes.buffer).setUint32(20, 0x30000001, true);
  assert.equal(parsePcapHeader(bytes).fcsLength, undefined);
  assert.equal(parsePcapHeader(bytes).linkType, 1);
});

Deno.test("PcapReader reads the Kuznetzov modified format", async () => {
  const data = new Uint8Array([1, 2, 3, 4, 5]);
  const bytes = new Uint8Array(24 + 24 + data.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0xa1b2cd34, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, 65535, true);
  view.setUint32(20, 1, true);
  view.setUint32(24, 10, true);
  view.setUint32(28, 500_000, true);
  view.setUint32(32, data.length, true);
  view.setUint32(36, 60, true);
  bytes.set(data, 48);
  const { records, error } = await readAll(bytes);
  assert.equal(error, undefined);
  assert.equal(records.length, 1);
  assert.equal(records[0]!.timestamp, 10_500_000_000n);
  assert.equal(records[0]!.originalLength, 60);
  assert.deepEqual(records[0]!.data, data);
});

Deno.test("PcapReader carries an out-of-range fraction into the seconds", async () => {
  const bytes = pcapBytes([{ timestamp: 5_000_000_000n, data: new Uint8Array(1) }]);
  new DataView(bytes.buffer).setUint32(24 + 4, 2_500_000, true);
  const { records } = await readAll(bytes);
  assert.equal(records[0]!.timestamp, 7_500_000_000n);
});

Deno.test("pcapBytes() writes a length on the wire as given, shorter than the data too", async () => {
  const data = new Uint8Array(42);
  const bytes = pcapBytes([
    { timestamp: 0n, data, originalLength: 20 },
    { timestamp: 0n, data, originalLength: 0 },
    { timestamp: 0n, data },
  ]);
  const { records } = await readAll(bytes);
  assert.deepEqual(records.map((r) => [r.capturedLength, r.originalLength]), [
    [42, 20],
    [42, 0],
    [42, 42],
  ]);
});

Deno.test("PcapReader holds memory bounded on a large stream", async () => {
  // 64 MiB of 1000-byte packets, generated on the fly; the reader must not read ahead.
  const chunkSize = 1 << 20;
  const record = pcapBytes([{ timestamp: 1_000_000_000n, data: new Uint8Array(984) }]).subarray(24);
  const block = new Uint8Array(record.length * 1024);
  for (let i = 0; i < 1024; i++) block.set(record, i * record.length);
  const header = pcapBytes([]);
  const blocks = 64;
  let pulled = 0;
  let sent = 0;
  const source = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0) controller.enqueue(header);
      if (sent === blocks) return controller.close();
      controller.enqueue(block);
      pulled += block.length;
      sent++;
    },
  }, { highWaterMark: 0 });
  await using reader = await PcapReader.open(source, { chunkSize });
  let count = 0;
  let maxAhead = 0;
  for await (const batch of reader.batches()) {
    count += batch.count;
    maxAhead = Math.max(maxAhead, pulled - count * record.length);
    assert.ok(batch.buffer.length <= chunkSize);
  }
  assert.equal(count, blocks * 1024);
  assert.ok(maxAhead <= 3 * chunkSize, `read ahead ${maxAhead} bytes`);
});

const haveTcpdump = await hasCommand("tcpdump");
const haveTshark = await hasTshark();
if (!haveTcpdump) console.warn("Skipping tcpdump checks: tcpdump is not installed");
if (!haveTshark) console.warn("Skipping tshark checks: tshark is not installed");

async function writeWithPcapWriter(
  path: string,
  written: PacketToWrite[],
  options: PcapWriterOptions,
) {
  using file = await Deno.open(path, { write: true, create: true, truncate: true });
  await using writer = new PcapWriter(file, { ...options, bufferSize: 4096 });
  for (const packet of written) await writer.write(packet);
}

for (
  const [littleEndian, resolution] of [[true, "microseconds"], [false, "nanoseconds"]] as const
) {
  Deno.test({
    name: `PcapWriter writes a ${resolution} file that tcpdump reads back unchanged`,
    ignore: !haveTcpdump,
    async fn() {
      const path = await Deno.makeTempFile({ suffix: ".pcap" });
      try {
        const written = packets(100);
        await writeWithPcapWriter(path, written, { littleEndian, resolution });
        const nano = resolution === "nanoseconds";
        const { stdout, success } = await new Deno.Command("tcpdump", {
          args: ["-r", path, "-tt", "-nn", "-xx", ...(nano ? ["--nano"] : [])],
          stdout: "piped",
          stderr: "null",
        }).output();
        assert.ok(success);
        const text = new TextDecoder().decode(stdout);
        const dumps = text.split(/\n(?=\d)/).filter((s) => s.length > 0);
        assert.equal(dumps.length, written.length);
        dumps.forEach((dump, i) => {
          const packet = written[i]!;
          const ts = expectedTimestamp(packet.timestamp, nano);
          const [seconds, fraction] = dump.split(" ")[0]!.split(".");
          assert.equal(BigInt(seconds!) * 1_000_000_000n + BigInt(fraction!.padEnd(9, "0")), ts);
          const hex = [...dump.matchAll(/0x[0-9a-f]{4}:\s+((?:[0-9a-f]{2,4} ?)+)/g)]
            .map((m) => m[1]!.replaceAll(" ", "")).join("");
          assert.equal(hex, encodeHex(packet.data));
        });
      } finally {
        await Deno.remove(path);
      }
    },
  });
}

Deno.test({
  name: "PcapWriter writes a file that tshark reads back unchanged",
  ignore: !haveTshark,
  async fn() {
    const path = await Deno.makeTempFile({ suffix: ".pcap" });
    try {
      const written = packets(100).map((p, i) => ({
        ...p,
        originalLength: p.data.length + (i % 3),
      }));
      await writeWithPcapWriter(path, written, { resolution: "nanoseconds", snapLength: 100 });
      const { stdout, success } = await new Deno.Command("tshark", {
        args: [
          "-r",
          path,
          "-T",
          "fields",
          "-e",
          "frame.time_epoch",
          "-e",
          "frame.len",
          "-e",
          "frame.cap_len",
        ],
        stdout: "piped",
        stderr: "null",
      }).output();
      assert.ok(success);
      const rows = new TextDecoder().decode(stdout).trim().split("\n").map((l) => l.split("\t"));
      assert.equal(rows.length, written.length);
      rows.forEach(([epoch, length, capturedLength], i) => {
        const packet = written[i]!;
        const [s, f] = epoch!.split(".");
        assert.equal(BigInt(s!) * 1_000_000_000n + BigInt(f!.padEnd(9, "0")), packet.timestamp);
        assert.equal(Number(length), packet.originalLength);
        assert.equal(Number(capturedLength), Math.min(100, packet.data.length));
      });
    } finally {
      await Deno.remove(path);
    }
  },
});

Deno.test("PcapWriter writes to a plain writer object and rejects writes after close()", async () => {
  const chunks: Uint8Array[] = [];
  const sink = {
    write(p: Uint8Array): Promise<number> {
      const n = Math.min(p.length, 100); // partial writes
      chunks.push(p.slice(0, n));
      return Promise.resolve(n);
    },
  };
  const written = packets(30);
  const writer = new PcapWriter(sink, { bufferSize: 256 });
  for (const packet of written) await writer.write(packet);
  await writer.close();
  await writer.close();
  await assert.rejects(writer.write(written[0]!), TypeError);
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) bytes.set(chunk, (offset += chunk.length) - chunk.length);
  assert.deepEqual(bytes, pcapBytes(written));
});

Deno.test("PcapWriter.writeBatch() writes the bytes write() writes, by ranges, cut to the snapshot length", async () => {
  const written = packets(300).map((packet, i) => ({ ...packet, originalLength: 200 + i }));
  for (const options of [{}, { resolution: "nanoseconds", snapLength: 64 }] as const) {
    const input = pcapBytes(written, { resolution: "nanoseconds" });
    const expected = pcapBytes(written, options);
    const chunks: number[] = [];
    const sink = new WritableStream<Uint8Array>({ write: (chunk) => void chunks.push(...chunk) });
    {
      // A 1 KiB buffer: the batch is flushed many times on the way.
      await using writer = new PcapWriter(sink, { ...options, bufferSize: 1024 });
      await using reader = await PcapReader.open(stream(input), { chunkSize: 4096 });
      for await (const batch of reader.batches()) {
        const half = batch.count >> 1;
        await writer.writeBatch(batch, 0, half);
        await writer.writeBatch(batch, half);
      }
    }
    assert.deepEqual(new Uint8Array(chunks), expected);
  }
});
