/**
 * `exportCaptures()`: with one job the captures are exported in the calling thread, with the
 * outcomes, callbacks and files a worker gives.
 *
 * @module
 */

import assert from "node:assert/strict";
import { type CaptureOutcome, exportCaptures } from "../lib/table/export_captures.ts";
import { testdataDir } from "./_shared.ts";

Deno.test("exportCaptures() with one job or two gives the same outcomes, callbacks and files", async () => {
  const file = new URL("namespaces.pcap", testdataDir).pathname;
  const directory = await Deno.makeTempDir();
  try {
    const runs = [];
    for (const jobs of [1, 2]) {
      const done: [number, CaptureOutcome][] = [];
      const progress = new Set<number>();
      const outcomes = await exportCaptures([file, `${directory}/missing.pcap`, file], {
        options: { format: "csv" },
        output: (index) => `${directory}/j${jobs}-${index}.csv`,
        jobs,
        onProgress: (index) => progress.add(index),
        onDone: (index, outcome) => done.push([index, outcome]),
      });
      assert.equal(done.length, 3);
      assert.deepEqual([...progress].sort(), [0, 2]);
      const texts = [0, 2].map((index) => Deno.readTextFile(`${directory}/j${jobs}-${index}.csv`));
      runs.push({ outcomes, texts: await Promise.all(texts) });
    }
    const [one, two] = runs;
    assert.equal((one!.outcomes[0] as { rows: number }).rows, 46);
    assert.match((one!.outcomes[1] as { error: string }).error, /missing\.pcap/);
    assert.deepEqual(one!.outcomes.map(Object.keys), two!.outcomes.map(Object.keys));
    assert.equal(
      (two!.outcomes[1] as { error: string }).error,
      (one!.outcomes[1] as { error: string }).error,
    );
    assert.deepEqual(one!.texts, two!.texts);
  } finally {
    await Deno.remove(directory, { recursive: true });
  }
});
