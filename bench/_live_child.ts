// Private: the capturer processes of bench/live_capture.ts that run wirekit in-process. Each
// prints `{"ready":true}` once capturing, captures until the parent closes its stdin, then
// prints one JSON line: packets captured, bytes, the capture's statistics, milliseconds.

import { capture } from "../lib/capture/mod.ts";
import { PcapWriter } from "../lib/formats/pcap.ts";
import { openPacketRing, openPacketSocket } from "../lib/rawsocket/mod.ts";

/** The capturers a child runs, and how the results table names them. */
export const CHILD_MODES: Record<string, string> = {
  batches: "wirekit libpcap batches()",
  records: "wirekit libpcap records",
  dump: "wirekit libpcap + PcapWriter",
  "ring-batches": "wirekit TPACKET_V3 ring batches()",
  "ring-records": "wirekit TPACKET_V3 ring records",
  "packet-receive": "wirekit AF_PACKET socket receive()",
  "packet-records": "wirekit AF_PACKET socket records",
};

/** What a child prints at the end. */
export interface ChildResult {
  captured: number;
  bytes: number;
  stats: { received: number; dropped: number };
  elapsed: number;
}

/** Calls `stop` when stdin ends (the parent waited for the kernel's buffers to drain). */
function stopAtEof(stop: () => void): void {
  (async () => {
    for await (const _ of Deno.stdin.readable) { /* wait for EOF */ }
    stop();
  })();
}

function ready(): void {
  console.log(JSON.stringify({ ready: true }));
}

/** wirekit's AF_PACKET socket (2 MiB receive buffer) or TPACKET_V3 ring (8 x 256 KiB). */
async function rawCapture(iface: string, mode: string): Promise<ChildResult> {
  const ring = mode.startsWith("ring-")
    ? openPacketRing({ iface, blockSize: 262144, blockCount: 8 })
    : undefined;
  using socket = ring ?? openPacketSocket({ iface, bufferSize: 2 << 20 });
  stopAtEof(() => socket.stop());
  ready();
  let captured = 0;
  let bytes = 0;
  const start = performance.now();
  if (ring !== undefined && mode === "ring-batches") {
    for await (const batch of ring.batches()) {
      captured += batch.count;
      for (let i = 0; i < batch.count; i++) bytes += batch.capturedLengths[i]!;
    }
  } else if (mode === "packet-receive") {
    while (socket.stopReason === undefined) {
      for (let record = socket.receive(); record !== undefined; record = socket.receive()) {
        captured++;
        bytes += record.capturedLength;
      }
      await socket.waitReadable(1000);
    }
  } else {
    for await (const record of socket) {
      captured++;
      bytes += record.capturedLength;
    }
  }
  return { captured, bytes, stats: socket.stats(), elapsed: performance.now() - start };
}

/** wirekit through libpcap, with its defaults (2 MiB buffer, as tcpdump). */
async function libpcapCapture(iface: string, mode: string): Promise<ChildResult> {
  const live = capture({ iface, snapLength: 262144 });
  stopAtEof(() => live.stop());
  ready();
  let captured = 0;
  let bytes = 0;
  const start = performance.now();
  if (mode === "records") {
    for await (const record of live) {
      captured++;
      bytes += record.capturedLength;
    }
  } else if (mode === "dump") {
    const path = await Deno.makeTempFile({ suffix: ".pcap" });
    try {
      using file = await Deno.create(path);
      await using writer = new PcapWriter(file, live.pcapWriterOptions);
      for await (const record of live) {
        await writer.write(record);
        captured++;
        bytes += record.capturedLength;
      }
    } finally {
      await Deno.remove(path);
    }
  } else {
    for await (const batch of live.batches({ reuseBuffers: true })) {
      captured += batch.count;
      for (let i = 0; i < batch.count; i++) bytes += batch.capturedLengths[i]!;
    }
  }
  return { captured, bytes, stats: live.stats(), elapsed: performance.now() - start };
}

/**
 * Runs one capturer on `iface` and prints its result.
 *
 * @param iface The interface.
 * @param mode A key of {@linkcode CHILD_MODES}.
 */
export async function runChild(iface: string, mode: string): Promise<void> {
  const raw = mode.startsWith("packet-") || mode.startsWith("ring-");
  const result = raw ? await rawCapture(iface, mode) : await libpcapCapture(iface, mode);
  console.log(JSON.stringify(result));
  Deno.exit(0);
}
