/**
 * Defragmentation under a flood of tiny fragments: pushes N 8-byte IPv4 fragments (by
 * default a million), spread over many identifications so that none completes, through a
 * reused `PacketParser` into a `Defragmenter` with its default limits, and prints the time
 * per fragment (elapsed and CPU), the most bytes and datagrams held, the drops by reason, and the heap after
 * a forced garbage collection, before and after, and what each fragment held costs the heap.
 *
 * ```sh
 * deno run --v8-flags=--expose-gc bench/defrag_flood.ts [--fragments N] [--ids N]
 * ```
 *
 * @module
 */

import { cpuUsage } from "node:process";
import { parseArgs } from "node:util";
import { PacketParser } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import {
  DEFRAG_DATAGRAM_OVERHEAD,
  DEFRAG_FRAGMENT_OVERHEAD,
  Defragmenter,
} from "../lib/reassembly/defragmenter.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    fragments: { type: "string", default: "1000000" },
    ids: { type: "string", default: "65536" },
  },
});
const count = Number(values.fragments);
const ids = Number(values.ids);
if (!(count > 0) || !(ids > 0 && ids <= 65536)) {
  console.error("defrag_flood.ts: --fragments must be positive, --ids between 1 and 65536");
  Deno.exit(2);
}

const gc = (globalThis as { gc?: () => void }).gc;
function heap(): number {
  gc?.();
  return Deno.memoryUsage().heapUsed;
}

// 10.0.0.1 -> 10.0.0.2, UDP, MF set, 8 bytes of data; identification and offset vary.
const bytes = new Uint8Array([
  0x45,
  0,
  0,
  28,
  0,
  0,
  0x20,
  0,
  64,
  17,
  0,
  0,
  10,
  0,
  0,
  1,
  10,
  0,
  0,
  2,
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  8,
]);
const parser = new PacketParser();
const defrag = new Defragmenter();
const before = heap();
let peakBytes = 0;
let peakDatagrams = 0;
const start = performance.now();
const cpuStart = cpuUsage();
for (let i = 0; i < count; i++) {
  const id = i % ids;
  const offset = (Math.floor(i / ids) * 8) % 65528;
  bytes[4] = id >> 8;
  bytes[5] = id & 0xff;
  bytes[6] = 0x20 | (offset >> 11);
  bytes[7] = (offset >> 3) & 0xff;
  parser.parse(LinkType.IPV4, bytes);
  defrag.push(parser, { frame: i + 1, timestamp: BigInt(i) * 1000n });
  if (defrag.pendingBytes > peakBytes) peakBytes = defrag.pendingBytes;
  if (defrag.pendingDatagrams > peakDatagrams) peakDatagrams = defrag.pendingDatagrams;
}
const elapsed = performance.now() - start;
const cpu = cpuUsage(cpuStart);
const held = heap();
defrag.flush();
const after = heap();
const flushed = defrag.stats.droppedFragments.flushed;
const datagrams = defrag.stats.droppedDatagrams.flushed;
const dropped = Object.entries(defrag.stats.droppedFragments).filter(([, n]) => n > 0);
console.log(`fragments pushed:     ${count.toLocaleString("en")} (${ids} identifications)`);
console.log(
  `time per fragment:    ${(elapsed * 1000 / count).toFixed(2)} µs elapsed, ` +
    `${((cpu.user + cpu.system) / count).toFixed(2)} µs of CPU`,
);
console.log(`most bytes held:      ${peakBytes.toLocaleString("en")} (limit 4,194,304)`);
console.log(`most datagrams held:  ${peakDatagrams} (limit 4096)`);
console.log(`fragments dropped:    ${dropped.map(([reason, n]) => `${reason} ${n}`).join(", ")}`);
console.log(
  `heap${gc === undefined ? " (no --expose-gc: garbage included)" : ""}: ` +
    `${(before / 2 ** 20).toFixed(1)} MiB before, ${(held / 2 ** 20).toFixed(1)} MiB at the end, ` +
    `${(after / 2 ** 20).toFixed(1)} MiB after flush()`,
);
const counted = flushed * (8 + DEFRAG_FRAGMENT_OVERHEAD) + datagrams * DEFRAG_DATAGRAM_OVERHEAD;
console.log(
  `held at the end:      ${flushed} fragments in ${datagrams} datagrams, ` +
    `${((held - after) / 2 ** 20).toFixed(2)} MiB of heap, counted as ${
      (counted / 2 ** 20).toFixed(2)
    } MiB`,
);
