import assert from "node:assert/strict";
import { concatBytes, hasCommand } from "./_shared.ts";
import { pcapngBytes, PcapngReader, PcapngWriter } from "../lib/formats/pcapng.ts";
import type {
  PcapngFileSpec,
  PcapngPacketToWrite,
  PcapngReaderOptions,
  PcapngSection,
} from "../lib/formats/pcapng.ts";
import { CaptureFileError } from "../lib/formats/errors.ts";
import type { CaptureRecord } from "../lib/formats/capture_reader.ts";
import { encodeHex } from "../lib/_hex.ts";
import { hasTshark } from "./_tshark.ts";

const testdataDir = new URL("../testdata/", import.meta.url);

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
  options: PcapngReaderOptions & { chunk?: number } = {},
): Promise<
  {
    records: CaptureRecord[];
    error: unknown;
    sections: PcapngSection[];
    names: Map<string, string[]>;
  }
> {
  const records: CaptureRecord[] = [];
  const sections: PcapngSection[] = [];
  let names = new Map<string, string[]>();
  const { chunk, ...readerOptions } = options;
  try {
    await using reader = await PcapngReader.open(stream(bytes, chunk), {
      ...readerOptions,
      onSection: (s) => sections.push(s),
    });
    try {
      for await (const record of reader) records.push(record);
    } finally {
      names = new Map([...reader.names].map(([k, v]) => [k, [...v]]));
    }
  } catch (error) {
    return { records, error, sections, names };
  }
  return { records, error: undefined, sections, names };
}

function packet(i: number, extra: Partial<PcapngPacketToWrite> = {}): PcapngPacketToWrite {
  const data = new Uint8Array(30 + (i * 13) % 50);
  for (let j = 0; j < data.length; j++) data[j] = (i + j * 3) & 0xff;
  return { timestamp: 1_700_000_000_987_654_321n + BigInt(i) * 777_777_777n, data, ...extra };
}

// A hand-made block, for the block types and faults our writer does not produce.
function block(type: number, body: number[] | Uint8Array, le = true): Uint8Array {
  const padded = (body.length + 3) & ~3;
  const bytes = new Uint8Array(12 + padded);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, type, le);
  view.setUint32(4, bytes.length, le);
  bytes.set(body, 8);
  view.setUint32(bytes.length - 4, bytes.length, le);
  return bytes;
}

function u16(v: number, le = true): number[] {
  const b = new Uint8Array(2);
  new DataView(b.buffer).setUint16(0, v, le);
  return [...b];
}

function u32(v: number, le = true): number[] {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v, le);
  return [...b];
}

function option(code: number, value: number[], le = true): number[] {
  const padding = new Array((4 - (value.length & 3)) & 3).fill(0);
  return [...u16(code, le), ...u16(value.length, le), ...value, ...padding];
}

const text = (s: string) => [...new TextEncoder().encode(s)];

for (const littleEndian of [true, false]) {
  const order = littleEndian ? "little-endian" : "big-endian";
  Deno.test(`PcapngReader reads a ${order} file with comments, flags and two interfaces`, async () => {
    const written = Array.from({ length: 40 }, (_, i) =>
      packet(i, {
        interfaceId: i % 2,
        ...(i % 3 === 0 ? { comment: [`packet ${i}`, "second"] } : {}),
        ...(i % 4 === 0 ? { flags: 0x01000002 } : {}),
      }));
    const spec: PcapngFileSpec = {
      littleEndian,
      comment: "section comment",
      hardware: "x86_64",
      os: "Linux",
      userApplication: "wirekit tests",
      interfaces: [
        { linkType: 1, name: "eth0", description: "first", comment: "if comment" },
        {
          linkType: 113,
          name: "any",
          timestampResolution: { base: 10, exponent: 6 },
          snapLength: 60,
        },
      ],
      packets: written,
    };
    const { records, error, sections } = await readAll(pcapngBytes(spec), {
      chunkSize: 300,
      chunk: 77,
    });
    assert.equal(error, undefined);
    assert.equal(sections.length, 1);
    const section = sections[0]!;
    assert.equal(section.littleEndian, littleEndian);
    assert.deepEqual(section.comments, ["section comment"]);
    assert.equal(section.hardware, "x86_64");
    assert.equal(section.os, "Linux");
    assert.equal(section.userApplication, "wirekit tests");
    assert.equal(section.interfaces.length, 2);
    assert.equal(section.interfaces[0]!.name, "eth0");
    assert.equal(section.interfaces[0]!.description, "first");
    assert.deepEqual(section.interfaces[0]!.comments, ["if comment"]);
    assert.deepEqual(section.interfaces[0]!.timestampResolution, { base: 10, exponent: 9 });
    assert.equal(section.interfaces[1]!.snapLength, 60);
    assert.equal(records.length, written.length);
    records.forEach((record, i) => {
      const p = written[i]!;
      const micro = i % 2 === 1;
      assert.equal(record.timestamp, micro ? p.timestamp - p.timestamp % 1000n : p.timestamp);
      assert.equal(record.interfaceId, i % 2);
      assert.equal(record.linkType, i % 2 === 0 ? 1 : 113);
      const captured = micro ? p.data.subarray(0, 60) : p.data;
      assert.deepEqual(record.data, captured);
      assert.equal(record.originalLength, p.data.length);
      assert.deepEqual(record.comments, i % 3 === 0 ? [`packet ${i}`, "second"] : undefined);
      assert.equal(record.flags, i % 4 === 0 ? 0x01000002 : undefined);
    });
  });
}

