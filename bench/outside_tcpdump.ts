/**
 * How much of tcpdump's output `scripts/sniff.ts` reproduces on captures nobody here
 * wrote: for every capture under a folder (by default `../outside-captures/` beside the
 * repository, filled with public captures from other projects) and each of `-n` and
 * `-n -tt -v`, runs `tcpdump <options> -r F` and `deno run -A scripts/sniff.ts <options> -r F`
 * (both with `TZ=UTC`), compares their outputs line by line as
 * `tests/conformance_tcpdump_test.ts` does (`tests/_tcpdump.ts`), and prints the share of
 * identical lines per file and in total, then the most frequent kinds of differing lines
 * (what to implement next).
 *
 * ```sh
 * deno run -A bench/outside_tcpdump.ts [DIR] [--json] [--jobs N] [--top N] [--only REGEX]
 * ```
 *
 * Files tcpdump cannot read are skipped with a note. The captures are not part of the
 * repository; see `bench/README.md`.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { pool } from "../tests/_shared.ts";
import {
  compareOutputs,
  type LineDiff,
  outputLines,
  packetLines,
  runTcpdump,
} from "../tests/_tcpdump.ts";

const root = new URL("../", import.meta.url).pathname;

/** The option sets compared. */
export const OPTION_SETS: readonly (readonly string[])[] = [["-n"], ["-n", "-tt", "-v"]];

/** The file names read as captures. */
const CAPTURE_NAME = /\.(pcap|pcapng|cap|pcap\.gz|pcapng\.gz)$/i;

const HELP = `Usage: deno run -A bench/outside_tcpdump.ts [options] [DIR]

Compares scripts/sniff.ts with tcpdump, line by line, on every capture under DIR
(default: ../outside-captures beside the repository), with -n and with -n -tt -v.

Options:
  --json          print the results as JSON
  --jobs N        captures compared at once (default 2)
  --top N         kinds of differing lines listed per option set (default 25)
  --examples N    example lines shown per kind (default 1)
  --only REGEX    compare only the captures whose path (relative to DIR) matches
  --timeout S     seconds allowed to each tcpdump or sniff run (default 300)
  -h, --help      show this help`;

/** The result of one capture with one option set. */
export interface CaseResult {
  /** The lines compared. */
  lines: number;
  /** The lines identical in both outputs. */
  matched: number;
  /** The lines tcpdump printed. */
  tcpdumpLines: number;
  /** The last error line of tcpdump, when it stopped early on a bad file. */
  tcpdumpStopped?: string;
  /** sniff's exit code and last error line, when it failed. */
  sniffFailed?: string;
}

/** One capture's results, per option set (`"-n"`, `"-n -tt -v"`). */
export interface FileResult {
  /** Its path, relative to the folder. */
  file: string;
  /** Per option set. */
  results: Record<string, CaseResult>;
}

/** One kind of differing line. */
export interface Cause {
  /** What the differing lines are, from tcpdump's line (see {@linkcode causeOf}). */
  cause: string;
  /** How many lines. */
  lines: number;
  /** In how many captures. */
  files: number;
  /** The first few such lines. */
  examples: (LineDiff & { file: string })[];
}

/** The totals of one option set. */
export interface Total {
  /** The lines compared (per packet, the longer of the two outputs). */
  lines: number;
  /** The lines identical in both. */
  matched: number;
  /** `matched / lines`, in percent: the conformance test's measure. */
  percent: number;
  /** The lines tcpdump printed. */
  tcpdumpLines: number;
  /** `matched / tcpdumpLines`, in percent: the share of tcpdump's lines sniff printed. */
  percentOfTcpdump: number;
  /** The mean over the captures of their `matched / lines`, in percent. */
  meanPerFile: number;
}

/** Everything the comparison found. */
export interface Report {
  /** The folder of captures. */
  dir: string;
  /** tcpdump's version line. */
  tcpdump: string;
  /** The captures compared. */
  files: FileResult[];
  /** The captures skipped, and why. */
  skipped: { file: string; reason: string }[];
  /** Per option set: see {@linkcode Total}. */
  totals: Record<string, Total>;
  /** Per option set: the kinds of differing lines, most lines first. */
  causes: Record<string, Cause[]>;
}

