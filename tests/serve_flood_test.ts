// serve.ts under a flood with a stalled browser (bench/serve_flood.ts measures the long
// run): the browser that stopped reading misses updates, no packet is missed, and the
// server's memory stops growing once its ring is full.

import assert from "node:assert/strict";
import type { ServeFloodResult } from "../bench/_serve_flood.ts";

const CHILD = new URL("_serve_flood_child.ts", import.meta.url).pathname;

Deno.test({
  name: "serve.ts keeps memory bounded and skips updates for a stalled browser",
  ignore: Deno.build.os !== "linux",
}, async () => {
  const keep = 20000;
  const packets = 300000;
  // In a process of its own, stopped after 5 minutes.
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CHILD, String(packets), String(keep)],
    stdout: "piped",
  }).spawn();
  const timer = setTimeout(() => child.kill("SIGKILL"), 300_000);
  const output = await child.output();
  clearTimeout(timer);
  assert.ok(output.success, `the flood did not finish (exit ${output.code})`);
  const result: ServeFloodResult = JSON.parse(new TextDecoder().decode(output.stdout));
  assert.equal(result.total, packets);
  assert.equal(result.evicted, packets - keep);
  assert.ok(result.skipped > 0, `no update was skipped: ${JSON.stringify(result)}`);
  // After the ring filled and the heap settled, memory stays within a band: a leak of one
  // object per packet (280,000 more) would grow it past the margin.
  const settled = result.samples.filter((sample) => sample.written >= packets / 2);
  assert.ok(settled.length >= 2, `${settled.length} samples after half the flood`);
  const rss = settled.map((sample) => sample.rssKiB);
  assert.ok(
    Math.max(...rss) - Math.min(...rss) < 64 * 1024,
    `RSS went from ${Math.min(...rss)} to ${Math.max(...rss)} KiB`,
  );
  assert.ok(result.peakRssKiB < 512 * 1024, `peak RSS ${result.peakRssKiB} KiB`);
});
