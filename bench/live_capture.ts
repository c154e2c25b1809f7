// Live capture throughput against tcpdump: trafgen (netsniff-ng, a TX ring, far faster than
// a Deno sender) sends 60-byte UDP frames into one end of a veth pair, joined between two
// network namespaces that this script creates and removes; the other end is captured by
// `tcpdump -w`, `scripts/sniff.ts -w` and wirekit in-process. For each offered rate, round
// and capturer it prints packets offered (the capture end's interface counter), captured,
// dropped by the kernel, and rates. Needs root, libpcap, tcpdump, trafgen, tc and ethtool.
//
//   deno run -A bench/live_capture.ts [--seconds 3] [--rounds 3]
//     [--rates 100000,300000,600000,1000000,max] [--size 60] [--no-pin] [--results] [--json]
//     [--modes tcpdump,sniff,batches,ring-batches,packet-receive]
//
// Rates: up to 100,000 frames/s trafgen paces itself (-b); above, its TX ring sends through
// the qdisc and tbf shapes it to the rate (the ring then waits for room: nothing is dropped
// before the capture end); `max` bypasses the qdisc.
// The offered rate is measured, not assumed: a busy machine offers less.
// Pinning: with two CPUs or more, trafgen (and so the veth's receive path, which runs in
// the sender's softirq) runs on CPU 1 and the capturer on CPU 0; `--no-pin` lets the
// scheduler place them.
// Capturers: `tcpdump` and `sniff` run as tcpdump users run them (`-i IFACE -w FILE -s
// 262144`, stopped with SIGINT, counts from their closing lines; sniff on the native Deno
// binary running this script); the others are this script as a child (bench/_live_child.ts):
// `batches` (libpcap), `records`, `dump` (libpcap + PcapWriter), `ring-batches` and
// `ring-records` (wirekit's TPACKET_V3 ring, 8 x 256 KiB, as libpcap's 2 MiB), and
// `packet-receive`, `packet-records` (the AF_PACKET socket, 2 MiB receive buffer).
// `--results` writes the tables into bench/RESULTS.md's "Live capture" section; `--json`
// prints the rows as JSON instead of the tables (tests/live_capture_bench_test.ts).

import { parseArgs } from "node:util";
import { CHILD_MODES, type ChildResult, runChild } from "./_live_child.ts";
import {
  CAPTURE_IFACE,
  cpuSeconds,
  PACED_MAX,
  runTrafgen,
  sh,
  TestNetwork,
  trafgenConfig,
} from "./_live_net.ts";
import { LIVE_CAPTURE_HEADING, replaceSection } from "./_results.ts";
import { has, readFirstLine } from "./_tools.ts";

const sniffScript = new URL("../scripts/sniff.ts", import.meta.url).pathname;
const resultsPath = new URL("./RESULTS.md", import.meta.url).pathname;
const self = new URL(import.meta.url).pathname;
const deno = Deno.execPath();

/** One capturer at one rate in one round. */
interface Row {
  rate: string;
  round: number;
  capturer: string;
  sent: number;
  seconds: number;
  offered: number;
  captured: number;
  dropped: number;
  /** CPU seconds the capturer used from ready to stop. */
  cpu: number;
}

const NAMES: Record<string, string> = {
  tcpdump: "tcpdump -w",
  sniff: "sniff.ts -w",
  ...CHILD_MODES,
};

/** What a capturer reports when stopped. */
interface Counts {
  captured: number;
  dropped: number;
  cpu: number;
}

/** A capturer process, and how to stop it and read its counts. */
interface Capturer {
  stop(): Promise<Counts>;
}

/**
 * How long a capturer waits after trafgen ends before it is stopped: longer than tcpdump's
 * 1 s buffer timeout, so that every capturer has read what the kernel holds.
 */
const DRAIN_MS = 1500;

