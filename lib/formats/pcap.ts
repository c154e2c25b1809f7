/**
 * The pcap capture file format (libpcap's savefile, draft-ietf-opsawg-pcap): a streaming
 * reader, a buffered writer and an in-memory builder.
 *
 * Reads microsecond (`a1b2c3d4`) and nanosecond (`a1b23c4d`) files in both byte orders,
 * and the Kuznetzov "modified" variant (`a1b2cd34`, 24-byte record headers).
 *
 * @module
 */

import { CaptureBatch, CaptureReader, DEFAULT_MAX_PACKET_LENGTH } from "./capture_reader.ts";
import type { CaptureReaderOptions, CaptureSource } from "./capture_reader.ts";
import { CaptureFileError } from "./errors.ts";
import { hex32, openPrimed } from "./_internal.ts";
import type { FormatParser, PrimedSource } from "./_internal.ts";
import { BufferedSink, DEFAULT_BUFFER_SIZE, OutputBuffer } from "./_output.ts";
import type { ByteSink } from "./_output.ts";
import { LinkType } from "../link_type.ts";

export type { ByteSink } from "./_output.ts";

/** The pcap magic numbers, as read big-endian from the first four bytes of a file. */
export const PcapMagic = {
  /** Microsecond timestamps. */
  MICROSECONDS: 0xa1b2c3d4,
  /** Nanosecond timestamps. */
  NANOSECONDS: 0xa1b23c4d,
  /** Alexey Kuznetzov's "modified" pcap: microseconds, 24-byte record headers. */
  MODIFIED: 0xa1b2cd34,
} as const;

/** The fields of a pcap file header. */
export interface PcapHeader {
  /** Whether the file is little-endian. */
  littleEndian: boolean;
  /** The unit of the fractional part of record timestamps. */
  resolution: "microseconds" | "nanoseconds";
  /** Whether this is the Kuznetzov "modified" format (magic `a1b2cd34`). */
  modified: boolean;
  /** Major version: 2. */
  versionMajor: number;
  /** Minor version: normally 4. */
  versionMinor: number;
  /** The historic time zone offset field (signed; normally 0). */
  thisZone: number;
  /** The historic timestamp accuracy field (normally 0). */
  sigFigs: number;
  /** The snapshot length: the largest captured length the writer meant to store. */
  snapLength: number;
  /** The link-layer header type: the low 16 bits of the link-type field. */
  linkType: number;
  /** The whole 32-bit link-type field, with its FCS bits. */
  linkTypeField: number;
  /**
   * The length in bytes of the frame check sequence at the end of every packet, when the
   * link-type field says (its P bit, 0x04000000, is set; the length is bits 28-31, in
   * 16-bit words); `undefined` when unknown.
   */
  fcsLength: number | undefined;
}

const LINKTYPE_FCS_PRESENT = 0x04000000;
const LINKTYPE_RESERVED = 0x03ff0000;

/**
 * Parses a pcap file header.
 *
 * @param bytes At least the 24 bytes of the header.
 * @returns The header fields.
 * @throws {CaptureFileError} When the magic number, version or link-type field is wrong, or
 * fewer than 24 bytes are given.
 *
 * @example Parse a header
 * ```ts
 * import { parsePcapHeader, pcapBytes } from "./pcap.ts";
 * import assert from "node:assert/strict";
 *
 * const header = parsePcapHeader(pcapBytes([], { linkType: 113, resolution: "nanoseconds" }));
 * assert.equal(header.linkType, 113);
 * assert.equal(header.resolution, "nanoseconds");
 * assert.equal(header.fcsLength, undefined);
 * ```
 */
export function parsePcapHeader(bytes: Uint8Array): PcapHeader {
  const parser = new PcapParser(DEFAULT_MAX_PACKET_LENGTH);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const r = parser.header(bytes, view, 0, bytes.length, 0);
  if (r < 0) {
    throw new CaptureFileError(
      "truncated",
      0,
      `Cannot read pcap file header at offset 0: 24 bytes required, received ${bytes.length}`,
    );
  }
  return parser.fileHeader!;
}

/** Parses pcap files: the format logic behind {@linkcode PcapReader}. */
class PcapParser implements FormatParser {
  readonly unitName = "pcap record";
  readonly headerName = "pcap file header";
  needed = 0;
  error: CaptureFileError | undefined = undefined;
  fileHeader: PcapHeader | undefined;
  #littleEndian = true;
  #nano = false;
  #recordHeaderLength = 16;
  // 0: lengths in order; 1: caplen and len swapped (before 2.3); 2: maybe swapped (2.3).
  #swapLengths = 0;
  #linkType = 0;
  #maxPacketLength: number;

