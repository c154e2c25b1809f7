/**
 * The progress bar that scripts draw on stderr while they read a large file (private).
 *
 * @module
 */

/**
 * Returns a function that draws a progress bar on stderr, when stderr is a terminal and
 * the file is larger than a threshold.
 *
 * @param file The file's name, shown before the bar.
 * @param size The file's size in bytes.
 * @param threshold The size above which the bar is drawn.
 * @returns The function to call with the bytes read so far, or `undefined` when no bar
 * is drawn.
 *
 * @example No bar for a small file
 * ```ts
 * import { progressBar } from "./_progress.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(progressBar("a.pcap", 10, 1024), undefined);
 * ```
 */
export function progressBar(
  file: string,
  size: number,
  threshold: number,
): ((bytes: number) => void) | undefined {
  if (size <= threshold || !Deno.stderr.isTerminal()) return undefined;
  const encoder = new TextEncoder();
  return (bytes: number) => {
    const fraction = Math.min(1, bytes / size);
    const filled = Math.round(fraction * 30);
    const bar = `${"#".repeat(filled)}${"-".repeat(30 - filled)}`;
    const percent = (fraction * 100).toFixed(0).padStart(3);
    Deno.stderr.writeSync(encoder.encode(`\r${file} [${bar}] ${percent}%`));
  };
}

/**
 * Erases the progress bar's line.
 *
 * @returns Nothing.
 */
export function clearProgress(): void {
  Deno.stderr.writeSync(new TextEncoder().encode("\r\x1b[K"));
}
