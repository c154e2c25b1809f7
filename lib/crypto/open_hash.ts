/**
 * One hash API over two engines: the kernel's AF_ALG ({@linkcode Hash}) and
 * `node:crypto` ({@linkcode NodeHash}), chosen by {@linkcode openHash}. `auto` takes the
 * kernel and falls back to `node:crypto` only when the kernel has no AF_ALG hash sockets.
 *
 * @module
 */

import { KernelCryptoError } from "./errors.ts";
import { Hash, type HashOptions } from "./hash.ts";
import { NodeHash } from "./node_hash.ts";

/** Which engine computes a hash: `afalg` (the kernel), `node` (`node:crypto`) or `auto`. */
export type HashEngine = "auto" | "afalg" | "node";

/** The engines {@linkcode openHash} takes, for command lines that check a name. */
export const HASH_ENGINES: readonly HashEngine[] = ["auto", "afalg", "node"];

/** What both engines' hash objects do, as {@linkcode Hash} and {@linkcode NodeHash}. */
export interface Hasher extends Disposable {
  /** The kernel algorithm name, such as `sha256`. */
  readonly algorithm: string;
  /** Adds data to the message. */
  update(data: Uint8Array | string): this;
  /** Adds a whole file to the message; resolves to the bytes hashed. */
  updateFile(path: string): Promise<number>;
  /** Finishes the message and returns its digest; the object then starts over. */
  digest(): Uint8Array;
  /** The digest as lowercase hex. */
  digestHex(): string;
  /** Releases the object; later calls do nothing. */
  close(): void;
}

/** Options of {@linkcode openHash}. */
export interface OpenHashOptions extends HashOptions {
  /** The engine; `auto` by default. */
  engine?: HashEngine;
  /**
   * Called when `auto` falls back to `node:crypto`, with why AF_ALG is unavailable (the
   * errno name, such as `EAFNOSUPPORT`).
   */
  onFallback?: (reason: string) => void;
}

/**
 * Opens a hash on the chosen engine. With `auto`, the kernel's AF_ALG hash is tried first;
 * when the kernel has no AF_ALG hash sockets (a `KernelCryptoError` with code
 * `unavailable`), `onFallback` is called and `node:crypto` computes it. Any other error
 * (an algorithm the kernel lacks, a bad key) is thrown as it is.
 *
 * @param algorithm The kernel name, such as `sha256`, `sha3-256` or `hmac(sha256)`.
 * @param options The engine, the key of an HMAC, and the fallback callback.
 * @returns The hash object; close it (or declare it with `using`).
 * @throws {KernelCryptoError} From the kernel engine (`unavailable` only with `afalg`).
 * @throws {NodeHashError} From `node:crypto`: an algorithm it lacks, a missing key.
 *
 * @example Hash with node:crypto
 * ```ts
 * import { openHash } from "./open_hash.ts";
 * import assert from "node:assert/strict";
 *
 * using md5 = openHash("md5", { engine: "node" });
 * assert.equal(md5.update("abc").digestHex(), "900150983cd24fb0d6963f7d28e17f72");
 * ```
 */
export function openHash(algorithm: string, options: OpenHashOptions = {}): Hasher {
  const { engine = "auto", onFallback, ...hashOptions } = options;
  if (engine === "node") return new NodeHash(algorithm, hashOptions);
  try {
    return new Hash(algorithm, hashOptions);
  } catch (error) {
    if (engine === "afalg") throw error;
    if (!(error instanceof KernelCryptoError) || error.code !== "unavailable") throw error;
    onFallback?.(error.errnoName ?? error.message);
    return new NodeHash(algorithm, hashOptions);
  }
}
