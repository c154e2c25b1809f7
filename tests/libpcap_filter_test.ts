// BPF filters compiled by libpcap without root, checked against tcpdump: the instructions
// (`tcpdump -dd`), their listing (`tcpdump -d`), and which packets of a file they accept
// (`tcpdump -r FILE EXPR`), in memory with BpfProgram.matches() and through
// openOffline(). Skipped without libpcap; the tcpdump comparisons skip without tcpdump.

import assert from "node:assert/strict";
import { compileFilter, openOffline } from "../lib/capture/mod.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { LinkType } from "../lib/link_type.ts";
import { hasCommand, testdataDir } from "./_shared.ts";
import { libpcapSkipReason, reportSkip, run } from "./_netns.ts";

const ignore = reportSkip("libpcap_filter_test.ts", libpcapSkipReason());
const noTcpdump = ignore || !(await hasCommand("tcpdump"));
const files = ["namespaces.pcap", "namespaces.pcapng", "lo_ping_nano.pcap"];
const expressions = [
  "icmp",
  "arp",
  "ip6",
  "udp port 53",
  "tcp[tcpflags] & tcp-syn != 0",
  "not port 53",
  "host 10.200.1.1 and (tcp or udp)",
];

Deno.test({
  name: "compileFilter() gives the instructions and listing of tcpdump -dd and -d",
  ignore: noTcpdump,
  async fn() {
    for (const expression of expressions) {
      using program = compileFilter(expression);
      const dd = await run(["tcpdump", "-dd", expression]);
      const expected = [...dd.stdout.matchAll(/\{ (0x[0-9a-f]+), (\d+), (\d+), (0x[0-9a-f]+) \}/g)]
        .map((m) => ({ code: Number(m[1]), jt: Number(m[2]), jf: Number(m[3]), k: Number(m[4]) }));
      assert.deepEqual(program.instructions(), expected, expression);
      assert.equal(program.length, expected.length);
      const d = await run(["tcpdump", "-d", expression]);
      assert.equal(program.toString(), d.stdout.trimEnd(), expression);
      assert.equal(program.linkType, LinkType.EN10MB);
    }
  },
});

Deno.test({
  name: "BpfProgram.matches() and openOffline() accept the packets tcpdump -r accepts",
  ignore: noTcpdump,
  async fn() {
    for (const name of files) {
      const path = new URL(name, testdataDir).pathname;
      for (const expression of expressions) {
        const listing = await run(["tcpdump", "-n", "-r", path, expression]);
        const expected = listing.stdout.split("\n").filter((l) => l !== "").length;

        // In memory: every record of the file through the compiled program.
        await using reader = await openCapture(path);
        let matched = 0;
        let programs = new Map<number, ReturnType<typeof compileFilter>>();
        for await (const record of reader) {
          let program = programs.get(record.linkType);
          if (program === undefined) {
            program = compileFilter(expression, { linkType: record.linkType });
            programs.set(record.linkType, program);
          }
          if (program.matches(record.data, record.originalLength)) matched++;
        }
        for (const program of programs.values()) program.close();
        programs = new Map();
        assert.equal(matched, expected, `${name}: ${expression}`);

        // Through libpcap's own reader.
        const offline = await Array.fromAsync(openOffline(path, { filter: expression }));
        assert.equal(offline.length, expected, `${name}: ${expression} (openOffline)`);
      }
    }
  },
});

Deno.test({
  name: "openOffline() reads the same records as openCapture()",
  ignore,
  async fn() {
    for (const name of files) {
      const path = new URL(name, testdataDir).pathname;
      await using reader = await openCapture(path);
      const expected = await Array.fromAsync(reader);
      const offline = openOffline(path);
      const records = await Array.fromAsync(offline);
      assert.equal(offline.stopReason, "end");
      assert.equal(offline.closed, true);
      assert.equal(records.length, expected.length, name);
      for (const [i, record] of records.entries()) {
        const want = expected[i]!;
        assert.equal(record.timestamp, want.timestamp, `${name} #${i}`);
        assert.equal(record.capturedLength, want.capturedLength);
        assert.equal(record.originalLength, want.originalLength);
        assert.equal(record.linkType, want.linkType);
        assert.deepEqual(record.data, want.data);
      }
    }
  },
});

Deno.test({
  name: "openOffline() stops at count and reports libpcap's errors",
  ignore,
  async fn() {
    const path = new URL("namespaces.pcap", testdataDir).pathname;
    const offline = openOffline(path, { count: 5 });
    assert.equal((await Array.fromAsync(offline)).length, 5);
    assert.equal(offline.stopReason, "count");
    assert.throws(() => openOffline("/nonexistent/x.pcap"), {
      name: "CaptureError",
      code: "error",
      message: "Cannot open /nonexistent/x.pcap with libpcap: /nonexistent/x.pcap: " +
        "No such file or directory",
    });
    assert.throws(() => openOffline(path, { filter: "tcp port" }), { code: "bad-filter" });
  },
});

Deno.test({
  name: "compileFilter() programs free their memory on close, 1,000 times over",
  ignore,
  fn() {
    for (let i = 0; i < 1000; i++) {
      const program = compileFilter(`udp port ${i}`);
      assert.equal(program.matches(new Uint8Array(14)), false);
      program.close();
      program.close();
      assert.throws(() => program.matches(new Uint8Array(14)), { code: "closed" });
    }
  },
});
