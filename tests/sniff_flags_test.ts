/**
 * sniff.ts's tcpdump flags beyond printing: `-r -`, `-w -`, compressed input, `-d`,
 * `-F`, `-C`/`-W`, `--count`, `-L`, `--version`, `--help`, and its usage errors; compared
 * with the installed tcpdump where it runs (skipped with a message when it is missing).
 */

import assert from "node:assert/strict";
import { sniff } from "../scripts/sniff.ts";
import { pcapBytes } from "../lib/formats/pcap.ts";
import { hasCommand, testdataDir } from "./_shared.ts";

const CAPTURE = new URL("namespaces.pcap", testdataDir).pathname;
const PCAPNG = new URL("namespaces.pcapng", testdataDir).pathname;
const haveTcpdump = await hasCommand("tcpdump");
const decoder = new TextDecoder();

interface Run {
  status: number;
  stdout: Uint8Array;
  text: string;
  stderr: string;
}

/** Runs sniff in this process, with an optional standard input. */
async function run(args: string[], stdin?: Uint8Array): Promise<Run> {
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  const errors: string[] = [];
  const status = await sniff(args, {
    stdout: (bytes) => {
      chunks.push(bytes.slice());
    },
    stderr: (text) => {
      errors.push(text);
    },
    ...(stdin === undefined ? {} : { stdin: ReadableStream.from([stdin]) }),
  });
  const stdout = new Uint8Array(await new Blob(chunks).arrayBuffer());
  return { status, stdout, text: decoder.decode(stdout), stderr: errors.join("\n") };
}

/**
 * Runs a command, `stdin` written to it in pieces as a pipe may deliver them (the first
 * byte alone first), or none.
 */
async function runCommand(
  command: string,
  args: string[],
  stdin: Uint8Array | undefined,
  options: { env: Record<string, string>; cwd?: string },
): Promise<Run> {
  const child = new Deno.Command(command, {
    args,
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
    ...options,
  }).spawn();
  if (stdin !== undefined) {
    const writer = child.stdin.getWriter();
    const cuts = [0, 1, 6, 4096, stdin.length].map((at) => Math.min(at, stdin.length));
    for (let i = 0; i + 1 < cuts.length; i++) {
      if (cuts[i + 1]! > cuts[i]!) await writer.write(stdin.subarray(cuts[i], cuts[i + 1]));
    }
    await writer.close();
  }
  const out = await child.output();
  return {
    status: out.code,
    stdout: out.stdout,
    text: decoder.decode(out.stdout),
    stderr: decoder.decode(out.stderr),
  };
}

/** Runs the installed tcpdump (as root it would drop to user tcpdump: `-Z root` keeps it). */
async function tcpdump(args: string[], stdin?: Uint8Array, cwd?: string): Promise<Run> {
  const root = Deno.uid() === 0 ? ["-Z", "root"] : [];
  const env = { TZ: "UTC" };
  const out = await runCommand(
    "tcpdump",
    [...root, ...args],
    stdin,
    cwd === undefined ? { env } : { env, cwd },
  );
  return { ...out, stderr: out.stderr.trimEnd() };
}

/** The bytes, gzip-compressed. */
async function gzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = ReadableStream.from([bytes]).pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function skipWithout(command: string, present: boolean): boolean {
  if (!present) console.log(`skipped: ${command} is not installed`);
  return !present;
}

Deno.test({
  name: "sniff.ts -w - writes a pcap to stdout, byte for byte as tcpdump -w - does",

  permissions: { read: true, env: true, run: true, sys: ["uid"] },
  async fn() {
    const ours = await run(["-w", "-", "-c", "5", "-r", CAPTURE]);
    assert.equal(ours.status, 0);
    assert.deepEqual([...ours.stdout.subarray(0, 4)], [0xd4, 0xc3, 0xb2, 0xa1]);
    const back = await run(["-n", "-r", "-"], ours.stdout);
    assert.equal(back.text, (await run(["-n", "-c", "5", "-r", CAPTURE])).text);
    if (skipWithout("tcpdump", haveTcpdump)) return;
    const theirs = await tcpdump(["-w", "-", "-c", "5", "-r", CAPTURE]);
    assert.deepEqual(ours.stdout, theirs.stdout);
    // Records whose headers tcpdump rejects when it prints them are written back as read.
    const invalid = new URL("crafted/invalid_headers.pcap", testdataDir).pathname;
    const copied = await run(["-w", "-", "-r", invalid]);
    assert.deepEqual(copied.stdout, (await tcpdump(["-w", "-", "-r", invalid])).stdout);
  },
});

