/**
 * One-line progress bars on stderr (private), redrawn in place with a carriage return,
 * at most ten times a second; only when stderr is a terminal.
 *
 * @module
 */

const encoder = new TextEncoder();
const WIDTH = 30;

/** A progress bar over a total (bytes, files...). */
export class ProgressBar {
  readonly #total: number;
  readonly #enabled: boolean;
  #last = 0;
  #drawn = false;

  /**
   * Makes a bar; it draws nothing when `enabled` is false.
   *
   * @param total The amount at 100%.
   * @param enabled Whether to draw (default: when stderr is a terminal).
   */
  constructor(total: number, enabled = Deno.stderr.isTerminal()) {
    this.#total = Math.max(1, total);
    this.#enabled = enabled;
  }

  /** Whether the bar draws (callers can skip tracking progress when it does not). */
  get enabled(): boolean {
    return this.#enabled;
  }

  /**
   * Redraws the bar, unless it was drawn less than 100 ms ago.
   *
   * @param done The amount done.
   * @param label Text after the bar, such as `2/5 files`.
   */
  update(done: number, label: string): void {
    if (!this.#enabled) return;
    const now = performance.now();
    if (this.#drawn && now - this.#last < 100) return;
    this.#last = now;
    this.#drawn = true;
    const fraction = Math.min(1, done / this.#total);
    const filled = Math.round(fraction * WIDTH);
    const bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
    const percent = `${Math.floor(fraction * 100)}`.padStart(3);
    Deno.stderr.writeSync(encoder.encode(`\r[${bar}] ${percent}% ${label}\x1b[K`));
  }

  /** Erases the bar, so that messages after it start on a clean line. */
  clear(): void {
    if (this.#drawn) Deno.stderr.writeSync(encoder.encode("\r\x1b[K"));
    this.#drawn = false;
  }
}

/**
 * Returns a function that draws a progress bar on stderr while a large file is read, when
 * stderr is a terminal and the file is larger than a threshold.
 *
 * @param file The file's name, shown after the bar.
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
  const bar = new ProgressBar(size, true);
  return (bytes: number) => bar.update(bytes, file);
}

/**
 * Erases the line of a bar drawn by {@linkcode progressBar}.
 *
 * @returns Nothing.
 */
export function clearProgress(): void {
  Deno.stderr.writeSync(encoder.encode("\r\x1b[K"));
}
