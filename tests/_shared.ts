/**
 * Small helpers that tests share: where the public test captures are, and whether an
 * external command (tcpdump, tshark, gcc...) is installed, so that tests needing them skip
 * cleanly. Private to the tests.
 *
 * @module
 */

import type { PcapngInterfaceOptions } from "../lib/formats/pcapng.ts";
import { buildIpv4 } from "../lib/craft/mod.ts";
import { decodeHex } from "../lib/_hex.ts";

/** The project root (the folder that holds `deno.json`), seen from `tests/`. */
export const projectRoot: URL = new URL("../", import.meta.url);

/** The project's `testdata/` folder. */
export const testdataDir: URL = new URL("testdata/", projectRoot);

/**
 * Locates the public test captures: the folder `shared/captures/` beside the project root
 * (`<root>/../shared/captures/`), which CI provides read-only and a plain clone lacks.
 *
 * @returns The folder URL (ending in `/`), or `undefined` when it does not exist.
 * @throws {Deno.errors.NotCapable} When the test may not read there: grant `--allow-read`.
 *
 * @example Read the manifest when the captures are there
 * ```ts
 * import { sharedCaptures } from "./_shared.ts";
 *
 * const captures = sharedCaptures();
 * if (captures !== undefined) {
 *   const manifest = Deno.readTextFileSync(new URL("MANIFEST.tsv", captures));
 *   console.log(manifest.split("\n").length);
 * }
 * ```
 */
export function sharedCaptures(): URL | undefined {
  const dir = new URL("../shared/captures/", projectRoot);
  try {
    return Deno.statSync(dir).isDirectory ? dir : undefined;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

const commands = new Map<string, Promise<boolean>>();

async function isExecutable(path: string): Promise<boolean> {
  try {
    const info = await Deno.stat(path);
    // `mode` is null on Windows, where any file found on PATH counts.
    return info.isFile && (info.mode === null || (info.mode & 0o111) !== 0);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
      return false;
    }
    throw error;
  }
}

async function lookUp(name: string): Promise<boolean> {
  if (name.includes("/")) return await isExecutable(name);
  const separator = Deno.build.os === "windows" ? ";" : ":";
  const suffixes = Deno.build.os === "windows" ? ["", ".exe", ".cmd", ".bat"] : [""];
  for (const dir of (Deno.env.get("PATH") ?? "").split(separator)) {
    if (dir === "") continue;
    for (const suffix of suffixes) {
      if (await isExecutable(`${dir}/${name}${suffix}`)) return true;
    }
  }
  return false;
}

/**
 * Tells whether an executable is installed, by looking for it on `PATH` (without running
 * it). Results are cached per name.
 *
 * @param name A command name such as `"tcpdump"`, or a path containing `/`.
 * @returns `true` when an executable file of that name is on `PATH`.
 * @throws {Deno.errors.NotCapable} Without `--allow-env=PATH` and read access to `PATH`.
 *
 * @example Look for commands (pass the result to `Deno.test`'s `ignore`)
 * ```ts
 * import { hasCommand } from "./_shared.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(await hasCommand("wirekit-no-such-command"), false);
 * console.log("tcpdump:", await hasCommand("tcpdump"));
 * ```
 */
export function hasCommand(name: string): Promise<boolean> {
  let found = commands.get(name);
  if (found === undefined) {
    found = lookUp(name);
    commands.set(name, found);
  }
  return found;
}

/**
 * Runs `task` over `items`, `limit` at a time, keeping the order of the results.
 *
 * @param items The items.
 * @param limit How many tasks run at once.
 * @param task The task.
 * @returns The results, in the order of `items`.
 *
 * @example Square numbers two at a time
 * ```ts
 * import { pool } from "./_shared.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(await pool([1, 2, 3], 2, (n) => Promise.resolve(n * n)), [1, 4, 9]);
 * ```
 */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: limit }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  });
  await Promise.all(workers);
  return results;
}

/** The exit code and output of {@linkcode runCommand}. */
export interface CommandOutput {
  /** The exit code. */
  code: number;
  /** The standard output. */
  stdout: Uint8Array;
  /** The standard error, as text. */
  stderr: string;
}

/**
 * Runs a command without colors, in the C locale, feeding it `stdin` when given.
 *
 * @param command The command.
 * @param args Its arguments.
 * @param options The standard input, and variables added to the environment.
 * @returns Its exit code and output.
 *
 * @example Feed a command its standard input
 * ```ts
 * import { runCommand } from "./_shared.ts";
 * import assert from "node:assert/strict";
 *
 * const { code, stdout } = await runCommand("cat", [], { stdin: new Uint8Array([0x61]) });
 * assert.equal(code, 0);
 * assert.deepEqual(stdout, new Uint8Array([0x61]));
 * ```
 */
export async function runCommand(
  command: string,
  args: readonly string[],
  options: { stdin?: Uint8Array | undefined; env?: Record<string, string> } = {},
): Promise<CommandOutput> {
  const child = new Deno.Command(command, {
    args: [...args],
    env: { NO_COLOR: "1", LC_ALL: "C", ...options.env },
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(options.stdin);
    await writer.close();
  }
  const { code, stdout, stderr } = await child.output();
  return { code, stdout, stderr: new TextDecoder().decode(stderr) };
}

/**
 * Runs `deno run ARGS` from the project root as `| head -c 1` reads it: its first piece
 * of output, then the pipe closed.
 *
 * @param args The arguments after `deno run`: flags, the script and its arguments.
 * @returns Its exit code and standard error.
 */
export async function readThenClose(
  args: readonly string[],
): Promise<{ code: number; stderr: string }> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", ...args],
    cwd: new URL(projectRoot).pathname,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const reader = child.stdout.getReader();
  const first = await reader.read();
  if (first.done) throw new Error(`deno run ${args.join(" ")} printed nothing`);
  await reader.cancel();
  const [status, stderr] = await Promise.all([child.status, new Response(child.stderr).text()]);
  return { code: status.code, stderr };
}

