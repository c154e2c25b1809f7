/**
 * Test helper: runs tcpdump over a capture file and compares its output with what
 * `scripts/sniff.ts` printed, line by line within each packet. Shared by
 * `tests/conformance_tcpdump_test.ts` and `bench/outside_tcpdump.ts`, so that both count
 * matching lines the same way.
 *
 * Private to the tests and benchmarks.
 *
 * @module
 */

/** What tcpdump printed, and the error that stopped it early (a bad or cut file). */
export interface TcpdumpOutput {
  /** Its standard output. */
  stdout: string;
  /** The last line of its standard error when it failed part way, else `undefined`. */
  stopped: string | undefined;
  /** The link type it named (`EN10MB`, `LINUX_SLL`...), when it said. */
  linkType?: string;
}

/** Options of {@linkcode runTcpdump}. */
export interface RunTcpdumpOptions {
  /** The time zone tcpdump prints in (default `GMT0`). */
  tz?: string;
  /** Stops tcpdump. */
  signal?: AbortSignal;
}

/**
 * Runs `tcpdump <options> -r <path>`.
 *
 * @param path The capture file.
 * @param options tcpdump's options, such as `["-n", "-tt", "-v"]`.
 * @param run The time zone and an abort signal.
 * @returns What tcpdump printed, or `undefined` when it could not read the file at all.
 * @throws {Deno.errors.NotFound} When tcpdump is not installed.
 *
 * @example Read a capture as `tcpdump -n` does
 * ```ts ignore
 * const out = await runTcpdump("testdata/dns.pcap", ["-n"]);
 * console.log(out?.stdout);
 * ```
 */
export async function runTcpdump(
  path: string,
  options: readonly string[],
  run: RunTcpdumpOptions = {},
): Promise<TcpdumpOutput | undefined> {
  const output = await new Deno.Command("tcpdump", {
    args: [...options, "-r", path],
    env: { TZ: run.tz ?? "GMT0" },
    stdout: "piped",
    stderr: "piped",
    ...(run.signal === undefined ? {} : { signal: run.signal }),
  }).output();
  const stderr = new TextDecoder().decode(output.stderr);
  // A file tcpdump cannot open at all is no comparison.
  if (!output.success && output.stdout.length === 0 && !stderr.includes("reading from")) {
    return undefined;
  }
  const stopped = stderr.split("\n")
    .filter((line) => line !== "" && !line.startsWith("reading from")).at(-1);
  const linkType = /link-type (\S+)/.exec(stderr)?.[1];
  return {
    stdout: new TextDecoder().decode(output.stdout),
    stopped: output.success ? undefined : stopped ?? "failed",
    ...(linkType === undefined ? {} : { linkType }),
  };
}

/**
 * Splits printed text into lines, without the empty string after a final newline.
 *
 * @param text The text.
 * @returns Its lines.
 *
 * @example
 * ```ts
 * import { outputLines } from "./_tcpdump.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(outputLines("a\nb\n"), ["a", "b"]);
 * ```
 */
export function outputLines(text: string): string[] {
  const all = text.split("\n");
  if (all.at(-1) === "") all.pop();
  return all;
}

const TIMESTAMP = /^(?:\d{2}:\d{2}:\d{2}\.\d{6}|\d+\.\d{6}) /;

/**
 * Groups lines into packets, so that one missing line does not shift the rest. When the
 * first line starts with a timestamp, a packet starts at each line that does (tcpdump
 * prints the frame inside a VXLAN or Geneve header, for example, on a line of its own
 * that starts with neither a timestamp nor white space); otherwise at each line that does
 * not start with white space.
 *
 * @param lines The lines, from {@linkcode outputLines}.
 * @returns One array of lines per packet.
 *
 * @example
 * ```ts
 * import { packetLines } from "./_tcpdump.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(
 *   packetLines(["00:00:01.000000 IP a", "    x", "00:00:02.000000 VXLAN", "IP b"]),
 *   [["00:00:01.000000 IP a", "    x"], ["00:00:02.000000 VXLAN", "IP b"]],
 * );
 * ```
 */
export function packetLines(lines: readonly string[]): string[][] {
  const timestamped = lines.length > 0 && TIMESTAMP.test(lines[0]!);
  const out: string[][] = [];
  for (const line of lines) {
    const last = out.at(-1);
    const starts = timestamped ? TIMESTAMP.test(line) : !/^\s/.test(line);
    if (last !== undefined && !starts) last.push(line);
    else out.push([line]);
  }
  return out;
}

/** One line that differs: what each printed there (`undefined` where one printed none). */
export interface LineDiff {
  /** The packet, from 1. */
  packet: number;
  /** The line within the packet, from 1. */
  line: number;
  /** tcpdump's line. */
  tcpdump: string | undefined;
  /** sniff's line. */
  sniff: string | undefined;
}

/** What {@linkcode compareOutputs} found. */
export interface Comparison {
  /** The lines compared: per packet, the longer of the two outputs. */
  lines: number;
  /** The lines identical in both. */
  matched: number;
  /** The lines tcpdump printed, of the packets compared. */
  tcpdumpLines: number;
  /** The first differing lines, up to the limit asked for. */
  diffs: LineDiff[];
}

/**
 * Compares tcpdump's output with sniff's, packet by packet and line by line within each
 * packet. Where tcpdump stopped early on a bad file, only the packets it printed count.
 *
 * @param expected What tcpdump printed.
 * @param actual What sniff printed.
 * @param diffLimit How many differing lines to keep (default none).
 * @returns The counts and the differing lines kept.
 *
 * @example One line of two differs
 * ```ts
 * import { compareOutputs } from "./_tcpdump.ts";
 * import assert from "node:assert/strict";
 *
 * const result = compareOutputs({ stdout: "1 IP a\n2 ARP\n", stopped: undefined }, "1 IP a\n2 X\n", 5);
 * assert.equal(result.lines, 2);
 * assert.equal(result.matched, 1);
 * assert.equal(result.tcpdumpLines, 2);
 * assert.deepEqual(result.diffs, [{ packet: 2, line: 1, tcpdump: "2 ARP", sniff: "2 X" }]);
 * ```
 */
export function compareOutputs(
  expected: TcpdumpOutput,
  actual: string,
  diffLimit = 0,
): Comparison {
  const wanted = packetLines(outputLines(expected.stdout));
  let got = packetLines(outputLines(actual));
  if (expected.stopped !== undefined) got = got.slice(0, wanted.length);
  let lines = 0;
  let matched = 0;
  let tcpdumpLines = 0;
  const diffs: LineDiff[] = [];
  for (let p = 0; p < Math.max(got.length, wanted.length); p++) {
    const a = got[p] ?? [];
    const b = wanted[p] ?? [];
    tcpdumpLines += b.length;
    for (let j = 0; j < Math.max(a.length, b.length); j++) {
      lines++;
      if (a[j] === b[j]) matched++;
      else if (diffs.length < diffLimit) {
        diffs.push({ packet: p + 1, line: j + 1, tcpdump: b[j], sniff: a[j] });
      }
    }
  }
  return { lines, matched, tcpdumpLines, diffs };
}
