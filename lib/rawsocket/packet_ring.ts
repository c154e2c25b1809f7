/**
 * AF_PACKET capture through a TPACKET_V3 memory-mapped ring (Linux): the kernel writes
 * packets into blocks of memory shared with the process, and hands a block over when it
 * is full or its timeout passes. Reading a block takes no system call and copies nothing;
 * one `poll()` waits for many packets. The fast way to capture without libpcap.
 *
 * @module
 */

import { ErrnoError, libc } from "../../ffi/libc.ts";
import {
  Raw,
  Ring,
  SockaddrLl,
  Tpacket3Hdr,
  TpacketBlockDesc,
  TpacketReq3,
} from "../../ffi/libc_structs.ts";
import { CaptureBatch } from "../formats/capture_reader.ts";
import { LinkType } from "../link_type.ts";
import { RawSocketError } from "./errors.ts";
import { PacketSocket, type PacketSocketInit, type PacketSocketOptions } from "./packet_socket.ts";
import {
  hasVlanTag,
  openPacketSocketWith,
  packetFlags,
  packetRecord,
  VLAN_TAG_LENGTH,
  VLAN_TAG_OFFSET,
  writeVlanTag,
} from "./_packet.ts";
import { type RawRecord, setIntOption } from "./_socket_setup.ts";

/** `MAP_FAILED`, `(void *) -1`. */
const MAP_FAILED = 0xffff_ffff_ffff_ffffn;
/** The frame size given to the kernel; TPACKET_V3 packets are not bound to it. */
const FRAME_SIZE = 2048;

/**
 * The blocks of a ring: `blockCount`, or as many as `bufferSize` fills, or 16.
 *
 * @param options The ring's options.
 * @returns How many blocks.
 */
function blockCountOf(options: PacketRingOptions): number {
  if (options.blockCount !== undefined) return options.blockCount;
  if (options.bufferSize === undefined) return 16;
  return Math.max(2, Math.ceil(options.bufferSize / (options.blockSize ?? 262144)));
}

/** Options of {@linkcode openPacketRing}. */
export interface PacketRingOptions extends PacketSocketOptions {
  /** Bytes per block, a multiple of the page size (default 262144). */
  blockSize?: number;
  /**
   * Blocks in the ring (default: `bufferSize` divided by `blockSize`, at least 2; without
   * `bufferSize`, 16: a 4 MiB ring).
   */
  blockCount?: number;
  /**
   * Milliseconds after which the kernel hands over a block that is not full (default 10):
   * the most a packet waits before the reader sees it.
   */
  blockTimeout?: number;
}

/**
 * The packets of one ring block, as parallel arrays read by index (a `CaptureBatch`), plus
 * the interface index and `sll_pkttype` of each. `buffer` is the ring itself: the bytes are
 * valid until the iteration moves on, when the block goes back to the kernel. `flags` holds
 * each packet's pcapng `epb_flags` (direction and reception type).
 */
export class PacketRingBatch extends CaptureBatch {
  /** The index of the interface each packet was seen on. */
  interfaceIndexes: Int32Array;
  /** The `sll_pkttype` of each packet (see `packetDirection()`). */
  packetTypes: Uint8Array;

  /**
   * Creates an empty batch.
   *
   * @param capacity How many records the arrays hold before they grow.
   */
  constructor(capacity = 1024) {
    super(capacity);
    this.interfaceIndexes = new Int32Array(capacity);
    this.packetTypes = new Uint8Array(capacity);
  }

  /** Grows the receive buffer when a packet did not fit. */
  override grow(): void {
    super.grow();
    const indexes = new Int32Array(this.capacity);
    indexes.set(this.interfaceIndexes);
    this.interfaceIndexes = indexes;
    const types = new Uint8Array(this.capacity);
    types.set(this.packetTypes);
    this.packetTypes = types;
  }
}

/** Unmaps rings whose owner was garbage-collected without `close()`. */
const leakedMaps = new FinalizationRegistry<RingMapping>(unmap);

/** A mapped ring: its address and length, and the `ArrayBuffer` over it. */
interface RingMapping {
  pointer: Deno.PointerObject;
  length: bigint;
  buffer: ArrayBuffer;
}

/**
 * Unmaps a ring after detaching the buffer over it, so that a view kept anywhere (a batch,
 * a packet's bytes) reads as empty instead of reaching unmapped memory.
 *
 * @param mapping The ring.
 */
function unmap(mapping: RingMapping): void {
  mapping.buffer.transfer(0);
  libc().munmap(mapping.pointer, mapping.length);
}

