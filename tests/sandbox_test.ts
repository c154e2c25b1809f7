/**
 * `SandboxPrinter` and `sniff.ts --sandbox`: the parsing process has no permission and
 * can open no file and no socket, and what it prints is what sniff prints without it, for
 * files (testdata, and the shared corpus when present) and for a live capture on `lo`
 * (as root with libpcap).
 *
 * @module
 */

import assert from "node:assert/strict";
import { sandboxArgs, SandboxError, SandboxPrinter } from "../lib/pipeline/sandbox.ts";
import { sniff } from "../scripts/sniff.ts";
import { pool, sharedCaptures, testdataDir } from "./_shared.ts";
import { libpcapSkipReason, reportSkip } from "./_netns.ts";
import { start } from "./_background.ts";

const SCRIPT = new URL("../scripts/sniff.ts", import.meta.url).pathname;
const PROBE = new URL("./_sandbox_probe.ts", import.meta.url);
const deno = Deno.execPath();

/** An ARP request in an Ethernet frame. */
function arpFrame(): Uint8Array {
  const frame = new Uint8Array(60);
  frame.set([0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0, 1], 12);
  frame.set([10, 0, 0, 1], 28);
  frame.set([10, 0, 0, 2], 38);
  return frame;
}

/** Collects what a sandbox prints. */
function collector(): { write(bytes: Uint8Array): void; text(): string } {
  const chunks: Uint8Array[] = [];
  return {
    write: (bytes) => void chunks.push(bytes.slice()),
    text: () => chunks.map((chunk) => new TextDecoder().decode(chunk)).join(""),
  };
}

/**
 * The arguments of a sandboxed process (`/proc/PID/cmdline`), once it has run `deno run`:
 * until its exec, a forked process still shows its parent's command line.
 */
