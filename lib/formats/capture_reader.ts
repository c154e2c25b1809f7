/**
 * The streaming reader shared by the pcap and pcapng readers: records one at a time with
 * `for await`, or whole chunks at a time without allocation with
 * {@linkcode CaptureReader.prototype.batches}.
 *
 * @module
 */

import { CaptureFileError } from "./errors.ts";
import type { ChunkSource } from "./_chunk_reader.ts";
import type { FormatParser, PrimedSource } from "./_internal.ts";
import { EpbOption, OPT_COMMENT, walkOptions } from "./_pcapng_blocks.ts";
import { grown } from "../_grown.ts";

export type { CaptureFile, CaptureSource } from "./_chunk_reader.ts";

/** The default size of the chunks a reader reads at once: 1 MiB. */
export const DEFAULT_CHUNK_SIZE = 1 << 20;

/**
 * The default largest captured length accepted for a packet: 262144 bytes, libpcap's and
 * Wireshark's sanity limit. Larger lengths are taken as corruption.
 */
export const DEFAULT_MAX_PACKET_LENGTH = 262144;

/** Options of {@linkcode openCapture}, `PcapReader.open()` and `PcapngReader.open()`. */
export interface CaptureReaderOptions {
  /**
   * How many bytes to read at once (default 1 MiB). The reader fills a whole chunk before
   * it delivers its records, so a smaller chunk means less latency on a live pipe.
   */
  chunkSize?: number;
  /**
   * When the file ends in the middle of its last record, stop quietly after the last
   * complete record instead of throwing a `truncated` {@linkcode CaptureFileError}, as
   * tcpdump does with a capture that is still being written. Default `false`.
   */
  allowTruncatedEnd?: boolean;
  /**
   * The largest captured length accepted for a packet (default 262144). A larger length is
   * taken as corruption rather than allocated.
   */
  maxPacketLength?: number;
}

/** A packet read from a capture file. */
export interface CaptureRecord {
  /**
   * When the packet was captured: nanoseconds since the Unix epoch. Finer pcapng
   * resolutions are rounded down to the nanosecond; pcapng Simple Packet Blocks carry no
   * timestamp and read as `0n`.
   */
  timestamp: bigint;
  /** How many bytes of the packet the file holds: `data.length`. */
  capturedLength: number;
  /** How long the packet was on the wire. */
  originalLength: number;
  /** The pcapng interface (index in its section) the packet came from; 0 for pcap. */
  interfaceId: number;
  /** The link-layer header type of `data` (`LINKTYPE_*`, see `LinkType`). */
  linkType: number;
  /**
   * The captured bytes: a view into a buffer the reader allocated for this chunk and never
   * reuses, so it stays valid after the iteration moves on.
   */
  data: Uint8Array;
  /** The pcapng `opt_comment` options of the packet, when it has any. */
  comments?: string[];
  /** The pcapng `epb_flags` (or `pack_flags`) word, when present. */
  flags?: number;
}

const decoder = new TextDecoder();

/**
 * The timestamp fields of a pcap record whose fraction field holds a second or more: an
 * invalid timestamp, which the batch's `seconds` and `nanoseconds` carry over but tcpdump
 * prints as the fields are (`17:16:10.1000000`).
 */
export interface OversizedFraction {
  /** The seconds field. */
  seconds: number;
  /** The fraction field, in the file's unit. */
  fraction: number;
  /** Whether the file counts nanoseconds (else microseconds). */
  nano: boolean;
}

/**
 * The complete records of one chunk of a capture file, as parallel arrays read by index.
 * Filling a batch allocates nothing per packet.
 *
 * The reader reuses the same batch object (and its arrays) for every chunk: a batch and
 * its arrays are only valid until the iteration moves on. `buffer` itself is never reused,
 * so the bytes of a packet stay valid; copy the fields you want to keep.
 *
 * @example Sum the captured bytes of a file, batch by batch
 * ```ts
 * import { PcapReader, pcapBytes } from "./pcap.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = pcapBytes([
 *   { timestamp: 1_000_000_000n, data: new Uint8Array(60) },
 *   { timestamp: 2_000_000_000n, data: new Uint8Array(70) },
 * ]);
 * await using reader = await PcapReader.open(ReadableStream.from([bytes]));
 * let total = 0;
 * for await (const batch of reader.batches()) {
 *   for (let i = 0; i < batch.count; i++) total += batch.capturedLengths[i]!;
 * }
 * assert.equal(total, 130);
 * ```
 */
