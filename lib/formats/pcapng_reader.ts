/**
 * The pcapng reader: a streaming reader of pcapng files (draft-ietf-opsawg-pcapng).
 *
 * It handles several sections per file, each in its own byte order; Interface
 * Description, Enhanced, Simple and obsolete Packet, Name Resolution and Interface
 * Statistics Blocks; it skips custom and unknown blocks. Every record carries the index of
 * its interface within its section and that interface's link type.
 *
 * @module
 */

import { CaptureReader, DEFAULT_MAX_PACKET_LENGTH } from "./capture_reader.ts";
import type { CaptureReaderOptions, CaptureSource } from "./capture_reader.ts";
import { openPrimed } from "./_internal.ts";
import type { PrimedSource } from "./_internal.ts";
import { SHB } from "./_pcapng_blocks.ts";
import { PcapngParser } from "./_pcapng_parser.ts";
import type { TimestampResolution } from "./timestamp.ts";

/** Statistics of an interface, from an Interface Statistics Block. */
export interface InterfaceStatistics {
  /** The interface, within the section. */
  interfaceId: number;
  /** When the statistics were taken, in nanoseconds since the epoch. */
  timestamp: bigint;
  /** `isb_starttime`: start of the capture, in nanoseconds since the epoch. */
  startTime?: bigint;
  /** `isb_endtime`: end of the capture, in nanoseconds since the epoch. */
  endTime?: bigint;
  /** `isb_ifrecv`: packets received by the interface. */
  received?: bigint;
  /** `isb_ifdrop`: packets dropped by the interface for lack of resources. */
  dropped?: bigint;
  /** `isb_filteraccept`: packets accepted by the filter. */
  filterAccepted?: bigint;
  /** `isb_osdrop`: packets dropped by the operating system. */
  osDropped?: bigint;
  /** `isb_usrdeliv`: packets delivered to the user. */
  delivered?: bigint;
  /** `opt_comment` options. */
  comments: string[];
}

/** An interface, from an Interface Description Block. */
export interface PcapngInterface {
  /** Its index within its section: the interface id of its packets. */
  id: number;
  /** The link-layer header type of its packets. */
  linkType: number;
  /** The snapshot length (0: none). */
  snapLength: number;
  /** `if_name`. */
  name?: string;
  /** `if_description`. */
  description?: string;
  /** `if_os`. */
  os?: string;
  /** `if_hardware`. */
  hardware?: string;
  /** `if_speed` in bits per second. */
  speed?: bigint;
  /** `if_fcslen`: length in bytes of the frame check sequence at the end of its packets. */
  fcsLength?: number;
  /** `if_tsresol` (default microseconds). */
  timestampResolution: TimestampResolution;
  /** `if_tsoffset`: seconds added to every timestamp (default 0). */
  timestampOffset: bigint;
  /** `opt_comment` options. */
  comments: string[];
  /** The last Interface Statistics Block about this interface, if any. */
  statistics?: InterfaceStatistics;
}

/** A section of a pcapng file, from its Section Header Block. */
export interface PcapngSection {
  /** Its index in the file, from 0. */
  index: number;
  /** The file offset of its Section Header Block. */
  offset: number;
  /** Whether the section is little-endian. */
  littleEndian: boolean;
  /** Major version: 1. */
  versionMajor: number;
  /** Minor version: 0 (or 2, as some writers put). */
  versionMinor: number;
  /** The section length in bytes, or -1n when not given. */
  sectionLength: bigint;
  /** `shb_hardware`. */
  hardware?: string;
  /** `shb_os`. */
  os?: string;
  /** `shb_userappl`. */
  userApplication?: string;
  /** `opt_comment` options. */
  comments: string[];
  /** The interfaces described so far in this section. */
  interfaces: PcapngInterface[];
}

/**
 * A streaming reader of pcapng files. Iterate with `for await` for record objects, or with
 * {@linkcode CaptureReader.prototype.batches} for the allocation-free fast path.
 *
 * Metadata blocks are read as they come: `section` is the current section (with its
 * interfaces so far), `names` the name resolution records seen so far, and each
 * interface's `statistics` its last Interface Statistics Block.
 *
 * @example Read a file written in memory
 * ```ts
 * import { PcapngReader } from "./pcapng_reader.ts";
 * import { pcapngBytes } from "./pcapng_writer.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = pcapngBytes({
 *   interfaces: [{ linkType: 1, name: "eth0" }],
 *   packets: [{ timestamp: 5_000_000_001n, data: new Uint8Array(60), comment: "hello" }],
 * });
 * await using reader = await PcapngReader.open(ReadableStream.from([bytes]));
 * for await (const record of reader) {
 *   assert.equal(record.timestamp, 5_000_000_001n);
 *   assert.deepEqual(record.comments, ["hello"]);
 * }
 * assert.equal(reader.section.interfaces[0]?.name, "eth0");
 * ```
 */
export class PcapngReader extends CaptureReader {
  /** Always `pcapng`. */
  readonly format = "pcapng" as const;
  #parser: PcapngParser;

  private constructor(primed: PrimedSource, parser: PcapngParser, options: CaptureReaderOptions) {
    super(primed, parser, options);
    this.#parser = parser;
  }

  /**
   * Opens a pcapng file and reads its first Section Header Block.
   *
   * @param source A path, an open file (left open by `close()`) or a byte stream.
   * @param options Reader options.
   * @returns The reader, positioned after the first Section Header Block.
   * @throws {CaptureFileError} When the source is not a pcapng file or its header is bad.
   *
   * @example Open a file by path
   * ```ts ignore
   * await using reader = await PcapngReader.open("capture.pcapng");
   * for await (const record of reader) console.log(record.interfaceId, record.comments);
   * ```
   */
  static async open(
    source: CaptureSource,
    options: PcapngReaderOptions = {},
  ): Promise<PcapngReader> {
    const reader = await openPrimed(
      source,
      options,
      "pcapng",
      "pcapng section header block",
      (magic) => magic === SHB,
      (primed) =>
        new PcapngReader(
          primed,
          new PcapngParser(options.maxPacketLength ?? DEFAULT_MAX_PACKET_LENGTH, options.onSection),
          options,
        ),
    );
    await reader.readHeader();
    return reader;
  }

  /** The current section: the one of the records being delivered. */
  get section(): PcapngSection {
    return this.#parser.section!;
  }

  /** Names from the Name Resolution Blocks read so far: address (as text) to names. */
  get names(): ReadonlyMap<string, readonly string[]> {
    return this.#parser.names;
  }
}

/** Options of {@linkcode PcapngReader.open}. */
export interface PcapngReaderOptions extends CaptureReaderOptions {
  /**
   * Called with each section when its Section Header Block is read. The section object
   * then gains its interfaces (and their statistics) as their blocks are read: keep it to
   * see the metadata of every section of a file.
   */
  onSection?: (section: PcapngSection) => void;
}