  constructor(maxPacketLength: number) {
    this.#maxPacketLength = maxPacketLength;
  }

  header(_buffer: Uint8Array, view: DataView, pos: number, end: number, _base: number): number {
    if (end - pos < 24) return -24;
    const magic = view.getUint32(pos, false);
    let le: boolean;
    let nano = false;
    let modified = false;
    switch (magic) {
      case 0xa1b2c3d4:
      case 0xd4c3b2a1:
        le = magic === 0xd4c3b2a1;
        break;
      case 0xa1b23c4d:
      case 0x4d3cb2a1:
        le = magic === 0x4d3cb2a1;
        nano = true;
        break;
      case 0xa1b2cd34:
      case 0x34cdb2a1:
        le = magic === 0x34cdb2a1;
        modified = true;
        break;
      default:
        throw new CaptureFileError(
          "unsupported",
          pos,
          `Cannot read pcap file header at offset ${pos}: unknown magic number 0x${hex32(magic)}`,
        );
    }
    const versionMajor = view.getUint16(pos + 4, le);
    const versionMinor = view.getUint16(pos + 6, le);
    if (versionMajor !== 2) {
      throw new CaptureFileError(
        "unsupported",
        pos,
        `Cannot read pcap file header at offset ${pos}: version ${versionMajor}.${versionMinor} is not supported, only 2.x is`,
      );
    }
    const linkTypeField = view.getUint32(pos + 20, le);
    if ((linkTypeField & LINKTYPE_RESERVED) !== 0) {
      throw new CaptureFileError(
        "malformed",
        pos,
        `Cannot read pcap file header at offset ${pos}: reserved bits of the link-type field 0x${
          hex32(linkTypeField)
        } are not zero`,
      );
    }
    const fcsPresent = (linkTypeField & LINKTYPE_FCS_PRESENT) !== 0;
    this.fileHeader = {
      littleEndian: le,
      resolution: nano ? "nanoseconds" : "microseconds",
      modified,
      versionMajor,
      versionMinor,
      thisZone: view.getInt32(pos + 8, le),
      sigFigs: view.getUint32(pos + 12, le),
      snapLength: view.getUint32(pos + 16, le),
      linkType: linkTypeField & 0xffff,
      linkTypeField,
      fcsLength: fcsPresent ? (linkTypeField >>> 28) * 2 : undefined,
    };
    this.#littleEndian = le;
    this.#nano = nano;
    this.#recordHeaderLength = modified ? 24 : 16;
    this.#swapLengths = versionMinor < 3 ? 1 : versionMinor === 3 ? 2 : 0;
    this.#linkType = linkTypeField & 0xffff;
    return 24;
  }

  records(
    _buffer: Uint8Array,
    view: DataView,
    pos: number,
    end: number,
    base: number,
    batch: CaptureBatch,
  ): number {
    const le = this.#littleEndian;
    const headerLength = this.#recordHeaderLength;
    const fracPerSecond = this.#nano ? 1e9 : 1e6;
    const nsPerFrac = this.#nano ? 1 : 1000;
    const max = this.#maxPacketLength;
    const linkType = this.#linkType;
    const swap = this.#swapLengths;
    let n = batch.count;
    let capacity = batch.capacity;
    while (true) {
      const available = end - pos;
      if (available < headerLength) {
        this.needed = headerLength;
        break;
      }
      let seconds = view.getUint32(pos, le);
      let frac = view.getUint32(pos + 4, le);
      let capturedLength = view.getUint32(pos + 8, le);
      let originalLength = view.getUint32(pos + 12, le);
      if (swap !== 0 && (swap === 1 || capturedLength > originalLength)) {
        const t = capturedLength;
        capturedLength = originalLength;
        originalLength = t;
      }
      if (capturedLength > max) {
        this.error = new CaptureFileError(
          "malformed",
          base + pos,
          `Cannot read pcap record at offset ${
            base + pos
          }: header says ${capturedLength} bytes, more than the maximum of ${max}`,
        );
        break;
      }
      if (available < headerLength + capturedLength) {
        this.needed = headerLength + capturedLength;
        break;
      }
      if (frac >= fracPerSecond) {
        seconds += Math.floor(frac / fracPerSecond);
        frac %= fracPerSecond;
      }
      if (n === capacity) {
        batch.grow();
        capacity = batch.capacity;
      }
      batch.offsets[n] = pos + headerLength;
      batch.capturedLengths[n] = capturedLength;
      batch.originalLengths[n] = originalLength;
      batch.linkTypes[n] = linkType;
      batch.interfaceIds[n] = 0;
      batch.seconds[n] = seconds;
      batch.nanoseconds[n] = frac * nsPerFrac;
      batch.flags[n] = 0;
      batch.optionsLengths[n] = 0;
      n++;
      pos += headerLength + capturedLength;
    }
    batch.count = n;
    return pos;
  }
}

