/**
 * {@linkcode PacketRing}: the recent packets that `scripts/serve.ts` shows, each with its
 * list row (number, time, addresses, protocol, length, the tcpdump line), bounded in count:
 * when full, the oldest packet makes room and is counted as not kept.
 *
 * @module
 */

import { decode, type Packet } from "../decode.ts";
import { TcpdumpPrinter } from "../print/tcpdump_printer.ts";
import type { TcpdumpOptions } from "../print/context.ts";

/** One packet of the ring: its bytes and the columns of the packet list. */
export interface RingPacket {
  /** 1 for the first packet captured or read, counting on across evictions. */
  readonly number: number;
  /** Seconds since the Unix epoch. */
  readonly seconds: number;
  /** Nanoseconds within the second. */
  readonly nanoseconds: number;
  /** The `LINKTYPE_*` number. */
  readonly linkType: number;
  /** The length on the wire. */
  readonly originalLength: number;
  /** The captured bytes (a copy the ring owns). */
  readonly data: Uint8Array;
  /** The network source (IP or hardware address), or `""`. */
  readonly source: string;
  /** The network destination, or `""`. */
  readonly destination: string;
  /** The innermost decoded layer kind, such as `"tcp"`. */
  readonly protocol: string;
  /** The tcpdump line, without timestamp or newline. */
  readonly line: string;
}

/** The timestamp and lengths of a packet that {@linkcode PacketRing.push} takes. */
export interface RingRecord {
  /** Seconds since the Unix epoch. */
  seconds: number;
  /** Nanoseconds within the second. */
  nanoseconds: number;
  /** The `LINKTYPE_*` number. */
  linkType: number;
  /** The length on the wire. */
  originalLength: number;
}

/** Options of {@linkcode PacketRing}. */
export interface PacketRingOptions {
  /** The most packets kept (default 200000). */
  capacity?: number;
  /** The tcpdump options of the line (default: `-n -t`, no timestamp). */
  printer?: TcpdumpOptions;
  /** Called with each packet as decoded and kept, such as to count it for charts. */
  onPacket?: (packet: Packet, kept: RingPacket) => void;
}

const ADDRESSED = ["ipv6", "ipv4", "arp"] as const;

/** The source and destination columns: the innermost IP (or ARP, or link) addresses. */
function addresses(packet: Packet): [string, string] {
  for (let i = packet.layers.length - 1; i >= 0; i--) {
    const layer = packet.layers[i]!;
    if (!(ADDRESSED as readonly string[]).includes(layer.kind) && i > 0) continue;
    const json = layer.toJSON();
    const source = json.source ?? json.senderProtocolAddress;
    const destination = json.destination ?? json.targetProtocolAddress;
    if (typeof source === "string" && typeof destination === "string") {
      return [source, destination];
    }
  }
  return ["", ""];
}

/**
 * The packets a live view keeps: a ring of the most recent `capacity` packets, with the
 * list columns computed once as each packet comes (one tcpdump printer for the whole
 * capture, so relative TCP sequence numbers read as `sniff.ts` prints them).
 *
 * @example Keep the last two of three packets
 * ```ts
 * import { PacketRing } from "./packet_ring.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = new Uint8Array(42);
 * frame.fill(0xff, 0, 6);
 * frame.set([0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0, 1], 12); // an ARP request
 * const ring = new PacketRing({ capacity: 2 });
 * const record = { seconds: 1, nanoseconds: 0, linkType: 1, originalLength: 42 };
 * for (let i = 0; i < 3; i++) ring.push(frame, record);
 * assert.equal(ring.total, 3);
 * assert.equal(ring.evicted, 1);
 * assert.equal(ring.get(1), undefined);
 * assert.equal(ring.get(3)?.protocol, "arp");
 * assert.match(ring.get(3)!.line, /^ARP, Request who-has/);
 * ```
 */
export class PacketRing {
  readonly #slots: (RingPacket | undefined)[];
  readonly #printer: TcpdumpPrinter;
  readonly #onPacket: ((packet: Packet, kept: RingPacket) => void) | undefined;
  #total = 0;

  /**
   * Makes an empty ring.
   *
   * @param options The capacity and the printer options.
   */
  constructor(options: PacketRingOptions = {}) {
    const capacity = options.capacity ?? 200000;
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(
        `Cannot make a packet ring: capacity must be >= 1, received ${capacity}`,
      );
    }
    this.#slots = new Array(capacity);
    this.#printer = new TcpdumpPrinter({ timestamps: "none", ...options.printer });
    this.#onPacket = options.onPacket;
  }

  /** How many packets the ring holds at most. */
  get capacity(): number {
    return this.#slots.length;
  }

  /** How many packets came, kept or not. */
  get total(): number {
    return this.#total;
  }

  /** How many packets were dropped to make room (the oldest first). */
  get evicted(): number {
    return Math.max(0, this.#total - this.#slots.length);
  }

  /** The number of the oldest packet kept (`total + 1` when empty). */
  get first(): number {
    return this.evicted + 1;
  }

  /**
   * Adds a packet, evicting the oldest when full.
   *
   * @param data The captured bytes (copied).
   * @param record The timestamp, link type and length on the wire.
   * @returns The packet as kept.
   */
  push(data: Uint8Array, record: RingRecord): RingPacket {
    const bytes = data.slice();
    const packet = decode(record.linkType, bytes, { originalLength: record.originalLength });
    const line = this.#printer.format(packet, {
      seconds: record.seconds,
      nanoseconds: record.nanoseconds,
      originalLength: record.originalLength,
      linkType: record.linkType,
      capturedLength: bytes.length,
    }).trimEnd();
    const [source, destination] = addresses(packet);
    const kept: RingPacket = {
      number: ++this.#total,
      seconds: record.seconds,
      nanoseconds: record.nanoseconds,
      linkType: record.linkType,
      originalLength: record.originalLength,
      data: bytes,
      source,
      destination,
      protocol: packet.layers.at(-1)?.kind ?? "",
      line,
    };
    this.#slots[(kept.number - 1) % this.#slots.length] = kept;
    this.#onPacket?.(packet, kept);
    return kept;
  }

  /**
   * Returns a kept packet.
   *
   * @param number The packet number.
   * @returns The packet, or `undefined` when it was evicted or never came.
   */
  get(number: number): RingPacket | undefined {
    if (!Number.isInteger(number) || number < this.first || number > this.#total) return undefined;
    return this.#slots[(number - 1) % this.#slots.length];
  }

  /**
   * The kept packets, oldest first, from a packet number on.
   *
   * @param from The first packet number (default the oldest kept).
   * @returns The packets.
   */
  *packets(from = 1): IterableIterator<RingPacket> {
    for (let n = Math.max(from, this.first); n <= this.#total; n++) yield this.get(n)!;
  }
}
