/**
 * The reports of capinfos (Wireshark 4.0) for its size, time and hash flags: `-c` packet
 * count, `-s` file size, `-d` data size, `-u` duration, `-a` first and `-e` last packet
 * time, `-H` SHA256, RIPEMD160 and SHA1 of the file; in its long form (`-L`, with SI
 * abbreviations unless `-M`) or as a table (`-T`, a tab between columns, with or without
 * its header line). The lines are capinfos' own, byte for byte, with times in UTC.
 *
 * @module
 */

import {
  type CaptureSummary,
  formatCaptureDuration,
  formatCaptureTime,
} from "./capture_summary.ts";

/** A capinfos field: `-c`, `-s`, `-d`, `-u`, `-a`, `-e` and `-H`, in capinfos' order. */
export type CapinfosField =
  | "packets"
  | "fileSize"
  | "dataSize"
  | "duration"
  | "startTime"
  | "endTime"
  | "hashes";

/** Every field, in the order capinfos prints them. */
export const CAPINFOS_FIELDS: readonly CapinfosField[] = [
  "packets",
  "fileSize",
  "dataSize",
  "duration",
  "startTime",
  "endTime",
  "hashes",
];

/** The digests `-H` prints (kernel names, as `digestFile()` takes them), in its order. */
export const CAPINFOS_DIGESTS = ["sha256", "rmd160", "sha1"] as const;

/** The file digests of `-H`, lowercase hex, keyed by {@linkcode CAPINFOS_DIGESTS}. */
export type CapinfosDigests = Readonly<Record<(typeof CAPINFOS_DIGESTS)[number], string>>;

/** Options of {@linkcode formatCapinfosReport} and {@linkcode formatCapinfosRow}. */
export interface CapinfosReportOptions {
  /** The fields to print; capinfos' order is kept whatever the order here. */
  fields: readonly CapinfosField[];
  /** capinfos `-M`: exact counts and sizes instead of SI abbreviations (long form only). */
  machineReadable?: boolean;
  /** The file digests for `hashes`; capinfos prints `<unknown>` without them. */
  digests?: CapinfosDigests;
}

const DIGEST_LABELS: Readonly<Record<(typeof CAPINFOS_DIGESTS)[number], string>> = {
  sha256: "SHA256",
  rmd160: "RIPEMD160",
  sha1: "SHA1",
};

const TABLE_LABELS: Readonly<Record<Exclude<CapinfosField, "hashes">, string>> = {
  packets: "Number of packets",
  fileSize: "File size (bytes)",
  dataSize: "Data size (bytes)",
  duration: "Capture duration (seconds)",
  startTime: "Start time",
  endTime: "End time",
};

/**
 * Formats a count as Wireshark's `format_size()` does with SI prefixes: below 10,000 the
 * number itself, else the count of thousands (millions...) cut to a whole number, then
 * ` k`, ` M`, ` G` or ` T`; with the unit `bytes`, `1156 kB` or `480 bytes`.
 *
 * @param size The count.
 * @param unit `bytes`, or none.
 * @returns The text.
 *
 * @example Sizes and counts
 * ```ts
 * import { formatSiSize } from "./capinfos_report.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatSiSize(480, "bytes"), "480 bytes");
 * assert.equal(formatSiSize(1_156_760, "bytes"), "1156 kB");
 * assert.equal(formatSiSize(9999), "9999");
 * assert.equal(formatSiSize(12_345_678), "12 M");
 * ```
 */
export function formatSiSize(size: number, unit?: "bytes"): string {
  let value = Math.trunc(size);
  let prefix = "";
  for (const next of [" k", " M", " G", " T"]) {
    if (Math.trunc(value / 1000) < 10) break;
    value = Math.trunc(value / 1000);
    prefix = next;
  }
  if (unit === undefined) return `${value}${prefix}`;
  return prefix === "" ? `${value} bytes` : `${value}${prefix}B`;
}

/**
 * The fraction digits of a packet's time, from its interface's timestamp resolution, as
 * capinfos prints each time with the precision of its own packet.
 */
function digits(summary: CaptureSummary, interfaceId: number | null): number {
  const found = summary.interfaces.find((description) => description.id === interfaceId);
  return found?.timestampDigits ?? (summary.timestampPrecision === "nanoseconds" ? 9 : 6);
}

/** The duration without a unit, or `n/a` without packets. */
function duration(summary: CaptureSummary): string {
  const { firstPacketTime: first, lastPacketTime: last } = summary;
  if (summary.packets === 0 || first === null || last === null) return "n/a";
  const precision = Math.max(
    digits(summary, summary.firstPacketInterface),
    digits(summary, summary.lastPacketInterface),
  );
  return formatCaptureDuration(first, last, precision);
}

function time(summary: CaptureSummary, which: "first" | "last"): string {
  const timestamp = which === "first" ? summary.firstPacketTime : summary.lastPacketTime;
  const interfaceId = which === "first"
    ? summary.firstPacketInterface
    : summary.lastPacketInterface;
  return summary.packets === 0 || timestamp === null
    ? "n/a"
    : formatCaptureTime(timestamp, digits(summary, interfaceId));
}

function selected(options: CapinfosReportOptions): Set<CapinfosField> {
  return new Set(options.fields);
}

