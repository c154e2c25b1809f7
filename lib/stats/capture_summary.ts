/**
 * Capture file statistics, as Wireshark's `capinfos` reports them (packet count, data
 * size, duration, rates...), plus how many packets hold each decoded protocol.
 *
 * {@linkcode CaptureStatistics} is the accumulator: it takes whole batches from a
 * reader's `batches()` and decodes every packet with one reused `PacketParser`, allocating
 * nothing per packet. {@linkcode summarizeCapture} runs it over a file, and
 * {@linkcode formatCaptureSummary} prints the result with capinfos' labels.
 *
 * @module
 */

import type { DecodeOptions } from "../decode.ts";
import { linkTypeName } from "../link_type.ts";
import type { CaptureReaderOptions, CaptureSource } from "../formats/capture_reader.ts";
import { openCapture } from "../formats/open_capture.ts";
import { isoTime } from "../output/json.ts";
import type { PcapReader } from "../formats/pcap.ts";
import type { PcapngReader } from "../formats/pcapng.ts";
import { CaptureFileError, type CaptureFileErrorCode } from "../formats/errors.ts";
import { CaptureStatistics } from "./_capture_statistics.ts";
import type { PacketStatistics } from "./_capture_statistics.ts";

export { CaptureStatistics } from "./_capture_statistics.ts";
export type { DecodeErrorCounts, LinkTypeCount, PacketStatistics } from "./_capture_statistics.ts";

/** An interface of a capture file, as its header describes it. */
export interface CaptureInterfaceInfo {
  /** The interface id of its packets. */
  id: number;
  /** Its `LINKTYPE_*` number. */
  linkType: number;
  /** The link type's name, such as `EN10MB`. */
  linkTypeName: string;
  /** Its snapshot length (0: not set). */
  snapLength: number;
  /**
   * The fraction digits of its timestamp resolution, as capinfos prints its times: 6 for
   * microseconds, 9 for nanoseconds, 3 for milliseconds (9 for binary resolutions).
   */
  timestampDigits: number;
  /** Its name (pcapng `if_name`), if given. */
  name?: string;
  /** How many packets of the file came from it. */
  packets: number;
}

/** Why a capture file could not be read to its end, in a summary of what was read. */
export interface CaptureReadError {
  /** `truncated` (the file ends inside a record) or `malformed` (an impossible field). */
  code: CaptureFileErrorCode;
  /** The byte offset of the record or block at fault. */
  offset: number;
  /** The reader's message, such as `Cannot read pcap record at offset 2930: ...`. */
  message: string;
}

/**
 * The summary of one capture file: what capinfos reports (with its labels turned into
 * camelCase field names) and the protocol counts.
 */
export interface CaptureSummary extends PacketStatistics {
  /** The file name as given, or `null` for a stream. */
  fileName: string | null;
  /** `pcap`, `nsecpcap` (pcap with nanosecond timestamps) or `pcapng`, as `capinfos -M`. */
  fileType: "pcap" | "nsecpcap" | "pcapng";
  /** The file's link type name (`EN10MB`...), or `per-packet` when they differ. */
  fileEncapsulation: string;
  /** `microseconds`, `nanoseconds` or `per-packet` (pcapng interfaces that differ). */
  timestampPrecision: "microseconds" | "nanoseconds" | "per-packet";
  /** The snapshot length of the file header (pcap) or of all interfaces; `null` when not set. */
  snapLength: number | null;
  /** The file size in bytes; `null` when reading a stream. */
  fileSize: number | null;
  /** The interfaces of the file: one for pcap, the Interface Description Blocks of pcapng. */
  interfaces: CaptureInterfaceInfo[];
  /** How many sections the file has: 1 for pcap, the Section Header Blocks read for pcapng. */
  sections: number;
  /**
   * Why the file could not be read to its end (with {@linkcode SummarizeOptions.partial});
   * the figures then count the packets read before the fault. `null` for a whole file.
   */
  readError: CaptureReadError | null;
}

