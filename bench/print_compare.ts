/**
 * Compares the printing of `scripts/sniff.ts -r` with `tcpdump -r` on the benchmark
 * capture: `-n`, `-n -v` and `-n -e`, both with `TZ=UTC` and their output going to
 * `/dev/null` (tcpdump at its best). It first checks that both print the same bytes for
 * each variant (and fails loudly if not), then times them with `hyperfine`: best and mean
 * wall time, mean user + system CPU time. Prints a Markdown table and writes it to the
 * printing section of `bench/RESULTS.md`.
 *
 * ```sh
 * deno run --allow-read --allow-write --allow-run --allow-sys bench/print_compare.ts \
 *   [--file FILE] [--runs 5] [--variants n,v,e] [--baseline [LABEL=]DIR]... [--no-check] \
 *   [--no-results] [--breakdown] [--rounds 0] [--bundle]
 * ```
 *
 * `--rounds N` also times each variant in N interleaved rounds, tcpdump then sniff.ts (or
 * the other way round, every other round): on a machine whose speed drifts, the ratio within
 * a round is steadier than a ratio of two series timed one after the other; it reports the
 * best of each and the median of the rounds' ratios.
 *
 * `--breakdown` also splits the CPU time of `sniff.ts -n -r` into its steps: Deno's own
 * start-up, loading sniff's modules, reading the file, decoding, formatting the text and
 * writing it (`bench/_print_stages.ts` runs each step over the file, and over a capture with
 * no packet for the start-up to take off).
 *
 * `--bundle` also times sniff.ts made into a few files by `deno bundle --code-splitting`
 * (`bench/out/sniff.bundle/`, as `compare.ts` does for the decoding paths): the same code,
 * loaded as a handful of modules instead of 169, which is about 80 ms of Deno's start-up.
 *
 * `--baseline DIR` also times the `scripts/sniff.ts` of another checkout (a git worktree of
 * an older commit, say), for before-and-after figures; the table names it by `LABEL`, or
 * else by the directory.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { pcapBytes } from "../lib/formats/pcap_writer.ts";
import { STAGES } from "./_print_stages.ts";
import { DEFAULT_CAPTURE, makeCapture } from "./make_capture.ts";
import { writeResults } from "./_results.ts";
import { bundle, exists, fmtSeconds, has, loadAverage, quote, ROOT, run } from "./_tools.ts";

/** The tcpdump options of each variant. */
const VARIANTS: Readonly<Record<string, string>> = { n: "-n", v: "-n -v", e: "-n -e" };

/** One timed command line. */
interface Timed {
  variant: string;
  tool: string;
  command: string;
}

/** hyperfine's figures of one command, in seconds. */
interface Timing {
  best: number;
  mean: number;
  stddev: number;
  cpu: number;
}

/** tcpdump at its best (`TZ` set), as a shell command line. */
function tcpdumpCommand(options: string, file: string): string {
  return `TZ=UTC tcpdump ${options} -r ${quote(file)}`;
}

/** `sniff.ts` of a checkout, as a shell command line. */
function sniffCommand(checkout: string, options: string, file: string): string {
  return scriptCommand(`${checkout.replace(/\/$/, "")}/scripts/sniff.ts`, options, file);
}

/** A script (sniff.ts, or its bundle) run as a user runs it, as a shell command line. */
function scriptCommand(script: string, options: string, file: string): string {
  return `TZ=UTC ${quote(Deno.execPath())} run --allow-read ${quote(script)} ${options} -r ${
    quote(file)
  }`;
}

/** Times the commands with hyperfine, their output going to /dev/null. */
async function hyperfine(commands: Timed[], runs: number): Promise<Timing[]> {
  const json = await Deno.makeTempFile({ suffix: ".json" });
  try {
    const names = commands.flatMap((c) => ["--command-name", `${c.variant}: ${c.tool}`]);
    await run("hyperfine", [
      "--style",
      "basic",
      "--warmup",
      "1",
      "--runs",
      String(runs),
      "--export-json",
      json,
      ...names,
      ...commands.map((c) => c.command),
    ]);
    const report = JSON.parse(await Deno.readTextFile(json)) as {
      results: { mean: number; stddev: number | null; min: number; user: number; system: number }[];
    };
    return report.results.map((r) => ({
      best: r.min,
      mean: r.mean,
      stddev: r.stddev ?? 0,
      cpu: r.user + r.system,
    }));
  } finally {
    await Deno.remove(json);
  }
}

