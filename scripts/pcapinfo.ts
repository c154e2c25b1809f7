/**
 * pcapinfo: what a capture file holds, as Wireshark's `capinfos` reports it (file type,
 * link types, interfaces, packet count, data size, duration, first and last packet
 * times, rates, snapshot length), then how many packets contain each decoded protocol,
 * and how many stopped at a truncated or malformed header.
 *
 * Run it with read permission only:
 *
 * ```sh
 * deno run --allow-read scripts/pcapinfo.ts [--packets] [--json] FILE...
 * deno run --allow-read scripts/pcapinfo.ts [-c] [-s] [-d] [-u] [-a] [-e] [-H] [-T [-r]] [-M] FILE...
 * ```
 *
 * - `--packets` prints a one-line, `tcpdump -n -S` style summary of every packet first.
 * - `--json` prints one JSON object per file, one per line (JSON lines; for several files,
 *   read them line by line): `packets`, `protocols` (`{ kind: packets }`), `decodeErrors`,
 *   `readError` and the capinfos figures, times as nanoseconds since the epoch in decimal
 *   strings.
 * - capinfos' flags print only the fields they select, in capinfos 4.0's layout, byte for
 *   byte: `-c` packet count, `-s` file size, `-d` data size, `-u` capture duration, `-a`
 *   first and `-e` last packet time, `-H` the file's SHA256, RIPEMD160 and SHA1. Like
 *   capinfos, the long report abbreviates counts and sizes (`1156 kB`) unless `-M`, and
 *   adds the inferred packet size limit when packets were cut short, whatever the flags.
 *   `-T` prints a table instead: one tab-separated row per file after a header line
 *   (printed once; `-r` leaves it out); without field flags it has all seven fields (capinfos
 *   would add its other columns). `-M` alone keeps the default report, whose numbers are
 *   already exact. These flags do not combine with `--json`.
 *
 * A damaged file (cut short, or with an impossible record) is reported as capinfos
 * reports a cut-off one: `pcapinfo: An error occurred after reading N packets from
 * "FILE".`, the reason, `  (will continue anyway, checksums might be incorrect)` on
 * stderr, then the statistics of the packets read, and exit status 1. (capinfos 4.0
 * prints no statistics for a file with an impossible record and exits with 2.) A file that
 * is not a capture at all is one line, `Cannot read FILE: reason`, and exit status 1
 * (capinfos: its own message, and 2). All times are UTC
 * (capinfos prints local time: run it with `TZ=UTC` to compare). Where wirekit's figures
 * differ from capinfos 4.0's: pcapng Simple Packet Blocks, which have no time, count as
 * time 0 (capinfos leaves out the times of such a file), and a pcap timestamp whose
 * fraction is out of range is carried into the seconds (capinfos prints it as it is).
 *
 * A progress bar is drawn on stderr for files over 64 MiB when stderr is a terminal.
 *
 * @module
 */

import { requirePermissions } from "./_permissions.ts";
import { forEachFile, parseOrExit, writeStdout } from "./_cli.ts";
import {
  type CaptureSummary,
  formatCaptureSummary,
  summarizeCapture,
} from "../lib/stats/capture_summary.ts";
import {
  CAPINFOS_DIGESTS,
  CAPINFOS_FIELDS,
  type CapinfosField,
  type CapinfosReportOptions,
  capinfosTableHeader,
  formatCapinfosReport,
  formatCapinfosRow,
} from "../lib/stats/capinfos_report.ts";
import { CaptureFileError } from "../lib/formats/errors.ts";
import { jsonReplacer } from "../lib/output/json.ts";
import { clearProgress, progressBar } from "./_progress.ts";

const ARGS = "[--packets] [--json] [-c] [-s] [-d] [-u] [-a] [-e] [-H] [-T [-r]] [-M] FILE...";
const USAGE = `Usage: deno run --allow-read scripts/pcapinfo.ts ${ARGS}`;
const HELP = [
  { flags: "--packets", text: "print a one-line summary of every packet first" },
  { flags: "--json", text: "one JSON object per file (JSON lines)" },
  { flags: "-c", text: "display the number of packets (capinfos' layout, as each flag below)" },
  { flags: "-s", text: "display the size of the file (in bytes)" },
  { flags: "-d", text: "display the total length of all packets (in bytes)" },
  { flags: "-u", text: "display the capture duration (in seconds)" },
  { flags: "-a", text: "display the capture start time" },
  { flags: "-e", text: "display the capture end time" },
  { flags: "-H", text: "display the SHA256, RIPEMD160, and SHA1 hashes of the file" },
  { flags: "-T", text: "generate table report (tab-separated, with a header line)" },
  { flags: "-r", text: "do not generate header record (with -T)" },
  { flags: "-M", text: "display machine-readable values in long reports" },
  { flags: "-h, --help", text: "print this help and exit" },
];
/** capinfos' flag of each field. */
const FIELD_FLAGS = {
  packets: "c",
  fileSize: "s",
  dataSize: "d",
  duration: "u",
  startTime: "a",
  endTime: "e",
  hashes: "H",
} as const satisfies Record<CapinfosField, string>;
const PROGRESS_THRESHOLD = 64 * 1024 * 1024;

