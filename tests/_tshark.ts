/**
 * Test helper: runs `tshark -T fields` over a capture file (or capture bytes piped to its
 * standard input) and parses its output, every occurrence of every field kept, so that
 * tests can compare wirekit's decoding with Wireshark's.
 *
 * Private to the tests.
 *
 * @module
 */

/** Options of {@linkcode tsharkFields}. */
export interface TsharkOptions {
  /** Preferences, passed as `-o name:value`; see {@linkcode NO_REASSEMBLY}. */
  preferences?: Record<string, string | number | boolean>;
  /** Protocols to turn off, passed as `--disable-protocol`. */
  disableProtocols?: string[];
  /** Heuristic dissectors to turn off, passed as `--disable-heuristic`. */
  disableHeuristics?: string[];
  /** More arguments, placed before `-T fields`. */
  extraArgs?: string[];
  /**
   * The text that joins the occurrences of a field (default `,`). It must not occur in
   * the values of the fields asked for.
   */
  aggregator?: string;
  /** Stops tshark. */
  signal?: AbortSignal;
}

/**
 * One packet of {@linkcode TsharkResult}: each field asked for, mapped to its occurrences
 * in the order tshark dissected them (outermost first); an empty array when absent.
 */
export type TsharkRow = Record<string, string[]>;

/** What {@linkcode tsharkFields} returns. */
export interface TsharkResult {
  /** One row per packet (per line of output), in packet order. */
  rows: TsharkRow[];
  /** Whether tshark exited with status 0. */
  success: boolean;
  /** What tshark wrote to its standard error, without its warning about running as root. */
  stderr: string;
}

/**
 * Preferences that keep tshark's layering per packet, as wirekit decodes: no TCP stream
 * reassembly, no IP defragmentation, no TCP sequence analysis (which also makes it faster).
 */
export const NO_REASSEMBLY: Readonly<Record<string, string | number | boolean>> = {
  "tcp.desegment_tcp_streams": false,
  "tcp.analyze_sequence_numbers": false,
  "tcp.relative_sequence_numbers": false,
  "ip.defragment": false,
  "ipv6.defragment": false,
};

let present: Promise<boolean> | undefined;

/**
 * Tells whether `tshark` can be run (checked once).
 *
 * @returns `true` when `tshark -v` succeeds.
 *
 * @example Skip a test without tshark
 * ```ts ignore
 * Deno.test({ name: "x", ignore: !(await hasTshark()), fn() {} });
 * ```
 */
export function hasTshark(): Promise<boolean> {
  present ??= tsharkRuns();
  return present;
}

async function tsharkRuns(): Promise<boolean> {
  try {
    // Spawning a missing program throws at once, not through the promise.
    const command = new Deno.Command("tshark", { args: ["-v"], stdout: "null", stderr: "null" });
    return (await command.output()).success;
  } catch {
    return false;
  }
}

/**
 * Builds the tshark arguments for {@linkcode tsharkFields}.
 *
 * @param input The path of the capture file, or `-` for the standard input.
 * @param fields The field names, such as `ip.src`.
 * @param options Preferences, disabled protocols, aggregator.
 * @returns The arguments.
 */
export function tsharkArgs(input: string, fields: string[], options: TsharkOptions = {}): string[] {
  const args = ["-n", "-r", input];
  for (const [name, value] of Object.entries(options.preferences ?? {})) {
    args.push("-o", `${name}:${typeof value === "boolean" ? (value ? "TRUE" : "FALSE") : value}`);
  }
  for (const name of options.disableProtocols ?? []) args.push("--disable-protocol", name);
  for (const name of options.disableHeuristics ?? []) args.push("--disable-heuristic", name);
  args.push(...(options.extraArgs ?? []), "-T", "fields");
  for (const field of fields) args.push("-e", field);
  args.push(
    "-E",
    "separator=/t",
    "-E",
    "occurrence=a",
    "-E",
    `aggregator=${options.aggregator ?? ","}`,
    "-E",
    "quote=n",
    "-E",
    "header=n",
  );
  return args;
}

/**
 * Parses the output of `tshark -T fields -E separator=/t -E occurrence=a`.
 *
 * @param text The standard output.
 * @param fields The fields, in the order of the `-e` arguments.
 * @param aggregator The text that joins occurrences (default `,`).
 * @returns One row per non-empty line.
 *
 * @example Parse two packets
 * ```ts
 * import { parseTsharkFields } from "./_tshark.ts";
 * import assert from "node:assert/strict";
 *
 * const rows = parseTsharkFields("1\t10.0.0.1,10.0.0.2\n2\t\n", ["frame.number", "ip.src"]);
 * assert.deepEqual(rows, [
 *   { "frame.number": ["1"], "ip.src": ["10.0.0.1", "10.0.0.2"] },
 *   { "frame.number": ["2"], "ip.src": [] },
 * ]);
 * ```
 */
export function parseTsharkFields(text: string, fields: string[], aggregator = ","): TsharkRow[] {
  const rows: TsharkRow[] = [];
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const columns = line.split("\t");
    const row: TsharkRow = {};
    fields.forEach((field, i) => {
      const value = columns[i] ?? "";
      row[field] = value === "" ? [] : value.split(aggregator);
    });
    rows.push(row);
  }
  return rows;
}

/**
 * Runs `tshark -T fields` with every occurrence of each field.
 *
 * @param input A capture file (path or `file:` URL), or the bytes of a pcap or pcapng
 * file, piped to tshark's standard input.
 * @param fields The field names, such as `ip.src` (see `tshark -G fields`).
 * @param options Preferences, disabled protocols, aggregator, abort signal.
 * @returns The parsed rows, tshark's exit status and its error output.
 *
 * @example Read the IPv4 sources of a file
 * ```ts ignore
 * const { rows } = await tsharkFields("dump.pcap", ["frame.number", "ip.src"], {
 *   preferences: NO_REASSEMBLY,
 * });
 * console.log(rows[0]?.["ip.src"]);
 * ```
 */
export async function tsharkFields(
  input: string | URL | Uint8Array,
  fields: string[],
  options: TsharkOptions = {},
): Promise<TsharkResult> {
  const piped = input instanceof Uint8Array;
  const path = piped ? "-" : input instanceof URL ? decodeURIComponent(input.pathname) : input;
  const command = new Deno.Command("tshark", {
    args: tsharkArgs(path, fields, options),
    stdin: piped ? "piped" : "null",
    stdout: "piped",
    stderr: "piped",
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const child = command.spawn();
  // Write while the output is read, so that neither pipe can fill up and block tshark.
  const writing = piped ? writeAll(child.stdin, input) : Promise.resolve();
  const [output] = await Promise.all([child.output(), writing]);
  const stderr = new TextDecoder().decode(output.stderr).split("\n")
    .filter((line) => line !== "" && !line.startsWith("Running as user")).join("\n");
  return {
    rows: parseTsharkFields(new TextDecoder().decode(output.stdout), fields, options.aggregator),
    success: output.success,
    stderr,
  };
}

async function writeAll(stream: WritableStream<Uint8Array>, bytes: Uint8Array): Promise<void> {
  const writer = stream.getWriter();
  try {
    await writer.write(bytes);
    await writer.close();
  } catch {
    // tshark stopped reading (it failed, or was aborted): its exit status tells why.
  }
}
