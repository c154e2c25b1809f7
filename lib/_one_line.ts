/**
 * An error's message on one line, for a command line's stderr or a browser's status bar.
 * Private to the package.
 *
 * @module
 */

/**
 * The message of an error (or the text of anything else thrown) on one line: its lines
 * trimmed, the blank ones left out, the rest joined with `; `.
 *
 * @param error What was thrown.
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
 */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n").map((line) => line.trim()).filter((line) => line !== "").join("; ");
}
