/**
 * The packet pipeline: batches of packets from a file or a live capture, filtered, then
 * printed as tcpdump prints them, written as JSON lines, counted (`--count`), or dumped to
 * pcap files ({@linkcode DumpWriter}). This is the one module of the pipeline that uses
 * the tcpdump printer.
 *
 * @module
 */

import type { CaptureBatch } from "../formats/capture_reader.ts";
import { LayerParser } from "../packet_parser.ts";
import type { TcpdumpOptions, TimestampFormat } from "../print/context.ts";
import { PrinterCore, type PrintRecord } from "../print/_printer_core.ts";
import { commonPrinters } from "../print/_common_printers.ts";
import { DeferredProtocols } from "./_deferred_protocols.ts";
import { packetTypeBinding } from "../print/packet_type.ts";
import { tcpdumpPortChoice } from "../print/transport/_empty_payload.ts";
import type { PacketSink } from "./dump.ts";
import type { PacketFilter } from "./filter.ts";

export type { TcpdumpOptions, TimestampFormat };

/** How much printed text to hold before writing it out. */
const FLUSH_AT = 1 << 20;

/** What {@linkcode runPipeline} does with each packet. */
export type PipelineOutput =
  | { kind: "print"; printer: TcpdumpOptions }
  | { kind: "json" }
  | { kind: "count" }
  | { kind: "dump"; dump: PacketSink };

/** Options of {@linkcode runPipeline}. */
export interface PipelineOptions {
  /** Print, JSON, count or dump. */
  output: PipelineOutput;
  /** Writes text (printing, JSON) to standard output. */
  write(bytes: Uint8Array): Promise<void> | void;
  /** Only packets this filter accepts (wirekit's readers; libpcap filters live captures). */
  filter?: PacketFilter;
  /** The most packets to handle (`-c`; default all). */
  count?: number;
  /** `-U`: flush the dump after every batch (a live sandbox needs it too). */
  packetBuffered?: boolean;
  /** Stops after the current batch, as Ctrl-C does. */
  signal?: AbortSignal;
  /** Called when the first batch comes (for tcpdump's pcapng banner). */
  onFirstBatch?: () => void;
}

/**
 * The tcpdump printer options of `-t` counts: none, `-t`, `-tt`, `-ttt`, `-tttt`, `-ttttt`.
 *
 * @param t How many `-t` (more than 5 count as 5).
 * @returns The timestamp format.
 *
 * @example `-tttt` prints the date
 * ```ts
 * import { timestampFormat } from "./print.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(timestampFormat(4), "date");
 * ```
 */
export function timestampFormat(t: number): TimestampFormat {
  const formats: readonly TimestampFormat[] = [
    "time",
    "none",
    "unix",
    "delta",
    "date",
    "since-first",
  ];
  return formats[Math.min(Math.max(t, 0), 5)]!;
}

/**
 * The most layers the printer decodes in one packet: enough for every header tcpdump
 * prints in a frame of 65535 bytes of 8-byte IPv6 extension headers, still a guard
 * against an endless chain.
 */
const PRINT_MAX_LAYERS = 8192;

/**
 * Runs packets through the pipeline: each packet (up to `count`, that the filter accepts)
 * is printed as tcpdump prints it, written as a JSON line, counted, or dumped. Printed text
 * is written batch by batch (live packets show as they arrive) and at least every MiB.
 *
 * @param source The batches (a reader's `batches()`, a live capture's).
 * @param options What to do with the packets, and where the text goes.
 * @returns How many packets were handled (the count that `--count` prints).
 *
 * @example Print the packets of a file as `tcpdump -n -tt` does
 * ```ts
 * import { runPipeline } from "./print.ts";
 * import { openCapture } from "../formats/open_capture.ts";
 * import { pcapBytes } from "../formats/pcap.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = new Uint8Array(60);
 * frame.set([0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0, 1], 12); // an ARP request
 * await using reader = await openCapture(ReadableStream.from([pcapBytes([
 *   { timestamp: 1_000_000_000n, data: frame },
 * ])]));
 * let text = "";
 * const handled = await runPipeline(reader.batches(), {
 *   output: { kind: "print", printer: { timestamps: "unix" } },
 *   write: (bytes) => {
 *     text += new TextDecoder().decode(bytes);
 *   },
 * });
 * assert.equal(handled, 1);
 * assert.match(text, /^1\.000000 ARP, Request who-has 0\.0\.0\.0 tell 0\.0\.0\.0, length 46\n$/);
 * ```
 */