export class CaptureBatch {
  /** The chunk buffer the records point into; never reused by the reader. */
  buffer: Uint8Array = new Uint8Array(0);
  /** How many records the batch holds; the arrays are longer, read only `count` entries. */
  count = 0;
  /** Whether the multi-byte fields of pcapng options in `buffer` are little-endian. */
  littleEndian = true;
  /** Where each packet's bytes start in `buffer`. */
  offsets: Uint32Array;
  /** Captured length of each packet (bytes in `buffer`). */
  capturedLengths: Uint32Array;
  /** Length of each packet on the wire. */
  originalLengths: Uint32Array;
  /** Link-layer header type of each packet. */
  linkTypes: Uint32Array;
  /** Interface index of each packet within its pcapng section (0 for pcap). */
  interfaceIds: Uint32Array;
  /** Whole seconds since the epoch of each packet's timestamp (an integer). */
  seconds: Float64Array;
  /** Nanoseconds within the second of each packet's timestamp. */
  nanoseconds: Uint32Array;
  /** pcapng `epb_flags`/`pack_flags` of each packet, 0 when absent. */
  flags: Uint32Array;
  /** Where each packet's pcapng options start in `buffer` (0 length: none). */
  optionsOffsets: Uint32Array;
  /** Length of each packet's pcapng options in `buffer`. */
  optionsLengths: Uint32Array;
  /**
   * The raw timestamp fields of the records (by index) whose fraction field held a second
   * or more, which `seconds` and `nanoseconds` carry over; most batches have none.
   */
  readonly oversizedFractions: Map<number, OversizedFraction> = new Map();

  /**
   * Creates an empty batch.
   *
   * @param capacity How many records the arrays hold before they grow.
   */
  constructor(capacity = 1024) {
    this.offsets = new Uint32Array(capacity);
    this.capturedLengths = new Uint32Array(capacity);
    this.originalLengths = new Uint32Array(capacity);
    this.linkTypes = new Uint32Array(capacity);
    this.interfaceIds = new Uint32Array(capacity);
    this.seconds = new Float64Array(capacity);
    this.nanoseconds = new Uint32Array(capacity);
    this.flags = new Uint32Array(capacity);
    this.optionsOffsets = new Uint32Array(capacity);
    this.optionsLengths = new Uint32Array(capacity);
  }

  /** How many records the arrays can hold. */
  get capacity(): number {
    return this.offsets.length;
  }

  /**
   * Doubles the capacity of the arrays, keeping their contents.
   *
   * @returns Nothing.
   */
  grow(): void {
    const capacity = this.capacity * 2;
    this.offsets = grown(this.offsets, capacity);
    this.capturedLengths = grown(this.capturedLengths, capacity);
    this.originalLengths = grown(this.originalLengths, capacity);
    this.linkTypes = grown(this.linkTypes, capacity);
    this.interfaceIds = grown(this.interfaceIds, capacity);
    this.seconds = grown(this.seconds, capacity);
    this.nanoseconds = grown(this.nanoseconds, capacity);
    this.flags = grown(this.flags, capacity);
    this.optionsOffsets = grown(this.optionsOffsets, capacity);
    this.optionsLengths = grown(this.optionsLengths, capacity);
  }

  /**
   * The bytes of record `i`: a view into `buffer`, no copy.
   *
   * @param i The record index, below `count`.
   * @returns The captured bytes.
   */
  data(i: number): Uint8Array {
    const offset = this.offsets[i]!;
    return this.buffer.subarray(offset, offset + this.capturedLengths[i]!);
  }

  /**
   * The timestamp of record `i` in nanoseconds since the epoch.
   *
   * @param i The record index, below `count`.
   * @returns Nanoseconds since the Unix epoch.
   */
  timestamp(i: number): bigint {
    return BigInt(this.seconds[i]!) * 1_000_000_000n + BigInt(this.nanoseconds[i]!);
  }

