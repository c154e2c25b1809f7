/**
 * The command lines of the scripts: `-h`/`--help` on every script (one line per option),
 * one line and exit status 2 for a bad flag (no stack trace), and sniff.ts's `--version`,
 * `-y`, `-L` and `-G` file names.
 */

import assert from "node:assert/strict";
import { sniff } from "../scripts/sniff.ts";
import { dumpFileName, DumpWriter } from "../lib/pipeline/dump.ts";
import { CaptureBatch } from "../lib/formats/capture_reader.ts";
import { PcapReader } from "../lib/formats/pcap.ts";
import { hasCommand } from "./_shared.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const SCRIPTS = [
  "arp_sniffer",
  "arping",
  "encrypt",
  "flows",
  "follow",
  "hash",
  "ip_sniffer",
  "pcapinfo",
  "ping",
  "sniff",
  "tcp_sniffer",
];
const decoder = new TextDecoder();

/** Runs a script with no permission at all: help and usage errors come before the checks. */
async function script(name: string, args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-prompt", `scripts/${name}.ts`, ...args],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

async function inProcess(args: string[]) {
  let stdout = "";
  const errors: string[] = [];
  const status = await sniff(args, {
    stdout: (bytes) => {
      stdout += decoder.decode(bytes);
    },
    stderr: (text) => {
      errors.push(text);
    },
  });
  return { status, stdout, stderr: errors.join("\n") };
}

Deno.test({
  name: "every script prints its help with -h and --help, one line per option",
  permissions: { read: true, run: true },
  async fn() {
    for (const name of SCRIPTS) {
      for (const flag of ["-h", "--help"]) {
        const { code, stdout, stderr } = await script(name, [flag]);
        assert.equal(code, 0, `${name} ${flag}: ${stderr}`);
        const lines = stdout.trimEnd().split("\n");
        assert.match(lines[0]!, /^[Uu]sage: deno run .*scripts\//, name);
        assert.equal(lines[1], "Options:", name);
        assert.ok(lines.slice(2).every((line) => /^ {2}-\S.* {2,}\S/.test(line)), name);
        assert.ok(lines.some((line) => /^ {2}-h, --help /.test(line)), name);
      }
    }
  },
});

Deno.test({
  name: "every script reports an unknown flag in one line with its usage, exit status 2",
  permissions: { read: true, run: true },
  async fn() {
    for (const name of SCRIPTS) {
      const { code, stdout, stderr } = await script(name, ["--bogus"]);
      assert.equal(code, 2, name);
      assert.equal(stdout, "", name);
      const lines = stderr.trimEnd().split("\n");
      assert.equal(lines.length, 2, `${name}: ${stderr}`);
      assert.match(lines[0]!, /Cannot parse arguments: Unknown option '--bogus'$/, name);
      assert.match(lines[1]!, /^[Uu]sage: /, name);
    }
    const pcapinfo = await script("pcapinfo", ["-c"]);
    assert.equal(pcapinfo.code, 2);
    assert.doesNotMatch(pcapinfo.stderr, /\bat /);
  },
});

Deno.test({
  name: "flows.ts -p with an unknown protocol name fails with one line, exit status 2",
  permissions: { read: true, run: true },
  async fn() {
    const { code, stderr } = await script("flows", ["-p", "nosuch", "testdata/namespaces.pcap"]);
    assert.equal(code, 2);
    assert.equal(
      stderr.trimEnd(),
      "Unknown protocol name for -p: nosuch (a name such as tcp, udp, icmp, or 0 to 255)",
    );
  },
});

Deno.test({
  name: "sniff.ts --version prints wirekit's version and libpcap's",
  permissions: { read: true, ffi: true, env: true },
  async fn() {
    const { status, stdout } = await inProcess(["--version"]);
    assert.equal(status, 0);
    const [ours, libpcap] = stdout.trimEnd().split("\n");
    const { version } = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`));
    assert.equal(ours, `sniff.ts (wirekit) version ${version}`);
    assert.match(libpcap!, /^libpcap version \d+\.\d+/);
  },
});

Deno.test({
  name: "sniff.ts -y rejects a link type libpcap does not know, as tcpdump does",
  permissions: { read: true, ffi: true, env: true },
  async fn() {
    const { status, stderr } = await inProcess(["-i", "lo", "-y", "NOSUCHTYPE"]);
    assert.equal(status, 1);
    assert.equal(stderr, "Cannot capture: invalid data link type NOSUCHTYPE");
  },
});

Deno.test({
  name: "sniff.ts -L lists the link types of an interface as tcpdump -L does",
  ignore: Deno.uid() !== 0,
  permissions: { read: true, ffi: true, env: true, run: true, sys: ["uid"] },
  async fn() {
    const ours = await inProcess(["-L", "-i", "lo"]);
    assert.equal(ours.status, 0, ours.stderr);
    // tcpdump 4.99 prints the list on stderr.
    assert.equal(ours.stdout, "");
    assert.equal(
      ours.stderr,
      "Data link types for lo (use option -y to set):\n  EN10MB (Ethernet)",
    );
    if (!(await hasCommand("tcpdump"))) {
      console.log("skipped: tcpdump is not installed");
      return;
    }
    const theirs = await new Deno.Command("tcpdump", { args: ["-L", "-i", "lo"], stderr: "piped" })
      .output();
    assert.equal(`${ours.stderr}\n`, decoder.decode(theirs.stderr));
  },
});

Deno.test({
  name: "DumpWriter names -G files by strftime and stops after -W files, as tcpdump does",
  permissions: { read: true, write: true, env: true },
  async fn() {
    assert.equal(
      dumpFileName("cap-%Y%m%d-%H%M%S.pcap", 0, 0, 0).length,
      "cap-19700101-000000.pcap".length,
    );
    assert.equal(dumpFileName("%s.pcap", 1, 2, 1700000000), "1700000000.pcap01");
    const dir = await Deno.makeTempDir();
    try {
      let now = 1_700_000_000;
      const dump = new DumpWriter({
        path: `${dir}/%s.pcap`,
        rotateSeconds: 10,
        fileCount: 2,
        now: () => now,
      });
      const packet = { timestamp: 0n, data: new Uint8Array(60), originalLength: 60, linkType: 1 };
      assert.equal(await dump.write(packet, 1), true);
      now += 10;
      assert.equal(await dump.write(packet, 2), true);
      now += 10;
      assert.equal(await dump.write(packet, 3), false);
      assert.equal(dump.limitReached, true);
      await dump.close();
      const names = (await Array.fromAsync(Deno.readDir(dir))).map((entry) => entry.name).sort();
      assert.deepEqual(names, ["1700000000.pcap", "1700000010.pcap"]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "DumpWriter.writeBatch() writes a batch, and rejects a second link type after the packets before it",
  permissions: { read: true, write: true },
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const batch = new CaptureBatch(4);
      batch.buffer = new Uint8Array(180).map((_, i) => i);
      for (let i = 0; i < 3; i++) {
        batch.offsets[i] = i * 60;
        batch.capturedLengths[i] = 60;
        batch.originalLengths[i] = 60;
        batch.linkTypes[i] = i < 2 ? 1 : 101;
        batch.seconds[i] = 1_700_000_000 + i;
        batch.nanoseconds[i] = 5000;
      }
      batch.count = 3;
      const dump = new DumpWriter({ path: `${dir}/out.pcap` });
      assert.equal(await dump.writeBatch(batch, 0, 2, 0), 2);
      await assert.rejects(
        dump.writeBatch(batch, 1, 3, 10),
        new TypeError(
          `Cannot write ${dir}/out.pcap: a pcap file holds one link type, 1, and packet 12 has 101`,
        ),
      );
      await dump.close();
      await using reader = await PcapReader.open((await Deno.open(`${dir}/out.pcap`)).readable);
      const records = await Array.fromAsync(reader);
      assert.deepEqual(
        records.map((record) => [record.timestamp, record.data[0]]),
        [[1_700_000_000_000_005_000n, 0], [1_700_000_001_000_005_000n, 60], [
          1_700_000_001_000_005_000n,
          60,
        ]],
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
