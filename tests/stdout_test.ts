import assert from "node:assert/strict";
import { hasCommand, testdataDir } from "./_shared.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const SESSIONS = new URL("http_sessions.pcap", testdataDir).pathname;
// Its hex dump is longer than a pipe holds.
const LOSSY = new URL("http_lossy.pcap", testdataDir).pathname;

/**
 * Runs a script under a Python harness that gives it a standard output of its making, and
 * returns the exit status and the last line of stderr.
 */
async function run(harness: string, script: string, args: string[]) {
  const result = await new Deno.Command("python3", {
    args: ["-c", harness, Deno.execPath(), "run", "-A", `scripts/${script}`, ...args],
    cwd: ROOT,
    stdout: "null",
    stderr: "piped",
  }).output();
  const lines = new TextDecoder().decode(result.stderr).trimEnd().split("\n");
  assert.ok(!lines.some((line) => line.startsWith("Cannot read")), lines.join("\n"));
  return { code: result.code, last: lines.at(-1)! };
}

/** Standard output on /dev/full: every write fails, no space left. */
const FULL_DISK = "import subprocess, sys\n" +
  "sys.exit(subprocess.call(sys.argv[1:], stdout=open('/dev/full', 'wb')))";

/** A non-blocking pipe whose reader waits half a second: it fills. */
const FULL_PIPE = "import os, subprocess, sys, time\n" +
  "r, w = os.pipe()\nos.set_blocking(w, False)\n" +
  "p = subprocess.Popen(sys.argv[1:], stdout=w)\nos.close(w)\ntime.sleep(0.5)\n" +
  "while os.read(r, 65536): pass\nsys.exit(p.wait())";

Deno.test({
  name: "scripts name standard output when writing to it fails, not the file they read",
  ignore: !(await hasCommand("python3")),
  permissions: { read: true, run: true, env: true },
  async fn() {
    const runs: [string, string[]][] = [
      ["sniff.ts", ["-n", "-r", SESSIONS]],
      // Once: the second file is not tried on a standard output that failed.
      ["pcapinfo.ts", ["--packets", SESSIONS, SESSIONS]],
      ["sessions.ts", [SESSIONS]],
      ["query.ts", ["SELECT count(*) AS packets FROM packets", SESSIONS]],
    ];
    for (const [script, args] of runs) {
      const { code, last } = await run(FULL_DISK, script, args);
      assert.equal(code, 1, script);
      assert.equal(
        last,
        "Cannot write to standard output: No space left on device (os error 28)",
        script,
      );
    }
    // Deno cannot tell how much of a write that would block went out: stop, say so.
    const { code, last } = await run(FULL_PIPE, "sniff.ts", ["-n", "-x", "-r", LOSSY]);
    assert.equal(code, 1);
    assert.match(
      last,
      /^Cannot write to standard output: .* \(it is non-blocking: give the script a blocking pipe or a file\)$/,
    );
  },
});
