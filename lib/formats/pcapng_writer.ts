/**
 * The pcapng writers (draft-ietf-opsawg-pcapng): a buffered writer of one section with its
 * interfaces and Enhanced Packet Blocks, and an in-memory builder of whole files.
 *
 * @module
 */

import { nanosecondsToUnits } from "./timestamp.ts";
import type { TimestampResolution } from "./timestamp.ts";
import { BufferedSink, DEFAULT_BUFFER_SIZE, OutputBuffer, utf8 } from "./_output.ts";
import type { ByteSink } from "./_output.ts";
import type { PacketToWrite } from "./pcap.ts";
import {
  BOM,
  EpbOption,
  IdbOption,
  OPT_COMMENT,
  PcapngBlockType,
  SHB,
  ShbOption,
} from "./_pcapng_blocks.ts";

/** Options of {@linkcode PcapngWriter}: the Section Header Block. */
export interface PcapngWriterOptions {
  /** Whether to write little-endian (default `true`). */
  littleEndian?: boolean;
  /** `opt_comment` of the section. */
  comment?: string;
  /** `shb_hardware`. */
  hardware?: string;
  /** `shb_os`. */
  os?: string;
  /** `shb_userappl`. */
  userApplication?: string;
  /** How many bytes to buffer before writing to the sink (default 1 MiB). */
  bufferSize?: number;
  /**
   * Close the sink (a file) when the writer closes, or when it is collected without
   * `close()` after writing what it buffered (default `false`: the caller owns the sink).
   */
  closeSink?: boolean;
}

/** An interface to describe with {@linkcode PcapngWriter.prototype.addInterface}. */
export interface PcapngInterfaceOptions {
  /** The link-layer header type of its packets. */
  linkType: number;
  /** The snapshot length (default 0: none); longer packets are cut. */
  snapLength?: number;
  /** `if_name`. */
  name?: string;
  /** `if_description`. */
  description?: string;
  /** `if_tsresol` (default nanoseconds: base 10, exponent 9). */
  timestampResolution?: TimestampResolution;
  /** `if_fcslen` in bytes. */
  fcsLength?: number;
  /** `opt_comment`. */
  comment?: string;
}

/** A packet to write to a pcapng file. */
export interface PcapngPacketToWrite extends PacketToWrite {
  /** The interface it was captured on (default 0). */
  interfaceId?: number;
  /** `opt_comment` options. */
  comment?: string | string[];
  /** `epb_flags`. */
  flags?: number;
}

interface WriterInterface {
  snapLength: number;
  resolution: TimestampResolution;
}

function encodeOption(out: OutputBuffer, code: number, value: Uint8Array): void {
  if (value.length > 0xffff) {
    throw new RangeError(
      `Cannot write pcapng option ${code}: value of ${value.length} bytes exceeds 65535`,
    );
  }
  out.u16(code);
  out.u16(value.length);
  out.data(value);
  out.pad4();
}

function encodeStringOptions(out: OutputBuffer, options: [number, string | undefined][]): boolean {
  let any = false;
  for (const [code, value] of options) {
    if (value === undefined) continue;
    encodeOption(out, code, utf8(value));
    any = true;
  }
  return any;
}

function beginBlock(out: OutputBuffer, type: number): number {
  const start = out.length;
  out.u32(type);
  out.u32(0);
  return start;
}

function endBlock(out: OutputBuffer, start: number, hasOptions: boolean): void {
  if (hasOptions) out.u32(0); // opt_endofopt
  const length = out.length - start + 4;
  out.u32(length);
  out.setU32(start + 4, length);
}

function encodeSectionHeader(out: OutputBuffer, options: PcapngWriterOptions): void {
  const start = beginBlock(out, SHB);
  out.u32(BOM);
  out.u16(1);
  out.u16(0);
  out.u64(-1n);
  const any = encodeStringOptions(out, [
    [OPT_COMMENT, options.comment],
    [ShbOption.HARDWARE, options.hardware],
    [ShbOption.OS, options.os],
    [ShbOption.USERAPPL, options.userApplication],
  ]);
  endBlock(out, start, any);
}

