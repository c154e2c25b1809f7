/**
 * The file writes of {@linkcode FileWriteQueue} (private), carried out by its worker, or by
 * the queue itself where the worker cannot start: whole files, and pieces at offsets of
 * files kept open (the 256 most recently written at most).
 *
 * @module
 */

import { oneLine } from "../_one_line.ts";

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

/**
 * The one-line message of a write that failed.
 *
 * @param path The file.
 * @param error What the write threw.
 * @returns `Cannot write PATH: reason`.
 */
export function writeFailure(path: string, error: unknown): string {
  return `Cannot write ${path}: ${oneLine(error, { firstOnly: true })}`;
}

/** Writes files by number, keeping the files written in pieces open. */
export class FileOps {
  /** Open files by number, the least recently written first. */
  readonly #open = new Map<number, OpenFile>();
  /** The files opened once (created), by number. */
  readonly #created = new Set<number>();

  /**
   * Creates (or truncates) a file, writes it and closes it.
   *
   * @param path The file.
   * @param bytes Its contents.
   */
  whole(path: string, bytes: Uint8Array): void {
    Deno.writeFileSync(path, bytes);
  }

  /**
   * Writes bytes at an offset of a file kept open; its first opening truncates it.
   *
   * @param file The file's number.
   * @param path The file.
   * @param offset Where the bytes go.
   * @param bytes The bytes.
   */
  at(file: number, path: string, offset: number, bytes: Uint8Array): void {
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

  /**
   * Closes a file written by {@linkcode FileOps.prototype.at}.
   *
   * @param file The file's number.
   */
  close(file: number): void {
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
