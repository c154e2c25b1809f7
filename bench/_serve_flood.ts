/**
 * A flood through `scripts/serve.ts` with a stalled browser (private; used by
 * `bench/serve_flood.ts` and `tests/serve_flood_test.ts`). serve.ts runs as a user runs it,
 * reading a pcap stream on its standard input (`-r -`), so the flood is as long as asked
 * without a file on disk; one WebSocket client asks for rows and then never reads again (a
 * stalled browser tab), another reads the status updates. The child's resident memory is
 * sampled from `/proc` as the packets go in.
 *
 * @module
 */

import { buildEthernet, buildIcmpEcho, buildIpv4, buildTcp, buildUdp } from "../lib/craft/mod.ts";
import { cpuTimes, readFirstLine, ROOT } from "./_tools.ts";

/** Options of {@linkcode runServeFlood}. */
export interface ServeFloodOptions {
  /** How many packets go through serve.ts. */
  packets: number;
  /** serve.ts' `--keep`: the ring's capacity. */
  keep: number;
  /** The packet rate the timestamps advance at (packets per second of capture time). */
  rate: number;
  /**
   * How many row requests the stalled client sends before it stops reading (default 2000:
   * their replies, ~75 KB each, are more than the kernel's socket buffers hold, up to
   * 32 MiB + 4 MiB on Linux with autotuning, so the server's own queue backs up).
   */
  stalledRequests?: number;
}

/** One sample of serve.ts' memory. */
export interface FloodSample {
  /** Packets written to serve.ts so far. */
  written: number;
  /** Its resident set, in KiB. */
  rssKiB: number;
}

/** What {@linkcode runServeFlood} measured. */
export interface ServeFloodResult {
  /** Packets serve.ts took in (its status' total). */
  total: number;
  /** Packets the ring no longer holds. */
  evicted: number;
  /** Status updates skipped because a browser's socket was backed up. */
  skipped: number;
  /** Resident memory as the flood went on. */
  samples: FloodSample[];
  /** Resident memory at the end, in KiB. */
  finalRssKiB: number;
  /** The peak resident memory (VmHWM), in KiB. */
  peakRssKiB: number;
  /** serve.ts' CPU time, user and system, in seconds. */
  cpuSeconds: { user: number; system: number };
  /** Wall time of the flood, in seconds. */
  elapsed: number;
}

const SERVE = new URL("../scripts/serve.ts", import.meta.url).pathname;
const CHUNK = 4096;
const MAC = { source: "02:00:00:00:00:01", destination: "02:00:00:00:00:02" };

/** A few thousand distinct frames: TCP, UDP and ICMP between 64 hosts, 16 ports each. */
function frames(): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < 4096; i++) {
    const source = `10.1.${i % 8}.${(i >> 3) % 8 + 1}`;
    const destination = `10.2.0.${i % 64 + 1}`;
    const sourcePort = 40000 + (i % 16);
    const kind = i % 4;
    const payload = new Uint8Array(16 + (i % 7) * 40).fill(i & 0xff);
    const [protocol, segment] = kind === 3
      ? [1, buildIcmpEcho({ identifier: i, sequence: i, payload })]
      : kind === 2
      ? [17, buildUdp({ source, destination, sourcePort, destinationPort: 53, payload })]
      : [6, buildTcp({ source, destination, sourcePort, destinationPort: 443, payload })];
    const ip = buildIpv4({ source, destination, protocol, payload: segment });
    out.push(buildEthernet({ ...MAC, etherType: 0x0800, payload: ip }));
  }
  return out;
}

function pcapHeader(): Uint8Array {
  const header = new Uint8Array(24);
  const view = new DataView(header.buffer);
  view.setUint32(0, 0xa1b23c4d, true); // nanosecond timestamps
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, 262144, true);
  view.setUint32(20, 1, true);
  return header;
}

/** Packets `[from, from + count)` as pcap records, timestamps `rate` per second. */
function records(all: Uint8Array[], from: number, count: number, rate: number): Uint8Array {
  let size = 0;
  for (let i = 0; i < count; i++) size += 16 + all[(from + i) % all.length]!.length;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  let at = 0;
  for (let i = 0; i < count; i++) {
    const frame = all[(from + i) % all.length]!;
    const time = 1_700_000_000 * 1e9 + Math.round(((from + i) * 1e9) / rate);
    view.setUint32(at, Math.floor(time / 1e9), true);
    view.setUint32(at + 4, time % 1e9, true);
    view.setUint32(at + 8, frame.length, true);
    view.setUint32(at + 12, frame.length, true);
    bytes.set(frame, at + 16);
    at += 16 + frame.length;
  }
  return bytes;
}