/** tcpdump or sniff.ts writing a file; ready at its "listening on" line. */
async function startTool(ns: string, mode: string, pin: string[]): Promise<Capturer> {
  const file = await Deno.makeTempFile({ suffix: ".pcap" });
  const command = mode === "tcpdump"
    ? ["tcpdump", "-i", CAPTURE_IFACE, "-w", file, "-s", "262144"]
    : [deno, "run", "--allow-ffi", `--allow-write=${file}`, sniffScript, "-i", CAPTURE_IFACE]
      .concat(["-w", file, "-s", "262144"]);
  // `ip netns exec` and taskset exec the command: signals reach tcpdump or Deno itself.
  const child = new Deno.Command("ip", {
    args: ["netns", "exec", ns, ...pin, ...command],
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let text = "";
  let listening: () => void = () => {};
  const started = new Promise<void>((resolve) => listening = resolve);
  const reading = (async () => {
    for await (const chunk of child.stderr.pipeThrough(new TextDecoderStream())) {
      text += chunk;
      if (text.includes("listening on")) listening();
    }
  })();
  const failed = child.status.then(async () => {
    await reading;
    if (!text.includes("listening on")) throw new Error(`${command.join(" ")}: ${text}`);
  });
  await Promise.race([started, failed]);
  let ended = false;
  child.status.then(() => ended = true);
  const cpuAtStart = cpuSeconds(child.pid);
  return {
    async stop() {
      await new Promise((r) => setTimeout(r, DRAIN_MS));
      if (ended) {
        await reading;
        throw new Error(`${command.join(" ")} ended before it was stopped: ${text}`);
      }
      const cpu = cpuSeconds(child.pid) - cpuAtStart;
      child.kill("SIGINT");
      await child.status;
      await reading;
      await Deno.remove(file);
      const count = (re: RegExp) => Number(re.exec(text)?.[1] ?? NaN);
      return {
        captured: count(/(\d+) packets? captured/),
        dropped: count(/(\d+) packets? dropped by kernel/),
        cpu,
      };
    },
  };
}

/** This script as a child capturing in-process; ready at its first line. */
async function startChild(ns: string, mode: string, pin: string[]): Promise<Capturer> {
  const child = new Deno.Command("ip", {
    args: ["netns", "exec", ns, ...pin, deno, "run", "-A", self, "--child", CAPTURE_IFACE, mode],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = await readFirstLine(lines);
  if (!text.includes("\n")) throw new Error(`capturer ${mode} ended before it was ready`);
  if (!text.includes('"ready"')) throw new Error(`capturer ${mode}: ${text}`);
  const cpuAtStart = cpuSeconds(child.pid);
  return {
    async stop() {
      await new Promise((r) => setTimeout(r, DRAIN_MS));
      const cpu = cpuSeconds(child.pid) - cpuAtStart;
      await child.stdin.close();
      while (true) {
        const { value, done } = await lines.read();
        if (done) break;
        text += value;
      }
      await child.status;
      const last = text.trim().split("\n").at(-1)!;
      const result = JSON.parse(last) as ChildResult;
      return { captured: result.captured, dropped: result.stats.dropped, cpu };
    },
  };
}

interface Settings {
  network: TestNetwork;
  config: string;
  seconds: number;
  size: number;
  pin: boolean;
}

async function runOne(settings: Settings, rate: string, mode: string): Promise<Row> {
  const { network, pin } = settings;
  const pps = rate === "max" ? undefined : Number(rate);
  await network.shape(pps, settings.size);
  const capturerPin = pin ? ["taskset", "-c", "0"] : [];
  const capturer = mode === "tcpdump" || mode === "sniff"
    ? await startTool(network.capture, mode, capturerPin)
    : await startChild(network.capture, mode, capturerPin);
  const before = await network.received();
  const sent = await runTrafgen(network, {
    config: settings.config,
    seconds: settings.seconds,
    ...(pps === undefined ? {} : { rate: pps }),
    ...(pin ? { cpu: 1 } : {}),
  }).catch((error: unknown) => error instanceof Error ? error : new Error(String(error)));
  const counts = await capturer.stop();
  if (sent instanceof Error) throw sent;
  const offered = (await network.received()) - before;
  return {
    rate,
    round: 0,
    capturer: NAMES[mode]!,
    sent: sent.sent,
    seconds: sent.seconds,
    offered,
    captured: counts.captured,
    dropped: counts.dropped,
    cpu: counts.cpu,
  };
}

const thousands = (n: number) => Math.round(n).toLocaleString("en");

/** The results: per rate and capturer, the rounds' rates and drops, and the verdict. */
function tables(rows: Row[], rates: string[], modes: string[]): string[] {
  const lines = [
    "| Rate | Capturer | Offered/s (rounds) | Captured/s (rounds) | Dropped by kernel (rounds) " +
    "| Dropped | CPU ns/packet |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  const verdicts: string[] = [];
  for (const rate of rates) {
    const totals = new Map<string, number>();
    for (const mode of modes) {
      const mine = rows.filter((row) => row.rate === rate && row.capturer === NAMES[mode]);
      if (mine.length === 0) continue;
      const per = (f: (row: Row) => number) => mine.map((row) => thousands(f(row))).join(" / ");
      const offered = mine.reduce((sum, row) => sum + row.offered, 0);
      const dropped = mine.reduce((sum, row) => sum + row.dropped, 0);
      const captured = mine.reduce((sum, row) => sum + row.captured, 0);
      const cpu = mine.reduce((sum, row) => sum + row.cpu, 0);
      totals.set(mode, dropped);
      lines.push(
        `| ${rate} | ${NAMES[mode]} | ${per((row) => row.offered / row.seconds)} | ` +
          `${per((row) => row.captured / row.seconds)} | ${per((row) => row.dropped)} | ` +
          `${(100 * dropped / Math.max(1, offered)).toFixed(2)} % | ${
            thousands(1e9 * cpu / Math.max(1, captured))
          } |`,
      );
    }
    const tcpdump = totals.get("tcpdump");
    if (tcpdump === undefined) continue;
    const worse = [...totals].filter(([mode, drops]) => mode !== "tcpdump" && drops > tcpdump);
    verdicts.push(
      `- ${rate}: tcpdump dropped ${thousands(tcpdump)} in all; ` +
        (worse.length === 0
          ? "no capturer dropped more"
          : `more: ${
            worse.map(([mode, drops]) => `${NAMES[mode]} ${thousands(drops)}`).join(", ")
          }`),
    );
  }
  return [...lines, "", ...verdicts];
}

function loadAverage(): string {
  return Deno.loadavg().map((n) => n.toFixed(2)).join(" ");
}

async function versions(): Promise<string> {
  // Both print their version and exit (trafgen with status 1).
  const lines = async (program: string, flag: string, count: number) => {
    const out = await new Deno.Command(program, { args: [flag] }).output();
    return new TextDecoder().decode(out.stdout).trim().split("\n").slice(0, count).join(", ");
  };
  return [
    `Deno ${Deno.version.deno}`,
    await lines("tcpdump", "--version", 2),
    await lines("trafgen", "-v", 1),
  ].join("; ");
}

const USAGE = "Usage: deno run -A bench/live_capture.ts [--seconds 3] [--rounds 3] " +
  "[--rates 100000,300000,600000,1000000,max] [--size 60] [--modes LIST] [--no-pin] [--results] " +
  "[--json]";

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        seconds: { type: "string", default: "3" },
        rounds: { type: "string", default: "3" },
        rates: { type: "string", default: "100000,300000,600000,1000000,max" },
        size: { type: "string", default: "60" },
        modes: { type: "string", default: "tcpdump,sniff,batches,ring-batches,packet-receive" },
        "no-pin": { type: "boolean", default: false },
        results: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const seconds = Number(values.seconds);
  const rounds = Number(values.rounds);
  const size = Number(values.size);
  const rates = values.rates.split(",");
  const modes = values.modes.split(",");
  const bad = modes.find((mode) => NAMES[mode] === undefined) ??
    rates.find((rate) => rate !== "max" && !(Number(rate) > 0));
  if (bad !== undefined || !(seconds > 0) || !(rounds >= 1) || !(size >= 42 && size <= 1514)) {
    console.error(`Cannot run: bad option${bad === undefined ? "" : ` ${bad}`}\n${USAGE}`);
    return 2;
  }
  for (const tool of ["trafgen", "tcpdump", "tc", "ethtool", "taskset", "timeout"]) {
    if (!(await has(tool))) {
      console.error(
        `Cannot run: ${tool} is missing (apt-get install netsniff-ng tcpdump iproute2 ethtool ` +
          "util-linux coreutils)",
      );
      return 1;
    }
  }
  const pin = !values["no-pin"] && navigator.hardwareConcurrency >= 2;
  const network = new TestNetwork(String(Deno.pid));
  const config = await Deno.makeTempFile({ suffix: ".cfg" });
  const rows: Row[] = [];
  const loadBefore = loadAverage();
  const removeOnSignal = () => {
    network.remove().finally(() => Deno.exit(130));
  };
  // Ctrl-C or SIGTERM: the namespaces go too (the finally below covers errors).
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    Deno.addSignalListener(signal, removeOnSignal);
  }
  try {
    await Deno.writeTextFile(config, trafgenConfig(size));
    await network.create();
    const settings = { network, config, seconds, size, pin };
    for (let round = 1; round <= rounds; round++) {
      for (const rate of rates) {
        for (const mode of modes) {
          const row = await runOne(settings, rate, mode);
          row.round = round;
          rows.push(row);
          console.error(
            `round ${round}, ${rate}: ${row.capturer}: offered ${row.offered} in ` +
              `${row.seconds.toFixed(2)} s, captured ${row.captured}, dropped ${row.dropped}`,
          );
        }
      }
    }
  } finally {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      Deno.removeSignalListener(signal, removeOnSignal);
    }
    await network.remove();
    await Deno.remove(config).catch(() => {});
  }
  if (values.json) {
    console.log(JSON.stringify(rows));
    return 0;
  }
  const body = [
    `Generated by \`bench/live_capture.ts\` (${
      new Date().toISOString()
    }): trafgen sends ${size}-byte`,
    `UDP frames for ${seconds} s into a veth pair, paced by trafgen up to ${PACED_MAX}/s, ` +
    `shaped by tbf above, unpaced at \`max\`; ` +
    `${rounds} rounds.`,
    "",
    `- Machine: ${navigator.hardwareConcurrency} CPUs, Linux ${Deno.osRelease()}; ` +
    `load average before: ${loadBefore}, after: ${loadAverage()}`,
    `- Pinning: ${
      pin ? "trafgen (and the veth's receive softirq) on CPU 1, the capturer on CPU 0" : "none"
    }`,
    `- Versions: ${await versions()}`,
    "",
    ...tables(rows, rates, modes),
    "",
    "Offered/s is what reached the capture end (its interface counter) over trafgen's own",
    "sending time; a loaded machine offers less than the rate asked, and each capturer's",
    "receive path (in the sender's softirq) slows the sender differently, so offered rates",
    "differ between rows. Dropped by kernel is each capturer's own count (tcpdump's closing",
    "line, pcap_stats(), PACKET_STATISTICS); every capturer had 1.5 s after trafgen ended to",
    "read what the kernel held. CPU ns/packet is the capturer process's user + system time",
    "from ready to stop over the packets it captured: steadier than rates when other work",
    "shares the CPUs. tcpdump and the libpcap capturers use libpcap's default 2 MiB buffer;",
    "the ring has 8 blocks of 256 KiB; the AF_PACKET socket a 2 MiB receive buffer and one",
    "recvmsg() per frame (no contender: the ring is wirekit's fast path without libpcap).",
  ].join("\n");
  console.log(body);
  if (values.results) {
    const previous = await Deno.readTextFile(resultsPath).catch(() => "# Benchmark results\n");
    await Deno.writeTextFile(resultsPath, replaceSection(previous, LIVE_CAPTURE_HEADING, body));
    await sh([deno, "fmt", "--quiet", resultsPath]).catch(() => {});
  }
  return 0;
}

if (Deno.args[0] === "--child") {
  await runChild(Deno.args[1]!, Deno.args[2] ?? "batches");
} else {
  Deno.exit(await main());
}
