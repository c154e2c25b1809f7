/**
 * The worker of {@linkcode FileWriteQueue} (private): carries out the file writes it is
 * posted, in order, so that creating and writing files runs beside the reassembly.
 * Files written in pieces stay open, the 256 most recently written at most.
 *
 * @module
 */

import {
  ERROR_BYTES,
  OP_AT,
  OP_CLOSE,
  OP_FIELDS,
  OP_WHOLE,
  STATE_ERROR,
  type WriteBatch,
  type WriterDone,
  type WriterEnd,
  type WriterSetup,
} from "./_file_write_protocol.ts";

/** The most files kept open at once; past it the least recently written is closed. */
const MAX_OPEN = 256;

/** A file kept open and where its handle stands. */
interface OpenFile {
  handle: Deno.FsFile;
  position: number;
}

/** The worker's global scope, as far as this module uses it. */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WriterSetup | WriteBatch | WriterEnd>) => void) | null;
  postMessage(message: WriterDone): void;
};

let slabs: Uint8Array[] = [];
let state: Int32Array = new Int32Array(0);
let errorText: Uint8Array = new Uint8Array(0);
/** Open files by number, the least recently written first. */
const open = new Map<number, OpenFile>();
/** The files opened once (created), by number. */
const created = new Set<number>();

function writeAll(handle: Deno.FsFile, bytes: Uint8Array): void {
  for (let written = 0; written < bytes.length;) {
    written += handle.writeSync(bytes.subarray(written));
  }
}

function writeAt(file: number, path: string, offset: number, bytes: Uint8Array): void {
  let entry = open.get(file);
  if (entry === undefined) {
    if (open.size >= MAX_OPEN) {
      const [oldest, least] = open.entries().next().value!;
      least.handle.close();
      open.delete(oldest);
    }
    // The first opening truncates; later ones reopen a file closed for room.
    const truncate = !created.has(file);
    const handle = Deno.openSync(path, { write: true, create: true, truncate });
    created.add(file);
    entry = { handle, position: 0 };
  } else open.delete(file);
  open.set(file, entry);
  if (entry.position !== offset) entry.handle.seekSync(offset, Deno.SeekMode.Start);
  writeAll(entry.handle, bytes);
  entry.position = offset + bytes.length;
}

function close(file: number): void {
  const entry = open.get(file);
  if (entry === undefined) return;
  entry.handle.close();
  open.delete(file);
}

function fail(path: string, error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);
  const text = new TextEncoder().encode(`Cannot write ${path}: ${reason}`.split("\n")[0]!);
  const length = Math.min(text.length, ERROR_BYTES);
  errorText.set(text.subarray(0, length));
  Atomics.store(state, STATE_ERROR, length);
}

function run(batch: WriteBatch): void {
  const slab = slabs[batch.slab]!;
  const { ops, paths } = batch;
  for (let i = 0; i < paths.length && Atomics.load(state, STATE_ERROR) === 0; i++) {
    const at = i * OP_FIELDS;
    const kind = ops[at]!;
    const start = ops[at + 3]!;
    const bytes = slab.subarray(start, start + ops[at + 4]!);
    try {
      if (kind === OP_WHOLE) Deno.writeFileSync(paths[i]!, bytes);
      else if (kind === OP_AT) writeAt(ops[at + 1]!, paths[i]!, ops[at + 2]!, bytes);
      else if (kind === OP_CLOSE) close(ops[at + 1]!);
    } catch (error) {
      fail(paths[i]!, error);
    }
  }
  Atomics.store(state, 1 + batch.slab, 0);
  Atomics.notify(state, 1 + batch.slab);
}

scope.onmessage = (event) => {
  const message = event.data;
  if ("slabs" in message) {
    slabs = message.slabs.map((slab) => new Uint8Array(slab));
    state = new Int32Array(message.state);
    errorText = new Uint8Array(message.error);
  } else if ("end" in message) {
    for (const entry of open.values()) entry.handle.close();
    open.clear();
    scope.postMessage({ done: true });
  } else run(message);
};
