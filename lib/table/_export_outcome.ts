/**
 * {@linkcode exportOutcome} (private): one capture exported, its failure told as an outcome
 * (the error's first line), for `exportCaptures()` and its workers.
 *
 * @module
 */

import { exportCapture, type ExportOptions } from "./export_capture.ts";

/** The outcome of one capture: what it wrote, or why it failed. */
export type CaptureOutcome = { rows: number; files: string[] } | { error: string };

/**
 * Exports a capture with {@linkcode exportCapture}, catching its failure.
 *
 * @param file The capture file.
 * @param options As for `exportCapture()`.
 * @returns The rows and files written, or the first line of the error's message.
 */
export async function exportOutcome(file: string, options: ExportOptions): Promise<CaptureOutcome> {
  try {
    const { rows, files } = await exportCapture(file, options);
    return { rows, files };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { error: message.split("\n")[0]! };
  }
}