Deno.test({
  name: "sniff.ts -r - reads pcap and pcapng from stdin, as tcpdump -r - prints them",
  permissions: { read: true, env: true, run: true, sys: ["uid"] },
  async fn() {
    for (const file of [CAPTURE, PCAPNG]) {
      const bytes = await Deno.readFile(file);
      const ours = await run(["-n", "-r", "-"], bytes);
      assert.equal(ours.status, 0, ours.stderr);
      assert.match(ours.stderr, /^reading from file -, link-type EN10MB \(Ethernet\)/);
      if (skipWithout("tcpdump", haveTcpdump)) continue;
      const theirs = await tcpdump(["-n", "-r", "-"], bytes);
      assert.equal(ours.text, theirs.text);
      assert.equal(ours.stderr, theirs.stderr);
    }
  },
});

Deno.test({
  name: "sniff.ts -r - reads the process's standard input (pipe or file, plain or gzip), as a file",
  permissions: { read: true, run: true },
  async fn() {
    const script = new URL("../scripts/sniff.ts", import.meta.url).pathname;
    const sniffProcess = (args: string[], stdin: Uint8Array) =>
      runCommand(Deno.execPath(), ["run", "--quiet", "--allow-read", script, ...args], stdin, {
        env: { TZ: "UTC", NO_COLOR: "1" },
      });
    for (const file of [CAPTURE, PCAPNG]) {
      const bytes = await Deno.readFile(file);
      const expected = await run(["-n", "-r", file]);
      const ours = await sniffProcess(["-n", "-r", "-"], bytes);
      assert.equal(ours.status, 0, ours.stderr);
      assert.equal(ours.text, expected.text, file);
      assert.equal(ours.stderr.trimEnd(), expected.stderr.replace(file, "-"));
    }
    // A regular file redirected to stdin (read synchronously, as a path is).
    for (const file of [CAPTURE, PCAPNG]) {
      const redirected = await runCommand(
        "sh",
        [
          "-c",
          'exec "$0" run --quiet --allow-read "$1" -n -r - < "$2"',
          Deno.execPath(),
          script,
          file,
        ],
        undefined,
        { env: { TZ: "UTC", NO_COLOR: "1" } },
      );
      assert.equal(redirected.status, 0, redirected.stderr);
      assert.equal(redirected.text, (await run(["-n", "-r", file])).text, file);
    }
    const plain = await Deno.readFile(CAPTURE);
    const gzipped = await gzip(plain);
    const fromGzip = await sniffProcess(["-n", "-r", "-"], gzipped);
    assert.equal(fromGzip.text, (await run(["-n", "-r", CAPTURE])).text);
    // Fewer bytes than a magic number: one line naming what is missing.
    const short = await sniffProcess(["-n", "-r", "-"], plain.subarray(0, 3));
    assert.equal(short.status, 1);
    assert.match(short.stderr, /^Cannot read -: .*4 bytes required.*ends after 3\n$/);
  },
});

