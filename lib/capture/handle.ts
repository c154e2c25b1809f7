/**
 * The pcap handle shared by live captures and files read through libpcap: batched, copying
 * reads that never block Deno's event loop, prompt stops, statistics and filters.
 *
 * @module
 */

import { Layout, PcapPrecision, PcapStatus } from "../../ffi/libpcap.ts";
import { CaptureBatch, type CaptureRecord } from "../formats/capture_reader.ts";
import type { PcapWriterOptions } from "../formats/pcap.ts";
import type { PcapngInterfaceOptions } from "../formats/pcapng.ts";
import { CaptureError } from "./errors.ts";
import { type BpfProgram, compileFilter } from "./filter.ts";
import { errbuf, errbufText, handleError, lib } from "./_native.ts";
import { libc } from "../../ffi/libc.ts";
import { DispatchReader } from "./_dispatch.ts";

/** Counts from `pcap_stats`. */
export interface CaptureStats {
  /**
   * Packets the filter accepted (on Linux, including those then dropped for lack of buffer
   * space).
   */
  received: number;
  /** Packets dropped because the capture buffer was full (the reader was too slow). */
  dropped: number;
  /** Packets the interface or its driver dropped, when the OS reports it. */
  interfaceDropped: number;
}

/**
 * Why a capture stopped: its `count` was reached, its `timeout` ran out, its `signal`
 * aborted, `stop()` or `close()` was called, or (for files) the file ended.
 */
export type StopReason = "count" | "timeout" | "abort" | "stopped" | "closed" | "end";

/** When to stop reading, and how much to read at once. */
export interface ReadOptions {
  /** Stop after this many packets. */
  count?: number;
  /** Stop this many milliseconds after the iteration starts. */
  timeout?: number;
  /** Stop when this signal aborts (the iteration ends quietly, no exception). */
  signal?: AbortSignal;
  /** The most packets per batch (default 4096). */
  batchSize?: number;
  /** The size of the buffers packets are copied into (default 1 MiB). */
  chunkSize?: number;
}

/** Options of {@linkcode PcapHandle.prototype.batches}. */
export interface BatchOptions {
  /**
   * Let two copy buffers take turns instead of allocating a fresh one when one is full: no
   * allocation at all per batch, but a batch's bytes are overwritten by the batch after the
   * next one. Default `false`.
   */
  reuseBuffers?: boolean;
}

/** What a subclass passes to the {@linkcode PcapHandle} constructor. */
export interface PcapHandleInit {
  /** The handle, activated (or opened offline). */
  handle: Deno.PointerObject;
  /** The interface name or file path. */
  source: string;
  /** Whether it is a live capture (it waits for packets) rather than a file (it ends). */
  live: boolean;
  /** The read options. */
  options: ReadOptions;
}

const hostLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const DEFAULT_BATCH_SIZE = 4096;
const DEFAULT_CHUNK_SIZE = 1 << 20;

// Closes handles whose owner was garbage-collected without close().
const registry = new FinalizationRegistry<bigint>((address) => {
  const pointer = Deno.UnsafePointer.create(address);
  if (pointer !== null) lib().symbols.pcap_close(pointer);
});

/**
 * A libpcap handle read as a stream of packets: the base of {@linkcode LiveCapture} and
 * {@linkcode OfflineCapture}.
 *
 * Reading copies each packet out of libpcap's buffer into a chunk buffer that wirekit
 * allocated, so every record's `data` stays valid after the iteration moves on (libpcap's own
 * buffer is reused at the next read). Packets are copied in batches: a live capture takes
 * every packet libpcap has ready in one `pcap_dispatch()` call, whose callback is libpcap's
 * own `pcap_dump()` writing into a memory stream that one copy brings into JavaScript (no FFI
 * call per packet, as `tcpdump -w`); a file is read with `pcap_next_ex` fast calls. Only when
 * no packet is ready does the handle wait, on a worker thread (`pcap_next_ex` as a
 * non-blocking FFI call), so Deno's event loop never blocks. Stopping (`count`, `timeout`,
 * `signal`, `break`, `stop()`, `close()`) interrupts that wait with `pcap_breakloop`.
 *
 * A handle is iterated once; when the iteration ends (for any reason) the handle is closed,
 * and {@linkcode PcapHandle.prototype.stats} returns the counts taken just before.
 */