async function commandLine(pid: number): Promise<string[]> {
  for (let tries = 0;; tries++) {
    // Read with cat: Deno lets only --allow-all read /proc.
    const output = await new Deno.Command("cat", { args: [`/proc/${pid}/cmdline`] }).output();
    const text = new TextDecoder().decode(output.stdout);
    const args = text.split("\0").filter((arg) => arg !== "");
    if (args[1] === "run" || tries === 100) return args;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

Deno.test("sandboxArgs() grants no permission and denies every one", () => {
  const args = sandboxArgs({ kind: "print", printer: { verbose: 1 } });
  assert.equal(args[0], "run");
  assert.deepEqual(args.filter((arg) => arg.startsWith("--allow")), []);
  for (const flag of ["--no-prompt", "--no-config", "--no-lock", "--no-remote", "--no-npm"]) {
    assert.ok(args.includes(flag), flag);
  }
  for (const name of ["read", "write", "net", "env", "run", "ffi", "sys", "import"]) {
    assert.ok(args.includes(`--deny-${name}`), name);
  }
  assert.match(args.at(-2)!, /^file:.*\/lib\/pipeline\/_sandbox_child\.ts$/);
  assert.deepEqual(JSON.parse(args.at(-1)!), { kind: "print", printer: { verbose: 1 } });
  assert.throws(
    () => sandboxArgs({ kind: "json" }, new URL("https://example.com/child.ts")),
    SandboxError,
  );
});

Deno.test("SandboxPrinter runs a parsing process that can open no file and no socket", async () => {
  const output = collector();
  const sandbox = new SandboxPrinter({
    output: { kind: "print", printer: { timestamps: "unix" } },
    write: output.write,
    module: PROBE,
  });
  if (Deno.build.os === "linux") {
    const args = await commandLine(sandbox.pid);
    assert.equal(args[0], deno);
    assert.deepEqual(args.filter((arg) => arg.startsWith("--allow")), []);
  }
  await sandbox.write({
    timestamp: 1_500_000_000n,
    data: arpFrame(),
    originalLength: 60,
    linkType: 1,
  });
  await sandbox.close();
  const [report, ...printed] = output.text().split("\n");
  const { permissions, attempts } = JSON.parse(report!);
  assert.deepEqual(permissions, {
    read: "denied",
    write: "denied",
    net: "denied",
    env: "denied",
    run: "denied",
    ffi: "denied",
    sys: "denied",
    import: "denied",
  });
  for (const [what, result] of Object.entries(attempts)) {
    assert.ok(
      result === "NotCapable" || result === "PermissionDenied" || result === "denied",
      `${what}: ${result}`,
    );
  }
  assert.equal(Object.keys(attempts).length, 10);
  assert.deepEqual(printed, [
    "1.500000 ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 46",
    "",
  ]);
});

Deno.test("SandboxPrinter starts wirekit's printer with no --allow flag", async () => {
  const output = collector();
  await using sandbox = new SandboxPrinter({ output: { kind: "json" }, write: output.write });
  if (Deno.build.os === "linux") {
    const args = await commandLine(sandbox.pid);
    assert.deepEqual(args.slice(1), sandboxArgs({ kind: "json" }));
  }
  // Interface 1 is Ethernet, then raw IPv4: a second pcapng section keeps both right.
  const ip = new Uint8Array([0x45, 0, 0, 20, 0, 0, 0, 0, 64, 59, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2]);
  await sandbox.write({
    timestamp: 1n,
    data: arpFrame(),
    originalLength: 60,
    linkType: 1,
    interfaceId: 1,
  });
  await sandbox.write({
    timestamp: 2n,
    data: ip,
    originalLength: 20,
    linkType: 228,
    interfaceId: 1,
  });
  await sandbox.close();
  const records = output.text().trim().split("\n").map((line) => JSON.parse(line));
  assert.deepEqual(
    records.map((r) => [r.timestamp, r.interfaceId, r.linkType, r.capturedLength]),
    [["1", 1, 1, 60], ["2", 1, 228, 20]],
  );
  assert.equal(records[0].arp.senderProtocolAddress, "10.0.0.1");
  assert.equal(records[1].ipv4.destination, "10.0.0.2");
});

/** sniff's stdout, stderr and status for a command line, in this process. */
async function sniffOutput(args: string[]): Promise<{ status: number; out: string; err: string }> {
  const out = collector();
  const err: string[] = [];
  const status = await sniff(args, { stdout: out.write, stderr: (line) => void err.push(line) });
  return { status, out: out.text(), err: err.join("\n") };
}

const OPTION_SETS = [
  ["-n"],
  ["-nv", "-e"],
  ["-vv", "-X"],
  ["-tttt", "-x", "-#"],
  ["-ttt", "-A", "-q"],
  ["-ttttt", "-S", "-XX", "--nano"],
  ["--json"],
];

async function assertSameOutput(file: string, options: string[]): Promise<void> {
  const plain = await sniffOutput([...options, "-r", file]);
  const sandboxed = await sniffOutput([...options, "--sandbox", "-r", file]);
  assert.equal(sandboxed.status, plain.status, `${file} ${options.join(" ")}`);
  assert.equal(sandboxed.err, plain.err, `${file} ${options.join(" ")}`);
  assert.equal(sandboxed.out, plain.out, `${file} ${options.join(" ")}`);
}

const TESTDATA = [
  "namespaces.pcap",
  "namespaces.pcapng",
  "namespaces_be.pcapng",
  "namespaces_be_nano.pcap",
  "lo_ping_nano.pcap",
  "ppi_80211.pcap",
  "wlan_frames.pcap",
  "frame_relay_lmi.pcap",
  "crafted/sctp_chunks.pcap",
  "crafted/pgm_crafted.pcap",
  // Records whose headers tcpdump rejects: the pipe to the sandbox must keep them as they are.
  "crafted/invalid_headers.pcap",
  // Invalid timestamps, which tcpdump prints as the file holds them: they go over as they are.
  "crafted/invalid_timestamps_micro.pcap",
  "crafted/invalid_timestamps_nano.pcap",
  "crafted/unsupported_link_type.pcap",
].map((name) => new URL(name, testdataDir).pathname);

Deno.test("sniff() --sandbox prints what it prints without, for testdata and print options", async () => {
  const cases = TESTDATA.flatMap((file) => OPTION_SETS.map((options) => ({ file, options })));
  let compared = 0;
  await pool(cases, 4, async ({ file, options }) => {
    await assertSameOutput(file, options);
    compared++;
  });
  assert.equal(compared, TESTDATA.length * OPTION_SETS.length);
});

Deno.test("sniff() --sandbox prints what it prints without, for the shared corpus", async () => {
  const captures = sharedCaptures();
  if (captures === undefined) {
    console.log(
      "tests/sandbox_test.ts: /work/shared/captures is absent, corpus comparison skipped",
    );
    return;
  }
  const files: string[] = [];
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(dir)) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory) await walk(path);
      else if (/\.(pcap|pcapng|cap)$/.test(entry.name)) files.push(path);
    }
  };
  await walk(captures.pathname.replace(/\/$/, ""));
  files.sort();
  // Every eighth file, printed with -nvv -e and as JSON: a spread of link types, protocols
  // and timestamp resolutions.
  const chosen = files.filter((_, i) => i % 8 === 0);
  await pool(chosen, 4, async (file) => {
    for (const options of [["-nvv", "-e"], ["--json"]]) await assertSameOutput(file, options);
  });
  assert.ok(chosen.length >= 10, `only ${chosen.length} corpus files`);
});

