/**
 * {@linkcode exportCapture}: one capture file written as a table file (Parquet, Arrow IPC,
 * CSV or JSON lines), or as the files of a Hive-style partitioned dataset.
 *
 * @module
 */

import {
  packetChunks,
  type Partitioning,
  readCaptureTables,
  type TableName,
} from "./capture_tables.ts";
import { FLOW_SCHEMA } from "./flow_schema.ts";
import { PACKET_SCHEMA } from "./packet_schema.ts";
import type { ParquetCompression } from "./parquet.ts";
import { type ExportFormat, writeTableFile } from "./write_table_file.ts";

export type { ExportFormat } from "./write_table_file.ts";

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

/**
 * Reads a capture file and writes its `packets` or `flows` table. The `packets` table to
 * one file is streamed, chunk by chunk, in every format; the `flows` table and partitioned
 * datasets are built whole before anything is written. Either way a corrupt capture
 * leaves no output.
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
  const compression = { compression: options.compression ?? "zstd" } as const;
  if (table === "packets" && partition === "none") {
    // One file: streamed chunk by chunk, the whole table never held.
    const chunks = packetChunks(file, { name: options.name ?? file, ...progress });
    const rows = await writeTableFile(options.output, schema, chunks, options.format, compression);
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
    result.rows += await writeTableFile(output, schema, chunks, options.format, compression);
    result.files.push(output);
  }
  return result;
}