const TIMESTAMP = /^(?:\d{2}:\d{2}:\d{2}\.\d{6}|\d+\.\d{6}) /;

/** The protocol-naming word of a piece of a line: its first word, cut at `(`, `[`, `,`, `:`. */
function word(text: string): string {
  const token = text.trim().split(/\s+/)[0] ?? "";
  if (/^\d+[+*%-]*$/.test(token)) return "N (DNS-like id)";
  const cut = token.replace(/[([{,:;].*$/, "");
  return cut === "" ? token || "(nothing)" : cut;
}

/** Link types whose lines start with the link layer's own words (radio headers, frame kinds). */
const RADIO_LINK = /802_11|PPI|PRISM|AVS/;

/**
 * Names the kind of a differing line, from tcpdump's line (sniff's when tcpdump printed
 * none):
 * - an IP line: `IP` or `IP6` and the protocol printed after the addresses (`IP tcp HTTP`,
 *   `IP UDP`, `IP PIMv2`, `IP6 dhcp6`, `IP N (DNS-like id)`), `-v` or not;
 * - a `-v` IPv4 header line: `IP -v header, proto X`;
 * - another first line: its first word (`STP`, `LLC`, `ARP`), after `[LINKTYPE]` when the
 *   capture is not Ethernet; only `[LINKTYPE]` for 802.11 link types, and wherever sniff
 *   printed nothing after the timestamp on a link type other than Ethernet;
 * - another continuation line (`-v` details, hex): the kind of the packet's nearest line
 *   above it, then ` | continuation line`.
 *
 * @param diff The differing line.
 * @param packet tcpdump's lines of that packet.
 * @param linkType The capture's link type, as tcpdump names it (default `EN10MB`).
 * @returns The kind, with ` (only in tcpdump)` or ` (only in sniff)` where one printed
 *   no line there.
 *
 * @example
 * ```ts
 * import { causeOf } from "./outside_tcpdump.ts";
 * import assert from "node:assert/strict";
 *
 * const stp = "12:00:00.000000 STP 802.1d, Config";
 * assert.equal(causeOf({ packet: 1, line: 1, tcpdump: stp, sniff: "12:00:00.000000 " }), "STP");
 * const pim = "1.000000 IP 1.1.1.1 > 2.2.2.2: PIMv2, Hello";
 * assert.equal(
 *   causeOf({ packet: 1, line: 1, tcpdump: pim, sniff: undefined }),
 *   "IP PIMv2 (only in tcpdump)",
 * );
 * const smtp = [
 *   "1.000000 IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 75)",
 *   "    1.1.1.1.25 > 2.2.2.2.5000: Flags [P.], seq 1:36, ack 1, win 229, length 35: SMTP, length: 35",
 *   "\t220 mail ESMTP",
 * ];
 * assert.equal(
 *   causeOf({ packet: 1, line: 3, tcpdump: smtp[2], sniff: undefined }, smtp),
 *   "IP tcp SMTP | continuation line (only in tcpdump)",
 * );
 * ```
 */
export function causeOf(
  diff: LineDiff,
  packet: readonly string[] = [],
  linkType = "EN10MB",
): string {
  const mark = diff.tcpdump === undefined
    ? " (only in sniff)"
    : diff.sniff === undefined
    ? " (only in tcpdump)"
    : "";
  const line = diff.tcpdump ?? diff.sniff ?? "";
  const sniffBlank = diff.sniff !== undefined && diff.sniff.replace(TIMESTAMP, "").trim() === "" &&
    !/^\s/.test(diff.sniff);
  if (linkType !== "EN10MB" && sniffBlank) return `[${linkType}]${mark}`;
  let kind = kindOf(line, linkType);
  if (kind === undefined) {
    let parent: string | undefined;
    for (let i = Math.min(diff.line - 2, packet.length - 1); i >= 0 && parent === undefined; i--) {
      parent = kindOf(packet[i]!, linkType);
    }
    kind = `${parent ?? word(line)} | continuation line`;
  }
  return kind + mark;
}

/** Drops a parenthesized group at the start of a text, with the spaces after it. */
function dropGroup(text: string): string {
  if (!text.startsWith("(")) return text;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return text.slice(i + 1).trimStart();
  }
  return text;
}

const ADDRESS = /^[0-9a-fA-F.:]+$/;

/** The kind of one line, or `undefined` for a continuation line that names no flow. */
function kindOf(line: string, linkType: string): string | undefined {
  const continued = /^\s/.test(line);
  let text = line.replace(TIMESTAMP, "").trim();
  if (text === "") return continued ? undefined : "(empty line)";
  const header = /^IP \(tos .*?proto (\S+)/.exec(text);
  if (header !== null) return `IP -v header, proto ${header[1]}`;
  if (text.startsWith("IP6 (")) text = `IP6 ${dropGroup(text.slice(4))}`;
  // Frames that are not IP, printed after their MAC addresses (802.3/LLC without -e).
  text = text.replace(/^(?:[0-9a-f]{2}:){5}[0-9a-f]{2} > (?:[0-9a-f]{2}:){5}[0-9a-f]{2},? /, "");
  const flow = /^(?:(IP6?) )?(\S+) > (\S+):(?: (.*))?$/.exec(text);
  if (flow !== null && (flow[1] !== undefined || ADDRESS.test(flow[2]!))) {
    const family = flow[1] ?? (flow[2]!.includes(":") ? "IP6" : "IP");
    let rest = (flow[4] ?? "").replace(/^\[[^\]]*\]\s*/, "");
    // tcpdump repeats the addresses with ports for some protocols (PGM): look past them.
    for (
      let inner;
      (inner = /^(\S+) > (\S+):(?: (.*))?$/.exec(rest)) !== null && ADDRESS.test(inner[1]!);
    ) {
      rest = inner[3] ?? "";
    }
    if (rest.startsWith("Flags [")) {
      const app = /, length \d+(?:: (.*))?$/.exec(rest)?.[1];
      return `${family} tcp${app === undefined ? "" : ` ${word(app)}`}`;
    }
    return `${family} ${rest === "" ? "(nothing)" : word(rest)}`;
  }
  if (continued) return undefined;
  if (RADIO_LINK.test(linkType)) return `[${linkType}]`;
  return `${linkType === "EN10MB" ? "" : `[${linkType}] `}${word(text)}`;
}

function optionKey(options: readonly string[]): string {
  return options.join(" ");
}

async function listCaptures(dir: string, only: RegExp | undefined): Promise<string[]> {
  const out: string[] = [];
  async function walk(sub: string): Promise<void> {
    for await (const entry of Deno.readDir(`${dir}/${sub}`)) {
      const path = sub === "" ? entry.name : `${sub}/${entry.name}`;
      if (entry.isDirectory) await walk(path);
      else if (entry.isFile && CAPTURE_NAME.test(entry.name)) {
        if (only === undefined || only.test(path)) out.push(path);
      }
    }
  }
  await walk("");
  return out.sort();
}

async function runSniff(
  path: string,
  options: readonly string[],
  signal: AbortSignal,
): Promise<{ stdout: string; failed?: string }> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "scripts/sniff.ts", ...options, "-r", path],
    cwd: root,
    env: { TZ: "UTC", NO_COLOR: "1", DENO_NO_PACKAGE_JSON: "1" },
    stdout: "piped",
    stderr: "piped",
    signal,
  }).output();
  const stdout = new TextDecoder().decode(output.stdout);
  if (output.success) return { stdout };
  const last = new TextDecoder().decode(output.stderr).trim().split("\n").at(-1) ?? "";
  return { stdout, failed: `exit ${output.code}${last === "" ? "" : `: ${last}`}` };
}

