/**
 * Random numbers from the Linux kernel's crypto RNGs through AF_ALG `rng` sockets:
 * `stdrng` (the default DRBG), `drbg_nopr_sha256`, `drbg_pr_hmac_sha256`,
 * `jitterentropy_rng`... RNGs that need a seed (a `seedsize` above 0 in `/proc/crypto`,
 * such as `ansi_cprng`) get one with `ALG_SET_KEY`: the caller's, or fresh bytes from
 * `crypto.getRandomValues()`.
 *
 * Needs Linux with AF_ALG (`algif_rng`) and `--allow-ffi`.
 *
 * @module
 */

import { ErrnoError } from "../../ffi/libc.ts";
import { KernelCryptoError } from "./errors.ts";
import { type OperationSocket, TransformSocket } from "./_af_alg.ts";

/** Options of {@linkcode KernelRandom}. */
export interface KernelRandomOptions {
  /** The seed, set with `ALG_SET_KEY`; zero your copy afterwards. */
  seed?: Uint8Array;
}

/**
 * A kernel RNG.
 *
 * @example 32 random bytes from the kernel's DRBG
 * ```ts ignore
 * import { KernelRandom } from "./rng.ts";
 *
 * using rng = new KernelRandom("drbg_nopr_sha256");
 * console.log(rng.bytes(32));
 * ```
 */
export class KernelRandom implements Disposable {
  readonly #transform: TransformSocket;
  readonly #operation: OperationSocket;
  /** The kernel algorithm name. */
  readonly algorithm: string;

  /**
   * Binds an rng socket, seeds it when needed, and starts an operation.
   *
   * @param algorithm The kernel name; `stdrng` when omitted.
   * @param options The seed.
   * @throws {KernelCryptoError} `unavailable` or `unknown-algorithm`.
   */
  constructor(algorithm = "stdrng", options: KernelRandomOptions = {}) {
    this.algorithm = algorithm;
    this.#transform = new TransformSocket("rng", algorithm);
    try {
      // The kernel instantiates an RNG when it is seeded (ALG_SET_KEY), even the DRBGs,
      // which take no seed bytes (seedsize 0) and gather their own entropy.
      let seed = options.seed;
      let own = false;
      if (seed === undefined) {
        const seedSize = this.#transform.info?.seedSize ?? 0;
        seed = seedSize > 0 ? crypto.getRandomValues(new Uint8Array(seedSize)) : new Uint8Array(0);
        own = true;
      }
      try {
        this.#transform.setKey(seed);
      } finally {
        if (own) seed.fill(0);
      }
      this.#operation = this.#transform.accept();
    } catch (error) {
      this.#transform.close();
      throw error;
    }
  }

  /**
   * Fills a buffer with random bytes.
   *
   * @param buffer The buffer.
   * @returns The same buffer.
   * @throws {KernelCryptoError} When the kernel fails.
   */
  fill<T extends Uint8Array>(buffer: T): T {
    try {
      const got = this.#operation.read(buffer);
      if (got !== buffer.length) {
        throw new KernelCryptoError(
          `Cannot read random bytes from ${this.algorithm}: received ${got} of ${buffer.length}`,
          { code: "failed" },
        );
      }
    } catch (error) {
      if (!(error instanceof ErrnoError)) throw error;
      throw new KernelCryptoError(
        `Cannot read random bytes from ${this.algorithm}: ${error.message}`,
        { code: "failed", cause: error },
      );
    }
    return buffer;
  }

  /**
   * Returns new random bytes.
   *
   * @param length How many.
   * @returns The bytes.
   */
  bytes(length: number): Uint8Array {
    return this.fill(new Uint8Array(length));
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
 * Random bytes from a kernel RNG.
 *
 * @param length How many.
 * @param algorithm The kernel RNG; `stdrng` when omitted.
 * @returns The bytes.
 *
 * @example
 * ```ts ignore
 * import { randomBytes } from "./rng.ts";
 *
 * console.log(randomBytes(16, "jitterentropy_rng"));
 * ```
 */
export function randomBytes(length: number, algorithm = "stdrng"): Uint8Array {
  using rng = new KernelRandom(algorithm);
  return rng.bytes(length);
}
