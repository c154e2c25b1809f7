/**
 * {@linkcode PrinterCore}: the printer behind {@linkcode TcpdumpPrinter}, over a table of
 * printers that the pipeline fills in as packets need them. Private to `lib/print/`.
 *
 * @module
 */

import type { DecodedPacket } from "../decode.ts";
import type { OversizedFraction } from "../formats/capture_reader.ts";
import { decodeWith } from "../_packet.ts";
import { LayerParser } from "../packet_parser.ts";
import type { Registry } from "../_registry.ts";
import type { Layer } from "../layer_map.ts";
import { MAXIMUM_SNAPLEN } from "../link_type.ts";
import { hexAndAsciiPrint, hexPrint } from "./_hex.ts";
import {
  type LayerPrinter,
  PrintContext,
  type PrinterRecord,
  type TcpdumpOptions,
} from "./context.ts";
import { TimestampPrinter } from "./time.ts";
import type { ByteWriter } from "./_writer.ts";
import { printError, printNoLink, printUndecoded, RAW_LINK_TYPES } from "./_undecoded.ts";

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
   * first layer ends). A record that gives it is checked as tcpdump checks a capture's
   * record header: one captured or sent empty, shorter on the wire than captured, or
   * longer than 262144 bytes prints `[Invalid header: ...]` in place of the packet.
   */
  capturedLength?: number;
  /**
   * The raw timestamp fields of a pcap record whose fraction field held a second or more
   * (`seconds` and `nanoseconds` carry it over): tcpdump prints them as they are.
   */
  oversized?: OversizedFraction | undefined;
}

/** The decoders and printers that a printer starts without, loaded when needed. */
export interface Deferred {
  /** A decode met a protocol whose decoder is not loaded yet. */
  readonly pending: boolean;
  /** Loads every decoder, and returns the printers left out. */
  load(): Promise<PrinterRecord>;
}

const LINKTYPE_RAW = 101;
const LINKTYPE_IPV4 = 228;
const LINKTYPE_IPV6 = 229;

/**
 * The tcpdump printer over a table of printers that may start incomplete:
 * {@linkcode TcpdumpPrinter} with every built-in printer, and `sniff.ts`'s pipeline with
 * the common ones, loading the rest when a packet first needs one. See
 * {@linkcode TcpdumpPrinter} for what it prints.
 */
export class PrinterCore {
  readonly #context: PrintContext;
  readonly #time: TimestampPrinter;
  readonly #hex: number;
  readonly #ascii: boolean;
  readonly #asciiPayload: number;
  readonly #number: boolean;
  #packets = 0;

  // The table the context dispatches through, and what fills in the rest of it.
  readonly #table: Map<string, LayerPrinter>;
  #deferred: Deferred | undefined;
  // The parser whose kinds were checked for printers last, and how many of them.
  #checkedKinds: readonly string[] | undefined = undefined;
  #checked = 0;

