/**
 * Hashes and HMACs computed by `node:crypto`, under the Linux kernel's algorithm names
 * (`sha256`, `sha3-256`, `rmd160`, `hmac(sha256)`...): the same interface as the AF_ALG
 * `Hash`, for kernels without AF_ALG. Files are streamed in chunks, never read
 * whole. Needs no permission but `--allow-read` for the files it hashes.
 *
 * @module
 */

import { createHash, createHmac, createSecretKey, type KeyObject } from "node:crypto";
import type { Hash as NodeDigest, Hmac } from "node:crypto";
import { encodeHex } from "../_hex.ts";
import type { HashOptions } from "./hash.ts";
import { readChunks } from "./_read_chunks.ts";

/** The kernel's names of the hashes `node:crypto` also computes, with its names for them. */
const NODE_NAMES: Readonly<Record<string, string>> = {
  md4: "md4",
  md5: "md5",
  sha1: "sha1",
  sha224: "sha224",
  sha256: "sha256",
  sha384: "sha384",
  sha512: "sha512",
  "sha3-224": "sha3-224",
  "sha3-256": "sha3-256",
  "sha3-384": "sha3-384",
  "sha3-512": "sha3-512",
  rmd160: "ripemd160",
  sm3: "sm3",
  "blake2b-512": "blake2b512",
  "blake2s-256": "blake2s256",
};

/** The hashes `node:crypto` (in Deno) computes but cannot key as an HMAC. */
const NO_HMAC: ReadonlySet<string> = new Set(["md4", "sm3"]);

/** Bytes read from a file at a time. */
const CHUNK = 256 * 1024;

/**
 * A kernel hash name that `node:crypto` cannot compute, or a key given to a hash that
 * takes none (or none given to an HMAC).
 *
 * @example Recognise it
 * ```ts
 * import { NodeHashError } from "./node_hash.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(new NodeHashError("Cannot hash", "unknown-algorithm").code, "unknown-algorithm");
 * ```
 */
export class NodeHashError extends TypeError {
  /** `unknown-algorithm`, or `key` for a missing or unwanted key. */
  readonly code: "unknown-algorithm" | "key";

  /**
   * Builds the error.
   *
   * @param message One line: what failed and why.
   * @param code What went wrong.
   */
  constructor(message: string, code: "unknown-algorithm" | "key") {
    super(message);
    this.name = "NodeHashError";
    this.code = code;
  }
}

/** How `node:crypto` computes a kernel algorithm: the hash, and whether it is an HMAC. */
export interface NodeHashAlgorithm {
  /** The `node:crypto` hash name, such as `sha256` or `ripemd160`. */
  hash: string;
  /** Whether the kernel name was `hmac(...)`. */
  hmac: boolean;
}

/**
 * Maps a kernel hash name to `node:crypto`'s: `sha256` → `sha256`, `rmd160` →
 * `ripemd160`, `hmac(sha256)` → an HMAC over `sha256`.
 *
 * @param algorithm The kernel name.
 * @returns The `node:crypto` hash and whether it is an HMAC.
 * @throws {NodeHashError} `unknown-algorithm` when `node:crypto` has no such hash.
 *
 * @example Map kernel names
 * ```ts
 * import { nodeHashAlgorithm } from "./node_hash.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(nodeHashAlgorithm("hmac(sha3-256)"), { hash: "sha3-256", hmac: true });
 * assert.deepEqual(nodeHashAlgorithm("rmd160"), { hash: "ripemd160", hmac: false });
 * assert.throws(() => nodeHashAlgorithm("wp512"), /node:crypto has no such hash/);
 * assert.throws(() => nodeHashAlgorithm("hmac(md4)"), /node:crypto has no HMAC over md4/);
 * ```
 */