  /**
   * Builds the convenient record object of record `i` (allocates; its `data` is a view
   * into `buffer`, which stays valid).
   *
   * @param i The record index, below `count`.
   * @returns The record.
   */
  record(i: number): CaptureRecord {
    const record: CaptureRecord = {
      timestamp: this.timestamp(i),
      capturedLength: this.capturedLengths[i]!,
      originalLength: this.originalLengths[i]!,
      interfaceId: this.interfaceIds[i]!,
      linkType: this.linkTypes[i]!,
      data: this.data(i),
    };
    const optionsLength = this.optionsLengths[i]!;
    if (optionsLength > 0) {
      const buffer = this.buffer;
      const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      const le = this.littleEndian;
      const start = this.optionsOffsets[i]!;
      // The parser checked the options; walkOptions stops quietly at an overrun anyway.
      walkOptions(view, start, start + optionsLength, le, (code, p, length) => {
        if (code === OPT_COMMENT) {
          (record.comments ??= []).push(decoder.decode(buffer.subarray(p, p + length)));
        } else if (code === EpbOption.FLAGS && length >= 4) {
          record.flags = view.getUint32(p, le);
        }
      }, () => {});
    }
    return record;
  }
}

/**
 * A streaming reader of a capture file, base of `PcapReader` and `PcapngReader`. Memory
 * stays bounded whatever the file size: the reader holds one chunk (plus the records you
 * keep), reading the next only when the records of the current one are consumed.
 *
 * A reader is iterated once, by records (`for await`) or by batches; `close()` (or
 * `await using`) releases the file if the reader opened it.
 *
 * @example Read the records of a file
 * ```ts
 * import { openCapture } from "./open_capture.ts";
 * import { pcapBytes } from "./pcap.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = pcapBytes([{ timestamp: 1_000_000_000n, data: new Uint8Array([1, 2, 3]) }]);
 * await using reader = await openCapture(ReadableStream.from([bytes]));
 * const lengths = [];
 * for await (const record of reader) lengths.push(record.capturedLength);
 * assert.deepEqual(lengths, [3]);
 * ```
 */
export abstract class CaptureReader implements AsyncDisposable, AsyncIterable<CaptureRecord> {
  /** The file format: `pcap` (including the nanosecond and modified variants) or `pcapng`. */
  abstract readonly format: "pcap" | "pcapng";
  #source: ChunkSource;
  #parser: FormatParser;
  #buffer: Uint8Array;
  #view: DataView;
  #filled: number;
  #pos = 0;
  #base = 0;
  #eof: boolean;
  #batch = new CaptureBatch();
  #chunkSize: number;
  // With `reuseBuffers`, the chunk before the current one, refilled next.
  #spare: Uint8Array | undefined = undefined;
  #reuseBuffers = false;
  #allowTruncatedEnd: boolean;
  #done = false;
  #closed = false;
  #started = false;

