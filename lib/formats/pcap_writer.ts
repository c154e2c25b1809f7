/**
 * The pcap writer: a buffered {@linkcode PcapWriter} and the in-memory {@linkcode pcapBytes}
 * (re-exported by `pcap.ts`).
 *
 * @module
 */

import { CaptureBatch, DEFAULT_MAX_PACKET_LENGTH } from "./capture_reader.ts";
import { BufferedSink, DEFAULT_BUFFER_SIZE, OutputBuffer } from "./_output.ts";
import type { ByteSink } from "./_output.ts";
import { LinkType } from "../link_type.ts";
import { LINKTYPE_FCS_PRESENT, PcapMagic } from "./_pcap_constants.ts";
import { libpcapFraction } from "./timestamp.ts";

/** A packet to write to a capture file. */
export interface PacketToWrite {
  /** When it was captured: nanoseconds since the Unix epoch (not negative for pcap). */
  timestamp: bigint;
  /** The captured bytes (cut to the snapshot length when longer). */
  data: Uint8Array;
  /**
   * The length on the wire (default `data.length`), written as given, as libpcap's
   * `pcap_dump()` writes it: a record read with fewer bytes on the wire than captured is
   * written back the same.
   */
  originalLength?: number;
}

/** Options of {@linkcode PcapWriter} and {@linkcode pcapBytes}. */
export interface PcapWriterOptions {
  /** The link-layer header type (default `LinkType.EN10MB`). */
  linkType?: number;
  /** The snapshot length (default 262144); longer packets are cut. */
  snapLength?: number;
  /** The timestamp unit (default microseconds). */
  resolution?: "microseconds" | "nanoseconds";
  /** Whether to write little-endian (default `true`). */
  littleEndian?: boolean;
  /** The FCS length in bytes to record in the link-type field (an even number up to 30). */
  fcsLength?: number;
  /** How many bytes to buffer before writing to the sink (default 1 MiB). */
  bufferSize?: number;
  /**
   * Close the sink (a file) when the writer closes, or when it is collected without
   * `close()` after writing what it buffered (default `false`: the caller owns the sink).
   */
  closeSink?: boolean;
}

function encodePcapHeader(out: OutputBuffer, options: PcapWriterOptions): void {
  const linkType = options.linkType ?? LinkType.EN10MB;
  if (!Number.isInteger(linkType) || linkType < 0 || linkType > 0xffff) {
    throw new RangeError(
      `Cannot write pcap header: link type must be 0 to 65535, received ${linkType}`,
    );
  }
  let field = linkType;
  if (options.fcsLength !== undefined) {
    const fcs = options.fcsLength;
    if (!Number.isInteger(fcs) || fcs < 0 || fcs > 30 || fcs % 2 !== 0) {
      throw new RangeError(
        `Cannot write pcap header: FCS length must be an even number of bytes up to 30, received ${fcs}`,
      );
    }
    field = (field | LINKTYPE_FCS_PRESENT | ((fcs / 2) << 28)) >>> 0;
  }
  out.u32(options.resolution === "nanoseconds" ? PcapMagic.NANOSECONDS : PcapMagic.MICROSECONDS);
  out.u16(2);
  out.u16(4);
  out.u32(0);
  out.u32(0);
  out.u32(options.snapLength ?? DEFAULT_MAX_PACKET_LENGTH);
  out.u32(field);
}

function encodePcapRecord(
  out: OutputBuffer,
  packet: PacketToWrite,
  snapLength: number,
  nano: boolean,
): void {
  const ts = packet.timestamp;
  const seconds = ts / 1_000_000_000n;
  if (ts < 0n || seconds > 0xffffffffn) {
    throw new RangeError(
      `Cannot write pcap record: timestamp must be within 1970 to 2106, received ${ts}`,
    );
  }
  const data = packet.data;
  encodeRecordFields(
    out,
    Number(seconds),
    Number(ts - seconds * 1_000_000_000n),
    data,
    0,
    data.length,
    packet.originalLength ?? data.length,
    snapLength,
    nano,
  );
}

/** The record of the packet at `data[start, start + length)`, its time in numbers. */
function encodeRecordFields(
  out: OutputBuffer,
  seconds: number,
  nanoseconds: number,
  data: Uint8Array,
  start: number,
  length: number,
  originalLength: number,
  snapLength: number,
  nano: boolean,
): void {
  const capturedLength = snapLength > 0 && length > snapLength ? snapLength : length;
  out.reserve(16 + capturedLength);
  const { view, littleEndian } = out;
  const at = out.length;
  view.setUint32(at, seconds, littleEndian);
  view.setUint32(at + 4, nano ? nanoseconds : Math.floor(nanoseconds / 1000), littleEndian);
  view.setUint32(at + 8, capturedLength, littleEndian);
  view.setUint32(at + 12, originalLength, littleEndian);
  out.bytes.set(data.subarray(start, start + capturedLength), at + 16);
  out.length = at + 16 + capturedLength;
}

/**
 * Builds a whole pcap file in memory.
 *
 * @param packets The packets, in order.
 * @param options The file header options.
 * @returns The file bytes.
 *
 * @example Build a file with one packet
 * ```ts
 * import { pcapBytes } from "./pcap.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = pcapBytes([{ timestamp: 0n, data: new Uint8Array(4) }]);
 * assert.equal(bytes.length, 24 + 16 + 4);
 * ```
 */
