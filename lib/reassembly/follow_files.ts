/**
 * Writes each direction of each TCP and UDP stream to its own file, named as tcpflow names
 * them (`192.168.001.002.00080-010.000.000.001.54321`: sender, then receiver; UDP streams,
 * which tcpflow does not write, with `udp-` before that name), bytes at their offset in the
 * direction so that a gap leaves zeros, as tcpflow leaves them.
 *
 * @module
 */

import { BufferPool } from "../_buffer_pool.ts";
import { FileWriteQueue } from "./_file_write_queue.ts";
import type {
  CloseReason,
  StreamDirection,
  StreamHandler,
  StreamInfo,
  StreamProtocol,
} from "./stream_types.ts";

/**
 * The name tcpflow gives a direction's file: each end as its address (IPv4 with three
 * digits per byte, IPv6 in its short form) and its port in five digits, sender first.
 *
 * @param sourceAddress The sender's address.
 * @param sourcePort The sender's port.
 * @param destinationAddress The receiver's address.
 * @param destinationPort The receiver's port.
 * @returns The file name.
 *
 * @example
 * ```ts
 * import { tcpflowName } from "./follow_files.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   tcpflowName("192.168.1.2", 80, "10.0.0.1", 54321),
 *   "192.168.001.002.00080-010.000.000.001.54321",
 * );
 * assert.equal(tcpflowName("2001:db8::1", 443, "::1", 5), "2001:db8::1.00443-::1.00005");
 * ```
 */
export function tcpflowName(
  sourceAddress: string,
  sourcePort: number,
  destinationAddress: string,
  destinationPort: number,
): string {
  return endsName(
    addressText(sourceAddress),
    sourcePort,
    addressText(destinationAddress),
    destinationPort,
  );
}

/** {@linkcode tcpflowName} of addresses already written by {@linkcode addressText}. */
function endsName(
  source: string,
  sourcePort: number,
  destination: string,
  destinationPort: number,
): string {
  return `${source}.${portText(sourcePort)}-${destination}.${portText(destinationPort)}`;
}

/** The zeros before an IPv4 address part, by its length (1 to 3 digits), to make it 3 long. */
const PART_PADDING = ["", "00", "0", ""];

/** An address as tcpflow writes it: IPv4 with three digits per byte, IPv6 as it is. */
function addressText(address: string): string {
  if (address.includes(":")) return address;
  let text = "";
  let start = 0;
  for (;;) {
    const dot = address.indexOf(".", start);
    const part = dot < 0 ? address.slice(start) : address.slice(start, dot);
    text += PART_PADDING[part.length]! + part;
    if (dot < 0) return text;
    text += ".";
    start = dot + 1;
  }
}

/** A port in five digits. */
function portText(port: number): string {
  const digits = String(port);
  return "00000".slice(digits.length) + digits;
}

/** A file written by {@linkcode FlowFileWriter}. */
export interface FlowFile {
  /** Its path. */
  path: string;
  /** The stream's number (`tcp.stream`). */
  stream: number;
  /** The direction: 0 client to server. */
  direction: StreamDirection;
  /** Its length: the end of the last bytes written. */
  bytes: number;
}

/** Bytes of one direction waiting to be written at `offset` of its file, and the file. */
interface Pending {
  file: FlowFile;
  /** The file's number: its place in `files`. */
  number: number;
  /** Where `buffer` goes in the file. */
  offset: number;
  buffer: Uint8Array<ArrayBuffer> | undefined;
  /** Bytes in `buffer`. */
  length: number;
  /** Whether bytes were queued for the file already (it is written in pieces). */
  created: boolean;
}

/** The most bytes gathered for one direction before they are written. */
const CHUNK = 128 * 1024;
/** The most bytes gathered over all directions; past it the oldest are written. */
const MAX_GATHERED = 32 * 1024 * 1024;

/** Options of {@linkcode FlowFileWriter}. */
export interface FlowFileWriterOptions {
  /** The transports whose streams are written (default both, `["tcp", "udp"]`). */
  protocols?: readonly StreamProtocol[];
}