/** The wall time of a shell command line in seconds, its output discarded. */
async function wallTime(command: string): Promise<number> {
  const child = new Deno.Command("bash", {
    args: ["-c", `${command} > /dev/null 2>&1`],
    cwd: ROOT,
    stdout: "null",
    stderr: "null",
  });
  const start = performance.now();
  const { success } = await child.output();
  if (!success) throw new Error(`Cannot compare printing: ${command} failed`);
  return (performance.now() - start) / 1000;
}

/** A form of sniff.ts timed against tcpdump: the script, or its bundle. */
interface SniffForm {
  /** How the tables name it: `sniff.ts`, `sniff.ts (bundle)`. */
  label: string;
  /** What follows `sniff.ts OPTIONS` in the timings' tool names: `""`, ` (bundle)`. */
  suffix: string;
  /** Its shell command line. */
  command: string;
}

/**
 * Times tcpdump and each form of sniff.ts in `rounds` interleaved rounds, and returns a
 * Markdown line per form: the best of each, and the median and the range of the rounds'
 * ratios.
 */
async function interleaved(
  variant: string,
  tcpdump: string,
  forms: readonly SniffForm[],
  rounds: number,
): Promise<string[]> {
  const tcpdumpTimes: number[] = [];
  const formTimes = forms.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    // Every other round tcpdump goes last, so that nobody always runs on a cooler cache.
    const sniffFirst = round % 2 === 1;
    if (!sniffFirst) tcpdumpTimes.push(await wallTime(tcpdump));
    for (const [i, form] of forms.entries()) formTimes[i]!.push(await wallTime(form.command));
    if (sniffFirst) tcpdumpTimes.push(await wallTime(tcpdump));
  }
  const best = (times: number[]) => Math.min(...times);
  return forms.map((form, i) => {
    const times = formTimes[i]!;
    const ratios = times.map((t, round) => t / tcpdumpTimes[round]!).sort((a, b) => a - b);
    const median = rounds % 2 === 1
      ? ratios[(rounds - 1) / 2]!
      : (ratios[rounds / 2 - 1]! + ratios[rounds / 2]!) / 2;
    return `| \`${variant}\` | ${form.label} | ${rounds} | ${fmtSeconds(best(tcpdumpTimes))} | ${
      fmtSeconds(best(times))
    } | ${(best(times) / best(tcpdumpTimes)).toFixed(2)}x | ${median.toFixed(2)}x | ${
      ratios[0]!.toFixed(2)
    }x to ${ratios[rounds - 1]!.toFixed(2)}x |`;
  });
}

/**
 * Where the CPU time of `sniff.ts -n -r FILE` goes, as Markdown lines: hyperfine's mean
 * user + system time of Deno with an empty script, sniff on a capture with no packet, and
 * each stage of `_print_stages.ts` on the file and on that empty capture.
 */
