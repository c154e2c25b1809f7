/**
 * Compares wirekit's `scripts/pcapinfo.ts --json` and its fastest path,
 * `scripts/count_protocols.ts` (each as a script, and bundled into one file), with other
 * tools on the benchmark captures of both shapes (large packets, mean frame about 750
 * bytes, and small ones, about 250): a C program that decodes to layer 4 with libpcap (the
 * speed limit), `tcpdump -n`, `tshark`, and a dpkt script. Generates a
 * missing capture, builds the C program, checks that wirekit, C and dpkt count the same
 * packets per protocol (and fails loudly if not), times every tool with `hyperfine` (or a
 * loop of runs without it; best of N), prints Markdown tables and writes them to
 * `bench/RESULTS.md` (keeping the sections that `live_capture.ts` and `print_compare.ts` write).
 *
 * ```sh
 * deno run --allow-read --allow-write --allow-run --allow-sys bench/compare.ts \
 *   [--shape lan|small|both] [--file FILE] [--runs 5] [--slow-runs 3] \
 *   [--tshark-packets 100000] [--quick] [--no-results]
 * ```
 *
 * tshark is timed on the first `--tshark-packets` packets only (it is slow), and its rate
 * scaled from there; dpkt and tshark get `--slow-runs` runs. `--quick` times only the C
 * program and wirekit.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { defaultCapture, makeCapture, parseShape } from "./make_capture.ts";
import { TRAFFIC_SHAPES } from "./_traffic.ts";
import { RESULTS_PATH } from "./_results.ts";
import {
  FASTEST,
  PCAPINFO,
  SHAPE_TITLES,
  type ShapeResult,
  writeComparison,
} from "./_compare_results.ts";
import {
  bundle,
  C_PROGRAM_KINDS,
  exists,
  fmtSeconds,
  has,
  loadAverage,
  PYTHON,
  quote,
  run,
  succeeds,
} from "./_tools.ts";

const outDir = new URL("./out/", import.meta.url).pathname;
const deno = Deno.execPath();

/** Counts of one tool: packets and packets per layer kind. */
interface Counts {
  packets: number;
  protocols: Record<string, number>;
}

/** A timed tool. */
interface Tool {
  name: string;
  /** A shell command line. */
  command: string;
  /** Packets in the file it reads. */
  packets: number;
  runs: number;
  note?: string;
}

/** Timings of one tool, in seconds. */
interface Timing {
  best: number;
  mean: number;
  stddev: number;
  /** Mean user + system CPU time, when known. */
  cpu: number | undefined;
  runs: number;
}

/** Reads `{ packets, protocols }` from a tool's JSON (pcapinfo's may hold more fields). */
function parseCounts(tool: string, text: string): Counts {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(`Cannot parse the JSON output of ${tool}: ${text.slice(0, 200)}`, {
      cause: error,
    });
  }
  if (Array.isArray(value)) value = value[0];
  const object = value as Partial<Counts> & { decodeErrors?: Record<string, number> };
  if (typeof object?.packets !== "number" || typeof object.protocols !== "object") {
    throw new TypeError(`Cannot read counts from ${tool}: no "packets" and "protocols" fields`);
  }
  const protocols = { ...object.protocols };
  // pcapinfo keeps decode errors apart; the C program and dpkt count them as protocols.
  for (const [key, n] of Object.entries(object.decodeErrors ?? {})) {
    if (n > 0) protocols[key] = n;
  }
  return { packets: object.packets, protocols };
}

