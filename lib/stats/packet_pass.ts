/**
 * One pass over a capture file for the statistics: every packet decoded once, with one
 * reused `PacketParser`, and handed to each accumulator with its time and length on the
 * wire (what `FlowTable`, `ConversationTable` and the other tables take).
 *
 * @module
 */

import { PacketParser } from "../decode.ts";
import type { CaptureSource } from "../formats/capture_reader.ts";
import { openCapture } from "../formats/open_capture.ts";

/** What takes the packets of a pass, such as a `FlowTable`. */
export interface PacketAccumulator {
  /**
   * Takes one packet.
   *
   * @param parser The parser, right after `parse()` of the packet (reused: its layers are
   * overwritten by the next packet).
   * @param seconds The packet time: whole seconds since the epoch.
   * @param nanoseconds The packet time: nanoseconds within the second.
   * @param originalLength The packet's length on the wire, in bytes.
   */
  add(parser: PacketParser, seconds: number, nanoseconds: number, originalLength: number): void;
}

/**
 * Reads a capture file batch by batch (reused buffers) and gives every packet, decoded
 * once, to each accumulator in turn.
 *
 * @param source The capture: a path, `file:` URL or stream (pcap or pcapng, compressed too).
 * @param accumulators What takes the packets.
 * @returns When the file is read.
 *
 * @example Count the flows of a test capture
 * ```ts
 * import { accumulatePackets } from "./packet_pass.ts";
 * import { FlowTable } from "./flows.ts";
 * import assert from "node:assert/strict";
 *
 * const table = new FlowTable();
 * await accumulatePackets(new URL("../../testdata/namespaces.pcap", import.meta.url), [table]);
 * assert.equal(table.result().totals.packets, 46);
 * ```
 */
export async function accumulatePackets(
  source: CaptureSource,
  accumulators: readonly PacketAccumulator[],
): Promise<void> {
  const parser = new PacketParser();
  await using reader = await openCapture(source);
  for await (const batch of reader.batches({ reuseBuffers: true })) {
    const { buffer, offsets, capturedLengths, originalLengths, linkTypes, seconds, nanoseconds } =
      batch;
    for (let i = 0; i < batch.count; i++) {
      const offset = offsets[i]!;
      parser.parse(linkTypes[i]!, buffer, offset, offset + capturedLengths[i]!);
      for (const accumulator of accumulators) {
        accumulator.add(parser, seconds[i]!, nanoseconds[i]!, originalLengths[i]!);
      }
    }
  }
}
