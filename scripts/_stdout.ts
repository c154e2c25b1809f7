/**
 * Writing to standard output from the scripts (private): all of the bytes, synchronously,
 * and a failure named as standard output's.
 *
 * @module
 */

import { oneLine } from "../lib/_one_line.ts";

/** Standard output failed (a full disk, say): named as such, not as the file being read. */
export class StdoutError extends Error {
  /** Names the failure for code that tells errors apart. */
  readonly code = "stdout";
}

/**
 * Writes all of `bytes` to standard output, synchronously: an asynchronous write costs a
 * copy and two thread switches per buffer (a tenth of the time of `sniff.ts -n -r` on a
 * large file), and one write may take only part of the bytes. A closed pipe throws
 * `Deno.errors.BrokenPipe` (scripts end quietly on it, as tcpdump on SIGPIPE); any other
 * failure a {@linkcode StdoutError}.
 *
 * @param bytes The bytes.
 *
 * @example Write a line
 * ```ts
 * import { writeStdout } from "./_stdout.ts";
 *
 * writeStdout(new TextEncoder().encode("hello\n"));
 * ```
 */
export function writeStdout(bytes: Uint8Array): void {
  let done = 0;
  try {
    while (done < bytes.length) done += Deno.stdout.writeSync(bytes.subarray(done));
  } catch (error) {
    if (error instanceof Deno.errors.BrokenPipe) throw error;
    // Deno cannot tell how much of a write that would block it sent (its stdout buffers
    // lines): going on could repeat output, so stop.
    const remedy = error instanceof Deno.errors.WouldBlock
      ? " (it is non-blocking: give the script a blocking pipe or a file)"
      : "";
    throw new StdoutError(`Cannot write to standard output: ${oneLine(error)}${remedy}`);
  }
}
