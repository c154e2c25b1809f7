// Tests of scripts/follow.ts: tshark's follow output byte for byte for testdata (the
// conformance over every stream is tests/follow_conformance_test.ts), tcpflow-named files
// with -w whose bytes equal the files served, --json, and its permissions and errors.

import assert from "node:assert/strict";
import { projectRoot, runCommand, runScript } from "./_shared.ts";
import { hasTshark } from "./_tshark.ts";
import { withTempDir } from "./_temp_dir.ts";
import { HTTP_BODIES, httpBody } from "../testdata/http_bodies.ts";

const SCRIPT = "scripts/follow.ts";
const LOSSY = "testdata/http_lossy_reordered.pcap";

Deno.test({
  name: "scripts/follow.ts prints what tshark prints for several -z at once",
  ignore: !(await hasTshark()),
  permissions: { read: true, run: true },
  async fn() {
    const specs = [
      "follow,tcp,ascii,2",
      "follow,tcp,hex,3",
      "follow,tcp,raw,10.78.0.2:8000,10.78.0.1:53808",
      "follow,tcp,raw,2,3-5",
      "follow,tcp,raw,9",
    ];
    const args = specs.flatMap((spec) => ["-z", spec]);
    const tshark = await runCommand("tshark", [
      "-q",
      "-r",
      new URL(LOSSY, projectRoot).pathname,
      ...args,
    ]);
    const ours = runScript(SCRIPT, ["-r", LOSSY, ...args]);
    assert.equal(ours.code, 0, ours.stderr);
    assert.equal(ours.stdout, new TextDecoder().decode(tshark.stdout));
  },
});

Deno.test({
  name: "scripts/follow.ts -w writes tcpflow-named files that hold the files served",
  permissions: { read: true, write: true, run: true },
  async fn() {
    await withTempDir((dir) => {
      const result = runScript(SCRIPT, ["-r", LOSSY, "-w", `${dir}/out`, "--json"], [
        "--allow-read",
        `--allow-write=${dir}`,
      ]);
      assert.equal(result.code, 0, result.stderr);
      const files = result.stdout.trim().split("\n").map((line) => JSON.parse(line));
      const names = files.map((file) => file.path.slice(dir.length + 5)).sort();
      assert.deepEqual(names, [
        "010.078.000.001.53796-010.078.000.002.08000",
        "010.078.000.001.53808-010.078.000.002.08000",
        "010.078.000.002.08000-010.078.000.001.53796",
        "010.078.000.002.08000-010.078.000.001.53808",
      ]);
      for (const [i, port] of [53796, 53808].entries()) {
        const bytes = Deno.readFileSync(
          `${dir}/out/010.078.000.002.08000-010.078.000.001.${port}`,
        );
        const { size, seed } = HTTP_BODIES[i]!;
        assert.deepEqual(bytes.subarray(bytes.length - size), httpBody(size, seed));
        assert.match(new TextDecoder().decode(bytes.subarray(0, 17)), /^HTTP\/1\.0 200 OK/);
      }
    });
  },
});

Deno.test({
  name: "scripts/follow.ts -w with read permission for the capture only writes the same files",
  permissions: { read: true, write: true, run: true },
  async fn() {
    // Without read permission for its module the writing worker cannot start: the writes
    // are then made on the main thread, with the same result.
    await withTempDir((dir) => {
      const capture = new URL(LOSSY, projectRoot).pathname;
      const narrow = runScript(SCRIPT, ["-r", LOSSY, "-w", `${dir}/narrow`], [
        `--allow-read=${capture}`,
        `--allow-write=${dir}`,
      ]);
      assert.equal(narrow.code, 0, narrow.stderr);
      assert.equal(narrow.stderr, "");
      const broad = runScript(SCRIPT, ["-r", LOSSY, "-w", `${dir}/broad`], [
        "--allow-read",
        `--allow-write=${dir}`,
      ]);
      assert.equal(broad.code, 0, broad.stderr);
      const names = [...Deno.readDirSync(`${dir}/broad`)].map((entry) => entry.name).sort();
      assert.equal(names.length, 4);
      assert.deepEqual(
        [...Deno.readDirSync(`${dir}/narrow`)].map((entry) => entry.name).sort(),
        names,
      );
      for (const name of names) {
        assert.deepEqual(
          Deno.readFileSync(`${dir}/narrow/${name}`),
          Deno.readFileSync(`${dir}/broad/${name}`),
        );
      }
    });
  },
});

Deno.test({
  name: "scripts/follow.ts -w reports a file it cannot write in one line, not as a read",
  permissions: { read: true, write: true, run: true },
  async fn() {
    await withTempDir((dir) => {
      const capture = new URL(LOSSY, projectRoot).pathname;
      const name = "010.078.000.001.53796-010.078.000.002.08000";
      // The worker's writes and, with read permission for the capture only, the main thread's.
      for (const read of ["--allow-read", `--allow-read=${capture}`]) {
        const out = `${dir}/${read.length}`;
        Deno.mkdirSync(`${out}/${name}`, { recursive: true });
        const run = runScript(SCRIPT, ["-r", LOSSY, "-w", out], [read, `--allow-write=${dir}`]);
        assert.equal(run.code, 1);
        assert.match(run.stderr, new RegExp(`^Cannot write ${out}/${name}: .*\n$`));
      }
    });
  },
});

