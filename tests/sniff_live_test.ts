/**
 * `scripts/sniff.ts` against the real tcpdump: live capture on `lo` (as a subprocess, while
 * the test sends UDP datagrams), `-D`, errors, Ctrl-C, and `-r FILE EXPRESSION` through
 * libpcap. They run as root with libpcap and tcpdump installed, and skip with a message
 * otherwise; the file test needs only libpcap and tcpdump, the permission messages neither.
 *
 * @module
 */

import assert from "node:assert/strict";
import dgram from "node:dgram";
import { sniff } from "../scripts/sniff.ts";
import { hasCommand, testdataDir } from "./_shared.ts";
import { libpcapSkipReason, reportSkip, run } from "./_netns.ts";
import { type Background, start } from "./_background.ts";

const SCRIPT = new URL("../scripts/sniff.ts", import.meta.url).pathname;
const CAPTURE = new URL("namespaces.pcap", testdataDir).pathname;
const deno = Deno.execPath();

/** Why the tests that read files through libpcap cannot run, if they cannot. */
async function libpcapReason(): Promise<string | undefined> {
  const libpcap = libpcapSkipReason();
  if (libpcap !== undefined) return libpcap;
  if (!(await hasCommand("tcpdump"))) return "tcpdump is not installed (apt-get install tcpdump)";
  return undefined;
}

/** Why the live capture tests cannot run, if they cannot. */
async function liveReason(): Promise<string | undefined> {
  if (Deno.build.os !== "linux") return "live capture tests run on Linux only";
  if (Deno.uid() !== 0) return "live capture tests need root (CI runs them as root)";
  return await libpcapReason();
}

const skip = reportSkip("tests/sniff_live_test.ts", await liveReason());
const skipFiles = skip && reportSkip("tests/sniff_live_test.ts (files)", await libpcapReason());

/** `deno run FLAGS scripts/sniff.ts ARGS` in the background. */
function startSniff(flags: readonly string[], args: readonly string[]): Background {
  return start(deno, ["run", ...flags, SCRIPT, ...args]);
}

/** A UDP socket bound to 127.0.0.1 (so that datagrams to it draw no ICMP error). */
async function udpReceiver(): Promise<{ port: number; close(): void }> {
  const socket = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  socket.on("message", () => {});
  return { port: socket.address().port, close: () => socket.close() };
}

async function sendUdp(port: number, payloads: readonly string[]): Promise<void> {
  const socket = dgram.createSocket("udp4");
  try {
    for (const payload of payloads) {
      await new Promise<void>((resolve, reject) =>
        socket.send(payload, port, "127.0.0.1", (error) => error ? reject(error) : resolve())
      );
    }
  } finally {
    socket.close();
  }
}

const lines = (text: string): string[] => text.split("\n").filter((line) => line !== "");

