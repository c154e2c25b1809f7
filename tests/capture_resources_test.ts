/**
 * What readers and writers hold: a reader dropped without `close()` gives its file back
 * when collected, a writer dropped without `close()` still writes what it buffered, and a
 * path that is no capture file fails with a `CaptureFileError` that says what to give.
 *
 * @module
 */

import assert from "node:assert/strict";
import { CaptureFileError, openCapture } from "../mod.ts";
import { testdataDir } from "./_shared.ts";

/** Runs a script in a child Deno with `gc()` exposed; returns what it printed as JSON. */
async function inChild(script: string): Promise<Record<string, number>> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--v8-flags=--expose-gc", script],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(output.stderr);
  assert.equal(output.code, 0, stderr);
  return JSON.parse(new TextDecoder().decode(output.stdout));
}

const mod = JSON.stringify(new URL("../mod.ts", import.meta.url).href);
const collect = `
  const targets = () =>
    [...Deno.readDirSync("/proc/self/fd")].flatMap((entry) => {
      try {
        return [entry.name + " " + Deno.readLinkSync("/proc/self/fd/" + entry.name)];
      } catch {
        return []; // the directory's own descriptor, closed by now
      }
    });
  const openFiles = () => targets().length;
  // The runtime opens a few descriptors of its own at the first file operation.
  (await Deno.open(Deno.execPath())).close();
  await collect();
  // Collects until the descriptors opened since \`before\` are closed (or 2 s pass):
  // finalizers run as tasks after a collection, later on a busy machine.
  async function collect(before = 0) {
    for (let i = 0; i < 200 && (i < 5 || openFiles() > before); i++) {
      globalThis.gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
`;

Deno.test("openCapture() on a directory throws a CaptureFileError that names it", async () => {
  const dir = new URL(".", testdataDir).pathname;
  await assert.rejects(() => openCapture(dir), (error: unknown) => {
    assert.ok(error instanceof CaptureFileError);
    assert.equal(error.offset, 0);
    assert.match(error.message, /is a directory, give a pcap or pcapng file$/);
    return true;
  });
});

Deno.test("openCapture() names offset 0 for a file shorter than the magic number", async () => {
  const file = await Deno.makeTempFile();
  try {
    await Deno.writeFile(file, new Uint8Array([0xd4, 0xc3, 0xb2]));
    await assert.rejects(() => openCapture(file), (error: unknown) => {
      assert.ok(error instanceof CaptureFileError);
      assert.equal(error.code, "truncated");
      assert.equal(
        error.message,
        "Cannot open capture file at offset 0: 4 bytes required for the magic number, " +
          "the file ends after 3",
      );
      return true;
    });
  } finally {
    await Deno.remove(file);
  }
});

Deno.test("openCapture() readers dropped without close() give their files back", async () => {
  const capture = JSON.stringify(new URL("namespaces.pcap", testdataDir).pathname);
  const result = await inChild(`
    import { openCapture } from ${mod};
    ${collect}
    const before = openFiles();
    let held = 0;
    async function abandon() {
      const readers = [];
      for (let i = 0; i < 500; i++) readers.push(await openCapture(${capture}));
      held = openFiles() - before;
    }
    await abandon();
    await collect(before);
    console.log(JSON.stringify({ held, left: openFiles() - before }));
  `);
  assert.ok(result.held! >= 500, `the readers held ${result.held} files`);
  assert.equal(result.left, 0);
});

Deno.test("PcapWriter and PcapngWriter dropped without close() still write what they buffered", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const result = await inChild(`
      import { PcapngWriter, PcapWriter, openCapture } from ${mod};
      ${collect}
      const dir = ${JSON.stringify(dir)};
      const before = openFiles();
      const frame = new Uint8Array(60);
      async function abandon(name, Writer) {
        const writer = new Writer(await Deno.create(dir + "/" + name), { closeSink: true });
        if (writer instanceof PcapngWriter) writer.addInterface({ linkType: 1 });
        for (let i = 0; i < 100; i++) {
          await writer.write({ timestamp: BigInt(i), data: frame, linkType: 1, interfaceId: 0 });
        }
      }
      await abandon("a.pcap", PcapWriter);
      await abandon("a.pcapng", PcapngWriter);
      await collect(before);
      const left = openFiles() - before;
      const counts = [];
      for (const name of ["a.pcap", "a.pcapng"]) {
        await using reader = await openCapture(dir + "/" + name);
        counts.push((await Array.fromAsync(reader)).length);
      }
      console.log(JSON.stringify({ left, pcap: counts[0], pcapng: counts[1] }));
    `);
    assert.deepEqual(result, { left: 0, pcap: 100, pcapng: 100 });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