/** Options of {@linkcode compareFolder}. */
export interface CompareOptions {
  /** Captures compared at once (default 2). */
  jobs?: number;
  /** Only the captures whose relative path matches. */
  only?: RegExp;
  /** Seconds allowed to each run (default 300). */
  timeout?: number;
  /** Example lines kept per kind of difference (default 1). */
  examples?: number;
  /** Called after each capture. */
  progress?: (done: number, total: number, file: string) => void;
}

/**
 * Compares sniff with tcpdump on every capture under a folder.
 *
 * @param dir The folder.
 * @param options Parallelism, filter, timeout.
 * @returns The report.
 */
export async function compareFolder(dir: string, options: CompareOptions = {}): Promise<Report> {
  const files = await listCaptures(dir, options.only);
  const timeout = (options.timeout ?? 300) * 1000;
  const examples = options.examples ?? 1;
  const version = await new Deno.Command("tcpdump", { args: ["--version"], stdout: "piped" })
    .output();
  const skipped: Report["skipped"] = [];
  const causesByOption = new Map<string, { name: string; diff: LineDiff & { file: string } }[]>();
  let done = 0;
  const results = await pool(files, options.jobs ?? 2, async (file) => {
    const path = `${dir}/${file}`;
    const result: FileResult = { file, results: {} };
    for (const set of OPTION_SETS) {
      const key = optionKey(set);
      const expected = await runTcpdump(path, set, {
        tz: "UTC",
        signal: AbortSignal.timeout(timeout),
      });
      if (expected === undefined) {
        skipped.push({ file, reason: "tcpdump cannot read it" });
        break;
      }
      const sniff = await runSniff(path, set, AbortSignal.timeout(timeout));
      const comparison = compareOutputs(expected, sniff.stdout, Infinity);
      result.results[key] = {
        lines: comparison.lines,
        matched: comparison.matched,
        tcpdumpLines: comparison.tcpdumpLines,
        ...(expected.stopped === undefined ? {} : { tcpdumpStopped: expected.stopped }),
        ...(sniff.failed === undefined ? {} : { sniffFailed: sniff.failed }),
      };
      let list = causesByOption.get(key);
      if (list === undefined) causesByOption.set(key, list = []);
      const packets = packetLines(outputLines(expected.stdout));
      for (const diff of comparison.diffs) {
        const name = causeOf(diff, packets[diff.packet - 1], expected.linkType);
        list.push({ name, diff: { ...diff, file } });
      }
    }
    options.progress?.(++done, files.length, file);
    return result;
  });
  const compared = results.filter((r) => Object.keys(r.results).length > 0);
  const totals: Report["totals"] = {};
  const causes: Report["causes"] = {};
  for (const set of OPTION_SETS) {
    const key = optionKey(set);
    let lines = 0;
    let matched = 0;
    let tcpdumpLines = 0;
    let shares = 0;
    let counted = 0;
    for (const r of compared) {
      const c = r.results[key];
      if (c === undefined) continue;
      lines += c.lines;
      matched += c.matched;
      tcpdumpLines += c.tcpdumpLines;
      shares += c.matched / Math.max(1, c.lines);
      counted++;
    }
    totals[key] = {
      lines,
      matched,
      percent: round(100 * matched / Math.max(1, lines)),
      tcpdumpLines,
      percentOfTcpdump: round(100 * matched / Math.max(1, tcpdumpLines)),
      meanPerFile: round(100 * shares / Math.max(1, counted)),
    };
    const byCause = new Map<string, Cause & { fileSet: Set<string> }>();
    // Files in order, so that the examples are the first lines of the first captures.
    const diffs = (causesByOption.get(key) ?? []).sort((a, b) =>
      a.diff.file < b.diff.file ? -1 : a.diff.file > b.diff.file ? 1 : a.diff.packet - b.diff.packet
    );
    for (const { name, diff } of diffs) {
      let cause = byCause.get(name);
      if (cause === undefined) {
        byCause.set(
          name,
          cause = { cause: name, lines: 0, files: 0, examples: [], fileSet: new Set() },
        );
      }
      cause.lines++;
      cause.fileSet.add(diff.file);
      if (cause.examples.length < examples) cause.examples.push(diff);
    }
    causes[key] = [...byCause.values()]
      .map(({ fileSet, ...cause }) => ({ ...cause, files: fileSet.size }))
      .sort((a, b) => b.lines - a.lines || a.cause.localeCompare(b.cause));
  }
  return {
    dir,
    tcpdump: new TextDecoder().decode(version.stdout).split("\n")[0] ?? "",
    files: compared,
    skipped: skipped.sort((a, b) => a.file.localeCompare(b.file)),
    totals,
    causes,
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function percent(r: { lines: number; matched: number } | undefined): string {
  if (r === undefined) return "";
  return `${String(r.matched).padStart(6)}/${String(r.lines).padEnd(6)} ${
    (100 * r.matched / Math.max(1, r.lines)).toFixed(1).padStart(5)
  }%`;
}

/**
 * The report as text: a table of captures, the totals, and the top kinds of differences.
 *
 * @param report The report.
 * @param top How many kinds to list per option set.
 * @returns The text.
 */
export function formatReport(report: Report, top: number): string {
  const keys = OPTION_SETS.map(optionKey);
  const width = Math.max(30, ...report.files.map((r) => r.file.length)) + 2;
  const out: string[] = [];
  out.push(`${"capture".padEnd(width)}${keys.map((k) => k.padEnd(24)).join("")}`);
  for (const r of report.files) {
    const notes = keys.flatMap((k) => {
      const c = r.results[k];
      return [
        ...(c?.tcpdumpStopped === undefined ? [] : [`tcpdump stopped: ${c.tcpdumpStopped}`]),
        ...(c?.sniffFailed === undefined ? [] : [`sniff ${k}: ${c.sniffFailed}`]),
      ];
    });
    out.push(
      `${r.file.padEnd(width)}${keys.map((k) => percent(r.results[k]).padEnd(24)).join("")}${
        [...new Set(notes)].map((n) => ` (${n})`).join("")
      }`,
    );
  }
  for (const s of report.skipped) out.push(`${s.file.padEnd(width)}skipped: ${s.reason}`);
  out.push("");
  out.push(
    `${report.files.length} captures compared, ${report.skipped.length} skipped, in ${report.dir} (${report.tcpdump})`,
  );
  for (const k of keys) {
    const t = report.totals[k]!;
    out.push(
      `${k.padEnd(10)} ${t.matched}/${t.lines} lines identical (${t.percent.toFixed(1)}%); ` +
        `${t.percentOfTcpdump.toFixed(1)}% of tcpdump's ${t.tcpdumpLines} lines; ` +
        `mean per capture ${t.meanPerFile.toFixed(1)}%`,
    );
  }
  for (const k of keys) {
    out.push("", `Most frequent differing lines with ${k} (lines, captures, kind):`);
    for (const cause of report.causes[k]!.slice(0, top)) {
      out.push(
        `${String(cause.lines).padStart(7)} ${String(cause.files).padStart(4)}  ${cause.cause}`,
      );
      for (const e of cause.examples) {
        out.push(`          ${e.file} packet ${e.packet}`);
        out.push(`            tcpdump: ${e.tcpdump ?? "(no line)"}`);
        out.push(`            sniff:   ${e.sniff ?? "(no line)"}`);
      }
    }
  }
  return out.join("\n");
}

/**
 * The command line.
 *
 * @param args The arguments.
 * @returns The exit code.
 */
export async function main(args: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        jobs: { type: "string", default: "2" },
        top: { type: "string", default: "25" },
        examples: { type: "string", default: "1" },
        only: { type: "string" },
        timeout: { type: "string", default: "300" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const numbers = {
    jobs: Number(values.jobs),
    top: Number(values.top),
    examples: Number(values.examples),
    timeout: Number(values.timeout),
  };
  for (const [name, value] of Object.entries(numbers)) {
    if (!Number.isInteger(value) || value < (name === "jobs" || name === "timeout" ? 1 : 0)) {
      console.error(`--${name} must be a whole number, received ${value}`);
      return 2;
    }
  }
  if (positionals.length > 1) {
    console.error(`Expected at most one folder, received ${positionals.join(" ")}\n\n${HELP}`);
    return 2;
  }
  const dir = (positionals[0] ?? new URL("../../outside-captures", import.meta.url).pathname)
    .replace(/\/+$/, "");
  try {
    if (!(await Deno.stat(dir)).isDirectory) throw new Error(`${dir} is not a folder`);
  } catch (error) {
    console.error(`Cannot read the captures: ${(error as Error).message}`);
    return 1;
  }
  const report = await compareFolder(dir, {
    jobs: numbers.jobs,
    examples: numbers.examples,
    timeout: numbers.timeout,
    ...(values.only === undefined ? {} : { only: new RegExp(values.only) }),
    progress: (done, total, file) => {
      if (Deno.stderr.isTerminal()) {
        Deno.stderr.writeSync(new TextEncoder().encode(`\r\x1b[K${done}/${total} ${file}`));
      }
    },
  });
  if (Deno.stderr.isTerminal()) Deno.stderr.writeSync(new TextEncoder().encode("\r\x1b[K"));
  console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report, numbers.top));
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