// Through libpcap, and through wirekit's own AF_PACKET ring (--ring).
for (const capturer of [[], ["--ring"]]) {
  Deno.test({
    name: `sniff.ts ${
      [...capturer, ""].join(" ")
    }-i lo prints and writes UDP packets as tcpdump does`,
    ignore: skip,
    async fn() {
      const receiver = await udpReceiver();
      const dir = await Deno.makeTempDir();
      try {
        const port = receiver.port;
        const filter = ["udp", "port", String(port)];
        const ref = `${dir}/tcpdump.pcap`;
        const mine = `${dir}/sniff.pcap`;
        const printing = startSniff(["--allow-ffi"], [
          ...capturer,
          "-i",
          "lo",
          "-c",
          "3",
          "-n",
          ...filter,
        ]);
        const writing = startSniff(
          ["--allow-ffi", `--allow-write=${mine}`],
          [...capturer, "-i", "lo", "-c", "3", "-w", mine, ...filter],
        );
        const tcpdump = start("tcpdump", ["-i", "lo", "-c", "3", "-w", ref, ...filter]);
        await Promise.all([printing, writing, tcpdump].map((p) => p.stderrLine("listening on")));
        await sendUdp(port, ["a", "hello, sniff", "x".repeat(300)]);
        const [printed, written, reference] = await Promise.all([
          printing.done(),
          writing.done(),
          tcpdump.done(),
        ]);
        assert.equal(reference.code, 0, reference.stderr);
        assert.equal(printed.code, 0, printed.stderr);
        assert.equal(written.code, 0, written.stderr);
        // What tcpdump makes of its own capture, and of sniff's -w file.
        const want = await run(["tcpdump", "-n", "-r", ref]);
        const fromSniff = await run(["tcpdump", "-n", "-r", mine]);
        assert.equal(lines(want.stdout).length, 3);
        assert.match(
          lines(want.stdout)[0]!,
          /IP 127\.0\.0\.1\.\d+ > 127\.0\.0\.1\.\d+: UDP, length 1$/,
        );
        // Two sockets on lo may stamp the same packet a few microseconds apart: compare the
        // lines without their time, and the times to the millisecond.
        const untimed = (all: string[]) => all.map((line) => line.slice(line.indexOf(" ")));
        const timed = (all: string[]) => all.map((line) => line.slice(0, 12));
        assert.deepEqual(untimed(lines(printed.stdout)), untimed(lines(want.stdout)));
        assert.deepEqual(untimed(lines(fromSniff.stdout)), untimed(lines(want.stdout)));
        const near = (a: string[], b: string[]) =>
          a.every((t, i) => Math.abs(seconds(t) - seconds(b[i]!)) < 0.05);
        assert.ok(near(timed(lines(printed.stdout)), timed(lines(want.stdout))));
        // The banners and closing lines, word for word.
        const [suppressed, listening, ...closing] = lines(printed.stderr);
        assert.equal(
          suppressed,
          "tcpdump: verbose output suppressed, use -v[v]... for full protocol decode",
        );
        assert.equal(`tcpdump: ${listening}`, lines(reference.stderr)[0]);
        assert.equal(lines(written.stderr)[0], lines(reference.stderr)[0]);
        assert.equal(closing[0], "3 packets captured");
        assert.match(closing[1]!, /^\d+ packets received by filter$/);
        assert.equal(closing[2], "0 packets dropped by kernel");
        assert.equal(closing.length, 3);
        assert.deepEqual(lines(written.stderr).slice(1, 2), ["3 packets captured"]);
      } finally {
        receiver.close();
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}

function seconds(time: string): number {
  const [h, m, s] = time.split(":").map(Number);
  return h! * 3600 + m! * 60 + s!;
}

Deno.test({
  name: "sniff.ts -D lists the interfaces as tcpdump -D does",
  ignore: skip,
  async fn() {
    const listed = await run([deno, "run", "--allow-ffi", SCRIPT, "-D"]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^\d+\.lo \[Up, Running, Loopback\]$/m);
    const tcpdump = await run(["tcpdump", "-D"]);
    assert.equal(listed.stdout, tcpdump.stdout);
  },
});

Deno.test({
  name: "sniff.ts reports a bad filter, an unknown interface, a refused capture in one line",
  ignore: skip,
  async fn() {
    const bad = await run([deno, "run", "--allow-ffi", SCRIPT, "-i", "lo", "ip6", "and", "foo"]);
    assert.equal(bad.code, 1);
    const libpcap = lines((await run(["tcpdump", "-i", "lo", "ip6", "and", "foo"])).stderr)
      .at(-1)!.replace(/^tcpdump: /, "");
    assert.equal(lines(bad.stderr).length, 1);
    assert.ok(bad.stderr.includes(libpcap), `${bad.stderr} lacks libpcap's "${libpcap}"`);
    assert.equal(bad.stdout, "");

    const nope = await run([deno, "run", "--allow-ffi", SCRIPT, "-i", "wkt-nope0"]);
    assert.equal(nope.code, 1);
    assert.equal(lines(nope.stderr).length, 1);
    assert.match(nope.stderr, /^Cannot capture on wkt-nope0: no such device.*interfaces: .*lo/);

    // Without CAP_NET_RAW (dropped from the bounding set, so root loses it at exec).
    if (await hasCommand("setpriv")) {
      const denied = await run([
        "setpriv",
        "--bounding-set=-net_raw,-net_admin",
        deno,
        "run",
        "--allow-ffi",
        SCRIPT,
        "-i",
        "lo",
      ]);
      assert.equal(denied.code, 1);
      assert.equal(lines(denied.stderr).length, 1);
      assert.match(denied.stderr, /^Cannot capture on lo: permission denied .*CAP_NET_RAW/);
    }
  },
});

Deno.test({
  name: "sniff.ts says how to install libpcap when it cannot load it",
  ignore: skip || !(await hasCommand("unshare")) || !(await hasCommand("ldconfig")),
  async fn() {
    // Hide the library in a private mount namespace: bind /dev/null over each file that
    // the dynamic loader knows as libpcap (its other names are symbolic links to them).
    const known = (await run(["ldconfig", "-p"])).stdout;
    const files = new Set<string>();
    for (const match of known.matchAll(/\slibpcap\.so\S*\s.*=> (\S+)$/gm)) {
      files.add(await Deno.realPath(match[1]!));
    }
    assert.ok(files.size > 0, "ldconfig -p lists no libpcap");
    const result = await run([
      "unshare",
      "-m",
      "sh",
      "-c",
      `for f in ${[...files].join(" ")}; do mount --bind /dev/null "$f" || exit 9; done; ` +
      `exec "$@"`,
      "sh",
      deno,
      "run",
      "--allow-ffi",
      SCRIPT,
      "-i",
      "lo",
    ]);
    assert.equal(result.code, 1);
    assert.equal(lines(result.stderr).length, 1);
    assert.match(result.stderr, /^Cannot load libpcap: tried .*apt-get install libpcap0\.8/);
  },
});

Deno.test({
  name: "sniff.ts stops on Ctrl-C with tcpdump's closing lines, within a second",
  ignore: skip,
  async fn() {
    const receiver = await udpReceiver();
    try {
      const filter = ["udp", "port", String(receiver.port)];
      const sniffing = startSniff(["--allow-ffi"], ["-i", "lo", ...filter]);
      await sniffing.stderrLine("listening on lo");
      const started = performance.now();
      sniffing.child.kill("SIGINT");
      const result = await sniffing.done();
      const elapsed = performance.now() - started;
      assert.equal(result.code, 0, result.stderr);
      assert.ok(elapsed < 1000, `sniff took ${Math.round(elapsed)} ms to stop`);
      assert.deepEqual(lines(result.stderr).slice(2), [
        "0 packets captured",
        "0 packets received by filter",
        "0 packets dropped by kernel",
      ]);
      // As tcpdump, which ends a line the interrupt may have cut.
      assert.equal(result.stdout, "\n");
    } finally {
      receiver.close();
    }
  },
});

/** Runs sniff in this process; returns its exit status, stdout and stderr. */
async function sniffHere(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  const stderr: string[] = [];
  const decoder = new TextDecoder();
  const code = await sniff(args, {
    stdout: (bytes) => {
      stdout += decoder.decode(bytes, { stream: true });
    },
    stderr: (text) => {
      stderr.push(text);
    },
  });
  return { code, stdout, stderr: stderr.join("\n") };
}

Deno.test({
  name: "sniff() -r FILE EXPRESSION prints what tcpdump -n -r FILE EXPRESSION prints",
  ignore: skipFiles,
  async fn() {
    for (const filter of ["arp", "tcp", "icmp6", "vlan", "udp port 53", "ip6 and not icmp6"]) {
      const words = filter.split(" ");
      for (const flags of [["-n"], ["-n", "-e", "-tt", "-v"]]) {
        const want = await run(["tcpdump", ...flags, "-r", CAPTURE, ...words]);
        const got = await sniffHere([...flags, "-r", CAPTURE, ...words]);
        assert.equal(got.code, 0, got.stderr);
        assert.ok(got.stdout.length > 0, filter);
        assert.equal(got.stdout, want.stdout, `${flags.join(" ")} ${filter}`);
        assert.equal(got.stderr, want.stderr.trimEnd());
      }
    }
    // Filtered and written with -w: tcpdump reads back what it selects itself.
    const out = await Deno.makeTempFile({ suffix: ".pcap" });
    try {
      const written = await sniffHere(["-r", CAPTURE, "-w", out, "tcp"]);
      assert.equal(written.code, 0, written.stderr);
      assert.equal(written.stdout, "");
      const back = await run(["tcpdump", "-n", "-r", out]);
      const want = await run(["tcpdump", "-n", "-r", CAPTURE, "tcp"]);
      assert.equal(back.stdout, want.stdout);
    } finally {
      await Deno.remove(out);
    }
    const bad = await sniffHere(["-r", CAPTURE, "tcp", "port"]);
    assert.equal(bad.code, 1);
    // As tcpdump: the file's line first, then libpcap's message.
    assert.match(bad.stderr, /^reading from file .*\nCannot compile filter "tcp port": /);
  },
});

Deno.test({
  name: "sniff.ts names --allow-ffi, --allow-read and --allow-write when they are missing",
  ignore: !(await hasCommand(deno)),
  async fn() {
    const cases: [string[], string[], string][] = [
      [["--allow-read"], ["-i", "lo"], " --allow-ffi\nRun it as: deno run --allow-ffi"],
      [["--allow-read"], ["-D"], " --allow-ffi\nRun it as: deno run --allow-ffi"],
      [
        ["--allow-read"],
        ["-r", CAPTURE, "udp port 53"],
        " --allow-ffi\nRun it as: deno run --allow-ffi --allow-read",
      ],
      [
        ["--allow-ffi"],
        ["-i", "lo", "-w", "out.pcap"],
        " --allow-write\nRun it as: deno run --allow-ffi --allow-write",
      ],
      [
        [],
        ["-r", CAPTURE, "-w", "out.pcap"],
        "s --allow-read --allow-write\nRun it as: deno run --allow-read --allow-write",
      ],
    ];
    for (const [flags, args, message] of cases) {
      const result = await run([deno, "run", "--no-prompt", ...flags, SCRIPT, ...args]);
      assert.equal(result.code, 2, result.stderr);
      assert.ok(
        result.stderr.startsWith(`Cannot run scripts/sniff.ts: missing permission${message}`),
        result.stderr,
      );
    }
    const quoted = await run([deno, "run", "--no-prompt", SCRIPT, "-i", "lo", "udp port 53"]);
    assert.equal(
      quoted.stderr,
      "Cannot run scripts/sniff.ts: missing permission --allow-ffi\n" +
        "Run it as: deno run --allow-ffi scripts/sniff.ts -i lo 'udp port 53'\n",
    );
  },
});
