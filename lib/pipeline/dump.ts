/**
 * Writing packets to pcap files as `tcpdump -w` does, with its rotation: `-C` (a new file
 * when the current one is over a size: `out.pcap`, `out.pcap1`, `out.pcap2`..., numbered
 * from `out.pcap0` with `-W`), `-G` (a new file every N seconds, named by `strftime`
 * from the `-w` name) and `-W` (how many files: `-C` reuses the names in a ring, `-G`
 * alone stops after that many). `-` writes to standard output.
 *
 * @module
 */

import { PcapWriter } from "../formats/pcap.ts";
import type { ByteSink } from "../formats/pcap.ts";
import type { CaptureBatch } from "../formats/capture_reader.ts";
import { strftime } from "./_strftime.ts";

/** Options of {@linkcode DumpWriter}. */
export interface DumpOptions {
  /** The file (`-w`); `-` for standard output. */
  path: string;
  /** Whether to write nanosecond timestamps (default microseconds). */
  nano?: boolean;
  /** `-C`: start a new file before a packet once the current one holds more bytes. */
  fileSize?: number;
  /** `-G`: start a new file, named by strftime, after this many seconds. */
  rotateSeconds?: number;
  /** `-W`: how many files (a ring of names with `-C`; a limit with `-G` alone). */
  fileCount?: number;
  /** Where `-` writes (default `Deno.stdout`). */
  stdout?: ByteSink;
  /** The clock for `-G`, in seconds since the epoch (default the system clock). */
  now?: () => number;
}

/** A packet to write: its time, bytes, length on the wire and link type. */
export interface DumpPacket {
  /** Nanoseconds since the epoch. */
  timestamp: bigint;
  /** The captured bytes. */
  data: Uint8Array;
  /** The length on the wire. */
  originalLength: number;
  /** The link type. */
  linkType: number;
  /** The interface within its pcapng section (default 0). */
  interfaceId?: number;
}

/**
 * Where the `dump` output of `runPipeline()` sends each packet, undecoded: a
 * {@linkcode DumpWriter} (`-w`), or a `SandboxPrinter` (`--sandbox`).
 */
export interface PacketSink {
  /**
   * Takes one packet.
   *
   * @param packet The packet.
   * @param seen Its number, for error messages.
   * @returns `false` to stop the pipeline.
   */
  write(packet: DumpPacket, seen: number): Promise<boolean>;
  /**
   * Takes packets `from` to `to` (exclusive) of a batch at once, when the sink can write
   * them without a call per packet (a file with `-w`).
   *
   * @param batch The batch.
   * @param from The first packet.
   * @param to After the last packet.
   * @param seen The packets taken before.
   * @returns How many were taken (fewer when the sink is full).
   */
  writeBatch?(batch: CaptureBatch, from: number, to: number, seen: number): Promise<number>;
  /** Whether the sink took its last packet (`-G` with `-W`): the pipeline should stop. */
  readonly limitReached?: boolean;
  /**
   * Passes on what is buffered.
   *
   * @returns When it is passed on.
   */
  flush(): Promise<void>;
}

/**
 * A file written synchronously, as tcpdump's `fwrite()` writes: the writer hands it 1 MiB at
 * a time, and a write to the page cache takes less than the hop to a worker thread that an
 * asynchronous write needs, a hop that on a busy CPU can stall the capture until the
 * kernel's buffer overflows.
 */
function syncSink(file: Deno.FsFile): ByteSink {
  // writeSync() for the writer's flush at garbage collection, close() for its closeSink.
  const sink = {
    write: (bytes: Uint8Array) => Promise.resolve(file.writeSync(bytes)),
    writeSync: (bytes: Uint8Array) => file.writeSync(bytes),
    close: () => file.close(),
  };
  return sink;
}

/** `getWflagChars()` of tcpdump: the digits of the largest file number. */
function digitsOf(count: number): number {
  let digits = 0;
  for (let x = count - 1; x > 0; x = Math.floor(x / 10)) digits++;
  return digits;
}