/**
 * An AF_PACKET socket that receives into a TPACKET_V3 ring. Iterate `batches()` for the
 * zero-copy fast path, or the ring itself for records whose bytes are copies. Open it with
 * {@linkcode openPacketRing}; it can `send()` frames like a {@linkcode PacketSocket}.
 */
export class PacketRing extends PacketSocket {
  /** Bytes per block. */
  readonly blockSize: number;
  /** Blocks in the ring. */
  readonly blockCount: number;
  /** Milliseconds before the kernel hands over a block that is not full. */
  readonly blockTimeout: number;
  #mapping: RingMapping | undefined;
  #ring: Uint8Array<ArrayBuffer> = new Uint8Array(0);
  #view = new DataView(this.#ring.buffer);
  // Block statuses are read and written as atomics: ordered against the packet bytes.
  #words = new Int32Array(this.#ring.buffer);
  readonly #token = {};
  #block = 0;
  #held = false;
  #cursor = 0;
  #left = 0;
  #batch: PacketRingBatch | undefined;
  // The packet #next() read last; fields rather than an object, to allocate nothing.
  #offset = 0;
  #captured = 0;
  #length = 0;
  #seconds = 0;
  #nanoseconds = 0;
  #packetType = 0;
  #interface = 0;
  #linkType = 0;

  /**
   * Wraps an open socket. Use {@linkcode openPacketRing}.
   *
   * @param fd The socket.
   * @param init What was found out while opening it.
   * @param options The options.
   */
  constructor(
    fd: number,
    init: PacketSocketInit,
    options: PacketRingOptions,
  ) {
    super(fd, init, options);
    this.blockSize = options.blockSize ?? 262144;
    this.blockCount = blockCountOf(options);
    this.blockTimeout = options.blockTimeout ?? 10;
  }

  /** The ring's size in bytes. */
  get ringSize(): number {
    return this.blockSize * this.blockCount;
  }