Deno.test("pcapngBytes() writes a length on the wire as given, shorter than the data too", async () => {
  const data = new Uint8Array(42);
  const bytes = pcapngBytes({
    interfaces: [{ linkType: 1 }],
    packets: [{ timestamp: 0n, data, originalLength: 20 }, { timestamp: 0n, data }],
  });
  const { records } = await readAll(bytes);
  assert.deepEqual(records.map((r) => [r.capturedLength, r.originalLength]), [[42, 20], [42, 42]]);
});

Deno.test("PcapngReader reads several sections of mixed byte order", async () => {
  const first = pcapngBytes({ interfaces: [{ linkType: 1 }], packets: [packet(0), packet(1)] });
  const second = pcapngBytes({
    littleEndian: false,
    comment: "big",
    interfaces: [{ linkType: 0 }, { linkType: 101 }],
    packets: [packet(2, { interfaceId: 1, comment: "be" }), packet(3)],
  });
  const third = pcapngBytes({ interfaces: [{ linkType: 113 }], packets: [packet(4)] });
  for (const chunkSize of [64, 1 << 20]) {
    const { records, error, sections } = await readAll(concatBytes(first, second, third), {
      chunkSize,
    });
    assert.equal(error, undefined);
    assert.deepEqual(sections.map((s) => [s.index, s.littleEndian, s.interfaces.length]), [
      [0, true, 1],
      [1, false, 2],
      [2, true, 1],
    ]);
    assert.equal(sections[1]!.offset, first.length);
    assert.deepEqual(records.map((r) => [r.interfaceId, r.linkType]), [[0, 1], [0, 1], [1, 101], [
      0,
      0,
    ], [0, 113]]);
    assert.deepEqual(
      records.map((r) => r.timestamp),
      [0, 1, 2, 3, 4].map((i) => packet(i).timestamp),
    );
    assert.deepEqual(records[2]!.comments, ["be"]);
  }
});

Deno.test("PcapngReader converts every timestamp resolution exactly, rounding down", async () => {
  const resolutions = [
    { base: 10, exponent: 0 },
    { base: 10, exponent: 3 },
    { base: 10, exponent: 6 },
    { base: 10, exponent: 9 },
    { base: 10, exponent: 10 },
    { base: 10, exponent: 12 },
    { base: 2, exponent: 20 },
    { base: 2, exponent: 30 },
  ] as const;
  const timestamps = [0n, 1n, 999_999_999n, 1_700_000_000_123_456_789n, 4_102_444_800_999_999_999n];
  for (const timestampResolution of resolutions) {
    // Only the timestamps whose count of units fits in 64 bits.
    const fits = timestamps.filter((ts) =>
      timestampResolution.base === 2 || timestampResolution.exponent <= 9 ||
      ts * 10n ** BigInt(timestampResolution.exponent - 9) < 1n << 64n
    );
    const bytes = pcapngBytes({
      interfaces: [{ linkType: 1, timestampResolution }],
      packets: fits.map((timestamp) => ({ timestamp, data: new Uint8Array(1) })),
    });
    const { records, error } = await readAll(bytes);
    assert.equal(error, undefined);
    assert.equal(records.length, fits.length);
    records.forEach((record, i) => {
      const ts = fits[i]!;
      // The exact value of the written units, in nanoseconds, rounded down.
      let expected: bigint;
      if (timestampResolution.base === 2) {
        const units = (ts << BigInt(timestampResolution.exponent)) / 1_000_000_000n;
        expected = (units * 1_000_000_000n) >> BigInt(timestampResolution.exponent);
      } else if (timestampResolution.exponent <= 9) {
        const unit = 10n ** BigInt(9 - timestampResolution.exponent);
        expected = ts - ts % unit;
      } else {
        expected = ts;
      }
      assert.equal(record.timestamp, expected, `${JSON.stringify(timestampResolution)} ${ts}`);
    });
  }
});

