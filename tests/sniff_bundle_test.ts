// sniff.ts made into a few files by `deno bundle` (README, "Benchmarks": its fastest
// start-up, which bench/print_compare.ts --bundle times) prints what the script prints:
// the common protocols from the entry, the rare ones from the chunk it loads on demand,
// and an xz file through the npm package the bundle leaves as an import.

import assert from "node:assert/strict";
import { bundle } from "../bench/_tools.ts";
import { runScript } from "./_shared.ts";
import { withTempDir } from "./_temp_dir.ts";

const testdata = new URL("../testdata/", import.meta.url).pathname;

Deno.test("sniff.ts bundled by deno bundle prints what the script prints", async () => {
  await withTempDir(async (dir) => {
    const bundled = await bundle("scripts/sniff.ts", dir);
    assert.ok(bundled !== undefined, "deno bundle failed");
    const xz = `${dir}/lo_ping.pcap.xz`;
    const packed = await new Deno.Command("xz", {
      args: ["-c", `${testdata}lo_ping.pcap`],
      stdout: "piped",
    }).output();
    assert.ok(packed.success);
    await Deno.writeFile(xz, packed.stdout);
    const cases = [
      [`${testdata}namespaces.pcap`, "-n"],
      [`${testdata}namespaces.pcap`, "-n -v -e"],
      // BGP is not among the protocols sniff.ts starts with.
      [`${testdata}crafted/bgp_messages.pcap`, "-n -v"],
      [xz, "-n"],
    ];
    for (const [file, options] of cases) {
      const args = [...options!.split(" "), "-r", file!];
      const script = runScript("scripts/sniff.ts", args);
      assert.equal(script.code, 0, script.stderr);
      assert.ok(script.stdout.split("\n").length > 4, `${file} ${options}: too few lines`);
      assert.deepEqual(runScript(bundled, args), script, `${file} ${options}`);
    }
  });
});
