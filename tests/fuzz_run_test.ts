/**
 * The long fuzz run of `bench/fuzz.ts`, kept short for CI: a few thousand mutated
 * packets through every target must give no finding; and the run reports planted faults
 * (a crash, a hang, memory growth) with the arguments that repeat them.
 */

import assert from "node:assert/strict";
import { runFuzz } from "../bench/fuzz.ts";

const root = new URL("../", import.meta.url);
const faulty = new URL("./_fuzz_faulty_targets.ts", import.meta.url);

Deno.test("bench/fuzz.ts finds nothing in 3,000 packets through every target", async () => {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "bench/fuzz.ts",
      "--count",
      "3000",
      "--seed",
      "7",
      "--workers",
      "2",
    ],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(output.stdout);
  assert.equal(output.code, 0, text + new TextDecoder().decode(output.stderr));
  assert.match(
    text,
    /^fuzz: 3,000 packets, seed 7, from 0, targets decode,print,flows,readers,defrag,streams,sessions,hncp,forces,m3ua,olsr,osi,nfs_telnet_syslog,lmp,rsvp,wb,vat,aodv,zmtp1,pgm_zmtp1,carp,rtp,rtcp,cnfp,rpki_rtr,aarp,msnlb,igmp,autorp,ppp_auth,igrp,lwres,vqp,otv,timed,stp,icmpv6,nsh,rtsp,ieee802154,realtek,pktap,atm,juniper,zephyr,atalk,arcnet,token_ring,lwapp, 2 worker\(s\), .* 0 findings$/m,
  );
});

Deno.test("runFuzz() reports a crash with its iteration and the arguments that repeat it", async () => {
  const report = await runFuzz({ count: 600, targetsModule: faulty, targets: ["throws"] });
  assert.equal(report.iterations, 600);
  assert.equal(report.findings.length, 1);
  const [finding] = report.findings;
  assert.equal(finding?.kind, "crash");
  assert.equal(finding?.iteration, 3);
  assert.match(finding?.message ?? "", /TypeError: Cannot fuzz: planted fault/);
  assert.equal(finding?.reproduce, "--seed 1 --from 0 --count 4 --targets throws");
  assert.equal(finding?.replay, "--seed 1 --from 0 --count 4 --targets throws");
  assert.match(finding?.input ?? "", /^[0-9a-f]*$/);
});

Deno.test("runFuzz() stops a hung iteration and goes on after it", async () => {
  const report = await runFuzz({
    from: 256,
    count: 256,
    targetsModule: faulty,
    targets: ["hangs"],
    timeLimitMs: 1000,
  });
  assert.equal(report.findings.length, 1);
  assert.equal(report.findings[0]?.kind, "hang");
  assert.equal(report.findings[0]?.iteration, 300);
  assert.equal(report.findings[0]?.target, "hangs");
  assert.equal(report.findings[0]?.reproduce, "--seed 1 --from 256 --count 45 --targets hangs");
  assert.equal(report.findings[0]?.replay, "--seed 1 --from 256 --count 45 --targets hangs");
  assert.equal(report.iterations, 256);
});

Deno.test("runFuzz() reports a heap that keeps growing", async () => {
  const report = await runFuzz({
    count: 2560,
    targetsModule: faulty,
    targets: ["leaks"],
    memoryLimitBytes: 32 * 1024 * 1024,
  });
  assert.equal(report.findings.length, 1);
  assert.equal(report.findings[0]?.kind, "memory");
  assert.match(report.findings[0]?.message ?? "", /^the heap grew from \d+ MB to \d+ MB$/);
});

Deno.test("runFuzz() rejects an unknown target", async () => {
  await assert.rejects(runFuzz({ targets: ["nothing"] }), {
    name: "RangeError",
    message:
      'Cannot fuzz target "nothing": expected one of decode, print, flows, readers, defrag, streams, sessions, hncp, forces, m3ua, olsr, osi, nfs_telnet_syslog, lmp, rsvp, wb, vat, aodv, zmtp1, pgm_zmtp1, carp, rtp, rtcp, cnfp, rpki_rtr, aarp, msnlb, igmp, autorp, ppp_auth, igrp, lwres, vqp, otv, timed, stp, icmpv6, nsh, rtsp, ieee802154, realtek, pktap, atm, juniper, zephyr, atalk, arcnet, token_ring, lwapp',
  });
});
