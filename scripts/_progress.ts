/**
 * A one-line progress bar on stderr (private), redrawn in place with a carriage return,
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
