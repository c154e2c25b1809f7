/**
 * Defragmentation over a capture: {@linkcode defragmentRecords} reads records (from a
 * `PcapReader`, a `PcapngReader`, or any iterable of them) and yields decoded packets, the
 * reassembled datagram in place of the fragment that completed it.
 *
 * @module
 */

import { decode, type Packet } from "../decode.ts";
import type { CaptureRecord } from "../formats/capture_reader.ts";
import {
  Defragmenter,
  type DefragmenterOptions,
  type ReassembledDatagram,
} from "./defragmenter.ts";

/** Options of {@linkcode defragmentRecords}. */
export interface DefragmentRecordsOptions extends DefragmenterOptions {
  /**
   * The defragmenter to use, to read its `stats` afterwards; one is made from the other
   * options when absent.
   */
  defragmenter?: Defragmenter;
  /** Also yield the fragments themselves, as decoded (default `false`). */
  keepFragments?: boolean;
}

/** One packet that {@linkcode defragmentRecords} yields. */
export interface DefragmentedPacket {
  /** The record's index in the source, from 0 (tshark's frame number is `index + 1`). */
  readonly index: number;
  /** The record. */
  readonly record: CaptureRecord;
  /** The record decoded, or, when `datagram` is set, the reassembled datagram decoded. */
  readonly packet: Packet;
  /** The datagram that this record's fragment completed, if it did. */
  readonly datagram: ReassembledDatagram | undefined;
}

/**
 * Decodes records and reassembles IP fragments. Packets that are not fragments come out
 * as they are; a fragment comes out only when it completes a datagram, as the datagram
 * (or as itself too, with `keepFragments`). Fragments are given to the defragmenter with
 * frame number `index + 1` and the record's timestamp. When the source ends, datagrams
 * still incomplete are discarded and counted as `flushed`.
 *
 * @param records The records, such as a `PcapReader`.
 * @param options Defragmenter options, or the defragmenter; whether to keep fragments.
 * @returns The packets.
 *
 * @example Reassemble the fragments of a capture
 * ```ts
 * import { defragmentRecords } from "./defrag_records.ts";
 * import { PcapReader, pcapBytes } from "../formats/pcap.ts";
 * import { LinkType } from "../link_type.ts";
 * import assert from "node:assert/strict";
 *
 * const fragment = (offset: number, more: boolean, data: Uint8Array) =>
 *   new Uint8Array([
 *     0x45, 0, 0, 20 + data.length, 0, 7, (more ? 0x20 : 0) | (offset >> 11),
 *     (offset >> 3) & 0xff, 64, 253, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2, ...data,
 *   ]);
 * const bytes = pcapBytes([
 *   { timestamp: 1_000n, data: fragment(0, true, new Uint8Array(8).fill(1)) },
 *   { timestamp: 2_000n, data: fragment(8, false, new Uint8Array(4).fill(2)) },
 * ], { linkType: LinkType.RAW });
 * await using reader = await PcapReader.open(ReadableStream.from([bytes]));
 * const out = await Array.fromAsync(defragmentRecords(reader));
 * assert.equal(out.length, 1);
 * assert.equal(out[0]!.index, 1);
 * assert.deepEqual([...out[0]!.datagram!.data.subarray(20)], [1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2]);
 * ```
 */
export async function* defragmentRecords(
  records: AsyncIterable<CaptureRecord> | Iterable<CaptureRecord>,
  options: DefragmentRecordsOptions = {},
): AsyncGenerator<DefragmentedPacket> {
  const defrag = options.defragmenter ?? new Defragmenter(options);
  const decodeOptions = options.decodeOptions ?? {};
  const keep = options.keepFragments ?? false;
  let index = 0;
  for await (const record of records) {
    const packet = decode(record.linkType, record.data, decodeOptions);
    const at = index++;
    if (!defrag.isFragment(packet)) {
      yield { index: at, record, packet, datagram: undefined };
      continue;
    }
    if (keep) yield { index: at, record, packet, datagram: undefined };
    const datagram = defrag.push(packet, { frame: at + 1, timestamp: record.timestamp });
    if (datagram !== undefined) yield { index: at, record, packet: datagram.packet, datagram };
  }
  defrag.flush();
}
