/**
 * Hashes and MACs computed by the Linux kernel through AF_ALG `hash` sockets: any kernel
 * name (`sha1`, `sha256`, `sha512`, `sha3-256`, `md5`, `hmac(sha256)`, `cmac(aes)`...),
 * one-shot or streamed, and whole files moved into the kernel with `splice()` so that
 * their bytes never pass through user space.
 *
 * Needs Linux with AF_ALG (`algif_hash`) and `--allow-ffi`; reading `/proc/crypto`
 * (`--allow-read=/proc/crypto`) makes error messages list the algorithms on offer.
 *
 * @module
 */

import { Sock } from "../../ffi/libc_structs.ts";
import { KernelCryptoError } from "./errors.ts";
import {
  closeDescriptor,
  openFileForReading,
  openPipe,
  type OperationSocket,
  TransformSocket,
} from "./_af_alg.ts";
import { ErrnoError } from "../../ffi/libc.ts";
import { encodeHex } from "../_hex.ts";

/** Options of {@linkcode Hash}. */
export interface HashOptions {
  /**
   * The key of a keyed hash (`hmac(...)`, `cmac(...)`): set in the kernel, not kept here.
   * Zero your own copy once the object exists.
   */
  key?: Uint8Array;
}

/** The largest digest any kernel hash returns (bytes read per digest). */
const MAX_DIGEST = 512;

const encoder = new TextEncoder();

function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === "string" ? encoder.encode(data) : data;
}

/**
 * A kernel hash or MAC: `update()` any number of times, then `digest()`. After
 * `digest()` the object starts over (with the same key), so one object can hash many
 * messages. Close it (or declare it with `using`) to release its two sockets.
 *
 * @example Hash a message in two parts
 * ```ts ignore
 * import { Hash } from "./hash.ts";
 *
 * using sha = new Hash("sha256");
 * sha.update("Python is ").update("awesome!");
 * console.log(sha.digestHex());
 * ```
 */
export class Hash implements Disposable {
  readonly #transform: TransformSocket;
  readonly #operation: OperationSocket;
  /** The kernel algorithm name, such as `sha256`. */
  readonly algorithm: string;

  /**
   * Binds a hash socket and, for keyed hashes, sets the key.
   *
   * @param algorithm The kernel name, such as `sha256` or `hmac(sha256)`.
   * @param options The key of a keyed hash.
   * @throws {KernelCryptoError} `unavailable` without AF_ALG hash support,
   *   `unknown-algorithm` for a name the kernel lacks.
   * @throws {RangeError} When the kernel rejects the key length.
   */
  constructor(algorithm: string, options: HashOptions = {}) {
    this.algorithm = algorithm;
    this.#transform = new TransformSocket("hash", algorithm);
    try {
      if (options.key !== undefined) this.#transform.setKey(options.key);
      this.#operation = this.#transform.accept();
    } catch (error) {
      this.#transform.close();
      throw error;
    }
  }

  /** The digest length in bytes, from `/proc/crypto` (`undefined` when unreadable). */
  get digestLength(): number | undefined {
    return this.#transform.info?.digestSize;
  }

  /**
   * Adds data to the message (`send()` with `MSG_MORE`).
   *
   * @param data Bytes, or a string hashed as UTF-8.
   * @returns This object, to chain calls.
   * @throws {KernelCryptoError} When the kernel fails.
   */
  update(data: Uint8Array | string): this {
    const bytes = toBytes(data);
    if (bytes.length === 0) return this;
    try {
      this.#operation.send(bytes, Sock.MSG_MORE);
    } catch (error) {
      throw this.#failed("update", error);
    }
    return this;
  }

  /**
   * Adds a whole file to the message without copying it into user space: the file is
   * spliced through a pipe into the kernel hash.
   *
   * @param path The file.
   * @returns The bytes hashed.
   * @throws {Deno.errors.NotCapable} Without read permission for the file.
   * @throws {Deno.errors.NotFound} When it does not exist.
   */
  async updateFile(path: string): Promise<number> {
    const fd = openFileForReading(path);
    let pipe: ReturnType<typeof openPipe> | undefined;
    try {
      pipe = openPipe();
      return await this.#operation.spliceFrom(fd, pipe.ends, pipe.size);
    } catch (error) {
      if (error instanceof ErrnoError) throw this.#failed(`hash "${path}"`, error);
      throw error;
    } finally {
      pipe?.close();
      closeDescriptor(fd);
    }
  }

