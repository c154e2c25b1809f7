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
  EnabledStatistics,
  Encoding,
  Table as WasmTable,
  transformParquetStream,
  writeParquet,
  type WriterProperties,
  WriterPropertiesBuilder,
} from "npm:parquet-wasm@0.8.0/bundler";
import { toArrowTable } from "./arrow.ts";
import { IpcStreamBuffer } from "./_ipc_stream_buffer.ts";
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

/** Options of {@linkcode writeParquetFile}. */
export interface ParquetFileOptions extends ParquetOptions {
  /** Called with each chunk once it was copied into the encoder, so that its memory can be reused. */
  onChunkWritten?: (table: ColumnarTable) => void;
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
  return writeParquet(WasmTable.fromIPCStream(ipc), writerProperties(schema, options));
}

/**
 * Writes chunks to a Parquet file as they come (`parquet-wasm`'s
 * `transformParquetStream`, pulling the next chunk when it is ready for it), so that the
 * whole table is never held. If `chunks` throws, the file is removed and the error
 * rethrown.
 *
 * @param path The file, created or truncated.
 * @param schema The schema of the chunks.
 * @param chunks The chunks, in order.
 * @param options The compression.
 * @returns The number of rows written.
 *
 * @example Stream the packets of a capture to Parquet
 * ```ts
 * import { writeParquetFile } from "./parquet.ts";
 * import { packetChunks } from "./capture_tables.ts";
 * import { PACKET_SCHEMA } from "./packet_schema.ts";
 * import assert from "node:assert/strict";
 *
 * const file = new URL("../../testdata/namespaces.pcap", import.meta.url).pathname;
 * const output = await Deno.makeTempFile({ suffix: ".parquet" });
 * assert.equal(await writeParquetFile(output, PACKET_SCHEMA, packetChunks(file)), 46);
 * const bytes = await Deno.readFile(output);
 * assert.equal(new TextDecoder().decode(bytes.subarray(bytes.length - 4)), "PAR1");
 * await Deno.remove(output);
 * ```
 */
export async function writeParquetFile(
  path: string,
  schema: TableSchema,
  chunks: AsyncIterable<ColumnarTable>,
  options: ParquetFileOptions = {},
): Promise<number> {
  const iterator = chunks[Symbol.asyncIterator]();
  let rows = 0;
  // The encoder reports a failed pull with a message of its own: keep the original.
  let failure: unknown = undefined;
  // fromIPCStream() copies the bytes into the encoder's memory: one buffer serves every chunk.
  const ipc = new IpcStreamBuffer();
  const input = new ReadableStream<unknown>({
    async pull(controller) {
      let next;
      try {
        next = await iterator.next();
      } catch (error) {
        failure = error;
        throw error;
      }
      if (next.done === true) return controller.close();
      rows += next.value.length;
      if (next.value.length === 0) return;
      const table = WasmTable.fromIPCStream(ipc.encode(toArrowTable(schema, [next.value])));
      // The encoder copied the chunk.
      options.onChunkWritten?.(next.value);
      // The encoder takes the batches; the table would hold their memory in the module's
      // heap until collected (which this thread's small JavaScript heap rarely needs).
      for (const batch of table.recordBatches()) controller.enqueue(batch);
      table.free();
    },
  });
  const properties = writerProperties(schema, options);
  const file = await Deno.open(path, { write: true, create: true, truncate: true });
  try {
    const output = await transformParquetStream(input, properties) as ReadableStream<Uint8Array>;
    for await (const bytes of output) {
      for (let at = 0; at < bytes.length;) at += await file.write(bytes.subarray(at));
    }
    // A pull that fails after the first row group ends the encoder's output quietly.
    if (failure !== undefined) throw failure;
  } catch (error) {
    file.close();
    await Deno.remove(path).catch(() => {});
    throw failure ?? error;
  }
  file.close();
  return rows;
}

/** Rows per row group: four of the table builders' chunks. */
const ROW_GROUP_ROWS = 65536;

/**
 * The writer's settings: the compression; row groups of {@linkcode ROW_GROUP_ROWS} rows
 * (left to its default of a million rows, the encoder holds a million-packet table whole);
 * dictionaries for strings only: the values of 64-bit columns (times, counters, sequence
 * numbers) are nearly all distinct, so the encoder would hash every value only to fall back
 * to plain pages, and zstd packs the few values of most 32-bit columns nearly as well as a
 * dictionary (the packets table of the benchmark capture grows 2.5%) in a fifth less of the
 * encoder's time; the schema's rising columns delta-encoded; minimum and maximum per column
 * chunk, not per page (what Spark, Trino and DuckDB use to skip row groups).
 */
function writerProperties(schema: TableSchema, options: ParquetOptions): WriterProperties {
  let builder = new WriterPropertiesBuilder()
    .setCompression(CODECS[options.compression ?? "zstd"])
    .setStatisticsEnabled(EnabledStatistics.Chunk)
    .setMaxRowGroupSize(ROW_GROUP_ROWS)
    .setCreatedBy("wirekit");
  for (const column of schema.columns) {
    if (column.type !== "string") builder = builder.setColumnDictionaryEnabled(column.name, false);
  }
  for (const name of schema.rising ?? []) {
    builder = builder.setColumnEncoding(name, Encoding.DELTA_BINARY_PACKED);
  }
  return builder.build();
}
