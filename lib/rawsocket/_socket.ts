/**
 * What AF_PACKET and AF_INET raw sockets share (private): the descriptor and a wake-up
 * pipe, receiving with `recvmsg(MSG_DONTWAIT | MSG_TRUNC)` and a kernel timestamp
 * (`SO_TIMESTAMPNS`), waiting in `poll()` on a worker thread, attaching a classic BPF
 * program, stopping and closing. The record and option types and the helpers that open,
 * set up and bind a socket are in `_socket_setup.ts`.
 *
 * @module
 */

import { errno, ErrnoError, libc } from "../../ffi/libc.ts";
import {
  Msghdr,
  msghdr,
  Pollfd,
  Raw,
  Sock,
  type SockFilterInstruction,
} from "../../ffi/libc_structs.ts";
import { RawSocketError } from "./errors.ts";
import {
  bindSocketToDevice,
  filterProgram,
  kernelTimestamp,
  type RawReceiveOptions,
  type RawRecord,
  type RawSocketStats,
  type RawStopReason,
  readSize,
  receiveBufferSize,
  sendBytes,
  setIntOption,
} from "./_socket_setup.ts";

/** `EAGAIN`: nothing to read now. */
const EAGAIN = 11;
/** `EINTR`. */
const EINTR = 4;
/** `O_NONBLOCK` (Linux). */
const O_NONBLOCK = 0o4000;
/** `O_CLOEXEC` (Linux). */
const O_CLOEXEC = 0o2000000;

/** Closes descriptors whose owner was garbage-collected without `close()`. */
const leaked = new FinalizationRegistry<number[]>((fds) => {
  for (const fd of fds) libc().close(fd);
});

/**
 * The base of raw sockets: receives records, waits without blocking the event loop, and
 * closes once.
 */
export abstract class RawSocketBase implements Disposable, AsyncIterable<RawRecord> {
  /** The link-layer header type of the records. */
  readonly linkType: number;
  /** The most bytes kept of a packet. */
  readonly snapLength: number;
  #fd: number;
  #wakeRead: number;
  #wakeWrite: number;
  #closed = false;
  #stopped = false;
  #stopReason: RawStopReason | undefined;
  #pending: Promise<unknown> | undefined;
  #delivered = 0;
  #received = 0;
  #dropped = 0;
  readonly #count: number;
  readonly #deadline: number | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = () => this.#halt("aborted");
  readonly #token = {};
  readonly #buffer: Uint8Array<ArrayBuffer>;
  readonly #name: Uint8Array<ArrayBuffer> = new Uint8Array(32);
  readonly #nameView = new DataView(this.#name.buffer);
  // Room for a timestamp and the IPv6 packet information, hop limit and traffic class.
  readonly #control: Uint8Array<ArrayBuffer> = new Uint8Array(256);
  readonly #controlView = new DataView(this.#control.buffer);
  readonly #header: Uint8Array<ArrayBuffer>;
  readonly #headerView: DataView;
  // The iovec that #header points to: kept referenced as long as the header.
  readonly #iov: Uint8Array<ArrayBuffer>;
  readonly #pollfds = new Uint8Array(Pollfd.size * 2);
  readonly #pollView = new DataView(this.#pollfds.buffer);
  readonly #byte = new Uint8Array(64);