/** Compares counts; returns the lines of a Markdown table and whether they all agree. */
function compareCounts(all: Record<string, Counts>): { table: string[]; agree: boolean } {
  const names = Object.keys(all);
  const reference = all["C (libpcap)"]!;
  const kinds = new Set<string>();
  for (const counts of Object.values(all)) {
    for (const kind of Object.keys(counts.protocols)) kinds.add(kind);
  }
  // Every kind the C program knows is compared; others (none in the benchmark mix) are
  // shown but only pcapinfo may have them.
  const cKinds = [...C_PROGRAM_KINDS, "truncated", "malformed"];
  const ordered = [
    ...cKinds.filter((k) => kinds.has(k)),
    ...[...kinds].filter((k) => !cKinds.includes(k)),
  ];
  let agree = true;
  const table = [`| | ${names.join(" | ")} |`, `|---|${names.map(() => "---:").join("|")}|`];
  const row = (label: string, values: number[], compared: boolean) => {
    const same = !compared || values.every((v) => v === values[0]);
    if (!same) agree = false;
    table.push(`| ${label}${same ? "" : " **MISMATCH**"} | ${values.join(" | ")} |`);
  };
  row("packets", names.map((n) => all[n]!.packets), true);
  for (const kind of ordered) {
    row(kind, names.map((n) => all[n]!.protocols[kind] ?? 0), cKinds.includes(kind));
  }
  if (reference.packets === 0) agree = false;
  return { table, agree };
}

async function timeWithHyperfine(tool: Tool): Promise<Timing> {
  const json = `${outDir}hyperfine.json`;
  await run("hyperfine", [
    "--style",
    "basic",
    "--warmup",
    tool.runs > 3 ? "1" : "0",
    "--runs",
    String(tool.runs),
    "--export-json",
    json,
    "--command-name",
    tool.name,
    tool.command,
  ]);
  const report = JSON.parse(await Deno.readTextFile(json)) as {
    results: { mean: number; stddev: number | null; min: number; user: number; system: number }[];
  };
  await Deno.remove(json);
  const result = report.results[0]!;
  return {
    best: result.min,
    mean: result.mean,
    stddev: result.stddev ?? 0,
    cpu: result.user + result.system,
    runs: tool.runs,
  };
}

async function timeWithLoop(tool: Tool): Promise<Timing> {
  const times: number[] = [];
  for (let i = 0; i < tool.runs; i++) {
    const started = performance.now();
    await run("sh", ["-c", `${tool.command} > /dev/null 2>&1`]);
    times.push((performance.now() - started) / 1000);
  }
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const variance = times.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, times.length - 1);
  return {
    best: Math.min(...times),
    mean,
    stddev: Math.sqrt(variance),
    cpu: undefined,
    runs: tool.runs,
  };
}

function fmtRate(r: number): string {
  return r >= 1e6 ? `${(r / 1e6).toFixed(2)} M` : `${(r / 1e3).toFixed(0)} k`;
}

/** A wirekit command timed: a script, or the same script bundled into one file. */
interface WirekitCommand {
  /** The tool's name in the tables. */
  name: string;
  /** Its short name, as a column of the count table. */
  short: string;
  /** The arguments of `deno`, without the capture file. */
  args: string[];
}

/** The wirekit commands: pcapinfo and count_protocols, as scripts and bundled. */
async function wirekitCommands(): Promise<WirekitCommand[]> {
  const commands: WirekitCommand[] = [];
  for (
    const [script, name, short, flags] of [
      ["scripts/pcapinfo.ts", PCAPINFO, "pcapinfo", ["--json"]],
      ["scripts/count_protocols.ts", FASTEST, "count_protocols", []],
    ] as const
  ) {
    commands.push({ name, short, args: ["run", "--allow-read", script, ...flags] });
    const bundled = await bundle(script);
    if (bundled !== undefined) {
      commands.push({
        name: `${name}, one-file bundle`,
        short: `${short} (bundle)`,
        args: ["run", "--allow-read", bundled, ...flags],
      });
    }
  }
  return commands;
}

