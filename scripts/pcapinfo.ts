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
 * ```
 *
 * - `--packets` prints a one-line, `tcpdump -n -S` style summary of every packet first.
 * - `--json` prints one JSON object per file, one per line (JSON lines; for several files,
 *   read them line by line): `packets`, `protocols` (`{ kind: packets }`), `decodeErrors`
 *   and the capinfos figures, times as nanoseconds since the epoch in decimal strings.
 *
 * Times are printed in UTC. A progress bar is drawn on stderr for files over 64 MiB when
 * stderr is a terminal.
 *
 * @module
 */

import { requirePermissions } from "./_permissions.ts";
import { parseOrExit } from "./_cli.ts";
import {
  type CaptureSummary,
  formatCaptureSummary,
  summarizeCapture,
} from "../lib/stats/capture_summary.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { PacketParser } from "../lib/decode.ts";
import { packetSummary } from "../lib/print/mod.ts";
import { jsonReplacer } from "../lib/output/json.ts";
import { clearProgress, progressBar } from "./_progress.ts";

const USAGE = "Usage: deno run --allow-read scripts/pcapinfo.ts [--packets] [--json] FILE...";
const HELP = [
  { flags: "--packets", text: "print a one-line summary of every packet first" },
  { flags: "--json", text: "one JSON object per file (JSON lines)" },
  { flags: "-h, --help", text: "print this help and exit" },
];
const PROGRESS_THRESHOLD = 64 * 1024 * 1024;

/** Prints the one-line summary of every packet of a file. */
async function printPackets(file: string): Promise<void> {
  const parser = new PacketParser();
  const encoder = new TextEncoder();
  await using reader = await openCapture(file);
  for await (const batch of reader.batches({ reuseBuffers: true })) {
    let text = "";
    for (let i = 0; i < batch.count; i++) {
      const offset = batch.offsets[i]!;
      parser.parse(batch.linkTypes[i]!, batch.buffer, offset, offset + batch.capturedLengths[i]!);
      text += packetSummary(parser, {
        timestamp: batch.timestamp(i),
        originalLength: batch.originalLengths[i]!,
      }, { start: offset }) + "\n";
    }
    await Deno.stdout.write(encoder.encode(text));
  }
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseOrExit(
    args,
    {
      packets: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    USAGE,
    HELP,
  );
  if (positionals.length === 0) {
    console.error(USAGE);
    return 2;
  }
  requirePermissions({
    script: "scripts/pcapinfo.ts",
    usage: "[--packets] [--json] FILE...",
    needs: positionals.map((path) => ({ name: "read", path })),
  });
  let status = 0;
  for (const [index, file] of positionals.entries()) {
    try {
      if (values.packets) await printPackets(file);
      const size = (await Deno.stat(file)).size;
      const onProgress = progressBar(file, size, PROGRESS_THRESHOLD);
      let summary: CaptureSummary;
      try {
        summary = await summarizeCapture(file, onProgress === undefined ? {} : { onProgress });
      } finally {
        if (onProgress !== undefined) clearProgress();
      }
      if (values.json) {
        console.log(JSON.stringify(summary, jsonReplacer));
      } else {
        if (index > 0 || values.packets) console.log("");
        console.log(formatCaptureSummary(summary));
      }
    } catch (error) {
      console.error(`Cannot read ${file}: ${error instanceof Error ? error.message : error}`);
      status = 1;
    }
  }
  return status;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