export function pcapBytes(
  packets: Iterable<PacketToWrite>,
  options: PcapWriterOptions = {},
): Uint8Array {
  const out = new OutputBuffer(4096, options.littleEndian ?? true);
  encodePcapHeader(out, options);
  const snapLength = options.snapLength ?? DEFAULT_MAX_PACKET_LENGTH;
  const nano = options.resolution === "nanoseconds";
  for (const packet of packets) encodePcapRecord(out, packet, snapLength, nano);
  return out.bytes.slice(0, out.length);
}

/**
 * A buffered writer of pcap files. Writes to a `Deno.FsFile`, a `WritableStream` or any
 * object with `write(p): Promise<number>`; `close()` flushes, and closes a stream (a file
 * stays open for its owner to close).
 *
 * @example Write packets to a stream and read them back
 * ```ts
 * import { PcapReader, PcapWriter } from "./pcap.ts";
 * import assert from "node:assert/strict";
 *
 * const chunks: Uint8Array[] = [];
 * const sink = new WritableStream<Uint8Array>({ write(chunk) { chunks.push(chunk); } });
 * {
 *   await using writer = new PcapWriter(sink, { resolution: "nanoseconds" });
 *   await writer.write({ timestamp: 1_000_000_001n, data: new Uint8Array([1, 2, 3]) });
 * }
 * await using reader = await PcapReader.open(ReadableStream.from(chunks));
 * const records = await Array.fromAsync(reader);
 * assert.equal(records[0]?.timestamp, 1_000_000_001n);
 * ```
 */
export class PcapWriter implements AsyncDisposable {
  readonly #buffered: BufferedSink;
  #snapLength: number;
  #nano: boolean;

  /**
   * Creates a writer and buffers the file header.
   *
   * @param sink Where to write.
   * @param options The file header options.
   */
  constructor(sink: ByteSink, options: PcapWriterOptions = {}) {
    this.#buffered = new BufferedSink(
      this,
      sink,
      options.bufferSize ?? DEFAULT_BUFFER_SIZE,
      options.littleEndian ?? true,
      options.closeSink ?? false,
    );
    this.#snapLength = options.snapLength ?? DEFAULT_MAX_PACKET_LENGTH;
    this.#nano = options.resolution === "nanoseconds";
    encodePcapHeader(this.#buffered.out, options);
  }

  /**
   * Buffers a packet, writing the buffer to the sink when it is full.
   *
   * @param packet The packet.
   * @returns When the packet is buffered (or written).
   */
  async write(packet: PacketToWrite): Promise<void> {
    this.#buffered.checkOpen("Cannot write pcap record: the writer is closed");
    encodePcapRecord(this.#buffered.out, packet, this.#snapLength, this.#nano);
    await this.#buffered.written();
  }

  /**
   * Buffers packets of a batch (a capture's or a reader's), from their numeric fields: no
   * allocation per packet, and a write to the sink only when the buffer is full. The fast
   * way to write what a capture delivers.
   *
   * @param batch The batch.
   * @param from The first packet to write (default 0).
   * @param to The packet after the last one to write (default `batch.count`).
   * @returns When the packets are buffered (or written).
   * @throws {RangeError} For a timestamp before 1970 or after 2106.
   *
   * @example Copy a file's packets to another file
   * ```ts
   * import { PcapReader, PcapWriter, pcapBytes } from "./pcap.ts";
   * import assert from "node:assert/strict";
   *
   * const input = pcapBytes([{ timestamp: 1_500_000_000n, data: new Uint8Array(60) }]);
   * await using reader = await PcapReader.open(ReadableStream.from([input]));
   * const chunks: number[] = [];
   * const sink = new WritableStream<Uint8Array>({ write(chunk) { chunks.push(...chunk); } });
   * {
   *   await using writer = new PcapWriter(sink);
   *   for await (const batch of reader.batches()) await writer.writeBatch(batch);
   * }
   * assert.deepEqual(new Uint8Array(chunks), input);
   * ```
   */
  async writeBatch(batch: CaptureBatch, from = 0, to: number = batch.count): Promise<void> {
    const buffered = this.#buffered;
    buffered.checkOpen("Cannot write pcap record: the writer is closed");
    const { buffer, offsets, capturedLengths, originalLengths, seconds, nanoseconds } = batch;
    const oversized = batch.oversizedFractions;
    for (let i = from; i < to; i++) {
      let second = seconds[i]!;
      let nanosecond = nanoseconds[i]!;
      if (!(second >= 0 && second <= 0xffffffff)) {
        throw new RangeError(
          `Cannot write pcap record: timestamp must be within 1970 to 2106, received ${second} s`,
        );
      }
      // An invalid timestamp read from a pcap file is written as libpcap's pcap_dump()
      // writes what libpcap read: the fields as they were, scaled to this file's unit.
      const raw = oversized.size === 0 ? undefined : oversized.get(i);
      if (raw !== undefined) {
        second = raw.seconds;
        const fraction = libpcapFraction(raw.fraction, raw.nano, this.#nano);
        nanosecond = this.#nano ? fraction : fraction * 1000;
      }
      encodeRecordFields(
        buffered.out,
        second,
        nanosecond,
        buffer,
        offsets[i]!,
        capturedLengths[i]!,
        originalLengths[i]!,
        this.#snapLength,
        this.#nano,
      );
      if (buffered.full) await buffered.flush();
    }
  }

  /**
   * Writes the buffered bytes to the sink.
   *
   * @returns When they are written.
   */
  async flush(): Promise<void> {
    await this.#buffered.flush();
  }

  /**
   * Flushes, then closes a stream sink. Idempotent.
   *
   * @returns When done.
   */
  async close(): Promise<void> {
    await this.#buffered.close();
  }

  /**
   * Same as {@linkcode PcapWriter.prototype.close}, for `await using`.
   *
   * @returns When done.
   */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
