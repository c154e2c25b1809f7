/**
 * {@linkcode exportCapture}: one capture file written as a table file (Parquet, Arrow IPC,
 * CSV or JSON lines), or as the files of a Hive-style partitioned dataset.
 *
 * @module
 */

import { encodeArrowIpc, toArrowTable } from "./arrow.ts";
import {
  packetChunks,
  type Partitioning,
  readCaptureTables,
  type TableName,
} from "./capture_tables.ts";
import type { ColumnarTable } from "./columnar_table.ts";
import { FLOW_SCHEMA } from "./flow_schema.ts";
import { PACKET_SCHEMA } from "./packet_schema.ts";
import { encodeParquet, type ParquetCompression, writeParquetFile } from "./parquet.ts";
import type { TableSchema } from "./schema.ts";
import { csvHeader, encodeCsv, encodeJsonLines } from "./text_formats.ts";

/** The output formats. */
export type ExportFormat = "parquet" | "arrow" | "csv" | "jsonl";

/** The file name extension of each format, without the dot. */
export const FORMAT_EXTENSIONS: Record<ExportFormat, string> = {
  parquet: "parquet",
  arrow: "arrow",
  csv: "csv",
  jsonl: "jsonl",
};

/** Options of {@linkcode exportCapture}. */
export interface ExportOptions {
  /** The output format. */
  format: ExportFormat;
  /** The table (default `packets`). */
  table?: TableName;
  /**
   * Without partitioning (the default), the output file. With it, the dataset's
   * directory: rows go to `OUT/date=YYYY-MM-DD[/hour=H]/part-INDEX.EXT`.
   */
  output: string;
  /** The partitioning (default `none`). */
  partition?: Partitioning;
  /** The part number in partitioned file names (the input's position; default 0). */
  index?: number;
  /** Parquet compression (default `zstd`). */
  compression?: ParquetCompression;
  /** The `file` column's value (default: the input path). */
  name?: string;
  /** Called after each chunk of the capture with the file offset reached. */
  onProgress?: (offset: number) => void;
}

/** What {@linkcode exportCapture} wrote. */
export interface ExportResult {
  /** Rows written. */
  rows: number;
  /** The files written, in order. */
  files: string[];
}

const encoder = new TextEncoder();

/**
 * Reads a capture file and writes its `packets` or `flows` table. The `packets` table to
 * one Parquet file is streamed, chunk by chunk; otherwise the whole file is read before
 * anything is written. Either way a corrupt capture leaves no output.
 *
 * @param file The capture file.
 * @param options The format, table, output and partitioning.
 * @returns The rows and files written.
 * @throws {CaptureFileError} When the capture is not readable; nothing is written then.
 *
 * @example Export the packets of a capture as CSV
 * ```ts
 * import { exportCapture } from "./export_capture.ts";
 * import assert from "node:assert/strict";
 *
 * const file = new URL("../../testdata/namespaces.pcap", import.meta.url).pathname;
 * const output = await Deno.makeTempFile({ suffix: ".csv" });
 * const result = await exportCapture(file, { format: "csv", output });
 * assert.equal(result.rows, 46);
 * assert.equal((await Deno.readTextFile(output)).split("\r\n").length, 48);
 * await Deno.remove(output);
 * ```
 */
export async function exportCapture(file: string, options: ExportOptions): Promise<ExportResult> {
  const table = options.table ?? "packets";
  const partition = options.partition ?? "none";
  const schema = table === "flows" ? FLOW_SCHEMA : PACKET_SCHEMA;
  const progress = options.onProgress === undefined ? {} : { onProgress: options.onProgress };
  if (options.format === "parquet" && table === "packets" && partition === "none") {
    // One file: streamed chunk by chunk, the whole table never held.
    const chunks = packetChunks(file, { name: options.name ?? file, ...progress });
    const compression = options.compression ?? "zstd";
    const rows = await writeParquetFile(options.output, schema, chunks, { compression });
    return { rows, files: [options.output] };
  }
  const tables = await readCaptureTables(file, {
    table,
    partition,
    name: options.name ?? file,
    ...progress,
  });
  const result: ExportResult = { rows: 0, files: [] };
  const extension = FORMAT_EXTENSIONS[options.format];
  for (const [path, chunks] of tables) {
    // Let each partition's columns go once written.
    tables.delete(path);
    let output = options.output;
    if (partition !== "none") {
      const directory = `${options.output}/${path}`;
      await Deno.mkdir(directory, { recursive: true });
      output = `${directory}/part-${options.index ?? 0}.${extension}`;
    }
    await writeTable(output, schema, chunks, options);
    result.rows += chunks.reduce((n, chunk) => n + chunk.length, 0);
    result.files.push(output);
  }
  return result;
}

async function writeTable(
  output: string,
  schema: TableSchema,
  chunks: readonly ColumnarTable[],
  options: ExportOptions,
): Promise<void> {
  switch (options.format) {
    case "parquet":
      await Deno.writeFile(
        output,
        encodeParquet(schema, chunks, { compression: options.compression ?? "zstd" }),
      );
      return;
    case "arrow":
      await Deno.writeFile(output, encodeArrowIpc(toArrowTable(schema, chunks)));
      return;
  }
  await using file = await Deno.open(output, { write: true, create: true, truncate: true });
  const write = async (text: string) => {
    const bytes = encoder.encode(text);
    for (let at = 0; at < bytes.length;) at += await file.write(bytes.subarray(at));
  };
  if (options.format === "csv") await write(csvHeader(schema));
  for (const chunk of chunks) {
    await write(options.format === "csv" ? encodeCsv(chunk) : encodeJsonLines(chunk));
  }
}
