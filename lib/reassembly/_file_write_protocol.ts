/**
 * What the file-writing worker and the queue that feeds it share (private): the layout of
 * the shared state, the operations and the message that carries them.
 *
 * Bytes travel in shared slabs: the main thread fills a free slab with the bytes of
 * several writes, marks it busy and posts the writes; the worker carries them out in order
 * and marks the slab free again. A failure is written to the shared state, where the main
 * thread reads it the next time it waits for a slab.
 *
 * @module
 */

/** Write a whole file at once: create (truncating), write, close. */
export const OP_WHOLE = 0;
/** Write at an offset of a file kept open; `truncate` on its first opening. */
export const OP_AT = 1;
/** Close a file kept open. */
export const OP_CLOSE = 2;

/** Numbers per operation in {@linkcode WriteBatch.ops}: kind, file, offset, start, length. */
export const OP_FIELDS = 5;

/** One slab's worth of writes. */
export interface WriteBatch {
  /** The slab that holds their bytes. */
  slab: number;
  /**
   * Per operation: kind, file number, offset in the file, start in the slab, length
   * (`OP_FIELDS` numbers each).
   */
  ops: number[];
  /** Per operation, the file's path. */
  paths: string[];
}

/** The first message: the shared memory. */
export interface WriterSetup {
  /** The slabs, each `slabSize` bytes. */
  slabs: SharedArrayBuffer[];
  /** `Int32Array` over it: {@linkcode STATE_ERROR}, then a flag per slab (1 busy). */
  state: SharedArrayBuffer;
  /** The UTF-8 text of the first error, its length at `state[STATE_ERROR]`. */
  error: SharedArrayBuffer;
}

/** Index in the state of the error text's length (0: none); slab `i`'s flag is at `1 + i`. */
export const STATE_ERROR = 0;

/** The last message: close every file and answer {@linkcode WriterDone}. */
export interface WriterEnd {
  end: true;
}

/** The worker's answer to {@linkcode WriterEnd}. */
export interface WriterDone {
  done: true;
}

/** The bytes kept for an error's text. */
export const ERROR_BYTES = 2048;
