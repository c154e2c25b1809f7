import assert from "node:assert/strict";
import { hasCommand, runCommand } from "../_shared.ts";
import { afAlgAvailable, afAlgTest, assertBytes, pseudoRandom } from "./_afalg.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const HASH = `${ROOT}scripts/hash.ts`;
const ENCRYPT = `${ROOT}scripts/encrypt.ts`;
const FLAGS = ["run", "--no-check", "--allow-ffi", "--allow-read", "--allow-write"];

const run = (command: string, args: string[], stdin?: Uint8Array) =>
  runCommand(command, args, { stdin });

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const haveTools = afAlgAvailable && await hasCommand("sha256sum") && await hasCommand("openssl");

Deno.test({
  name: "scripts/hash.ts prints what sha256sum and sha512sum print, and --check agrees",
  ignore: !haveTools,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      const files: string[] = [];
      for (const length of [0, 1, 4096, 1_000_003]) {
        const path = `${dir}/file ${length}.bin`;
        await Deno.writeFile(path, pseudoRandom(length, length + 3));
        files.push(path);
      }
      const ours = await run(Deno.execPath(), [...FLAGS, HASH, ...files]);
      assert.equal(ours.code, 0, ours.stderr);
      const theirs = await run("sha256sum", files);
      assert.equal(text(ours.stdout), text(theirs.stdout));
      const ours512 = await run(Deno.execPath(), [...FLAGS, HASH, "-a", "sha512", ...files]);
      assert.equal(text(ours512.stdout), text((await run("sha512sum", files)).stdout));
      // Standard input.
      const stdin = await run(Deno.execPath(), [...FLAGS, HASH], pseudoRandom(70_000));
      const reference = await run("sha256sum", ["-"], pseudoRandom(70_000));
      assert.equal(text(stdin.stdout), text(reference.stdout));
      // --check, with one file changed.
      await Deno.writeFile(`${dir}/SUMS`, theirs.stdout);
      const good = await run(Deno.execPath(), [...FLAGS, HASH, "--check", `${dir}/SUMS`]);
      assert.equal(good.code, 0, good.stderr);
      assert.equal(text(good.stdout), files.map((f) => `${f}: OK\n`).join(""));
      await Deno.writeFile(files[1]!, new Uint8Array([0x42]));
      const bad = await run(Deno.execPath(), [...FLAGS, HASH, "-c", `${dir}/SUMS`]);
      assert.equal(bad.code, 1);
      assert.match(text(bad.stdout), /file 1\.bin: FAILED\n/);
      assert.match(bad.stderr, /WARNING: 1 computed checksum did NOT match/);
      // HMAC through -a and --key-hex, as openssl computes it.
      const mac = await run(Deno.execPath(), [
        ...FLAGS,
        HASH,
        "-a",
        "hmac(sha256)",
        "--key-hex",
        "000102030405060708090a0b0c0d0e0f",
        files[2]!,
      ]);
      const reference2 = await run("openssl", [
        "dgst",
        "-sha256",
        "-mac",
        "HMAC",
        "-macopt",
        "hexkey:000102030405060708090a0b0c0d0e0f",
        "-r",
        files[2]!,
      ]);
      assert.equal(text(mac.stdout).split(" ")[0], text(reference2.stdout).split(" ")[0]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "scripts/encrypt.ts CBC matches openssl enc and round-trips CBC and GCM",
  ignore: !haveTools,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      const key = "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4";
      const iv = "000102030405060708090a0b0c0d0e0f";
      for (const length of [0, 15, 16, 100_001]) {
        const data = pseudoRandom(length, length + 9);
        const raw = await run(
          Deno.execPath(),
          [...FLAGS, ENCRYPT, "-e", "-k", key, "--iv", iv, "--raw"],
          data,
        );
        assert.equal(raw.code, 0, raw.stderr);
        const reference = await run(
          "openssl",
          ["enc", "-aes-256-cbc", "-K", key, "-iv", iv],
          data,
        );
        assertBytes(raw.stdout, reference.stdout, `cbc ${length}`);
        const back = await run(
          Deno.execPath(),
          [...FLAGS, ENCRYPT, "-d", "-k", key, "--iv", iv, "--raw"],
          raw.stdout,
        );
        assertBytes(back.stdout, data, `cbc ${length} back`);
      }
      await Deno.writeTextFile(`${dir}/key`, key.slice(0, 32) + "\n");
      const data = pseudoRandom(50_000, 4);
      await Deno.writeFile(`${dir}/plain`, data);
      for (const mode of ["cbc", "gcm"]) {
        const sealed = await run(Deno.execPath(), [
          ...FLAGS,
          ENCRYPT,
          "-e",
          "-m",
          mode,
          "--key-file",
          `${dir}/key`,
          "-i",
          `${dir}/plain`,
          "-o",
          `${dir}/sealed.${mode}`,
        ]);
        assert.equal(sealed.code, 0, sealed.stderr);
        const opened = await run(Deno.execPath(), [
          ...FLAGS,
          ENCRYPT,
          "-d",
          "-m",
          mode,
          "--key-file",
          `${dir}/key`,
          "-i",
          `${dir}/sealed.${mode}`,
        ]);
        assert.equal(opened.code, 0, opened.stderr);
        assertBytes(opened.stdout, data, mode);
      }
      const tampered = await Deno.readFile(`${dir}/sealed.gcm`);
      tampered[20]! ^= 1;
      const rejected = await run(
        Deno.execPath(),
        [...FLAGS, ENCRYPT, "-d", "-m", "gcm", "--key-file", `${dir}/key`],
        tampered,
      );
      assert.equal(rejected.code, 1);
      assert.equal(rejected.stdout.length, 0);
      assert.match(rejected.stderr, /authentication tag does not match/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "scripts/hash.ts --engine afalg and --engine node print what md5sum and sha1sum print",
  ignore: !haveTools,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      const files: string[] = [];
      for (const length of [0, 65_537, 300_000]) {
        const path = `${dir}/f${length}`;
        await Deno.writeFile(path, pseudoRandom(length, length + 11));
        files.push(path);
      }
      for (const algorithm of ["md5", "sha1", "sha256"]) {
        const theirs = text((await run(`${algorithm}sum`, files)).stdout);
        for (const engine of ["afalg", "node", "auto"]) {
          const ours = await run(Deno.execPath(), [
            ...FLAGS,
            HASH,
            "--engine",
            engine,
            "-a",
            algorithm,
            ...files,
          ]);
          assert.equal(ours.code, 0, ours.stderr);
          assert.equal(ours.stderr, "", `${engine}: no fallback notice with AF_ALG`);
          assert.equal(text(ours.stdout), theirs, `${engine} ${algorithm}`);
        }
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

afAlgTest("scripts/hash.ts names an unknown algorithm and what the kernel offers", async () => {
  const result = await run(Deno.execPath(), [...FLAGS, HASH, "-a", "sha-nope"], new Uint8Array(1));
  assert.equal(result.code, 1);
  assert.match(result.stderr, /^hash: Cannot bind hash "sha-nope".*offers hash: .*sha256/);
});