/**
 * The name of a dump file, as tcpdump's `MakeFilename()` builds it: the `-w` name through
 * strftime when `-G` is on, then the file number, zero-padded to `digits`, unless both are
 * 0.
 *
 * @param name The `-w` name.
 * @param index The file number.
 * @param digits How many digits (from `-W`), 0 for none.
 * @param seconds The rotation time, for strftime; `undefined` without `-G`.
 * @returns The file name.
 *
 * @example The names of a `-C` rotation
 * ```ts
 * import { dumpFileName } from "./dump.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(dumpFileName("out.pcap", 0, 0, undefined), "out.pcap");
 * assert.equal(dumpFileName("out.pcap", 2, 0, undefined), "out.pcap2");
 * assert.equal(dumpFileName("out.pcap", 3, 2, undefined), "out.pcap03");
 * assert.equal(dumpFileName("%s.pcap", 0, 0, 1700000000), "1700000000.pcap");
 * ```
 */
export function dumpFileName(
  name: string,
  index: number,
  digits: number,
  seconds: number | undefined,
): string {
  const base = seconds === undefined ? name : strftime(name, seconds);
  if (index === 0 && digits === 0) return base;
  return `${base}${String(index).padStart(digits, "0")}`;
}

/**
 * The `-w` output of a capture: a pcap file (or standard output) opened with the link
 * type of the capture, or of the first packet of a file, and rotated as tcpdump's `-C`,
 * `-G` and `-W` rotate it. A pcap file holds one link type: a packet of another one is an
 * error.
 *
 * @example Write a file's packets to another file
 * ```ts ignore
 * import { DumpWriter } from "./dump.ts";
 *
 * const dump = new DumpWriter({ path: "out.pcap", fileSize: 1_000_000 });
 * await dump.write({ timestamp: 0n, data: frame, originalLength: frame.length, linkType: 1 });
 * await dump.close();
 * ```
 */
export class DumpWriter implements PacketSink {
  readonly #options: DumpOptions;
  readonly #digits: number;
  #writer: PcapWriter | undefined;
  #linkType = -1;
  #snapLength = 0;
  #size = 0;
  #sizeIndex = 0;
  #timeCount = 0;
  #rotatedAt: number;
  #path: string | undefined;
  #limitReached = false;

  /**
   * Opens nothing yet: the first file is opened by {@linkcode DumpWriter.prototype.open}
   * or at the first packet.
   *
   * @param options The file, the resolution and the rotation.
   * @throws {TypeError} For rotation with `-` or a size, time or count that is not positive.
   */
  constructor(options: DumpOptions) {
    for (const key of ["fileSize", "rotateSeconds", "fileCount"] as const) {
      const value = options[key];
      if (value !== undefined && !(value > 0)) {
        throw new TypeError(
          `Cannot write ${options.path}: ${key} must be positive, received ${value}`,
        );
      }
    }
    if (options.path === "-" && (options.fileSize ?? options.rotateSeconds) !== undefined) {
      throw new TypeError("Cannot rotate standard output: give -w a file name");
    }
    this.#options = options;
    this.#digits = options.fileSize !== undefined && options.fileCount !== undefined
      ? digitsOf(options.fileCount)
      : 0;
    this.#rotatedAt = this.#now();
  }

  #now(): number {
    return Math.floor(this.#options.now?.() ?? Date.now() / 1000);
  }

  /** The file being written, once one is open (`-` for standard output). */
  get path(): string | undefined {
    return this.#path;
  }

  /** Whether `-G` with `-W` wrote its last file: the capture should stop. */
  get limitReached(): boolean {
    return this.#limitReached;
  }

  #name(index: number): string {
    const seconds = this.#options.rotateSeconds === undefined ? undefined : this.#rotatedAt;
    return dumpFileName(this.#options.path, index, this.#digits, seconds);
  }

