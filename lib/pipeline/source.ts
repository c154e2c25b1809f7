/**
 * Reading a capture to batches of packets: a pcap or pcapng file, standard input (`-`), or
 * either of them compressed with gzip or xz (told by the magic bytes, as tshark and
 * Wireshark tell them, not by the file name), and the line tcpdump prints on stderr for
 * the file (`reading from file F, link-type EN10MB (Ethernet), snapshot length 262144`).
 *
 * @module
 */

import { openCapture } from "../formats/open_capture.ts";
import type { PcapReader } from "../formats/pcap.ts";
import type { CaptureFile } from "../formats/capture_reader.ts";
import type { PcapngReader } from "../formats/pcapng.ts";
import { linkTypeText, MAXIMUM_SNAPLEN } from "../link_type.ts";

export { MAXIMUM_SNAPLEN } from "../link_type.ts";

/** A compression that {@linkcode openCaptureInput} undoes. */
export type CaptureCompression = "gzip" | "xz";

const GZIP_MAGIC = [0x1f, 0x8b];
const XZ_MAGIC = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];

/**
 * Tells the compression of a file from its first bytes: gzip (`1f 8b`) or xz
 * (`fd 37 7a 58 5a 00`).
 *
 * @param head The first bytes of the file (6 are enough).
 * @returns The compression, or `undefined` for anything else.
 *
 * @example Tell gzip from a pcap header
 * ```ts
 * import { compressionOf } from "./source.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(compressionOf(new Uint8Array([0x1f, 0x8b, 8, 0])), "gzip");
 * assert.equal(compressionOf(new Uint8Array([0xd4, 0xc3, 0xb2, 0xa1])), undefined);
 * ```
 */
export function compressionOf(head: Uint8Array): CaptureCompression | undefined {
  const starts = (magic: number[]) =>
    head.length >= magic.length && magic.every((byte, i) => head[i] === byte);
  if (starts(GZIP_MAGIC)) return "gzip";
  if (starts(XZ_MAGIC)) return "xz";
  return undefined;
}

/** Reads from a stream until at least `want` bytes came, or it ended. */
async function peek(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  want: number,
): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  while (length < want) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
  }
  return chunks;
}

/** The bytes read from a stream already (`head`), then the rest of it. */
function replay(
  head: readonly Uint8Array[],
  reader: ReadableStreamDefaultReader<Uint8Array>,
): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of head) controller.enqueue(chunk);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel(reason) {
      await reader.cancel(reason);
    },
  });
}

/** Reads up to `n` bytes from the start of a file (fewer when it ends first). */
async function readHead(file: CaptureFile, n: number): Promise<Uint8Array> {
  const head = new Uint8Array(n);
  let filled = 0;
  while (filled < n) {
    const read = await file.read(head.subarray(filled));
    if (read === null) break;
    filled += read;
  }
  return head.subarray(0, filled);
}

/**
 * Standard input, with `head` (read from it already) put back in front. A regular file
 * redirected to it is read synchronously, as a path is (such a read cannot block).
 */
