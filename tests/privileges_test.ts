/**
 * `dropPrivileges()` and `sniff.ts -Z USER`: as root, with a user the tests create
 * (`useradd`) and remove, on `lo`. Every drop runs in a child process, never in the test
 * process itself. Without root, libpcap, `useradd` or `ping` they skip with a message.
 *
 * @module
 */

import assert from "node:assert/strict";
import { dropPrivileges, PrivilegeError } from "../lib/capture/privileges.ts";
import { pcapBytes } from "../lib/formats/pcap.ts";
import { hasCommand, testdataDir } from "./_shared.ts";
import { libpcapSkipReason, reportSkip, run } from "./_netns.ts";
import { start } from "./_background.ts";

const SCRIPT = new URL("../scripts/sniff.ts", import.meta.url).pathname;
const LIVE = new URL("../lib/pipeline/live.ts", import.meta.url).href;
const PRIVILEGES = new URL("../lib/capture/privileges.ts", import.meta.url).href;
const CAPTURE = new URL("namespaces.pcap", testdataDir).pathname;
const deno = Deno.execPath();

async function skipReason(): Promise<string | undefined> {
  if (Deno.build.os !== "linux") return "privilege tests run on Linux only";
  if (Deno.uid() !== 0) return "privilege tests need root (CI runs them as root)";
  for (const command of ["useradd", "userdel", "ping", "setpriv"]) {
    if (!(await hasCommand(command))) return `${command} is not installed`;
  }
  return libpcapSkipReason();
}

const skip = reportSkip("tests/privileges_test.ts", await skipReason());

let users = 0;

/** A system user made for one test, removed by `await using`. */
async function createUser(): Promise<
  { name: string; uid: number; gid: number } & AsyncDisposable
