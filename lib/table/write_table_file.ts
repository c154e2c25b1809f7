/**
 * {@linkcode writeTableFile}: row chunks written to a Parquet, Arrow IPC, CSV or JSON
 * lines file as they come, so that a whole table is never held.
 *
 * @module
 */

import { RecordBatchFileWriter } from "npm:apache-arrow@21.2.0";
import { toArrowTable } from "./arrow.ts";
import type { ColumnarTable } from "./columnar_table.ts";
import { type ParquetCompression, writeParquetFile } from "./parquet.ts";
import type { TableSchema } from "./schema.ts";
import { csvHeader, encodeCsv, encodeJsonLines } from "./text_formats.ts";

/** The output formats. */
export type ExportFormat = "parquet" | "arrow" | "csv" | "jsonl";

/** Options of {@linkcode writeTableFile}. */
export interface WriteTableOptions {
  /** Parquet compression (default `zstd`). */
  compression?: ParquetCompression;
  /**
   * Called with each chunk once the writer no longer reads it (Parquet, CSV and JSON
   * lines; the Arrow writer reads the chunks' buffers until the file is written), so that
   * its memory can be reused.
   */
  onChunkWritten?: (table: ColumnarTable) => void;
}

const encoder = new TextEncoder();
const TEXT_ROWS = 4096;

/**
 * Writes row chunks to a file, each chunk encoded and written before the next is pulled
 * (Parquet: row groups of 65,536 rows; Arrow: the IPC file format, a record batch per chunk;
 * CSV with its header line; JSON lines). If `chunks` throws, the file is removed and the
 * error rethrown.
 *
 * @param path The file, created or truncated.
 * @param schema The schema of the chunks.
 * @param chunks The chunks, in order.
 * @param format The file format.
 * @param options The Parquet compression.
 * @returns The number of rows written.
 *
 * @example Stream the packets of a capture to an Arrow file
 * ```ts
 * import { writeTableFile } from "./write_table_file.ts";
 * import { packetChunks } from "./capture_tables.ts";
 * import { PACKET_SCHEMA } from "./packet_schema.ts";
 * import assert from "node:assert/strict";
 *
 * const file = new URL("../../testdata/namespaces.pcap", import.meta.url).pathname;
 * const output = await Deno.makeTempFile({ suffix: ".arrow" });
 * assert.equal(await writeTableFile(output, PACKET_SCHEMA, packetChunks(file), "arrow"), 46);
 * const bytes = await Deno.readFile(output);
 * assert.equal(new TextDecoder().decode(bytes.subarray(0, 6)), "ARROW1");
 * await Deno.remove(output);
 * ```
 */
export async function writeTableFile(
  path: string,
  schema: TableSchema,
  chunks: AsyncIterable<ColumnarTable> | Iterable<ColumnarTable>,
  format: ExportFormat,
  options: WriteTableOptions = {},
): Promise<number> {
  const input = toAsync(chunks);
  if (format === "parquet") return await writeParquetFile(path, schema, input, options);
  const file = await Deno.open(path, { write: true, create: true, truncate: true });
  const write = async (bytes: Uint8Array) => {
    for (let at = 0; at < bytes.length;) at += await file.write(bytes.subarray(at));
  };
  try {
    const rows = format === "arrow"
      ? await writeArrow(schema, input, write)
      : await writeText(schema, input, format, write, options.onChunkWritten);
    file.close();
    return rows;
  } catch (error) {
    file.close();
    await Deno.remove(path).catch(() => {});
    throw error;
  }
}

async function* toAsync(
  chunks: AsyncIterable<ColumnarTable> | Iterable<ColumnarTable>,
): AsyncGenerator<ColumnarTable> {
  yield* chunks;
}

async function writeText(
  schema: TableSchema,
  chunks: AsyncIterable<ColumnarTable>,
  format: "csv" | "jsonl",
  write: (bytes: Uint8Array) => Promise<void>,
  written: ((table: ColumnarTable) => void) | undefined,
): Promise<number> {
  let rows = 0;
  if (format === "csv") await write(encoder.encode(csvHeader(schema)));
  const encode = format === "csv" ? encodeCsv : encodeJsonLines;
  for await (const chunk of chunks) {
    rows += chunk.length;
    // A few thousand rows of text at a time: a whole chunk's is tens of megabytes.
    for (let start = 0; start < chunk.length; start += TEXT_ROWS) {
      await write(encoder.encode(encode(chunk, start, Math.min(chunk.length, start + TEXT_ROWS))));
    }
    written?.(chunk);
  }
  return rows;
}

async function writeArrow(
  schema: TableSchema,
  chunks: AsyncIterable<ColumnarTable>,
  write: (bytes: Uint8Array) => Promise<void>,
): Promise<number> {
  // The writer queues its output; drain it while the chunks are pulled and written.
  const empty = toArrowTable(schema, []);
  const writer = new RecordBatchFileWriter().reset(undefined, empty.schema);
  const drained = (async () => {
    for await (const bytes of writer) await write(bytes);
  })();
  let rows = 0;
  try {
    for await (const chunk of chunks) {
      rows += chunk.length;
      for (const batch of toArrowTable(schema, [chunk]).batches) writer.write(batch);
    }
  } finally {
    writer.finish();
    await drained;
  }
  return rows;
}
