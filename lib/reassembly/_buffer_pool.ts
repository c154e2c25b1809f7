/**
 * Byte buffers in power-of-two sizes, recycled (private): writers that gather many small
 * streams take and give back buffers instead of allocating (and zeroing, and collecting)
 * a new one for each.
 *
 * @module
 */

/** The smallest buffer handed out. */
const MIN_SIZE = 4096;

/** A free list per power-of-two size, holding at most `maxPooled` bytes in all. */
export class BufferPool {
  readonly #free = new Map<number, Uint8Array[]>();
  readonly #maxPooled: number;
  #pooled = 0;

  /**
   * Makes a pool.
   *
   * @param maxPooled The most bytes kept for reuse; buffers given back past it are dropped.
   */
  constructor(maxPooled: number) {
    this.#maxPooled = maxPooled;
  }

  /**
   * A buffer of at least `size` bytes (a power of two, at least 4 KiB); its contents are
   * whatever its last user left.
   *
   * @param size The bytes needed.
   * @returns The buffer.
   */
  take(size: number): Uint8Array {
    const capacity = size <= MIN_SIZE ? MIN_SIZE : 2 ** Math.ceil(Math.log2(size));
    const buffer = this.#free.get(capacity)?.pop();
    if (buffer === undefined) return new Uint8Array(capacity);
    this.#pooled -= capacity;
    return buffer;
  }

  /**
   * Gives a buffer from {@linkcode take} back.
   *
   * @param buffer The buffer, no longer used by the caller.
   */
  give(buffer: Uint8Array): void {
    if (this.#pooled + buffer.length > this.#maxPooled) return;
    let list = this.#free.get(buffer.length);
    if (list === undefined) {
      list = [];
      this.#free.set(buffer.length, list);
    }
    list.push(buffer);
    this.#pooled += buffer.length;
  }
}