async function stageBreakdown(file: string, runs: number): Promise<string[]> {
  const dir = await Deno.makeTempDir();
  try {
    const empty = `${dir}/empty.pcap`;
    await Deno.writeFile(empty, pcapBytes([]));
    const nothing = `${dir}/nothing.ts`;
    await Deno.writeTextFile(nothing, "export {};\n");
    const deno = quote(Deno.execPath());
    const stages = `${deno} run --allow-read ${quote(`${ROOT}bench/_print_stages.ts`)}`;
    const commands: Timed[] = [
      { variant: "", tool: "deno", command: `${deno} run ${quote(nothing)}` },
      { variant: "", tool: "sniff-empty", command: sniffCommand(ROOT, "-n", empty) },
      { variant: "", tool: "sniff", command: sniffCommand(ROOT, "-n", file) },
      { variant: "", tool: "stage-empty", command: `TZ=UTC ${stages} write ${quote(empty)}` },
      ...STAGES.map((stage) => ({
        variant: "",
        tool: stage,
        command: `TZ=UTC ${stages} ${stage} ${quote(file)}`,
      })),
    ];
    console.error(`Timing the steps of sniff.ts -n (${commands.length} commands)...`);
    const cpu = new Map(
      (await hyperfine(commands, runs)).map((t, i) => [commands[i]!.tool, t.cpu]),
    );
    const ms = (seconds: number) => `${Math.round(seconds * 1000)} ms`;
    const at = (tool: string) => cpu.get(tool)!;
    const steps: [string, number][] = [
      ["Deno start-up (an empty script)", at("deno")],
      ["loading sniff.ts's modules", at("sniff-empty") - at("deno")],
      ["reading the file (batches)", at("read") - at("stage-empty")],
      ["decoding (PacketParser)", at("decode") - at("read")],
      ["formatting (TcpdumpPrinter)", at("format") - at("decode")],
      ["writing to /dev/null", at("write") - at("format")],
    ];
    return [
      "Where the CPU time of `sniff.ts -n -r` goes (hyperfine's mean user + system time; each",
      "step is a difference of two runs, so small ones are within the noise):",
      "",
      "| Step | CPU |",
      "|---|---:|",
      ...steps.map(([name, seconds]) => `| ${name} | ${ms(seconds)} |`),
      `| sum of the steps | ${ms(steps.reduce((sum, [, seconds]) => sum + seconds, 0))} |`,
      `| \`sniff.ts -n -r\` measured whole | ${ms(at("sniff"))} |`,
    ];
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      file: { type: "string" },
      runs: { type: "string", default: "5" },
      variants: { type: "string", default: "n,v,e" },
      baseline: { type: "string", multiple: true, default: [] },
      "no-check": { type: "boolean", default: false },
      "no-results": { type: "boolean", default: false },
      breakdown: { type: "boolean", default: false },
      rounds: { type: "string", default: "0" },
      bundle: { type: "boolean", default: false },
    },
  });
  const runs = Number(values.runs);
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 0) {
    throw new RangeError(
      `Cannot compare printing: --rounds must be a count, received "${values.rounds}"`,
    );
  }
  const variants = values.variants.split(",").filter((v) => v !== "");
  for (const variant of variants) {
    if (VARIANTS[variant] === undefined) {
      throw new RangeError(`Cannot compare printing: unknown variant "${variant}", use n, v or e`);
    }
  }
  for (const tool of ["hyperfine", "tcpdump", "bash"]) {
    if (!(await has(tool))) throw new Error(`Cannot compare printing: ${tool} is not installed`);
  }
  const file = values.file ?? DEFAULT_CAPTURE.pathname;
  if (!exists(file)) {
    if (values.file !== undefined) {
      throw new Error(`Cannot compare printing: ${file} does not exist`);
    }
    console.error(`Generating ${file}...`);
    await makeCapture(DEFAULT_CAPTURE);
  }
  const bundled = values.bundle ? await bundle("scripts/sniff.ts") : undefined;
  /** The forms of sniff.ts timed with the options. */
  const formsOf = (options: string): SniffForm[] => [
    { label: "sniff.ts", suffix: "", command: sniffCommand(ROOT, options, file) },
    ...(bundled === undefined ? [] : [{
      label: "sniff.ts (bundle)",
      suffix: " (bundle)",
      command: scriptCommand(bundled, options, file),
    }]),
  ];
  const loadBefore = loadAverage();

  const commands: Timed[] = [];
  for (const variant of variants) {
    const options = VARIANTS[variant]!;
    const tcpdump = tcpdumpCommand(options, file);
    commands.push({ variant: options, tool: `tcpdump ${options}`, command: tcpdump });
    for (const form of formsOf(options)) {
      if (values["no-check"] !== true) {
        console.error(`Checking that ${form.label} ${options} prints what tcpdump prints...`);
        const same = `cmp <(${tcpdump} 2>/dev/null) <(${form.command} 2>/dev/null)`;
        const differ = await run("bash", ["-c", `${same} && echo same`], { allowFailure: true });
        if (differ.trim() !== "same") {
          console.error(
            `FAILED: ${form.label} ${options} and tcpdump ${options} print differently`,
          );
          return 1;
        }
      }
      commands.push({
        variant: options,
        tool: `sniff.ts ${options}${form.suffix}`,
        command: form.command,
      });
    }
    for (const baseline of values.baseline) {
      const equals = baseline.indexOf("=");
      const label = equals < 0 ? baseline : baseline.slice(0, equals);
      const checkout = baseline.slice(equals + 1);
      commands.push({
        variant: options,
        tool: `sniff.ts ${options} (${label})`,
        command: sniffCommand(checkout, options, file),
      });
    }
  }
  console.error(`Timing ${commands.length} commands (${runs} runs each)...`);
  const timings = await hyperfine(commands, runs);

  const table = [
    "| Command | Wall time (best) | Mean ± σ | CPU user+sys (mean) | Best wall vs tcpdump | CPU vs tcpdump |",
    "|---|---:|---:|---:|---:|---:|",
  ];
  const summary: string[] = [];
  let reference: Timing | undefined;
  commands.forEach((command, i) => {
    const t = timings[i]!;
    if (command.tool.startsWith("tcpdump")) reference = t;
    const wall = t.best / reference!.best;
    const cpu = t.cpu / reference!.cpu;
    table.push(
      `| \`${command.tool}\` | ${fmtSeconds(t.best)} | ${fmtSeconds(t.mean)} ± ${
        fmtSeconds(t.stddev)
      } | ${fmtSeconds(t.cpu)} | ${wall.toFixed(2)}x | ${cpu.toFixed(2)}x |`,
    );
    if (command.tool.startsWith("sniff") && !command.tool.includes("(")) {
      summary.push(`${command.variant}: wall ${wall.toFixed(2)}x, CPU ${cpu.toFixed(2)}x`);
    } else if (command.tool.endsWith("(bundle)")) {
      summary.push(`${command.variant} bundled: wall ${wall.toFixed(2)}x, CPU ${cpu.toFixed(2)}x`);
    }
  });
  console.log(`${table.join("\n")}\n\nsniff.ts / tcpdump: ${summary.join("; ")}`);
  const paired: string[] = [];
  if (rounds > 0) {
    console.error(`Timing each variant in ${rounds} interleaved rounds...`);
    paired.push(
      `Interleaved rounds (tcpdump and sniff.ts one after the other in each round):`,
      "",
      "| Options | Form | Rounds | tcpdump best | sniff.ts best | Best vs best | Median of the rounds' ratios | Range |",
      "|---|---|---:|---:|---:|---:|---:|---:|",
    );
    for (const variant of variants) {
      const options = VARIANTS[variant]!;
      paired.push(
        ...await interleaved(options, tcpdumpCommand(options, file), formsOf(options), rounds),
      );
    }
    console.log(`\n${paired.join("\n")}`);
  }
  const breakdown = values.breakdown ? await stageBreakdown(file, runs) : [];
  if (breakdown.length > 0) console.log(`\n${breakdown.join("\n")}`);

  if (values["no-results"] !== true) {
    const tcpdumpVersion = (await run("tcpdump", ["--version"])).split("\n")[0];
    const name = file.startsWith(ROOT) ? file.slice(ROOT.length) : file;
    await writeResults(
      "print",
      [
        "sniff.ts against tcpdump. Generated by `bench/print_compare.ts`; rerun it to refresh.",
        "",
        `- Date: ${
          new Date().toISOString()
        }; load average before: ${loadBefore}, after: ${loadAverage()}`,
        `- Capture: \`${name}\`; both print with \`TZ=UTC\` to /dev/null, and print the same bytes${
          values["no-check"] === true ? " (not checked in this run)" : " (checked first)"
        }`,
        `- Timing: hyperfine, ${runs} runs after a warm-up; Deno ${Deno.version.deno}, ${tcpdumpVersion}`,
        "",
        ...table,
        "",
        `sniff.ts / tcpdump: ${summary.join("; ")}.`,
        "",
        "Wall time includes process start-up. On a busy machine wall times swing a lot; the CPU",
        "time is steadier.",
        ...(paired.length > 0 ? ["", ...paired] : []),
        ...(breakdown.length > 0 ? ["", ...breakdown] : []),
      ].join("\n"),
    );
    console.error("Wrote the printing section of bench/RESULTS.md");
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main());
