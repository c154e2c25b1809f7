/**
 * The worker of {@linkcode workerPartitionChunks} (private): reads a capture's chunks with
 * `partitionChunks()` and posts each, its buffers transferred, as the main thread asks for
 * more (it keeps at most a few ahead).
 *
 * @module
 */

import { type CaptureTableOptions, partitionChunks } from "./capture_tables.ts";
import type { ChunkMessage, ChunkRequest } from "./_worker_partition_chunks.ts";
import type { ColumnarTable } from "./columnar_table.ts";

/** The worker's global scope, as far as this module uses it. */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ChunkRequest>) => void) | null;
  postMessage(message: ChunkMessage, transfer?: Transferable[]): void;
};

let credit = 0;
let wake: () => void = () => {};

scope.onmessage = (event: MessageEvent<ChunkRequest>) => {
  const request = event.data;
  if ("more" in request) {
    credit += request.more;
    wake();
  } else run(request.file, request.options);
};

/** The buffers of a chunk's columns, each once. */
function buffers(table: ColumnarTable): Transferable[] {
  const found = new Set<ArrayBufferLike>();
  for (const column of table.columns) {
    found.add(column.values.buffer);
    found.add(column.validity.buffer);
    if (column.offsets !== undefined) found.add(column.offsets.buffer);
  }
  return [...found] as ArrayBuffer[];
}

async function run(file: string, options: CaptureTableOptions): Promise<void> {
  try {
    const progress = (offset: number) => scope.postMessage({ offset });
    for await (const chunk of partitionChunks(file, { ...options, onProgress: progress })) {
      while (credit === 0) await new Promise<void>((resolve) => wake = resolve);
      credit--;
      scope.postMessage({ chunk }, buffers(chunk.table));
    }
    scope.postMessage({ done: true });
  } catch (error) {
    const { message, code, offset } = error as {
      message?: string;
      code?: unknown;
      offset?: unknown;
    };
    scope.postMessage({
      error: {
        message: String(message ?? error).split("\n")[0]!,
        ...(typeof code === "string" && typeof offset === "number" ? { code, offset } : {}),
      },
    });
  }
}
