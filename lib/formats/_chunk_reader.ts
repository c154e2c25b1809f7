// Private: reads a capture source (path, file or stream) into caller-provided buffers.

import { CaptureFileError } from "./errors.ts";

/**
 * An open file that a capture reader reads: `Deno.FsFile`, `Deno.stdin` (read straight
 * into the reader's buffers, faster than its `readable`), or anything that reads as they
 * do. The reader does not close it.
 */
export type CaptureFile = Pick<Deno.FsFile, "read" | "readSync" | "close">;

/** Where a capture reader gets its bytes: a path, an open file or a byte stream. */
export type CaptureSource = string | URL | CaptureFile | ReadableStream<Uint8Array>;

/** Closes the file of a source dropped without `close()` (a reader never iterated). */
const abandoned = new FinalizationRegistry<CaptureFile>((file) => {
  try {
    file.close();
  } catch {
    // Closed already.
  }
});

/**
 * Pulls bytes from a file or a stream, filling each buffer it is given. A regular file
 * opened from a path is read with synchronous reads: a chunk comes from the page cache in
 * a fraction of a millisecond, while an asynchronous read costs two thread switches,
 * which on a busy machine take longer than the read. Pipes, devices, open files and
 * streams are read asynchronously.
 */
export class ChunkSource {
  #file: CaptureFile | undefined;
  #ownsFile: boolean;
  #sync = false;
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  #pending: Uint8Array | undefined;
  #closed = false;

  private constructor(
    file: CaptureFile | undefined,
    ownsFile: boolean,
    reader: ReadableStreamDefaultReader<Uint8Array> | undefined,
  ) {
    this.#file = file;
    this.#ownsFile = ownsFile;
    this.#reader = reader;
    if (file !== undefined && ownsFile) abandoned.register(this, file, this);
  }

  /** Opens a path (the source owns the file), or wraps a file or stream. */
  static async open(source: CaptureSource | ChunkSource): Promise<ChunkSource> {
    if (source instanceof ChunkSource) return source;
    if (typeof source === "string" || source instanceof URL) {
      const file = await Deno.open(source, { read: true });
      const info = await file.stat();
      if (info.isDirectory) {
        file.close();
        throw new CaptureFileError(
          "unsupported",
          0,
          `Cannot open capture file ${source}: it is a directory, give a pcap or pcapng file`,
        );
      }
      const chunkSource = new ChunkSource(file, true, undefined);
      chunkSource.#sync = info.isFile;
      return chunkSource;
    }
    if (source instanceof ReadableStream) {
      return new ChunkSource(undefined, false, source.getReader());
    }
    return new ChunkSource(source, false, undefined);
  }

  /**
   * Fills `target` until it is full or the source ends; returns the count of bytes read
   * (less than `target.length` only at the end of the source).
   */
  async fill(target: Uint8Array): Promise<number> {
    let filled = 0;
    if (this.#closed) return 0;
    if (this.#file !== undefined) {
      if (this.#pending !== undefined) {
        filled = this.#takePending(target);
      }
      while (filled < target.length) {
        const rest = target.subarray(filled);
        const n = this.#sync ? this.#file.readSync(rest) : await this.#file.read(rest);
        if (n === null) break;
        filled += n;
      }
      return filled;
    }
    const reader = this.#reader!;
    while (filled < target.length) {
      let chunk = this.#pending;
      this.#pending = undefined;
      if (chunk === undefined) {
        const result = await reader.read();
        if (result.done) break;
        chunk = result.value;
      }
      const room = target.length - filled;
      if (chunk.length > room) {
        target.set(chunk.subarray(0, room), filled);
        this.#pending = chunk.subarray(room);
        filled += room;
      } else {
        target.set(chunk, filled);
        filled += chunk.length;
      }
    }
    return filled;
  }

  /** Gives back bytes read too early; the next `fill()` returns them first. */
  unread(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (this.#pending === undefined) {
      this.#pending = bytes.slice();
    } else {
      const joined = new Uint8Array(bytes.length + this.#pending.length);
      joined.set(bytes);
      joined.set(this.#pending, bytes.length);
      this.#pending = joined;
    }
  }

  #takePending(target: Uint8Array): number {
    const pending = this.#pending!;
    const n = Math.min(pending.length, target.length);
    target.set(pending.subarray(0, n));
    this.#pending = n < pending.length ? pending.subarray(n) : undefined;
    return n;
  }

  /** Releases the source: closes a file it opened, cancels a stream. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#pending = undefined;
    if (this.#file !== undefined && this.#ownsFile) {
      abandoned.unregister(this);
      try {
        this.#file.close();
      } catch (error) {
        if (!(error instanceof Deno.errors.BadResource)) throw error;
      }
    }
    if (this.#reader !== undefined) {
      try {
        await this.#reader.cancel();
      } catch {
        // A stream that errored cannot be cancelled: nothing left to release.
      }
      this.#reader.releaseLock();
    }
  }
}
