/**
 * Test helpers for live capture: whether the tests can run (root, libpcap, iproute2), network
 * namespaces joined by a veth pair that the tests create and always remove, and a capture or
 * injection run inside a namespace by a child Deno process (this file is also that child's
 * entry point). Private to the tests.
 *
 * Only namespaces created here and loopback are ever used: the veth pair has both ends in
 * test namespaces, with private addresses that exist nowhere else.
 *
 * @module
 */

import { loadLibpcap } from "../ffi/libpcap.ts";
import { decodeHex, encodeHex } from "../lib/_hex.ts";

/** The Deno executable running the tests, to start child processes with. */
export const denoPath: string = Deno.execPath();

const thisFile = new URL(import.meta.url).pathname;

/** The output of a finished command. */
export interface CommandResult {
  /** The exit code. */
  code: number;
  /** Its standard output. */
  stdout: string;
  /** Its standard error. */
  stderr: string;
}

const decoder = new TextDecoder();

/**
 * Runs a command to completion.
 *
 * @param command The program and its arguments.
 * @param options Environment, standard input.
 * @returns Its exit code and output.
 */
export async function run(
  command: readonly string[],
  options: { env?: Record<string, string>; stdin?: string; clearEnv?: boolean } = {},
): Promise<CommandResult> {
  const [program, ...args] = command;
  const child = new Deno.Command(program!, {
    args,
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.clearEnv === true ? { clearEnv: true } : {}),
  }).spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const output = await child.output();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

async function mustRun(command: readonly string[]): Promise<string> {
  const result = await run(command);
  if (result.code !== 0) {
    throw new Error(`Cannot run ${command.join(" ")}: exit ${result.code}: ${result.stderr}`);
  }
  return result.stdout;
}

let skipReason: Promise<string | undefined> | undefined;

/**
 * Tells why the live capture tests cannot run here, or `undefined` when they can: they need
 * root (CI runs as root), libpcap, and `ip` (iproute2) for the namespaces.
 *
 * @returns The reason to skip, or `undefined`.
 */
export function liveCaptureSkipReason(): Promise<string | undefined> {
  skipReason ??= (async () => {
    if (Deno.build.os !== "linux") return "live capture tests run on Linux only";
    if (Deno.uid() !== 0) return "live capture tests need root (CI runs them as root)";
    try {
      loadLibpcap();
    } catch (error) {
      return `libpcap is not installed (apt-get install libpcap0.8): ${
        error instanceof Error ? error.message : error
      }`;
    }
    for (const [command, name] of [["ip", "ip (iproute2)"], ["ping", "ping (iputils-ping)"]]) {
      try {
        await run([command!, "-V"]);
      } catch {
        return `${name} is not installed`;
      }
    }
    return undefined;
  })();
  return skipReason;
}

/**
 * Tells whether libpcap loads (for the tests that need it but not root).
 *
 * @returns `undefined` when it loads, else why not.
 */
export function libpcapSkipReason(): string | undefined {
  try {
    loadLibpcap();
    return undefined;
  } catch (error) {
    return `libpcap is not installed (apt-get install libpcap0.8): ${
      error instanceof Error ? error.message : error
    }`;
  }
}

/**
 * Prints, once per reason, why tests are skipped.
 *
 * @param file The test file.
 * @param reason The reason, or `undefined` (nothing printed).
 * @returns Whether to skip.
 */
export function reportSkip(file: string, reason: string | undefined): boolean {
  if (reason === undefined) return false;
  console.log(`${file}: skipping live capture tests: ${reason}`);
  return true;
}

let counter = 0;
const created = new Set<string>();

// A namespace left over by a test process that died is removed by the next run.
async function removeStale(): Promise<void> {
  const list = await run(["ip", "netns", "list"]);
  for (const line of list.stdout.split("\n")) {
    const name = line.split(" ")[0] ?? "";
    const match = /^wkt-(\d+)-\d+[ab]$/.exec(name);
    if (match === null) continue;
    try {
      Deno.statSync(`/proc/${match[1]}`);
    } catch {
      await run(["ip", "netns", "delete", name]);
    }
  }
}

// Removes what is left when the process exits without running the disposers.
globalThis.addEventListener("unload", () => {
  for (const name of created) {
    try {
      new Deno.Command("ip", { args: ["netns", "delete", name], stderr: "null" }).outputSync();
    } catch {
      // Best effort.
    }
  }
});

