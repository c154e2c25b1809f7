/**
 * A quick check of the benchmark tooling: `bench/make_capture.ts` writes a small
 * capture, and pcapinfo's packet counts per protocol agree with the C program of
 * `bench/c/` (when gcc and libpcap's headers are installed) and with tshark (when
 * installed).
 *
 * @module
 */

import assert from "node:assert/strict";
import { makeCapture } from "../bench/make_capture.ts";
import { PcapReader } from "../lib/formats/pcap.ts";
import { replaceSection, writeResults } from "../bench/_results.ts";
import { C_PROGRAM_KINDS } from "../bench/_tools.ts";
import { runScript } from "./_shared.ts";

const root = new URL("../", import.meta.url);
const PACKETS = 1000;

/** Application kinds of the benchmark mix, compared with tshark when pcapinfo counts them. */
const APPLICATION = ["dns", "ntp"];

/** The counts of some kinds only. */
function only(counts: Record<string, number>, kinds: readonly string[]): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([kind]) => kinds.includes(kind)));
}

/** tshark's `frame.protocols` names to pcapinfo's layer kinds. */
const TSHARK_KINDS: Record<string, string> = {
  dns: "dns",
  ntp: "ntp",
  eth: "ethernet",
  vlan: "vlan",
  arp: "arp",
  ip: "ipv4",
  ipv6: "ipv6",
  "ipv6.hopopts": "ipv6-hop-by-hop",
  "ipv6.routing": "ipv6-routing",
  "ipv6.fraghdr": "ipv6-fragment",
  "ipv6.dstopts": "ipv6-destination",
  tcp: "tcp",
  udp: "udp",
  icmp: "icmp",
  icmpv6: "icmpv6",
};

