/**
 * Tables as Parquet: {@linkcode encodeParquet}, through `parquet-wasm` (the Rust `parquet`
 * crate compiled to WebAssembly) fed with Arrow IPC from `apache-arrow`. Times are written
 * as `TIMESTAMP(isAdjustedToUTC=true, unit=MICROS)`, which Spark, Trino, DuckDB and
 * ClickHouse read as timestamps.
 *
 * @module
 */

import { tableToIPC } from "npm:apache-arrow@21.2.0";
import {
  Compression,
  Table as WasmTable,
  writeParquet,
  WriterPropertiesBuilder,
} from "npm:parquet-wasm@0.8.0/bundler";
import { toArrowTable } from "./arrow.ts";
import type { ColumnarTable } from "./columnar_table.ts";
import type { TableSchema } from "./schema.ts";

/** The compression of a Parquet file's pages. */
export type ParquetCompression = "zstd" | "snappy" | "gzip" | "none";

const CODECS: Record<ParquetCompression, Compression> = {
  zstd: Compression.ZSTD,
  snappy: Compression.SNAPPY,
  gzip: Compression.GZIP,
  none: Compression.UNCOMPRESSED,
};

/** Options of {@linkcode encodeParquet}. */
export interface ParquetOptions {
  /** The compression (default `zstd`). */
  compression?: ParquetCompression;
}

/**
 * Encodes tables of one schema as a Parquet file.
 *
 * @param schema The schema the tables share.
 * @param tables The tables (row chunks), in order.
 * @param options The compression.
 * @returns The bytes of the file.
 *
 * @example Write the packets of a file as Parquet
 * ```ts
 * import { encodeParquet } from "./parquet.ts";
 * import { readCaptureTables } from "./capture_tables.ts";
 * import { PACKET_SCHEMA } from "./packet_schema.ts";
 * import assert from "node:assert/strict";
 *
 * const file = new URL("../../testdata/namespaces.pcap", import.meta.url).pathname;
 * const bytes = encodeParquet(PACKET_SCHEMA, (await readCaptureTables(file)).get("")!);
 * assert.equal(new TextDecoder().decode(bytes.subarray(0, 4)), "PAR1");
 * ```
 */
export function encodeParquet(
  schema: TableSchema,
  tables: readonly ColumnarTable[],
  options: ParquetOptions = {},
): Uint8Array {
  const ipc = tableToIPC(toArrowTable(schema, tables), "stream");
  const properties = new WriterPropertiesBuilder()
    .setCompression(CODECS[options.compression ?? "zstd"])
    .setCreatedBy("wirekit")
    .build();
  return writeParquet(WasmTable.fromIPCStream(ipc), properties);
}
