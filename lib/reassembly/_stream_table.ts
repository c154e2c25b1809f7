/**
 * The table of streams (private): streams by the key of their address and port pair,
 * linked from the least to the most recently active, so that idle streams expire and the
 * oldest is evicted past a limit in constant time per packet.
 *
 * @module
 */

import type { Ipv4 } from "../net/ipv4.ts";
import type { Ipv6 } from "../net/ipv6.ts";
import type { StreamInfo, StreamProtocol } from "./stream_types.ts";

/**
 * Copies the identity fields of a stream into a plain object.
 *
 * @param stream The stream.
 * @returns Its protocol, number, addresses, ports and first time.
 */
export function streamInfo(stream: StreamInfo): StreamInfo {
  return {
    protocol: stream.protocol,
    index: stream.index,
    ipVersion: stream.ipVersion,
    clientAddress: stream.clientAddress,
    clientPort: stream.clientPort,
    serverAddress: stream.serverAddress,
    serverPort: stream.serverPort,
    firstSeen: stream.firstSeen,
  };
}

/** What the table keeps of a stream. */
export interface TableEntry {
  /** The key of its address and port pair, the same both ways. */
  readonly key: string;
  /** Whether the client is the lower end of the key. */
  readonly clientIsLow: boolean;
  /** Capture time of its last packet, in seconds. */
  lastSeen: number;
  /** The entry active just before, toward the oldest. */
  older: TableEntry | undefined;
  /** The entry active just after, toward the newest. */
  newer: TableEntry | undefined;
}

/**
 * A stream in the table (TCP connection or UDP pair): its identity, taken from its first
 * packet (whose source is the client), and its links in the table.
 */
export abstract class StreamEntry implements StreamInfo, TableEntry {
  abstract readonly protocol: StreamProtocol;
  readonly key: string;
  readonly clientIsLow: boolean;
  readonly ipVersion: 4 | 6;
  readonly clientAddress: string;
  readonly serverAddress: string;
  lastSeen: number;
  older: TableEntry | undefined = undefined;
  newer: TableEntry | undefined = undefined;

  /**
   * Makes the entry of a stream from its first packet.
   *
   * @param pair The key of the packet's address and port pair.
   * @param index The stream's number.
   * @param ip The packet's IP header.
   * @param clientPort The packet's source port.
   * @param serverPort The packet's destination port.
   * @param firstSeen The packet's capture time, in seconds.
   */
  constructor(
    pair: PairKey,
    readonly index: number,
    ip: Ipv4 | Ipv6,
    readonly clientPort: number,
    readonly serverPort: number,
    readonly firstSeen: number,
  ) {
    this.key = pair.key;
    this.clientIsLow = pair.sourceIsLow;
    this.ipVersion = ip.kind === "ipv4" ? 4 : 6;
    this.clientAddress = ip.source;
    this.serverAddress = ip.destination;
    this.lastSeen = firstSeen;
  }

  /** The stream's identity, without the table's state (for `JSON.stringify`). */
  toJSON(): StreamInfo {
    return streamInfo(this);
  }
}

/** The key of a packet's address and port pair, and which end its source is. */
export interface PairKey {
  /** The key, the same for both directions. */
  key: string;
  /** Whether the source (address, port) is the lower end. */
  sourceIsLow: boolean;
}

/**
 * Builds the key of an address and port pair: the lower (address, port) end first, as
 * UTF-16 code units (7 for IPv4, 19 for IPv6).
 *
 * @param ip The IP header (its source and destination fields).
 * @param sourcePort The source port.
 * @param destinationPort The destination port.
 * @param out Where to put the key and the order (reused, to allocate nothing else).
 * @returns `out`.
 */
export function pairKey(
  ip: Ipv4 | Ipv6,
  sourcePort: number,
  destinationPort: number,
  out: PairKey,
): PairKey {
  if (ip.kind === "ipv4") {
    const source = ip.sourceAddress >>> 0;
    const destination = ip.destinationAddress >>> 0;
    const low = source < destination || (source === destination && sourcePort <= destinationPort);
    const a = low ? source : destination;
    const b = low ? destination : source;
    const pa = low ? sourcePort : destinationPort;
    const pb = low ? destinationPort : sourcePort;
    out.key = String.fromCharCode(4, a >>> 16, a & 0xffff, pa, b >>> 16, b & 0xffff, pb);
    out.sourceIsLow = low;
    return out;
  }
  const data = ip.data;
  const source = ip.offset + 8;
  const destination = ip.offset + 24;
  let order = 0;
  for (let i = 0; i < 16 && order === 0; i++) order = data[source + i]! - data[destination + i]!;
  if (order === 0) order = sourcePort - destinationPort;
  const low = order <= 0;
  const first = low ? source : destination;
  const second = low ? destination : source;
  const codes = new Array<number>(19);
  codes[0] = 6;
  for (let i = 0; i < 8; i++) {
    codes[1 + i] = (data[first + 2 * i]! << 8) | data[first + 2 * i + 1]!;
    codes[10 + i] = (data[second + 2 * i]! << 8) | data[second + 2 * i + 1]!;
  }
  codes[9] = low ? sourcePort : destinationPort;
  codes[18] = low ? destinationPort : sourcePort;
  out.key = String.fromCharCode(...codes);
  out.sourceIsLow = low;
  return out;
}

/** Streams by key, linked in the order of their last activity. */
export class StreamTable<E extends TableEntry> {
  readonly #map = new Map<string, E>();
  #oldest: E | undefined = undefined;
  #newest: E | undefined = undefined;

  /** How many entries the table holds. */
  get size(): number {
    return this.#map.size;
  }

  /** The least recently active entry. */
  get oldest(): E | undefined {
    return this.#oldest;
  }

  /**
   * Looks an entry up.
   *
   * @param key The key.
   * @returns The entry, if any.
   */
  get(key: string): E | undefined {
    return this.#map.get(key);
  }

  /**
   * Adds an entry as the most recently active (replacing none: remove first).
   *
   * @param entry The entry.
   */
  insert(entry: E): void {
    this.#map.set(entry.key, entry);
    entry.older = this.#newest;
    entry.newer = undefined;
    if (this.#newest !== undefined) this.#newest.newer = entry;
    else this.#oldest = entry;
    this.#newest = entry;
  }

  /**
   * Marks an entry as active now.
   *
   * @param entry The entry.
   * @param time The capture time, in seconds.
   */
  touch(entry: E, time: number): void {
    if (time > entry.lastSeen) entry.lastSeen = time;
    if (this.#newest === entry) return;
    this.#unlink(entry);
    entry.older = this.#newest;
    entry.newer = undefined;
    this.#newest!.newer = entry;
    this.#newest = entry;
  }

  /**
   * Removes an entry.
   *
   * @param entry The entry.
   */
  remove(entry: E): void {
    if (this.#map.get(entry.key) === entry) this.#map.delete(entry.key);
    this.#unlink(entry);
    entry.older = entry.newer = undefined;
  }

  /**
   * The entries in the order they were added.
   *
   * @returns An iterator.
   */
  values(): IterableIterator<E> {
    return this.#map.values();
  }

  /** Forgets every entry. */
  clear(): void {
    this.#map.clear();
    this.#oldest = this.#newest = undefined;
  }

  #unlink(entry: E): void {
    if (entry.older !== undefined) entry.older.newer = entry.newer;
    else if (this.#oldest === entry) this.#oldest = entry.newer as E | undefined;
    if (entry.newer !== undefined) entry.newer.older = entry.older;
    else if (this.#newest === entry) this.#newest = entry.older as E | undefined;
  }
}
