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
export function readMagic(primed: PrimedSource, headerName: string): number {
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