function encodeInterface(out: OutputBuffer, options: PcapngInterfaceOptions): WriterInterface {
  const { linkType } = options;
  if (!Number.isInteger(linkType) || linkType < 0 || linkType > 0xffff) {
    throw new RangeError(
      `Cannot write pcapng interface: link type must be 0 to 65535, received ${linkType}`,
    );
  }
  const resolution = options.timestampResolution ?? { base: 10, exponent: 9 };
  if (
    !Number.isInteger(resolution.exponent) || resolution.exponent < 0 || resolution.exponent > 127
  ) {
    throw new RangeError(
      `Cannot write pcapng interface: timestamp exponent must be 0 to 127, received ${resolution.exponent}`,
    );
  }
  const snapLength = options.snapLength ?? 0;
  const start = beginBlock(out, PcapngBlockType.INTERFACE_DESCRIPTION);
  out.u16(linkType);
  out.u16(0);
  out.u32(snapLength);
  encodeStringOptions(out, [
    [OPT_COMMENT, options.comment],
    [IdbOption.NAME, options.name],
    [IdbOption.DESCRIPTION, options.description],
  ]);
  const tsresol = resolution.base === 2 ? 0x80 | resolution.exponent : resolution.exponent;
  encodeOption(out, IdbOption.TSRESOL, new Uint8Array([tsresol]));
  if (options.fcsLength !== undefined) {
    encodeOption(out, IdbOption.FCSLEN, new Uint8Array([options.fcsLength]));
  }
  endBlock(out, start, true);
  return { snapLength, resolution };
}

function encodeEnhancedPacket(
  out: OutputBuffer,
  interfaces: WriterInterface[],
  packet: PcapngPacketToWrite,
): void {
  const interfaceId = packet.interfaceId ?? 0;
  const iface = interfaces[interfaceId];
  if (iface === undefined) {
    throw new RangeError(
      `Cannot write pcapng packet: interface ${interfaceId} is not described (${interfaces.length} are)`,
    );
  }
  const data = packet.data;
  const capturedLength = iface.snapLength > 0 && data.length > iface.snapLength
    ? iface.snapLength
    : data.length;
  const units = nanosecondsToUnits(packet.timestamp, iface.resolution);
  if (units < 0n || units >= 1n << 64n) {
    throw new RangeError(
      `Cannot write pcapng packet: timestamp ${packet.timestamp} is out of range`,
    );
  }
  out.reserve(32 + capturedLength + 8);
  const start = beginBlock(out, PcapngBlockType.ENHANCED_PACKET);
  out.u32(interfaceId);
  out.u32(Number(units >> 32n));
  out.u32(Number(units & 0xffffffffn));
  out.u32(capturedLength);
  out.u32(packet.originalLength ?? data.length);
  out.data(capturedLength === data.length ? data : data.subarray(0, capturedLength));
  out.pad4();
  let any = false;
  const comments = packet.comment === undefined
    ? []
    : typeof packet.comment === "string"
    ? [packet.comment]
    : packet.comment;
  for (const comment of comments) {
    encodeOption(out, OPT_COMMENT, utf8(comment));
    any = true;
  }
  if (packet.flags !== undefined) {
    out.u16(EpbOption.FLAGS);
    out.u16(4);
    out.u32(packet.flags >>> 0);
    any = true;
  }
  endBlock(out, start, any);
}

/** What {@linkcode pcapngBytes} builds: a section with its interfaces and packets. */
export interface PcapngFileSpec extends PcapngWriterOptions {
  /** The interfaces, described before the packets. */
  interfaces: PcapngInterfaceOptions[];
  /** The packets, in order. */
  packets: Iterable<PcapngPacketToWrite>;
}

/**
 * Builds a whole one-section pcapng file in memory. Concatenate the results to make a file
 * of several sections.
 *
 * @param spec The section options, interfaces and packets.
 * @returns The file bytes.
 *
 * @example Build a big-endian file with one packet
 * ```ts
 * import { pcapngBytes } from "./pcapng_writer.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = pcapngBytes({
 *   littleEndian: false,
 *   interfaces: [{ linkType: 1 }],
 *   packets: [{ timestamp: 0n, data: new Uint8Array(4) }],
 * });
 * assert.deepEqual([...bytes.subarray(8, 12)], [0x1a, 0x2b, 0x3c, 0x4d]);
 * ```
 */