/** Options of {@linkcode summarizeCapture}. */
export interface SummarizeOptions extends DecodeOptions {
  /** Options of the capture reader (chunk size, truncated end...). */
  reader?: CaptureReaderOptions;
  /**
   * Called with the count of bytes of the file read so far, at most about ten times a
   * second (and not at all for small files that read in one go).
   */
  onProgress?: (bytesRead: number) => void;
  /**
   * On a file that is damaged after its header (a truncated or malformed record), return
   * the summary of the packets read before the fault with the fault in `readError`, as
   * capinfos reports "An error occurred after reading N packets", instead of throwing.
   * Default `false`.
   */
  partial?: boolean;
}

/**
 * Reads a whole capture file and summarizes it: capinfos' figures and the count of
 * packets holding each protocol. Memory stays bounded whatever the file size; no
 * allocation is made per packet.
 *
 * @param source A path, an open file or a byte stream (pcap or pcapng).
 * @param options The decode and reader options, and a progress callback.
 * @returns The summary.
 * @throws {CaptureFileError} When the file is not a capture, or is damaged (after reading
 * what it can, unless `reader.allowTruncatedEnd` lets a cut-off last record pass, or
 * `partial` asks for the summary of what was read).
 *
 * @example Summarize a capture held in memory
 * ```ts
 * import { summarizeCapture } from "./capture_summary.ts";
 * import { pcapBytes } from "../formats/pcap.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = new Uint8Array(60);
 * frame.set([0x08, 0x06], 12);
 * const bytes = pcapBytes([
 *   { timestamp: 1_000_000_000n, data: frame },
 *   { timestamp: 1_500_000_000n, data: frame },
 * ]);
 * const summary = await summarizeCapture(ReadableStream.from([bytes]));
 * assert.equal(summary.fileType, "pcap");
 * assert.equal(summary.packets, 2);
 * assert.equal(summary.captureDuration, 0.5);
 * assert.equal(summary.averagePacketRate, 4);
 * assert.equal(summary.protocols.ethernet, 2);
 * ```
 */
export async function summarizeCapture(
  source: CaptureSource,
  options: SummarizeOptions = {},
): Promise<CaptureSummary> {
  const fileName = typeof source === "string" ? source : null;
  const fileSize = typeof source === "string" ? (await Deno.stat(source)).size : null;
  const stats = new CaptureStatistics(options);
  await using reader = await openCapture(source, options.reader);
  const onProgress = options.onProgress;
  let reported = performance.now();
  let readError: CaptureReadError | null = null;
  try {
    for await (const batch of reader.batches({ reuseBuffers: true })) {
      stats.addBatch(batch);
      if (onProgress !== undefined) {
        const now = performance.now();
        if (now - reported >= 100) {
          reported = now;
          onProgress(reader.offset);
        }
      }
    }
  } catch (error) {
    if (!options.partial || !(error instanceof CaptureFileError)) throw error;
    readError = { code: error.code, offset: error.offset, message: error.message };
  }
  const result = stats.result();
  return { fileName, fileSize, ...fileInfo(reader, result), ...result, readError };
}

function fileInfo(
  reader: PcapReader | PcapngReader,
  result: PacketStatistics,
): Omit<CaptureSummary, keyof PacketStatistics | "fileName" | "fileSize" | "readError"> {
  const counted = result.interfacePackets;
  if (reader.format === "pcap") {
    const header = reader.header;
    const nano = header.resolution === "nanoseconds";
    return {
      fileType: nano ? "nsecpcap" : "pcap",
      fileEncapsulation: linkTypeName(header.linkType),
      timestampPrecision: nano ? "nanoseconds" : "microseconds",
      snapLength: header.snapLength === 0 ? null : header.snapLength,
      sections: 1,
      interfaces: [{
        id: 0,
        linkType: header.linkType,
        linkTypeName: linkTypeName(header.linkType),
        snapLength: header.snapLength,
        timestampDigits: nano ? 9 : 6,
        packets: counted[0] ?? 0,
      }],
    };
  }
  const interfaces = reader.section.interfaces.map((description) => {
    const info: CaptureInterfaceInfo = {
      id: description.id,
      linkType: description.linkType,
      linkTypeName: linkTypeName(description.linkType),
      snapLength: description.snapLength,
      timestampDigits: resolutionDigits(description.timestampResolution),
      packets: counted[description.id] ?? 0,
    };
    if (description.name !== undefined) info.name = description.name;
    return info;
  });
  const linkTypes = new Set(interfaces.map((i) => i.linkType));
  const precisions = new Set(
    reader.section.interfaces.map(({ timestampResolution: { base, exponent } }) =>
      base === 10 && exponent === 6
        ? "microseconds"
        : base === 10 && exponent === 9
        ? "nanoseconds"
        : "other"
    ),
  );
  const precision = precisions.size === 1 ? [...precisions][0]! : "per-packet";
  const snapLengths = new Set(interfaces.map((i) => i.snapLength));
  const snapLength = snapLengths.size === 1 ? [...snapLengths][0]! : 0;
  return {
    fileType: "pcapng",
    fileEncapsulation: linkTypes.size === 1 ? linkTypeName([...linkTypes][0]!) : "per-packet",
    timestampPrecision: precision === "other" ? "per-packet" : precision,
    snapLength: snapLength === 0 ? null : snapLength,
    sections: reader.section.index + 1,
    interfaces,
  };
}

