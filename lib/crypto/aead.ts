/**
 * Authenticated encryption (AEAD) computed by the Linux kernel through AF_ALG `aead`
 * sockets: `gcm(aes)`, `ccm(aes)`, `rfc4106(gcm(aes))`, `rfc7539(chacha20,poly1305)`...
 * with associated data and a chosen tag size. A wrong tag throws
 * {@linkcode AuthenticationError}; no plaintext is returned then.
 *
 * The kernel processes a message as a whole, so it must fit in the socket's send buffer;
 * this module enlarges that buffer for large messages (`SO_SNDBUFFORCE` as root, else
 * `SO_SNDBUF` up to `net.core.wmem_max`).
 *
 * Needs Linux with AF_ALG (`algif_aead`) and `--allow-ffi`.
 *
 * @module
 */

import { afAlgIv, Alg, Sock, u32 } from "../../ffi/libc_structs.ts";
import { ErrnoError } from "../../ffi/libc.ts";
import { AuthenticationError, KernelCryptoError } from "./errors.ts";
import { opMessage, TransformSocket } from "./_af_alg.ts";

/** Options of {@linkcode Aead}. */
export interface AeadOptions {
  /** The tag size in bytes; 16 when omitted. */
  tagLength?: number;
}

/** Per-message options of {@linkcode Aead.encrypt} and {@linkcode Aead.decrypt}. */
export interface AeadMessageOptions {
  /**
   * Data that is authenticated but not encrypted. For `rfc4106(...)` and `rfc4309(...)`
   * the kernel wants the ESP header followed by the 8-byte IV here (16 or 20 bytes).
   */
  additionalData?: Uint8Array;
}

/** Messages above this size get a larger socket send buffer first. */
const DEFAULT_SEND_BUFFER = 128 * 1024;

/**
 * A kernel AEAD with its key and tag size set: encrypt and decrypt messages with
 * different IVs. The key lives in the kernel only.
 *
 * @example AES-GCM round trip
 * ```ts ignore
 * import { Aead } from "./aead.ts";
 *
 * using gcm = new Aead("gcm(aes)", new Uint8Array(16));
 * const iv = crypto.getRandomValues(new Uint8Array(12));
 * const sealed = gcm.encrypt(iv, new TextEncoder().encode("hello"), { additionalData: new Uint8Array(3) });
 * console.log(gcm.decrypt(iv, sealed, { additionalData: new Uint8Array(3) }));
 * ```
 */
export class Aead implements Disposable {
  readonly #transform: TransformSocket;
  /** The kernel algorithm name, such as `gcm(aes)`. */
  readonly algorithm: string;
  /** The tag size in bytes. */
  readonly tagLength: number;

  /**
   * Binds an aead socket and sets the key and tag size.
   *
   * @param algorithm The kernel name, such as `gcm(aes)`.
   * @param key The key; the kernel keeps a copy, this object none.
   * @param options The tag size.
   * @throws {KernelCryptoError} `unavailable` or `unknown-algorithm`.
   * @throws {RangeError} For a wrong key length or tag size.
   */
  constructor(algorithm: string, key: Uint8Array, options: AeadOptions = {}) {
    this.algorithm = algorithm;
    this.tagLength = options.tagLength ?? 16;
    this.#transform = new TransformSocket("aead", algorithm);
    try {
      this.#transform.setKey(key);
      this.#transform.setAuthSize(this.tagLength);
    } catch (error) {
      this.#transform.close();
      throw error;
    }
  }

  /** The IV length in bytes, from `/proc/crypto` (`undefined` when unreadable). */
  get ivLength(): number | undefined {
    return this.#transform.info?.ivSize;
  }

