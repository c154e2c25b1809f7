// Private: the growable output buffer and the sinks of the capture file writers.

/** Where a writer sends its bytes. */
export type ByteSink =
  | Deno.FsFile
  | WritableStream<Uint8Array>
  | { write(p: Uint8Array): Promise<number> };

const encoder = new TextEncoder();

/** A growable byte buffer with typed writes in one byte order. */
export class OutputBuffer {
  bytes: Uint8Array;
  view: DataView;
  length = 0;
  littleEndian: boolean;

  constructor(capacity: number, littleEndian: boolean) {
    this.bytes = new Uint8Array(capacity);
    this.view = new DataView(this.bytes.buffer);
    this.littleEndian = littleEndian;
  }

  reserve(n: number): void {
    const need = this.length + n;
    if (need <= this.bytes.length) return;
    let capacity = this.bytes.length * 2;
    while (capacity < need) capacity *= 2;
    const bytes = new Uint8Array(capacity);
    bytes.set(this.bytes.subarray(0, this.length));
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer);
  }

  /** Hands over the content (a view) and starts a fresh buffer of the same capacity. */
  take(): Uint8Array {
    const out = this.bytes.subarray(0, this.length);
    this.bytes = new Uint8Array(this.bytes.length);
    this.view = new DataView(this.bytes.buffer);
    this.length = 0;
    return out;
  }

  u8(v: number): void {
    this.reserve(1);
    this.bytes[this.length++] = v;
  }

  u16(v: number): void {
    this.reserve(2);
    this.view.setUint16(this.length, v, this.littleEndian);
    this.length += 2;
  }

  u32(v: number): void {
    this.reserve(4);
    this.view.setUint32(this.length, v, this.littleEndian);
    this.length += 4;
  }

  u64(v: bigint): void {
    this.reserve(8);
    this.view.setBigUint64(this.length, BigInt.asUintN(64, v), this.littleEndian);
    this.length += 8;
  }

  data(b: Uint8Array): void {
    this.reserve(b.length);
    this.bytes.set(b, this.length);
    this.length += b.length;
  }

  /** Zero bytes up to the next multiple of 4. */
  pad4(): void {
    const n = (4 - (this.length & 3)) & 3;
    this.reserve(n);
    this.bytes.fill(0, this.length, this.length + n);
    this.length += n;
  }

  setU32(at: number, v: number): void {
    this.view.setUint32(at, v, this.littleEndian);
  }
}

/** UTF-8 bytes of a string. */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Sends bytes to a sink, with a writer lock held on a stream for the sink's lifetime. */
export class SinkWriter {
  #sink: ByteSink;
  #streamWriter: WritableStreamDefaultWriter<Uint8Array> | undefined;
  /** Whether the chunks given to `write` may be kept by the sink (streams keep them). */
  readonly keepsChunks: boolean;

  constructor(sink: ByteSink) {
    this.#sink = sink;
    if (sink instanceof WritableStream) this.#streamWriter = sink.getWriter();
    this.keepsChunks = this.#streamWriter !== undefined;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (bytes.length === 0) return;
    if (this.#streamWriter !== undefined) {
      await this.#streamWriter.write(bytes);
      return;
    }
    const sink = this.#sink as { write(p: Uint8Array): Promise<number> };
    let done = 0;
    while (done < bytes.length) {
      const n = await sink.write(bytes.subarray(done));
      if (n <= 0) throw new Error("Cannot write capture file: the sink accepted no bytes");
      done += n;
    }
  }

  /** Closes a stream sink; files and other sinks stay open (their owner closes them). */
  async close(): Promise<void> {
    if (this.#streamWriter !== undefined) await this.#streamWriter.close();
  }
}

/** The default buffer size of the writers: 1 MiB. */
export const DEFAULT_BUFFER_SIZE = 1 << 20;

/** Writes an output buffer to a sink and empties it. */
export async function flushTo(out: OutputBuffer, sink: SinkWriter): Promise<void> {
  if (out.length === 0) return;
  if (sink.keepsChunks) {
    await sink.write(out.take());
  } else {
    await sink.write(out.bytes.subarray(0, out.length));
    out.length = 0;
  }
}

/**
 * Writes what a writer still buffers when the writer is collected without `close()`, so
 * that a forgotten `close()` loses no packets: synchronously, into sinks that can take a
 * synchronous write (files); a stream cannot be written from a finalizer.
 */
const unflushed = new FinalizationRegistry<BufferedSink>((buffered) => buffered.flushSync());

/**
 * The buffer, sink and lifecycle that the pcap and pcapng writers share: a writer encodes
 * into `out`, then calls `written()`; `flush()` and `close()` do the rest.
 */
export class BufferedSink {
  readonly out: OutputBuffer;
  readonly #sink: SinkWriter;
  readonly #raw: ByteSink;
  readonly #bufferSize: number;
  readonly #closesSink: boolean;
  #closed = false;

  constructor(
    owner: object,
    sink: ByteSink,
    bufferSize: number,
    littleEndian: boolean,
    closesSink: boolean,
  ) {
    this.#bufferSize = bufferSize;
    this.#closesSink = closesSink;
    this.out = new OutputBuffer(bufferSize, littleEndian);
    this.#raw = sink;
    this.#sink = new SinkWriter(sink);
    unflushed.register(owner, this, this);
  }

  /** Throws `TypeError(message)` once the writer is closed. */
  checkOpen(message: string): void {
    if (this.#closed) throw new TypeError(message);
  }

  /** Whether the buffer holds `bufferSize` bytes or more: time to flush. */
  get full(): boolean {
    return this.out.length >= this.#bufferSize;
  }

  /** After an encode: writes the buffer out when it is full. */
  async written(): Promise<void> {
    if (this.full) await this.flush();
  }

  async flush(): Promise<void> {
    await flushTo(this.out, this.#sink);
  }

  /** Flushes, then closes a stream sink. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    unflushed.unregister(this);
    try {
      await this.flush();
      await this.#sink.close();
    } finally {
      if (this.#closesSink) closeFile(this.#raw);
    }
  }

  /** The finalizer's flush: a file takes the bytes synchronously; a closed one is left. */
  flushSync(): void {
    const sink = this.#raw as { writeSync?: (p: Uint8Array) => number };
    if (this.#closed || typeof sink.writeSync !== "function") return;
    this.#closed = true;
    let at = 0;
    try {
      while (at < this.out.length) {
        at += sink.writeSync(this.out.bytes.subarray(at, this.out.length));
      }
    } catch {
      // The file was closed before the writer was collected: its owner ended it.
    }
    this.out.length = 0;
    if (this.#closesSink) closeFile(this.#raw);
  }
}

/** Closes a sink that is a file (`close()` on a file closed already is no error here). */
function closeFile(sink: ByteSink): void {
  const file = sink as { close?: () => void };
  if (sink instanceof WritableStream || typeof file.close !== "function") return;
  try {
    file.close();
  } catch (error) {
    if (!(error instanceof Deno.errors.BadResource)) throw error;
  }
}
