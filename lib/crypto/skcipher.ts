/**
 * Symmetric ciphers computed by the Linux kernel through AF_ALG `skcipher` sockets:
 * `cbc(aes)`, `ctr(aes)`, `ecb(aes)`, `xts(aes)`, `cts(cbc(aes))`, `chacha20`... with an
 * IV, one-shot or streamed.
 *
 * Streaming sends whole chunks (the algorithm's chunk size) with `MSG_MORE` and reads
 * their output at once; the kernel carries the IV from one chunk to the next for the
 * modes that chain it (`cbc`, `ctr`, `ecb`, `cfb`, `ofb`, `pcbc`). Other modes
 * (`xts`, `cts`, `chacha20`...) process a message as a whole, so their streams gather the
 * input and encrypt it in `final()`.
 *
 * Needs Linux with AF_ALG (`algif_skcipher`) and `--allow-ffi`.
 *
 * @module
 */

import { Sock } from "../../ffi/libc_structs.ts";
import { afAlgIv, Alg, type ControlMessage } from "../../ffi/libc_structs.ts";
import { ErrnoError } from "../../ffi/libc.ts";
import { KernelCryptoError } from "./errors.ts";
import { type OperationSocket, opMessage, TransformSocket } from "./_af_alg.ts";

/** Bytes sent per `sendmsg()` while streaming. */
const PIECE = 64 * 1024;