Deno.test("PcapngReader reads every block type and skips unknown ones", async () => {
  const shb = block(0x0a0d0d0a, [
    ...u32(0x1a2b3c4d),
    ...u16(1),
    ...u16(0),
    ...u32(0xffffffff),
    ...u32(0xffffffff),
  ]);
  const idb = block(1, [
    ...u16(1),
    ...u16(0),
    ...u32(64),
    ...option(2, text("eth0")),
    ...option(9, [0x80 | 20]),
    ...option(14, [...u32(10), ...u32(0)]),
    ...option(13, [4]),
    ...option(0, []),
  ]);
  const epbData = [1, 2, 3, 4, 5];
  const epb = block(6, [
    ...u32(0),
    ...u32(0),
    ...u32(1 << 20), // 1 second in units of 2^-20
    ...u32(5),
    ...u32(70),
    ...epbData,
    0,
    0,
    0,
    ...option(1, text("hi")),
    ...option(2, u32(2)),
    ...option(0, []),
  ]);
  const spb = block(3, [...u32(100), ...new Array(100).fill(7)]);
  const pb = block(2, [
    ...u16(0),
    ...u16(0),
    ...u32(0),
    ...u32(3 << 19),
    ...u32(2),
    ...u32(2),
    9,
    9,
    0,
    0,
    ...option(2, u32(1)),
  ]);
  const nrb = block(4, [
    ...u16(1),
    ...u16(4 + 10),
    192,
    0,
    2,
    1,
    ...text("a.example"),
    0,
    0,
    0,
    ...u16(2),
    ...u16(16 + 2),
    0x20,
    0x01,
    0x0d,
    0xb8,
    ...new Array(11).fill(0),
    1,
    ...text("b"),
    0,
    0,
    0,
    ...u16(1),
    ...u16(4 + 2),
    192,
    0,
    2,
    1,
    ...text("c"),
    0,
    0,
    0,
    ...u16(0),
    ...u16(0),
  ]);
  const isb = block(5, [
    ...u32(0),
    ...u32(0),
    ...u32(5 << 20),
    ...option(4, [...u32(100), ...u32(0)]),
    ...option(5, [...u32(3), ...u32(0)]),
    ...option(1, text("stats")),
    ...option(0, []),
  ]);
  const custom = block(0x00000bad, [...u32(32473), 1, 2, 3, 4]);
  const unknown = block(0x12345678, [1, 2, 3, 4, 5, 6, 7, 8]);
  const bytes = concatBytes(shb, idb, epb, custom, spb, nrb, unknown, pb, isb);
  const { records, error, sections, names } = await readAll(bytes, { chunkSize: 64 });
  assert.equal(error, undefined);
  const iface = sections[0]!.interfaces[0]!;
  assert.equal(iface.name, "eth0");
  assert.deepEqual(iface.timestampResolution, { base: 2, exponent: 20 });
  assert.equal(iface.timestampOffset, 10n);
  assert.equal(iface.fcsLength, 4);
  assert.equal(iface.statistics?.received, 100n);
  assert.equal(iface.statistics?.dropped, 3n);
  assert.equal(iface.statistics?.timestamp, 15_000_000_000n);
  assert.deepEqual(iface.statistics?.comments, ["stats"]);
  assert.equal(records.length, 3);
  const [e, s, p] = records as [CaptureRecord, CaptureRecord, CaptureRecord];
  assert.equal(e.timestamp, 11_000_000_000n);
  assert.deepEqual([...e.data], epbData);
  assert.equal(e.originalLength, 70);
  assert.deepEqual(e.comments, ["hi"]);
  assert.equal(e.flags, 2);
  // SPB: captured length = min(original length, snaplen of interface 0); no timestamp.
  assert.equal(s.capturedLength, 64);
  assert.equal(s.originalLength, 100);
  assert.equal(s.timestamp, 0n);
  assert.equal(p.timestamp, 11_500_000_000n);
  assert.deepEqual([...p.data], [9, 9]);
  assert.equal(p.flags, 1);
  assert.deepEqual(names, new Map([["192.0.2.1", ["a.example", "c"]], ["2001:db8::1", ["b"]]]));
});

