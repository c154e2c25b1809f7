/**
 * What the raw socket sniffers share (private): the common flags (`-i IFACE`, `-c N`,
 * `--json`), the permission check, Ctrl-C, and one line on stderr for an error.
 *
 * @module
 */

import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import { helpText, type OptionHelp, parseCommandLine } from "./_cli.ts";
import { requirePermissions } from "./_permissions.ts";
import { RawSocketError } from "../lib/rawsocket/mod.ts";
import { parseIpv4 } from "../lib/address.ts";

/** The parsed common flags and the script's own. */
export interface SnifferArgs {
  iface: string | undefined;
  count: number | undefined;
  json: boolean;
  values: Record<string, string | boolean | undefined>;
}

/**
 * Prints one line on stderr and exits with status 1.
 *
 * @param name The script name.
 * @param message The message.
 */
export function die(name: string, message: string): never {
  console.error(`${name}: ${message}`);
  Deno.exit(1);
}

/** The help line of `-h`, which every script takes. */
const HELP_LINE: OptionHelp = { flags: "-h, --help", text: "print this help and exit" };

/**
 * Parses the command line with `parseArgs`; for a bad flag prints one line naming it and
 * the usage, and exits with status 2; for `-h`/`--help` prints the help and exits with 0.
 *
 * @param name The script name.
 * @param usage Its usage line (flags).
 * @param options The flags it takes (`-h` is added).
 * @param help One help line per flag.
 * @returns The flag values and the positional arguments.
 */
export function parseArgsOrDie<const O extends ParseArgsOptionsConfig>(
  name: string,
  usage: string,
  options: O,
  help: readonly OptionHelp[] = [],
): ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>> {
  let parsed;
  try {
    parsed = parseCommandLine(Deno.args, {
      ...options,
      help: { type: "boolean", short: "h" },
    });
  } catch (error) {
    console.error(`${name}: ${(error as Error).message}`);
    console.error(`usage: deno run --allow-ffi scripts/${name}.ts ${usage}`);
    Deno.exit(2);
  }
  if ((parsed.values as Record<string, unknown>).help === true) {
    console.log(helpText(`usage: deno run --allow-ffi scripts/${name}.ts ${usage}`, [
      ...help,
      HELP_LINE,
    ]));
    Deno.exit(0);
  }
  return parsed as ReturnType<
    typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>
  >;
}

/**
 * Parses the flags, checks `--allow-ffi`, and prints the usage for `-h`.
 *
 * @param name The script name, such as `ip_sniffer`.
 * @param usage Its usage line (flags).
 * @param extra Its own flags.
 * @returns The flags.
 */
export function parseSnifferArgs(
  name: string,
  usage: string,
  extra: Record<string, { type: "string" | "boolean"; short?: string }> = {},
  extraHelp: readonly OptionHelp[] = [],
): SnifferArgs {
  const parsed = parseArgsOrDie(name, usage, {
    interface: { type: "string", short: "i" },
    count: { type: "string", short: "c" },
    json: { type: "boolean" },
    ...extra,
  }, [
    ...extraHelp,
    { flags: "-i IFACE", text: "only packets of this interface" },
    { flags: "-c N", text: "stop after N packets" },
    { flags: "--json", text: "one JSON object per packet (JSON lines)" },
  ]);
  if (parsed.positionals.length > 0) {
    console.error(`${name}: Cannot parse arguments: unexpected argument ${parsed.positionals[0]}`);
    console.error(`usage: deno run --allow-ffi scripts/${name}.ts ${usage}`);
    Deno.exit(2);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  requirePermissions({ script: `scripts/${name}.ts`, usage, needs: [{ name: "ffi" }] });
  let count: number | undefined;
  if (values.count !== undefined) {
    count = Number(values.count);
    if (!Number.isInteger(count) || count < 1) {
      die(name, `-c takes a positive count: received ${values.count}`);
    }
  }
  return {
    iface: values.interface as string | undefined,
    count,
    json: values.json === true,
    values,
  };
}

/**
 * Runs a sniffer: opens its socket, stops it on Ctrl-C, and turns a `RawSocketError`
 * into one line on stderr.
 *
 * @param name The script name.
 * @param body What to run, given the signal that Ctrl-C aborts.
 */
export async function runSniffer(
  name: string,
  body: (signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  Deno.addSignalListener("SIGINT", onInterrupt);
  try {
    await body(controller.signal);
  } catch (error) {
    if (error instanceof RawSocketError) die(name, error.message);
    throw error;
  } finally {
    Deno.removeSignalListener("SIGINT", onInterrupt);
  }
}

/** Prints one JSON line. */
export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v)));
}

/**
 * Reads a numeric flag, or stops with one line naming the flag and its minimum.
 *
 * @param name The script's name, for the message.
 * @param flag The flag as written (`-c`).
 * @param text Its value, when given.
 * @param fallback The value when it is not given.
 * @param min The smallest value taken.
 * @returns The number.
 */
export function numberFlagOrDie(
  name: string,
  flag: string,
  text: string | undefined,
  fallback: number,
  min: number,
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min) {
    die(name, `${flag} takes a number >= ${min}: received ${text}`);
  }
  return value;
}

/**
 * Checks that each address given is IPv4 text, or stops with one line naming it.
 *
 * @param name The script's name, for the message.
 * @param addresses The addresses; `undefined` ones are skipped.
 */
export function ipv4OrDie(name: string, ...addresses: (string | undefined)[]): void {
  for (const address of addresses) {
    if (address === undefined) continue;
    try {
      parseIpv4(address);
    } catch {
      die(name, `${address}: not an IPv4 address`);
    }
  }
}
