/**
 * One stage of `sniff.ts -n -r FILE`, for `print_compare.ts --breakdown`: `read` only reads
 * the batches, `decode` also decodes every packet with a reused {@linkcode PacketParser},
 * `format` also prints each one into the printer's buffer as `tcpdump -n` does (the text is
 * thrown away), `write` also writes the text to standard output, as sniff does. Every
 * stage loads the same modules, so its CPU time less that of a run on a capture with no
 * packet is the stage's own work, and each stage less the one before it is what that step
 * adds.
 *
 * ```sh
 * TZ=UTC deno run --allow-read bench/_print_stages.ts read|decode|format|write FILE
 * ```
 *
 * @module
 */

import { openCapture } from "../lib/formats/open_capture.ts";
import { PacketParser } from "../lib/decode.ts";
import { type PrintRecord, TcpdumpPrinter } from "../lib/print/mod.ts";

/** The stages, each doing what the one before it does and one step more. */
export const STAGES = ["read", "decode", "format", "write"] as const;

/** What {@linkcode runStage} does with the packets. */
export type Stage = typeof STAGES[number];

/** How much text the printer holds before it is taken (and, for `write`, written). */
const FLUSH_AT = 1 << 20;

/**
 * Runs one stage over a capture file.
 *
 * @param stage How far each packet goes.
 * @param file The capture.
 * @returns How many packets were read.
 */
export async function runStage(stage: Stage, file: string): Promise<number> {
  const depth = STAGES.indexOf(stage);
  const parser = new PacketParser();
  const printer = new TcpdumpPrinter({});
  const record: PrintRecord = { seconds: 0, nanoseconds: 0, originalLength: 0, linkType: 1 };
  const flush = () => {
    const text = printer.take();
    for (let done = 0; depth >= 3 && done < text.length;) {
      done += Deno.stdout.writeSync(text.subarray(done));
    }
  };
  let packets = 0;
  await using reader = await openCapture(file);
  for await (const batch of reader.batches({ reuseBuffers: true })) {
    packets += batch.count;
    if (depth < 1) continue;
    for (let i = 0; i < batch.count; i++) {
      const start = batch.offsets[i]!;
      const end = start + batch.capturedLengths[i]!;
      parser.parse(batch.linkTypes[i]!, batch.buffer, start, end, batch.originalLengths[i]!);
      if (depth < 2) continue;
      record.seconds = batch.seconds[i]!;
      record.nanoseconds = batch.nanoseconds[i]!;
      record.originalLength = batch.originalLengths[i]!;
      record.linkType = batch.linkTypes[i]!;
      record.capturedLength = end - start;
      printer.print(parser, record, start);
      if (printer.buffered >= FLUSH_AT) flush();
    }
  }
  flush();
  return packets;
}

if (import.meta.main) {
  const [stage, file] = Deno.args;
  if (!STAGES.includes(stage as Stage) || file === undefined) {
    console.error(`Usage: deno run --allow-read bench/_print_stages.ts ${STAGES.join("|")} FILE`);
    Deno.exit(2);
  }
  await runStage(stage as Stage, file);
}
