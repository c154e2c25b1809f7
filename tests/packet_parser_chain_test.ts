/**
 * `PacketParser.parse()` takes the offset it passed to a decoder for the layer's own (it does
 * not read `layer.offset` back, a slow lookup over layers of many classes): so every decoder
 * must store the offset it was given. Checked on every packet of testdata and, when present,
 * of `../shared/captures/`: each layer starts where the one before it ends its header
 * (an octet-stuffed PPP frame's starts its un-escaped copy, the one exception).
 */

import assert from "node:assert/strict";
import { PacketParser } from "../lib/decode.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { sharedCaptures, testdataDir } from "./_shared.ts";

/** The capture files under a folder, recursively. */
function* captureFiles(dir: URL): Generator<URL> {
  for (const entry of Deno.readDirSync(dir)) {
    const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
    if (entry.isDirectory) yield* captureFiles(url);
    else if (/\.(pcap|pcapng|cap)$/.test(entry.name)) yield url;
  }
}

/** Checks the chain of every packet of a file; returns how many layers it checked. */
async function checkChain(file: URL): Promise<number> {
  const parser = new PacketParser();
  let checked = 0;
  let reader;
  try {
    reader = await openCapture(file.pathname);
  } catch {
    return 0; // A capture that wirekit rejects (the corrupt-file cases) has no packets.
  }
  try {
    let frame = 0;
    for await (const batch of reader.batches({ reuseBuffers: true })) {
      for (let i = 0; i < batch.count; i++) {
        frame++;
        const start = batch.offsets[i]!;
        parser.parse(batch.linkTypes[i]!, batch.buffer, start, start + batch.capturedLengths[i]!);
        let at = start;
        let data = batch.buffer;
        for (let k = 0; k < parser.count; k++) {
          const layer = parser.layers[k]!;
          if (layer.data !== data) {
            assert.equal(layer.kind, "ppp-hdlc", `${file.pathname} frame ${frame}: new bytes`);
            data = layer.data;
            at = layer.offset;
          }
          assert.equal(layer.offset, at, `${file.pathname} frame ${frame}: ${layer.kind} offset`);
          at = layer.offset + layer.headerLength;
          checked++;
        }
      }
    }
  } catch (error) {
    if (error instanceof assert.AssertionError) throw error;
    // A file damaged past some packet: the packets before it were checked.
  } finally {
    await reader.close();
  }
  return checked;
}

Deno.test({
  name: "PacketParser: every decoder's layer starts at the offset it was given (testdata)",
  permissions: { read: true },
  async fn() {
    let layers = 0;
    for (const file of captureFiles(testdataDir)) layers += await checkChain(file);
    assert.ok(layers > 1000, `only ${layers} layers checked`);
  },
});

const shared = sharedCaptures();

Deno.test({
  name: "PacketParser: every decoder's layer starts at the offset it was given (shared captures)",
  ignore: shared === undefined,
  permissions: { read: true },
  async fn() {
    let layers = 0, files = 0;
    for (const file of captureFiles(shared!)) {
      const checked = await checkChain(file);
      layers += checked;
      if (checked > 0) files++;
    }
    assert.ok(files > 200 && layers > 20000, `only ${layers} layers of ${files} files checked`);
  },
});