const CHAINING = /^(cbc|ecb|ctr|cfb|ofb|pcbc)\(/;

/** Modes that take whole blocks only. */
const WHOLE_BLOCKS = /^(cbc|ecb|pcbc)\(/;

/** The IV control message. */
function ivMessage(iv: Uint8Array): ControlMessage {
  return { level: Sock.SOL_ALG, type: Alg.SET_IV, data: afAlgIv(iv) };
}

/**
 * A kernel symmetric cipher with its key set: encrypt and decrypt messages with
 * different IVs, one-shot or streamed. The key lives in the kernel only.
 *
 * @example AES-256-CBC, as in the seed
 * ```ts ignore
 * import { SymmetricCipher } from "./skcipher.ts";
 * import { pkcs7Pad, pkcs7Unpad } from "./padding.ts";
 *
 * const key = crypto.getRandomValues(new Uint8Array(32));
 * const iv = crypto.getRandomValues(new Uint8Array(16));
 * using aes = new SymmetricCipher("cbc(aes)", key);
 * const ciphertext = aes.encrypt(iv, pkcs7Pad(new TextEncoder().encode("Secret message!")));
 * console.log(new TextDecoder().decode(pkcs7Unpad(aes.decrypt(iv, ciphertext))));
 * ```
 */
export class SymmetricCipher implements Disposable {
  readonly #transform: TransformSocket;
  /** The kernel algorithm name, such as `cbc(aes)`. */
  readonly algorithm: string;

  /**
   * Binds a skcipher socket and sets the key.
   *
   * @param algorithm The kernel name, such as `cbc(aes)`.
   * @param key The key; the kernel keeps a copy, this object none.
   * @throws {KernelCryptoError} `unavailable` or `unknown-algorithm`.
   * @throws {RangeError} When the key length is wrong, with the lengths it takes.
   */
  constructor(algorithm: string, key: Uint8Array) {
    this.algorithm = algorithm;
    this.#transform = new TransformSocket("skcipher", algorithm);
    try {
      this.#transform.setKey(key);
    } catch (error) {
      this.#transform.close();
      throw error;
    }
  }

  /** The IV length in bytes, from `/proc/crypto` (`undefined` when unreadable). */
  get ivLength(): number | undefined {
    return this.#transform.info?.ivSize;
  }

  /** The block size in bytes, from `/proc/crypto` (`undefined` when unreadable). */
  get blockSize(): number | undefined {
    return this.#transform.info?.blockSize;
  }

  /**
   * Encrypts one message.
   *
   * @param iv The IV (empty or `undefined` for `ecb`).
   * @param data The plaintext (a multiple of the block size for `cbc`/`ecb`).
   * @returns The ciphertext.
   * @throws {RangeError} For a wrong IV or data length.
   */
  encrypt(iv: Uint8Array | undefined, data: Uint8Array): Uint8Array {
    using stream = this.encryptor(iv);
    return join(stream.update(data), stream.final());
  }

  /**
   * Decrypts one message.
   *
   * @param iv The IV used to encrypt it.
   * @param data The ciphertext.
   * @returns The plaintext (still padded, if it was).
   * @throws {RangeError} For a wrong IV or data length.
   */
  decrypt(iv: Uint8Array | undefined, data: Uint8Array): Uint8Array {
    using stream = this.decryptor(iv);
    return join(stream.update(data), stream.final());
  }

  /**
   * Starts a streamed encryption.
   *
   * @param iv The IV.
   * @returns The stream: `update()`, then `final()`.
   */
  encryptor(iv: Uint8Array | undefined): CipherStream {
    return new CipherStream(this.#transform, true, iv);
  }

  /**
   * Starts a streamed decryption.
   *
   * @param iv The IV.
   * @returns The stream: `update()`, then `final()`.
   */
  decryptor(iv: Uint8Array | undefined): CipherStream {
    return new CipherStream(this.#transform, false, iv);
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

function join(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * One streamed encryption or decryption: `update()` returns the output of the whole
 * chunks so far, `final()` the rest. Data that does not fill a chunk waits in this
 * object (and is zeroed once used).
 */
export class CipherStream implements Disposable {
  readonly #operation: OperationSocket;
  readonly #algorithm: string;
  readonly #encrypt: boolean;
  readonly #chunk: number;
  readonly #blockSize: number | undefined;
  readonly #chaining: boolean;
  #control: ControlMessage[];
  #pending = new Uint8Array(0);
  #pendingLength = 0;
  #total = 0;
  #finished = false;

  /**
   * Use {@linkcode SymmetricCipher.encryptor} or {@linkcode SymmetricCipher.decryptor}.
   *
   * @param transform The keyed transform socket.
   * @param encrypt Encrypt (or decrypt).
   * @param iv The IV.
   */
  constructor(transform: TransformSocket, encrypt: boolean, iv: Uint8Array | undefined) {
    const info = transform.info;
    const ivLength = info?.ivSize;
    const given = iv?.length ?? 0;
    if (ivLength !== undefined && given !== ivLength) {
      throw new RangeError(
        `Cannot ${encrypt ? "encrypt" : "decrypt"} with ${transform.algorithm}: it takes a ` +
          `${ivLength}-byte IV, received ${given} bytes`,
      );
    }
    this.#algorithm = transform.algorithm;
    this.#encrypt = encrypt;
    this.#blockSize = WHOLE_BLOCKS.test(transform.algorithm) ? info?.blockSize : undefined;
    this.#chunk = Math.max(info?.chunkSize ?? 16, info?.blockSize ?? 16, 1);
    this.#chaining = CHAINING.test(transform.algorithm);
    this.#control = [opMessage(encrypt)];
    if (iv !== undefined && iv.length > 0) this.#control.push(ivMessage(iv));
    this.#operation = transform.accept();
  }

  /**
   * Adds input; returns the output of every whole chunk so far.
   *
   * @param data More input.
   * @returns Output bytes (possibly empty).
   * @throws {TypeError} After `final()`.
   */
  update(data: Uint8Array): Uint8Array {
    if (this.#finished) {
      throw new TypeError(`Cannot update a ${this.#algorithm} stream after final()`);
    }
    this.#total += data.length;
    if (!this.#chaining) {
      this.#append(data);
      return new Uint8Array(0);
    }
    const available = this.#pendingLength + data.length;
    const ready = available - available % this.#chunk;
    if (ready === 0) {
      this.#append(data);
      return new Uint8Array(0);
    }
    const output = new Uint8Array(ready);
    let written = 0;
    let used = 0;
    if (this.#pendingLength > 0) {
      // The pending bytes (less than a chunk) topped up to one whole chunk from data.
      used = this.#chunk - this.#pendingLength;
      const head = new Uint8Array(this.#chunk);
      head.set(this.#pending.subarray(0, this.#pendingLength));
      head.set(data.subarray(0, used), this.#pendingLength);
      this.#clearPending();
      written = this.#process(head, output, true);
      head.fill(0);
    }
    const end = used + (ready - written);
    this.#process(data.subarray(used, end), output.subarray(written), true);
    this.#append(data.subarray(end));
    return output;
  }

  /**
   * Processes the last input and ends the stream.
   *
   * @returns The remaining output.
   * @throws {RangeError} When the total length does not suit the algorithm (such as a
   *   partial block for `cbc`: pad it with `pkcs7Pad()`).
   */
  final(): Uint8Array {
    if (this.#finished) {
      throw new TypeError(`Cannot call final() twice on a ${this.#algorithm} stream`);
    }
    this.#finished = true;
    try {
      const block = this.#blockSize;
      if (block !== undefined && block > 1 && this.#total % block !== 0) {
        throw new RangeError(
          `Cannot ${this.#encrypt ? "encrypt" : "decrypt"} with ${this.#algorithm}: the input ` +
            `must be a multiple of ${block} bytes, received ${this.#total}` +
            (this.#encrypt ? " (pad it with pkcs7Pad())" : ""),
        );
      }
      if (this.#pendingLength === 0) return new Uint8Array(0);
      const rest = this.#pending.subarray(0, this.#pendingLength);
      const output = new Uint8Array(rest.length);
      this.#process(rest, output, false);
      return output;
    } finally {
      this.#clearPending();
      this.close();
    }
  }

  /** Sends `input` in pieces and reads the same amount of output. */
  #process(input: Uint8Array, output: Uint8Array, more: boolean): number {
    let offset = 0;
    while (offset < input.length) {
      const piece = !this.#chaining ? input.length : Math.min(PIECE, input.length - offset);
      const last = offset + piece === input.length;
      const flags = more || !last ? Sock.MSG_MORE : 0;
      try {
        this.#operation.send(input.subarray(offset, offset + piece), flags, this.#control);
        this.#control = [];
        const got = this.#operation.read(output.subarray(offset, offset + piece));
        if (got !== piece) {
          throw new KernelCryptoError(
            `Cannot ${this.#encrypt ? "encrypt" : "decrypt"} with ${this.#algorithm}: ` +
              `the kernel returned ${got} of ${piece} bytes`,
            { code: "failed" },
          );
        }
      } catch (error) {
        throw this.#failed(error);
      }
      offset += piece;
    }
    return offset;
  }

  #failed(error: unknown): Error {
    if (!(error instanceof ErrnoError)) return error as Error;
    const action = this.#encrypt ? "encrypt" : "decrypt";
    if (error.code === "EINVAL") {
      return new RangeError(
        `Cannot ${action} with ${this.#algorithm}: the kernel rejected the IV or the data ` +
          `length (${error.message}); check the IV length and that the data suits the mode`,
        { cause: error },
      );
    }
    return new KernelCryptoError(`Cannot ${action} with ${this.#algorithm}: ${error.message}`, {
      code: "failed",
      cause: error,
    });
  }

  #append(data: Uint8Array): void {
    if (data.length === 0) return;
    const needed = this.#pendingLength + data.length;
    if (needed > this.#pending.length) {
      const grown = new Uint8Array(Math.max(needed, this.#pending.length * 2, 64));
      grown.set(this.#pending.subarray(0, this.#pendingLength));
      this.#pending.fill(0);
      this.#pending = grown;
    }
    this.#pending.set(data, this.#pendingLength);
    this.#pendingLength = needed;
  }

  #clearPending(): void {
    this.#pending.fill(0);
    this.#pendingLength = 0;
  }

  /** Closes the operation socket; later calls do nothing. */
  close(): void {
    this.#clearPending();
    this.#operation.close();
  }

  /** Same as `close()`. */
  [Symbol.dispose](): void {
    this.close();
  }
}

/**
 * Encrypts one message with a kernel cipher.
 *
 * @param algorithm The kernel name, such as `cbc(aes)` or `ctr(aes)`.
 * @param key The key.
 * @param iv The IV (`undefined` for `ecb`).
 * @param data The plaintext.
 * @returns The ciphertext.
 *
 * @example
 * ```ts ignore
 * import { encrypt } from "./skcipher.ts";
 *
 * const ciphertext = encrypt("ctr(aes)", new Uint8Array(16), new Uint8Array(16), new Uint8Array(5));
 * ```
 */
export function encrypt(
  algorithm: string,
  key: Uint8Array,
  iv: Uint8Array | undefined,
  data: Uint8Array,
): Uint8Array {
  using cipher = new SymmetricCipher(algorithm, key);
  return cipher.encrypt(iv, data);
}

/**
 * Decrypts one message with a kernel cipher.
 *
 * @param algorithm The kernel name.
 * @param key The key.
 * @param iv The IV.
 * @param data The ciphertext.
 * @returns The plaintext.
 *
 * @example
 * ```ts ignore
 * import { decrypt } from "./skcipher.ts";
 *
 * const plaintext = decrypt("ctr(aes)", new Uint8Array(16), new Uint8Array(16), new Uint8Array(5));
 * ```
 */
export function decrypt(
  algorithm: string,
  key: Uint8Array,
  iv: Uint8Array | undefined,
  data: Uint8Array,
): Uint8Array {
  using cipher = new SymmetricCipher(algorithm, key);
  return cipher.decrypt(iv, data);
}
