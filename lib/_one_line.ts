/**
 * An error's message on one line, for a command line's stderr or a browser's status bar.
 * Private to the package.
 *
 * @module
 */

/** Options of {@linkcode oneLine}. */
export interface OneLineOptions {
  /**
   * Keep only the first line that is not blank (default `false`: keep them all): for
   * messages whose later lines are context, such as DuckDB's, which follow the fault with
   * the query's line and a caret under it.
   */
  firstOnly?: boolean;
}

/**
 * The message of an error (or the text of anything else thrown) on one line: its lines
 * trimmed, the blank ones left out, the rest joined with `; ` (or only the first kept).
 *
 * @param error What was thrown.
 * @param options Whether to keep the first line only.
 * @returns The one line.
 *
 * @example A two-line message
 * ```ts
 * import { oneLine } from "./_one_line.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(oneLine(new Error("Cannot filter:\n  syntax error\n")), "Cannot filter:; syntax error");
 * assert.equal(oneLine("plain"), "plain");
 * ```
 *
 * @example DuckDB's message, its context left out
 * ```ts
 * import { oneLine } from "./_one_line.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new Error('Parser Error: syntax error at or near "SELEC"\n\nLINE 1: SELEC 1\n        ^');
 * assert.equal(oneLine(error, { firstOnly: true }), 'Parser Error: syntax error at or near "SELEC"');
 * ```
 */
export function oneLine(error: unknown, options: OneLineOptions = {}): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split("\n").map((line) => line.trim()).filter((line) => line !== "");
  return options.firstOnly ? lines[0] ?? "" : lines.join("; ");
}
