/**
 * File writes carried out by a worker (private): the caller queues whole files and pieces
 * at offsets, and goes on while a worker thread creates and writes the files, in the order
 * queued. The bytes are copied into shared slabs (8 of 1 MiB): when every slab waits to be
 * written, queueing waits for the worker, so the memory in flight stays bounded. Without
 * read permission for the worker's module (`--allow-read=FILE`) the writes are done at once
 * on the caller's thread instead.
 *
 * @module
 */

import {
  ERROR_BYTES,
  OP_AT,
  OP_CLOSE,
  OP_WHOLE,
  STATE_ERROR,
  type WriteBatch,
  type WriterDone,
  type WriterEnd,
  type WriterSetup,
} from "./_file_write_protocol.ts";
import { FileOps, FileWriteError } from "./_file_ops.ts";

const SLAB_SIZE = 1024 * 1024;
const SLABS = 8;
/** How long to wait for a slab before deciding that the worker is gone, in ms. */
const STALL_LIMIT = 120_000;

/** Queues file writes for a worker thread. */
export class FileWriteQueue {
  /** The worker, or `undefined` when the writes are done here, by {@linkcode #direct}. */
  readonly #worker: Worker | undefined;
  readonly #direct: FileOps | undefined;
  readonly #slabs: Uint8Array[];
  readonly #state: Int32Array;
  readonly #error: Uint8Array;
  readonly #done: Promise<void>;
  #slab = 0;
  /** Bytes used in the current slab. */
  #used = 0;
  #ops: number[] = [];
  #paths: string[] = [];
  #finished = false;

  /** Starts the worker. */
  constructor() {
    const slabs = Array.from({ length: SLABS }, () => new SharedArrayBuffer(SLAB_SIZE));
    const state = new SharedArrayBuffer(4 * (1 + SLABS));
    const error = new SharedArrayBuffer(ERROR_BYTES);
    this.#slabs = slabs.map((slab) => new Uint8Array(slab));
    this.#state = new Int32Array(state);
    this.#error = new Uint8Array(error);
    const url = new URL("./_file_write_worker.ts", import.meta.url);
    if (!workerCanLoad(url)) {
      this.#worker = undefined;
      this.#direct = new FileOps();
      this.#done = Promise.resolve();
      return;
    }
    const worker = new Worker(url, { type: "module" });
    this.#worker = worker;
    this.#direct = undefined;
    this.#done = new Promise((resolve, reject) => {
      worker.onmessage = (_event: MessageEvent<WriterDone>) => resolve();
      worker.onerror = (event) => {
        event.preventDefault();
        reject(
          new FileWriteError(`Cannot write files: the writing worker failed: ${event.message}`),
        );
      };
    });
    // A failure surfaces at finish(), not as an unhandled rejection before it.
    this.#done.catch(() => {});
    worker.postMessage({ slabs, state, error } satisfies WriterSetup);
  }

  /**
   * Queues a whole file: created (or truncated), written, closed.
   *
   * @param file The file's number, unique to it.
   * @param path Its path.
   * @param bytes Its contents (copied).
   */
  whole(file: number, path: string, bytes: Uint8Array): void {
    if (bytes.length > SLAB_SIZE) {
      this.at(file, path, 0, bytes);
      this.close(file);
      return;
    }
    this.#push(OP_WHOLE, file, path, 0, bytes);
  }

  /**
   * Queues bytes to write at an offset of a file, kept open after; the first write to a
   * file creates or truncates it.
   *
   * @param file The file's number, unique to it.
   * @param path Its path.
   * @param offset Where the bytes go.
   * @param bytes The bytes (copied).
   */
  at(file: number, path: string, offset: number, bytes: Uint8Array): void {
    for (let done = 0; done < bytes.length || done === 0; done += SLAB_SIZE) {
      this.#push(OP_AT, file, path, offset + done, bytes.subarray(done, done + SLAB_SIZE));
      if (bytes.length === 0) return;
    }
  }

  /**
   * Queues the closing of a file written by {@linkcode at}.
   *
   * @param file The file's number.
   */
  close(file: number): void {
    this.#push(OP_CLOSE, file, "", 0, new Uint8Array(0));
  }

  /**
   * Sends what is queued, waits until every write is done and the files are closed, and
   * stops the worker.
   *
   * @returns When done; rejects with the first write that failed.
   */
  async finish(): Promise<void> {
    if (this.#finished) return;
    this.#finished = true;
    const worker = this.#worker;
    if (worker === undefined) {
      this.#direct!.closeAll();
      return;
    }
    try {
      this.#post();
      worker.postMessage({ end: true } satisfies WriterEnd);
      await this.#done;
      this.#throwFailure();
    } finally {
      worker.terminate();
    }
  }

  #push(kind: number, file: number, path: string, offset: number, bytes: Uint8Array): void {
    if (this.#finished) throw new FileWriteError("Cannot write files: the writer is finished");
    if (this.#direct !== undefined) {
      this.#direct.run(kind, file, path, offset, bytes);
      return;
    }
    if (this.#used + bytes.length > SLAB_SIZE) this.#post();
    const start = this.#used;
    this.#slabs[this.#slab]!.set(bytes, start);
    this.#used += bytes.length;
    this.#ops.push(kind, file, offset, start, bytes.length);
    this.#paths.push(path);
  }

  /** Hands the current slab to the worker and takes the next one, waiting for it. */
  #post(): void {
    if (this.#paths.length > 0) {
      Atomics.store(this.#state, 1 + this.#slab, 1);
      this.#worker!.postMessage(
        { slab: this.#slab, ops: this.#ops, paths: this.#paths } satisfies WriteBatch,
      );
      this.#ops = [];
      this.#paths = [];
      this.#slab = (this.#slab + 1) % SLABS;
      this.#used = 0;
    }
    const flag = 1 + this.#slab;
    if (Atomics.wait(this.#state, flag, 1, STALL_LIMIT) === "timed-out") {
      throw new FileWriteError("Cannot write files: the writing worker does not answer");
    }
    this.#throwFailure();
  }

  #throwFailure(): void {
    const length = Atomics.load(this.#state, STATE_ERROR);
    if (length > 0) {
      throw new FileWriteError(new TextDecoder().decode(this.#error.slice(0, length)));
    }
  }
}

/** Whether a worker may load its module: a local one needs read permission for it. */
function workerCanLoad(url: URL): boolean {
  return url.protocol !== "file:" ||
    Deno.permissions.querySync({ name: "read", path: url }).state === "granted";
}
