/**
 * serve.ts under a flood with a stalled browser: pushes N packets (by default 3.6 million,
 * an hour at 1,000 packets per second of capture time) through `scripts/serve.ts -r -` while
 * one WebSocket client asks for rows and never reads again, and another reads the status.
 * Prints serve.ts' resident memory as the flood goes on, after the ring filled (its range
 * shows whether memory stays flat), at the end and at its peak, the updates skipped for the
 * stalled browser, and serve.ts' CPU time.
 *
 * ```sh
 * deno run -A bench/serve_flood.ts [--packets N] [--keep N] [--rate N]
 * ```
 *
 * @module
 */

import { parseArgs } from "node:util";
import { runServeFlood } from "./_serve_flood.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    packets: { type: "string", default: "3600000" },
    keep: { type: "string", default: "200000" },
    rate: { type: "string", default: "1000" },
  },
});
const packets = Number(values.packets);
const keep = Number(values.keep);
const rate = Number(values.rate);
if (![packets, keep, rate].every((n) => Number.isInteger(n) && n > 0)) {
  console.error("serve_flood.ts: --packets, --keep and --rate must be positive integers");
  Deno.exit(2);
}

const result = await runServeFlood({ packets, keep, rate });
const mib = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;
const hours = packets / rate / 3600;
console.log(
  `serve.ts flood: ${packets} packets (${hours.toFixed(2)} h at ${rate} pkt/s of capture ` +
    `time), ring of ${keep}, one stalled browser`,
);
const step = Math.max(1, Math.floor(result.samples.length / 10));
for (const [i, sample] of result.samples.entries()) {
  if (i % step === 0 || i === result.samples.length - 1) {
    console.log(`  after ${String(sample.written).padStart(9)} packets: RSS ${mib(sample.rssKiB)}`);
  }
}
const filled = result.samples.filter((sample) => sample.written >= 2 * keep);
if (filled.length > 0) {
  const rss = filled.map((sample) => sample.rssKiB);
  console.log(
    `RSS once the ring was full (${filled.length} samples): ${mib(Math.min(...rss))} to ${
      mib(Math.max(...rss))
    }`,
  );
}
console.log(`RSS at the end: ${mib(result.finalRssKiB)}; peak ${mib(result.peakRssKiB)}`);
console.log(
  `packets taken ${result.total}, not kept ${result.evicted}, updates skipped ${result.skipped}`,
);
const cpu = result.cpuSeconds.user + result.cpuSeconds.system;
console.log(
  `serve.ts CPU ${cpu.toFixed(1)} s (user ${result.cpuSeconds.user.toFixed(1)}, system ${
    result.cpuSeconds.system.toFixed(1)
  }): ${(cpu / packets * 1e6).toFixed(1)} µs per packet; wall ${result.elapsed.toFixed(1)} s`,
);
