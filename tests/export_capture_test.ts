/**
 * `exportCapture()` streaming a partitioned dataset: each partition's file holds the rows
 * the whole-table reader puts in it, and a capture that turns out corrupt leaves no file.
 *
 * @module
 */

import assert from "node:assert/strict";
import { exportCapture } from "../lib/table/export_capture.ts";
import { readCaptureTables } from "../lib/table/capture_tables.ts";
import { CaptureFileError } from "../lib/formats/errors.ts";
import { csvHeader, encodeCsv } from "../lib/table/text_formats.ts";
import { FLOW_SCHEMA } from "../lib/table/flow_schema.ts";
import { PACKET_SCHEMA } from "../lib/table/packet_schema.ts";
import type { TableSchema } from "../lib/table/schema.ts";
import { testdataDir } from "./_shared.ts";

/** namespaces.pcap (little-endian, microseconds) with its packets spread over three hours. */
async function threeHourCapture(directory: string): Promise<string> {
  const bytes = await Deno.readFile(new URL("namespaces.pcap", testdataDir));
  const view = new DataView(bytes.buffer);
  assert.equal(view.getUint32(0, true), 0xa1b2c3d4);
  let packet = 0;
  for (let at = 24; at < bytes.length; packet++) {
    view.setUint32(at, 1_700_000_000 + (packet % 3) * 3600 + packet, true);
    at += 16 + view.getUint32(at + 8, true);
  }
  const file = `${directory}/hours.pcap`;
  await Deno.writeFile(file, bytes);
  return file;
}

async function filesUnder(directory: string): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(directory)) {
    const path = `${directory}/${entry.name}`;
    if (entry.isDirectory) found.push(...await filesUnder(path));
    else found.push(path);
  }
  return found.sort();
}

async function expectPartitions(
  file: string,
  table: "packets" | "flows",
  schema: TableSchema,
): Promise<void> {
  const directory = await Deno.makeTempDir();
  try {
    const output = `${directory}/ds`;
    const result = await exportCapture(file, {
      format: "csv",
      table,
      partition: "hour",
      output,
      name: "hours.pcap",
    });
    const whole = await readCaptureTables(file, { table, partition: "hour", name: "hours.pcap" });
    assert.equal(whole.size, 3);
    assert.deepEqual(result.files, [...whole.keys()].map((path) => `${output}/${path}/part-0.csv`));
    for (const [path, tables] of whole) {
      const expected = csvHeader(schema) +
        tables.map((rows) => encodeCsv(rows, 0, rows.length)).join("");
      assert.equal(await Deno.readTextFile(`${output}/${path}/part-0.csv`), expected, path);
    }
  } finally {
    await Deno.remove(directory, { recursive: true });
  }
}

Deno.test("exportCapture() streams each hour's packets and flows to the file the whole table gives", async () => {
  const directory = await Deno.makeTempDir();
  try {
    const file = await threeHourCapture(directory);
    await expectPartitions(file, "packets", PACKET_SCHEMA);
    await expectPartitions(file, "flows", FLOW_SCHEMA);
  } finally {
    await Deno.remove(directory, { recursive: true });
  }
});

/**
 * namespaces.pcap's packets repeated to 70,012 (more than a chunk, so that a file is begun
 * before the end), the last 1,000 an hour later, and cut inside the last record.
 */
async function longCorruptCapture(directory: string): Promise<string> {
  const bytes = await Deno.readFile(new URL("namespaces.pcap", testdataDir));
  const records = bytes.subarray(24);
  const copies = Math.ceil(70_000 / 46);
  const long = new Uint8Array(24 + records.length * copies);
  long.set(bytes.subarray(0, 24));
  for (let i = 0; i < copies; i++) long.set(records, 24 + i * records.length);
  const view = new DataView(long.buffer);
  let packet = 0;
  for (let at = 24; at < long.length; packet++) {
    view.setUint32(at, 1_700_000_000 + (packet >= 46 * copies - 1000 ? 3600 : 0), true);
    at += 16 + view.getUint32(at + 8, true);
  }
  const file = `${directory}/corrupt.pcap`;
  await Deno.writeFile(file, long.subarray(0, long.length - 10));
  return file;
}

Deno.test("exportCapture() removes the partition files begun when the capture is corrupt", async () => {
  const directory = await Deno.makeTempDir();
  try {
    const file = await longCorruptCapture(directory);
    for (const format of ["parquet", "csv"] as const) {
      const output = `${directory}/${format}`;
      await assert.rejects(
        exportCapture(file, { format, partition: "hour", output }),
        CaptureFileError,
      );
      // The first hour's file was begun (its directory made at its first chunk), then removed.
      assert.ok((await Deno.stat(`${output}/date=2023-11-14/hour=22`)).isDirectory);
      assert.deepEqual(await filesUnder(output), []);
    }
  } finally {
    await Deno.remove(directory, { recursive: true });
  }
});