  /**
   * Makes a printer over a table of printers.
   *
   * @param options The tcpdump flags it follows, and printers for added layer kinds.
   * @param builtIn The built-in printers it starts with.
   * @param registry The decoders of the packets.
   * @param deferred What `loadRest()` loads, when a packet first needs it: until then
   * `print()` declines a packet whose decoding met a protocol not loaded yet, or that
   * needs a printer `builtIn` leaves out.
   */
  constructor(
    options: TcpdumpOptions,
    builtIn: PrinterRecord,
    registry: Registry,
    deferred?: Deferred,
  ) {
    const table = new Map<string, LayerPrinter>();
    for (const [kind, printer] of Object.entries({ ...builtIn, ...options.printers })) {
      table.set(kind, printer as LayerPrinter);
    }
    this.#table = table;
    this.#deferred = deferred;
    this.#context = new PrintContext(options, table, registry);
    this.#time = new TimestampPrinter(
      options.timestamps ?? "time",
      options.nano ?? false,
      options.utc ?? false,
    );
    this.#context.time = this.#time;
    this.#hex = options.hex ?? 0;
    this.#ascii = options.ascii ?? false;
    this.#asciiPayload = options.asciiPayload ?? 0;
    this.#number = options.number ?? false;
  }

  /** Loads what it started without (a printer given in the options stays). */
  async loadRest(): Promise<void> {
    const deferred = this.#deferred;
    if (deferred === undefined) return;
    for (const [kind, printer] of Object.entries(await deferred.load())) {
      if (!this.#table.has(kind)) this.#table.set(kind, printer as LayerPrinter);
    }
    this.#deferred = undefined;
  }

  /** The decoders of the packets it prints (tcpdump's `-T` binds every port to one). */
  get registry(): Registry {
    return this.#context.registry;
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
   * @returns `false`, having printed nothing, when the packet needs what `loadRest()`
   * loads.
   */
  print(packet: DecodedPacket, record: PrintRecord, start = 0): boolean {
    const deferred = this.#deferred;
    if (deferred !== undefined && (deferred.pending || !this.#printable(packet))) return false;
    const ctx = this.#context;
    const out = ctx.out;
    const count = packet.count;
    const linkType = record.linkType ?? packet.linkType;
    if (
      (linkType === LINKTYPE_IPV4 || linkType === LINKTYPE_IPV6) &&
      packet.error !== undefined && count === 0
    ) {
      // tcpdump reads LINKTYPE_IPV4 and LINKTYPE_IPV6 as raw IP, by the version field.
      const end = record.capturedLength !== undefined
        ? start + record.capturedLength
        : packet.payloadEnd;
      const raw = decodeWith(LINKTYPE_RAW, packet.data.subarray(start, end), {
        registry: this.#context.registry,
      });
      return this.print(raw, { ...record, linkType: LINKTYPE_RAW, capturedLength: end - start });
    }
    this.#packets++;
    if (this.#number) {
      out.ascii(this.#packets < 10000 ? "     ".slice(String(this.#packets).length) : "");
      out.uint(this.#packets);
      out.ascii("  ");
    }
    if (record.capturedLength !== undefined && invalidHeader(out, record)) return true;
    this.#time.write(out, record.seconds, record.nanoseconds, record.oversized);
    const layers = packet.layers;
    ctx.data = packet.data;
    ctx.start = start;
    ctx.end = packet.payloadEnd;
    if (packet.payloadData !== packet.data) ctx.end = capturedEnd(packet, count);
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
    ctx.tunnelLength = 0;
    ctx.innerIpLength = -1;
    ctx.snapEnd = -1;
    ctx.macAt = -1;
    ctx.ipxFramed = false;
    ctx.sourceMacAt = -1;
    ctx.sourceRouted = false;
    ctx.ppiFrameAt = -1;
    ctx.fixedLinkEnd = -1;
    ctx.handedAt = -1;
    ctx.error = packet.error;
    if (ctx.link && RAW_LINK_TYPES.has(linkType)) out.ascii("ip: ");
    ctx.trailer = "";
    ctx.printLayers(layers, 0, count, packet instanceof LayerParser ? packet : undefined);
    this.#finish(packet, layers, count);
    if (ctx.trailer !== "" && packet.error?.code !== "truncated") out.ascii(ctx.trailer);
    // A stuffed PPP frame's printer switched to its un-escaped bytes: dumps show the packet's.
    ctx.data = packet.data;
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
    return true;
  }

  /**
   * Whether the table has a printer for every layer of the packet (kinds met before are
   * not checked again), and for what a printer decodes inside it: ICMP prints the datagram
   * an error quotes with `-v`, of any kind, and PPPoE what its length field cuts.
   */
  #printable(packet: DecodedPacket): boolean {
    if (!(packet instanceof LayerParser)) {
      for (let i = 0; i < packet.count; i++) {
        if (!this.#has(packet.layers[i]!.kind)) return false;
      }
      return true;
    }
    const kinds = packet.kinds;
    if (kinds !== this.#checkedKinds) {
      this.#checkedKinds = kinds;
      this.#checked = 0;
    }
    for (; this.#checked < kinds.length; this.#checked++) {
      if (!this.#has(kinds[this.#checked]!)) return false;
    }
    return true;
  }

  #has(kind: string): boolean {
    // PPPoE's printer decodes a frame that its length field cuts again, past that length:
    // it may meet any protocol too.
    return this.#table.has(kind) && !(kind === "icmp" && this.#context.verbose > 0) &&
      kind !== "pppoe-session";
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
   * return in the middle of a line).
   */
  #asciiDump(end: number): void {
    const ctx = this.#context;
    const out = ctx.out;
    const d = ctx.data;
    const from = this.#asciiPayload >= 2 ? ctx.start : this.#linkEnd();
    if (end <= from) return;
    out.byte(0x0a);
    for (let i = from; i < end; i++) {
      const c = d[i]!;
      if (c === 0x0d) {
        // ascii_print() drops a CR before a newline, and one of the last two bytes.
        if (end - i > 2 && d[i + 1] !== 0x0a) out.byte(0x2e);
      } else if ((c > 0x20 && c < 0x7f) || c === 0x20 || c === 0x09 || c === 0x0a) out.byte(c);
      else out.byte(0x2e);
    }
  }

  /** Where tcpdump's link header ends, for the dumps that leave it out. */
  #linkEnd(): number {
    const { linkEnd, ppiFrameAt, fixedLinkEnd, start } = this.#context;
    // A read past the capture (linkEnd back at the start) forgets even a fixed link header.
    if (fixedLinkEnd >= 0 && linkEnd !== start) return fixedLinkEnd;
    return ppiFrameAt >= 0 && linkEnd > ppiFrameAt ? 2 * linkEnd - ppiFrameAt : linkEnd;
  }

  #hexdump(end: number): void {
    const ctx = this.#context;
    const from = this.#hex >= 2 ? ctx.start : this.#linkEnd();
    if (this.#ascii) hexAndAsciiPrint(ctx, from, end);
    else hexPrint(ctx, "\n\t", from, end);
  }
}

/**
 * Where the packet's captured bytes end in its `data` when its last layers read an
 * un-escaped PPP copy: the end of the layer before the copy.
 */
function capturedEnd(packet: DecodedPacket, count: number): number {
  const layers = packet.layers;
  let i = count - 1;
  while (i > 0 && layers[i - 1]!.data !== packet.data) i--;
  return i > 0 ? layers[i - 1]!.end : packet.payloadEnd;
}

/**
 * tcpdump's checks of a record header (pretty_print_packet()): a record with nothing
 * captured, nothing on the wire, fewer bytes on the wire than captured, or more than
 * {@linkcode MAXIMUM_SNAPLEN} of either is named with all its faults in place of the packet.
 * Returns whether it was.
 */
function invalidHeader(out: ByteWriter, record: PrintRecord): boolean {
  const captured = record.capturedLength!;
  const wire = record.originalLength;
  if (captured !== 0 && wire >= captured && wire <= MAXIMUM_SNAPLEN) return false;
  const faults: string[] = [];
  if (captured === 0) faults.push("caplen==0");
  if (wire === 0) faults.push("len==0");
  else if (wire < captured) faults.push(`len(${wire}) < caplen(${captured})`);
  if (captured > MAXIMUM_SNAPLEN) faults.push(`caplen(${captured}) > ${MAXIMUM_SNAPLEN}`);
  if (wire > MAXIMUM_SNAPLEN) faults.push(`len(${wire}) > ${MAXIMUM_SNAPLEN}`);
  out.ascii(`[Invalid header: ${faults.join(", ")}]\n`);
  return true;
}