export async function runPipeline(
  source: AsyncIterable<CaptureBatch>,
  options: PipelineOptions,
): Promise<number> {
  const output = options.output;
  // The decoders and printers of rare protocols load with the first packet that needs
  // one: JSON lines, which have no such pause, load them all first.
  const deferred = new DeferredProtocols();
  // tcpdump picks the printer of a packet with two known ports in its own order.
  if (output.kind === "print") deferred.registry.portChoice = tcpdumpPortChoice;
  const printer = output.kind !== "print"
    ? undefined
    : output.printer.packetType === undefined
    ? new PrinterCore(output.printer, commonPrinters, deferred.registry, deferred)
    : await packetTypePrinter(output.printer, deferred);
  const dump = output.kind === "dump" ? output.dump : undefined;
  const json = output.kind === "json";
  // JSON lines load their writer, and every protocol, before the first packet.
  const toJsonLine = json
    ? (await Promise.all([import("../output/json.ts"), deferred.load()]))[0].packetToJsonLine
    : undefined;
  // tcpdump prints every header of a packet: a chain of IPv6 extension headers longer
  // than the parser's default limit (32 layers) included.
  const parser = printer !== undefined
    ? new LayerParser({ registry: printer.registry, maxLayers: PRINT_MAX_LAYERS })
    : json
    ? new LayerParser({ registry: deferred.registry })
    : undefined;
  const filter = options.filter;
  const limit = options.count ?? Infinity;
  const packets = printer !== undefined
    ? new PacketPrinter(printer, parser!, filter, limit)
    : undefined;
  const encoder = new TextEncoder();
  const signal = options.signal;
  let seen = 0;
  let text = "";
  const flush = async () => {
    if (text !== "") {
      await options.write(encoder.encode(text));
      text = "";
    }
    if (printer !== undefined && printer.buffered > 0) await options.write(printer.take());
  };
  try {
    let first = true;
    outer: for await (const batch of source) {
      if (first) {
        first = false;
        options.onFirstBatch?.();
      }
      const count = batch.count;
      const buffer = batch.buffer;
      if (dump?.writeBatch !== undefined && filter === undefined) {
        // The whole batch (up to -c) in one go: no allocation per packet.
        seen += await dump.writeBatch(batch, 0, Math.min(count, limit - seen), seen);
        if (dump.limitReached) break;
      } else if (packets !== undefined) {
        let i = 0;
        while ((i = packets.printBatch(batch, i)) < count && packets.seen < limit) {
          if (packets.declined) {
            packets.declined = false;
            await printer!.loadRest();
          } else await options.write(printer!.take());
        }
        seen = packets.seen;
      } else {
        for (let i = 0; i < count; i++) {
          if (seen >= limit) break outer;
          const start = batch.offsets[i]!;
          const end = start + batch.capturedLengths[i]!;
          const linkType = batch.linkTypes[i]!;
          if (
            filter !== undefined &&
            !filter.matches(linkType, buffer.subarray(start, end), batch.originalLengths[i]!)
          ) {
            continue;
          }
          seen++;
          if (dump !== undefined) {
            // A sink that takes batches gets the record as the batch holds it (an invalid
            // timestamp's raw fields too).
            const more = dump.writeBatch === undefined
              ? await dump.write({
                timestamp: batch.timestamp(i),
                data: buffer.subarray(start, end),
                originalLength: batch.originalLengths[i]!,
                linkType,
                interfaceId: batch.interfaceIds[i]!,
              }, seen)
              : await dump.writeBatch(batch, i, i + 1, seen - 1) === 1 && !dump.limitReached;
            if (!more) break outer;
            continue;
          }
          if (!json) continue; // --count
          // Offsets in the JSON (TCP options, errors) count from the packet's first byte, as
          // decode() counts them, wherever the packet lies in the batch.
          parser!.parse(
            linkType,
            buffer.subarray(start, end),
            0,
            end - start,
            batch.originalLengths[i]!,
          );
          text += toJsonLine!({
            timestamp: batch.timestamp(i),
            capturedLength: end - start,
            originalLength: batch.originalLengths[i]!,
            interfaceId: batch.interfaceIds[i]!,
            linkType,
          }, parser!) + "\n";
          if (text.length >= FLUSH_AT) await flush();
        }
      }
      // Live packets are shown (or flushed with -U) batch by batch, as they arrive.
      await flush();
      if (options.packetBuffered === true) await dump?.flush();
      if (signal?.aborted === true || seen >= limit) break;
    }
  } finally {
    await flush();
  }
  return seen;
}

