/**
 * {@linkcode TcpdumpPrinter}: decoded packets printed as `tcpdump -n` prints them
 * (tcpdump 4.99, Debian's 4.99.3 as the reference), into a byte buffer. Each protocol's
 * printer lives in its own file under `lib/print/` (`link/`, `net/`, `transport/`,
 * `app/`), mirroring the decoders, and is dispatched from the table in `printers.ts`.
 *
 * @module
 */

import { decode, type DecodedPacket } from "../decode.ts";
import { LayerParser } from "../packet_parser.ts";
import type { Layer } from "../layer_map.ts";
import { hexAndAsciiPrint, hexPrint } from "./_hex.ts";
import { type LayerPrinter, PrintContext, type TcpdumpOptions } from "./context.ts";
import { printers } from "./printers.ts";
import { TimestampPrinter } from "./time.ts";
import { printError, printNoLink, printUndecoded } from "./_undecoded.ts";

/** The metadata of one packet that {@linkcode TcpdumpPrinter.print} needs. */
export interface PrintRecord {
  /** Seconds since the Unix epoch. */
  seconds: number;
  /** Nanoseconds within the second. */
  nanoseconds: number;
  /** The length of the packet on the wire. */
  originalLength: number;
  /** The `LINKTYPE_*` number (default: the packet's, else Ethernet). */
  linkType?: number;
  /**
   * The captured length, for hex dumps of packets that did not decode (default: where the
   * first layer ends).
   */
  capturedLength?: number;
}

const LINKTYPE_RAW = 101;
const LINKTYPE_IPV4 = 228;
const LINKTYPE_IPV6 = 229;
/** Raw IP link types: DLT_RAW (12, 14), LINKTYPE_RAW, LINKTYPE_IPV4, LINKTYPE_IPV6. */
const RAW_LINK_TYPES = new Set([12, 14, 101, 228, 229]);

/**
 * Prints decoded packets as `tcpdump -n` does, into a byte buffer that the caller drains
 * with {@linkcode TcpdumpPrinter.take} (the fast path: nothing but the output bytes is
 * allocated for most packets), or one packet at a time as a string with
 * {@linkcode TcpdumpPrinter.format}.
 *
 * A printer keeps state across packets, as tcpdump does: the previous timestamp for
 * `-ttt`, and the first sequence numbers of each TCP connection for relative sequence
 * numbers. Use one printer per capture file.
 *
 * @example Print a TCP handshake with relative sequence numbers
 * ```ts
 * import { TcpdumpPrinter } from "./tcpdump_printer.ts";
 * import { decode } from "../decode.ts";
 * import { LinkType } from "../link_type.ts";
 * import { buildIpv4, buildTcp } from "../craft/mod.ts";
 * import assert from "node:assert/strict";
 *
 * const segment = (out: boolean, seq: number, ack: number, flags: number) => {
 *   const [source, destination] = out ? ["10.0.0.1", "10.0.0.2"] : ["10.0.0.2", "10.0.0.1"];
 *   const tcp = buildTcp({
 *     source,
 *     destination,
 *     sourcePort: out ? 1234 : 80,
 *     destinationPort: out ? 80 : 1234,
 *     sequence: seq,
 *     acknowledgment: ack,
 *     flags,
 *     window: 512,
 *   });
 *   return buildIpv4({ source, destination, protocol: 6, payload: tcp });
 * };
 * const printer = new TcpdumpPrinter({ timestamps: "none" });
 * const lines = [
 *   segment(true, 1000, 0, 0x02),
 *   segment(false, 5000, 1001, 0x12),
 *   segment(true, 1001, 5001, 0x10),
 * ].map((p) =>
 *   printer.format(decode(LinkType.RAW, p), { seconds: 0, nanoseconds: 0, originalLength: 40 })
 * );
 * assert.deepEqual(lines, [
 *   "IP 10.0.0.1.1234 > 10.0.0.2.80: Flags [S], seq 1000, win 512, length 0",
 *   "IP 10.0.0.2.80 > 10.0.0.1.1234: Flags [S.], seq 5000, ack 1001, win 512, length 0",
 *   "IP 10.0.0.1.1234 > 10.0.0.2.80: Flags [.], ack 1, win 512, length 0",
 * ]);
 * ```
 */
export class TcpdumpPrinter {
  readonly #context: PrintContext;
  readonly #time: TimestampPrinter;
  readonly #hex: number;
  readonly #ascii: boolean;
  readonly #asciiPayload: number;
  readonly #number: boolean;
  #packets = 0;