async function run(command: string, args: string[]): Promise<string> {
  const output = await new Deno.Command(command, {
    args,
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  assert.ok(
    output.success,
    `${command} ${args.join(" ")} failed: ${decoder.decode(output.stderr)}`,
  );
  return decoder.decode(output.stdout);
}

async function succeeds(command: string, args: string[]): Promise<boolean> {
  try {
    const options = { args, stdout: "null", stderr: "null" } as const;
    return (await new Deno.Command(command, options).output()).success;
  } catch {
    return false;
  }
}

Deno.test("makeCapture() writes a capture whose counts pcapinfo, C and tshark agree on", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "wirekit_bench_" });
  try {
    const file = `${dir}/small.pcap`;
    const result = await makeCapture(file, { count: PACKETS });
    assert.equal(result.packets, PACKETS);

    // Same seed, same bytes.
    const again = `${dir}/again.pcap`;
    await makeCapture(again, { count: PACKETS });
    assert.deepEqual(await Deno.readFile(again), await Deno.readFile(file));

    // Frame sizes and strictly increasing timestamps.
    let count = 0;
    let previous = -1n;
    {
      await using reader = await PcapReader.open(file);
      for await (const record of reader) {
        count++;
        assert.ok(record.capturedLength >= 60 && record.capturedLength <= 1518);
        assert.ok(record.timestamp > previous);
        previous = record.timestamp;
      }
    }
    assert.equal(count, PACKETS);

    const pcapinfo = JSON.parse(
      await run(Deno.execPath(), ["run", "--allow-read", "scripts/pcapinfo.ts", "--json", file]),
    ) as { packets: number; protocols: Record<string, number>; decodeErrors: object };
    assert.equal(pcapinfo.packets, PACKETS);
    assert.deepEqual(pcapinfo.decodeErrors, { truncated: 0, malformed: 0 });
    for (
      const kind of ["ethernet", "vlan", "arp", "ipv4", "ipv6", "tcp", "udp", "icmp", "icmpv6"]
    ) {
      assert.ok((pcapinfo.protocols[kind] ?? 0) > 0, `the mix has no ${kind} packet`);
    }

    const hasC = await succeeds("gcc", ["--version"]) &&
      (await succeeds("sh", ["-c", "test -f /usr/include/pcap/pcap.h"]));
    await t.step({
      name: "the C program counts the same (skipped without gcc and libpcap-dev)",
      ignore: !hasC,
      fn: async () => {
        const program = `${dir}/decode_l4`;
        await run("gcc", ["-O2", "-o", program, "bench/c/decode_l4.c", "-lpcap"]);
        const c = JSON.parse(await run(program, [file])) as {
          packets: number;
          protocols: Record<string, number>;
        };
        assert.equal(c.packets, pcapinfo.packets);
        assert.deepEqual(c.protocols, only(pcapinfo.protocols, C_PROGRAM_KINDS));
      },
    });

    const hasTshark = await succeeds("tshark", ["--version"]);
    await t.step({
      name: "tshark counts the same (skipped without tshark)",
      ignore: !hasTshark,
      fn: async () => {
        const lines = (await run("tshark", ["-r", file, "-T", "fields", "-e", "frame.protocols"]))
          .split("\n").filter((line) => line !== "");
        assert.equal(lines.length, PACKETS);
        const counts: Record<string, number> = {};
        for (const line of lines) {
          const kinds = new Set(line.split(":").map((name) => TSHARK_KINDS[name]));
          for (const kind of kinds) if (kind !== undefined) counts[kind] = (counts[kind] ?? 0) + 1;
        }
        const kinds = [
          ...C_PROGRAM_KINDS,
          ...APPLICATION.filter((kind) => kind in pcapinfo.protocols),
        ];
        assert.deepEqual(only(counts, kinds), only(pcapinfo.protocols, kinds));
      },
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("writeResults() replaces one part of the results and keeps the others", async () => {
  const dir = await Deno.makeTempDir({ prefix: "wirekit_bench_" });
  try {
    const path = `${dir}/RESULTS.md`;
    await writeResults("print", "## Printing\n\nfirst", path);
    await writeResults("main", "# Benchmark results\n\nmain 1", path);
    await Deno.writeTextFile(
      path,
      replaceSection(await Deno.readTextFile(path), "Live capture", "live 1"),
    );
    await writeResults("print", "second", path);
    await writeResults("main", "# Benchmark results\n\nmain 2", path);
    const text = await Deno.readTextFile(path);
    assert.equal(
      text,
      "# Benchmark results\n\nmain 2\n\n## Live capture\n\nlive 1\n\n## Printing\n\nsecond\n",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "bench/print_compare.ts checks and times sniff.ts against tcpdump",
  ignore: !(await succeeds("hyperfine", ["--version"])) ||
    !(await succeeds("tcpdump", ["--version"])),
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "wirekit_bench_" });
    try {
      const file = `${dir}/small.pcap`;
      await makeCapture(file, { count: PACKETS });
      const args = ["run", "-A", "bench/print_compare.ts", "--file", file, "--runs", "2"];
      const table = await run(Deno.execPath(), [
        ...args,
        ...["--variants", "n,e", "--rounds", "2", "--no-results", "--bundle"],
      ]);
      for (
        const command of [
          "tcpdump -n",
          "sniff.ts -n",
          "sniff.ts -n (bundle)",
          "tcpdump -n -e",
          "sniff.ts -n -e",
          "sniff.ts -n -e (bundle)",
        ]
      ) {
        const escaped = command.replace(/[()]/g, "\\$&");
        assert.match(table, new RegExp(`^\\| \`${escaped}\` \\| [0-9.]+ m?s \\|`, "m"));
      }
      assert.match(
        table,
        /sniff\.ts \/ tcpdump: -n: wall [0-9.]+x, CPU [0-9.]+x; -n bundled: wall [0-9.]+x, CPU [0-9.]+x; -n -e: wall/,
      );
      for (const options of ["-n", "-n -e"]) {
        for (const form of ["sniff.ts", "sniff.ts \\(bundle\\)"]) {
          const row = `^\\| \`${options}\` \\| ${form} \\| 2 \\| [0-9.]+ m?s \\| [0-9.]+ m?s \\| ` +
            `[0-9.]+x \\| [0-9.]+x \\|`;
          assert.match(table, new RegExp(row, "m"));
        }
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("makeCapture() writes small packets of the same mix with the small shape", async () => {
  const dir = await Deno.makeTempDir({ prefix: "wirekit_bench_" });
  try {
    const summary = async (shape: "lan" | "small") => {
      const file = `${dir}/${shape}.pcap`;
      await makeCapture(file, { count: 5000, shape });
      return JSON.parse(
        await run(Deno.execPath(), ["run", "--allow-read", "scripts/pcapinfo.ts", "--json", file]),
      ) as { averagePacketSize: number; protocols: Record<string, number> };
    };
    const lan = await summary("lan");
    const small = await summary("small");
    assert.ok(lan.averagePacketSize > 600, `lan mean ${lan.averagePacketSize}`);
    assert.ok(
      small.averagePacketSize > 200 && small.averagePacketSize < 300,
      `small mean ${small.averagePacketSize}`,
    );
    assert.deepEqual(Object.keys(small.protocols).sort(), Object.keys(lan.protocols).sort());
    for (const kind of ["ipv4", "ipv6", "tcp", "udp", "arp"]) {
      const share = (info: { protocols: Record<string, number> }) => info.protocols[kind]! / 5000;
      assert.ok(Math.abs(share(small) - share(lan)) < 0.05, `share of ${kind} differs`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("bench/compare.ts prints its usage for --help, one line for a bad flag", () => {
  const help = runScript("bench/compare.ts", ["--help"], []);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: .*bench\/compare\.ts .*--shape lan\|small\|both/);
  const bad = runScript("bench/compare.ts", ["--bogus"], []);
  assert.equal(bad.code, 2);
  assert.deepEqual(bad.stderr.trim().split("\n").map((line) => line.split(" ")[0]), [
    "Unknown",
    "Usage:",
  ]);
});
