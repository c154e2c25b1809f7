/**
 * The worker of {@linkcode exportCaptures} (private): exports the captures it is sent,
 * one at a time, and posts progress and results back.
 *
 * @module
 */

import type { ExportOptions } from "./export_capture.ts";
import { exportOutcome } from "./_export_outcome.ts";

/** A job: one capture to export. */
export interface ExportJob {
  /** The capture's position in the input list. */
  index: number;
  /** The capture file. */
  file: string;
  /** The options, without callbacks. */
  options: Omit<ExportOptions, "onProgress">;
  /** Whether to post progress. */
  progress: boolean;
}

/** What the worker posts: progress, a result, or an error message. */
export type ExportMessage =
  | { index: number; offset: number }
  | { index: number; rows: number; files: string[] }
  | { index: number; error: string };

/** The worker's global scope, as far as this module uses it. */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ExportJob>) => void) | null;
  postMessage(message: ExportMessage): void;
};

scope.onmessage = async (event: MessageEvent<ExportJob>) => {
  const { index, file, options, progress } = event.data;
  const onProgress = (offset: number) =>
    scope.postMessage({ index, offset } satisfies ExportMessage);
  const outcome = await exportOutcome(file, progress ? { ...options, onProgress } : options);
  scope.postMessage({ index, ...outcome } satisfies ExportMessage);
};