Deno.test({
  name: "sniff.ts -r reads gzip and xz compressed captures, told by their magic bytes",
  permissions: { read: true, write: true, env: true, run: true, sys: ["uid"] },
  async fn() {
    const plain = await run(["-n", "-r", CAPTURE]);
    const gzipped = await gzip(await Deno.readFile(CAPTURE));
    const dir = await Deno.makeTempDir();
    try {
      const path = `${dir}/capture.pcap.gz`;
      await Deno.writeFile(path, gzipped);
      const fromFile = await run(["-n", "-r", path]);
      assert.equal(fromFile.text, plain.text);
      assert.equal(fromFile.stderr, plain.stderr.replace(CAPTURE, path));
      assert.equal((await run(["-n", "-r", "-"], gzipped)).text, plain.text);
      if (skipWithout("xz", await hasCommand("xz"))) return;
      const xz = await new Deno.Command("xz", { args: ["-kc", PCAPNG], stdout: "piped" })
        .output();
      await Deno.writeFile(`${dir}/capture.pcapng.xz`, xz.stdout);
      const fromXz = await run(["-n", "-r", `${dir}/capture.pcapng.xz`]);
      assert.equal(fromXz.status, 0, fromXz.stderr);
      assert.equal(fromXz.text, (await run(["-n", "-r", PCAPNG])).text);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "sniff.ts -d, -dd and -ddd print the compiled filter as tcpdump does",
  permissions: { read: true, env: true, ffi: true, run: true, sys: ["uid"] },
  async fn() {
    for (const d of ["-d", "-dd", "-ddd"]) {
      const ours = await run([d, "-r", CAPTURE, "tcp", "port", "80"]);
      assert.equal(ours.status, 0, ours.stderr);
      if (d === "-ddd") assert.match(ours.text, /^\d+\n\d+ \d+ \d+ \d+\n/);
      const ethernet = await run([d, "udp"]);
      assert.equal(ethernet.stderr, "Warning: assuming Ethernet");
      if (skipWithout("tcpdump", haveTcpdump)) continue;
      const theirs = await tcpdump([d, "-r", CAPTURE, "tcp", "port", "80"]);
      assert.equal(ours.text, theirs.text);
      assert.equal(ours.stderr, theirs.stderr);
      assert.equal(ethernet.text, (await tcpdump([d, "udp"])).text);
    }
  },
});

Deno.test({
  name: "sniff.ts -F reads the filter from a file, # comments and all, as tcpdump does",
  permissions: { read: true, write: true, env: true, ffi: true, run: true, sys: ["uid"] },
  async fn() {
    const file = await Deno.makeTempFile();
    try {
      await Deno.writeTextFile(file, "# only DNS\nudp # and not tcp\n");
      const ours = await run(["-n", "-F", file, "-r", CAPTURE]);
      assert.equal(ours.status, 0, ours.stderr);
      assert.equal(ours.text, (await run(["-n", "-r", CAPTURE, "udp"])).text);
      if (skipWithout("tcpdump", haveTcpdump)) return;
      assert.equal(ours.text, (await tcpdump(["-n", "-F", file, "-r", CAPTURE])).text);
    } finally {
      await Deno.remove(file);
    }
  },
});

Deno.test({
  name: "sniff.ts --count prints only the number of packets, as tcpdump --count does",
  permissions: { read: true, env: true, ffi: true, run: true, sys: ["uid"] },
  async fn() {
    const all = await run(["--count", "-r", CAPTURE]);
    assert.match(all.text, /^\d+ packets\n$/);
    const udp = await run(["--count", "-r", CAPTURE, "udp"]);
    if (skipWithout("tcpdump", haveTcpdump)) return;
    assert.equal(all.text, (await tcpdump(["--count", "-r", CAPTURE])).text);
    assert.equal(udp.text, (await tcpdump(["--count", "-r", CAPTURE, "udp"])).text);
  },
});

Deno.test({
  name: "sniff.ts -C and -W rotate -w files with tcpdump's names and bytes",
  permissions: { read: true, write: true, env: true, run: true, sys: ["uid"] },
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const packets = Array.from({ length: 2500 }, (_, i) => {
        const data = new Uint8Array(1000);
        data.set([0x08, 0x00], 12);
        data[20] = i & 0xff;
        return { timestamp: BigInt(i) * 1_000_000n, data };
      });
      const input = `${dir}/in.pcap`;
      await Deno.writeFile(input, pcapBytes(packets));
      await Deno.mkdir(`${dir}/ours`);
      await Deno.mkdir(`${dir}/theirs`);
      const cases = [["-w", "out.pcap", "-C", "1"], ["-w", "ring.pcap", "-C", "1", "-W", "2"]];
      for (const args of cases) {
        const status = await run([
          "-r",
          input,
          ...args.map((a) => a.endsWith("pcap") ? `${dir}/ours/${a}` : a),
        ]);
        assert.equal(status.status, 0, status.stderr);
      }
      const names = async (folder: string) =>
        (await Array.fromAsync(Deno.readDir(folder))).map((entry) => entry.name).sort();
      assert.deepEqual(await names(`${dir}/ours`), [
        "out.pcap",
        "out.pcap1",
        "out.pcap2",
        "ring.pcap0",
        "ring.pcap1",
      ]);
      if (skipWithout("tcpdump", haveTcpdump)) return;
      for (const args of cases) await tcpdump(["-r", input, ...args], undefined, `${dir}/theirs`);
      assert.deepEqual(await names(`${dir}/theirs`), await names(`${dir}/ours`));
      for (const name of await names(`${dir}/ours`)) {
        assert.deepEqual(
          await Deno.readFile(`${dir}/ours/${name}`),
          await Deno.readFile(`${dir}/theirs/${name}`),
          name,
        );
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "sniff.ts -A prints a carriage return as tcpdump's ascii_print() does",
  permissions: { read: true, write: true, env: true, run: true, sys: ["uid"] },
  async fn() {
    // A CR prints as a dot unless a newline follows it or it is one of the last two bytes.
    const payloads = ["|ab\r", "|ab\rc", "|ab\rcd", "|\r\r\r"];
    const header = [0x45, 0, 0, 0, 0, 1, 0, 0, 64, 17, 0, 0, 192, 0, 2, 1, 192, 0, 2, 2];
    const packets = payloads.map((text, i) => {
      const payload = new TextEncoder().encode(text);
      const udp = [0x9c, 0x40, 0x27, 0x0f, 0, 8 + payload.length, 0, 0];
      const ip = [...header];
      ip[3] = 28 + payload.length;
      return {
        timestamp: BigInt(i + 1) * 1_000_000_000n,
        data: new Uint8Array([...ip, ...udp, ...payload]),
      };
    });
    const file = await Deno.makeTempFile({ suffix: ".pcap" });
    try {
      await Deno.writeFile(file, pcapBytes(packets, { linkType: 101 }));
      const mine = await run(["-n", "-A", "-r", file]);
      assert.equal(mine.status, 0, mine.stderr);
      // Each packet's text after its payload's "|", up to the next packet's timestamp.
      const texts = mine.text.split(/^00:00:0\d\.000000 /m).slice(1).map((block) =>
        block.slice(block.lastIndexOf("|") + 1).trimEnd()
      );
      assert.deepEqual(texts, ["ab", "abc", "ab.cd", "."]);
      if (skipWithout("tcpdump", haveTcpdump)) return;
      assert.equal(mine.text, (await tcpdump(["-n", "-A", "-r", file])).text);
    } finally {
      await Deno.remove(file);
    }
  },
});

Deno.test({
  name: "sniff.ts -A and -AA print each packet in ASCII as tcpdump does",
  permissions: { read: true, env: true, run: true, sys: ["uid"] },
  async fn() {
    const ours = await run(["-n", "-A", "-c", "3", "-r", CAPTURE]);
    assert.equal(ours.status, 0, ours.stderr);
    // Each packet is followed by its bytes from the network header on, dots for control bytes.
    assert.ok(ours.text.split("\n").length > 6);
    assert.match(ours.text, /\n[^\n]*E[^\n]*\.\.\./);
    if (skipWithout("tcpdump", haveTcpdump)) return;
    for (const file of [CAPTURE, PCAPNG]) {
      for (const flag of ["-A", "-AA"]) {
        const mine = await run(["-n", flag, "-r", file]);
        const theirs = await tcpdump(["-n", flag, "-r", file]);
        assert.equal(mine.text, theirs.text, `${flag} ${file}`);
      }
    }
  },
});