/** The decimal digits of a pcapng timestamp resolution: 10^-6 gives 6; binary ones give 9. */
function resolutionDigits({ base, exponent }: { base: number; exponent: number }): number {
  return base === 10 ? Math.min(Math.max(exponent, 0), 9) : 9;
}

/** capinfos' label column: values start at this width. */
const LABEL_WIDTH = 21;
const INDENT = " ".repeat(LABEL_WIDTH);

function line(label: string, value: string): string {
  return `${`${label}:`.padEnd(LABEL_WIDTH - 1)} ${value}`;
}

/**
 * Formats a time in nanoseconds since the epoch as capinfos does, in UTC:
 * `2013-05-30 22:45:17.270862` (six digits, or nine for nanosecond precision).
 *
 * @param timestamp Nanoseconds since the epoch, as a decimal string or a bigint.
 * @param digits Digits of the fraction, 0 to 9 (cut, not rounded): 6 or 9 usually.
 * @returns The time.
 *
 * @example Format a time
 * ```ts
 * import { formatCaptureTime } from "./capture_summary.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatCaptureTime("1369953917270862000", 6), "2013-05-30 22:45:17.270862");
 * assert.equal(formatCaptureTime(1_000_000_001n, 9), "1970-01-01 00:00:01.000000001");
 * ```
 */
export function formatCaptureTime(timestamp: string | bigint, digits: number): string {
  const iso = isoTime(BigInt(timestamp));
  const t = iso.indexOf("T");
  return `${iso.slice(0, t)} ${iso.slice(t + 1, t + (digits === 0 ? 9 : 10 + digits))}`;
}

/**
 * Formats the time from the first to the last packet as capinfos does: whole seconds,
 * then the fraction cut (not rounded) to 6 or 9 digits, from the exact nanosecond times.
 *
 * @param first The first packet time, nanoseconds since the epoch (decimal string or bigint).
 * @param last The last packet time, likewise.
 * @param digits Digits of the fraction, 0 to 9: 6 or 9 usually.
 * @returns The duration, such as `0.202898`, without a unit.
 *
 * @example Format a duration
 * ```ts
 * import { formatCaptureDuration } from "./capture_summary.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatCaptureDuration("1000000000", "2202898999", 6), "1.202898");
 * assert.equal(formatCaptureDuration(5n, 5n, 9), "0.000000000");
 * ```
 */
export function formatCaptureDuration(
  first: string | bigint,
  last: string | bigint,
  digits: number,
): string {
  const nanoseconds = BigInt(last) - BigInt(first);
  const seconds = nanoseconds / 1_000_000_000n;
  if (digits === 0) return `${seconds}`;
  const fraction = `${nanoseconds % 1_000_000_000n}`.padStart(9, "0").slice(0, digits);
  return `${seconds}.${fraction}`;
}

function rate(value: number | null, unit: string): string {
  return value === null ? "n/a" : `${value.toFixed(2)} ${unit}`;
}

