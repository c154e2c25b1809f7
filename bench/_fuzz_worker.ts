/**
 * A worker of the long fuzz run (`fuzz.ts`): builds the corpus, then runs the targets on
 * a range of iterations, writing its progress to shared memory (the parent's watchdog
 * reads it to catch hangs) and posting findings and heap samples.
 *
 * Private to `bench/`.
 *
 * @module
 */

/// <reference lib="deno.worker" />

import { openCapture } from "../lib/formats/open_capture.ts";
import { encodeHex } from "../lib/_hex.ts";
import { LinkType } from "../lib/link_type.ts";
import { mutateDeep, prng } from "../tests/_fuzz.ts";
import { LINK_TYPES, SEEDS } from "../tests/_fuzz_seeds.ts";
import { TrafficGenerator } from "./_traffic.ts";
import type { FuzzCheck, FuzzCorpus, FuzzFrame, FuzzTarget } from "./_fuzz_targets.ts";

/** What the parent sends to start a worker. */
export interface FuzzWorkerJob {
  seed: number;
  /** The first iteration. */
  from: number;
  /** The iteration after the last. */
  to: number;
  /** The module exporting `FUZZ_TARGETS`. */
  targetsModule: string;
  /** The names of the targets to run. */
  targets: string[];
  /** Progress: `[iterations done, index of the target running]` at `slot * 2`. */
  progress: SharedArrayBuffer;
  slot: number;
  /** Post a heap sample every this many iterations. */
  memoryEvery: number;
}

/** What a worker posts. */
export type FuzzWorkerMessage =
  | { type: "ready" }
  | {
    type: "finding";
    target: string;
    iteration: number;
    message: string;
    linkType: number;
    input: string;
  }
  /** `heapUsed`: the heap in use plus the memory held outside it (array buffers). */
  | { type: "memory"; iteration: number; heapUsed: number }
  | { type: "done" };

/** Frames kept per corpus file, and generated per traffic shape. */
const FRAMES_PER_FILE = 200;
const TRAFFIC_FRAMES = 400;
/** Fresh state (flow tables, printers) every this many iterations: findings repeat alone. */
export const BLOCK = 256;

/** Mixes two 32-bit numbers into a seed (murmur3's finalizer over both). */
export function mixSeed(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

async function captureFiles(dir: URL): Promise<URL[]> {
  const files: URL[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
    if (entry.isDirectory) files.push(...await captureFiles(url));
    else if (/\.pcap(ng)?$/.test(entry.name)) files.push(url);
  }
  return files.sort((a, b) => a.href.localeCompare(b.href));
}

/** The fuzz test's seeds, the frames of `testdata/`, and benchmark traffic of both shapes. */
export async function buildCorpus(): Promise<FuzzCorpus> {
  const frames: FuzzFrame[] = SEEDS.map(([linkType, data]) => ({ linkType, data }));
  const files: Uint8Array[] = [];
  for (const url of await captureFiles(new URL("../testdata/", import.meta.url))) {
    const bytes = await Deno.readFile(url);
    files.push(bytes);
    try {
      await using reader = await openCapture(ReadableStream.from([bytes]));
      let kept = 0;
      for await (const record of reader) {
        frames.push({ linkType: record.linkType, data: record.data });
        if (++kept === FRAMES_PER_FILE) break;
      }
    } catch {
      // A damaged test file (some are, on purpose): its whole records are kept.
    }
  }
  for (const shape of ["lan", "small"] as const) {
    const traffic = new TrafficGenerator({ seed: 7, shape });
    for (let i = 0; i < TRAFFIC_FRAMES; i++) {
      const length = traffic.next();
      frames.push({ linkType: LinkType.EN10MB, data: traffic.frame.slice(0, length) });
    }
  }
  return { frames, files };
}

async function run(job: FuzzWorkerJob): Promise<void> {
  const { FUZZ_TARGETS } = await import(job.targetsModule) as {
    FUZZ_TARGETS: readonly FuzzTarget[];
  };
  const corpus = await buildCorpus();
  const donors = corpus.frames.map((frame) => frame.data);
  const selected: { index: number; target: FuzzTarget; check: FuzzCheck }[] = [];
  FUZZ_TARGETS.forEach((target, index) => {
    if (job.targets.includes(target.name)) {
      selected.push({ index, target, check: target.create(corpus) });
    }
  });
  const progress = new Int32Array(job.progress);
  const at = job.slot * 2;
  const post = (message: FuzzWorkerMessage) => self.postMessage(message);
  const gc = (globalThis as { gc?: () => void }).gc;
  post({ type: "ready" });
  for (let i = job.from; i < job.to; i++) {
    const random = prng(mixSeed(job.seed, i));
    const frame = corpus.frames[random() % corpus.frames.length]!;
    const data = mutateDeep(random, frame.data, donors);
    const linkType = random() % 8 === 0
      ? LINK_TYPES[random() % LINK_TYPES.length]!
      : frame.linkType;
    const fresh = i === job.from || i % BLOCK === 0;
    for (const { index, target, check } of selected) {
      if (i % (target.every ?? 1) !== 0) continue;
      Atomics.store(progress, at + 1, index);
      const input = {
        iteration: i,
        fresh,
        random: prng(mixSeed(mixSeed(job.seed, i), index + 1)),
        linkType,
        data,
        corpus,
      };
      try {
        const pending = check(input);
        if (pending !== undefined) await pending;
      } catch (error) {
        const message = error instanceof Error
          ? (error.stack ?? `${error.name}: ${error.message}`)
          : String(error);
        const cause = error instanceof Error && error.cause instanceof Error
          ? `\nCaused by ${error.cause.stack ?? error.cause.message}`
          : "";
        post({
          type: "finding",
          target: target.name,
          iteration: i,
          message: message + cause,
          linkType,
          input: encodeHex(data.subarray(0, 4096)),
        });
      }
    }
    Atomics.store(progress, at, i - job.from + 1);
    if ((i + 1) % job.memoryEvery === 0) {
      gc?.();
      const { heapUsed, external } = Deno.memoryUsage();
      post({ type: "memory", iteration: i, heapUsed: heapUsed + external });
    }
  }
  post({ type: "done" });
}

self.onmessage = (event: MessageEvent<FuzzWorkerJob>) => {
  run(event.data).catch((error) => {
    // Setting up failed (no corpus, a bad targets module): the parent reports it.
    setTimeout(() => {
      throw error;
    });
  });
};
