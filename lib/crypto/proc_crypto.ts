/**
 * What the kernel's crypto API offers, from `/proc/crypto`: one entry per algorithm
 * implementation (driver), with its sizes. The kernel lists only algorithms that are
 * instantiated: templates such as `hmac(sha256)` or `cbc(aes)` appear once something
 * used them.
 *
 * @module
 */

import { libc } from "../../ffi/libc.ts";

/** The AF_ALG socket types and the `/proc/crypto` types that serve each. */
export const AF_ALG_TYPES = {
  hash: ["shash", "ahash"],
  skcipher: ["skcipher"],
  aead: ["aead"],
  rng: ["rng"],
} as const;

/** An AF_ALG socket type: `hash`, `skcipher`, `aead` or `rng`. */
export type AlgType = keyof typeof AF_ALG_TYPES;

/** One `/proc/crypto` entry. Sizes are in bytes; absent fields are `undefined`. */
export interface KernelAlgorithm {
  /** The algorithm name, such as `cbc(aes)`. */
  name: string;
  /** The implementation, such as `cbc-aes-aesni`. */
  driver: string;
  /** The kernel module, or `kernel`. */
  module: string;
  /** Higher wins when several drivers implement a name. */
  priority: number;
  /** The `/proc/crypto` type, such as `shash`, `skcipher`, `aead`, `rng`. */
  type: string;
  /** `blocksize`. */
  blockSize: number | undefined;
  /** `digestsize` (hashes). */
  digestSize: number | undefined;
  /** `min keysize` (ciphers). */
  minKeySize: number | undefined;
  /** `max keysize` (ciphers). */
  maxKeySize: number | undefined;
  /** `ivsize` (ciphers, AEADs). */
  ivSize: number | undefined;
  /** `chunksize` (ciphers): the granularity of a streamed operation. */
  chunkSize: number | undefined;
  /** `maxauthsize` (AEADs): the largest tag. */
  maxAuthSize: number | undefined;
  /** `seedsize` (RNGs): 0 when the RNG seeds itself. */
  seedSize: number | undefined;
  /** `internal: yes` entries cannot be bound from user space. */
  internal: boolean;
}

function numberField(fields: Map<string, string>, key: string): number | undefined {
  const value = fields.get(key);
  if (value === undefined) return undefined;
  const number = Number.parseInt(value, 10);
  return Number.isNaN(number) ? undefined : number;
}

/**
 * Parses the text of `/proc/crypto`.
 *
 * @param text The file's text.
 * @returns One entry per block, in file order.
 *
 * @example Parse one entry
 * ```ts
 * import { parseProcCrypto } from "./proc_crypto.ts";
 * import assert from "node:assert/strict";
 *
 * const [entry] = parseProcCrypto(
 *   "name         : sha256\ndriver       : sha256-generic\nmodule       : kernel\n" +
 *     "priority     : 100\ntype         : shash\nblocksize    : 64\ndigestsize   : 32\n",
 * );
 * assert.equal(entry?.digestSize, 32);
 * assert.equal(entry?.type, "shash");
 * ```
 */
export function parseProcCrypto(text: string): KernelAlgorithm[] {
  const algorithms: KernelAlgorithm[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    for (const line of block.split("\n")) {
      const colon = line.indexOf(":");
      if (colon < 0) continue;
      fields.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    }
    const name = fields.get("name");
    if (name === undefined) continue;
    algorithms.push({
      name,
      driver: fields.get("driver") ?? name,
      module: fields.get("module") ?? "",
      priority: numberField(fields, "priority") ?? 0,
      type: fields.get("type") ?? "",
      blockSize: numberField(fields, "blocksize"),
      digestSize: numberField(fields, "digestsize"),
      minKeySize: numberField(fields, "min keysize"),
      maxKeySize: numberField(fields, "max keysize"),
      ivSize: numberField(fields, "ivsize"),
      chunkSize: numberField(fields, "chunksize"),
      maxAuthSize: numberField(fields, "maxauthsize"),
      seedSize: numberField(fields, "seedsize"),
      internal: fields.get("internal") === "yes",
    });
  }
  return algorithms;
}

/** Where the kernel lists its algorithms. */
export const PROC_CRYPTO = "/proc/crypto";

/**
 * Reads `/proc/crypto`, when the program may: without read permission for it (or off
 * Linux) this returns `undefined` instead of prompting or throwing. Deno wants
 * `--allow-all` for files under `/proc`; with `--allow-read` and `--allow-ffi` the file is
 * read through libc instead.
 *
 * @returns Every entry, or `undefined` when it cannot be read.
 *
 * @example List the hashes the kernel has ready
 * ```ts ignore
 * import { readProcCrypto } from "./proc_crypto.ts";
 *
 * console.log(readProcCrypto()?.filter((a) => a.type === "shash").map((a) => a.name));
 * ```
 */
