/**
 * {@linkcode exportCaptures}: many capture files exported in parallel, one worker per
 * core, each file to outputs named by its position so that the result does not depend on
 * which worker finished first.
 *
 * @module
 */

import type { ExportJob, ExportMessage } from "./_export_worker.ts";
import type { ExportOptions } from "./export_capture.ts";
import { type CaptureOutcome, exportOutcome } from "./_export_outcome.ts";

export type { CaptureOutcome } from "./_export_outcome.ts";

/** Options of {@linkcode exportCaptures}. */
export interface ExportCapturesOptions {
  /** The options of every capture; `output(index)` names each one's output. */
  options: Omit<ExportOptions, "onProgress" | "output" | "index">;
  /** The output of the capture at `index`: its file, or the dataset directory. */
  output: (index: number) => string;
  /** Workers to run (default: the number of cores, at most one per file). */
  jobs?: number;
  /** Called as each capture is read, with its index and the file offset reached. */
  onProgress?: (index: number, offset: number) => void;
  /** Called when a capture is done, in the order they finish. */
  onDone?: (index: number, outcome: CaptureOutcome) => void;
}

/**
 * Exports capture files in parallel workers (with one job, in this thread). A file that
 * fails (not a capture, corrupt) gets an error outcome; the others are still exported.
 *
 * @param files The capture files.
 * @param options The export options, outputs, workers and callbacks.
 * @returns The outcome of each file, in the order of `files`.
 *
 * @example Export two captures as CSV
 * ```ts
 * import { exportCaptures } from "./export_captures.ts";
 * import assert from "node:assert/strict";
 *
 * const file = new URL("../../testdata/namespaces.pcap", import.meta.url).pathname;
 * const directory = await Deno.makeTempDir();
 * const outcomes = await exportCaptures([file, "/nonexistent.pcap"], {
 *   options: { format: "csv" },
 *   output: (index) => `${directory}/part-${index}.csv`,
 * });
 * assert.equal((outcomes[0] as { rows: number }).rows, 46);
 * assert.ok("error" in outcomes[1]!);
 * await Deno.remove(directory, { recursive: true });
 * ```
 */
export async function exportCaptures(
  files: readonly string[],
  options: ExportCapturesOptions,
): Promise<CaptureOutcome[]> {
  const outcomes: CaptureOutcome[] = new Array(files.length);
  const jobs = Math.max(1, Math.min(options.jobs ?? navigator.hardwareConcurrency, files.length));
  const jobOptions = (index: number): ExportOptions => ({
    ...options.options,
    output: options.output(index),
    index,
  });
  if (jobs === 1) {
    // One at a time: in this thread, which would only wait for a worker (exportCapture()
    // builds the packets table in a worker of its own); one worker fewer to start.
    for (let index = 0; index < files.length; index++) {
      const onProgress = options.onProgress;
      const outcome = await exportOutcome(
        files[index]!,
        onProgress === undefined ? jobOptions(index) : {
          ...jobOptions(index),
          onProgress: (offset) => onProgress(index, offset),
        },
      );
      outcomes[index] = outcome;
      options.onDone?.(index, outcome);
    }
    return outcomes;
  }
  let next = 0;
  const run = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const send = () => {
        if (next >= files.length) return resolve();
        const index = next++;
        const progress = options.onProgress !== undefined;
        const job: ExportJob = { index, file: files[index]!, options: jobOptions(index), progress };
        worker.postMessage(job);
      };
      worker.onmessage = (event: MessageEvent<ExportMessage>) => {
        const message = event.data;
        if ("offset" in message) {
          options.onProgress?.(message.index, message.offset);
          return;
        }
        const outcome: CaptureOutcome = "error" in message
          ? { error: message.error }
          : { rows: message.rows, files: message.files };
        outcomes[message.index] = outcome;
        options.onDone?.(message.index, outcome);
        send();
      };
      worker.onerror = (event) => {
        event.preventDefault();
        reject(new Error(`Cannot export: a worker failed: ${event.message}`));
      };
      send();
    });
  const workers = Array.from(
    { length: jobs },
    () => new Worker(new URL("./_export_worker.ts", import.meta.url), { type: "module" }),
  );
  try {
    await Promise.all(workers.map(run));
  } finally {
    for (const worker of workers) worker.terminate();
  }
  return outcomes;
}