  /**
   * Encrypts and authenticates one message.
   *
   * @param iv The IV (12 bytes for `gcm(aes)`, 16 for `ccm(aes)`: see {@linkcode ccmIv}).
   * @param plaintext The plaintext.
   * @param options The associated data.
   * @returns The ciphertext followed by the tag.
   * @throws {RangeError} For a wrong IV length or a message the kernel rejects.
   */
  encrypt(iv: Uint8Array, plaintext: Uint8Array, options: AeadMessageOptions = {}): Uint8Array {
    return this.#run(true, iv, plaintext, options.additionalData ?? new Uint8Array(0));
  }

  /**
   * Checks and decrypts one message.
   *
   * @param iv The IV it was encrypted with.
   * @param sealed The ciphertext followed by the tag.
   * @param options The associated data it was encrypted with.
   * @returns The plaintext.
   * @throws {AuthenticationError} When the tag does not match.
   * @throws {RangeError} For a wrong IV length, or input shorter than the tag.
   */
  decrypt(iv: Uint8Array, sealed: Uint8Array, options: AeadMessageOptions = {}): Uint8Array {
    if (sealed.length < this.tagLength) {
      throw new RangeError(
        `Cannot decrypt with ${this.algorithm}: the input must hold the ${this.tagLength}-byte ` +
          `tag, received ${sealed.length} bytes`,
      );
    }
    return this.#run(false, iv, sealed, options.additionalData ?? new Uint8Array(0));
  }

  #run(encrypt: boolean, iv: Uint8Array, data: Uint8Array, aad: Uint8Array): Uint8Array {
    const action = encrypt ? "encrypt" : "decrypt";
    const ivLength = this.ivLength;
    if (ivLength !== undefined && iv.length !== ivLength) {
      throw new RangeError(
        `Cannot ${action} with ${this.algorithm}: it takes a ${ivLength}-byte IV, received ` +
          `${iv.length} bytes`,
      );
    }
    const input = new Uint8Array(aad.length + data.length);
    input.set(aad);
    input.set(data, aad.length);
    const outputLength = aad.length + data.length + (encrypt ? this.tagLength : -this.tagLength);
    const output = new Uint8Array(outputLength);
    using operation = this.#transform.accept();
    try {
      if (Math.max(input.length, outputLength) > DEFAULT_SEND_BUFFER) {
        operation.reserveSendBuffer(Math.max(input.length, outputLength));
      }
      const ivBytes = afAlgIv(iv);
      const sent = operation.sendOnce(input, Sock.MSG_MORE | Sock.MSG_DONTWAIT, [
        opMessage(encrypt),
        { level: Sock.SOL_ALG, type: Alg.SET_IV, data: ivBytes },
        { level: Sock.SOL_ALG, type: Alg.SET_AEAD_ASSOCLEN, data: u32(aad.length) },
      ]);
      if (sent < input.length) {
        throw new RangeError(
          `Cannot ${action} with ${this.algorithm}: the kernel takes at most ${sent} bytes ` +
            `in one AEAD operation here, received ${input.length} (associated data and ` +
            `${encrypt ? "plaintext" : "ciphertext"}); split the message, or raise ` +
            "net.core.optmem_max and net.core.wmem_max",
        );
      }
      // An empty send without MSG_MORE ends the message.
      operation.send(new Uint8Array(0), 0);
      const got = operation.read(output, true);
      if (got !== outputLength) {
        throw new KernelCryptoError(
          `Cannot ${action} with ${this.algorithm}: the kernel returned ${got} of ` +
            `${outputLength} bytes`,
          { code: "failed" },
        );
      }
      return output.subarray(aad.length);
    } catch (error) {
      output.fill(0);
      if (!(error instanceof ErrnoError)) throw error;
      if (error.code === "EBADMSG") throw new AuthenticationError(this.algorithm, error);
      if (error.code === "EAGAIN" || error.code === "ENOMEM") {
        throw new RangeError(
          `Cannot ${action} with ${this.algorithm}: ${input.length} bytes do not fit in one ` +
            "AEAD operation; split the message, or raise net.core.optmem_max and " +
            "net.core.wmem_max",
          { cause: error },
        );
      }
      if (error.code === "EINVAL") {
        throw new RangeError(
          `Cannot ${action} with ${this.algorithm}: the kernel rejected the IV, the associated ` +
            `data or the length (${error.message})`,
          { cause: error },
        );
      }
      throw new KernelCryptoError(`Cannot ${action} with ${this.algorithm}: ${error.message}`, {
        code: "failed",
        cause: error,
      });
    } finally {
      input.fill(0);
    }
  }

  /** Whether `close()` was called. */
  get closed(): boolean {
    return this.#transform.closed;
  }

  /** Closes the socket (the kernel drops the key); later calls do nothing. */
  close(): void {
    this.#transform.close();
  }

  /** Same as `close()`. */
  [Symbol.dispose](): void {
    this.close();
  }
}