  /**
   * Finishes the message and returns its digest; the object then starts a new message.
   *
   * @returns The digest.
   * @throws {KernelCryptoError} When the kernel fails.
   */
  digest(): Uint8Array {
    const buffer = new Uint8Array(MAX_DIGEST);
    let length: number;
    try {
      length = this.#operation.read(buffer, true);
    } catch (error) {
      throw this.#failed("digest", error);
    }
    return buffer.slice(0, length);
  }

  /**
   * {@linkcode Hash.digest} as lowercase hex.
   *
   * @returns The digest in hex.
   */
  digestHex(): string {
    return encodeHex(this.digest());
  }

  #failed(action: string, error: unknown): Error {
    if (!(error instanceof ErrnoError)) return error as Error;
    return new KernelCryptoError(
      `Cannot ${action} with ${this.algorithm}: ${error.message}`,
      { code: "failed", cause: error },
    );
  }

  /** Whether `close()` was called. */
  get closed(): boolean {
    return this.#transform.closed;
  }

  /** Closes both sockets; later calls do nothing. */
  close(): void {
    this.#operation.close();
    this.#transform.close();
  }

  /** Same as `close()`. */
  [Symbol.dispose](): void {
    this.close();
  }
}

/**
 * Hashes one message with a kernel hash.
 *
 * @param algorithm The kernel name, such as `sha256`, `sha3-256` or `md5`.
 * @param data The message (a string is hashed as UTF-8).
 * @returns The digest.
 * @throws {KernelCryptoError} Without AF_ALG, or for an unknown algorithm.
 *
 * @example The seed's SHA-256
 * ```ts ignore
 * import { hash } from "./hash.ts";
 * import { encodeHex } from "../_hex.ts";
 *
 * console.log(toHex(hash("sha256", "Python is awesome!")));
 * ```
 */
export function hash(algorithm: string, data: Uint8Array | string): Uint8Array {
  using hasher = new Hash(algorithm);
  return hasher.update(data).digest();
}

/**
 * Computes an HMAC (or another keyed kernel hash) of one message.
 *
 * @param algorithm A hash such as `sha256` (computed as `hmac(sha256)`), or a full keyed
 *   name such as `hmac(sha512)` or `cmac(aes)`.
 * @param key The key.
 * @param data The message.
 * @returns The MAC.
 * @throws {KernelCryptoError} Without AF_ALG, or for an unknown algorithm.
 *
 * @example RFC 4231 test case 2
 * ```ts ignore
 * import { hmac } from "./hash.ts";
 * import { encodeHex } from "../_hex.ts";
 *
 * console.log(toHex(hmac("sha256", new TextEncoder().encode("Jefe"), "what do ya want for nothing?")));
 * ```
 */
export function hmac(algorithm: string, key: Uint8Array, data: Uint8Array | string): Uint8Array {
  const name = algorithm.includes("(") ? algorithm : `hmac(${algorithm})`;
  using hasher = new Hash(name, { key });
  return hasher.update(data).digest();
}

/**
 * Hashes a file in the kernel without copying it into user space (`splice()`).
 *
 * @param algorithm The kernel hash name.
 * @param path The file.
 * @param options The key of a keyed hash.
 * @returns The digest.
 * @throws {Deno.errors.NotCapable} Without read permission for the file.
 *
 * @example Hash a file
 * ```ts ignore
 * import { hashFile } from "./hash.ts";
 * import { encodeHex } from "../_hex.ts";
 *
 * console.log(toHex(await hashFile("sha256", "testdata/namespaces.pcap")));
 * ```
 */
export async function hashFile(
  algorithm: string,
  path: string,
  options: HashOptions = {},
): Promise<Uint8Array> {
  using hasher = new Hash(algorithm, options);
  await hasher.updateFile(path);
  return hasher.digest();
}
