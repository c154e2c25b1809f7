// serve.ts under a flood with a stalled browser (bench/serve_flood.ts measures the long
// run): the browser that stopped reading misses updates, no packet is missed, and the
// server's memory stops growing once its ring is full.

import assert from "node:assert/strict";
import { runServeFlood } from "../bench/_serve_flood.ts";

Deno.test({
  name: "serve.ts keeps memory bounded and skips updates for a stalled browser",
  ignore: Deno.build.os !== "linux",
}, async () => {
  const keep = 20000;
  const packets = 300000;
  const result = await runServeFlood({ packets, keep, rate: 1000 });
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