async function stdinAfter(head: Uint8Array): Promise<CaptureFile> {
  const { fstatSync } = await import("node:fs");
  let regular = false;
  try {
    regular = fstatSync(0).isFile();
  } catch {
    // Closed: the first read says so.
  }
  let rest = head;
  const take = (target: Uint8Array): number => {
    const n = Math.min(rest.length, target.length);
    target.set(rest.subarray(0, n));
    rest = rest.subarray(n);
    return n;
  };
  const readSync = (target: Uint8Array) =>
    rest.length > 0 ? take(target) : Deno.stdin.readSync(target);
  return {
    read: (target) =>
      regular || rest.length > 0 ? Promise.resolve(readSync(target)) : Deno.stdin.read(target),
    readSync,
    close: () => Deno.stdin.close(),
  };
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * Undoes gzip or xz compression of a stream, told by its first bytes; a stream that is
 * neither comes back with the same bytes. gzip goes through the platform's
 * `DecompressionStream`; xz through the `xz-decompress` package (WebAssembly, loaded on
 * first use).
 *
 * @param stream The bytes, compressed or not.
 * @returns The decompressed bytes, and which compression there was.
 *
 * @example Read back gzip-compressed bytes
 * ```ts
 * import { decompressStream } from "./source.ts";
 * import assert from "node:assert/strict";
 *
 * const plain = new Uint8Array([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0]);
 * const gzipped = ReadableStream.from([plain]).pipeThrough(new CompressionStream("gzip"));
 * const { stream, compression } = await decompressStream(gzipped);
 * assert.equal(compression, "gzip");
 * assert.deepEqual(new Uint8Array(await new Response(stream).arrayBuffer()), plain);
 * ```
 */
export async function decompressStream(
  stream: ReadableStream<Uint8Array>,
): Promise<{ stream: ReadableStream<Uint8Array>; compression: CaptureCompression | undefined }> {
  const reader = stream.getReader();
  const head = await peek(reader, XZ_MAGIC.length);
  const compression = compressionOf(concat(head));
  const replayed = replay(head, reader);
  if (compression === "gzip") {
    return {
      stream: replayed.pipeThrough(new DecompressionStream("gzip") as TransformStream),
      compression,
    };
  }
  if (compression === "xz") {
    const { default: xz } = await import("npm:xz-decompress@0.2.3");
    return { stream: new xz.XzReadableStream(replayed), compression };
  }
  return { stream: replayed, compression };
}

/** A capture reader: pcap or pcapng. */
export type CaptureInputReader = PcapReader | PcapngReader;

/** What {@linkcode openCaptureInput} opened. */
export interface CaptureInput {
  /** The name tcpdump prints: the path, or `-` for standard input. */
  readonly name: string;
  /** The reader; close it (or `await using`). */
  readonly reader: CaptureInputReader;
  /** The compression that was undone. */
  readonly compression: CaptureCompression | undefined;
}

/** Options of {@linkcode openCaptureInput}. */
export interface CaptureInputOptions {
  /**
   * Standard input, for `-` (default: the process's, read straight into the reader's
   * buffers unless it is compressed).
   */
  stdin?: ReadableStream<Uint8Array>;
}

/**
 * Opens a capture as `tcpdump -r` and tshark do: a pcap or pcapng file, `-` for standard
 * input, either compressed with gzip or xz (by their magic bytes). An uncompressed file
 * or standard input is read straight into the reader's buffers; anything else through a
 * stream.
 *
 * @param path The file, or `-`.
 * @param options Where standard input comes from.
 * @returns The reader, and what was undone.
 * @throws {CaptureFileError} When the (decompressed) bytes are not a capture.
 *
 * @example Read a gzip-compressed capture from "standard input"
 * ```ts
 * import { openCaptureInput } from "./source.ts";
 * import { pcapBytes } from "../formats/pcap.ts";
 * import assert from "node:assert/strict";
 *
 * const file = new Uint8Array(pcapBytes([{ timestamp: 0n, data: new Uint8Array(14) }]));
 * const stdin = ReadableStream.from([file]).pipeThrough(new CompressionStream("gzip"));
 * const input = await openCaptureInput("-", { stdin });
 * await using _ = input.reader;
 * let packets = 0;
 * for await (const _record of input.reader) packets++;
 * assert.equal(packets, 1);
 * assert.equal(input.compression, "gzip");
 * ```
 */
export async function openCaptureInput(
  path: string,
  options: CaptureInputOptions = {},
): Promise<CaptureInput> {
  if (path !== "-") {
    let head: Uint8Array;
    {
      using file = await Deno.open(path, { read: true });
      // A directory opens but cannot be read: openCapture() names it, with the remedy.
      const { isDirectory } = await file.stat();
      head = isDirectory ? new Uint8Array() : await readHead(file, XZ_MAGIC.length);
    }
    if (compressionOf(head) === undefined) {
      return { name: path, reader: await openCapture(path), compression: undefined };
    }
  }
  let raw: ReadableStream<Uint8Array>;
  if (path !== "-") raw = (await Deno.open(path, { read: true })).readable;
  else if (options.stdin !== undefined) raw = options.stdin;
  else {
    // Standard input is read straight into the reader's buffers (its `readable` costs a
    // copy and a promise per chunk), unless it is compressed; the magic bytes go first.
    const head = await readHead(Deno.stdin, XZ_MAGIC.length);
    if (compressionOf(head) === undefined) {
      return {
        name: path,
        reader: await openCapture(await stdinAfter(head)),
        compression: undefined,
      };
    }
    raw = replay([head], Deno.stdin.readable.getReader());
  }
  const { stream, compression } = await decompressStream(raw);
  return { name: path, reader: await openCapture(stream), compression };
}

/**
 * The link type and snapshot length that tcpdump announces for a reader: the file header
 * of pcap; the first interface of pcapng, once it has been read (`undefined` before).
 *
 * @param reader The reader.
 * @returns The link type and snapshot length.
 *
 * @example The link type of a pcap file
 * ```ts
 * import { readerLinkType } from "./source.ts";
 * import { openCapture } from "../formats/open_capture.ts";
 * import { pcapBytes } from "../formats/pcap.ts";
 * import assert from "node:assert/strict";
 *
 * await using reader = await openCapture(ReadableStream.from([pcapBytes([])]));
 * assert.deepEqual(readerLinkType(reader), { linkType: 1, snapLength: 262144 });
 * ```
 */
export function readerLinkType(
  reader: CaptureInputReader,
): { linkType: number; snapLength: number } | undefined {
  if (reader.format === "pcap") {
    return { linkType: reader.header.linkType, snapLength: reader.header.snapLength };
  }
  const first = reader.section.interfaces[0];
  return first === undefined
    ? undefined
    : { linkType: first.linkType, snapLength: first.snapLength };
}

/**
 * tcpdump's line on stderr for a file it reads.
 *
 * @param name The file name as given (`-` for standard input).
 * @param linkType The link type.
 * @param snapLength The snapshot length (0 is printed as 262144, as tcpdump does).
 * @returns The line, without a newline.
 *
 * @example The line for an Ethernet file
 * ```ts
 * import { readingFromLine } from "./source.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   readingFromLine("in.pcap", 1, 0),
 *   "reading from file in.pcap, link-type EN10MB (Ethernet), snapshot length 262144",
 * );
 * ```
 */
export function readingFromLine(name: string, linkType: number, snapLength: number): string {
  return `reading from file ${name}, link-type ${linkTypeText(linkType)}, snapshot length ${
    snapLength === 0 ? MAXIMUM_SNAPLEN : snapLength
  }`;
}
