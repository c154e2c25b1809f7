/**
 * The errors of wirekit's kernel crypto API. Failed libc calls carry an
 * {@linkcode ErrnoError} (errno, its name and the `strerror()` text) as `cause`, and the
 * errno and its name on the error itself. Key, IV and length problems are `RangeError`s.
 *
 * @module
 */

import { ErrnoError } from "../../ffi/libc.ts";

export { ErrnoError };

/**
 * What went wrong, for callers that branch on it:
 * - `unavailable`: the kernel has no AF_ALG sockets, or not for this algorithm type;
 * - `unknown-algorithm`: the kernel has no algorithm of that name and type;
 * - `authentication`: an AEAD tag did not match (see {@linkcode AuthenticationError});
 * - `bad-padding`: PKCS#7 padding was malformed (see {@linkcode PaddingError});
 * - `failed`: any other failed call.
 */
export type KernelCryptoErrorCode =
  | "unavailable"
  | "unknown-algorithm"
  | "authentication"
  | "bad-padding"
  | "failed";

/** What a {@linkcode KernelCryptoError} is built from. */
export interface KernelCryptoErrorInit {
  /** What went wrong. */
  code: KernelCryptoErrorCode;
  /** The failed libc call, when there was one. */
  cause?: ErrnoError;
}

/**
 * A kernel crypto operation failed. `code` says how; `errno` and `errnoName` come from the
 * failed libc call, which is the `cause`.
 *
 * @example Branch on the code
 * ```ts
 * import { KernelCryptoError } from "./errors.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new KernelCryptoError("Cannot bind hash \"nope\"", { code: "unknown-algorithm" });
 * assert.equal(error.code, "unknown-algorithm");
 * assert.equal(error.errno, undefined);
 * ```
 */
export class KernelCryptoError extends Error {
  /** What went wrong. */
  readonly code: KernelCryptoErrorCode;
  /** errno of the failed call, when there was one. */
  readonly errno: number | undefined;
  /** errno's name, such as `EAFNOSUPPORT`. */
  readonly errnoName: string | undefined;

  /**
   * Builds the error.
   *
   * @param message One sentence: what failed, why, and the remedy.
   * @param init The code and the failed call.
   */
  constructor(message: string, init: KernelCryptoErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "KernelCryptoError";
    this.code = init.code;
    this.errno = init.cause?.errno;
    this.errnoName = init.cause?.code;
  }
}

/**
 * An AEAD decryption found that the tag does not match the ciphertext, associated data,
 * key or IV (the kernel's `EBADMSG`). No plaintext is returned.
 *
 * @example Recognise it
 * ```ts
 * import { AuthenticationError, KernelCryptoError } from "./errors.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new AuthenticationError("gcm(aes)");
 * assert.ok(error instanceof KernelCryptoError);
 * assert.equal(error.code, "authentication");
 * ```
 */
export class AuthenticationError extends KernelCryptoError {
  /**
   * Builds the error.
   *
   * @param algorithm The AEAD algorithm, such as `gcm(aes)`.
   * @param cause The failed `read()`.
   */
  constructor(algorithm: string, cause?: ErrnoError) {
    super(
      `Cannot decrypt with ${algorithm}: the authentication tag does not match ` +
        "(wrong key, IV, associated data or tag, or tampered ciphertext)",
      cause === undefined ? { code: "authentication" } : { code: "authentication", cause },
    );
    this.name = "AuthenticationError";
  }
}

/**
 * Removing PKCS#7 padding found malformed padding.
 *
 * @example Recognise it
 * ```ts
 * import { PaddingError } from "./errors.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(new PaddingError("last byte is 0").code, "bad-padding");
 * ```
 */
export class PaddingError extends KernelCryptoError {
  /**
   * Builds the error.
   *
   * @param detail What is wrong with the padding.
   */
  constructor(detail: string) {
    super(`Cannot remove PKCS#7 padding: ${detail}`, { code: "bad-padding" });
    this.name = "PaddingError";
  }
}
