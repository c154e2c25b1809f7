/**
 * The long fuzz run: mutated packets (byte changes, bit flips, cuts, corrupted length
 * fields, splices of two real frames) from the fuzz test's seeds, the frames of
 * `testdata/` and the benchmark traffic, through every target of `_fuzz_targets.ts`:
 * `decode()` under every link type and reused `PacketParser`s, `TcpdumpPrinter` at every
 * option set and time format, `FlowTable`, the capture readers on damaged files, and the
 * `Defragmenter` on fragments cut from the packets.
 *
 * ```sh
 * deno run --allow-read --v8-flags=--expose-gc bench/fuzz.ts [--count 100000] [--seed 1] \
 *   [--from 0] [--targets decode,print,flows,readers,defrag] [--workers 1] [--time-limit 10] \
 *   [--memory-limit 256] [--max-findings 20]
 * ```
 *
 * It reports three kinds of finding: a crash (an exception out of an API documented not
 * to throw, an error other than `CaptureFileError` from a reader, a broken invariant), a
 * hang (an iteration running longer than `--time-limit` seconds: the worker is stopped and
 * a new one goes on after it), and memory growth (the heap, sampled after a collection
 * when `--expose-gc` is given, more than `--memory-limit` MB above its level after the
 * first tenth of the run). Each finding prints the command that repeats it: an
 * iteration's packet comes from the seed and its number alone, and printers and flow
 * tables start afresh every 256 iterations. The reused parsers of the `decode` target are
 * kept for the whole run (a layer that keeps a field of an earlier packet is a defect), so
 * a finding of theirs may need the replay of its worker's iterations, also printed. The
 * exit code is 1 on a finding.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { BLOCK, type FuzzWorkerJob, type FuzzWorkerMessage } from "./_fuzz_worker.ts";
import { FUZZ_TARGETS } from "./_fuzz_targets.ts";

/** Options of {@linkcode runFuzz}. */
export interface FuzzOptions {
  /** The run's seed (default 1). */
  seed?: number;
  /** The first iteration (default 0). */
  from?: number;
  /** How many iterations: packets (default 100,000). */
  count?: number;
  /** The targets to run, by name (default all of the module's). */
  targets?: readonly string[];
  /** The module exporting `FUZZ_TARGETS` (default `_fuzz_targets.ts`). */
  targetsModule?: URL;
  /** Workers running in parallel (default 1). */
  workers?: number;
  /** The longest an iteration may run before it counts as a hang, in ms (default 10,000). */
  timeLimitMs?: number;
  /** The heap growth that counts as a finding, in bytes (default 256 MiB). */
  memoryLimitBytes?: number;
  /** Stop after this many findings (default 20). */
  maxFindings?: number;
  /** Called about every `progressMs` with the iterations done. */
  onProgress?: (done: number, findings: number) => void;
  /** How often `onProgress` is called, in ms (default 10,000). */
  progressMs?: number;
}

/** A finding of {@linkcode runFuzz}. */
export interface FuzzFinding {
  kind: "crash" | "hang" | "memory";
  /** The target that was running. */
  target: string;
  /** The iteration. */
  iteration: number;
  /** What happened (an error's stack). */
  message: string;
  /** The mutated packet in hex, for crashes. */
  input?: string;
  /** Its link type, for crashes. */
  linkType?: number;
  /** The arguments of `fuzz.ts` that repeat it: its block of 256 iterations. */
  reproduce: string;
  /**
   * The arguments that replay everything its worker ran before it, for a finding that
   * depends on what a reused `PacketParser` decoded earlier (decoders' state is not reset
   * between blocks, so that a layer that keeps a field of an earlier packet is caught).
   */
  replay: string;
}

/** What {@linkcode runFuzz} did. */
export interface FuzzReport {
  seed: number;
  from: number;
  /** Iterations run. */
  iterations: number;
  targets: string[];
  workers: number;
  seconds: number;
  /** The largest heap sample of any worker, in bytes (0 without samples). */
  peakHeap: number;
  findings: FuzzFinding[];
}

interface Running {
  worker: Worker;
  slot: number;
  from: number;
  to: number;
  ready: boolean;
  lastDone: number;
  lastChange: number;
  baseline: number | undefined;
  memoryReported: boolean;
}

/**
 * Runs the fuzz targets on `count` mutated packets, split between workers.
 *
 * @param options The seed, range, targets, workers and limits.
 * @returns The report, with every finding.
 * @throws {RangeError} When a target name is unknown.
 * @throws {Error} When a worker cannot start.
 */
