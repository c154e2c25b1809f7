/**
 * Writes each direction of each TCP stream to its own file, named as tcpflow names them
 * (`192.168.001.002.00080-010.000.000.001.54321`: sender, then receiver), bytes at their
 * offset in the direction so that a gap leaves zeros (a hole), as tcpflow leaves it.
 *
 * @module
 */

import type { CloseReason, StreamDirection, StreamHandler, StreamInfo } from "./stream_types.ts";

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
  const end = (address: string, port: number) => {
    const text = address.includes(":")
      ? address
      : address.split(".").map((part) => part.padStart(3, "0")).join(".");
    return `${text}.${String(port).padStart(5, "0")}`;
  };
  return `${end(sourceAddress, sourcePort)}-${end(destinationAddress, destinationPort)}`;
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

/** Bytes of one direction waiting to be written at `offset`, and its open file. */
interface Pending {
  file: FlowFile;
  offset: number;
  buffer: Uint8Array;
  length: number;
  handle: Deno.FsFile | undefined;
  created: boolean;
}

const CHUNK = 128 * 1024;
/** The most files kept open at once; past it, all are closed (reopened when written). */
const MAX_OPEN = 256;

/**
 * A {@linkcode StreamHandler} that writes the TCP streams it is told about to files in a
 * folder, named by {@linkcode tcpflowName} (a stream on addresses and ports that an
 * earlier stream used gets `c1`, `c2`... appended, as tcpflow does). Bytes are gathered up
 * to 128 KiB per direction and written when that fills, when the stream closes, or at
 * {@linkcode flush}.
 *
 * @example Write the streams of a capture file
 * ```ts ignore
 * import { FlowFileWriter } from "./follow_files.ts";
 * import { StreamReassembler } from "./stream_reassembler.ts";
 *
 * const writer = new FlowFileWriter("out");
 * const reassembler = new StreamReassembler(writer, { udp: false });
 * // reassembler.add(...) for each packet, then:
 * reassembler.finish();
 * writer.flush();
 * ```
 */
export class FlowFileWriter implements StreamHandler {
  readonly #folder: string;
  readonly #pending = new Map<StreamInfo, [Pending | undefined, Pending | undefined]>();
  /** Pending entries with an open file. */
  readonly #open = new Set<Pending>();
  readonly #names = new Map<string, number>();
  /** The files written, in the order they were created. */
  readonly files: FlowFile[] = [];

  /**
   * Makes a writer into a folder, which must exist.
   *
   * @param folder The folder.
   */
  constructor(folder: string) {
    this.#folder = folder;
  }

  /**
   * Gathers bytes of a TCP stream, writing them when enough are waiting.
   *
   * @param stream The stream.
   * @param direction Who sent them.
   * @param data The bytes.
   * @param offset Their offset in the direction.
   */
  data(stream: StreamInfo, direction: StreamDirection, data: Uint8Array, offset: number): void {
    if (stream.protocol !== "tcp") return;
    let both = this.#pending.get(stream);
    if (both === undefined) {
      both = [undefined, undefined];
      this.#pending.set(stream, both);
    }
    let pending = both[direction];
    if (pending === undefined) {
      pending = {
        file: this.#newFile(stream, direction),
        offset,
        buffer: new Uint8Array(Math.min(CHUNK, Math.max(data.length, 1024))),
        length: 0,
        handle: undefined,
        created: false,
      };
      both[direction] = pending;
    }
    if (pending.offset + pending.length !== offset || pending.length + data.length > CHUNK) {
      this.#write(pending);
      pending.offset = offset;
    }
    if (data.length > CHUNK) {
      pending.buffer = data;
      pending.length = data.length;
      this.#write(pending);
      pending.buffer = new Uint8Array(1024);
      pending.offset = offset + data.length;
      return;
    }
    if (pending.length + data.length > pending.buffer.length) {
      const grown = new Uint8Array(Math.min(CHUNK, (pending.length + data.length) * 2));
      grown.set(pending.buffer.subarray(0, pending.length));
      pending.buffer = grown;
    }
    pending.buffer.set(data, pending.length);
    pending.length += data.length;
  }

  /**
   * Writes what waits of a stream that closed.
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

  /** Writes everything that waits, and closes the files. */
  flush(): void {
    for (const both of this.#pending.values()) {
      for (const pending of both) if (pending !== undefined) this.#finish(pending);
    }
    this.#pending.clear();
  }

  #finish(pending: Pending): void {
    this.#write(pending);
    pending.handle?.close();
    pending.handle = undefined;
    this.#open.delete(pending);
  }

  #newFile(stream: StreamInfo, direction: StreamDirection): FlowFile {
    const [source, sourcePort, destination, destinationPort] = direction === 0
      ? [stream.clientAddress, stream.clientPort, stream.serverAddress, stream.serverPort]
      : [stream.serverAddress, stream.serverPort, stream.clientAddress, stream.clientPort];
    let name = tcpflowName(source, sourcePort, destination, destinationPort);
    const seen = this.#names.get(name) ?? 0;
    this.#names.set(name, seen + 1);
    if (seen > 0) name += `c${seen}`;
    const file = { path: `${this.#folder}/${name}`, stream: stream.index, direction, bytes: 0 };
    this.files.push(file);
    return file;
  }

  #write(pending: Pending): void {
    if (pending.length === 0 && pending.created) return;
    let handle = pending.handle;
    if (handle === undefined) {
      if (this.#open.size >= MAX_OPEN) {
        // Closing them all at once keeps this constant time per file (a set emptied one
        // entry at a time from its start is slow to iterate).
        for (const open of this.#open) {
          open.handle!.close();
          open.handle = undefined;
        }
        this.#open.clear();
      }
      // The first open creates the file (emptying an old one); later ones reopen it.
      handle = Deno.openSync(pending.file.path, {
        write: true,
        create: true,
        truncate: !pending.created,
      });
      pending.handle = handle;
      pending.created = true;
      this.#open.add(pending);
    }
    if (pending.length > 0) {
      handle.seekSync(pending.offset, Deno.SeekMode.Start);
      let written = 0;
      const bytes = pending.buffer.subarray(0, pending.length);
      while (written < bytes.length) written += handle.writeSync(bytes.subarray(written));
      pending.file.bytes = Math.max(pending.file.bytes, pending.offset + pending.length);
    }
    pending.offset += pending.length;
    pending.length = 0;
  }
}
