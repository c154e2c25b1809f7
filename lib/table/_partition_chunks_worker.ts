/**
 * The worker of {@linkcode workerPartitionChunks} (private): reads a capture's chunks with
 * `partitionChunks()` and posts each, its buffers transferred, as the main thread asks for
 * more (it keeps at most a few ahead).
 *
 * @module
 */

import { type CaptureTableOptions, partitionChunks } from "./capture_tables.ts";
import type { ChunkMessage, ChunkRequest } from "./_worker_partition_chunks.ts";
import { columnBufferPool, tableBuffers } from "./_buffer_pool.ts";

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
  } else if ("spent" in request) columnBufferPool.give(request.spent);
  else run(request.file, request.options, request.progress);
};

async function run(file: string, options: CaptureTableOptions, progress: boolean): Promise<void> {
  try {
    const onProgress = (offset: number) => scope.postMessage({ offset });
    for await (
      const chunk of partitionChunks(file, progress ? { ...options, onProgress } : options)
    ) {
      while (credit === 0) await new Promise<void>((resolve) => wake = resolve);
      credit--;
      scope.postMessage({ chunk }, tableBuffers(chunk.table));
      // Reading and building never wait on the event loop: let it deliver the buffers
      // given back (and credit) before the next chunk's columns are made.
      await new Promise((resolve) => setTimeout(resolve, 0));
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