function status(pid: number, field: "VmRSS" | "VmHWM"): number {
  const text = Deno.readTextFileSync(`/proc/${pid}/status`);
  return Number(text.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"))?.[1] ?? NaN);
}

/** A masked WebSocket text frame, as a client sends it. */
function clientFrame(text: string): Uint8Array {
  const payload = new TextEncoder().encode(text);
  const length = payload.length < 126 ? 1 : 3;
  const frame = new Uint8Array(2 + (length - 1) + 4 + payload.length);
  frame[0] = 0x81;
  if (length === 1) frame[1] = 0x80 | payload.length;
  else {
    frame[1] = 0x80 | 126;
    frame[2] = payload.length >> 8;
    frame[3] = payload.length & 0xff;
  }
  const mask = crypto.getRandomValues(new Uint8Array(4));
  const at = 2 + (length - 1);
  frame.set(mask, at);
  for (let i = 0; i < payload.length; i++) frame[at + 4 + i] = payload[i]! ^ mask[i % 4]!;
  return frame;
}

/**
 * Opens a WebSocket on a raw connection, sends `requests` row requests and never reads:
 * a browser tab that stopped. Returns the connection, to close at the end.
 */
async function stalledClient(url: URL, requests: number): Promise<Deno.Conn> {
  const connection = await Deno.connect({ hostname: url.hostname, port: Number(url.port) });
  const key = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const request = `GET /socket HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\n` +
    `Connection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`;
  let out = new TextEncoder().encode(request);
  for (let i = 0; i < requests; i++) {
    const frame = clientFrame(JSON.stringify({ type: "rows", from: 0, count: 500 }));
    const joined = new Uint8Array(out.length + frame.length);
    joined.set(out);
    joined.set(frame, out.length);
    out = joined;
  }
  // A server that cannot write to a socket may stop reading it too, so the requests may
  // never all be taken: they are written in the background, as a tab that queued them.
  (async () => {
    for (let at = 0; at < out.length;) at += await connection.write(out.subarray(at));
  })().catch(() => {});
  return connection;
}

/** A write to serve.ts that did not end within 2 minutes: serve.ts stopped reading. */
async function beforeDeadline(write: Promise<void>, what: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Cannot flood serve.ts: ${what}`)), 120_000);
  });
  try {
    await Promise.race([write, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A client that reads the status updates, keeping the last. */
function observer(url: URL): { socket: WebSocket; last: () => Record<string, unknown> } {
  const socket = new WebSocket(`ws://${url.host}/socket`);
  let last: Record<string, unknown> = {};
  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data));
    if (message.type === "status") last = message;
  };
  return { socket, last: () => last };
}

/**
 * Floods serve.ts with packets while one browser is stalled and another watches.
 *
 * @param options How many packets, the ring's size, and the capture-time rate.
 * @returns The figures.
 */
export async function runServeFlood(options: ServeFloodOptions): Promise<ServeFloodResult> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net=127.0.0.1",
      "--allow-read",
      "--allow-ffi",
      SERVE,
      "-r",
      "-",
      "--port",
      "0",
      "--keep",
      String(options.keep),
    ],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const writer = child.stdin.getWriter();
  const stdout = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  try {
    const address = (async () => {
      const text = await readFirstLine(stdout);
      if (!text.includes("\n")) {
        throw new Error(`Cannot flood serve.ts: it printed ${JSON.stringify(text)}`);
      }
      return new URL(text.match(/^Serving on (\S+)/)![1]!);
    })();
    const all = frames();
    await writer.write(pcapHeader());
    // The reader takes a buffer's worth of packets before serve.ts prints its address.
    let url: URL | undefined;
    void address.then((found) => (url = found), () => {});
    let watch: ReturnType<typeof observer> | undefined;
    let stalled: Deno.Conn | undefined;
    const samples: FloodSample[] = [];
    const started = performance.now();
    let sampled = 0;
    for (let written = 0; written < options.packets;) {
      const count = Math.min(CHUNK, options.packets - written);
      await beforeDeadline(
        writer.write(records(all, written, count, options.rate)),
        `it stopped reading after ${written} packets`,
      );
      written += count;
      if (watch === undefined && url !== undefined) {
        watch = observer(url);
        stalled = await stalledClient(url, options.stalledRequests ?? 2000);
      }
      if (performance.now() - sampled > 250 || written === options.packets) {
        sampled = performance.now();
        samples.push({ written, rssKiB: status(child.pid, "VmRSS") });
      }
    }
    await writer.close();
    if (watch === undefined) {
      watch = observer(await address);
      stalled = await stalledClient(await address, options.stalledRequests ?? 2000);
    }
    const deadline = performance.now() + 600_000;
    while (watch.last().total !== options.packets || watch.last().finished !== true) {
      if (performance.now() > deadline) {
        throw new Error(`Cannot flood serve.ts: it took ${watch.last().total} packets`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const elapsed = (performance.now() - started) / 1000;
    const last = watch.last();
    const result: ServeFloodResult = {
      total: Number(last.total),
      evicted: Number(last.evicted),
      skipped: Number(last.skipped),
      samples,
      finalRssKiB: status(child.pid, "VmRSS"),
      peakRssKiB: status(child.pid, "VmHWM"),
      cpuSeconds: cpuTimes(child.pid),
      elapsed,
    };
    watch.socket.close();
    stalled?.close();
    return result;
  } finally {
    stdout.releaseLock();
    await child.stdout.cancel().catch(() => {});
    try {
      child.kill("SIGINT");
    } catch {
      // already gone
    }
    await child.status;
  }
}
