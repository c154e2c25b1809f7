// A smoke run of bench/live_capture.ts at a low rate: trafgen sends 10,000 frames a second
// for one second into a veth pair, and tcpdump -w, sniff.ts -w, wirekit's libpcap batches()
// and its TPACKET_V3 ring keep every frame offered, dropping none. (The AF_PACKET socket,
// one recvmsg() per frame, is no contender: it drops frames even at this rate on a busy
// machine, so it is left out.) Needs root, libpcap, tcpdump, trafgen (netsniff-ng), tc and
// ethtool: skipped without them (./dev.sh test installs them).

import assert from "node:assert/strict";
import { denoPath, liveCaptureSkipReason, reportSkip, run } from "./_netns.ts";

const script = new URL("../bench/live_capture.ts", import.meta.url).pathname;

async function skipReason(): Promise<string | undefined> {
  const live = await liveCaptureSkipReason();
  if (live !== undefined) return live;
  for (const tool of ["trafgen", "tcpdump", "tc", "ethtool", "taskset", "timeout"]) {
    const found = await run(["sh", "-c", `command -v ${tool}`]);
    if (found.code !== 0) return `${tool} is not installed (apt-get install netsniff-ng ethtool)`;
  }
  return undefined;
}

const ignore = reportSkip("live_capture_bench_test.ts", await skipReason());

Deno.test({
  name: "bench/live_capture.ts captures every frame trafgen offers at 10,000 frames/s",
  ignore,
  async fn() {
    const result = await run([
      ...[denoPath, "run", "-A", script, "--seconds", "1", "--rounds", "1", "--rates", "10000"],
      ...["--modes", "tcpdump,sniff,batches,ring-batches", "--json"],
    ]);
    assert.equal(result.code, 0, result.stderr);
    const rows = JSON.parse(result.stdout) as {
      capturer: string;
      offered: number;
      captured: number;
      dropped: number;
    }[];
    assert.equal(rows.length, 4);
    for (const row of rows) {
      assert.ok(row.offered >= 1000, `${row.capturer}: only ${row.offered} frames offered`);
      assert.equal(row.captured, row.offered, `${row.capturer} missed frames`);
      assert.equal(row.dropped, 0, `${row.capturer} dropped frames`);
    }
  },
});
