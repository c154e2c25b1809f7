/**
 * The harness of the raw socket tests in network namespaces (`rawsocket_netns_test.ts`):
 * it runs `_rawsocket_child.ts` in a namespace, with FFI only, and reads the records and
 * the end it reports as JSON lines.
 *
 * @module
 */

import assert from "node:assert/strict";
import { denoPath, run } from "./_netns.ts";
import type { ChildRequest } from "./_rawsocket_child.ts";
import { decodeHex } from "../lib/_hex.ts";

const childFile = new URL("./_rawsocket_child.ts", import.meta.url).pathname;

/** Why the raw socket tests cannot run here, or `undefined` when they can. */
export async function rawSocketSkipReason(): Promise<string | undefined> {
  if (Deno.build.os !== "linux") return "raw socket tests run on Linux only";
  if (Deno.uid() !== 0) return "raw socket tests need root (CI runs them as root)";
  try {
    await run(["ip", "-V"]);
  } catch {
    return "ip (iproute2) is not installed";
  }
  return undefined;
}

/** A packet the child saw. */
export interface ChildRecord {
  timestamp: bigint;
  linkType: number;
  direction: string | null;
  flags: number | null;
  interfaceIndex: number;
  originalLength: number;
  data: Uint8Array;
}

/** A child listening in a namespace. */
export interface Listener {
  /** Waits for the child to stop by itself (count or timeout). */
  done(): Promise<{ records: ChildRecord[]; end: { stopReason: string } }>;
}

/** Runs the child in a namespace and resolves once its socket is open. */
export async function listen(ns: string, request: ChildRequest): Promise<Listener> {
  const child = new Deno.Command("ip", {
    args: ["netns", "exec", ns, denoPath, "run", "--allow-ffi", childFile, JSON.stringify(request)],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const stderr = new Response(child.stderr).text();
  const records: ChildRecord[] = [];
  let end: { stopReason: string } | undefined;
  let buffered = "";
  let ready!: () => void;
  let failed!: (error: Error) => void;
  const readyPromise = new Promise<void>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });
  const finished = (async () => {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += value;
      let newline;
      while ((newline = buffered.indexOf("\n")) >= 0) {
        const message = JSON.parse(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
        if (message.event === "ready") ready();
        if (message.error !== undefined) failed(new Error(message.error.message));
        if (message.end !== undefined) end = message.end;
        if (message.record !== undefined) {
          records.push({
            ...message.record,
            timestamp: BigInt(message.record.timestamp),
            data: decodeHex(message.record.data),
          });
        }
      }
    }
    const status = await child.status;
    if (end === undefined) {
      const error = new Error(`Child in ${ns} failed (exit ${status.code}): ${await stderr}`);
      failed(error);
      throw error;
    }
    return { records, end };
  })();
  finished.catch(() => {});
  await readyPromise;
  return {
    async done() {
      const result = await finished;
      await child.stdin.close().catch(() => {});
      return result;
    },
  };
}

/** The last line a child run once printed: the error that opening raised, if any. */
export interface ChildOutcome {
  /** The error's name, code and message. */
  error: { name: string; code: string; message: string };
}

/** Runs the child once to completion (sending, or opening to see the error). */
export async function once(
  ns: string | undefined,
  request: ChildRequest,
  prefix: string[] = [],
): Promise<ChildOutcome | undefined> {
  const command = [...prefix, denoPath, "run", "--allow-ffi", childFile, JSON.stringify(request)];
  const result = await run(ns === undefined ? command : ["ip", "netns", "exec", ns, ...command]);
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.trim() === ""
    ? undefined
    : JSON.parse(result.stdout.trim().split("\n").at(-1)!);
}