/**
 * A {@linkcode StreamHandler} that writes the streams it is told about to files in a
 * folder, named by {@linkcode tcpflowName} (a stream on addresses and ports that an
 * earlier stream used gets `c1`, `c2`... appended, as tcpflow does; a UDP stream's name
 * starts with `udp-`). A UDP direction's file holds its datagrams' payloads one after the
 * other.
 *
 * Bytes are gathered per direction, up to 128 KiB, and most files are written whole when
 * their stream closes (one call that creates, writes and closes the file). Longer streams are
 * written as their bytes fill 128 KiB, through files kept open (the 256 most recently
 * written, as tcpflow keeps them); past 32 MiB gathered over all streams, the directions
 * that have gathered the longest are written out. Gaps up to 128 KiB are filled with zeros
 * in memory; larger ones are left as holes in the file.
 *
 * The files are created and written by a worker thread, beside the caller's reassembly,
 * in the order the bytes came (at most 8 MiB in flight: past it the caller waits). Call
 * {@linkcode close} at the end: it resolves when every file is written, and stops the
 * thread. Needs write permission on the folder (the worker inherits the caller's).
 *
 * @example Write the streams of a capture file
 * ```ts ignore
 * import { FlowFileWriter } from "./follow_files.ts";
 * import { StreamReassembler } from "./stream_reassembler.ts";
 *
 * const writer = new FlowFileWriter("out", { protocols: ["tcp"] });
 * const reassembler = new StreamReassembler(writer, { udp: false });
 * // reassembler.add(...) for each packet, then:
 * reassembler.finish();
 * await writer.close();
 * ```
 */
export class FlowFileWriter implements StreamHandler {
  readonly #folder: string;
  readonly #tcp: boolean;
  readonly #udp: boolean;
  readonly #pending = new Map<StreamInfo, [Pending | undefined, Pending | undefined]>();
  /** Directions with gathered bytes, the longest gathering first. */
  readonly #gathering = new Set<Pending>();
  readonly #names = new Map<string, number>();
  readonly #addresses = new Map<string, string>();
  readonly #pool = new BufferPool(16 * 1024 * 1024);
  readonly #queue = new FileWriteQueue();
  #gathered = 0;
  /** The files written, in the order they were created. */
  readonly files: FlowFile[] = [];

  /**
   * Makes a writer into a folder, which must exist.
   *
   * @param folder The folder.
   * @param options Which transports to write.
   */
  constructor(folder: string, options: FlowFileWriterOptions = {}) {
    this.#folder = folder;
    const protocols = options.protocols ?? ["tcp", "udp"];
    this.#tcp = protocols.includes("tcp");
    this.#udp = protocols.includes("udp");
  }

