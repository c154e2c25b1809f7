/**
 * A pcap file cut into record-aligned chunks for parallel work: each chunk is a standalone
 * pcap image (the file's own 24-byte header, then whole records) in a buffer of its own, so
 * it can be transferred to a Worker and read there with the ordinary reader.
 *
 * @module
 */

import { PcapReader } from "./pcap.ts";
import { CaptureFileError } from "./errors.ts";

/** One chunk of a pcap file. */
export interface PcapChunk {
  /** The chunk as a pcap file: the file's header, then whole records; its buffer is its own. */
  bytes: Uint8Array<ArrayBuffer>;
  /** How many records the chunk holds. */
  packets: number;
  /** The index in the file of the chunk's first record (0 for the first record). */
  firstPacket: number;
  /** The byte offset in the file of the chunk's first record. */
  fileOffset: number;
}

/** Options of {@linkcode pcapChunks}. */
export interface PcapChunksOptions {
  /** About how many bytes of records each chunk holds (default 4 MiB; a larger record makes a larger chunk). */
  chunkBytes?: number;
  /** The largest captured length accepted for a packet (default 262144), as the reader's option. */
  maxPacketLength?: number;
}

const FILE_HEADER_LENGTH = 24;

/**
 * Cuts a pcap file into chunks of whole records, in file order. The records are parsed by
 * {@linkcode PcapReader}, so a damaged file fails as it does there: the chunks before the
 * fault are yielded, then its {@linkcode CaptureFileError} (with the file offset) is thrown.
 *
 * @param path The pcap file (pcapng is not cut: its blocks depend on earlier ones).
 * @param options The chunk size and the largest packet accepted.
 * @returns The chunks.
 * @throws {CaptureFileError} When the file is not pcap, or a record is damaged or cut.
 *
 * @example Cut a file into chunks and count their records
 * ```ts
 * import { pcapChunks } from "./pcap_chunks.ts";
 * import { pcapBytes } from "./pcap.ts";
 * import assert from "node:assert/strict";
 *
 * const path = await Deno.makeTempFile({ suffix: ".pcap" });
 * const records = Array.from({ length: 100 }, (_, i) => ({
 *   timestamp: BigInt(i),
 *   data: new Uint8Array(1000),
 * }));
 * await Deno.writeFile(path, pcapBytes(records));
 * let packets = 0;
 * for await (const chunk of pcapChunks(path, { chunkBytes: 10_000 })) {
 *   assert.equal(chunk.firstPacket, packets);
 *   packets += chunk.packets;
 * }
 * assert.equal(packets, 100);
 * await Deno.remove(path);
 * ```
 */
export async function* pcapChunks(
  path: string | URL,
  options: PcapChunksOptions = {},
): AsyncGenerator<PcapChunk, void, undefined> {
  using file = await Deno.open(path);
  const header = new Uint8Array(FILE_HEADER_LENGTH);
  const got = await readFull(file, header);
  await file.seek(0, Deno.SeekMode.Start);
  if (got < FILE_HEADER_LENGTH) {
    throw new CaptureFileError(
      "truncated",
      0,
      `Cannot read pcap file header at offset 0: ${FILE_HEADER_LENGTH} bytes required, the file ends after ${got}`,
    );
  }
  await using reader = await PcapReader.open(file, {
    chunkSize: options.chunkBytes ?? 4 << 20,
    ...(options.maxPacketLength === undefined ? {} : { maxPacketLength: options.maxPacketLength }),
  });
  const recordHeaderLength = reader.header.modified ? 24 : 16;
  let firstPacket = 0;
  // Batch offsets are relative to the reader's buffer: the file offset is counted here.
  let base = FILE_HEADER_LENGTH;
  for await (const batch of reader.batches({ reuseBuffers: true })) {
    const count = batch.count;
    const last = count - 1;
    const start = batch.offsets[0]! - recordHeaderLength;
    const end = batch.offsets[last]! + batch.capturedLengths[last]!;
    const bytes = new Uint8Array(FILE_HEADER_LENGTH + end - start);
    bytes.set(header);
    bytes.set(batch.buffer.subarray(start, end), FILE_HEADER_LENGTH);
    yield { bytes, packets: count, firstPacket, fileOffset: base };
    firstPacket += count;
    base += end - start;
  }
}

/** Reads until `buffer` is full or the file ends; returns the bytes read. */
async function readFull(file: Deno.FsFile, buffer: Uint8Array): Promise<number> {
  let filled = 0;
  while (filled < buffer.length) {
    const n = await file.read(buffer.subarray(filled));
    if (n === null) break;
    filled += n;
  }
  return filled;
}
