/**
 * The column builders' buffer pool: buffers come back with old bytes, and a column built in
 * them is the same, byte for byte, as one built in fresh memory; the writers say when a
 * chunk's memory may be reused.
 */

import assert from "node:assert/strict";
import { BufferPool } from "../lib/_buffer_pool.ts";
import { columnBufferPool, tableBuffers } from "../lib/table/_buffer_pool.ts";
import { ColumnBuilder } from "../lib/table/_column_builder.ts";
import type { Column, ColumnarTable } from "../lib/table/columnar_table.ts";
import type { ColumnType } from "../lib/table/schema.ts";
import { readCaptureTables } from "../lib/table/capture_tables.ts";
import { PACKET_SCHEMA } from "../lib/table/packet_schema.ts";
import { writeTableFile } from "../lib/table/write_table_file.ts";

const capture = new URL("../testdata/http_sessions.pcap", import.meta.url).pathname;
const TYPES: ColumnType[] = ["int32", "int64", "timestamp", "float64", "bool", "string"];
const text = new TextEncoder();

/** A column of `type` with values and nulls in turn, built in whatever the pool lends. */
function buildColumn(type: ColumnType): Column {
  const builder = new ColumnBuilder(type, 64, 64);
  for (let row = 0; row < 50; row++) {
    if (row % 3 === 1) builder.null();
    else if (type === "string") builder.bytes(text.encode(`value ${row}`));
    else if (type === "bool") builder.number(row & 1);
    else builder.number(row * 1000 + 7);
  }
  return builder.finish();
}

/** Every byte a column hands out. */
function columnBytes(column: Column): number[] {
  return [column.values, column.validity, column.offsets ?? new Uint8Array(0)].flatMap((view) => [
    ...new Uint8Array(view.buffer, view.byteOffset, view.byteLength),
  ]);
}

Deno.test("BufferPool lends kept buffers by size, the smallest that fits, and drops detached ones", () => {
  const pool = new BufferPool();
  const small = new ArrayBuffer(16), large = new ArrayBuffer(64);
  const detached = new ArrayBuffer(32);
  structuredClone(detached, { transfer: [detached] });
  pool.give([small, large, detached]);
  assert.equal(pool.take(16), small);
  assert.notEqual(pool.take(16), small, "a buffer is lent once");
  assert.equal(pool.takeAtLeast(20), large);
  assert.equal(pool.takeAtLeast(20).byteLength, 20, "none left: a new buffer");
  assert.equal(pool.take(32).byteLength, 32);
});

Deno.test("ColumnBuilder builds the same column in lent buffers full of old bytes", () => {
  for (const type of TYPES) {
    const fresh = columnBytes(buildColumn(type));
    // Dirty buffers of every size the builder asks for, then the same column again.
    const dirty = [8, 64, 256, 512, 260].map((size) => new Uint8Array(size).fill(0xa5).buffer);
    columnBufferPool.give(dirty);
    const lent = buildColumn(type);
    assert.ok(
      tableBuffers({ schema: PACKET_SCHEMA, length: 50, columns: [lent] }).some((buffer) =>
        dirty.includes(buffer)
      ),
      `${type}: built in a lent buffer`,
    );
    assert.deepEqual(columnBytes(lent), fresh, type);
  }
});

Deno.test({
  name: "writeTableFile() hands back each chunk once written, in Parquet and CSV but not Arrow",
  permissions: { read: true, write: true },
  async fn() {
    const [chunk] = (await readCaptureTables(capture)).get("")!;
    assert.ok(chunk !== undefined && chunk.length > 0);
    for (
      const [format, expected] of [["parquet", 2], ["csv", 2], ["jsonl", 2], ["arrow", 0]] as const
    ) {
      const output = await Deno.makeTempFile();
      try {
        const written: ColumnarTable[] = [];
        await writeTableFile(output, PACKET_SCHEMA, [chunk, chunk], format, {
          onChunkWritten: (table) => written.push(table),
        });
        assert.equal(written.length, expected, format);
        for (const table of written) assert.equal(table, chunk);
      } finally {
        await Deno.remove(output);
      }
    }
  },
});

Deno.test("ColumnBuilder.nullsTo() appends the bytes that null() appends one row at a time", () => {
  for (const type of TYPES) {
    const build = (bulk: boolean) => {
      columnBufferPool.give(
        [8, 64, 256, 512, 260].map((size) => new Uint8Array(size).fill(0xa5).buffer),
      );
      const builder = new ColumnBuilder(type, 64, 64);
      // Runs of nulls that cross the builder's growth, between values.
      for (const [nulls, value] of [[3, 1], [0, 2], [70, 3], [130, 4]] as const) {
        if (bulk) builder.nullsTo(builder.length + nulls);
        else for (let i = 0; i < nulls; i++) builder.null();
        if (type === "string") builder.bytes(text.encode(`value ${value}`));
        else builder.number(type === "bool" ? value & 1 : value);
      }
      if (bulk) builder.nullsTo(builder.length + 5);
      else for (let i = 0; i < 5; i++) builder.null();
      builder.nullsTo(builder.length - 1);
      return {
        length: builder.length,
        nulls: builder.nullCount,
        bytes: columnBytes(builder.finish()),
      };
    };
    assert.deepEqual(build(true), build(false), type);
  }
});
