/**
 * Reads a capture file through stream reassembly, batch by batch with one reused parser:
 * the fast path that `scripts/follow.ts` takes.
 *
 * @module
 */

import { openCapture } from "../formats/open_capture.ts";
import { PacketParser } from "../decode.ts";
import { StreamReassembler } from "./stream_reassembler.ts";
import type { ReassemblyOptions, StreamHandler } from "./stream_types.ts";

/** Options of {@linkcode reassembleFile}. */
export interface ReassembleFileOptions extends ReassemblyOptions {
  /** Called after each batch with about how many bytes of the file were read. */
  onProgress?: (bytes: number) => void;
}

/**
 * Reads a capture file (pcap or pcapng, maybe gzip or xz) and hands every packet to a
 * {@linkcode StreamReassembler}, which calls `handler`; closes every stream at the end.
 * The packet buffers are reused: the bytes given to `handler.data` are valid only during
 * the call.
 *
 * @param path The file.
 * @param handler Where the events go.
 * @param options Reassembly options and a progress callback.
 * @returns The reassembler's counters.
 *
 * @example Count the bytes of every TCP stream of a file
 * ```ts
 * import { reassembleFile } from "./stream_file.ts";
 * import assert from "node:assert/strict";
 *
 * let bytes = 0;
 * const stats = await reassembleFile(new URL("../../testdata/namespaces.pcap", import.meta.url), {
 *   data: (stream, _direction, data) => { if (stream.protocol === "tcp") bytes += data.length; },
 * });
 * assert.equal(stats.streams, 1);
 * assert.equal(bytes, 60);
 * ```
 */
export async function reassembleFile(
  path: string | URL,
  handler: StreamHandler,
  options: ReassembleFileOptions = {},
): Promise<StreamReassembler["stats"]> {
  const reassembler = new StreamReassembler(handler, options);
  const parser = new PacketParser();
  const onProgress = options.onProgress;
  let read = 0;
  await using reader = await openCapture(path);
  for await (const batch of reader.batches({ reuseBuffers: true })) {
    const { buffer, offsets, capturedLengths, linkTypes, seconds, nanoseconds } = batch;
    for (let i = 0; i < batch.count; i++) {
      const offset = offsets[i]!;
      parser.parse(linkTypes[i]!, buffer, offset, offset + capturedLengths[i]!);
      reassembler.addDecoded(parser, seconds[i]! + nanoseconds[i]! / 1e9);
      read += capturedLengths[i]! + 16;
    }
    onProgress?.(read);
  }
  reassembler.finish();
  return reassembler.stats;
}