  /**
   * Switches the socket to TPACKET_V3, sets up the ring and maps it, then attaches the
   * filter, joins promiscuous mode and binds (done by `openPacketRing`).
   *
   * @param options The options.
   */
  override setUp(options: PacketSocketOptions): void {
    const fd = this.fd;
    const fail = (what: string, call: string): never => {
      const cause = ErrnoError.last(call);
      throw new RawSocketError(
        "failed",
        `Cannot set up packet ring on "${this.iface ?? "any"}": ${what}: ${cause.message}`,
        cause,
      );
    };
    if (setIntOption(fd, Raw.SOL_PACKET, Ring.PACKET_VERSION, Ring.TPACKET_V3) !== 0) {
      fail("TPACKET_V3 is not available", "setsockopt");
    }
    const request = new Uint8Array(TpacketReq3.size);
    const view = new DataView(request.buffer);
    view.setUint32(TpacketReq3.blockSize, this.blockSize, true);
    view.setUint32(TpacketReq3.blockCount, this.blockCount, true);
    view.setUint32(TpacketReq3.frameSize, FRAME_SIZE, true);
    view.setUint32(TpacketReq3.frameCount, (this.blockSize / FRAME_SIZE) * this.blockCount, true);
    view.setUint32(TpacketReq3.retireTimeout, this.blockTimeout, true);
    const status = libc().setsockopt(
      fd,
      Raw.SOL_PACKET,
      Ring.PACKET_RX_RING,
      request,
      request.length,
    );
    if (status !== 0) {
      fail(`the kernel refused ${this.blockCount} blocks of ${this.blockSize} bytes`, "setsockopt");
    }
    const length = BigInt(this.ringSize);
    const map = libc().mmap(
      null,
      length,
      Ring.PROT_READ | Ring.PROT_WRITE,
      Ring.MAP_SHARED,
      fd,
      0n,
    );
    if (map === null || BigInt(Deno.UnsafePointer.value(map)) === MAP_FAILED) {
      fail(`cannot map ${this.ringSize} bytes`, "mmap");
    }
    const buffer = Deno.UnsafePointerView.getArrayBuffer(map!, this.ringSize);
    this.#mapping = { pointer: map!, length, buffer };
    leakedMaps.register(this, this.#mapping, this.#token);
    this.#ring = new Uint8Array(buffer);
    this.#view = new DataView(buffer);
    this.#words = new Int32Array(buffer);
    super.setUp(options);
  }

  // Whether the block at #block is handed over to the process.
  #ready(): boolean {
    const at = this.#block * this.blockSize + TpacketBlockDesc.status;
    return (Atomics.load(this.#words, at >> 2) & Ring.TP_STATUS_USER) !== 0;
  }

  // Gives the held block back to the kernel and moves to the next.
  #giveBack(): void {
    const at = this.#block * this.blockSize + TpacketBlockDesc.status;
    Atomics.store(this.#words, at >> 2, Ring.TP_STATUS_KERNEL);
    this.#held = false;
    this.#left = 0;
    this.#block = (this.#block + 1) % this.blockCount;
  }

  // Reads the next packet of the held block into the #offset... fields, skipping those that
  // `direction` drops; when the block is used up and `cross` is set, gives it back and takes
  // the next. False when no packet is ready.
  #next(cross: boolean): boolean {
    const view = this.#view;
    while (true) {
      if (this.#left === 0) {
        if (this.#held) {
          if (!cross) return false;
          this.#giveBack();
        }
        if (!this.#ready()) return false;
        const block = this.#block * this.blockSize;
        this.#held = true;
        this.#left = view.getUint32(block + TpacketBlockDesc.packetCount, true);
        this.#cursor = block + view.getUint32(block + TpacketBlockDesc.firstPacket, true);
        continue;
      }
      const at = this.#cursor;
      this.#left--;
      this.#cursor = at + view.getUint32(at + Tpacket3Hdr.nextOffset, true);
      const address = at + Tpacket3Hdr.address;
      const packetType = view.getUint8(address + SockaddrLl.pkttype);
      const hardwareType = view.getUint16(address + SockaddrLl.hatype, true);
      if (!this.keeps(packetType, hardwareType)) continue;
      let mac = view.getUint16(at + Tpacket3Hdr.mac, true);
      let captured = view.getUint32(at + Tpacket3Hdr.snaplen, true);
      let length = view.getUint32(at + Tpacket3Hdr.len, true);
      const linkType = this.linkTypeOf(hardwareType);
      const status = view.getUint32(at + Tpacket3Hdr.status, true);
      const tci = view.getUint16(at + Tpacket3Hdr.vlanTci, true);
      if (
        linkType === LinkType.EN10MB && hasVlanTag(status, tci) && captured >= VLAN_TAG_OFFSET &&
        mac - VLAN_TAG_LENGTH >= Tpacket3Hdr.withAddress
      ) {
        // Put the tag back in place: the kernel leaves room before the frame.
        const start = at + mac;
        this.#ring.copyWithin(start - VLAN_TAG_LENGTH, start, start + VLAN_TAG_OFFSET);
        mac -= VLAN_TAG_LENGTH;
        const tpid = view.getUint16(at + Tpacket3Hdr.vlanTpid, true);
        writeVlanTag(view, at + mac + VLAN_TAG_OFFSET, status, tci, tpid);
        captured += VLAN_TAG_LENGTH;
        length += VLAN_TAG_LENGTH;
      }
      this.#offset = at + mac;
      this.#captured = Math.min(captured, this.snapLength);
      this.#length = length;
      this.#seconds = view.getUint32(at + Tpacket3Hdr.sec, true);
      this.#nanoseconds = view.getUint32(at + Tpacket3Hdr.nsec, true);
      this.#packetType = packetType;
      this.#interface = view.getInt32(address + SockaddrLl.ifindex, true);
      this.#linkType = linkType;
      return true;
    }
  }

  /**
   * Reads one packet if one is ready; never blocks. Its bytes are a copy.
   *
   * @returns The record, or `undefined` when none is ready.
   */
  override receive(): RawRecord | undefined {
    this.fd;
    if (!this.#next(true)) return undefined;
    return packetRecord(
      this.#ring.slice(this.#offset, this.#offset + this.#captured),
      this.#length,
      BigInt(this.#seconds) * 1_000_000_000n + BigInt(this.#nanoseconds),
      this.#linkType,
      this.#interface,
      this.#packetType,
    );
  }

  // Fills the batch with up to `limit` packets of the held block (or the next ready one).
  #fill(limit: number): PacketRingBatch | undefined {
    this.fd;
    const batch = this.#batch ??= new PacketRingBatch();
    batch.buffer = this.#ring;
    batch.count = 0;
    // A batch never spans two blocks: the one it points into goes back with the next call.
    while (batch.count < limit && this.#next(batch.count === 0)) {
      if (batch.count === batch.capacity) batch.grow();
      const i = batch.count++;
      batch.offsets[i] = this.#offset;
      batch.capturedLengths[i] = this.#captured;
      batch.originalLengths[i] = this.#length;
      batch.linkTypes[i] = this.#linkType;
      batch.interfaceIds[i] = 0;
      batch.seconds[i] = this.#seconds;
      batch.nanoseconds[i] = this.#nanoseconds;
      batch.flags[i] = packetFlags(this.#packetType);
      batch.optionsOffsets[i] = 0;
      batch.optionsLengths[i] = 0;
      batch.interfaceIndexes[i] = this.#interface;
      batch.packetTypes[i] = this.#packetType;
    }
    return batch.count > 0 ? batch : undefined;
  }

  /**
   * The packets block by block, without copying: the fast path. The same
   * {@linkcode PacketRingBatch} is yielded every time, refilled; its bytes point into the
   * ring and stay valid until the iteration moves on, when the block goes back to the
   * kernel (copy what you keep). Ends like the records' iteration (`count`, `timeout`, the
   * signal, `stop()`, `close()`); the socket stays open.
   *
   * @returns An async iterator of batches.
   *
   * @example Count the packets on eth0 for five seconds
   * ```ts ignore
   * import { openPacketRing } from "./packet_ring.ts";
   *
   * using ring = openPacketRing({ iface: "eth0", timeout: 5000 });
   * let packets = 0;
   * for await (const batch of ring.batches()) packets += batch.count;
   * console.log(packets, ring.stats());
   * ```
   */
  async *batches(): AsyncGenerator<PacketRingBatch, void, undefined> {
    try {
      yield* this.iterate((limit) => this.#fill(limit), (batch) => batch.count);
    } finally {
      if (this.#batch !== undefined) this.#batch.count = 0;
    }
  }

  /** Closes the socket and unmaps the ring; idempotent. Views into the ring become empty. */
  override close(): void {
    super.close();
    const mapping = this.#mapping;
    if (mapping === undefined) return;
    this.#mapping = undefined;
    leakedMaps.unregister(this.#token);
    this.#ring = new Uint8Array(0);
    this.#view = new DataView(this.#ring.buffer);
    this.#words = new Int32Array(this.#ring.buffer);
    unmap(mapping);
  }
}

/**
 * Opens an AF_PACKET socket that captures into a TPACKET_V3 memory-mapped ring: the same
 * options as {@linkcode openPacketSocket} (interface, EtherType, promiscuous mode,
 * direction, filter, `count`/`timeout`/`signal`), plus the ring's geometry. Frames whose
 * VLAN tag the kernel took out get it back, as libpcap does.
 *
 * @param options The socket's options and the ring's `blockSize`, `blockCount` and
 * `blockTimeout`.
 * @returns The ring: iterate `batches()` (no copy) or records, `send()` frames, read
 * `stats()`, `close()` it (or `using`).
 * @throws {RawSocketError} `permission-denied` (not root, no `CAP_NET_RAW`: the message
 * says what to do), `no-such-device`, `bad-filter`, or `failed` when the kernel refuses
 * the ring.
 * @throws {RangeError} For a block size that is not a multiple of 4096.
 *
 * @example Count the packets on lo for a second
 * ```ts ignore
 * import { openPacketRing } from "./packet_ring.ts";
 *
 * using ring = openPacketRing({ iface: "lo", timeout: 1000 });
 * let packets = 0;
 * for await (const batch of ring.batches()) packets += batch.count;
 * console.log(`${packets} packets, ${ring.stats().dropped} dropped`);
 * ```
 */
export function openPacketRing(options: PacketRingOptions = {}): PacketRing {
  const check = (
    name: string,
    value: number | undefined,
    ok: (value: number) => boolean,
    rule: string,
  ) => {
    if (value !== undefined && (!Number.isInteger(value) || !ok(value))) {
      throw new RangeError(`Cannot open packet ring: ${name} must be ${rule}: received ${value}`);
    }
  };
  check(
    "blockSize",
    options.blockSize,
    (size) => size >= 4096 && size % 4096 === 0 && size <= 2 ** 30,
    "a multiple of 4096 up to 1 GiB",
  );
  check("blockCount", options.blockCount, (count) => count >= 1, ">= 1");
  check("blockTimeout", options.blockTimeout, (ms) => ms >= 1 && ms <= 60000, "1 to 60000");
  const size = (options.blockSize ?? 262144) * blockCountOf(options);
  if (size >= 2 ** 32) {
    throw new RangeError(
      `Cannot open packet ring: blockSize x blockCount must be below 4 GiB: received ${size}`,
    );
  }
  return openPacketSocketWith(
    "packet ring",
    options,
    (fd, init) => new PacketRing(fd, init, options),
  );
}