Deno.test("sniff.ts --sandbox -r prints to its inherited stdout what sniff.ts prints", async () => {
  const file = new URL("namespaces.pcapng", testdataDir).pathname;
  const runSniff = async (extra: string[]) => {
    const output = await new Deno.Command(deno, {
      args: ["run", "--allow-read", `--allow-run=${deno}`, SCRIPT, "-nv", ...extra, "-r", file],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const decoder = new TextDecoder();
    return {
      code: output.code,
      out: decoder.decode(output.stdout),
      err: decoder.decode(output.stderr),
    };
  };
  const [plain, sandboxed] = await Promise.all([runSniff([]), runSniff(["--sandbox"])]);
  assert.equal(plain.code, 0, plain.err);
  assert.equal(sandboxed.code, 0, sandboxed.err);
  assert.ok(plain.out.split("\n").length > 40);
  assert.equal(sandboxed.out, plain.out);
  assert.equal(sandboxed.err, plain.err);
});

Deno.test("sniff.ts --sandbox without --allow-run names the flag", async () => {
  const file = new URL("namespaces.pcap", testdataDir).pathname;
  const output = await new Deno.Command(deno, {
    args: ["run", "--allow-read", SCRIPT, "--sandbox", "-r", file],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(output.code, 2);
  assert.match(
    new TextDecoder().decode(output.stderr),
    /^Cannot run scripts\/sniff\.ts: missing permission --allow-run\n/,
  );
});

const liveSkip = reportSkip(
  "tests/sandbox_test.ts",
  Deno.build.os !== "linux"
    ? "live capture tests run on Linux only"
    : Deno.uid() !== 0
    ? "live capture tests need root (CI runs them as root)"
    : libpcapSkipReason(),
);

Deno.test({
  name: "sniff.ts --sandbox -i lo prints what sniff.ts -i lo prints",
  ignore: liveSkip,
  async fn() {
    const options = ["-i", "lo", "-c", "4", "-t", "-vv", "-e", "-X", "icmp"];
    const flags = ["--allow-ffi", `--allow-run=${deno}`];
    const plain = start(deno, ["run", ...flags, SCRIPT, ...options]);
    const sandboxed = start(deno, ["run", ...flags, SCRIPT, "--sandbox", ...options]);
    await Promise.all([plain, sandboxed].map((p) => p.stderrLine("listening on")));
    const ping = await new Deno.Command("ping", {
      args: ["-c", "2", "-i", "0.2", "127.0.0.1"],
      stdout: "null",
    }).output();
    assert.equal(ping.code, 0);
    const [a, b] = await Promise.all([plain.done(), sandboxed.done()]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    assert.equal(a.stdout.split("\n").filter((l) => l.includes("ICMP echo")).length, 4);
    assert.equal(b.stdout, a.stdout);
    assert.match(b.stderr, /^tcpdump: listening on lo, link-type EN10MB \(Ethernet\)/);
    assert.match(b.stderr, /\n4 packets captured\n/);
  },
});
