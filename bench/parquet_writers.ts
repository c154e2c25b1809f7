/**
 * Compares the Parquet writers that `scripts/export.ts` could use, on the `packets` table
 * of a capture: parquet-wasm (Rust's parquet crate compiled to WebAssembly, fed Arrow IPC
 * from `apache-arrow`) with zstd and snappy, with its defaults and with export.ts's settings
 * (a row group per chunk, rising columns delta-encoded, dictionaries for strings only,
 * statistics per column chunk), and hyparquet-writer (pure JavaScript) with
 * snappy, the only compression it has built in. Prints the time to write and the size.
 *
 * ```sh
 * deno run --allow-read bench/parquet_writers.ts CAPTURE
 * ```
 *
 * @module
 */

import {
  Compression,
  Table as WasmTable,
  writeParquet,
  WriterPropertiesBuilder,
} from "npm:parquet-wasm@0.8.0";
import { parquetWriteBuffer } from "npm:hyparquet-writer@0.17.0";
import { toArrowTable } from "../lib/table/arrow.ts";
import { tableToIPC } from "npm:apache-arrow@21.2.0";
import { readCaptureTables } from "../lib/table/capture_tables.ts";
import { columnValue } from "../lib/table/columnar_table.ts";
import { encodeParquet } from "../lib/table/parquet.ts";
import { PACKET_SCHEMA } from "../lib/table/packet_schema.ts";

const [file] = Deno.args;
if (file === undefined) {
  console.error("Usage: deno run --allow-read bench/parquet_writers.ts CAPTURE");
  Deno.exit(2);
}
const tables = [...(await readCaptureTables(file)).values()].flat();
const rows = tables.reduce((n, table) => n + table.length, 0);
console.log(`${rows} packets`);

function time(label: string, write: () => Uint8Array): void {
  const start = performance.now();
  const bytes = write();
  const ms = performance.now() - start;
  console.log(
    `${label.padEnd(36)} ${ms.toFixed(0).padStart(6)} ms  ${
      (rows / ms * 1000 / 1e6).toFixed(2)
    } M rows/s  ${(bytes.length / 1e6).toFixed(1)} MB`,
  );
}

time("parquet-wasm ZSTD, export.ts settings", () => encodeParquet(PACKET_SCHEMA, tables));
for (const compression of [Compression.ZSTD, Compression.SNAPPY]) {
  time(`parquet-wasm ${Compression[compression]}`, () => {
    const ipc = tableToIPC(toArrowTable(PACKET_SCHEMA, tables), "stream");
    const props = new WriterPropertiesBuilder().setCompression(compression).build();
    return writeParquet(WasmTable.fromIPCStream(ipc), props);
  });
}

const TYPES = {
  timestamp: "TIMESTAMP",
  int64: "INT64",
  int32: "INT32",
  float64: "DOUBLE",
  bool: "BOOLEAN",
  string: "STRING",
} as const;
time("hyparquet-writer SNAPPY", () => {
  const columnData = PACKET_SCHEMA.columns.map((spec, k) => {
    const data: unknown[] = [];
    for (const table of tables) {
      const column = table.columns[k]!;
      for (let row = 0; row < table.length; row++) {
        const value = columnValue(column, row);
        data.push(
          spec.type === "timestamp" && value !== null ? new Date(Number(value) / 1000) : value,
        );
      }
    }
    return { name: spec.name, data, type: TYPES[spec.type], nullable: true };
  });
  return new Uint8Array(parquetWriteBuffer({ columnData } as never));
});
