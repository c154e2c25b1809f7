/**
 * `writeTableFile()` streams chunks: an Arrow file of several record batches reads back
 * with every value, and a failing source leaves no file.
 */

import assert from "node:assert/strict";
import { tableFromIPC } from "npm:apache-arrow@21.2.0";
import { readParquet } from "npm:parquet-wasm@0.8.0/bundler";
import { readCaptureTables } from "../lib/table/capture_tables.ts";
import { type ColumnarTable, columnValue } from "../lib/table/columnar_table.ts";
import { PACKET_SCHEMA } from "../lib/table/packet_schema.ts";
import { writeTableFile } from "../lib/table/write_table_file.ts";

const capture = new URL("../testdata/http_sessions.pcap", import.meta.url).pathname;

Deno.test({
  name: "writeTableFile() writes an Arrow file a batch per chunk that reads back whole",
  permissions: { read: true, write: true },
  async fn() {
    const [chunk] = (await readCaptureTables(capture)).get("")!;
    assert.ok(chunk !== undefined && chunk.length > 0);
    const output = await Deno.makeTempFile({ suffix: ".arrow" });
    try {
      const rows = await writeTableFile(output, PACKET_SCHEMA, [chunk, chunk], "arrow");
      assert.equal(rows, chunk.length * 2);
      const table = tableFromIPC(await Deno.readFile(output));
      assert.equal(table.batches.length, 2);
      assert.equal(table.numRows, rows);
      PACKET_SCHEMA.columns.forEach((column, k) => {
        const vector = table.getChild(column.name)!;
        for (let row = 0; row < rows; row++) {
          const expected = columnValue(chunk.columns[k]!, row % chunk.length);
          const actual = vector.get(row);
          if (column.type === "bool") assert.equal(actual, expected === null ? null : expected);
          else if (column.type !== "timestamp") assert.equal(actual, expected, column.name);
        }
      });
    } finally {
      await Deno.remove(output);
    }
  },
});

async function* failing(chunk: ColumnarTable): AsyncGenerator<ColumnarTable> {
  yield chunk;
  throw new Error("Cannot read capture: cut short");
}

Deno.test({
  name: "writeTableFile() removes its file when the chunks fail, in every format",
  permissions: { read: true, write: true },
  async fn() {
    const [chunk] = (await readCaptureTables(capture)).get("")!;
    for (const format of ["parquet", "arrow", "csv", "jsonl"] as const) {
      const output = await Deno.makeTempFile();
      await assert.rejects(
        writeTableFile(output, PACKET_SCHEMA, failing(chunk!), format),
        /^Error: Cannot read capture: cut short$/,
      );
      assert.equal(await Deno.stat(output).then(() => true, () => false), false, format);
    }
  },
});

Deno.test({
  name: "writeTableFile() writes Parquet types that Spark and Trino read, by a reader not DuckDB",
  permissions: { read: true, write: true },
  async fn() {
    const [chunk] = (await readCaptureTables(capture)).get("")!;
    const output = await Deno.makeTempFile({ suffix: ".parquet" });
    try {
      await writeTableFile(output, PACKET_SCHEMA, [chunk!], "parquet");
      // parquet-wasm's reader (Rust's parquet crate) back to Arrow, read by apache-arrow.
      const wasm = readParquet(await Deno.readFile(output));
      const table = tableFromIPC(wasm.intoIPCStream());
      assert.equal(table.numRows, chunk!.length);
      const types = Object.fromEntries(
        table.schema.fields.map((field) => [field.name, String(field.type)]),
      );
      assert.equal(types.time, "Timestamp<MICROSECOND, UTC>");
      assert.equal(types.time_ns, "Int64");
      assert.equal(types.frame, "Int64");
      assert.equal(types.tcp_seq, "Int64");
      assert.equal(types.ip_src, "Utf8");
      assert.equal(types.ip_dont_fragment, "Bool");
      assert.equal(types.dst_port, "Int32");
      assert.ok(
        !Object.values(types).some((type) => type.startsWith("Uint")),
        JSON.stringify(types),
      );
      assert.equal(Object.keys(types).length, PACKET_SCHEMA.columns.length);
      const first = table.get(0)!.toJSON();
      assert.equal(first.frame, 1n);
      assert.equal(first.time, Number(columnValue(chunk!.columns[2]!, 0)) / 1000);
    } finally {
      await Deno.remove(output);
    }
  },
});
