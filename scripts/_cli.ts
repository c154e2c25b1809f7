/**
 * What every script's command line shares (private): the `-h`/`--help` text, one line per
 * option as `tcpdump --help` and `capinfos -h` print them, and a `parseArgs` that turns a
 * bad flag into one line naming it plus the usage (exit status 2) instead of a stack trace.
 *
 * @module
 */

import { parseArgs, type ParseArgsOptionsConfig } from "node:util";

/** One option of a script's help: its flags as typed, and what it does. */
export interface OptionHelp {
  /** The flags and value, such as `-c N, --count N`. */
  flags: string;
  /** One line on what it does. */
  text: string;
}

/**
 * The help text: the usage line, then one line per option with the flags in a column.
 *
 * @param usage The usage line (`Usage: deno run ... scripts/x.ts [-a] FILE...`).
 * @param options The options.
 * @returns The text, without a final newline.
 *
 * @example The help of a small script
 * ```ts
 * import { helpText } from "./_cli.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   helpText("Usage: x.ts [-h] FILE", [{ flags: "-h, --help", text: "print this help" }]),
 *   "Usage: x.ts [-h] FILE\nOptions:\n  -h, --help  print this help",
 * );
 * ```
 */
export function helpText(usage: string, options: readonly OptionHelp[]): string {
  const width = Math.max(...options.map((option) => option.flags.length));
  const lines = options.map((option) => `  ${option.flags.padEnd(width)}  ${option.text}`);
  return [usage, "Options:", ...lines].join("\n");
}

/** A command-line error: the script prints its message and the usage, and exits with 2. */
export class UsageError extends TypeError {
  /** Always `"usage"`. */
  readonly code = "usage";
}

/**
 * Runs `parseArgs` (strict, positionals allowed) and turns its errors into a
 * {@linkcode UsageError} with one line naming the flag.
 *
 * @param args The arguments.
 * @param options The flags.
 * @returns The values and positionals.
 * @throws {UsageError} On an unknown flag or a missing value.
 *
 * @example An unknown flag
 * ```ts
 * import { parseCommandLine, UsageError } from "./_cli.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => parseCommandLine(["--bogus"], {}), UsageError);
 * ```
 */
export function parseCommandLine<const O extends ParseArgsOptionsConfig>(
  args: readonly string[],
  options: O,
): ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const first = message.split("\n")[0]!.replace(/\. To specify a positional argument.*$/, "");
    throw new UsageError(`Cannot parse arguments: ${first}`, { cause: error });
  }
}

/**
 * Parses a script's command line, or prints the error and the usage on stderr and exits
 * with status 2; prints the help on stdout and exits with 0 for `-h`/`--help` (which
 * `options` must define as the boolean `help`).
 *
 * @param args The arguments.
 * @param options The flags.
 * @param usage The usage line.
 * @param help The help lines of the options.
 * @returns The values and positionals.
 */
export function parseOrExit<const O extends ParseArgsOptionsConfig>(
  args: readonly string[],
  options: O,
  usage: string,
  help: readonly OptionHelp[],
): ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>> {
  let parsed;
  try {
    parsed = parseCommandLine(args, options);
  } catch (error) {
    console.error((error as Error).message);
    console.error(usage);
    Deno.exit(2);
  }
  if ((parsed.values as Record<string, unknown>).help === true) {
    console.log(helpText(usage, help));
    Deno.exit(0);
  }
  return parsed;
}

export { forEachFile, reportUnreadable } from "./_each_file.ts";
export { StdoutError, writeStdout } from "./_stdout.ts";
