/**
 * {@linkcode packetSummary}: one packet on one line, as `tcpdump -n -S` prints it.
 *
 * @module
 */

import type { DecodedPacket } from "../decode.ts";
import { TcpdumpPrinter } from "./tcpdump_printer.ts";

/** The capture metadata a summary needs: a `CaptureRecord` of `lib/formats/` has it. */
export interface SummaryRecord {
  /** Nanoseconds since the Unix epoch. */
  readonly timestamp: bigint;
  /** The packet's length on the wire. */
  readonly originalLength: number;
}

/** Options of {@linkcode packetSummary}. */
export interface SummaryOptions {
  /** Start the line with the time of day, as tcpdump does (default `true`). */
  time?: boolean;
  /**
   * Where the packet starts in the parser's `data` (default 0): pass the record's offset
   * when a `PacketParser` decoded it straight from a batch buffer.
   */
  start?: number;
}

/**
 * Summarizes a decoded packet on one line, as `tcpdump -n -S` prints it (without the
 * hex dump tcpdump adds for undecoded link types): the time of day, then the headers.
 *
 * @param packet The decoded packet: a `Packet`, or a `PacketParser` right after `parse()`.
 * @param record The capture metadata: timestamp and length on the wire.
 * @param options Whether to print the time, and where the packet starts in a parser's data.
 * @returns The line, without a newline.
 *
 * @example Summarize a TCP SYN
 * ```ts
 * import { packetSummary } from "./packet_summary.ts";
 * import { decode } from "../decode.ts";
 * import { LinkType } from "../link_type.ts";
 * import assert from "node:assert/strict";
 *
 * // Ethernet, IPv4 10.0.0.1 > 10.0.0.2, TCP 1234 > 80 SYN with an MSS option.
 * const frame = new Uint8Array([
 *   2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00,
 *   0x45, 0, 0, 44, 0, 1, 0, 0, 64, 6, 0x66, 0xc6, 10, 0, 0, 1, 10, 0, 0, 2,
 *   0x04, 0xd2, 0, 80, 0, 0, 0, 1, 0, 0, 0, 0, 0x60, 0x02, 0x02, 0, 0, 0, 0, 0,
 *   2, 4, 0x05, 0xb4,
 * ]);
 * const line = packetSummary(decode(LinkType.EN10MB, frame), {
 *   timestamp: 1_000_000_000n,
 *   originalLength: frame.length,
 * });
 * assert.equal(
 *   line,
 *   "00:00:01.000000 IP 10.0.0.1.1234 > 10.0.0.2.80: Flags [S], seq 1, win 512, " +
 *     "options [mss 1460], length 0",
 * );
 * ```
 */
export function packetSummary(
  packet: DecodedPacket,
  record: SummaryRecord,
  options: SummaryOptions = {},
): string {
  const time = options.time ?? true;
  const printer = time ? summaryPrinterWithTime : summaryPrinterWithoutTime;
  const timestamp = record.timestamp;
  let seconds = timestamp / 1_000_000_000n;
  let nanoseconds = timestamp % 1_000_000_000n;
  if (nanoseconds < 0n) {
    seconds -= 1n;
    nanoseconds += 1_000_000_000n;
  }
  const text = printer.format(packet, {
    seconds: Number(seconds),
    nanoseconds: Number(nanoseconds),
    originalLength: record.originalLength,
  }, options.start ?? 0);
  // The summary is one line: drop the default hex print of undecoded bytes.
  const newline = text.indexOf("\n");
  return newline < 0 ? text : text.slice(0, newline);
}

const summaryPrinterWithTime = new TcpdumpPrinter({ absoluteSequence: true, utc: true });
const summaryPrinterWithoutTime = new TcpdumpPrinter({
  absoluteSequence: true,
  utc: true,
  timestamps: "none",
});