Deno.test({
  name: "scripts/follow.ts --json gives the chunks of a follow with their offsets",
  permissions: { read: true, run: true },
  fn() {
    const result = runScript(SCRIPT, [
      "-r",
      "testdata/namespaces.pcap",
      "-z",
      "follow,tcp,raw,0",
      "--json",
    ]);
    assert.equal(result.code, 0, result.stderr);
    const follow = JSON.parse(result.stdout);
    assert.equal(follow.follow, "tcp,raw");
    assert.deepEqual(follow.node0, { address: "10.77.0.1", port: 47282 });
    assert.deepEqual(
      follow.chunks.map((chunk: { node: number; offset: number }) => [chunk.node, chunk.offset]),
      [[0, 0], [1, 0], [0, 14], [1, 14], [0, 26], [1, 26]],
    );
    assert.equal(follow.chunks[0].hex, "68656c6c6f20776972656b69740a");
  },
});

Deno.test({
  name: "scripts/follow.ts names missing permissions and fails in one line on bad input",
  permissions: { read: true, run: true },
  fn() {
    const missing = runScript(SCRIPT, ["-r", "testdata/namespaces.pcap", "-w", "out"]);
    assert.equal(missing.code, 2);
    assert.equal(
      missing.stderr,
      "Cannot run scripts/follow.ts: missing permission --allow-write\n" +
        "Run it as: deno run --allow-read --allow-write scripts/follow.ts -r testdata/namespaces.pcap ...\n",
    );
    const noRead = runScript(
      SCRIPT,
      ["-r", "testdata/namespaces.pcap", "-z", "follow,tcp,raw,0"],
      false,
    );
    assert.equal(noRead.code, 2);
    assert.match(
      noRead.stderr,
      /^Cannot run scripts\/follow\.ts: missing permission --allow-read\n/,
    );
    for (
      const [args, message] of [
        [
          ["-z", "follow,tcp,bogus,0"],
          "Cannot parse -z follow,tcp,bogus,0: invalid display mode (ascii, hex or raw)",
        ],
        [
          ["-z", "follow,tcp,raw,1.2.3:80,1.2.3.4:5"],
          "Cannot parse -z follow,tcp,raw,1.2.3:80,1.2.3.4:5: invalid address 1.2.3",
        ],
        [
          ["-z", "follow,tcp,raw,0,3-1"],
          "Cannot parse -z follow,tcp,raw,0,3-1: invalid range value",
        ],
        [
          ["-z", "follow,tcp,raw,0", "--overlap", "middle"],
          "Invalid overlap policy for --overlap: middle (first or last)",
        ],
      ] as const
    ) {
      const result = runScript(SCRIPT, ["-r", "testdata/namespaces.pcap", ...args]);
      assert.equal(result.code, 2);
      assert.equal(result.stderr, `${message}\n`);
    }
    const unreadable = runScript(SCRIPT, [
      "-r",
      "testdata/no-such-file.pcap",
      "-z",
      "follow,tcp,raw,0",
    ]);
    assert.equal(unreadable.code, 1);
    assert.match(unreadable.stderr, /^Cannot read testdata\/no-such-file\.pcap: [^\n]*\n$/);
    assert.equal(runScript(SCRIPT, ["-r", "testdata/namespaces.pcap"]).code, 2);
  },
});

Deno.test({
  name: "scripts/follow.ts -w writes fragmented UDP streams whole, as tshark follows them",
  ignore: !(await hasTshark()),
  permissions: { read: true, write: true, run: true },
  async fn() {
    await withTempDir(async (dir) => {
      const capture = "testdata/fragments_ipv4.pcap";
      const result = runScript(SCRIPT, ["-r", capture, "-w", dir, "--protocol", "udp", "--json"], [
        "--allow-read",
        `--allow-write=${dir}`,
      ]);
      assert.equal(result.code, 0, result.stderr);
      const files = result.stdout.trim().split("\n").map((line) => JSON.parse(line));
      assert.ok(files.length > 0, "no UDP file written");
      for (const file of files) {
        assert.match(file.path.slice(dir.length + 1), /^udp-[0-9.]+-[0-9.]+$/);
        const follow = await runCommand("tshark", [
          "-q",
          "-r",
          new URL(capture, projectRoot).pathname,
          "-z",
          `follow,udp,raw,${file.stream}`,
        ]);
        // Node 1's chunks are indented by a tab in tshark's raw output.
        const hex = new TextDecoder().decode(follow.stdout).split("\n")
          .filter((line) => /^\t?[0-9a-f]+$/.test(line))
          .filter((line) => line.startsWith("\t") === (file.direction === 1))
          .join("").replaceAll("\t", "");
        const bytes = Deno.readFileSync(file.path);
        assert.equal(bytes.length, file.bytes);
        assert.ok(bytes.length > 1480, "the datagram was not reassembled");
        assert.equal([...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join(""), hex);
      }
    });
  },
});
