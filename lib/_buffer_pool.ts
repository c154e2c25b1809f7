/**
 * {@linkcode BufferPool} (private): memory kept for reuse. Writers that gather many small
 * streams, and the column builders of a table whose chunks the writer gives back, take
 * buffers from a pool instead of fresh pages that the kernel faults in and zeroes one by
 * one (and that the collector frees).
 *
 * @module
 */

/**
 * Unused `ArrayBuffer`s by size. Buffers come back with old contents: takers write
 * every byte they read.
 */
export class BufferPool {
  readonly #bySize = new Map<number, ArrayBuffer[]>();
  readonly #mostBytes: number;
  #bytes = 0;

  /**
   * Makes a pool.
   *
   * @param mostBytes The most bytes kept (default 256 MiB); past it, given buffers are dropped.
   */
  constructor(mostBytes: number = 256 << 20) {
    this.#mostBytes = mostBytes;
  }

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
      if (size === 0 || this.#bytes + size > this.#mostBytes) continue;
      let list = this.#bySize.get(size);
      if (list === undefined) this.#bySize.set(size, list = []);
      list.push(buffer);
      this.#bytes += size;
    }
  }
}