  /**
   * Gathers bytes of a stream, writing them when enough are waiting.
   *
   * @param stream The stream.
   * @param direction Who sent them.
   * @param data The bytes (copied: they may be a view of a reused buffer).
   * @param offset Their offset in the direction.
   */
  data(stream: StreamInfo, direction: StreamDirection, data: Uint8Array, offset: number): void {
    if (!(stream.protocol === "tcp" ? this.#tcp : this.#udp)) return;
    let both = this.#pending.get(stream);
    if (both === undefined) {
      both = [undefined, undefined];
      this.#pending.set(stream, both);
    }
    let pending = both[direction];
    if (pending === undefined) {
      pending = {
        number: this.files.length,
        file: this.#newFile(stream, direction),
        offset: 0,
        buffer: undefined,
        length: 0,
        created: false,
      };
      both[direction] = pending;
    }
    let end = pending.offset + pending.length;
    if (offset !== end && !(offset > end && offset + data.length - pending.offset <= CHUNK)) {
      // Behind what was gathered, or a gap too large to fill: write, then start anew there.
      this.#write(pending);
      pending.offset = end = offset;
    } else if (pending.length + data.length > CHUNK) {
      this.#write(pending);
      end = pending.offset;
    }
    if (data.length >= CHUNK) {
      this.#writeAt(pending, data, offset);
      pending.offset = offset + data.length;
      return;
    }
    const length = offset - pending.offset + data.length;
    let buffer = pending.buffer;
    if (buffer === undefined || buffer.length < length) {
      const grown = new Uint8Array(this.#pool.takeAtLeast(bufferSize(length)));
      if (buffer !== undefined) {
        grown.set(buffer.subarray(0, pending.length));
        this.#pool.give([buffer.buffer]);
      }
      pending.buffer = buffer = grown;
    }
    if (offset > end) buffer.fill(0, pending.length, offset - pending.offset);
    buffer.set(data, offset - pending.offset);
    if (pending.length === 0) this.#gathering.add(pending);
    this.#gathered += length - pending.length;
    pending.length = length;
    if (this.#gathered > MAX_GATHERED) this.#relieve();
  }

  /**
   * Writes what waits of a stream that closed, and closes its files.
   *
   * @param stream The stream.
   * @param _reason Why it closed.
   */
  closed(stream: StreamInfo, _reason: CloseReason): void {
    const both = this.#pending.get(stream);
    if (both === undefined) return;
    for (const pending of both) if (pending !== undefined) this.#finish(pending);
    this.#pending.delete(stream);
  }

  /**
   * Writes everything that waits, closes the files and stops the writing thread: call it
   * once, at the end (files may be incomplete until it resolves).
   *
   * @returns When every file is written; rejects with the first write that failed.
   */
  async close(): Promise<void> {
    for (const both of this.#pending.values()) {
      for (const pending of both) if (pending !== undefined) this.#finish(pending);
    }
    this.#pending.clear();
    await this.#queue.finish();
  }

  /** Same as {@linkcode close}. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #finish(pending: Pending): void {
    if (!pending.created && pending.offset === 0) {
      // The whole file is in memory: created, written and closed at once.
      const bytes = pending.buffer?.subarray(0, pending.length) ?? new Uint8Array(0);
      this.#queue.whole(pending.number, pending.file.path, bytes);
      pending.created = true;
      pending.file.bytes = pending.length;
      this.#release(pending);
    } else {
      this.#write(pending);
      this.#queue.close(pending.number);
    }
  }

  /** {@linkcode addressText}, remembered per address (streams share few addresses). */
  #addressText(address: string): string {
    let text = this.#addresses.get(address);
    if (text === undefined) {
      text = addressText(address);
      this.#addresses.set(address, text);
    }
    return text;
  }

  #newFile(stream: StreamInfo, direction: StreamDirection): FlowFile {
    const client = this.#addressText(stream.clientAddress);
    const server = this.#addressText(stream.serverAddress);
    let name = direction === 0
      ? endsName(client, stream.clientPort, server, stream.serverPort)
      : endsName(server, stream.serverPort, client, stream.clientPort);
    if (stream.protocol === "udp") name = `udp-${name}`;
    const seen = this.#names.get(name) ?? 0;
    this.#names.set(name, seen + 1);
    if (seen > 0) name += `c${seen}`;
    const file = { path: `${this.#folder}/${name}`, stream: stream.index, direction, bytes: 0 };
    this.files.push(file);
    return file;
  }

  /** Writes the gathered bytes of a direction and gives its buffer back. */
  #write(pending: Pending): void {
    if (pending.length > 0) {
      this.#writeAt(pending, pending.buffer!.subarray(0, pending.length), pending.offset);
      pending.offset += pending.length;
    } else if (!pending.created) this.#writeAt(pending, new Uint8Array(0), 0);
    this.#release(pending);
  }

  #release(pending: Pending): void {
    this.#gathered -= pending.length;
    pending.length = 0;
    this.#gathering.delete(pending);
    if (pending.buffer !== undefined) this.#pool.give([pending.buffer.buffer]);
    pending.buffer = undefined;
  }

  #writeAt(pending: Pending, bytes: Uint8Array, offset: number): void {
    this.#queue.at(pending.number, pending.file.path, offset, bytes);
    pending.created = true;
    const end = offset + bytes.length;
    if (end > pending.file.bytes) pending.file.bytes = end;
  }

  /** Over the memory limit: writes the directions that have gathered the longest. */
  #relieve(): void {
    for (const pending of this.#gathering) {
      if (this.#gathered <= MAX_GATHERED / 2) return;
      this.#write(pending);
    }
  }
}

/**
 * The size of a gathering buffer for `length` bytes: a power of two, at least 4 KiB, so
 * that buffers given back fit the next streams.
 */
function bufferSize(length: number): number {
  return length <= 4096 ? 4096 : 2 ** Math.ceil(Math.log2(length));
}
