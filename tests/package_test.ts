/**
 * What a user gets: `deno publish` packs the library, the scripts and their documents, not
 * the tests, benchmarks, captures or development files.
 *
 * @module
 */

import assert from "node:assert/strict";
import { projectRoot } from "./_shared.ts";

Deno.test({
  name: "deno publish --dry-run packs only the library, the scripts and their documents",
  permissions: { read: true, run: true, env: true, write: true, net: true },
  async fn() {
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["publish", "--dry-run", "--allow-dirty", "--no-check"],
      cwd: new URL(projectRoot).pathname,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr);
    assert.equal(output.code, 0, text);
    const root = new URL(projectRoot).href;
    const files = [...text.matchAll(/(file:\/\/\/\S+)/g)].map((m) => m[1]!.slice(root.length));
    const top = new Set(files.map((file) => file.split("/")[0]));
    assert.deepEqual(
      [...top].sort(),
      ["LICENSE", "README.md", "deno.json", "ffi", "lib", "mod.ts", "scripts"],
    );
    assert.ok(files.includes("lib/decode.ts") && files.includes("scripts/sniff.ts"));
  },
});
