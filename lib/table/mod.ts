/**
 * Captures as tables: the `packets` and `flows` schemas, builders that fill them column
 * by column from the fast path, and writers for Parquet, Arrow IPC, CSV and JSON lines.
 *
 * This module imports `apache-arrow` and `parquet-wasm` from npm; `mod.ts` does not
 * re-export it, so that decoding alone pulls in neither. Import it as `./table`; SQL
 * with DuckDB (`CaptureDatabase`) is apart, as `./table-query`.
 *
 * @example The packets of a capture as Parquet
 * ```ts
 * import { encodeParquet, PACKET_SCHEMA, readCaptureTables } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const file = new URL("../../testdata/namespaces.pcap", import.meta.url).pathname;
 * const chunks = (await readCaptureTables(file)).get("")!;
 * assert.equal(encodeParquet(PACKET_SCHEMA, chunks).length > 0, true);
 * ```
 *
 * @module
 */

export * from "./schema.ts";
export * from "./columnar_table.ts";
export * from "./packet_schema.ts";
export * from "./packet_table_builder.ts";
export * from "./flow_schema.ts";
export * from "./flow_table_columns.ts";
export * from "./capture_tables.ts";
export * from "./arrow.ts";
export * from "./parquet.ts";
export * from "./text_formats.ts";
export * from "./write_table_file.ts";
export * from "./export_capture.ts";
export * from "./export_captures.ts";
export * from "./format_result.ts";