> {
  const name = `wkpriv${Deno.pid % 100000}x${users++}`;
  await run(["userdel", name]); // left over by a test process that died
  const added = await run(["useradd", "--system", "-M", "-s", "/usr/sbin/nologin", name]);
  assert.equal(added.code, 0, added.stderr);
  const [uid, gid] = await Promise.all(
    ["-u", "-g"].map(async (flag) => Number((await run(["id", flag, name])).stdout.trim())),
  );
  return {
    name,
    uid: uid!,
    gid: gid!,
    async [Symbol.asyncDispose]() {
      // userdel refuses (status 8) while a process of the user is still exiting.
      for (let tries = 0; tries < 20; tries++) {
        if ((await run(["userdel", name])).code !== 8) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

/** A file of `/proc`, read with `cat`: Deno lets only `--allow-all` read there. */
async function procFile(path: string): Promise<string> {
  const result = await run(["cat", path]);
  assert.equal(result.code, 0, result.stderr);
  return result.stdout;
}

/** The `Uid:`, `Gid:` and `Groups:` lines of every thread of a process. */
async function threadIds(pid: number): Promise<string[]> {
  const tasks = (await run(["ls", `/proc/${pid}/task`])).stdout.split("\n").filter((t) => t);
  const lines: string[] = [];
  for (const task of tasks) {
    const status = await procFile(`/proc/${pid}/task/${task}/status`);
    lines.push(
      ...status.split("\n").filter((line) => /^(Uid|Gid|Groups):/.test(line)).map((line) =>
        line.replace(/\s+/g, " ").trim()
      ),
    );
  }
  return lines;
}

/** The children of a process (`/proc/PID/task/PID/children`). */
async function childrenOf(pid: number): Promise<number[]> {
  const text = await procFile(`/proc/${pid}/task/${pid}/children`);
  return text.trim().split(/\s+/).filter((word) => word !== "").map(Number);
}

/** Stops a background process that a failed test left waiting for packets. */
function stop(child: Deno.ChildProcess): void {
  try {
    child.kill();
  } catch {
    // It has exited.
  }
}

Deno.test({
  name: "dropPrivileges() rejects an unknown user before changing anything",
  ignore: Deno.build.os !== "linux",
  permissions: { ffi: true },
  fn() {
    assert.throws(
      () => dropPrivileges("no-such-user-wirekit"),
      (error: unknown) =>
        error instanceof PrivilegeError && error.code === "unknown-user" &&
        error.message === "Cannot drop privileges to no-such-user-wirekit: no such user",
    );
  },
});

Deno.test({
  name: "sniff.ts -Z USER stops with one line when it is not root",
  ignore: skip,
  async fn() {
    const result = await run([
      "setpriv",
      "--reuid=nobody",
      "--regid=nogroup",
      "--clear-groups",
      deno,
      "run",
      // nobody can't write the lock file, which Deno would otherwise try to update.
      "--no-lock",
      "--allow-ffi",
      "--allow-read",
      SCRIPT,
      "-Z",
      "nobody",
      "-r",
      CAPTURE,
    ]);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, "");
    assert.equal(result.stderr, "Cannot drop privileges to nobody: not running as root\n");
  },
});

Deno.test({
  name: "sniff.ts -Z USER stops with one line for an unknown user",
  ignore: skip,
  async fn() {
    const result = await run([deno, "run", "--allow-ffi", SCRIPT, "-i", "lo", "-Z", "nobody2x"]);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, "Cannot drop privileges to nobody2x: no such user\n");
  },
});

Deno.test({
  name: "sniff.ts -Z USER -w captures as root, then runs and writes its files as the user",
  ignore: skip,
  async fn() {
    await using user = await createUser();
    const dir = await Deno.makeTempDir();
    try {
      await Deno.chown(dir, user.uid, user.gid);
      const out = `${dir}/out.pcap`;
      const flags = ["--allow-ffi", `--allow-write=${dir}`, `--allow-run=${deno}`];
      const writing = start(deno, [
        "run",
        ...flags,
        SCRIPT,
        ...["-i", "lo", "-c", "4", "-Z", user.name, "-w", out, "icmp"],
      ]);
      const printing = start(deno, [
        "run",
        ...flags,
        SCRIPT,
        ...["-i", "lo", "-c", "4", "-Z", user.name, "--sandbox", "-n", "-t", "icmp"],
      ]);
      try {
        await Promise.all([writing, printing].map((p) => p.stderrLine("listening on")));
        // Every thread of both processes, and the sandboxed printer, run as the user.
        const expected = [
          `Uid: ${user.uid} ${user.uid} ${user.uid} ${user.uid}`,
          `Gid: ${user.gid} ${user.gid} ${user.gid} ${user.gid}`,
          `Groups: ${user.gid}`,
        ];
        const sandboxes = await childrenOf(printing.child.pid);
        assert.equal(sandboxes.length, 1);
        for (const pid of [writing.child.pid, printing.child.pid, sandboxes[0]!]) {
          const ids = await threadIds(pid);
          assert.ok(ids.length >= 3);
          for (const line of ids) assert.ok(expected.includes(line), `${pid}: ${line}`);
        }
        const ping = await run(["ping", "-c", "2", "-i", "0.2", "127.0.0.1"]);
        assert.equal(ping.code, 0, ping.stderr);
      } catch (error) {
        stop(writing.child);
        stop(printing.child);
        await Promise.all([writing.done(), printing.done()]);
        throw error;
      }
      const [written, printed] = await Promise.all([writing.done(), printing.done()]);
      assert.equal(written.code, 0, written.stderr);
      assert.equal(printed.code, 0, printed.stderr);
      const info = await Deno.stat(out);
      assert.equal(info.uid, user.uid);
      assert.equal(info.gid, user.gid);
      const back = await run([deno, "run", "--allow-read", SCRIPT, "-n", "-t", "-r", out]);
      assert.equal(back.stdout.split("\n").filter((l) => l.includes("ICMP echo")).length, 4);
      const printedLines = printed.stdout.split("\n").filter((line) => line !== "");
      assert.equal(printedLines.length, 4, printed.stdout);
      for (const line of printedLines) {
        assert.match(
          line,
          /^IP 127\.0\.0\.1 > 127\.0\.0\.1: ICMP echo (request|reply), id \d+, seq [12], length 64$/,
        );
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "sniff.ts -r FILE -Z USER -w -C writes every rotated file as the user",
  ignore: skip,
  async fn() {
    await using user = await createUser();
    const input = await Deno.makeTempDir(); // root's: the user could not read the input
    const dir = await Deno.makeTempDir();
    try {
      await Deno.chown(dir, user.uid, user.gid);
      // 2,000 frames of 1,400 bytes: 2.8 MB, three files of -C 1 (1,000,000 bytes).
      const frame = new Uint8Array(1400);
      frame.set([0x88, 0xb5], 12);
      const packets = Array.from({ length: 2000 }, (_, i) => ({
        timestamp: BigInt(i) * 1_000_000n,
        data: frame,
      }));
      await Deno.writeFile(`${input}/in.pcap`, pcapBytes(packets));
      const result = await run([
        deno,
        "run",
        "--allow-ffi",
        `--allow-read=${input}`,
        `--allow-write=${dir}`,
        SCRIPT,
        ...["-r", `${input}/in.pcap`, "-Z", user.name, "-w", `${dir}/out.pcap`, "-C", "1"],
      ]);
      assert.equal(result.code, 0, result.stderr);
      const names: string[] = [];
      for await (const entry of Deno.readDir(dir)) {
        const info = await Deno.stat(`${dir}/${entry.name}`);
        assert.deepEqual([info.uid, info.gid], [user.uid, user.gid], entry.name);
        names.push(entry.name);
      }
      assert.deepEqual(names.sort(), ["out.pcap", "out.pcap1", "out.pcap2"]);
    } finally {
      await Deno.remove(input, { recursive: true });
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "sniff.ts -Z USER cannot write where only root can",
  ignore: skip,
  async fn() {
    await using user = await createUser();
    const dir = await Deno.makeTempDir(); // mode 0700, root's
    try {
      const out = `${dir}/out.pcap`;
      const args = [deno, "run", "--allow-ffi", `--allow-write=${dir}`, SCRIPT, "-i", "lo"];
      const dropped = await run([...args, "-Z", user.name, "-w", out]);
      assert.equal(dropped.code, 1);
      assert.match(dropped.stderr, /Permission denied/);
      assert.equal(dropped.stderr.trim().split("\n").length, 1, dropped.stderr);
      // As root, the same command opens the file (and -c 1 ends it on the first packet).
      const rootRun = start(deno, [...args.slice(1), "-c", "1", "-w", out]);
      try {
        await rootRun.stderrLine("listening on");
        await run(["ping", "-c", "1", "127.0.0.1"]);
      } catch (error) {
        stop(rootRun.child);
        throw error;
      }
      const done = await rootRun.done();
      assert.equal(done.code, 0, done.stderr);
      assert.equal((await Deno.stat(out)).uid, 0);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "openLiveSource() with user drops root for good once the capture is open",
  ignore: skip,
  async fn() {
    await using user = await createUser();
    const code = `
      import { openLiveSource } from "${LIVE}";
      import { dropPrivileges } from "${PRIVILEGES}";
      import { libc } from "${new URL("../ffi/libc.ts", import.meta.url).href}";
      const live = openLiveSource({ iface: "lo", user: "${user.name}" });
      const c = libc();
      let shadow = "opened";
      try {
        Deno.openSync("/etc/shadow").close();
      } catch (error) {
        shadow = error.name;
      }
      let again = "dropped again";
      try {
        dropPrivileges("${user.name}");
      } catch (error) {
        again = error.code;
      }
      console.log(JSON.stringify({
        ids: [c.getuid(), c.geteuid(), c.getgid(), c.getegid()],
        setuid: c.setuid(0),
        setgid: c.setgid(0),
        shadow,
        again,
        linkType: live.linkType,
      }));
      await live.close();
    `;
    const result = await run([deno, "eval", "--ext=ts", code]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), {
      ids: [user.uid, user.uid, user.gid, user.gid],
      setuid: -1,
      setgid: -1,
      shadow: "PermissionDenied",
      again: "not-root",
      linkType: 1,
    });
  },
});