/**
 * Runs a script of `scripts/` with `deno run`, from the project root, without colors.
 *
 * @param script The script, relative to the project root (`scripts/pcapinfo.ts`).
 * @param args Its arguments.
 * @param permissions Whether to grant `--allow-read` (default `true`), or the permission
 * flags to grant.
 * @returns Its exit code and output.
 */
export function runScript(
  script: string,
  args: readonly string[],
  permissions: boolean | readonly string[] = true,
): { code: number; stdout: string; stderr: string } {
  const flags = typeof permissions === "boolean"
    ? (permissions ? ["--allow-read"] : [])
    : permissions;
  const output = new Deno.Command(Deno.execPath(), {
    // --quiet: Deno's own lines (a first run downloads npm packages) are not the script's.
    args: ["run", "--quiet", ...flags, script, ...args],
    cwd: new URL(projectRoot).pathname,
    env: { DENO_NO_PACKAGE_JSON: "1", NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).outputSync();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

/**
 * The interfaces of a pcapng file that merges packets of several captures: one per link
 * type and FCS length, numbered as they are first asked for.
 *
 * @example Two link types
 * ```ts
 * import { PcapngInterfaces } from "./_shared.ts";
 * import assert from "node:assert/strict";
 *
 * const interfaces = new PcapngInterfaces();
 * assert.deepEqual([interfaces.idOf(1), interfaces.idOf(101), interfaces.idOf(1)], [0, 1, 0]);
 * assert.equal(interfaces.list.length, 2);
 * ```
 */
export class PcapngInterfaces {
  /** The interfaces, for `pcapngBytes()`. */
  readonly list: PcapngInterfaceOptions[] = [];
  readonly #ids = new Map<string, number>();

  /**
   * The interface of a packet, added when new.
   *
   * @param linkType The packet's link type.
   * @param fcsLength Its FCS length, when known.
   * @returns The interface id.
   */
  idOf(linkType: number, fcsLength?: number): number {
    const key = `${linkType}/${fcsLength}`;
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.list.length;
      this.#ids.set(key, id);
      this.list.push({ linkType, ...(fcsLength === undefined ? {} : { fcsLength }) });
    }
    return id;
  }
}

/** The link types whose every layer wirekit decodes: the corpus files the decode tests use. */
const DECODED_LINK_TYPES: ReadonlySet<number> = new Set([
  0,
  1,
  9,
  10,
  12,
  14,
  101,
  104,
  105,
  107,
  108,
  113,
  119,
  127,
  163,
  192,
  228,
  229,
  239,
  276,
]);

/**
 * The corpus files (from `MANIFEST.tsv`) whose packets all have link types wirekit decodes.
 *
 * @param dir The corpus folder, from {@linkcode sharedCaptures}.
 * @returns Their paths, relative to `dir`.
 */
export async function decodedCorpusFiles(dir: URL): Promise<string[]> {
  const text = await Deno.readTextFile(new URL("MANIFEST.tsv", dir));
  const files: string[] = [];
  for (const line of text.trim().split("\n").slice(1)) {
    const [path, , , linkTypes = ""] = line.split("\t");
    const numbers = [...linkTypes.matchAll(/\((\d+)\)/g)].map((m) => Number(m[1]));
    if (numbers.length > 0 && numbers.every((n) => DECODED_LINK_TYPES.has(n))) files.push(path!);
  }
  return files;
}

/**
 * An IPv4 packet without options or flags, identification 1, TTL 64, with a correct header
 * checksum: what the protocol tests wrap their payloads in.
 *
 * @param protocol The IP protocol.
 * @param source The source address bytes.
 * @param destination The destination address bytes.
 * @param payload The payload.
 * @returns The packet.
 */
export function ipv4Packet(
  protocol: number,
  source: readonly number[],
  destination: readonly number[],
  payload: Uint8Array,
): Uint8Array {
  return buildIpv4({
    source: new Uint8Array(source),
    destination: new Uint8Array(destination),
    protocol,
    identification: 1,
    dontFragment: false,
    payload,
  });
}

/**
 * Joins byte arrays.
 *
 * @param parts The arrays.
 * @returns One array with all their bytes, in order.
 */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * An ICMPv6 message in an IPv6 packet (hop limit 255) for link type RAW, and how much of it
 * a capture kept: what the ICMPv6 tests print.
 *
 * @param addresses The source and destination addresses (32 bytes in hex).
 * @param message The ICMPv6 message in hex.
 * @param cut How many bytes of the message were captured (all by default).
 * @returns The captured bytes and the packet's length on the wire.
 */
export function icmpv6Frame(
  addresses: string,
  message: string,
  cut?: number,
): { bytes: Uint8Array; wire: number } {
  const body = decodeHex(message);
  const header = new Uint8Array([0x60, 0, 0, 0, 0, body.length, 58, 255]);
  const bytes = concatBytes(header, decodeHex(addresses), body);
  return {
    bytes: bytes.subarray(0, cut === undefined ? bytes.length : 40 + cut),
    wire: bytes.length,
  };
}
