/**
 * The AF_ALG socket layer that the public crypto modules share (private): opening and
 * binding a transform socket, setting its key, accepting operation sockets, sending data
 * with control messages, reading results, and turning errno into the errors of
 * `errors.ts`.
 *
 * An AF_ALG "transform" socket is bound to one algorithm and holds the key; each
 * `accept()` gives an "operation" socket for one stream of data.
 *
 * @module
 */

import { check, ErrnoError, libc } from "../../ffi/libc.ts";
import {
  Alg,
  type ControlMessage,
  controlMessages,
  File,
  msghdr,
  Sock,
  sockaddrAlg,
} from "../../ffi/libc_structs.ts";
import { KernelCryptoError } from "./errors.ts";
import {
  type AlgType,
  findKernelAlgorithm,
  type KernelAlgorithm,
  kernelAlgorithmNames,
  PROC_CRYPTO,
} from "./proc_crypto.ts";

const MODULES: Record<AlgType, string> = {
  hash: "algif_hash",
  skcipher: "algif_skcipher",
  aead: "algif_aead",
  rng: "algif_rng",
};

const CONFIGS: Record<AlgType, string> = {
  hash: "CONFIG_CRYPTO_USER_API_HASH",
  skcipher: "CONFIG_CRYPTO_USER_API_SKCIPHER",
  aead: "CONFIG_CRYPTO_USER_API_AEAD",
  rng: "CONFIG_CRYPTO_USER_API_RNG",
};

/** Closes file descriptors whose owner was garbage-collected without `close()`. */
const leaked = new FinalizationRegistry<number>((fd) => {
  try {
    libc().close(fd);
  } catch {
    // Nothing to report to: the owner is gone.
  }
});

/** Closes a descriptor, ignoring errors (close() cannot be retried anyway). */
function closeFd(fd: number): void {
  libc().close(fd);
}

/** A file descriptor owned by one object: closed once, by `close()` or as a backstop. */
export class Fd implements Disposable {
  #fd: number;
  readonly #token = {};

