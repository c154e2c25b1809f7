import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url).pathname;

async function run(args: string[]): Promise<{ code: number; stderr: string }> {
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-check", ...args],
    cwd: ROOT,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).output();
  return { code, stderr: new TextDecoder().decode(stderr) };
}

Deno.test("scripts/hash.ts without --allow-ffi names the flags it needs", async () => {
  const { code, stderr } = await run(["--allow-read", "scripts/hash.ts", "README.md"]);
  assert.equal(code, 2);
  assert.match(stderr, /^Cannot run scripts\/hash\.ts: missing permission --allow-ffi\n/);
  assert.match(stderr, /Run it as: deno run --allow-ffi --allow-read scripts\/hash\.ts /);
});

Deno.test("scripts/hash.ts --engine node needs --allow-read alone", async () => {
  const { code, stderr } = await run(["scripts/hash.ts", "--engine", "node", "README.md"]);
  assert.equal(code, 2);
  assert.equal(
    stderr,
    "Cannot run scripts/hash.ts: missing permission --allow-read\n" +
      "Run it as: deno run --allow-read scripts/hash.ts --engine node " +
      "[-a ALGORITHM] [--key-hex HEX] [--check] [FILE...]\n",
  );
  const granted = await run(["--allow-read", "scripts/hash.ts", "--engine", "node", "README.md"]);
  assert.equal(granted.code, 0, granted.stderr);
  assert.equal(granted.stderr, "");
});

Deno.test("scripts/encrypt.ts asks for --allow-write only with -o", async () => {
  const withOutput = await run([
    "--allow-ffi",
    "--allow-read",
    "scripts/encrypt.ts",
    "-e",
    "-k",
    "00".repeat(16),
    "-o",
    "/tmp/out",
  ]);
  assert.equal(withOutput.code, 2);
  assert.match(withOutput.stderr, /missing permission --allow-write/);
  const none = await run(["scripts/encrypt.ts", "-e"]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /missing permissions --allow-ffi --allow-read\n/);
});