  /**
   * Takes ownership of a socket.
   *
   * @param fd The socket, nonblocking; when the constructor throws, the caller closes it.
   * @param linkType The link type of what it receives.
   * @param options The receive options (the filter is attached by {@linkcode attachFilter}).
   */
  protected constructor(fd: number, linkType: number, options: RawReceiveOptions) {
    this.#fd = fd;
    this.linkType = linkType;
    const snapLength = options.snapLength ?? 262144;
    if (!Number.isInteger(snapLength) || snapLength < 1) {
      throw new RangeError(
        `Cannot open raw socket: snapLength must be >= 1: received ${snapLength}`,
      );
    }
    const bufferSize = options.bufferSize;
    if (
      bufferSize !== undefined &&
      (!Number.isInteger(bufferSize) || bufferSize < 1 || bufferSize > 2 ** 30)
    ) {
      throw new RangeError(
        `Cannot open raw socket: bufferSize must be 1 to 2^30 bytes: received ${bufferSize}`,
      );
    }
    const pipe = new Int32Array(2);
    if (libc().pipe2?.(new Uint8Array(pipe.buffer), O_NONBLOCK | O_CLOEXEC) !== 0) {
      const cause = ErrnoError.last("pipe2");
      throw new RawSocketError("failed", `Cannot open raw socket: ${cause.message}`, cause);
    }
    this.#wakeRead = pipe[0]!;
    this.#wakeWrite = pipe[1]!;
    leaked.register(this, [fd, this.#wakeRead, this.#wakeWrite], this.#token);
    this.snapLength = snapLength;
    this.#buffer = new Uint8Array(snapLength);
    const { header, iov } = msghdr(this.#buffer, this.#control);
    this.#header = header;
    this.#iov = iov;
    this.#headerView = new DataView(header.buffer);
    this.#headerView.setBigUint64(
      Msghdr.name,
      BigInt(Deno.UnsafePointer.value(Deno.UnsafePointer.of(this.#name))),
      true,
    );
    this.#pollView.setInt32(Pollfd.fd, fd, true);
    this.#pollView.setInt16(Pollfd.events, Raw.POLLIN, true);
    this.#pollView.setInt32(Pollfd.size + Pollfd.fd, this.#wakeRead, true);
    this.#pollView.setInt16(Pollfd.size + Pollfd.events, Raw.POLLIN, true);
    this.#count = options.count ?? Infinity;
    this.#deadline = options.timeout === undefined ? undefined : Date.now() + options.timeout;
    this.#signal = options.signal;
    // Kernel timestamps in nanoseconds; without them, the time of the read is used.
    setIntOption(fd, Sock.SOL_SOCKET, Raw.SO_TIMESTAMPNS, 1);
    if (bufferSize !== undefined) {
      // The kernel doubles the value it is given (for its bookkeeping): ask for half.
      const half = Math.max(1, Math.floor(bufferSize / 2));
      if (
        setIntOption(fd, Sock.SOL_SOCKET, Sock.SO_RCVBUFFORCE, half) !== 0 &&
        setIntOption(fd, Sock.SOL_SOCKET, Sock.SO_RCVBUF, half) !== 0
      ) {
        const cause = ErrnoError.last("setsockopt");
        throw new RawSocketError(
          "failed",
          `Cannot set the receive buffer to ${bufferSize} bytes: ${cause.message}`,
          cause,
        );
      }
    }
    if (options.signal?.aborted === true) this.#halt("aborted");
    options.signal?.addEventListener("abort", this.#onAbort, { once: true });
  }

  /** The descriptor. @throws {RawSocketError} After `close()`. */
  protected get fd(): number {
    if (this.#closed) throw new RawSocketError("closed", "Cannot use raw socket: it is closed");
    return this.#fd;
  }

  /**
   * The kernel's receive buffer for the socket in bytes (`SO_RCVBUF`; see `bufferSize`).
   *
   * @throws {RawSocketError} After `close()`.
   */
  get receiveBufferSize(): number {
    return receiveBufferSize(this.fd);
  }

  /** Whether `close()` was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Why the last iteration ended, once it has. */
  get stopReason(): RawStopReason | undefined {
    return this.#stopReason;
  }

  /**
   * Binds the socket to one interface (`SO_BINDTODEVICE`).
   *
   * @param iface The interface name.
   * @param socketName What the socket is, for the error message (`raw IPv4 socket`).
   * @throws {RawSocketError} `no-such-device` when there is no such interface.
   */
  protected bindToDevice(iface: string, socketName: string): void {
    bindSocketToDevice(this.fd, iface, socketName);
  }

  /**
   * Attaches a classic BPF program (`SO_ATTACH_FILTER`).
   *
   * @param filter A tcpdump expression (compiled by libpcap for this socket's link type)
   * or instructions.
   * @throws {RawSocketError} `bad-filter` when it does not compile or the kernel refuses it.
   */
  protected attachFilter(filter: string | readonly SockFilterInstruction[]): void {
    const built = filterProgram(filter, this.linkType);
    const status = libc().setsockopt(
      this.fd,
      Sock.SOL_SOCKET,
      Raw.SO_ATTACH_FILTER,
      built.program,
      built.program.length,
    );
    if (status !== 0) {
      const cause = ErrnoError.last("setsockopt");
      throw new RawSocketError(
        "bad-filter",
        `Cannot attach BPF filter: the kernel refused the program (${cause.code}, ${cause.description})`,
        cause,
      );
    }
  }

  /**
   * Turns what `recvmsg()` returned into a record, or `undefined` to skip the packet.
   *
   * @param data A copy of the captured bytes.
   * @param originalLength The packet's length.
   * @param timestamp Nanoseconds since the epoch.
   * @param name The source address the kernel filled in.
   * @param control The control messages (`struct cmsghdr`s); valid until the next read.
   * @param controlLength How many bytes of `control` the kernel filled in.
   * @returns The record, or `undefined`.
   */
  protected abstract toRecord(
    data: Uint8Array<ArrayBuffer>,
    originalLength: number,
    timestamp: bigint,
    name: DataView,
    control: DataView,
    controlLength: number,
  ): RawRecord | undefined;

  /**
   * Whether to keep the packet `recvmsg()` just returned, before anything is copied.
   *
   * @param _name The source address the kernel filled in.
   * @returns `true` unless a subclass filters.
   */
  protected accepts(_name: DataView): boolean {
    return true;
  }

  /** Drops what the kernel counted so far into the totals (`PACKET_STATISTICS`). */
  protected readCounters(): { received: number; dropped: number } | undefined {
    return undefined;
  }

  /**
   * The kernel's counters for this socket since it opened; kept after `close()`.
   *
   * @returns Packets received and dropped.
   */
  stats(): RawSocketStats {
    if (!this.#closed) this.#accumulate();
    return { received: this.#received, dropped: this.#dropped };
  }

  #accumulate(): void {
    const counters = this.readCounters();
    if (counters === undefined) return;
    this.#received += counters.received;
    this.#dropped += counters.dropped;
  }

  /**
   * Reads one packet if one is waiting; never blocks.
   *
   * @returns The record, or `undefined` when none is ready.
   * @throws {RawSocketError} When the read fails.
   */
  receive(): RawRecord | undefined {
    const fd = this.fd;
    while (true) {
      this.#headerView.setUint32(Msghdr.nameLength, this.#name.length, true);
      this.#headerView.setUint32(Msghdr.controlLength, this.#control.length, true);
      this.#headerView.setUint32(Msghdr.controlLength + 4, 0, true);
      this.#headerView.setInt32(Msghdr.flags, 0, true);
      const result = Number(
        libc().recvmsg(fd, this.#header, Sock.MSG_DONTWAIT | Raw.MSG_TRUNC),
      );
      if (result < 0) {
        const code = errno();
        if (code === EAGAIN) return undefined;
        if (code === EINTR) continue;
        const cause = new ErrnoError("recvmsg", code);
        throw new RawSocketError(
          "failed",
          `Cannot receive from raw socket: ${cause.message}`,
          cause,
        );
      }
      if (!this.accepts(this.#nameView)) continue;
      const captured = Math.min(result, this.#buffer.length);
      const data = this.#buffer.slice(0, captured);
      const record = this.toRecord(
        data,
        result,
        kernelTimestamp(this.#controlView, readSize(this.#headerView, Msghdr.controlLength)),
        this.#nameView,
        this.#controlView,
        readSize(this.#headerView, Msghdr.controlLength),
      );
      if (record !== undefined) return record;
    }
  }

  /**
   * The packets, as they arrive, until `count`, `timeout`, the signal, `stop()` or
   * `close()`. Each record's `data` is a copy that stays valid. Waiting happens in
   * `poll()` on a worker thread, so the event loop keeps running; a stop wakes it at once.
   *
   * @returns The records.
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<RawRecord, void, undefined> {
    yield* this.iterate(() => this.receive(), () => 1);
  }

  /**
   * Runs an iteration: yields what `take` finds ready, waiting in `poll()` on a worker
   * thread in between, until `count`, `timeout`, the signal, `stop()` or `close()`.
   *
   * @param take Returns what is ready (at most `limit` packets), or `undefined`.
   * @param size How many packets an item holds.
   * @returns The items.
   */
  protected async *iterate<T>(
    take: (limit: number) => T | undefined,
    size: (item: T) => number,
  ): AsyncGenerator<T, void, undefined> {
    while (true) {
      if (this.#stopped || this.#closed) {
        this.#stopReason ??= this.#closed ? "closed" : "stopped";
        return;
      }
      if (this.#delivered >= this.#count) {
        this.#stopReason = "count";
        return;
      }
      const remaining = this.#deadline === undefined ? 1000 : this.#deadline - Date.now();
      if (remaining <= 0) {
        this.#stopReason = "timeout";
        return;
      }
      const item = take(this.#count - this.#delivered);
      if (item !== undefined) {
        this.#delivered += size(item);
        yield item;
        continue;
      }
      await this.#wait(Math.min(remaining, 1000));
    }
  }

  /**
   * Waits until a packet may be ready to {@linkcode RawSocketBase.prototype.receive}, the
   * time passes, or the socket is stopped or closed; the event loop keeps running.
   *
   * @param milliseconds The most to wait.
   * @returns When one of those happened.
   */
  async waitReadable(milliseconds: number): Promise<void> {
    this.fd;
    if (this.#stopped || milliseconds <= 0) return;
    await this.#wait(milliseconds);
  }

  async #wait(milliseconds: number): Promise<void> {
    this.#pollView.setInt16(Pollfd.revents, 0, true);
    this.#pollView.setInt16(Pollfd.size + Pollfd.revents, 0, true);
    const pending = libc().pollAsync(this.#pollfds, 2n, Math.max(1, Math.ceil(milliseconds)));
    this.#pending = pending;
    try {
      await pending;
    } finally {
      this.#pending = undefined;
    }
    if (this.#closed) this.#release();
  }

  /** Ends the current iteration (and any later one) and wakes a waiting one at once. */
  stop(): void {
    this.#halt("stopped");
  }

  #halt(reason: RawStopReason): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#stopReason = reason;
    this.#wake();
  }

  #wake(): void {
    if (this.#wakeWrite >= 0) libc().write(this.#wakeWrite, this.#byte.subarray(0, 1), 1n);
  }

  /**
   * Sends bytes as they are (a frame or an IP packet).
   *
   * @param bytes What to send.
   * @param address The `sockaddr` to send to.
   * @returns The bytes sent.
   */
  protected sendTo(bytes: Uint8Array, address: Uint8Array<ArrayBuffer>): number {
    return sendBytes(this.fd, bytes, address);
  }

  /** Closes the socket; idempotent. A waiting iteration ends at once. */
  close(): void {
    if (this.#closed) return;
    this.#accumulate();
    this.#closed = true;
    this.#stopReason ??= "closed";
    this.#signal?.removeEventListener("abort", this.#onAbort);
    leaked.unregister(this.#token);
    if (this.#pending === undefined) {
      this.#release();
    } else {
      // poll() still watches the descriptors on a worker thread: wake it, close after.
      this.#wake();
    }
  }

  #release(): void {
    for (const fd of [this.#fd, this.#wakeRead, this.#wakeWrite]) if (fd >= 0) libc().close(fd);
    this.#fd = -1;
    this.#wakeRead = -1;
    this.#wakeWrite = -1;
  }

  /** Same as `close()`, for `using`. */
  [Symbol.dispose](): void {
    this.close();
  }
}