/**
 * Builds the 16-byte IV that the kernel's `ccm(aes)` takes from a CCM nonce of 7 to 13
 * bytes: the first byte is `L - 1` (`L = 15 - nonce length`), the counter bytes are 0.
 *
 * @param nonce The nonce.
 * @returns The IV.
 * @throws {RangeError} For a nonce length outside 7 to 13.
 *
 * @example A 12-byte nonce
 * ```ts
 * import { ccmIv } from "./aead.ts";
 * import assert from "node:assert/strict";
 *
 * const iv = ccmIv(new Uint8Array(12).fill(7));
 * assert.equal(iv.length, 16);
 * assert.equal(iv[0], 2);
 * assert.equal(iv[12], 7);
 * assert.equal(iv[13], 0);
 * ```
 */
export function ccmIv(nonce: Uint8Array): Uint8Array {
  if (nonce.length < 7 || nonce.length > 13) {
    throw new RangeError(
      `Cannot build a CCM IV: the nonce must be 7 to 13 bytes, received ${nonce.length}`,
    );
  }
  const iv = new Uint8Array(16);
  iv[0] = 15 - nonce.length - 1;
  iv.set(nonce, 1);
  return iv;
}

/**
 * Encrypts one message with a kernel AEAD.
 *
 * @param algorithm The kernel name, such as `gcm(aes)`.
 * @param key The key.
 * @param iv The IV.
 * @param plaintext The plaintext.
 * @param options The associated data and tag size.
 * @returns The ciphertext followed by the tag.
 *
 * @example
 * ```ts ignore
 * import { aeadEncrypt } from "./aead.ts";
 *
 * const sealed = aeadEncrypt("gcm(aes)", new Uint8Array(16), new Uint8Array(12), new Uint8Array(0));
 * ```
 */
export function aeadEncrypt(
  algorithm: string,
  key: Uint8Array,
  iv: Uint8Array,
  plaintext: Uint8Array,
  options: AeadOptions & AeadMessageOptions = {},
): Uint8Array {
  using aead = new Aead(algorithm, key, options);
  return aead.encrypt(iv, plaintext, options);
}

/**
 * Checks and decrypts one message with a kernel AEAD.
 *
 * @param algorithm The kernel name.
 * @param key The key.
 * @param iv The IV.
 * @param sealed The ciphertext followed by the tag.
 * @param options The associated data and tag size.
 * @returns The plaintext.
 * @throws {AuthenticationError} When the tag does not match.
 *
 * @example
 * ```ts ignore
 * import { aeadDecrypt } from "./aead.ts";
 *
 * aeadDecrypt("gcm(aes)", new Uint8Array(16), new Uint8Array(12), new Uint8Array(16)); // throws
 * ```
 */
export function aeadDecrypt(
  algorithm: string,
  key: Uint8Array,
  iv: Uint8Array,
  sealed: Uint8Array,
  options: AeadOptions & AeadMessageOptions = {},
): Uint8Array {
  using aead = new Aead(algorithm, key, options);
  return aead.decrypt(iv, sealed, options);
}