Deno.test("PcapngReader reports malformed blocks after the good records", async () => {
  const good = pcapngBytes({ interfaces: [{ linkType: 1 }], packets: [packet(0), packet(1)] });
  const cases: [string, (b: Uint8Array, v: DataView, last: number) => void, RegExp, string][] = [
    [
      "trailer differs",
      (_b, v) => v.setUint32(good.length - 4, 999, true),
      /trailer \(999\) differ/,
      "malformed",
    ],
    [
      "length not a multiple of 4",
      (_b, v, last) => v.setUint32(last + 4, 61, true),
      /not a multiple of 4/,
      "malformed",
    ],
    [
      "interface out of range",
      (_b, v, last) => v.setUint32(last + 8, 5, true),
      /interface 5 is not described/,
      "malformed",
    ],
    [
      "captured length overruns",
      (_b, v, last) => v.setUint32(last + 20, 4000, true),
      /captured length 4000 overruns/,
      "malformed",
    ],
    [
      "huge block",
      (_b, v, last) => v.setUint32(last + 4, 0x7ffffff0, true),
      /more than the maximum/,
      "malformed",
    ],
  ];
  const lastLength = new DataView(good.buffer).getUint32(good.length - 4, true);
  const last = good.length - lastLength;
  for (const [name, corrupt, message, code] of cases) {
    const bytes = good.slice();
    corrupt(bytes, new DataView(bytes.buffer), last);
    const { records, error } = await readAll(bytes);
    assert.equal(records.length, 1, name);
    assert.ok(error instanceof CaptureFileError, name);
    assert.equal(error.code, code, name);
    assert.equal(error.offset, last, name);
    assert.match(error.message, new RegExp(`^Cannot read pcapng block at offset ${last}: `), name);
    assert.match(error.message, message, name);
  }
});

Deno.test("PcapngReader rejects option lengths that overrun their block", async () => {
  const bytes = pcapngBytes({ comment: "abcdefgh", interfaces: [], packets: [] });
  new DataView(bytes.buffer).setUint16(26, 200, true);
  const { error } = await readAll(bytes);
  assert.ok(error instanceof CaptureFileError);
  assert.equal(error.code, "malformed");
  assert.match(error.message, /option 1 of 200 bytes overruns the block/);
});

Deno.test("PcapngReader rejects unsupported section versions", async () => {
  const first = pcapngBytes({ interfaces: [{ linkType: 1 }], packets: [packet(0)] });
  const second = pcapngBytes({ interfaces: [{ linkType: 1 }], packets: [packet(1)] });
  new DataView(second.buffer).setUint16(12, 2, true);
  const { records, error } = await readAll(concatBytes(first, second));
  assert.equal(records.length, 1);
  assert.ok(error instanceof CaptureFileError);
  assert.equal(error.code, "unsupported");
  assert.equal(error.offset, first.length);
  assert.match(error.message, /section version 2\.0 is not supported/);
});

