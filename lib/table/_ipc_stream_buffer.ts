/**
 * {@linkcode IpcStreamBuffer} (private): Arrow tables encoded as Arrow IPC streams into one
 * buffer reused from table to table, for an encoder that copies the bytes at once
 * (parquet-wasm's `Table.fromIPCStream`).
 *
 * @module
 */

import { RecordBatchStreamWriter, type Table, util } from "npm:apache-arrow@21.2.0";

/**
 * apache-arrow's stream writer with its output appended to a buffer of its own instead of
 * queued as pieces and joined into a new array (`tableToIPC()` allocates and fills one the
 * size of the table for each table: a chunk of the packets table is 18 MB).
 */
class BufferedStreamWriter extends RecordBatchStreamWriter {
  bytes: Uint8Array;
  length = 0;

  constructor(bytes: Uint8Array) {
    super();
    this.bytes = bytes;
  }

  protected override _write(chunk: Parameters<typeof util.toUint8Array>[0]): this {
    // As the base class: nothing is written before the schema.
    if (!this._started) return this;
    const piece: Uint8Array = util.toUint8Array(chunk);
    const end = this.length + piece.byteLength;
    if (end > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(end, this.bytes.length * 2));
      bigger.set(this.bytes.subarray(0, this.length));
      this.bytes = bigger;
    }
    this.bytes.set(piece, this.length);
    this.length = end;
    this._position += piece.byteLength;
    return this;
  }
}

/**
 * Encodes Arrow tables as the bytes `tableToIPC(table, "stream")` gives, into one buffer
 * that grows to the largest table and is reused: the bytes returned are valid until the
 * next {@linkcode IpcStreamBuffer.prototype.encode}.
 */
export class IpcStreamBuffer {
  // Room for a chunk of the packets table (about 18 MB) from the start: grown as the first
  // is written, the buffer was copied and faulted in five times (0.2 s of the first chunk).
  // Pages never written cost no memory.
  #bytes: Uint8Array = new Uint8Array(32 << 20);

  /**
   * Encodes a table as an Arrow IPC stream.
   *
   * @param table The table.
   * @returns A view of the stream's bytes, overwritten by the next call.
   */
  encode(table: Table): Uint8Array {
    const writer = new BufferedStreamWriter(this.#bytes);
    writer.writeAll(table);
    this.#bytes = writer.bytes;
    return writer.bytes.subarray(0, writer.length);
  }
}
