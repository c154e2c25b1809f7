// Private: the plumbing between the capture readers and their format parsers.

import { DEFAULT_CHUNK_SIZE } from "./capture_reader.ts";
import type { CaptureBatch, CaptureReaderOptions } from "./capture_reader.ts";
import { CaptureFileError } from "./errors.ts";
import { ChunkSource } from "./_chunk_reader.ts";
import type { CaptureSource } from "./_chunk_reader.ts";

/**
 * Parses one capture format. Internal to wirekit: implemented by the pcap and pcapng
 * parsers, driven by {@linkcode CaptureReader}.
 */
export interface FormatParser {
  /** `pcap record` or `pcapng block`: names the unit in error messages. */
  readonly unitName: string;
  /** `pcap file header` or `pcapng section header block`: names the header in errors. */
  readonly headerName: string;
  /**
   * Parses the file header at `pos`. Returns the bytes consumed, or minus the count of
   * bytes needed from `pos` when `end - pos` is too short. Throws `CaptureFileError`.
   */
  header(buffer: Uint8Array, view: DataView, pos: number, end: number, base: number): number;
  /**
   * Parses whole records from `pos` into `batch`, and returns the position after the
   * last unit consumed. Stops at an incomplete unit (setting `needed` to the bytes required
   * from the returned position), or at a point where the batch must end (`needed` 0), or
   * at a fault (setting `error`).
   */
  records(
    buffer: Uint8Array,
    view: DataView,
    pos: number,
    end: number,
    base: number,
    batch: CaptureBatch,
  ): number;
  /** Bytes needed from the returned position to make progress (see `records`). */
  needed: number;
  /** The fault `records` stopped at, if any. */
  error: CaptureFileError | undefined;
}

/** A source opened with its first chunk read. */
export interface PrimedSource {
  /** The source. */
  source: ChunkSource;
  /** The first chunk. */
  buffer: Uint8Array;
  /** How many bytes of `buffer` were read. */
  filled: number;
  /** Whether the source ended within the first chunk. */
  eof: boolean;
}

/**
 * Opens a source and reads its first chunk. Internal to wirekit.
 *
 * @param source The path, file, stream or already wrapped source.
 * @param options The reader options (for `chunkSize`).
 * @returns The source and its first chunk.
 */
export async function primeSource(
  source: CaptureSource | ChunkSource,
  options: CaptureReaderOptions,
): Promise<PrimedSource> {
  const chunkSize = checkChunkSize(options.chunkSize);
  const chunkSource = await ChunkSource.open(source);
  try {
    const buffer = new Uint8Array(chunkSize);
    const filled = await chunkSource.fill(buffer);
    return { source: chunkSource, buffer, filled, eof: filled < buffer.length };
  } catch (error) {
    await chunkSource.close();
    throw error;
  }
}

function checkChunkSize(chunkSize: number | undefined): number {
  const size = chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(size) || size < 32 || size > 0x7fffffff) {
    throw new RangeError(
      `Cannot read capture: chunkSize must be an integer >= 32, received ${size}`,
    );
  }
  return size;
}

/**
 * Reads 32-bit magic number from the start of a primed source. Internal to wirekit.
 *
 * @param primed The primed source.
 * @param headerName Names the header in the error message.
 * @returns The first four bytes as a big-endian number.
 */
function readMagic(primed: PrimedSource, headerName: string): number {
  if (primed.filled < 4) {
    throw new CaptureFileError(
      "truncated",
      0,
      `Cannot read ${headerName} at offset 0: 4 bytes required, the file ends after ${primed.filled}`,
    );
  }
  const b = primed.buffer;
  return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
}

/**
 * Formats a 32-bit number as 8 hex digits, for error messages. Internal to wirekit.
 *
 * @param n The number.
 * @returns For example `0a0d0d0a`.
 */
export function hex32(n: number): string {
  return n.toString(16).padStart(8, "0");
}

/**
 * Opens a source for a capture reader: primes it, checks its magic number and builds the
 * reader, closing the source when any of that fails. The caller then reads the file
 * header. Internal to wirekit.
 *
 * @param source The path, file or stream.
 * @param options The reader options (for `chunkSize`).
 * @param format Names the format in the error for an unknown magic number.
 * @param headerName Names the header in the error for a source shorter than 4 bytes.
 * @param isMagic Whether a magic number starts a file of the format.
 * @param create Builds the reader over the primed source.
 * @returns The reader, before its file header is read.
 */
export async function openPrimed<R>(
  source: CaptureSource,
  options: CaptureReaderOptions,
  format: string,
  headerName: string,
  isMagic: (magic: number) => boolean,
  create: (primed: PrimedSource) => R,
): Promise<R> {
  const primed = await primeSource(source, options);
  try {
    const magic = readMagic(primed, headerName);
    if (!isMagic(magic)) {
      throw new CaptureFileError(
        "unsupported",
        0,
        `Cannot open ${format} file: unknown magic number 0x${hex32(magic)}`,
      );
    }
    return create(primed);
  } catch (error) {
    await primed.source.close();
    throw error;
  }
}
