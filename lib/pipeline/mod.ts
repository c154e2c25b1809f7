/**
 * tcpdump's pipeline as library functions, for files and live captures: open a capture
 * (a file, standard input, gzip or xz compressed), filter it, and print it as tcpdump
 * does, write JSON lines, count it, or dump it to rotated pcap files. `scripts/sniff.ts`
 * is this module's command line.
 *
 * @example Print a gzip-compressed capture as `tcpdump -n -r` does
 * ```ts ignore
 * import { openCaptureInput, readingFromLine, readerLinkType, runPipeline } from "./mod.ts";
 *
 * const input = await openCaptureInput("capture.pcap.gz");
 * await using _ = input.reader;
 * const header = readerLinkType(input.reader);
 * if (header) console.error(readingFromLine(input.name, header.linkType, header.snapLength));
 * await runPipeline(input.reader.batches({ reuseBuffers: true }), {
 *   output: { kind: "print", printer: {} },
 *   write: (bytes) => Deno.stdout.write(bytes).then(() => {}),
 * });
 * ```
 *
 * @module
 */

export * from "./source.ts";
export * from "./snapshot.ts";
export * from "./filter.ts";
export * from "./dump.ts";
export * from "./print.ts";
export * from "./live.ts";
export * from "./sandbox.ts";