/**
 * Prints the one-line summary of every packet of a file. The printers are imported here,
 * on demand: the summary alone does not load them (about half the modules of the script).
 */
async function printPackets(file: string): Promise<void> {
  const [{ openCapture }, { PacketParser }, { packetSummary }] = await Promise.all([
    import("../lib/formats/open_capture.ts"),
    import("../lib/decode.ts"),
    import("../lib/print/mod.ts"),
  ]);
  const parser = new PacketParser();
  const encoder = new TextEncoder();
  await using reader = await openCapture(file);
  // A damaged file's packets are printed up to the fault; the summary reports the fault.
  const batches = reader.batches({ reuseBuffers: true });
  for await (const batch of ignoreFault(batches)) {
    let text = "";
    for (let i = 0; i < batch.count; i++) {
      const offset = batch.offsets[i]!;
      parser.parse(batch.linkTypes[i]!, batch.buffer, offset, offset + batch.capturedLengths[i]!);
      text += packetSummary(parser, {
        timestamp: batch.timestamp(i),
        originalLength: batch.originalLengths[i]!,
      }, { start: offset }) + "\n";
    }
    writeStdout(encoder.encode(text));
  }
}

/** The batches of a reader up to a fault in the file, then stop without throwing. */
async function* ignoreFault<T>(batches: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* batches;
  } catch (error) {
    if (!(error instanceof CaptureFileError)) throw error;
  }
}

/** capinfos' lines for a file read up to a fault, on stderr. */
function reportFault(file: string, summary: CaptureSummary): void {
  const fault = summary.readError;
  if (fault === null) return;
  console.error(
    `pcapinfo: An error occurred after reading ${summary.packets} packets from "${file}".`,
  );
  if (fault.code === "truncated") {
    console.error(
      `pcapinfo: The file "${file}" appears to have been cut short in the middle of a packet.`,
    );
  } else {
    console.error(
      fault.code === "unsupported"
        ? `pcapinfo: The file "${file}" contains record data that pcapinfo doesn't support.`
        : `pcapinfo: The file "${file}" appears to be damaged or corrupt.`,
    );
    console.error(`(${fault.message})`);
  }
  console.error("  (will continue anyway, checksums might be incorrect)");
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseOrExit(
    args,
    {
      packets: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      c: { type: "boolean", short: "c", default: false },
      s: { type: "boolean", short: "s", default: false },
      d: { type: "boolean", short: "d", default: false },
      u: { type: "boolean", short: "u", default: false },
      a: { type: "boolean", short: "a", default: false },
      e: { type: "boolean", short: "e", default: false },
      H: { type: "boolean", short: "H", default: false },
      T: { type: "boolean", short: "T", default: false },
      r: { type: "boolean", short: "r", default: false },
      M: { type: "boolean", short: "M", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    USAGE,
    HELP,
  );
  if (positionals.length === 0) {
    console.error(USAGE);
    return 2;
  }
  const chosen = CAPINFOS_FIELDS.filter((field) => values[FIELD_FLAGS[field]] === true);
  const table = values.T;
  const capinfos = chosen.length > 0 || table;
  if (values.json && (capinfos || values.M)) {
    console.error("Cannot parse arguments: --json does not combine with capinfos' flags");
    console.error(USAGE);
    return 2;
  }
  requirePermissions({
    script: "scripts/pcapinfo.ts",
    usage: "[--packets] [--json] FILE...",
    needs: positionals.map((path) => ({ name: "read", path })),
  });
  const fields = chosen.length === 0 ? CAPINFOS_FIELDS : chosen;
  let header = table && !values.r;
  let damaged = false;
  const status = await forEachFile(positionals, async (file, index) => {
    if (values.packets) await printPackets(file);
    const size = (await Deno.stat(file)).size;
    const onProgress = progressBar(file, size, PROGRESS_THRESHOLD);
    let summary: CaptureSummary;
    try {
      summary = await summarizeCapture(
        file,
        onProgress === undefined ? { partial: true } : { partial: true, onProgress },
      );
    } finally {
      if (onProgress !== undefined) clearProgress();
    }
    reportFault(file, summary);
    if (summary.readError !== null) damaged = true;
    if (values.json) {
      console.log(JSON.stringify(summary, jsonReplacer));
      return;
    }
    if (!table && (index > 0 || values.packets)) console.log("");
    if (!capinfos) {
      console.log(formatCaptureSummary(summary));
      return;
    }
    const options: CapinfosReportOptions = { fields, machineReadable: values.M };
    if (fields.includes("hashes")) {
      // The hashes (node:crypto) are imported for -H only, as the printers for --packets.
      const { digestFile } = await import("../lib/crypto/digest_file.ts");
      options.digests = await digestFile(file, CAPINFOS_DIGESTS);
    }
    if (!table) {
      console.log(formatCapinfosReport(summary, options));
      return;
    }
    if (header) console.log(capinfosTableHeader(fields));
    header = false;
    console.log(formatCapinfosRow(summary, options));
  });
  return damaged ? 1 : status;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