export function pcapngBytes(spec: PcapngFileSpec): Uint8Array {
  const out = new OutputBuffer(4096, spec.littleEndian ?? true);
  encodeSectionHeader(out, spec);
  const interfaces = spec.interfaces.map((options) => encodeInterface(out, options));
  for (const packet of spec.packets) encodeEnhancedPacket(out, interfaces, packet);
  return out.bytes.slice(0, out.length);
}

/**
 * A buffered writer of pcapng files: one section, with the interfaces added by
 * {@linkcode PcapngWriter.prototype.addInterface}, and Enhanced Packet Blocks. Writes to a
 * `Deno.FsFile`, a `WritableStream` or any object with `write(p): Promise<number>`;
 * `close()` flushes, and closes a stream (a file stays open for its owner to close).
 *
 * @example Write two interfaces and a packet, then read them back
 * ```ts
 * import { PcapngReader } from "./pcapng_reader.ts";
 * import { PcapngWriter } from "./pcapng_writer.ts";
 * import assert from "node:assert/strict";
 *
 * const chunks: Uint8Array[] = [];
 * const sink = new WritableStream<Uint8Array>({ write(chunk) { chunks.push(chunk); } });
 * {
 *   await using writer = new PcapngWriter(sink, { userApplication: "wirekit" });
 *   writer.addInterface({ linkType: 1, name: "eth0" });
 *   const lo = writer.addInterface({ linkType: 0, name: "lo" });
 *   await writer.write({ timestamp: 42n, data: new Uint8Array(8), interfaceId: lo, flags: 1 });
 * }
 * await using reader = await PcapngReader.open(ReadableStream.from(chunks));
 * const [record] = await Array.fromAsync(reader);
 * assert.equal(record?.interfaceId, 1);
 * assert.equal(record?.linkType, 0);
 * assert.equal(record?.flags, 1);
 * assert.equal(reader.section.userApplication, "wirekit");
 * ```
 */
export class PcapngWriter implements AsyncDisposable {
  readonly #buffered: BufferedSink;
  #interfaces: WriterInterface[] = [];

  /**
   * Creates a writer and buffers the Section Header Block.
   *
   * @param sink Where to write.
   * @param options The section options.
   */
  constructor(sink: ByteSink, options: PcapngWriterOptions = {}) {
    this.#buffered = new BufferedSink(
      this,
      sink,
      options.bufferSize ?? DEFAULT_BUFFER_SIZE,
      options.littleEndian ?? true,
      options.closeSink ?? false,
    );
    encodeSectionHeader(this.#buffered.out, options);
  }

  /**
   * Buffers an Interface Description Block.
   *
   * @param options The interface.
   * @returns Its interface id, for {@linkcode PcapngWriter.prototype.write}.
   */
  addInterface(options: PcapngInterfaceOptions): number {
    this.#buffered.checkOpen("Cannot add pcapng interface: the writer is closed");
    this.#interfaces.push(encodeInterface(this.#buffered.out, options));
    return this.#interfaces.length - 1;
  }

  /**
   * Buffers an Enhanced Packet Block, writing the buffer to the sink when it is full.
   *
   * @param packet The packet.
   * @returns When the packet is buffered (or written).
   */
  async write(packet: PcapngPacketToWrite): Promise<void> {
    this.#buffered.checkOpen("Cannot write pcapng packet: the writer is closed");
    encodeEnhancedPacket(this.#buffered.out, this.#interfaces, packet);
    await this.#buffered.written();
  }

  /**
   * Writes the buffered bytes to the sink.
   *
   * @returns When they are written.
   */
  async flush(): Promise<void> {
    await this.#buffered.flush();
  }

  /**
   * Flushes, then closes a stream sink. Idempotent.
   *
   * @returns When done.
   */
  async close(): Promise<void> {
    await this.#buffered.close();
  }

  /**
   * Same as {@linkcode PcapngWriter.prototype.close}, for `await using`.
   *
   * @returns When done.
   */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