async function compareOn(
  title: string,
  file: string,
  cProgram: string,
  wirekit: WirekitCommand[],
  options: { runs: number; slowRuns: number; tsharkPackets: number; quick: boolean },
): Promise<ShapeResult | undefined> {
  const { runs, slowRuns, tsharkPackets, quick } = options;
  console.error(`\n${title}: ${file}`);
  // Counts: every wirekit command, C and dpkt must agree.
  console.error("Counting packets per protocol with wirekit, C and dpkt...");
  const all: Record<string, Counts> = {};
  for (const command of wirekit) {
    all[command.short] = parseCounts(command.name, await run(deno, [...command.args, file]));
  }
  all["C (libpcap)"] = parseCounts("the C program", await run(cProgram, [file]));
  const hasDpkt = !quick && await succeeds(PYTHON, ["-c", "import dpkt"]);
  if (hasDpkt) {
    all["dpkt"] = parseCounts("dpkt", await run(PYTHON, ["bench/dpkt_pcapinfo.py", file]));
  } else if (!quick) {
    console.error("Skipping dpkt: /usr/bin/python3 cannot import dpkt (apt install python3-dpkt)");
  }
  const { table: countTable, agree } = compareCounts(all);
  console.log(countTable.join("\n"));
  if (!agree) {
    console.error("\nFAILED: the packet or per-protocol counts of wirekit, C and dpkt differ");
    return undefined;
  }
  const packets = all["C (libpcap)"]!.packets;
  const summaryJson = JSON.parse(await run(deno, [...wirekit[0]!.args, file])) as {
    averagePacketSize: number;
  };

  // The tools to time.
  const q = quote(file);
  const denoCommand = (args: string[]) => [deno, ...args].map(quote).join(" ");
  const tools: Tool[] = [
    { name: "C (libpcap, decode to L4)", command: `${quote(cProgram)} ${q}`, packets, runs },
    ...wirekit.map(({ name, args }) => ({
      name,
      command: `${denoCommand(args)} ${q}`,
      packets,
      runs,
    })),
  ];
  if (!quick && await has("tcpdump")) {
    tools.push({ name: "tcpdump -n", command: `tcpdump -n -r ${q}`, packets, runs });
  }
  if (!quick && await has("tshark")) {
    let subset = file;
    let subsetPackets = packets;
    let note: string | undefined;
    if (packets > tsharkPackets) {
      subset = `${outDir}tshark_subset.pcap`;
      subsetPackets = tsharkPackets;
      note = `first ${tsharkPackets.toLocaleString("en")} packets, rate scaled, start-up included`;
      await run("tcpdump", ["-r", file, "-c", String(tsharkPackets), "-w", subset]);
    }
    tools.push({
      name: "tshark",
      command: `tshark -r ${quote(subset)}`,
      packets: subsetPackets,
      runs: slowRuns,
      ...(note === undefined ? {} : { note }),
    });
  }
  if (hasDpkt) {
    tools.push({
      name: "dpkt (Python)",
      command: `${PYTHON} bench/dpkt_pcapinfo.py ${q}`,
      packets,
      runs: slowRuns,
    });
  }

  const useHyperfine = await has("hyperfine");
  const timings = new Map<Tool, Timing>();
  for (const tool of tools) {
    console.error(`Timing ${tool.name} (${tool.runs} runs)...`);
    timings.set(tool, useHyperfine ? await timeWithHyperfine(tool) : await timeWithLoop(tool));
  }

  const c = timings.get(tools[0]!)!;
  const cPerPacket = c.best / tools[0]!.packets;
  const table = [
    "| Tool | Packets | Wall time (best) | Mean ± σ | Packets/s | Wall time per packet vs C | CPU user+sys (mean) | CPU per packet vs C |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  const perPacket = new Map<string, number>();
  const cpuPerPacket = new Map<string, number>();
  const cCpu = c.cpu === undefined ? undefined : c.cpu / tools[0]!.packets;
  for (const tool of tools) {
    const t = timings.get(tool)!;
    const rate = tool.packets / t.best;
    perPacket.set(tool.name, t.best / tool.packets);
    const ratio = t.best / tool.packets / cPerPacket;
    let cpu = "n/a";
    let cpuRatio = "n/a";
    if (t.cpu !== undefined && cCpu !== undefined) {
      cpuPerPacket.set(tool.name, t.cpu / tool.packets);
      cpu = fmtSeconds(t.cpu);
      cpuRatio = `${(t.cpu / tool.packets / cCpu).toFixed(2)}x`;
    }
    const note = tool.note === undefined ? "" : ` (${tool.note})`;
    table.push(
      `| ${tool.name}${note} | ${tool.packets.toLocaleString("en")} | ${fmtSeconds(t.best)} | ${
        fmtSeconds(t.mean)
      } ± ${fmtSeconds(t.stddev)} | ${fmtRate(rate)} | ${
        ratio.toFixed(2)
      }x | ${cpu} | ${cpuRatio} |`,
    );
  }
  console.log(`\n${table.join("\n")}`);
  const ratioOf = (name: string, other: string) => {
    const wall = perPacket.get(name)! / perPacket.get(other)!;
    const cpuA = cpuPerPacket.get(name);
    const cpuB = cpuPerPacket.get(other);
    return { name, wall, cpu: cpuA === undefined || cpuB === undefined ? undefined : cpuA / cpuB };
  };
  const describe = (r: { wall: number; cpu: number | undefined }) =>
    `wall ${r.wall.toFixed(3)}x${r.cpu === undefined ? "" : `, CPU ${r.cpu.toFixed(3)}x`}`;
  const ratios = wirekit.map(({ name }) => ratioOf(name, tools[0]!.name));
  const summary = ratios.map((r) => `${r.name} / C: ${describe(r)}`);
  if (perPacket.has("dpkt (Python)")) {
    summary.push(`pcapinfo / dpkt: ${describe(ratioOf(PCAPINFO, "dpkt (Python)"))}`);
  }
  console.log(`\n${summary.join("; ")}`);
  return {
    title,
    file,
    packets,
    meanSize: summaryJson.averagePacketSize,
    timesTable: table,
    countTable,
    summary,
    ratios,
    cBest: c.best,
  };
}

const USAGE =
  "Usage: deno run --allow-read --allow-write --allow-run --allow-sys bench/compare.ts " +
  "[--shape lan|small|both] [--file FILE] [--runs 5] [--slow-runs 3] [--tshark-packets 100000] " +
  "[--quick] [--no-results]";

/** The command line, or `undefined` after a usage error was printed. */
function parseCommandLine() {
  try {
    return parseArgs({
      args: Deno.args,
      options: {
        file: { type: "string" },
        shape: { type: "string", default: "both" },
        runs: { type: "string", default: "5" },
        "slow-runs": { type: "string", default: "3" },
        "tshark-packets": { type: "string", default: "100000" },
        quick: { type: "boolean", default: false },
        "no-results": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values;
  } catch (error) {
    console.error((error as Error).message);
    console.error(USAGE);
    return undefined;
  }
}

async function main(): Promise<number> {
  const values = parseCommandLine();
  if (values === undefined) return 2;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const runs = Number(values.runs);
  const slowRuns = Number(values["slow-runs"]);
  const tsharkPackets = Number(values["tshark-packets"]);
  const loadBefore = loadAverage();
  await Deno.mkdir(outDir, { recursive: true });

  // The captures: the given file, or the benchmark capture of each shape.
  const captures: { title: string; file: string }[] = [];
  if (values.file !== undefined) {
    if (!exists(values.file)) throw new Error(`Cannot compare: ${values.file} does not exist`);
    captures.push({ title: "Capture", file: values.file });
  } else {
    const shapes = values.shape === "both" ? TRAFFIC_SHAPES : [parseShape(values.shape)];
    for (const shape of shapes) {
      const file = defaultCapture(shape).pathname;
      if (!exists(file)) {
        console.error(`Generating ${file}...`);
        await makeCapture(file, { shape });
      }
      captures.push({ title: SHAPE_TITLES[shape], file });
    }
  }

  // The C program and the bundle.
  const cProgram = `${outDir}decode_l4`;
  console.error("Building bench/c/decode_l4.c...");
  await run("gcc", ["-O2", "-Wall", "-o", cProgram, "bench/c/decode_l4.c", "-lpcap"]);
  const wirekit = await wirekitCommands();

  const results: ShapeResult[] = [];
  for (const { title, file } of captures) {
    const result = await compareOn(title, file, cProgram, wirekit, {
      runs,
      slowRuns,
      tsharkPackets,
      quick: values.quick,
    });
    if (result === undefined) return 1;
    results.push(result);
  }

  if (values["no-results"] !== true) {
    await writeComparison(results, { runs, slowRuns, loadBefore, quick: values.quick });
    console.error(`Wrote ${RESULTS_PATH}`);
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main());