export abstract class PcapHandle
  implements AsyncIterable<CaptureRecord>, AsyncDisposable, Disposable {
  /** The interface name, or the file path. */
  readonly source: string;
  /** The link-layer header type of the packets (`LINKTYPE_*`, see `LinkType`). */
  readonly linkType: number;
  /** The snapshot length: no packet is captured longer than this. */
  readonly snapLength: number;
  /** The timestamp precision libpcap delivers. */
  readonly precision: "nano" | "micro";
  #handle: Deno.PointerObject | undefined;
  #live: boolean;
  #nonblocking: boolean | undefined = undefined;
  #waiting: Promise<number> | undefined = undefined;
  #stopReason: StopReason | undefined = undefined;
  #closing = false;
  #started = false;
  #delivered = 0;
  #count: number;
  #timeout: number | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined = undefined;
  #signal: AbortSignal | undefined;
  #onAbort = (): void => this.stop("abort");
  #batchSize: number;
  #chunkSize: number;
  #pendingFilter: BpfProgram | undefined = undefined;
  #finalStats: CaptureStats | undefined = undefined;
  #headerOut = new BigUint64Array(1);
  #dataOut = new BigUint64Array(1);
  // The header's address as 32-bit halves: checked with no bigint per packet.
  #headerWords = new Uint32Array(this.#headerOut.buffer);
  // libpcap returns the same header struct every time (`&p->pcap_header`): a view over it,
  // made once, reads it in place (remade if the address ever changes).
  #headerAt = 0;
  #headerView = new DataView(new ArrayBuffer(Layout.pcap_pkthdr.size));
  #lengthAt = 0;
  #lengthBig = 0n;
  // Live handles read batches through pcap_dispatch() (null: not available here).
  #dispatch: DispatchReader | null | undefined = undefined;
  #errbuf = errbuf();

  /**
   * Wraps an open handle. Use {@linkcode capture} or {@linkcode openOffline}.
   *
   * @param init The handle and its options.
   */
  protected constructor(init: PcapHandleInit) {
    const symbols = lib().symbols;
    this.#handle = init.handle;
    this.source = init.source;
    this.#live = init.live;
    this.linkType = symbols.pcap_datalink(init.handle);
    this.snapLength = symbols.pcap_snapshot(init.handle);
    const precision = symbols.pcap_get_tstamp_precision?.(init.handle) ?? PcapPrecision.MICRO;
    this.precision = precision === PcapPrecision.NANO ? "nano" : "micro";
    const options = init.options;
    this.#count = options.count ?? Infinity;
    if (!(this.#count >= 0)) {
      throw new RangeError(`Cannot read packets: count must be >= 0, received ${options.count}`);
    }
    this.#timeout = options.timeout;
    this.#signal = options.signal;
    this.#batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
    this.#chunkSize = Math.max(1024, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
    registry.register(this, Deno.UnsafePointer.value(init.handle), this);
  }

  /** The open handle; throws when closed. */
  protected get handle(): Deno.PointerObject {
    if (this.#handle === undefined || this.#closing) {
      throw new CaptureError("closed", `Cannot use capture on ${this.source}: it is closed`);
    }
    return this.#handle;
  }

  /** Whether the handle is closed (or closing). */
  get closed(): boolean {
    return this.#handle === undefined || this.#closing;
  }

  /** How many packets the iteration has delivered. */
  get packets(): number {
    return this.#delivered;
  }

  /** Why the iteration stopped, once it has. */
  get stopReason(): StopReason | undefined {
    return this.#stopReason;
  }

  /**
   * The file descriptor that becomes readable when packets are ready
   * (`pcap_get_selectable_fd`), `-1` where the OS has none.
   */
  get selectableFd(): number {
    return lib().symbols.pcap_get_selectable_fd(this.handle);
  }

  /** Options for a `PcapWriter` that writes these packets unchanged. */
  get pcapWriterOptions(): PcapWriterOptions {
    return {
      linkType: this.linkType,
      snapLength: this.snapLength,
      resolution: this.precision === "nano" ? "nanoseconds" : "microseconds",
    };
  }

  /** A pcapng interface (for `PcapngWriter.addInterface`) that describes this capture. */
  get pcapngInterface(): PcapngInterfaceOptions {
    return {
      linkType: this.linkType,
      snapLength: this.snapLength,
      name: this.source,
      timestampResolution: { base: 10, exponent: this.precision === "nano" ? 9 : 6 },
    };
  }

  /**
   * Replaces the filter (compiled for this handle's link type). While a read is waiting, the
   * wait is interrupted and the new filter applies to the next read.
   *
   * @param filter An expression in tcpdump's syntax, or a compiled program (kept by the
   * caller, who closes it).
   * @param optimize Whether libpcap optimises the program (default `true`).
   * @returns Nothing.
   * @throws {CaptureError} With code `bad-filter` and libpcap's message.
   */
  setFilter(filter: string | BpfProgram, optimize = true): void {
    const handle = this.handle;
    if (typeof filter !== "string") {
      this.#applyFilter(handle, filter);
      return;
    }
    const program = compileFilter(filter, {
      linkType: this.linkType,
      snapLength: this.snapLength,
      optimize,
      netmask: this.netmask(),
    });
    if (this.#waiting === undefined) {
      try {
        this.#applyFilter(handle, program);
      } finally {
        program.close();
      }
      return;
    }
    this.#pendingFilter?.close();
    this.#pendingFilter = program;
    lib().symbols.pcap_breakloop(handle);
  }

  /** The IPv4 netmask filters are compiled with (unknown by default). */
  protected netmask(): number {
    return 0xffffffff;
  }

  #applyFilter(handle: Deno.PointerObject, program: BpfProgram): void {
    if (lib().symbols.pcap_setfilter(handle, program.native) !== 0) {
      throw new CaptureError(
        "bad-filter",
        `Cannot set filter "${program.expression}" on ${this.source}: ${handleError(handle)}`,
        { source: this.source },
      );
    }
  }

  /**
   * The capture statistics (`pcap_stats`). After the handle is closed, the counts taken just
   * before it closed.
   *
   * @returns The counts.
   * @throws {CaptureError} When libpcap has none (files have none).
   */
  stats(): CaptureStats {
    const handle = this.#handle;
    if (handle === undefined) {
      if (this.#finalStats !== undefined) return this.#finalStats;
      throw new CaptureError("closed", `Cannot read statistics of ${this.source}: it is closed`);
    }
    const out = new Uint8Array(Layout.pcap_stat.size);
    if (lib().symbols.pcap_stats(handle, out) !== 0) {
      throw new CaptureError(
        "error",
        `Cannot read statistics of ${this.source}: ${handleError(handle)}`,
        { source: this.source },
      );
    }
    const view = new DataView(out.buffer);
    return {
      received: view.getUint32(Layout.pcap_stat.ps_recv, hostLittleEndian),
      dropped: view.getUint32(Layout.pcap_stat.ps_drop, hostLittleEndian),
      interfaceDropped: view.getUint32(Layout.pcap_stat.ps_ifdrop, hostLittleEndian),
    };
  }

  /**
   * Stops the iteration: a waiting read returns at once, the iteration ends after the
   * packets already copied, and the handle closes. Idempotent.
   *
   * @param reason Why (default `stopped`).
   * @returns Nothing.
   */
  stop(reason: StopReason = "stopped"): void {
    if (this.#stopReason !== undefined) return;
    this.#stopReason = reason;
    if (this.#waiting !== undefined && this.#handle !== undefined) {
      lib().symbols.pcap_breakloop(this.#handle);
    }
  }

  #setNonblocking(handle: Deno.PointerObject, on: boolean): void {
    if (this.#nonblocking === on) return;
    if (lib().symbols.pcap_setnonblock(handle, on ? 1 : 0, this.#errbuf) !== 0) {
      throw new CaptureError(
        "error",
        `Cannot switch ${this.source} to ${on ? "non-" : ""}blocking mode: ${
          errbufText(this.#errbuf)
        }`,
        { source: this.source },
      );
    }
    this.#nonblocking = on;
  }

  #readError(handle: Deno.PointerObject): CaptureError {
    return new CaptureError(
      "error",
      `Cannot read packets from ${this.source}: ${handleError(handle)}`,
      { status: PcapStatus.ERROR, source: this.source },
    );
  }

  // Copies the packet that pcap_next_ex returned into the batch, and returns the position
  // after it. Per packet: the header read in place, one memmove fast call for the bytes.
  #copy(batch: CaptureBatch, chunk: Uint8Array, position: number): number {
    const words = this.#headerWords;
    const headerAt = words[0]! + words[1]! * 4294967296;
    if (headerAt === 0) return position;
    if (headerAt !== this.#headerAt) {
      const pointer = Deno.UnsafePointer.create(this.#headerOut[0]!)!;
      const size = Layout.pcap_pkthdr.size;
      this.#headerView = new DataView(Deno.UnsafePointerView.getArrayBuffer(pointer, size));
      this.#headerAt = headerAt;
    }
    const view = this.#headerView;
    const le = hostLittleEndian;
    const low = view.getUint32(Layout.pcap_pkthdr.tv_sec + (le ? 0 : 4), le);
    const high = view.getInt32(Layout.pcap_pkthdr.tv_sec + (le ? 4 : 0), le);
    const fraction = view.getUint32(Layout.pcap_pkthdr.tv_usec + (le ? 0 : 4), le);
    let capturedLength = view.getUint32(Layout.pcap_pkthdr.caplen, le);
    const originalLength = view.getUint32(Layout.pcap_pkthdr.len, le);
    if (capturedLength > chunk.length - position) capturedLength = chunk.length - position;
    const dataAt = this.#dataOut[0]!;
    if (dataAt !== 0n && capturedLength > 0) {
      if (capturedLength !== this.#lengthAt) {
        this.#lengthAt = capturedLength;
        this.#lengthBig = BigInt(capturedLength);
      }
      libc().memmove(chunk.subarray(position, position + capturedLength), dataAt, this.#lengthBig);
    }
    if (batch.count === batch.capacity) batch.grow();
    const i = batch.count++;
    batch.offsets[i] = position;
    batch.capturedLengths[i] = capturedLength;
    batch.originalLengths[i] = originalLength;
    batch.linkTypes[i] = this.linkType;
    batch.interfaceIds[i] = 0;
    batch.seconds[i] = high * 4294967296 + low;
    batch.nanoseconds[i] = this.precision === "nano" ? fraction : fraction * 1000;
    batch.flags[i] = 0;
    batch.optionsOffsets[i] = 0;
    batch.optionsLengths[i] = 0;
    return position + capturedLength;
  }

  // Fills the batch with up to `limit` packets; returns false when the reading is over.
  async #fill(batch: CaptureBatch, chunk: Uint8Array, limit: number): Promise<boolean> {
    const symbols = lib().symbols;
    const snap = Math.max(this.snapLength, 1);
    let position = 0;
    batch.count = 0;
    batch.buffer = chunk;
    while (batch.count < limit && chunk.length - position >= snap) {
      if (this.#stopReason !== undefined || this.#handle === undefined) break;
      const handle = this.#handle;
      const pending = this.#pendingFilter;
      if (pending !== undefined) {
        this.#pendingFilter = undefined;
        try {
          this.#applyFilter(handle, pending);
        } finally {
          pending.close();
        }
      }
      if (this.#live) {
        this.#setNonblocking(handle, true);
        this.#dispatch ??= DispatchReader.open(handle) ?? null;
      }
      const dispatch = this.#dispatch ?? undefined;
      if (dispatch !== undefined && batch.count === 0) {
        // Every ready packet (up to the limit) in one call; the batch may get a larger buffer.
        const nano = this.precision === "nano";
        const taken = dispatch.read(handle, batch, chunk, limit, this.linkType, nano);
        if (taken > 0) break;
        if (taken === PcapStatus.ERROR_BREAK) continue;
        if (taken < 0) throw this.#readError(handle);
      } else {
        const status = symbols.pcap_next_ex(handle, this.#headerOut, this.#dataOut);
        if (status === 1) {
          position = this.#copy(batch, chunk, position);
          continue;
        }
        if (status === PcapStatus.ERROR_BREAK) {
          // End of file; or, live, pcap_breakloop from a stop or a filter change.
          if (!this.#live) this.#stopReason ??= "end";
          continue;
        }
        if (status !== 0) throw this.#readError(handle);
        if (!this.#live) continue; // A file never returns 0, but be safe.
        if (batch.count > 0) break;
      }
      // Nothing ready: wait on a worker thread, in blocking mode.
      this.#setNonblocking(handle, false);
      const waiting = symbols.pcap_next_ex_wait(handle, this.#headerOut, this.#dataOut);
      this.#waiting = waiting;
      let waited: number;
      try {
        waited = await waiting;
      } finally {
        this.#waiting = undefined;
      }
      if (waited === 1) {
        position = this.#copy(batch, chunk, position);
        if (dispatch !== undefined) break; // The packets after it: the next batch, in one call.
      } else if (waited !== 0 && waited !== PcapStatus.ERROR_BREAK) {
        throw this.#readError(handle);
      }
    }
    return batch.count > 0 || this.#stopReason === undefined;
  }

  /**
   * Reads the packets in batches, the fast path for hot loops: a {@linkcode CaptureBatch}
   * like the file readers', filled with every packet ready (up to `batchSize`) by one wait.
   * The same batch object is yielded every time, refilled: read it before the next
   * iteration. Its `buffer` is fresh for each batch unless `reuseBuffers` is set. The handle
   * closes when the iteration ends.
   *
   * @param options Whether to reuse the copy buffers.
   * @returns An async iterator of batches.
   *
   * @example Count packets and bytes for five seconds
   * ```ts ignore
   * import { capture } from "./live.ts";
   *
   * await using live = capture({ iface: "lo", timeout: 5000 });
   * let packets = 0;
   * for await (const batch of live.batches({ reuseBuffers: true })) packets += batch.count;
   * console.log(packets, live.stats());
   * ```
   */
  async *batches(options: BatchOptions = {}): AsyncGenerator<CaptureBatch, void, undefined> {
    if (this.#started) {
      throw new TypeError(`Cannot iterate capture on ${this.source}: it is already iterated`);
    }
    this.#started = true;
    const reuse = options.reuseBuffers ?? false;
    const batch = new CaptureBatch(Math.min(this.#batchSize, 4096));
    const chunkSize = Math.max(this.#chunkSize, this.snapLength);
    let chunk: Uint8Array = new Uint8Array(chunkSize);
    let spare: Uint8Array | undefined = reuse ? new Uint8Array(chunkSize) : undefined;
    this.#startStops();
    try {
      while (this.#delivered < this.#count) {
        if (this.#stopReason !== undefined && this.#stopReason !== "end") break;
        const limit = Math.min(this.#batchSize, this.#count - this.#delivered);
        const more = await this.#fill(batch, chunk, limit);
        if (batch.count > 0) {
          this.#delivered += batch.count;
          yield batch;
          batch.count = 0;
          // The batch's buffer is the chunk, or a larger one that a dispatch needed.
          if (spare !== undefined) [chunk, spare] = [spare, batch.buffer];
          else chunk = new Uint8Array(chunkSize);
        }
        if (!more || this.#stopReason === "end") break;
      }
      if (this.#delivered >= this.#count) this.#stopReason ??= "count";
    } finally {
      batch.count = 0;
      await this.close();
    }
  }

  /**
   * Reads the packets one record at a time, each copied out of libpcap's buffer (its `data`
   * stays valid). The handle closes when the iteration ends, `break` included.
   *
   * @returns An async iterator of records, shaped like the file readers' records.
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<CaptureRecord, void, undefined> {
    for await (const batch of this.batches()) {
      const count = batch.count;
      for (let i = 0; i < count; i++) yield batch.record(i);
    }
  }

  #startStops(): void {
    if (this.#timeout !== undefined) {
      this.#timer = setTimeout(() => this.stop("timeout"), Math.max(0, this.#timeout));
    }
    const signal = this.#signal;
    if (signal !== undefined) {
      if (signal.aborted) this.stop("abort");
      else signal.addEventListener("abort", this.#onAbort, { once: true });
    }
  }

  /**
   * Stops the iteration and closes the handle (`pcap_close`), after the read in progress, if
   * any, returns. Idempotent.
   *
   * @returns When the handle is closed.
   */
  async close(): Promise<void> {
    if (this.#handle === undefined) return;
    this.#closing = true;
    this.stop("closed");
    while (this.#waiting !== undefined) {
      try {
        await this.#waiting;
      } catch {
        // The reader reports it.
      }
    }
    this.#release();
  }

  #release(): void {
    const handle = this.#handle;
    if (handle === undefined) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#signal?.removeEventListener("abort", this.#onAbort);
    if (this.#live) {
      try {
        this.#finalStats = this.stats();
      } catch {
        // No statistics: stats() then reports that the handle is closed.
      }
    }
    this.#pendingFilter?.close();
    this.#pendingFilter = undefined;
    this.#dispatch?.close();
    this.#handle = undefined;
    registry.unregister(this);
    lib().symbols.pcap_close(handle);
  }

  /**
   * Same as {@linkcode PcapHandle.prototype.close}, for `await using`.
   *
   * @returns When the handle is closed.
   */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /**
   * Stops, and closes the handle now, or as soon as the read in progress returns (at once,
   * as the read is interrupted), for `using`.
   */
  [Symbol.dispose](): void {
    if (this.#handle === undefined) return;
    this.#closing = true;
    this.stop("closed");
    if (this.#waiting === undefined) this.#release();
    else void this.close();
  }
}