  async #openFile(path: string): Promise<void> {
    const stdout = path === "-" && this.#options.path === "-";
    const sink: ByteSink = stdout
      ? this.#options.stdout ?? Deno.stdout
      : syncSink(await Deno.open(path, { write: true, create: true, truncate: true }));
    this.#path = path;
    // The writer owns the file: it closes it, even when dropped without close().
    this.#writer = new PcapWriter(sink, {
      closeSink: !stdout,
      linkType: this.#linkType,
      snapLength: this.#snapLength,
      resolution: this.#options.nano === true ? "nanoseconds" : "microseconds",
    });
    this.#size = 24;
  }

  async #closeFile(): Promise<void> {
    try {
      await this.#writer?.close();
    } finally {
      this.#writer = undefined;
    }
  }

  /**
   * Opens the first file, with the capture's link type and snapshot length.
   *
   * @param header The link type and snapshot length (default 262144).
   * @returns When the file is open.
   */
  async open(header: { linkType: number; snapLength?: number }): Promise<void> {
    if (this.#writer !== undefined) return;
    this.#linkType = header.linkType;
    this.#snapLength = header.snapLength === undefined || header.snapLength === 0
      ? 262144
      : header.snapLength;
    await this.#openFile(this.#name(0));
  }

  #linkTypeError(linkType: number, seen: number): TypeError {
    return new TypeError(
      `Cannot write ${this.#path}: a pcap file holds one link type, ` +
        `${this.#linkType}, and packet ${seen} has ${linkType}`,
    );
  }

  /**
   * Writes packets `from` to `to` of a batch: in one go when there is no rotation (the fast
   * path of `-w FILE`: no allocation per packet), else packet by packet as
   * {@linkcode DumpWriter.prototype.write} does.
   *
   * @param batch The batch.
   * @param from The first packet.
   * @param to The packet after the last.
   * @param seen How many packets came before `from`, for the error message.
   * @returns How many packets it handled: all, or fewer when `-G` with `-W` has written its
   * last file (counting the packet that found it out, as `write()` does).
   * @throws {TypeError} When a packet's link type is not the file's (the packets before it
   * are written).
   *
   * @example Write a file's batches to another file
   * ```ts ignore
   * import { DumpWriter } from "./dump.ts";
   *
   * const dump = new DumpWriter({ path: "out.pcap" });
   * let seen = 0;
   * for await (const batch of reader.batches()) {
   *   seen += await dump.writeBatch(batch, 0, batch.count, seen);
   * }
   * await dump.close();
   * ```
   */
  async writeBatch(batch: CaptureBatch, from: number, to: number, seen: number): Promise<number> {
    const options = this.#options;
    if (options.fileSize !== undefined || options.rotateSeconds !== undefined) {
      for (let i = from; i < to; i++) {
        const start = batch.offsets[i]!;
        const more = await this.write({
          timestamp: batch.timestamp(i),
          data: batch.buffer.subarray(start, start + batch.capturedLengths[i]!),
          originalLength: batch.originalLengths[i]!,
          linkType: batch.linkTypes[i]!,
        }, seen + i - from + 1);
        if (!more) return i - from + 1;
      }
      return to - from;
    }
    if (from >= to) return 0;
    if (this.#writer === undefined) await this.open({ linkType: batch.linkTypes[from]! });
    let end = from;
    while (end < to && batch.linkTypes[end] === this.#linkType) end++;
    await this.#writer!.writeBatch(batch, from, end);
    if (end < to) throw this.#linkTypeError(batch.linkTypes[end]!, seen + end - from + 1);
    return to - from;
  }

  /**
   * Writes one packet, after starting a new file when `-G` or `-C` says so.
   *
   * @param packet The packet.
   * @param seen Its number, for the error message.
   * @returns `false` when `-G` with `-W` has written its last file (then stop).
   * @throws {TypeError} When the packet's link type is not the file's.
   */
  async write(packet: DumpPacket, seen: number): Promise<boolean> {
    if (this.#writer === undefined) await this.open({ linkType: packet.linkType });
    if (packet.linkType !== this.#linkType) throw this.#linkTypeError(packet.linkType, seen);
    const options = this.#options;
    if (options.rotateSeconds !== undefined) {
      const now = this.#now();
      if (now - this.#rotatedAt >= options.rotateSeconds) {
        this.#rotatedAt = now;
        this.#timeCount++;
        await this.#closeFile();
        if (
          options.fileSize === undefined && options.fileCount !== undefined &&
          this.#timeCount >= options.fileCount
        ) {
          this.#limitReached = true;
          return false;
        }
        this.#sizeIndex = 0;
        await this.#openFile(this.#name(0));
      }
    }
    if (options.fileSize !== undefined && this.#size > options.fileSize) {
      await this.#closeFile();
      this.#sizeIndex++;
      if (options.fileCount !== undefined && this.#sizeIndex >= options.fileCount) {
        this.#sizeIndex = 0;
      }
      await this.#openFile(this.#name(this.#sizeIndex));
    }
    const captured = Math.min(packet.data.length, this.#snapLength);
    this.#size += 16 + captured;
    await this.#writer!.write(packet);
    return true;
  }

  /** Writes what is buffered (`-U`). */
  async flush(): Promise<void> {
    await this.#writer?.flush();
  }

  /** Flushes and closes the current file. Idempotent. */
  async close(): Promise<void> {
    await this.#closeFile();
  }
}