export async function runFuzz(options: FuzzOptions = {}): Promise<FuzzReport> {
  const seed = options.seed ?? 1;
  const from = options.from ?? 0;
  const count = options.count ?? 100_000;
  const targetsModule = options.targetsModule ?? new URL("./_fuzz_targets.ts", import.meta.url);
  const { FUZZ_TARGETS: known } = await import(targetsModule.href) as {
    FUZZ_TARGETS: readonly { name: string }[];
  };
  const names = known.map((target) => target.name);
  const targets = [...(options.targets ?? names)];
  for (const name of targets) {
    if (!names.includes(name)) {
      throw new RangeError(
        `Cannot fuzz target ${JSON.stringify(name)}: expected one of ${names.join(", ")}`,
      );
    }
  }
  const workers = Math.max(1, Math.min(options.workers ?? 1, Math.ceil(count / BLOCK)));
  const timeLimit = options.timeLimitMs ?? 10_000;
  const memoryLimit = options.memoryLimitBytes ?? 256 * 1024 * 1024;
  const maxFindings = options.maxFindings ?? 20;
  const progressMs = options.progressMs ?? 10_000;
  const memoryEvery = Math.max(BLOCK, Math.min(20_000, Math.floor(count / workers / 20)));
  const progress = new SharedArrayBuffer(8 * workers);
  const counters = new Int32Array(progress);
  const findings: FuzzFinding[] = [];
  const started = performance.now();
  let peakHeap = 0;
  let finished = 0;
  const running = new Set<Running>();
  let fatal: Error | undefined;

  const reproduce = (target: string, iteration: number, start: number) => {
    const block = iteration - (iteration % BLOCK);
    const args = (first: number) =>
      `--seed ${seed} --from ${first} --count ${iteration - first + 1} --targets ${target}`;
    return { reproduce: args(block), replay: args(start) };
  };

  const { promise: allDone, resolve } = Promise.withResolvers<void>();
  const stopAll = () => {
    for (const run of running) run.worker.terminate();
    running.clear();
    resolve();
  };
  const record = (finding: Omit<FuzzFinding, "reproduce" | "replay">, start: number) => {
    findings.push({ ...finding, ...reproduce(finding.target, finding.iteration, start) });
    if (findings.length >= maxFindings) stopAll();
  };

  const start = (slot: number, first: number, to: number) => {
    const worker = new Worker(new URL("./_fuzz_worker.ts", import.meta.url), { type: "module" });
    const run: Running = {
      worker,
      slot,
      from: first,
      to,
      ready: false,
      lastDone: 0,
      lastChange: performance.now(),
      baseline: undefined,
      memoryReported: false,
    };
    Atomics.store(counters, slot * 2, 0);
    running.add(run);
    const finish = () => {
      running.delete(run);
      worker.terminate();
      if (running.size === 0) resolve();
    };
    worker.onmessage = (event: MessageEvent<FuzzWorkerMessage>) => {
      const message = event.data;
      if (message.type === "ready") {
        run.ready = true;
        run.lastChange = performance.now();
      } else if (message.type === "finding") {
        record({ kind: "crash", ...message }, run.from);
      } else if (message.type === "memory") {
        peakHeap = Math.max(peakHeap, message.heapUsed);
        const tenth = run.from + (run.to - run.from) / 10;
        if (run.baseline === undefined) {
          if (message.iteration >= tenth) run.baseline = message.heapUsed;
        } else if (!run.memoryReported && message.heapUsed > run.baseline + memoryLimit) {
          run.memoryReported = true;
          const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;
          record({
            kind: "memory",
            target: targets.join(","),
            iteration: message.iteration,
            message: `the heap grew from ${mb(run.baseline)} to ${mb(message.heapUsed)}`,
          }, run.from);
        }
      } else {
        finished += run.to - run.from;
        finish();
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      const done = Atomics.load(counters, slot * 2);
      const iteration = run.from + done;
      if (!run.ready) {
        fatal = new Error(`Cannot start a fuzz worker: ${event.message}`);
        stopAll();
        return;
      }
      // An error thrown out of the loop (an unhandled rejection): a crash; go on after it.
      const target = targetName(known, Atomics.load(counters, slot * 2 + 1));
      record({ kind: "crash", target, iteration, message: event.message }, run.from);
      finished += done + 1;
      finish();
      if (iteration + 1 < run.to && findings.length < maxFindings) {
        start(slot, iteration + 1, run.to);
      }
    };
    const job: FuzzWorkerJob = {
      seed,
      from: first,
      to,
      targetsModule: targetsModule.href,
      targets,
      progress,
      slot,
      memoryEvery,
    };
    worker.postMessage(job);
  };

  const share = Math.ceil(count / workers / BLOCK) * BLOCK;
  for (let slot = 0; slot < workers; slot++) {
    const first = from + slot * share;
    const to = Math.min(from + count, first + share);
    if (first < to) start(slot, first, to);
  }

  const done = () => {
    let total = finished;
    for (const run of running) total += Atomics.load(counters, run.slot * 2);
    return total;
  };
  let lastProgress = performance.now();
  const watchdog = setInterval(() => {
    const now = performance.now();
    for (const run of [...running]) {
      if (!run.ready) continue;
      const doneNow = Atomics.load(counters, run.slot * 2);
      if (doneNow !== run.lastDone) {
        run.lastDone = doneNow;
        run.lastChange = now;
        continue;
      }
      if (now - run.lastChange <= timeLimit) continue;
      const iteration = run.from + doneNow;
      const target = targetName(known, Atomics.load(counters, run.slot * 2 + 1));
      running.delete(run);
      run.worker.terminate();
      finished += doneNow + 1;
      record({
        kind: "hang",
        target,
        iteration,
        message: `iteration ${iteration} ran for more than ${timeLimit} ms`,
      }, run.from);
      if (iteration + 1 < run.to && findings.length < maxFindings) {
        start(run.slot, iteration + 1, run.to);
      } else if (running.size === 0) {
        resolve();
      }
    }
    if (options.onProgress !== undefined && now - lastProgress >= progressMs) {
      lastProgress = now;
      options.onProgress(done(), findings.length);
    }
  }, Math.min(250, timeLimit / 4));
  try {
    await allDone;
  } finally {
    clearInterval(watchdog);
    stopAll();
  }
  if (fatal !== undefined) throw fatal;
  return {
    seed,
    from,
    iterations: Math.min(count, finished),
    targets,
    workers,
    seconds: (performance.now() - started) / 1000,
    peakHeap,
    findings: findings.sort((a, b) => a.iteration - b.iteration),
  };
}

/** The name of the target at `index` of the module's list. */
function targetName(known: readonly { name: string }[], index: number): string {
  return known[index]?.name ?? "?";
}

const USAGE = "Usage: deno run --allow-read --v8-flags=--expose-gc bench/fuzz.ts [--count N] " +
  "[--seed S] [--from I] [--targets a,b] [--workers W] [--time-limit SECONDS] " +
  "[--memory-limit MB] [--max-findings N]";

async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      count: { type: "string", default: "100000" },
      seed: { type: "string", default: "1" },
      from: { type: "string", default: "0" },
      targets: { type: "string" },
      workers: { type: "string", default: "1" },
      "time-limit": { type: "string", default: "10" },
      "memory-limit": { type: "string", default: "256" },
      "max-findings": { type: "string", default: "20" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    console.log(`Targets: ${FUZZ_TARGETS.map((t) => `${t.name} (${t.description})`).join("; ")}`);
    return 0;
  }
  const numbers = [
    "count",
    "seed",
    "from",
    "workers",
    "time-limit",
    "memory-limit",
    "max-findings",
  ];
  for (const name of numbers) {
    const value = Number(values[name as keyof typeof values]);
    if (!Number.isInteger(value) || value < 0) {
      console.error(`Cannot fuzz: --${name} must be an integer >= 0`);
      return 2;
    }
  }
  const count = Number(values.count);
  const started = new Date();
  let report: FuzzReport;
  try {
    report = await runFuzz({
      seed: Number(values.seed),
      from: Number(values.from),
      count,
      ...(values.targets === undefined ? {} : { targets: values.targets.split(",") }),
      workers: Number(values.workers),
      timeLimitMs: Number(values["time-limit"]) * 1000,
      memoryLimitBytes: Number(values["memory-limit"]) * 1024 * 1024,
      maxFindings: Number(values["max-findings"]),
      onProgress: (done, findings) => {
        const seconds = (Date.now() - started.getTime()) / 1000;
        console.error(
          `fuzz: ${done.toLocaleString("en")} / ${count.toLocaleString("en")} packets, ${
            (done / seconds).toFixed(0)
          }/s, ${findings} findings`,
        );
      },
    });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  const gc = (globalThis as { gc?: unknown }).gc === undefined ? " (no --expose-gc)" : "";
  console.log(
    `fuzz: ${
      report.iterations.toLocaleString("en")
    } packets, seed ${report.seed}, from ${report.from}, ` +
      `targets ${report.targets.join(",")}, ${report.workers} worker(s), ${
        report.seconds.toFixed(1)
      } s, peak heap ${
        (report.peakHeap / 1048576).toFixed(0)
      } MB${gc}, ${report.findings.length} findings`,
  );
  for (const finding of report.findings) {
    console.log(
      `\n${finding.kind.toUpperCase()} in ${finding.target} at iteration ${finding.iteration}`,
    );
    console.log(`  reproduce: deno run --allow-read bench/fuzz.ts ${finding.reproduce}`);
    console.log(`  or replay its worker: deno run --allow-read bench/fuzz.ts ${finding.replay}`);
    if (finding.linkType !== undefined) console.log(`  link type: ${finding.linkType}`);
    if (finding.input !== undefined) console.log(`  packet: ${finding.input}`);
    console.log(finding.message.split("\n").map((line) => `  ${line}`).join("\n"));
  }
  return report.findings.length > 0 ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
