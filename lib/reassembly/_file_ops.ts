/**
 * The file writes of {@linkcode FileWriteQueue} (private), carried out by its worker, or by
 * the queue itself where the worker cannot start: whole files, and pieces at offsets of
 * files kept open (the 256 most recently written at most).
 *
 * @module
 */

import { oneLine } from "../_one_line.ts";
import { OP_AT, OP_WHOLE } from "./_file_write_protocol.ts";

/** The most files kept open at once; past it the least recently written is closed. */
const MAX_OPEN = 256;

/** A file kept open and where its handle stands. */
interface OpenFile {
  handle: Deno.FsFile;
  position: number;
}

/**
 * A file write that failed (or a writer that cannot write any more): what
 * {@linkcode FileWriteQueue} throws, so that a caller tells it from a read that failed.
 */
export class FileWriteError extends Error {
  override readonly name = "FileWriteError";
}

/** Writes files by number, keeping the files written in pieces open. */
export class FileOps {
  /** Open files by number, the least recently written first. */
  readonly #open = new Map<number, OpenFile>();
  /** The files opened once (created), by number. */
  readonly #created = new Set<number>();

  /**
   * Carries out one operation: `OP_WHOLE` creates (or truncates) a file, writes it and
   * closes it; `OP_AT` writes bytes at an offset of a file kept open (its first opening
   * truncates it); `OP_CLOSE` closes a file written by `OP_AT`.
   *
   * @param kind The operation.
   * @param file The file's number.
   * @param path The file.
   * @param offset Where the bytes go.
   * @param bytes The bytes.
   * @throws {FileWriteError} `Cannot write PATH: reason`, when the write fails.
   */
  run(kind: number, file: number, path: string, offset: number, bytes: Uint8Array): void {
    try {
      if (kind === OP_WHOLE) Deno.writeFileSync(path, bytes);
      else if (kind === OP_AT) this.#at(file, path, offset, bytes);
      else this.#close(file);
    } catch (error) {
      const reason = oneLine(error, { firstOnly: true });
      throw new FileWriteError(`Cannot write ${path}: ${reason}`, { cause: error });
    }
  }

  #at(file: number, path: string, offset: number, bytes: Uint8Array): void {
    let entry = this.#open.get(file);
    if (entry === undefined) {
      if (this.#open.size >= MAX_OPEN) {
        const [oldest, least] = this.#open.entries().next().value!;
        least.handle.close();
        this.#open.delete(oldest);
      }
      // The first opening truncates; later ones reopen a file closed for room.
      const truncate = !this.#created.has(file);
      const handle = Deno.openSync(path, { write: true, create: true, truncate });
      this.#created.add(file);
      entry = { handle, position: 0 };
    } else this.#open.delete(file);
    this.#open.set(file, entry);
    if (entry.position !== offset) entry.handle.seekSync(offset, Deno.SeekMode.Start);
    for (let written = 0; written < bytes.length;) {
      written += entry.handle.writeSync(bytes.subarray(written));
    }
    entry.position = offset + bytes.length;
  }

  #close(file: number): void {
    const entry = this.#open.get(file);
    if (entry === undefined) return;
    entry.handle.close();
    this.#open.delete(file);
  }

  /** Closes every file still open. */
  closeAll(): void {
    for (const entry of this.#open.values()) entry.handle.close();
    this.#open.clear();
  }
}