  /**
   * Wraps a primed source. Use the static `open()` of a subclass, or `openCapture()`.
   *
   * @param primed The source with its first chunk.
   * @param parser The format parser.
   * @param options The reader options.
   */
  protected constructor(
    primed: PrimedSource,
    parser: FormatParser,
    options: CaptureReaderOptions,
  ) {
    this.#source = primed.source;
    this.#parser = parser;
    this.#buffer = primed.buffer;
    this.#view = new DataView(
      primed.buffer.buffer,
      primed.buffer.byteOffset,
      primed.buffer.byteLength,
    );
    this.#filled = primed.filled;
    this.#eof = primed.eof;
    this.#chunkSize = primed.buffer.length;
    this.#allowTruncatedEnd = options.allowTruncatedEnd ?? false;
  }

  /**
   * Reads the file header (reading more chunks if needed); closes the source on failure.
   *
   * @returns When the header is read.
   */
  protected async readHeader(): Promise<void> {
    try {
      while (true) {
        const r = this.#parser.header(
          this.#buffer,
          this.#view,
          this.#pos,
          this.#filled,
          this.#base,
        );
        if (r >= 0) {
          this.#pos += r;
          return;
        }
        if (this.#eof) {
          throw this.#truncation(-r, this.#parser.headerName);
        }
        await this.#refill(-r);
      }
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  /** The file offset of the first byte not yet parsed. */
  get offset(): number {
    return this.#base + this.#pos;
  }

  /**
   * Iterates over the file chunk by chunk, each batch holding the complete records of one
   * chunk; the fast path for hot loops, with no allocation per packet. The same
   * {@linkcode CaptureBatch} object is yielded every time, refilled: read it before the
   * next iteration. After the last good record of a corrupt file, throws a
   * {@linkcode CaptureFileError}.
   *
   * By default every chunk is a fresh buffer, so views from `batch.data(i)` stay valid.
   * With `reuseBuffers`, two buffers take turns: no memory is allocated per chunk, which
   * is much faster on large files, but a batch's bytes are overwritten by the batch after
   * the next one; copy what you keep.
   *
   * @param options `reuseBuffers`: let chunk buffers take turns (default `false`).
   * @returns An async iterator of batches.
   *
   * @example Count the packets of a file
   * ```ts
   * import { PcapReader, pcapBytes } from "./pcap.ts";
   * import assert from "node:assert/strict";
   *
   * const packets = Array.from({ length: 5 }, (_, i) => ({
   *   timestamp: BigInt(i) * 1_000_000_000n,
   *   data: new Uint8Array(100),
   * }));
   * await using reader = await PcapReader.open(ReadableStream.from([pcapBytes(packets)]));
   * let count = 0;
   * for await (const batch of reader.batches()) count += batch.count;
   * assert.equal(count, 5);
   * ```
   */
  async *batches(
    options: { reuseBuffers?: boolean } = {},
  ): AsyncGenerator<CaptureBatch, void, undefined> {
    this.#reuseBuffers = options.reuseBuffers ?? false;
    if (this.#started) {
      throw new TypeError("Cannot iterate capture reader: it is already being or was iterated");
    }
    this.#started = true;
    const parser = this.#parser;
    const batch = this.#batch;
    try {
      while (!this.#done && !this.#closed) {
        batch.count = 0;
        if (batch.oversizedFractions.size > 0) batch.oversizedFractions.clear();
        batch.buffer = this.#buffer;
        parser.error = undefined;
        parser.needed = 0;
        this.#pos = parser.records(
          this.#buffer,
          this.#view,
          this.#pos,
          this.#filled,
          this.#base,
          batch,
        );
        const error = parser.error as CaptureFileError | undefined;
        if (batch.count > 0) yield batch;
        if (error !== undefined) {
          this.#done = true;
          throw error;
        }
        if (batch.count > 0 || parser.needed === 0) continue;
        if (this.#eof) {
          this.#done = true;
          if (this.#pos < this.#filled && !this.#allowTruncatedEnd) {
            throw this.#truncation(parser.needed, parser.unitName);
          }
          return;
        }
        await this.#refill(parser.needed);
      }
    } finally {
      batch.count = 0;
      await this.close();
    }
  }

  /**
   * Iterates over the records of the file, one object per packet, built from the same
   * batches as {@linkcode CaptureReader.prototype.batches}.
   *
   * @returns An async iterator of records.
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<CaptureRecord, void, undefined> {
    for await (const batch of this.batches()) {
      const count = batch.count;
      for (let i = 0; i < count; i++) yield batch.record(i);
    }
  }

  /**
   * Releases the source: closes the file if the reader opened it, cancels a stream.
   * Idempotent; an iteration in progress ends.
   *
   * @returns When the source is released.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#buffer = new Uint8Array(0);
    this.#spare = undefined;
    this.#view = new DataView(this.#buffer.buffer);
    this.#filled = 0;
    this.#pos = 0;
    await this.#source.close();
  }

  /**
   * Same as {@linkcode CaptureReader.prototype.close}, for `await using`.
   *
   * @returns When the source is released.
   */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #truncation(needed: number, unit: string): CaptureFileError {
    const available = this.#filled - this.#pos;
    const offset = this.#base + this.#pos;
    return new CaptureFileError(
      "truncated",
      offset,
      `Cannot read ${unit} at offset ${offset}: ${needed} bytes required, the file ends after ${available}`,
    );
  }

  async #refill(needed: number): Promise<void> {
    const leftover = this.#filled - this.#pos;
    const size = Math.max(this.#chunkSize, needed, leftover + 1);
    const spare = this.#spare;
    const buffer = spare !== undefined && spare.length >= size ? spare : new Uint8Array(size);
    if (this.#reuseBuffers) this.#spare = this.#buffer;
    buffer.set(this.#buffer.subarray(this.#pos, this.#filled));
    const room = size - leftover;
    const n = await this.#source.fill(buffer.subarray(leftover));
    if (this.#closed) return;
    this.#eof = n < room;
    this.#base += this.#pos;
    this.#pos = 0;
    this.#filled = leftover + n;
    this.#buffer = buffer;
    this.#view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
}
