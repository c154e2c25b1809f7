/**
 * The pcapng capture file format (draft-ietf-opsawg-pcapng): a streaming reader, a
 * buffered writer and an in-memory builder.
 *
 * The reader handles several sections per file, each in its own byte order; Interface
 * Description, Enhanced, Simple and obsolete Packet, Name Resolution and Interface
 * Statistics Blocks; it skips custom and unknown blocks. Every record carries the index of
 * its interface within its section and that interface's link type.
 *
 * @example Write a file in memory and read it back
 * ```ts
 * import { pcapngBytes, PcapngReader } from "./pcapng.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = pcapngBytes({
 *   interfaces: [{ linkType: 1 }],
 *   packets: [{ timestamp: 1n, data: new Uint8Array(14) }],
 * });
 * await using reader = await PcapngReader.open(ReadableStream.from([bytes]));
 * const records = await Array.fromAsync(reader);
 * assert.equal(records.length, 1);
 * ```
 *
 * @module
 */

export { PcapngBlockType } from "./_pcapng_blocks.ts";
export { PcapngReader } from "./pcapng_reader.ts";
export type {
  InterfaceStatistics,
  PcapngInterface,
  PcapngReaderOptions,
  PcapngSection,
} from "./pcapng_reader.ts";
export { pcapngBytes, PcapngWriter } from "./pcapng_writer.ts";
export type {
  PcapngFileSpec,
  PcapngInterfaceOptions,
  PcapngPacketToWrite,
  PcapngWriterOptions,
} from "./pcapng_writer.ts";
export type { ByteSink } from "./_output.ts";
export type { TimestampResolution } from "./timestamp.ts";
