/**
 * Writes `http_lossy_reordered.pcap`: `http_lossy.pcap` with TCP segments that carry data
 * moved later (reordered) and sent twice (duplicated), as a network that reorders and
 * duplicates would deliver them. The choices come from a xorshift generator with a fixed
 * seed, so the output is the same every run; each packet keeps its bytes, and the
 * timestamps stay in the original order (a moved packet takes the time of its new slot).
 *
 * Run: `deno run --allow-read=testdata --allow-write=testdata testdata/reorder_segments.ts`
 *
 * @module
 */

import { openCapture } from "../lib/formats/open_capture.ts";
import { pcapBytes } from "../lib/formats/pcap.ts";
import type { CaptureRecord } from "../lib/formats/capture_reader.ts";
import { decode } from "../lib/decode.ts";

const here = new URL("./", import.meta.url);

/** Whether a record is a TCP segment with data. */
function carriesData(record: CaptureRecord): boolean {
  const tcp = decode(record.linkType, record.data).layer("tcp");
  return tcp !== undefined && tcp.payload.length > 0;
}

/** The TCP source port of a record, or -1. */
function sourcePort(record: CaptureRecord): number {
  return decode(record.linkType, record.data).layer("tcp")?.sourcePort ?? -1;
}

/**
 * Moves about one data segment in six two to four places later, among the packets of its
 * own direction (never past an acknowledgment of it, which a receiver could not send), and
 * sends about one in twelve again three places later.
 *
 * @param records The packets, in capture order.
 * @param seed The generator's seed.
 * @returns The packets rewritten.
 */
export function reorderAndDuplicate(records: readonly CaptureRecord[], seed = 7): CaptureRecord[] {
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
  const order = [...records];
  for (let i = 0; i < order.length; i++) {
    if (!carriesData(order[i]!) || random() >= 1 / 6) continue;
    let to = i;
    const steps = 2 + Math.floor(random() * 3);
    while (
      to - i < steps && to + 1 < order.length &&
      sourcePort(order[to + 1]!) === sourcePort(order[i]!)
    ) to++;
    const [moved] = order.splice(i, 1);
    order.splice(to, 0, moved!);
  }
  const out: CaptureRecord[] = [];
  const later = new Map<number, CaptureRecord[]>();
  for (let i = 0; i < order.length; i++) {
    const record = order[i]!;
    out.push(record);
    for (const again of later.get(i) ?? []) out.push(again);
    if (carriesData(record) && random() < 1 / 12) {
      const at = Math.min(order.length - 1, i + 3);
      later.set(at, [...(later.get(at) ?? []), record]);
    }
  }
  // Times in the original order: each slot keeps its time; extra copies share the last.
  const times = records.map((record) => record.timestamp);
  return out.map((record, i) => ({
    ...record,
    timestamp: times[Math.min(i, times.length - 1)]! + BigInt(Math.max(0, i - times.length + 1)) * 1000n,
  }));
}

/**
 * Builds `http_lossy_reordered.pcap` from `http_lossy.pcap`.
 *
 * @returns The bytes of the pcap file.
 */
export async function reorderedCapture(): Promise<Uint8Array> {
  await using reader = await openCapture(new URL("http_lossy.pcap", here));
  const records = await Array.fromAsync(reader);
  return pcapBytes(reorderAndDuplicate(records), { linkType: records[0]!.linkType });
}

if (import.meta.main) {
  Deno.writeFileSync(new URL("http_lossy_reordered.pcap", here), await reorderedCapture());
}