/**
 * A streaming reader of pcap files. Iterate with `for await` for record objects, or with
 * {@linkcode CaptureReader.prototype.batches} for the allocation-free fast path.
 *
 * @example Read a file written in memory
 * ```ts
 * import { PcapReader, pcapBytes } from "./pcap.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = pcapBytes(
 *   [{ timestamp: 1_700_000_000_000_000_123n, data: new Uint8Array([0xde, 0xad]) }],
 *   { resolution: "nanoseconds", littleEndian: false },
 * );
 * await using reader = await PcapReader.open(ReadableStream.from([bytes]));
 * assert.equal(reader.header.resolution, "nanoseconds");
 * for await (const record of reader) {
 *   assert.equal(record.timestamp, 1_700_000_000_000_000_123n);
 *   assert.deepEqual([...record.data], [0xde, 0xad]);
 * }
 * ```
 */
export class PcapReader extends CaptureReader {
  /** Always `pcap`. */
  readonly format = "pcap" as const;
  #parser: PcapParser;

  private constructor(primed: PrimedSource, parser: PcapParser, options: CaptureReaderOptions) {
    super(primed, parser, options);
    this.#parser = parser;
  }

  /**
   * Opens a pcap file and reads its header.
   *
   * @param source A path, an open file (left open by `close()`) or a byte stream.
   * @param options Reader options.
   * @returns The reader, positioned at the first record.
   * @throws {CaptureFileError} When the source is not a pcap file or its header is bad.
   *
   * @example Open a file by path
   * ```ts ignore
   * await using reader = await PcapReader.open("capture.pcap");
   * for await (const record of reader) console.log(record.timestamp, record.data.length);
   * ```
   */
  static async open(
    source: CaptureSource,
    options: CaptureReaderOptions = {},
  ): Promise<PcapReader> {
    const reader = await openPrimed(
      source,
      options,
      "pcap",
      "pcap file header",
      isPcapMagic,
      (primed) =>
        new PcapReader(
          primed,
          new PcapParser(options.maxPacketLength ?? DEFAULT_MAX_PACKET_LENGTH),
          options,
        ),
    );
    await reader.readHeader();
    return reader;
  }

  /** The file header. */
  get header(): PcapHeader {
    return this.#parser.fileHeader!;
  }
}

/**
 * Tells whether a magic number (the first four bytes, read big-endian) starts a pcap file,
 * in either byte order.
 *
 * @param magic The magic number.
 * @returns Whether it is a pcap magic number.
 *
 * @example Recognise a swapped magic number
 * ```ts
 * import { isPcapMagic } from "./pcap.ts";
 * import assert from "node:assert/strict";
 *
 * assert.ok(isPcapMagic(0xd4c3b2a1));
 * assert.ok(!isPcapMagic(0x0a0d0d0a));
 * ```
 */
export function isPcapMagic(magic: number): boolean {
  switch (magic >>> 0) {
    case 0xa1b2c3d4:
    case 0xd4c3b2a1:
    case 0xa1b23c4d:
    case 0x4d3cb2a1:
    case 0xa1b2cd34:
    case 0x34cdb2a1:
      return true;
    default:
      return false;
  }
}

/** A packet to write to a capture file. */
export interface PacketToWrite {
  /** When it was captured: nanoseconds since the Unix epoch (not negative for pcap). */
  timestamp: bigint;
  /** The captured bytes (cut to the snapshot length when longer). */
  data: Uint8Array;
  /** The length on the wire, when longer than `data` (default `data.length`). */
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
  view.setUint32(at + 12, Math.max(originalLength, length), littleEndian);
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
    for (let i = from; i < to; i++) {
      const second = seconds[i]!;
      if (!(second >= 0 && second <= 0xffffffff)) {
        throw new RangeError(
          `Cannot write pcap record: timestamp must be within 1970 to 2106, received ${second} s`,
        );
      }
      encodeRecordFields(
        buffered.out,
        second,
        nanoseconds[i]!,
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