Deno.test("PcapngReader reports a truncated file after every good record, cut at any byte", async () => {
  const bytes = pcapngBytes({
    comment: "c",
    interfaces: [{ linkType: 1, name: "x" }],
    packets: [packet(0, { comment: "a" }), packet(1), packet(2)],
  });
  const view = new DataView(bytes.buffer);
  const boundaries: number[] = [];
  for (let p = 0; p < bytes.length; p += view.getUint32(p + 4, true)) boundaries.push(p);
  boundaries.push(bytes.length);
  for (let length = 0; length < bytes.length; length++) {
    const { records, error } = await readAll(bytes.subarray(0, length), {
      chunkSize: 64,
      chunk: 7,
    });
    const complete = Math.max(0, boundaries.filter((b) => b <= length).length - 3);
    if (boundaries.includes(length) && length >= boundaries[1]!) {
      assert.equal(error, undefined, `cut at ${length}`);
    } else {
      assert.ok(error instanceof CaptureFileError, `cut at ${length}: ${error}`);
      assert.equal(error.code, "truncated");
      assert.match(
        error.message,
        /^Cannot read pcapng (block|section header block) at offset \d+: /,
      );
    }
    assert.equal(records.length, complete, `cut at ${length}`);
  }
});

Deno.test("PcapngReader reads a dumpcap loopback capture in testdata", {
  permissions: { read: [testdataDir] },
}, async () => {
  await using reader = await PcapngReader.open(new URL("lo_ping.pcapng", testdataDir));
  const records = await Array.fromAsync(reader);
  assert.equal(records.length, 4);
  assert.equal(reader.section.interfaces[0]?.name, "lo");
  assert.ok(records.every((r) => r.linkType === 1 && r.data[23] === 1));
});

const haveTshark = await hasTshark();
const haveTcpdump = await hasCommand("tcpdump");
if (!haveTshark) console.warn("Skipping tshark checks: tshark is not installed");
if (!haveTcpdump) console.warn("Skipping tcpdump checks: tcpdump is not installed");

Deno.test({
  name: "PcapngWriter writes a file that tshark and tcpdump read back unchanged",
  ignore: !haveTshark && !haveTcpdump,
  async fn() {
    const path = await Deno.makeTempFile({ suffix: ".pcapng" });
    const written = Array.from(
      { length: 60 },
      (_, i) =>
        packet(i, { ...(i % 5 === 0 ? { comment: `c${i}` } : {}), originalLength: 100 + i }),
    );
    try {
      {
        using file = await Deno.open(path, { write: true, truncate: true });
        await using writer = new PcapngWriter(file, {
          userApplication: "wirekit",
          bufferSize: 1000,
        });
        writer.addInterface({ linkType: 1, name: "eth0", snapLength: 65535 });
        for (const p of written) await writer.write(p);
      }
      if (haveTshark) {
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
            "-e",
            "frame.comment",
          ],
          stdout: "piped",
          stderr: "null",
        }).output();
        assert.ok(success);
        const rows = new TextDecoder().decode(stdout).trim().split("\n").map((l) => l.split("\t"));
        assert.equal(rows.length, written.length);
        rows.forEach(([epoch, length, captured, comment], i) => {
          const p = written[i]!;
          const [s, f] = epoch!.split(".");
          assert.equal(BigInt(s!) * 1_000_000_000n + BigInt(f!.padEnd(9, "0")), p.timestamp);
          assert.equal(Number(length), p.originalLength);
          assert.equal(Number(captured), p.data.length);
          assert.equal(comment ?? "", i % 5 === 0 ? `c${i}` : "");
        });
      }
      if (haveTcpdump) {
        const { stdout, success } = await new Deno.Command("tcpdump", {
          args: ["-r", path, "-tt", "--nano", "-nn", "-xx"],
          stdout: "piped",
          stderr: "null",
        }).output();
        assert.ok(success);
        const dumps = new TextDecoder().decode(stdout).split(/\n(?=\d)/).filter((s) =>
          s.length > 0
        );
        assert.equal(dumps.length, written.length);
        dumps.forEach((dump, i) => {
          const hex = [...dump.matchAll(/0x[0-9a-f]{4}:\s+((?:[0-9a-f]{2,4} ?)+)/g)]
            .map((m) => m[1]!.replaceAll(" ", "")).join("");
          assert.equal(
            hex,
            encodeHex(written[i]!.data),
          );
        });
      }
    } finally {
      await Deno.remove(path);
    }
  },
});

Deno.test("PcapngWriter rejects packets of undescribed interfaces", async () => {
  const writer = new PcapngWriter(new WritableStream());
  writer.addInterface({ linkType: 1 });
  await assert.rejects(writer.write(packet(0, { interfaceId: 1 })), RangeError);
  await writer.close();
});
