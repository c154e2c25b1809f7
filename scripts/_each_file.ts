/**
 * How scripts read the files they are given (private): one after the other, a file that
 * cannot be read being one line on stderr. Apart from `_cli.ts`, which re-exports it, so
 * that a script can read files without loading `node:util`.
 *
 * @module
 */

import { StdoutError } from "./_stdout.ts";

/**
 * Prints the line a script prints for a file it cannot read, `Cannot read FILE: reason`,
 * on stderr.
 *
 * @param file The file.
 * @param error What reading it threw.
 */
export function reportUnreadable(file: string, error: unknown): void {
  console.error(`Cannot read ${file}: ${error instanceof Error ? error.message : error}`);
}

/**
 * Reads files one after the other: a file whose `read` throws is one line on stderr (see
 * {@linkcode reportUnreadable}) and the next one is read all the same.
 *
 * @param files The files, in order.
 * @param read Reads one file (and prints what it finds); `index` is its place in `files`.
 * @returns The exit status: 1 when a file could not be read, else 0.
 *
 * @example A file that is not there
 * ```ts
 * import { forEachFile } from "./_each_file.ts";
 * import assert from "node:assert/strict";
 *
 * const read: string[] = [];
 * const status = await forEachFile(["a", "b"], async (file) => {
 *   if (file === "a") throw new Deno.errors.NotFound("No such file or directory");
 *   read.push(file);
 * });
 * assert.equal(status, 1);
 * assert.deepEqual(read, ["b"]);
 * ```
 */
export async function forEachFile(
  files: readonly string[],
  read: (file: string, index: number) => Promise<void>,
): Promise<number> {
  let status = 0;
  for (const [index, file] of files.entries()) {
    try {
      await read(file, index);
    } catch (error) {
      // A closed pipe (`| head`) ends the output quietly, as SIGPIPE ends tcpdump; a
      // failed standard output is no fault of the file, and the next would fail the same.
      if (error instanceof Deno.errors.BrokenPipe) return status;
      if (error instanceof StdoutError) {
        console.error(error.message);
        return 1;
      }
      reportUnreadable(file, error);
      status = 1;
    }
  }
  return status;
}
