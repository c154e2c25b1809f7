/**
 * {@linkcode BufferPool} (private): memory that the column builders reuse. A table built
 * in a worker moves its buffers to the thread that writes it; when that thread gives them
 * back, the next chunks are built in memory that is already mapped, instead of fresh
 * pages that the kernel faults in and zeroes one by one (about a tenth of the build time).
 *
 * @module
 */

import type { ColumnarTable } from "./columnar_table.ts";

/** Buffers kept, in bytes, at most (a few chunks' worth): past it, given buffers are dropped. */
const MOST_BYTES = 256 << 20;

/**
 * Unused `ArrayBuffer`s by size. Buffers come back with old contents: takers write
 * every byte they read.
 */
export class BufferPool {
  readonly #bySize = new Map<number, ArrayBuffer[]>();
  #bytes = 0;

  /**
   * Returns a buffer of exactly `byteLength` bytes: a kept one if there is one, else new.
   *
   * @param byteLength The size.
   * @returns The buffer (a kept one holds old bytes).
   */
  take(byteLength: number): ArrayBuffer {
    const kept = this.#bySize.get(byteLength)?.pop();
    if (kept === undefined) return new ArrayBuffer(byteLength);
    this.#bytes -= byteLength;
    return kept;
  }

  /**
   * Returns a buffer of at least `byteLength` bytes: the smallest kept one that fits, else
   * a new one of `byteLength` bytes.
   *
   * @param byteLength The least size.
   * @returns The buffer (a kept one holds old bytes).
   */
  takeAtLeast(byteLength: number): ArrayBuffer {
    let best = -1;
    for (const [size, buffers] of this.#bySize) {
      if (size >= byteLength && buffers.length > 0 && (best < 0 || size < best)) best = size;
    }
    return this.take(best < 0 ? byteLength : best);
  }

  /**
   * Keeps buffers for later takes. Give only buffers that nothing else reads or writes.
   *
   * @param buffers The buffers.
   */
  give(buffers: Iterable<ArrayBuffer>): void {
    for (const buffer of buffers) {
      const size = buffer.byteLength;
      // A detached buffer has no bytes to lend.
      if (size === 0 || this.#bytes + size > MOST_BYTES) continue;
      let list = this.#bySize.get(size);
      if (list === undefined) this.#bySize.set(size, list = []);
      list.push(buffer);
      this.#bytes += size;
    }
  }
}

/**
 * The pool of this thread's column builders: empty unless a table's buffers were given
 * back to it (the worker that builds the `packets` table does, as the writer is done).
 */
export const columnBufferPool: BufferPool = new BufferPool();

/**
 * The buffers under a table's columns, each once.
 *
 * @param table The table.
 * @returns The buffers.
 */
export function tableBuffers(table: ColumnarTable): ArrayBuffer[] {
  const found = new Set<ArrayBufferLike>();
  for (const column of table.columns) {
    found.add(column.values.buffer);
    found.add(column.validity.buffer);
    if (column.offsets !== undefined) found.add(column.offsets.buffer);
  }
  return [...found] as ArrayBuffer[];
}
