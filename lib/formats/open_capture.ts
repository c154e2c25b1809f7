/**
 * Opens a capture file of either format, recognised by its magic number.
 *
 * @module
 */

import type { CaptureSource } from "./capture_reader.ts";
import { hex32, primeSource } from "./_internal.ts";
import { CaptureFileError } from "./errors.ts";
import { isPcapMagic, PcapReader } from "./pcap_reader.ts";
import { PcapngBlockType } from "./_pcapng_blocks.ts";
import type { PcapngReader, PcapngReaderOptions } from "./pcapng_reader.ts";

/**
 * Opens a pcap or pcapng file, recognised by its magic number, for streaming reads.
 *
 * @param source A path, an open file (left open by `close()`) or a byte stream.
 * @param options Reader options (`onSection` applies to pcapng files only).
 * @returns A {@linkcode PcapReader} or a {@linkcode PcapngReader}; tell them apart by `format`.
 * @throws {CaptureFileError} With code `unsupported` when the source is neither format, or
 * when its header is bad.
 *
 * @example Read any capture
 * ```ts
 * import { openCapture } from "./open_capture.ts";
 * import { pcapngBytes } from "./pcapng.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = pcapngBytes({
 *   interfaces: [{ linkType: 1 }],
 *   packets: [{ timestamp: 1n, data: new Uint8Array(14) }],
 * });
 * await using reader = await openCapture(ReadableStream.from([bytes]));
 * assert.equal(reader.format, "pcapng");
 * let count = 0;
 * for await (const record of reader) count += record.linkType === 1 ? 1 : 0;
 * assert.equal(count, 1);
 * ```
 */
export async function openCapture(
  source: CaptureSource,
  options: PcapngReaderOptions = {},
): Promise<PcapReader | PcapngReader> {
  // Read the magic number, then hand the bytes back to the source for the reader.
  const primed = await primeSource(source, { ...options, chunkSize: 32 });
  const { source: chunkSource, buffer, filled } = primed;
  let magic: number;
  try {
    if (filled < 4) {
      throw new CaptureFileError(
        "truncated",
        0,
        `Cannot open capture file at offset 0: 4 bytes required for the magic number, the file ends after ${filled}`,
      );
    }
    magic = ((buffer[0]! << 24) | (buffer[1]! << 16) | (buffer[2]! << 8) | buffer[3]!) >>> 0;
    if (!isPcapMagic(magic) && magic !== PcapngBlockType.SECTION_HEADER) {
      throw new CaptureFileError(
        "unsupported",
        0,
        `Cannot open capture file at offset 0: unknown magic number 0x${
          hex32(magic)
        }, neither pcap nor pcapng`,
      );
    }
  } catch (error) {
    await chunkSource.close();
    throw error;
  }
  chunkSource.unread(buffer.subarray(0, filled));
  // The readers accept the wrapped source in place of the original one.
  const wrapped = chunkSource as unknown as CaptureSource;
  if (magic !== PcapngBlockType.SECTION_HEADER) return await PcapReader.open(wrapped, options);
  // Loaded when a file needs it: a pcap reader does without pcapng's modules.
  const { PcapngReader } = await import("./pcapng_reader.ts");
  return await PcapngReader.open(wrapped, options);
}
