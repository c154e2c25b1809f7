import assert from "node:assert/strict";
import { probeAfAlg } from "../lib/crypto/mod.ts";
import { hasCommand, runCommand } from "./_shared.ts";
import { withTempDir } from "./_temp_dir.ts";

// scripts/hash.ts through node:crypto, compared with coreutils and openssl. The AF_ALG
// engine has the same tests in tests/afalg/crypto_scripts_test.ts (run in a VM when this
// kernel lacks AF_ALG).

const HASH = new URL("../scripts/hash.ts", import.meta.url).pathname;
const FLAGS = ["run", "--no-check", "--allow-ffi", "--allow-read"];
const probe = Deno.build.os === "linux" ? probeAfAlg() : "not Linux";
const haveCoreutils = await hasCommand("sha256sum") && await hasCommand("md5sum");

interface Output {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(command: string, args: string[], stdin?: Uint8Array): Promise<Output> {
  const output = await runCommand(command, args, { stdin });
  return { ...output, stdout: new TextDecoder().decode(output.stdout) };
}

function hashScript(args: string[], stdin?: Uint8Array): Promise<Output> {
  return run(Deno.execPath(), [...FLAGS, HASH, ...args], stdin);
}

/** Bytes that differ from file to file, and files of sizes around the 256 KiB chunks. */
async function makeFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const length of [0, 1, 262_144, 1_000_003]) {
    const path = `${dir}/file ${length}.bin`;
    await Deno.writeFile(path, new Uint8Array(length).map((_, i) => (i * 31 + length) & 0xff));
    files.push(path);
  }
  // sha256sum escapes a name with a backslash: "\HEX  a\\b".
  const odd = `${dir}/back\\slash`;
  await Deno.writeTextFile(odd, "x");
  files.push(odd);
  return files;
}

Deno.test({
  name: "scripts/hash.ts --engine node prints what sha256sum, sha1sum, sha512sum and md5sum print",
  ignore: !haveCoreutils,
  fn: () =>
    withTempDir(async (dir) => {
      const files = await makeFiles(dir);
      for (const algorithm of ["sha256", "sha1", "sha512", "md5", "sha224", "sha384"]) {
        const ours = await hashScript(["--engine", "node", "-a", algorithm, ...files]);
        const theirs = await run(`${algorithm}sum`, files);
        assert.equal(ours.code, 0, ours.stderr);
        assert.equal(ours.stderr, "");
        assert.equal(ours.stdout, theirs.stdout, algorithm);
      }
      const data = new Uint8Array(70_000).map((_, i) => i % 251);
      const stdin = await hashScript(["--engine", "node", "-"], data);
      assert.equal(stdin.stdout, (await run("sha256sum", ["-"], data)).stdout);
    }),
});

Deno.test({
  name: "scripts/hash.ts --engine node --check prints what sha256sum --check prints",
  ignore: !haveCoreutils,
  fn: () =>
    withTempDir(async (dir) => {
      const files = await makeFiles(dir);
      const sums = `${dir}/SUMS`;
      await Deno.writeTextFile(sums, (await run("sha256sum", files)).stdout);
      const good = await hashScript(["--engine", "node", "--check", sums]);
      assert.equal(good.code, 0, good.stderr);
      assert.equal(good.stdout, (await run("sha256sum", ["--check", sums])).stdout);
      await Deno.writeFile(files[1]!, new Uint8Array([0x42]));
      await Deno.remove(files[2]!);
      const ours = await hashScript(["--engine", "node", "-c", sums]);
      const theirs = await run("sha256sum", ["-c", sums]);
      assert.equal(ours.code, 1);
      assert.equal(theirs.code, 1);
      assert.equal(ours.stdout, theirs.stdout);
      assert.match(ours.stdout, /file 1\.bin: FAILED\n/);
      // The warnings too (sha256sum quotes a name with a space in its first line).
      const warnings = (text: string) =>
        text.split("\n").filter((line) => line.includes("WARNING")).map((line) =>
          line.replace(/^\S*: /, "")
        );
      assert.deepEqual(warnings(ours.stderr), warnings(theirs.stderr));
      assert.equal(warnings(ours.stderr).length, 2);
    }),
});

Deno.test({
  name: "scripts/hash.ts --engine node computes the HMAC that openssl computes",
  ignore: !await hasCommand("openssl"),
  fn: () =>
    withTempDir(async (dir) => {
      const [, , file] = await makeFiles(dir);
      const key = "000102030405060708090a0b0c0d0e0f";
      for (const [kernel, openssl] of [["sha256", "sha256"], ["sha3-256", "sha3-256"]]) {
        const ours = await hashScript(
          ["--engine", "node", "-a", `hmac(${kernel})`, "--key-hex", key, file!],
        );
        assert.equal(ours.code, 0, ours.stderr);
        const theirs = await run("openssl", [
          "dgst",
          `-${openssl}`,
          "-mac",
          "HMAC",
          "-macopt",
          `hexkey:${key}`,
          "-r",
          file!,
        ]);
        assert.equal(ours.stdout.split(" ")[0], theirs.stdout.split(" ")[0], kernel);
      }
    }),
});

Deno.test({
  name: "scripts/hash.ts falls back to node:crypto without AF_ALG, with a one-line notice",
  ignore: probe === true || !haveCoreutils,
  fn: () =>
    withTempDir(async (dir) => {
      const files = await makeFiles(dir);
      const ours = await hashScript(files);
      assert.equal(ours.code, 0, ours.stderr);
      assert.equal(ours.stderr, `hash: AF_ALG unavailable (${probe}); using node:crypto\n`);
      assert.equal(ours.stdout, (await run("sha256sum", files)).stdout);
    }),
});

Deno.test({
  name: "scripts/hash.ts --engine afalg fails in one line without AF_ALG",
  ignore: probe === true,
  fn: async () => {
    const result = await hashScript(["--engine", "afalg", HASH]);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, "");
    assert.match(
      result.stderr,
      /^hash: Cannot open an AF_ALG socket for hash "sha256": this kernel has no AF_ALG support [^\n]*\n$/,
    );
  },
});

Deno.test("scripts/hash.ts names an algorithm node:crypto lacks, and a bad engine, in one line", async () => {
  const unknown = await hashScript(["--engine", "node", "-a", "wp512", HASH]);
  assert.equal(unknown.code, 1);
  assert.equal(unknown.stdout, "");
  assert.match(
    unknown.stderr,
    /^hash: Cannot hash with "wp512": node:crypto has no such hash [^\n]*\n$/,
  );
  const keyless = await hashScript(["--engine", "node", "-a", "hmac(sha256)", HASH]);
  assert.equal(keyless.code, 1);
  assert.equal(keyless.stderr, "hash: Cannot hash with hmac(sha256): it needs a key\n");
  const engine = await hashScript(["--engine", "openssl", HASH]);
  assert.equal(engine.code, 1);
  assert.equal(engine.stderr, 'hash: --engine must be auto, afalg or node: received "openssl"\n');
});