/**
 * Formats a summary as capinfos prints it with `-M` (exact numbers), with the same labels,
 * times in UTC, then the packets of each protocol and the decode errors.
 *
 * @param summary The summary, from {@linkcode summarizeCapture}.
 * @returns The text, lines joined by `\n`, no final newline.
 *
 * @example Print a summary
 * ```ts
 * import { formatCaptureSummary, summarizeCapture } from "./capture_summary.ts";
 * import { pcapBytes } from "../formats/pcap.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = pcapBytes([{ timestamp: 0n, data: new Uint8Array(60) }]);
 * const text = formatCaptureSummary(await summarizeCapture(ReadableStream.from([bytes])));
 * assert.match(text, /^Number of packets: {3}1$/m);
 * assert.match(text, /^Data byte rate: {6}n\/a$/m);
 * ```
 */
export function formatCaptureSummary(summary: CaptureSummary): string {
  const digits = summary.timestampPrecision === "nanoseconds" ? 9 : 6;
  const lines: string[] = [];
  lines.push(line("File name", summary.fileName ?? "(stream)"));
  lines.push(line("File type", summary.fileType));
  lines.push(line("File encapsulation", summary.fileEncapsulation));
  if (summary.fileEncapsulation === "per-packet") {
    lines.push("Encapsulation in use by packets (# of pkts):");
    for (const { name, packets } of summary.linkTypes) lines.push(`${INDENT}${name} (${packets})`);
  }
  const precision = summary.timestampPrecision;
  const precisionDigits = precision === "microseconds" ? 6 : precision === "nanoseconds" ? 9 : -1;
  lines.push(`File timestamp precision:  ${precision} (${precisionDigits})`);
  lines.push(
    line(
      "Packet size limit",
      `file hdr: ${summary.snapLength === null ? "(not set)" : `${summary.snapLength} bytes`}`,
    ),
  );
  const cut = summary.inferredSnapLength;
  if (cut !== null) {
    const range = cut.min === cut.max
      ? `${cut.min} bytes`
      : `${cut.min} bytes - ${cut.max} bytes (range)`;
    lines.push(line("Packet size limit", `inferred: ${range}`));
  }
  lines.push(line("Number of packets", `${summary.packets}`));
  if (summary.fileSize !== null) lines.push(line("File size", `${summary.fileSize} bytes`));
  lines.push(line("Data size", `${summary.dataSize} bytes`));
  const first = summary.firstPacketTime;
  const last = summary.lastPacketTime;
  const duration = first === null || last === null
    ? (0).toFixed(digits)
    : formatCaptureDuration(first, last, digits);
  lines.push(line("Capture duration", `${duration} seconds`));
  lines.push(line("First packet time", first === null ? "n/a" : formatCaptureTime(first, digits)));
  lines.push(line("Last packet time", last === null ? "n/a" : formatCaptureTime(last, digits)));
  lines.push(line("Data byte rate", rate(summary.dataByteRate, "bytes/sec")));
  lines.push(line("Data bit rate", rate(summary.dataBitRate, "bits/sec")));
  lines.push(line("Average packet size", rate(summary.averagePacketSize, "bytes")));
  lines.push(line("Average packet rate", rate(summary.averagePacketRate, "packets/sec")));
  lines.push(line("Strict time order", summary.strictTimeOrder ? "True" : "False"));
  lines.push(`Number of interfaces in file: ${summary.interfaces.length}`);
  for (const description of summary.interfaces) {
    lines.push(`Interface #${description.id} info:`);
    if (description.name !== undefined) lines.push(`${INDENT}Name = ${description.name}`);
    lines.push(
      `${INDENT}Encapsulation = ${description.linkTypeName} (${description.linkType})`,
    );
    lines.push(`${INDENT}Capture length = ${description.snapLength}`);
    lines.push(`${INDENT}Number of packets = ${description.packets}`);
  }
  lines.push("Packets by protocol:");
  for (const [kind, packets] of Object.entries(summary.protocols)) {
    lines.push(`${INDENT}${kind} (${packets})`);
  }
  lines.push(`${INDENT}truncated (${summary.decodeErrors.truncated})`);
  lines.push(`${INDENT}malformed (${summary.decodeErrors.malformed})`);
  return lines.join("\n");
}
