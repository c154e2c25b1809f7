/**
 * {@linkcode workerPartitionChunks} (private): `partitionChunks()` run in a worker, so that
 * reading, decoding and building the columns of a capture go on while the main thread
 * encodes and writes the chunks before (Parquet's encoder, Arrow, CSV).
 *
 * @module
 */

import type { CaptureTableOptions, PartitionChunk } from "./capture_tables.ts";
import type { ColumnarTable } from "./columnar_table.ts";
import { tableBuffers } from "./_buffer_pool.ts";
import { CaptureFileError, type CaptureFileErrorCode } from "../formats/errors.ts";

/** Chunks the worker may build ahead of those taken. */
const AHEAD = 2;

/**
 * What the main thread sends the worker: the capture, then credit for more chunks, and the
 * buffers of chunks written, for the next chunks' columns.
 */
export type ChunkRequest =
  | { file: string; options: Omit<CaptureTableOptions, "onProgress">; progress: boolean }
  | { more: number }
  | { spent: ArrayBuffer[] };

/** What the worker posts: progress, a chunk, the end, or the error that ended it. */
export type ChunkMessage =
  | { offset: number }
  | { chunk: PartitionChunk }
  | { done: true }
  | { error: { message: string; code?: string; offset?: number } };

/** The chunks that a worker builds, and the way to give their memory back to it. */
export interface WorkerChunks {
  /** The chunks, in the order `partitionChunks()` yields them. */
  readonly chunks: AsyncGenerator<PartitionChunk>;
  /**
   * Gives a chunk's buffers back to the worker, which builds later chunks in them: the
   * buffers move, so the table must not be read after.
   *
   * @param table A chunk, once written.
   */
  spend(table: ColumnarTable): void;
}

/**
 * Builds the chunks of `partitionChunks(file, options)` in a worker, at most
 * {@linkcode AHEAD} chunks ahead of the consumer. The worker starts at the first `next()`
 * and stops when the consumer does.
 *
 * @param file The capture file.
 * @param options As for `partitionChunks()`; `onProgress` is called on this thread.
 * @returns The chunks (which throw {@linkcode CaptureFileError} when the file is not a
 * capture or is corrupt, other errors as an `Error` with the same message) and `spend()`.
 */
export function workerPartitionChunks(
  file: string,
  options: CaptureTableOptions = {},
): WorkerChunks {
  let running: Worker | undefined;
  return {
    chunks: workerChunks(file, options, (worker) => running = worker),
    spend(table) {
      const buffers = tableBuffers(table).filter((buffer) => buffer.byteLength > 0);
      running?.postMessage({ spent: buffers } satisfies ChunkRequest, buffers);
    },
  };
}

async function* workerChunks(
  file: string,
  options: CaptureTableOptions,
  started: (worker: Worker | undefined) => void,
): AsyncGenerator<PartitionChunk> {
  const { onProgress, ...rest } = options;
  const worker = new Worker(new URL("./_partition_chunks_worker.ts", import.meta.url), {
    type: "module",
  });
  started(worker);
  const queue: ChunkMessage[] = [];
  let wake: () => void = () => {};
  worker.onmessage = (event: MessageEvent<ChunkMessage>) => {
    const message = event.data;
    if ("offset" in message) onProgress?.(message.offset);
    else {
      queue.push(message);
      wake();
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    queue.push({ error: { message: `Cannot read ${file}: a worker failed: ${event.message}` } });
    wake();
  };
  try {
    // Progress is posted only when it is wanted: a message per megabyte read costs the
    // worker a structured clone and this thread a task.
    const progress = onProgress !== undefined;
    worker.postMessage({ file, options: rest, progress } satisfies ChunkRequest);
    worker.postMessage({ more: AHEAD } satisfies ChunkRequest);
    while (true) {
      while (queue.length === 0) await new Promise<void>((resolve) => wake = resolve);
      const message = queue.shift()!;
      if ("done" in message) return;
      if ("error" in message) {
        const { message: text, code, offset } = message.error;
        if (code === undefined || offset === undefined) throw new Error(text);
        throw new CaptureFileError(code as CaptureFileErrorCode, offset, text);
      }
      if ("chunk" in message) {
        worker.postMessage({ more: 1 } satisfies ChunkRequest);
        yield message.chunk;
      }
    }
  } finally {
    started(undefined);
    worker.terminate();
  }
}
