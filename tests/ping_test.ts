/**
 * `scripts/ping.ts` over IPv6 and by host name, on the host's loopback, line for line
 * against iputils' `ping` (times masked); and `resolvePingTarget()` without the network.
 *
 * @module
 */

import assert from "node:assert/strict";
import { denoPath, run } from "./_netns.ts";
import { resolvePingTarget } from "../lib/rawsocket/mod.ts";

const script = new URL("../scripts/ping.ts", import.meta.url).pathname;
const live = Deno.build.os === "linux" && Deno.uid() === 0 &&
  (await run(["ping", "-V"]).then(() => true, () => false));
if (!live) console.log("ping_test.ts: skipping live tests: they need root and iputils-ping");

/** Output with the times masked, which differ from run to run. */
function masked(text: string): string {
  return text.replace(/time=[\d.]+ ms/g, "time=T ms").replace(/time \d+ms/g, "time Tms")
    .replace(/= [\d.]+\/[\d.]+\/[\d.]+\/[\d.]+ ms/g, "= R ms");
}

Deno.test("resolvePingTarget() keeps addresses and rejects a family they are not", async () => {
  assert.deepEqual(await resolvePingTarget("::1"), { address: "::1", family: 6 });
  assert.deepEqual(await resolvePingTarget("0:0::1"), { address: "::1", family: 6 });
  assert.deepEqual(await resolvePingTarget("127.0.0.1", 4), { address: "127.0.0.1", family: 4 });
  await assert.rejects(
    () => resolvePingTarget("127.0.0.1", 6),
    /^Error: 127\.0\.0\.1: Address family for hostname not supported$/,
  );
});

Deno.test({
  name: "resolvePingTarget() resolves names through /etc/hosts as iputils does",
  permissions: { net: true, read: true, sys: true },
  async fn() {
    assert.deepEqual(await resolvePingTarget("localhost", 4), {
      address: "127.0.0.1",
      name: "localhost",
      family: 4,
    });
    await assert.rejects(
      () => resolvePingTarget("no-such-host.invalid"),
      /^Error: no-such-host\.invalid: Name or service not known$/,
    );
  },
});

Deno.test({
  name: "ping.ts pings ::1 and localhost as iputils' ping does",
  ignore: !live,
  async fn() {
    for (const args of [["-c", "2", "-i", "0.2", "::1"], ["-c", "2", "-i", "0.2", "localhost"]]) {
      const ours = await run([denoPath, "run", "--allow-ffi", "--allow-net", script, ...args]);
      assert.equal(ours.code, 0, ours.stderr);
      const theirs = await run(["ping", ...args]);
      assert.equal(masked(ours.stdout), masked(theirs.stdout));
    }
  },
});

Deno.test({
  name: "ping.ts names a host that does not resolve, as iputils does, and exits 2",
  ignore: !live,
  async fn() {
    const args = ["-c", "1", "no-such-host.invalid"];
    const ours = await run([denoPath, "run", "--allow-ffi", "--allow-net", script, ...args]);
    assert.equal(ours.code, 2);
    assert.equal(ours.stderr.trim(), "ping: no-such-host.invalid: Name or service not known");
  },
});