/**
 * The printing loop of {@linkcode runPipeline}, in a plain method: a loop in an async
 * function is left at every `await`, and V8 optimises it less well.
 */
class PacketPrinter {
  /** Packets the filter accepted so far (up to the limit). */
  seen = 0;
  /** The last batch stopped at a packet that needs what the printer's `loadRest()` loads. */
  declined = false;
  readonly #printer: PrinterCore;
  readonly #parser: LayerParser;
  readonly #filter: PacketFilter | undefined;
  readonly #limit: number;
  readonly #record: PrintRecord = {
    seconds: 0,
    nanoseconds: 0,
    originalLength: 0,
    linkType: 1,
    capturedLength: 0,
    oversized: undefined,
  };

  constructor(
    printer: PrinterCore,
    parser: LayerParser,
    filter: PacketFilter | undefined,
    limit: number,
  ) {
    this.#printer = printer;
    this.#parser = parser;
    this.#filter = filter;
    this.#limit = limit;
  }

  /**
   * Prints the packets of a batch from `first` on, until the printer holds
   * {@linkcode FLUSH_AT} bytes, the limit is reached, or a packet needs decoders or
   * printers not loaded yet (`declined`).
   *
   * @returns The index of the first packet not printed.
   */
  printBatch(batch: CaptureBatch, first: number): number {
    const { buffer, offsets, capturedLengths, originalLengths, linkTypes } = batch;
    const oversized = batch.oversizedFractions;
    const printer = this.#printer, parser = this.#parser, record = this.#record;
    const filter = this.#filter;
    for (let i = first; i < batch.count && this.seen < this.#limit; i++) {
      const start = offsets[i]!;
      const end = start + capturedLengths[i]!;
      const linkType = linkTypes[i]!;
      if (
        filter !== undefined &&
        !filter.matches(linkType, buffer.subarray(start, end), originalLengths[i]!)
      ) {
        continue;
      }
      parser.parse(linkType, buffer, start, end, originalLengths[i]!);
      record.seconds = batch.seconds[i]!;
      record.nanoseconds = batch.nanoseconds[i]!;
      record.originalLength = originalLengths[i]!;
      record.linkType = linkType;
      record.capturedLength = end - start;
      record.oversized = oversized.size === 0 ? undefined : oversized.get(i);
      if (!printer.print(parser, record, start)) {
        this.declined = true;
        return i;
      }
      this.seen++;
      if (printer.buffered >= FLUSH_AT) return i + 1;
    }
    return batch.count;
  }
}

/**
 * The printer of tcpdump's `-T`: every protocol loaded first, and a registry that decodes
 * every UDP and TCP payload as the type says.
 */
async function packetTypePrinter(
  options: TcpdumpOptions,
  deferred: DeferredProtocols,
): Promise<PrinterCore> {
  const binding = packetTypeBinding(options.packetType!);
  const [{ packetTypeRegistry }, rare] = await Promise.all([
    import("./_packet_type_registry.ts"),
    deferred.load(),
  ]);
  const registry = packetTypeRegistry(deferred.registry, binding);
  return new PrinterCore(options, { ...commonPrinters, ...rare }, registry);
}
