/**
 * pcap records whose timestamp fraction field holds a second or more: the batch carries
 * the second over and keeps the raw fields, which tcpdump prints as they are and
 * `tcpdump -w` writes back (`testdata/crafted/invalid_timestamps.py` writes the files).
 *
 * @module
 */

import assert from "node:assert/strict";
import { PcapReader } from "../lib/formats/pcap_reader.ts";
import { PcapWriter } from "../lib/formats/pcap_writer.ts";
import { type OversizedFraction } from "../lib/formats/capture_reader.ts";
import { TimestampPrinter } from "../lib/print/time.ts";
import { ByteWriter } from "../lib/print/_writer.ts";
import type { TimestampFormat } from "../mod.ts";
import { concatBytes, testdataDir } from "./_shared.ts";

const MICRO = new URL("crafted/invalid_timestamps_micro.pcap", testdataDir);
const NANO = new URL("crafted/invalid_timestamps_nano.pcap", testdataDir);

/** The seconds, nanoseconds and raw fields of each record of a file. */
async function readStamps(
  url: URL,
): Promise<{ seconds: number; nanoseconds: number; raw?: OversizedFraction }[]> {
  await using reader = await PcapReader.open(url);
  const out = [];
  for await (const batch of reader.batches()) {
    for (let i = 0; i < batch.count; i++) {
      const raw = batch.oversizedFractions.get(i);
      out.push({
        seconds: batch.seconds[i]!,
        nanoseconds: batch.nanoseconds[i]!,
        ...(raw === undefined ? {} : { raw }),
      });
    }
  }
  return out;
}

Deno.test("PcapReader carries an invalid timestamp over and keeps its raw fields", async () => {
  const stamps = await readStamps(MICRO);
  assert.equal(stamps.length, 6);
  // Sound fractions have no raw fields.
  assert.deepEqual(stamps[0], { seconds: 1_700_000_000, nanoseconds: 999_999_000 });
  assert.deepEqual(stamps[5], { seconds: 1_700_000_005, nanoseconds: 0 });
  assert.deepEqual(stamps[1], {
    seconds: 1_700_000_002,
    nanoseconds: 0,
    raw: { seconds: 1_700_000_001, fraction: 1_000_000, nano: false },
  });
  assert.deepEqual(stamps[3], {
    seconds: 1_700_000_003 + 4294,
    nanoseconds: 967_295_000,
    raw: { seconds: 1_700_000_003, fraction: 2 ** 32 - 1, nano: false },
  });
  const nano = await readStamps(NANO);
  assert.deepEqual(nano[4], {
    seconds: 1_700_000_007,
    nanoseconds: 123,
    raw: { seconds: 1_700_000_004, fraction: 3_000_000_123, nano: true },
  });
});

/** What a printer of a format and precision writes for a record's timestamp. */
function printed(
  format: TimestampFormat,
  nano: boolean,
  stamp: { seconds: number; nanoseconds: number; raw?: OversizedFraction },
): string {
  const out = new ByteWriter();
  new TimestampPrinter(format, nano, true).write(out, stamp.seconds, stamp.nanoseconds, stamp.raw);
  return out.text();
}

Deno.test("TimestampPrinter prints an invalid timestamp's fields as tcpdump does", async () => {
  const micro = await readStamps(MICRO);
  const nano = await readStamps(NANO);
  // tcpdump 4.99.3 over the same files (TZ=UTC), record by record.
  assert.deepEqual(micro.map((s) => printed("time", false, s)), [
    "22:13:20.999999 ",
    "22:13:21.1000000 ",
    "22:13:22.2147483648 ",
    "22:13:23.4294967295 ",
    "22:13:24.3000123 ",
    "22:13:25.000000 ",
  ]);
  // libpcap scales a field of the other unit in 32-bit C arithmetic.
  assert.deepEqual(micro.map((s) => printed("unix", true, s)), [
    "1700000000.999999000 ",
    "1700000001.1000000000 ",
    "1700000002.000000000 ",
    "1700000003.4294966296 ",
    "1700000004.3000123000 ",
    "1700000005.000000000 ",
  ]);
  assert.deepEqual(nano.map((s) => printed("time", false, s)), [
    "22:13:20.999999 ",
    "22:13:21.1000000 ",
    "22:13:22.4292819813 ",
    "22:13:23.000000 ",
    "22:13:24.4293672329 ",
    "22:13:25.000000 ",
  ]);
  assert.equal(printed("date", true, nano[2]!), "2023-11-14 22:13:22.2147483648 ");
  // Deltas count from the carried time.
  assert.equal(printed("since-first", false, micro[1]!), " 00:00:00.000000 ");
});

/** The record headers (16 bytes each) of a pcap file's bytes. */
function recordHeaders(bytes: Uint8Array): Uint8Array[] {
  const headers = [];
  for (let at = 24; at < bytes.length;) {
    const header = bytes.subarray(at, at + 16);
    headers.push(header);
    at += 16 + new DataView(header.buffer, header.byteOffset).getUint32(8, true);
  }
  return headers;
}

/** Copies a pcap file through PcapWriter.writeBatch() at a resolution. */
async function rewrite(url: URL, resolution: "microseconds" | "nanoseconds"): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const sink = new WritableStream<Uint8Array>({
    write: (chunk) => void chunks.push(chunk.slice()),
  });
  await using reader = await PcapReader.open(url);
  {
    await using writer = new PcapWriter(sink, { resolution });
    for await (const batch of reader.batches()) await writer.writeBatch(batch);
  }
  return concatBytes(...chunks);
}

Deno.test("PcapWriter.writeBatch() writes invalid timestamps back as tcpdump -w does", async () => {
  const original = await Deno.readFile(MICRO);
  assert.deepEqual(recordHeaders(await rewrite(MICRO, "microseconds")), recordHeaders(original));
  // A nanosecond field written at microseconds: libpcap's scaled value, as tcpdump writes it.
  const fractions = recordHeaders(await rewrite(NANO, "microseconds")).map((h) =>
    new DataView(h.buffer, h.byteOffset).getUint32(4, true)
  );
  assert.deepEqual(fractions, [999_999, 1_000_000, 4_292_819_813, 0, 4_293_672_329, 0]);
});
