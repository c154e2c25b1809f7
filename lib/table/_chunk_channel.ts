/**
 * {@linkcode ChunkChannel} (private): row chunks pushed by a producer and pulled by a
 * writer, one queued at a time, so that a writer per partition can stream while the
 * capture is read.
 *
 * @module
 */

import type { ColumnarTable } from "./columnar_table.ts";

/**
 * A push-to-pull queue of chunks: {@linkcode ChunkChannel.prototype.push} resolves once
 * the reader took the chunk, so that at most one waits in the channel.
 */
export class ChunkChannel implements AsyncIterable<ColumnarTable> {
  readonly #items: ColumnarTable[] = [];
  #closed = false;
  #failure: { error: unknown } | undefined;
  // The reader stopped (its writer failed or finished): pushes are dropped.
  #gone = false;
  #wakeReader: () => void = () => {};
  #wakeWriter: () => void = () => {};

  /**
   * Adds a chunk and waits until the reader took it (or stopped reading).
   *
   * @param table The chunk.
   */
  async push(table: ColumnarTable): Promise<void> {
    if (this.#gone) return;
    this.#items.push(table);
    this.#wakeReader();
    while (this.#items.length > 0 && !this.#gone) {
      await new Promise<void>((resolve) => this.#wakeWriter = resolve);
    }
  }

  /** Ends the chunks: the reader's loop ends after those pushed. */
  close(): void {
    this.#closed = true;
    this.#wakeReader();
  }

  /**
   * Ends the chunks with an error, which the reader's loop throws.
   *
   * @param error The error.
   */
  fail(error: unknown): void {
    this.#failure = { error };
    this.#wakeReader();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<ColumnarTable> {
    try {
      while (true) {
        if (this.#failure !== undefined) throw this.#failure.error;
        const item = this.#items.shift();
        if (item !== undefined) {
          this.#wakeWriter();
          yield item;
        } else if (this.#closed) return;
        else await new Promise<void>((resolve) => this.#wakeReader = resolve);
      }
    } finally {
      this.#gone = true;
      this.#wakeWriter();
    }
  }
}