  /**
   * Makes a printer.
   *
   * @param options The tcpdump flags it follows, and printers for added layer kinds.
   */
  constructor(options: TcpdumpOptions = {}) {
    const table = new Map<string, LayerPrinter>(
      Object.entries(printers) as [string, LayerPrinter][],
    );
    for (const [kind, printer] of Object.entries(options.printers ?? {})) {
      table.set(kind, printer as LayerPrinter);
    }
    this.#context = new PrintContext(options, table);
    this.#time = new TimestampPrinter(
      options.timestamps ?? "time",
      options.nano ?? false,
      options.utc ?? false,
    );
    this.#hex = options.hex ?? 0;
    this.#ascii = options.ascii ?? false;
    this.#asciiPayload = options.asciiPayload ?? 0;
    this.#number = options.number ?? false;
  }

  /** How many bytes of output wait in the buffer. */
  get buffered(): number {
    return this.#context.out.length;
  }

  /**
   * Returns the buffered output and empties the buffer. The view is valid until the next
   * `print()`.
   *
   * @returns The output bytes (UTF-8 text, one or more lines per packet, each ending in a
   * newline).
   */
  take(): Uint8Array {
    const out = this.#context.out;
    const bytes = out.bytes.subarray(0, out.length);
    out.length = 0;
    return bytes;
  }

  /**
   * Prints one packet, with its newline, into the buffer.
   *
   * @param packet The decoded packet: a `Packet`, or a `PacketParser` right after `parse()`.
   * @param record Its timestamp, length on the wire and link type.
   * @param start Where the packet starts in a parser's `data` (default 0).
   */
  print(packet: DecodedPacket, record: PrintRecord, start = 0): void {
    const ctx = this.#context;
    const out = ctx.out;
    const count = packet.count;
    const linkType = record.linkType ?? packet.linkType;
    if (
      (linkType === LINKTYPE_IPV4 || linkType === LINKTYPE_IPV6) &&
      packet.error?.code === "malformed" && count === 0
    ) {
      // tcpdump reads LINKTYPE_IPV4 and LINKTYPE_IPV6 as raw IP, by the version field.
      const end = record.capturedLength !== undefined
        ? start + record.capturedLength
        : packet.payloadEnd;
      const raw = decode(LINKTYPE_RAW, packet.data.subarray(start, end));
      if (raw.count > 0) {
        this.print(raw, { ...record, linkType: LINKTYPE_RAW, capturedLength: end - start });
        return;
      }
    }
    this.#packets++;
    if (this.#number) {
      out.ascii(this.#packets < 10000 ? "     ".slice(String(this.#packets).length) : "");
      out.uint(this.#packets);
      out.ascii("  ");
    }
    this.#time.write(out, record.seconds, record.nanoseconds);
    const layers = packet.layers;
    ctx.data = packet.data;
    ctx.start = start;
    ctx.end = packet.payloadEnd;
    ctx.originalLength = record.originalLength;
    ctx.linkType = linkType;
    ctx.linkEnd = start;
    ctx.pending = false;
    ctx.network = false;
    ctx.networkLayer = undefined;
    ctx.done = false;
    ctx.fragment = false;
    ctx.ipEnd = 0;
    ctx.frameLength = -1;
    ctx.macAt = -1;
    ctx.ipxFramed = false;
    ctx.sourceMacAt = -1;
    ctx.error = packet.error;
    if (ctx.link && count > 0 && RAW_LINK_TYPES.has(linkType)) out.ascii("ip: ");
    ctx.trailer = "";
    ctx.printLayers(layers, 0, count, packet instanceof LayerParser ? packet : undefined);
    this.#finish(packet, layers, count);
    if (ctx.trailer !== "" && packet.error?.code !== "truncated") out.ascii(ctx.trailer);
    if (this.#hex > 0 || this.#asciiPayload > 0) {
      // tcpdump dumps every captured byte after the link header, padding included.
      const end = record.capturedLength !== undefined
        ? start + record.capturedLength
        : count > 0
        ? layers[0]!.end
        : packet.payloadEnd;
      if (this.#hex > 0) this.#hexdump(end);
      else this.#asciiDump(end);
    }
    out.byte(0x0a);
  }

  /**
   * Prints one packet and returns it as text (without the final newline). Output that was
   * buffered before is left in the buffer.
   *
   * @param packet The decoded packet.
   * @param record Its timestamp, length on the wire and link type.
   * @param start Where the packet starts in a parser's `data` (default 0).
   * @returns The text: one line, more with `-v` or a hex dump.
   */
  format(packet: DecodedPacket, record: PrintRecord, start = 0): string {
    const out = this.#context.out;
    const before = out.length;
    this.print(packet, record, start);
    const text = new TextDecoder().decode(out.bytes.subarray(before, out.length - 1));
    out.length = before;
    return text;
  }

  /** What follows the last printed layer: the error, or the bytes no printer read. */
  #finish(packet: DecodedPacket, layers: readonly Layer[], count: number): void {
    const ctx = this.#context;
    const error = packet.error;
    // An error that a layer printed is cleared from the context.
    if (ctx.done || (error !== undefined && ctx.error === undefined)) return;
    if (error !== undefined) printError(ctx, error);
    else if (!ctx.network && count > 0) printUndecoded(ctx, layers, count);
    else if (count === 0) printNoLink(ctx);
  }

  /**
   * `-A`: the bytes as text, as tcpdump's ascii_print() writes them: graphic characters,
   * spaces, tabs and newlines as they are, a dot for anything else (and for a carriage
   * return that does not end a line).
   */
  #asciiDump(end: number): void {
    const ctx = this.#context;
    const out = ctx.out;
    const d = ctx.data;
    const from = this.#asciiPayload >= 2 ? ctx.start : ctx.linkEnd;
    if (end <= from) return;
    out.byte(0x0a);
    for (let i = from; i < end; i++) {
      const c = d[i]!;
      if (c === 0x0d) {
        if (i + 1 === end || d[i + 1] !== 0x0a) out.byte(0x2e);
      } else if ((c > 0x20 && c < 0x7f) || c === 0x20 || c === 0x09 || c === 0x0a) out.byte(c);
      else out.byte(0x2e);
    }
  }

  #hexdump(end: number): void {
    const ctx = this.#context;
    const from = this.#hex >= 2 ? ctx.start : ctx.linkEnd;
    if (this.#ascii) hexAndAsciiPrint(ctx, from, end);
    else hexPrint(ctx, "\n\t", from, end);
  }
}
