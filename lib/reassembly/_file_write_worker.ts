/**
 * The worker of {@linkcode FileWriteQueue} (private): carries out the file writes it is
 * posted, in order (through {@linkcode FileOps}), so that creating and writing files runs
 * beside the reassembly.
 *
 * @module
 */

import {
  ERROR_BYTES,
  OP_FIELDS,
  STATE_ERROR,
  type WriteBatch,
  type WriterDone,
  type WriterEnd,
  type WriterSetup,
} from "./_file_write_protocol.ts";
import { FileOps } from "./_file_ops.ts";

/** The worker's global scope, as far as this module uses it. */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WriterSetup | WriteBatch | WriterEnd>) => void) | null;
  postMessage(message: WriterDone): void;
};

let slabs: Uint8Array[] = [];
let state: Int32Array = new Int32Array(0);
let errorText: Uint8Array = new Uint8Array(0);
const files = new FileOps();

function fail(error: unknown): void {
  const text = new TextEncoder().encode((error as Error).message);
  const length = Math.min(text.length, ERROR_BYTES);
  errorText.set(text.subarray(0, length));
  Atomics.store(state, STATE_ERROR, length);
}

function run(batch: WriteBatch): void {
  const slab = slabs[batch.slab]!;
  const { ops, paths } = batch;
  for (let i = 0; i < paths.length && Atomics.load(state, STATE_ERROR) === 0; i++) {
    const at = i * OP_FIELDS;
    const start = ops[at + 3]!;
    const bytes = slab.subarray(start, start + ops[at + 4]!);
    try {
      files.run(ops[at]!, ops[at + 1]!, paths[i]!, ops[at + 2]!, bytes);
    } catch (error) {
      fail(error);
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
    files.closeAll();
    scope.postMessage({ done: true });
  } else run(message);
};