export function nodeHashAlgorithm(algorithm: string): NodeHashAlgorithm {
  const inner = /^hmac\((.+)\)$/.exec(algorithm)?.[1];
  const hash = Object.hasOwn(NODE_NAMES, inner ?? algorithm)
    ? NODE_NAMES[inner ?? algorithm]
    : undefined;
  if (hash === undefined) {
    throw new NodeHashError(
      `Cannot hash with "${algorithm}": node:crypto has no such hash (it has ` +
        `${Object.keys(NODE_NAMES).join(", ")}, and hmac() of each but md4 and sm3)`,
      "unknown-algorithm",
    );
  }
  if (inner !== undefined && NO_HMAC.has(inner)) {
    throw new NodeHashError(
      `Cannot hash with "${algorithm}": node:crypto has no HMAC over ${inner}`,
      "unknown-algorithm",
    );
  }
  return { hash, hmac: inner !== undefined };
}

/**
 * A hash or HMAC computed by `node:crypto`, named as the kernel names it: `update()` any
 * number of times, then `digest()`, after which the object starts over (with the same
 * key). The counterpart of the AF_ALG `Hash` where the kernel has no AF_ALG.
 *
 * @example Hash a message in two parts
 * ```ts
 * import { NodeHash } from "./node_hash.ts";
 * import assert from "node:assert/strict";
 *
 * using sha = new NodeHash("sha256");
 * sha.update("a").update("bc");
 * assert.equal(
 *   sha.digestHex(),
 *   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
 * );
 * ```
 */
export class NodeHash implements Disposable {
  /** The kernel algorithm name, such as `sha256`. */
  readonly algorithm: string;
  readonly #hash: string;
  #key: KeyObject | undefined;
  #state: NodeDigest | Hmac;
  #closed = false;

  /**
   * Prepares the hash; an HMAC keeps a copy of the key until `close()`.
   *
   * @param algorithm The kernel name, such as `sha256` or `hmac(sha256)`.
   * @param options The key of an HMAC.
   * @throws {NodeHashError} `unknown-algorithm` for a name `node:crypto` lacks, `key` for
   *   an HMAC without a key or a plain hash with one.
   */
  constructor(algorithm: string, options: HashOptions = {}) {
    const { hash, hmac } = nodeHashAlgorithm(algorithm);
    if (hmac !== (options.key !== undefined)) {
      throw new NodeHashError(
        hmac
          ? `Cannot hash with ${algorithm}: it needs a key`
          : `Cannot hash with ${algorithm}: it takes no key`,
        "key",
      );
    }
    this.algorithm = algorithm;
    this.#hash = hash;
    this.#key = options.key === undefined ? undefined : createSecretKey(options.key);
    this.#state = this.#start();
  }

  #start(): NodeDigest | Hmac {
    return this.#key === undefined ? createHash(this.#hash) : createHmac(this.#hash, this.#key);
  }

  /**
   * Adds data to the message.
   *
   * @param data Bytes, or a string hashed as UTF-8.
   * @returns This object, to chain calls.
   */
  update(data: Uint8Array | string): this {
    this.#state.update(data);
    return this;
  }

  /**
   * Adds a whole file to the message, read in chunks of 256 KiB.
   *
   * @param path The file.
   * @returns The bytes hashed.
   * @throws {Deno.errors.NotCapable} Without read permission for the file.
   * @throws {Deno.errors.NotFound} When it does not exist.
   */
  async updateFile(path: string): Promise<number> {
    let total = 0;
    for await (const chunk of readChunks(path, CHUNK)) {
      this.#state.update(chunk);
      total += chunk.length;
    }
    return total;
  }

  /**
   * Finishes the message and returns its digest; the object then starts a new message.
   *
   * @returns The digest.
   */
  digest(): Uint8Array {
    const digest = new Uint8Array(this.#state.digest());
    this.#state = this.#start();
    return digest;
  }

  /**
   * {@linkcode NodeHash.digest} as lowercase hex.
   *
   * @returns The digest in hex.
   */
  digestHex(): string {
    return encodeHex(this.digest());
  }

  /** Whether `close()` was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Drops the key; later calls do nothing. */
  close(): void {
    this.#key = undefined;
    this.#closed = true;
  }

  /** Same as `close()`. */
  [Symbol.dispose](): void {
    this.close();
  }
}