/**
 * Formats a summary as capinfos' long report prints the chosen fields (`capinfos -c -s
 * ...`): the file name, the inferred packet size limit when packets were cut short (which
 * capinfos 4.0 prints whatever the flags), one line per field, then, for a pcapng file of
 * several sections, capinfos' `Section N:` heads.
 *
 * @param summary The summary, from `summarizeCapture()`.
 * @param options The fields, `-M`, and the digests for `-H`.
 * @returns The lines, joined by `\n`, without a final newline.
 *
 * @example Packet count and file size, abbreviated and exact
 * ```ts
 * import { formatCapinfosReport } from "./capinfos_report.ts";
 * import { summarizeCapture } from "./capture_summary.ts";
 * import assert from "node:assert/strict";
 *
 * const file = new URL("../../testdata/lo_ping.pcap", import.meta.url).pathname;
 * const summary = await summarizeCapture(file);
 * const fields = ["packets", "fileSize"] as const;
 * assert.equal(
 *   formatCapinfosReport(summary, { fields }),
 *   `File name:           ${file}\nNumber of packets:   4\nFile size:           480 bytes`,
 * );
 * ```
 */
export function formatCapinfosReport(
  summary: CaptureSummary,
  options: CapinfosReportOptions,
): string {
  const fields = selected(options);
  const exact = options.machineReadable === true;
  const lines = [`File name:           ${summary.fileName ?? "(stream)"}`];
  const cut = summary.inferredSnapLength;
  if (cut !== null) {
    lines.push(
      cut.min === cut.max
        ? `Packet size limit:   inferred: ${cut.min} bytes`
        : `Packet size limit:   inferred: ${cut.min} bytes - ${cut.max} bytes (range)`,
    );
  }
  if (fields.has("packets")) {
    const count = exact ? `${summary.packets}` : formatSiSize(summary.packets);
    lines.push(`Number of packets:   ${count}`);
  }
  if (fields.has("fileSize")) {
    const size = summary.fileSize;
    const text = size === null ? "n/a" : exact ? `${size} bytes` : formatSiSize(size, "bytes");
    lines.push(`File size:           ${text}`);
  }
  if (fields.has("dataSize")) {
    const size = summary.dataSize;
    lines.push(`Data size:           ${exact ? `${size} bytes` : formatSiSize(size, "bytes")}`);
  }
  if (fields.has("duration")) {
    const text = duration(summary);
    lines.push(`Capture duration:    ${text}${text === "n/a" ? "" : " seconds"}`);
  }
  if (fields.has("startTime")) {
    lines.push(`First packet time:   ${time(summary, "first")}`);
  }
  if (fields.has("endTime")) {
    lines.push(`Last packet time:    ${time(summary, "last")}`);
  }
  if (fields.has("hashes")) {
    for (const algorithm of CAPINFOS_DIGESTS) {
      const label = `${DIGEST_LABELS[algorithm]}:`.padEnd(21);
      lines.push(`${label}${options.digests?.[algorithm] ?? "<unknown>"}`);
    }
  }
  // capinfos heads each section's (here empty) details when there are several.
  if (summary.sections > 1) {
    for (let i = 0; i < summary.sections; i++) lines.push(`Section ${i}:`, "");
  }
  return lines.join("\n");
}

/**
 * The header line of capinfos' table report (`-T`) for the chosen fields.
 *
 * @param fields The fields; capinfos' order is kept.
 * @returns The labels, separated by tabs.
 *
 * @example The header of `capinfos -T -c -s`
 * ```ts
 * import { capinfosTableHeader } from "./capinfos_report.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   capinfosTableHeader(["fileSize", "packets"]),
 *   "File name\tNumber of packets\tFile size (bytes)",
 * );
 * ```
 */
export function capinfosTableHeader(fields: readonly CapinfosField[]): string {
  const chosen = new Set(fields);
  const labels = ["File name"];
  for (const field of CAPINFOS_FIELDS) {
    if (!chosen.has(field)) continue;
    if (field === "hashes") labels.push(...CAPINFOS_DIGESTS.map((a) => DIGEST_LABELS[a]));
    else labels.push(TABLE_LABELS[field]);
  }
  return labels.join("\t");
}

/**
 * One row of capinfos' table report (`-T`): exact numbers, the duration without a unit,
 * `n/a` for the times of a file without packets.
 *
 * @param summary The summary, from `summarizeCapture()`.
 * @param options The fields and the digests for `hashes` (`machineReadable` changes
 *   nothing in a table, as in capinfos).
 * @returns The values, separated by tabs.
 *
 * @example A row
 * ```ts
 * import { formatCapinfosRow } from "./capinfos_report.ts";
 * import { summarizeCapture } from "./capture_summary.ts";
 * import assert from "node:assert/strict";
 *
 * const file = new URL("../../testdata/lo_ping.pcap", import.meta.url).pathname;
 * const summary = await summarizeCapture(file);
 * assert.equal(
 *   formatCapinfosRow(summary, { fields: ["packets", "duration"] }),
 *   `${file}\t4\t0.202898`,
 * );
 * ```
 */
export function formatCapinfosRow(summary: CaptureSummary, options: CapinfosReportOptions): string {
  const fields = selected(options);
  const values = [summary.fileName ?? "(stream)"];
  for (const field of CAPINFOS_FIELDS) {
    if (!fields.has(field)) continue;
    switch (field) {
      case "packets":
        values.push(`${summary.packets}`);
        break;
      case "fileSize":
        values.push(summary.fileSize === null ? "n/a" : `${summary.fileSize}`);
        break;
      case "dataSize":
        values.push(`${summary.dataSize}`);
        break;
      case "duration":
        values.push(duration(summary));
        break;
      case "startTime":
        values.push(time(summary, "first"));
        break;
      case "endTime":
        values.push(time(summary, "last"));
        break;
      case "hashes":
        for (const algorithm of CAPINFOS_DIGESTS) {
          values.push(options.digests?.[algorithm] ?? "<unknown>");
        }
        break;
    }
  }
  return values.join("\t");
}