export function readProcCrypto(): KernelAlgorithm[] | undefined {
  try {
    if (Deno.permissions.querySync({ name: "read", path: PROC_CRYPTO }).state !== "granted") {
      return undefined;
    }
    let text: string;
    try {
      text = Deno.readTextFileSync(PROC_CRYPTO);
    } catch (error) {
      // Deno asks for --allow-all to read files under /proc; with read permission granted
      // and --allow-ffi (which the kernel crypto API needs anyway), read it through libc.
      if (!(error instanceof Deno.errors.NotCapable)) return undefined;
      if (Deno.permissions.querySync({ name: "ffi" }).state !== "granted") return undefined;
      const read = readThroughLibc(PROC_CRYPTO);
      if (read === undefined) return undefined;
      text = read;
    }
    return parseProcCrypto(text);
  } catch {
    return undefined;
  }
}

/** Reads a small text file with libc `open()`/`read()`. */
function readThroughLibc(path: string): string | undefined {
  const symbols = libc();
  const fd = symbols.open(new TextEncoder().encode(path + "\0"), 0o2000000);
  if (fd < 0) return undefined;
  try {
    const chunks: Uint8Array[] = [];
    for (;;) {
      const buffer = new Uint8Array(65536);
      const got = Number(symbols.read(fd, buffer, BigInt(buffer.length)));
      if (got <= 0) break;
      chunks.push(buffer.subarray(0, got));
    }
    const decoder = new TextDecoder();
    return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join("") +
      decoder.decode();
  } finally {
    symbols.close(fd);
  }
}

/**
 * The names `/proc/crypto` lists for an AF_ALG type, sorted, each once, internal ones
 * left out.
 *
 * @param type The AF_ALG type.
 * @param algorithms The entries (by default read from `/proc/crypto`).
 * @returns The names, or `undefined` when `/proc/crypto` cannot be read.
 *
 * @example Names of hashes
 * ```ts
 * import { kernelAlgorithmNames, parseProcCrypto } from "./proc_crypto.ts";
 * import assert from "node:assert/strict";
 *
 * const entries = parseProcCrypto("name : sha1\ntype : shash\n\nname : md5\ntype : shash\n");
 * assert.deepEqual(kernelAlgorithmNames("hash", entries), ["md5", "sha1"]);
 * ```
 */
export function kernelAlgorithmNames(
  type: AlgType,
  algorithms: readonly KernelAlgorithm[] | undefined = readProcCrypto(),
): string[] | undefined {
  if (algorithms === undefined) return undefined;
  const types: readonly string[] = AF_ALG_TYPES[type];
  const names = new Set<string>();
  for (const algorithm of algorithms) {
    if (!algorithm.internal && types.includes(algorithm.type)) names.add(algorithm.name);
  }
  return [...names].sort();
}

/**
 * The highest-priority `/proc/crypto` entry for an algorithm of an AF_ALG type (the one
 * the kernel picks), matched by name or driver.
 *
 * @param type The AF_ALG type.
 * @param name The algorithm or driver name.
 * @param algorithms The entries (by default read from `/proc/crypto`).
 * @returns The entry, or `undefined` when it is not listed or cannot be read.
 *
 * @example Find the AES-CBC sizes
 * ```ts
 * import { findKernelAlgorithm, parseProcCrypto } from "./proc_crypto.ts";
 * import assert from "node:assert/strict";
 *
 * const entries = parseProcCrypto("name : cbc(aes)\ntype : skcipher\nivsize : 16\n");
 * assert.equal(findKernelAlgorithm("skcipher", "cbc(aes)", entries)?.ivSize, 16);
 * ```
 */
export function findKernelAlgorithm(
  type: AlgType,
  name: string,
  algorithms: readonly KernelAlgorithm[] | undefined = readProcCrypto(),
): KernelAlgorithm | undefined {
  if (algorithms === undefined) return undefined;
  const types: readonly string[] = AF_ALG_TYPES[type];
  let best: KernelAlgorithm | undefined;
  for (const algorithm of algorithms) {
    if (!types.includes(algorithm.type)) continue;
    if (algorithm.name !== name && algorithm.driver !== name) continue;
    if (best === undefined || algorithm.priority > best.priority) best = algorithm;
  }
  return best;
}