  /**
   * Takes ownership of a descriptor.
   *
   * @param fd The descriptor.
   */
  constructor(fd: number) {
    this.#fd = fd;
    leaked.register(this, fd, this.#token);
  }

  /** The descriptor. @throws {TypeError} After `close()`. */
  get fd(): number {
    if (this.#fd < 0) throw new TypeError("Cannot use a closed AF_ALG socket");
    return this.#fd;
  }

  /** Whether `close()` was called. */
  get closed(): boolean {
    return this.#fd < 0;
  }

  /** Closes the descriptor; later calls do nothing. */
  close(): void {
    if (this.#fd < 0) return;
    const fd = this.#fd;
    this.#fd = -1;
    leaked.unregister(this.#token);
    closeFd(fd);
  }

  /** Same as `close()`. */
  [Symbol.dispose](): void {
    this.close();
  }
}

/**
 * The sentence that lists what `/proc/crypto` offers for a type.
 *
 * @param type The AF_ALG type.
 * @returns The listing, or how to get it.
 */
export function offeredAlgorithms(type: AlgType): string {
  const names = kernelAlgorithmNames(type);
  if (names === undefined) {
    return `grant --allow-read=${PROC_CRYPTO} to list the ${type} algorithms the kernel offers`;
  }
  if (names.length === 0) {
    return `${PROC_CRYPTO} lists no ${type} algorithm yet (modprobe ${MODULES[type]}?)`;
  }
  return `${PROC_CRYPTO} offers ${type}: ${names.join(", ")} (and templates such as ` +
    `hmac(...), cbc(...), gcm(...) built on demand)`;
}

/**
 * The error for a failed `socket(AF_ALG)`.
 *
 * @param type The AF_ALG type wanted.
 * @param name The algorithm wanted.
 * @param cause The failed call.
 * @returns The error to throw.
 */
export function socketError(type: AlgType, name: string, cause: ErrnoError): Error {
  if (cause.code === "EAFNOSUPPORT") {
    return new KernelCryptoError(
      `Cannot open an AF_ALG socket for ${type} "${name}": this kernel has no AF_ALG support ` +
        `(socket: EAFNOSUPPORT); load it with "modprobe af_alg ${MODULES[type]}" or use a ` +
        `kernel built with CONFIG_CRYPTO_USER_API and ${CONFIGS[type]}`,
      { code: "unavailable", cause },
    );
  }
  return new KernelCryptoError(
    `Cannot open an AF_ALG socket for ${type} "${name}": ${cause.message}`,
    { code: "failed", cause },
  );
}

/**
 * The error for a failed `bind()` of a transform socket.
 *
 * @param type The AF_ALG type.
 * @param name The algorithm.
 * @param cause The failed call.
 * @returns The error to throw.
 */
export function bindError(type: AlgType, name: string, cause: ErrnoError): Error {
  if (cause.code === "ENOENT") {
    return new KernelCryptoError(
      `Cannot bind ${type} "${name}": the kernel has no such ${type} algorithm, or no ` +
        `${MODULES[type]} module (bind: ENOENT); ${offeredAlgorithms(type)}`,
      { code: "unknown-algorithm", cause },
    );
  }
  return new KernelCryptoError(
    `Cannot bind ${type} "${name}": ${cause.message}`,
    { code: "failed", cause },
  );
}

/**
 * Describes the key lengths an algorithm takes, for a `RangeError`.
 *
 * @param info Its `/proc/crypto` entry.
 * @param name The algorithm.
 * @returns A phrase such as `16 to 32 bytes (AES: 16, 24 or 32)`.
 */
function keySizes(info: KernelAlgorithm | undefined, name: string): string {
  let sizes = "";
  if (info?.minKeySize !== undefined && info.maxKeySize !== undefined) {
    sizes = info.minKeySize === info.maxKeySize
      ? `${info.minKeySize} bytes`
      : `${info.minKeySize} to ${info.maxKeySize} bytes`;
  }
  const lower = name.toLowerCase();
  let hint = "";
  if (/^(rfc4106|rfc4309)\(/.test(lower)) hint = "an AES key of 16, 24 or 32 bytes plus a salt";
  else if (/^xts\(aes/.test(lower)) hint = "two AES keys: 32, 48 or 64 bytes";
  else if (/aes/.test(lower)) hint = "AES: 16, 24 or 32 bytes";
  if (sizes === "" && hint === "") return "a key of the length the algorithm defines";
  if (sizes === "") return hint;
  return hint === "" ? sizes : `${sizes} (${hint})`;
}

/**
 * The transform socket: bound to one algorithm, holding its key.
 */
export class TransformSocket implements Disposable {
  readonly #fd: Fd;
  /** The AF_ALG type. */
  readonly type: AlgType;
  /** The algorithm name as bound. */
  readonly algorithm: string;
  #info: KernelAlgorithm | undefined | null = null;

  /**
   * Opens an AF_ALG socket and binds it to an algorithm.
   *
   * @param type The AF_ALG type.
   * @param algorithm The kernel algorithm name.
   * @throws {KernelCryptoError} `unavailable` without AF_ALG, `unknown-algorithm` for a
   *   name the kernel lacks.
   */
  constructor(type: AlgType, algorithm: string) {
    this.type = type;
    this.algorithm = algorithm;
    const address = sockaddrAlg(type, algorithm);
    const symbols = libc();
    const fd = symbols.socket(Sock.AF_ALG, Sock.SOCK_SEQPACKET | Sock.SOCK_CLOEXEC, 0);
    if (fd < 0) throw socketError(type, algorithm, ErrnoError.last("socket"));
    this.#fd = new Fd(fd);
    if (symbols.bind(fd, address, address.length) < 0) {
      const cause = ErrnoError.last("bind");
      this.#fd.close();
      throw bindError(type, algorithm, cause);
    }
  }

  /** The `/proc/crypto` entry of the bound algorithm, when readable. */
  get info(): KernelAlgorithm | undefined {
    if (this.#info === null) this.#info = findKernelAlgorithm(this.type, this.algorithm);
    return this.#info;
  }

  /**
   * Sets the key (`setsockopt(ALG_SET_KEY)`); the kernel keeps a copy, this object none.
   *
   * @param key The key bytes.
   * @throws {RangeError} When the kernel rejects its length.
   */
  setKey(key: Uint8Array): void {
    const info = this.info;
    if (
      info?.minKeySize !== undefined && info.maxKeySize !== undefined &&
      (key.length < info.minKeySize || key.length > info.maxKeySize)
    ) {
      throw this.#keyError(key.length);
    }
    const result = libc().setsockopt(
      this.#fd.fd,
      Sock.SOL_ALG,
      Alg.SET_KEY,
      key as Uint8Array<ArrayBuffer>,
      key.length,
    );
    if (result < 0) {
      const cause = ErrnoError.last("setsockopt");
      if (cause.code === "EINVAL") throw this.#keyError(key.length, cause);
      throw new KernelCryptoError(
        `Cannot set the key of ${this.type} "${this.algorithm}": ${cause.message}` +
          (cause.code === "ENOSYS" || cause.code === "ENOPROTOOPT" ? " (it takes no key)" : ""),
        { code: "failed", cause },
      );
    }
  }

  #keyError(length: number, cause?: ErrnoError): RangeError {
    return new RangeError(
      `Cannot set the key of ${this.algorithm}: it takes ${
        keySizes(this.info, this.algorithm)
      }, received ${length} bytes`,
      cause === undefined ? undefined : { cause },
    );
  }

  /**
   * Sets the AEAD tag size (`setsockopt(ALG_SET_AEAD_AUTHSIZE)`).
   *
   * @param size The tag size in bytes.
   * @throws {RangeError} When the algorithm does not allow it.
   */
  setAuthSize(size: number): void {
    if (libc().setsockopt(this.#fd.fd, Sock.SOL_ALG, Alg.SET_AEAD_AUTHSIZE, null, size) < 0) {
      const cause = ErrnoError.last("setsockopt");
      const max = this.info?.maxAuthSize;
      throw new RangeError(
        `Cannot set the tag size of ${this.algorithm}: ${size} bytes rejected (${cause.code})` +
          (max === undefined ? "" : `; it allows tags of at most ${max} bytes`) +
          (this.algorithm.startsWith("gcm") ? " (GCM: 4, 8 or 12 to 16)" : "") +
          (this.algorithm.startsWith("ccm") ? " (CCM: 4, 6, 8, 10, 12, 14 or 16)" : ""),
        { cause },
      );
    }
  }

  /**
   * Accepts an operation socket for one stream of data.
   *
   * @returns The operation socket.
   * @throws {KernelCryptoError} When the kernel refuses (`ENOKEY`: a keyed algorithm
   *   without a key).
   */
  accept(): OperationSocket {
    const fd = libc().accept(this.#fd.fd, null, null);
    if (fd < 0) {
      const cause = ErrnoError.last("accept");
      throw new KernelCryptoError(
        `Cannot start a ${this.type} operation with ${this.algorithm}: ${cause.message}` +
          (cause.code === "ENOKEY" ? " (the algorithm needs a key: pass one)" : ""),
        { code: "failed", cause },
      );
    }
    return new OperationSocket(fd, this.algorithm);
  }

  /** Whether `close()` was called. */
  get closed(): boolean {
    return this.#fd.closed;
  }

  /** Closes the socket (the kernel drops the key); later calls do nothing. */
  close(): void {
    this.#fd.close();
  }

  /** Same as `close()`. */
  [Symbol.dispose](): void {
    this.close();
  }
}

/** An operation socket: data goes in with `send()`, results come out with `read()`. */
export class OperationSocket implements Disposable {
  readonly #fd: Fd;
  /** The algorithm, for messages. */
  readonly algorithm: string;

  /**
   * Takes ownership of an accepted descriptor.
   *
   * @param fd The descriptor from `accept()`.
   * @param algorithm The algorithm, for messages.
   */
  constructor(fd: number, algorithm: string) {
    this.#fd = new Fd(fd);
    this.algorithm = algorithm;
  }

  /** The descriptor. */
  get fd(): number {
    return this.#fd.fd;
  }

  /**
   * Sends all of `data` (`sendmsg()`, the control messages with the first bytes).
   *
   * @param data The bytes.
   * @param flags `MSG_MORE` when more data follows for the same operation.
   * @param control Control messages (`ALG_SET_OP`, `ALG_SET_IV`...) for the first call.
   * @throws {ErrnoError} When a call fails.
   */
  send(data: Uint8Array, flags: number, control: readonly ControlMessage[] = []): void {
    const symbols = libc();
    let offset = 0;
    let controlBytes = controlMessages(control);
    do {
      const piece = data.subarray(offset) as Uint8Array<ArrayBuffer>;
      const { header, iov } = msghdr(piece, controlBytes);
      const sent = check(symbols.sendmsg(this.#fd.fd, header, flags), "sendmsg");
      // Keep the buffers that `header` points to alive until the call returned.
      void iov;
      void piece;
      offset += sent;
      controlBytes = new Uint8Array(0);
      if (sent === 0 && offset < data.length) {
        throw new ErrnoError("sendmsg", 105, "No buffer space available");
      }
    } while (offset < data.length);
  }

  /**
   * One `sendmsg()`: sends what the kernel accepts of `data` at once.
   *
   * @param data The bytes.
   * @param flags `MSG_MORE`, `MSG_DONTWAIT`...
   * @param control Control messages.
   * @returns The bytes the kernel took.
   * @throws {ErrnoError} When the call fails.
   */
  sendOnce(data: Uint8Array, flags: number, control: readonly ControlMessage[] = []): number {
    const controlBytes = controlMessages(control);
    const { header, iov } = msghdr(data, controlBytes);
    const sent = check(libc().sendmsg(this.#fd.fd, header, flags), "sendmsg");
    void iov;
    return sent;
  }

  /**
   * Reads into `buffer` until it is full or the kernel has no more (`read()`).
   *
   * @param buffer Where to read.
   * @param once Return after the first successful `read()`.
   * @returns The bytes read.
   * @throws {ErrnoError} When a call fails.
   */
  read(buffer: Uint8Array, once = false): number {
    const symbols = libc();
    let offset = 0;
    while (offset < buffer.length) {
      const target = buffer.subarray(offset) as Uint8Array<ArrayBuffer>;
      const got = check(symbols.read(this.#fd.fd, target, BigInt(target.length)), "read");
      if (got === 0) break;
      offset += got;
      if (once) break;
    }
    return offset;
  }

  /**
   * Moves `length` bytes (or to end of file when `undefined`) from a file descriptor into
   * this socket through a pipe with `splice()`, without copying them into user space;
   * every piece goes with `SPLICE_F_MORE`.
   *
   * @param input The file descriptor to read from.
   * @param pipe The pipe's read and write ends.
   * @param pieceSize Bytes per splice.
   * @returns The bytes moved.
   */
  async spliceFrom(input: number, pipe: readonly [number, number], pieceSize: number): Promise<
    number
  > {
    const symbols = libc();
    const splice = symbols.spliceAsync;
    const spliceSync = symbols.splice;
    if (splice === null || spliceSync === null) {
      throw new KernelCryptoError("Cannot splice a file: this libc has no splice()", {
        code: "failed",
      });
    }
    let total = 0;
    for (;;) {
      let moved = Number(
        await splice(input, null, pipe[1], null, BigInt(pieceSize), File.SPLICE_F_MOVE),
      );
      if (moved < 0) {
        // errno belongs to the worker thread: repeat the call here to learn it.
        moved = check(
          spliceSync(input, null, pipe[1], null, BigInt(pieceSize), File.SPLICE_F_MOVE),
          "splice",
        );
      }
      if (moved === 0) return total;
      let left = moved;
      while (left > 0) {
        const flags = File.SPLICE_F_MOVE | File.SPLICE_F_MORE;
        let out = Number(await splice(pipe[0], null, this.#fd.fd, null, BigInt(left), flags));
        if (out < 0) {
          out = check(spliceSync(pipe[0], null, this.#fd.fd, null, BigInt(left), flags), "splice");
        }
        if (out === 0) throw new ErrnoError("splice", 32, "Broken pipe");
        left -= out;
      }
      total += moved;
    }
  }

  /**
   * Sets `SO_SNDBUF` and `SO_RCVBUF` (with the `FORCE` variants first, which root may
   * use) so that `bytes` fit in the kernel's buffers at once, as one AEAD operation needs:
   * the kernel would otherwise process only what the receive buffer holds.
   *
   * @param bytes The bytes to hold.
   */
  reserveSendBuffer(bytes: number): void {
    const value = new Uint8Array(4);
    // The kernel doubles the value it is given; ask for a little more than needed.
    new DataView(value.buffer).setInt32(0, Math.min(0x3fff_ffff, bytes + 8192), true);
    const symbols = libc();
    const pairs = [[Sock.SO_SNDBUFFORCE, Sock.SO_SNDBUF], [Sock.SO_RCVBUFFORCE, Sock.SO_RCVBUF]];
    for (const [force, plain] of pairs) {
      if (symbols.setsockopt(this.#fd.fd, Sock.SOL_SOCKET, force!, value, 4) !== 0) {
        symbols.setsockopt(this.#fd.fd, Sock.SOL_SOCKET, plain!, value, 4);
      }
    }
  }

  /** Whether `close()` was called. */
  get closed(): boolean {
    return this.#fd.closed;
  }

  /** Closes the socket; later calls do nothing. */
  close(): void {
    this.#fd.close();
  }

  /** Same as `close()`. */
  [Symbol.dispose](): void {
    this.close();
  }
}

/**
 * A pipe for `splice()`, enlarged to 1 MiB when the kernel allows.
 *
 * @returns Its read and write ends, and a function that closes both.
 */
export function openPipe(): { ends: [number, number]; size: number; close: () => void } {
  const symbols = libc();
  if (symbols.pipe2 === null) {
    throw new KernelCryptoError("Cannot open a pipe: this libc has no pipe2()", {
      code: "failed",
    });
  }
  const fds = new Int32Array(2);
  check(symbols.pipe2(fds, File.O_CLOEXEC), "pipe2");
  const ends: [number, number] = [fds[0]!, fds[1]!];
  const grown = symbols.fcntl(ends[1], File.F_SETPIPE_SZ, 1 << 20);
  return {
    ends,
    size: grown > 0 ? grown : 65536,
    close: () => {
      closeFd(ends[0]);
      closeFd(ends[1]);
    },
  };
}

/**
 * Opens a file read-only with libc `open()`, after checking that Deno would let the
 * program read it (FFI bypasses Deno's permission checks; this keeps them).
 *
 * @param path The file.
 * @returns The descriptor; close it with {@linkcode closeDescriptor}.
 * @throws {Deno.errors.NotCapable} Without read permission for the file.
 * @throws {Deno.errors.NotFound} When it does not exist.
 */
export function openFileForReading(path: string): number {
  if (Deno.permissions.querySync({ name: "read", path }).state !== "granted") {
    throw new Deno.errors.NotCapable(
      `Requires read access to "${path}", run again with the --allow-read flag`,
    );
  }
  const bytes = new TextEncoder().encode(path + "\0");
  const fd = libc().open(bytes, File.O_RDONLY | File.O_CLOEXEC);
  if (fd < 0) {
    const cause = ErrnoError.last("open");
    if (cause.code === "ENOENT") {
      throw new Deno.errors.NotFound(`Cannot open "${path}": no such file`, { cause });
    }
    if (cause.code === "EACCES" || cause.code === "EPERM") {
      throw new Deno.errors.PermissionDenied(`Cannot open "${path}": ${cause.description}`, {
        cause,
      });
    }
    throw new KernelCryptoError(`Cannot open "${path}": ${cause.message}`, {
      code: "failed",
      cause,
    });
  }
  return fd;
}

/**
 * Closes a descriptor from {@linkcode openFileForReading}.
 *
 * @param fd The descriptor.
 */
export function closeDescriptor(fd: number): void {
  closeFd(fd);
}

/**
 * Tells whether this kernel offers AF_ALG sockets (tries `socket(AF_ALG)`).
 *
 * @returns `true` when the socket opened, else the reason (errno name).
 */
export function probeAfAlg(): true | string {
  const fd = libc().socket(Sock.AF_ALG, Sock.SOCK_SEQPACKET | Sock.SOCK_CLOEXEC, 0);
  if (fd < 0) return ErrnoError.last("socket").code;
  closeFd(fd);
  return true;
}

/** `ALG_SET_OP` control message. */
export function opMessage(encrypt: boolean): ControlMessage {
  const data = new Uint8Array(4);
  new DataView(data.buffer).setUint32(0, encrypt ? Alg.OP_ENCRYPT : Alg.OP_DECRYPT, true);
  return { level: Sock.SOL_ALG, type: Alg.SET_OP, data };
}
