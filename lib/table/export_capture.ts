/**
 * {@linkcode exportCapture}: one capture file written as a table file (Parquet, Arrow IPC,
 * CSV or JSON lines), or as the files of a Hive-style partitioned dataset.
 *
 * @module
 */

import type { PartitionChunk, Partitioning, TableName } from "./capture_tables.ts";
import { ChunkChannel } from "./_chunk_channel.ts";
import { workerPartitionChunks } from "./_worker_partition_chunks.ts";
import { FLOW_SCHEMA } from "./flow_schema.ts";
import { PACKET_SCHEMA } from "./packet_schema.ts";
import type { ParquetCompression } from "./parquet.ts";
import type { ExportFormat } from "./write_table_file.ts";

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
 * Reads a capture file and writes its `packets` or `flows` table, streamed: each
 * partition's file (the one output without partitioning) is written chunk by chunk as the
 * capture is read, so memory holds a few chunks per open partition, never a whole table.
 * The `packets` table is built in a worker while this thread encodes and writes. A
 * corrupt capture leaves no file: those begun are removed (partition directories made for
 * them stay, empty: another capture of the same export may be writing there).
 *
 * @param file The capture file.
 * @param options The format, table, output and partitioning.
 * @returns The rows and files written (partitions in time order).
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
  const extension = FORMAT_EXTENSIONS[options.format];
  const writeOptions = { compression: options.compression ?? "zstd" } as const;
  const readOptions = {
    table,
    partition,
    name: options.name ?? file,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  };
  // The packets table's worker starts first (at the first next()), and the modules of the
  // writers (Parquet's WebAssembly, Arrow) load while it reads the capture.
  const built = table === "packets" ? workerPartitionChunks(file, readOptions) : undefined;
  const chunks: AsyncGenerator<PartitionChunk> = built?.chunks ??
    (await import("./capture_tables.ts")).partitionChunks(file, readOptions);
  const first = chunks.next();
  first.catch(() => {});
  const writers = import("./write_table_file.ts");
  writers.catch(() => {});
  const parts = new Map<string, Part>();
  let failure: { error: unknown } | undefined;
  try {
    const { writeTableFile } = await writers;
    for (let next = await first; next.done !== true; next = await chunks.next()) {
      const { path, start, table: rows } = next.value;
      let part = parts.get(path);
      if (part === undefined) {
        let output = options.output;
        if (partition !== "none") {
          const directory = `${options.output}/${path}`;
          await Deno.mkdir(directory, { recursive: true });
          output = `${directory}/part-${options.index ?? 0}.${extension}`;
        }
        const channel = new ChunkChannel();
        const rowsWritten = writeTableFile(output, schema, channel, options.format, {
          ...writeOptions,
          // Written chunks go back to the worker, which builds the next ones in their memory.
          ...(built === undefined ? {} : { onChunkWritten: built.spend }),
        });
        // Its failure is thrown once the capture is read (not left unhandled until then).
        rowsWritten.catch(() => {});
        part = { output, start, channel, rows: rowsWritten };
        parts.set(path, part);
      }
      await part.channel.push(rows);
    }
  } catch (error) {
    failure = { error };
    // Stops the worker when the chunks did not end the loop.
    await chunks.return(undefined).catch(() => {});
  }
  for (const part of parts.values()) {
    if (failure === undefined) part.channel.close();
    else part.channel.fail(failure.error);
  }
  const written = await Promise.allSettled([...parts.values()].map((part) => part.rows));
  if (failure !== undefined) throw failure.error;
  for (const outcome of written) if (outcome.status === "rejected") throw outcome.reason;
  if (parts.size === 0 && partition === "none") {
    // A capture without packets: a file with the columns and no rows.
    const { writeTableFile } = await writers;
    await writeTableFile(options.output, schema, [], options.format, writeOptions);
    return { rows: 0, files: [options.output] };
  }
  const sorted = [...parts.values()];
  if (table === "packets") sorted.sort((a, b) => a.start - b.start);
  const result: ExportResult = { rows: 0, files: [] };
  for (const part of sorted) {
    result.rows += await part.rows;
    result.files.push(part.output);
  }
  return result;
}

/** An open partition: its file, its start and the writer's channel and result. */
interface Part {
  output: string;
  start: number;
  channel: ChunkChannel;
  rows: Promise<number>;
}
