/**
 * The pcap file reader (libpcap's savefile, draft-ietf-opsawg-pcap), without the writer:
 * what opening a capture loads. `pcap.ts` adds the writer and builder.
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
import { LINKTYPE_FCS_PRESENT } from "./_pcap_constants.ts";

export type { ByteSink } from "./_output.ts";
export { LINKTYPE_FCS_PRESENT, PcapMagic } from "./_pcap_constants.ts";

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
    const first = batch.count;
    let n = first;
    let { offsets, capturedLengths, originalLengths, seconds: secondsOf, nanoseconds } = batch;
    let capacity = offsets.length;
    let needed = 0;
    while (true) {
      const available = end - pos;
      if (available < headerLength) {
        needed = headerLength;
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
      const length = headerLength + capturedLength;
      if (available < length) {
        needed = length;
        break;
      }
      if (n === capacity) {
        batch.grow();
        ({ offsets, capturedLengths, originalLengths, seconds: secondsOf, nanoseconds } = batch);
        capacity = offsets.length;
      }
      if (frac >= fracPerSecond) {
        batch.oversizedFractions.set(n, { seconds, fraction: frac, nano: this.#nano });
        seconds += Math.floor(frac / fracPerSecond);
        frac %= fracPerSecond;
      }
      offsets[n] = pos + headerLength;
      capturedLengths[n] = capturedLength;
      originalLengths[n] = originalLength;
      secondsOf[n] = seconds;
      nanoseconds[n] = frac * nsPerFrac;
      n++;
      pos += length;
    }
    // What every record of a pcap file shares, written once per batch.
    batch.linkTypes.fill(linkType, first, n);
    batch.interfaceIds.fill(0, first, n);
    batch.flags.fill(0, first, n);
    batch.optionsLengths.fill(0, first, n);
    this.needed = needed;
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