/** Two network namespaces joined by a veth pair; remove with `await using`. */
export interface NetnsPair extends AsyncDisposable {
  /** The namespaces. */
  nsA: string;
  nsB: string;
  /** The veth ends: `ifA` in `nsA`, `ifB` in `nsB`. */
  ifA: string;
  ifB: string;
  /** Their IPv4 addresses (a /24 that exists only in these namespaces). */
  ipA: string;
  ipB: string;
  /** Their MAC addresses. */
  macA: string;
  macB: string;
  /**
   * Runs a command inside a namespace (`ip netns exec`).
   *
   * @param ns The namespace.
   * @param command The command.
   * @returns Its result.
   */
  exec(ns: string, command: readonly string[]): Promise<CommandResult>;
}

/**
 * Creates two namespaces `wkt-<pid>-<n>a` and `…b` joined by a veth pair (`wkt<n>a`, `wkt<n>b`)
 * with fixed MAC addresses and 10.200.0.1/24, 10.200.0.2/24, links up and IPv6 off (so that no
 * neighbour discovery traffic appears). Disposing deletes both namespaces, which removes the
 * pair; an `unload` handler and the next run remove them if the process dies first.
 *
 * @returns The pair.
 */
export async function createNetnsPair(): Promise<NetnsPair> {
  await removeStale();
  const n = counter++;
  const tag = `${Deno.pid % 100000}${n}`;
  const nsA = `wkt-${Deno.pid}-${n}a`;
  const nsB = `wkt-${Deno.pid}-${n}b`;
  const ifA = `wkt${tag}a`.slice(-15);
  const ifB = `wkt${tag}b`.slice(-15);
  const macA = "02:77:6b:00:00:01";
  const macB = "02:77:6b:00:00:02";
  const remove = async () => {
    for (const ns of [nsA, nsB]) {
      if (!created.has(ns)) continue;
      await run(["ip", "netns", "delete", ns]);
      created.delete(ns);
    }
  };
  try {
    for (const ns of [nsA, nsB]) {
      await mustRun(["ip", "netns", "add", ns]);
      created.add(ns);
    }
    await mustRun([
      "ip",
      "link",
      "add",
      ifA,
      "netns",
      nsA,
      "address",
      macA,
      "type",
      "veth",
      "peer",
      "name",
      ifB,
      "netns",
      nsB,
      "address",
      macB,
    ]); // deno-fmt-ignore
    for (const [ns, iface, ip] of [[nsA, ifA, "10.200.0.1"], [nsB, ifB, "10.200.0.2"]]) {
      const inNs = ["ip", "netns", "exec", ns!];
      await mustRun([...inNs, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1"]);
      await mustRun([...inNs, "sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1"]);
      await mustRun([...inNs, "ip", "addr", "add", `${ip}/24`, "dev", iface!]);
      await mustRun([...inNs, "ip", "link", "set", iface!, "up"]);
      await mustRun([...inNs, "ip", "link", "set", "lo", "up"]);
    }
  } catch (error) {
    await remove();
    throw error;
  }
  return {
    nsA,
    nsB,
    ifA,
    ifB,
    ipA: "10.200.0.1",
    ipB: "10.200.0.2",
    macA,
    macB,
    exec: (ns, command) => run(["ip", "netns", "exec", ns, ...command]),
    [Symbol.asyncDispose]: remove,
  };
}

/** A packet as the child prints it. */
export interface ChildRecord {
  timestamp: bigint;
  capturedLength: number;
  originalLength: number;
  linkType: number;
  data: Uint8Array;
}

/** What a child capture reports when it ends. */
export interface ChildCaptureResult {
  records: ChildRecord[];
  stats: { received: number; dropped: number; interfaceDropped: number };
  stopReason: string;
  /** Lines the child printed about its listener (`accepted`, `closed`). */
  events: string[];
}

/** Options of a capture run in a namespace by a child process. */
export interface ChildCaptureOptions {
  iface: string;
  filter?: string;
  count?: number;
  timeout?: number;
  /** Also listen on this TCP port (in the namespace), read until EOF, then close. */
  listen?: number;
}

/** A capture running in a child process inside a namespace. */
export interface ChildCapture {
  /** Asks the child to stop, then returns what it captured. */
  stop(): Promise<ChildCaptureResult>;
  /** Waits for the child to stop by itself (count or timeout). */
  done(): Promise<ChildCaptureResult>;
  /** Waits for a line the child prints (`accepted`, `closed`). */
  event(name: string): Promise<void>;
}

/**
 * Starts a capture inside a namespace, in a child Deno process running this file; resolves
 * once the capture is open (so the traffic sent next is captured).
 *
 * @param ns The namespace.
 * @param options The capture options.
 * @returns The running capture.
 */
export async function startChildCapture(
  ns: string,
  options: ChildCaptureOptions,
): Promise<ChildCapture> {
  const child = new Deno.Command("ip", {
    args: [
      "netns",
      "exec",
      ns,
      denoPath,
      "run",
      "--allow-ffi",
      "--allow-read",
      "--allow-env",
      "--allow-net",
      thisFile,
      "capture",
      JSON.stringify(options),
    ], // deno-fmt-ignore
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const stderr = new Response(child.stderr).text();
  let buffered = "";
  const events: string[] = [];
  const waiters: { name: string; resolve: () => void }[] = [];
  const records: ChildRecord[] = [];
  let final: { stats: ChildCaptureResult["stats"]; stopReason: string } | undefined;
  const handle = (line: string) => {
    const message = JSON.parse(line);
    if (message.event !== undefined) {
      events.push(message.event);
      for (const waiter of waiters.filter((w) => w.name === message.event)) waiter.resolve();
    } else if (message.record !== undefined) {
      const r = message.record;
      records.push({
        timestamp: BigInt(r.timestamp),
        capturedLength: r.capturedLength,
        originalLength: r.originalLength,
        linkType: r.linkType,
        data: decodeHex(r.data),
      });
    } else if (message.end !== undefined) {
      final = message.end;
    }
  };
  const reading = (async () => {
    while (true) {
      const { value, done } = await lines.read();
      if (done) break;
      buffered += value;
      let newline;
      while ((newline = buffered.indexOf("\n")) >= 0) {
        handle(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
      }
    }
  })();
  const finished = (async () => {
    await reading;
    const status = await child.status;
    if (!status.success || final === undefined) {
      throw new Error(`Child capture in ${ns} failed (exit ${status.code}): ${await stderr}`);
    }
    return { records, stats: final.stats, stopReason: final.stopReason, events };
  })();
  finished.catch(() => {});
  const event = (name: string) =>
    events.includes(name) ? Promise.resolve() : new Promise<void>((resolve, reject) => {
      waiters.push({ name, resolve });
      finished.then(() => reject(new Error(`Child ended before "${name}"`)), reject);
    });
  await event("ready");
  const writer = child.stdin.getWriter();
  return {
    async stop() {
      await writer.close().catch(() => {});
      return await finished;
    },
    async done() {
      const result = await finished;
      await writer.close().catch(() => {});
      return result;
    },
    event,
  };
}

/**
 * Injects a frame on an interface inside a namespace, from a child Deno process.
 *
 * @param ns The namespace.
 * @param iface The interface.
 * @param frame The frame.
 * @returns When the child has sent it.
 */
export async function injectInNamespace(
  ns: string,
  iface: string,
  frame: Uint8Array,
): Promise<void> {
  await mustRun([
    "ip",
    "netns",
    "exec",
    ns,
    denoPath,
    "run",
    "--allow-ffi",
    "--allow-read",
    "--allow-env",
    thisFile,
    "inject",
    JSON.stringify({ iface, frame: encodeHex(frame) }),
  ]); // deno-fmt-ignore
}

async function childMain(args: string[]): Promise<void> {
  const { capture } = await import("../lib/capture/mod.ts");
  const [mode, json] = args;
  const options = JSON.parse(json ?? "{}");
  const print = (message: unknown) => console.log(JSON.stringify(message));
  if (mode === "inject") {
    await using live = capture({ iface: options.iface, immediate: true });
    live.inject(decodeHex(options.frame));
    return;
  }
  const live = capture({
    iface: options.iface,
    immediate: true,
    ...(options.filter === undefined ? {} : { filter: options.filter }),
    ...(options.count === undefined ? {} : { count: options.count }),
    ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
  });
  if (options.listen !== undefined) {
    const listener = Deno.listen({ hostname: "0.0.0.0", port: options.listen });
    (async () => {
      const connection = await listener.accept();
      print({ event: "accepted" });
      const buffer = new Uint8Array(1024);
      while ((await connection.read(buffer)) !== null) { /* read until EOF */ }
      connection.close();
      listener.close();
      print({ event: "closed" });
    })();
  }
  // Closing stdin asks to stop.
  (async () => {
    for await (const _ of Deno.stdin.readable) { /* wait for EOF */ }
    live.stop();
  })();
  print({ event: "ready" });
  for await (const record of live) {
    print({
      record: {
        timestamp: record.timestamp.toString(),
        capturedLength: record.capturedLength,
        originalLength: record.originalLength,
        linkType: record.linkType,
        data: encodeHex(record.data),
      },
    });
  }
  print({ end: { stats: live.stats(), stopReason: live.stopReason } });
  Deno.exit(0);
}

if (import.meta.main) await childMain(Deno.args);
