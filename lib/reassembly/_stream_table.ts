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
import { addressText } from "./_address_texts.ts";

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
  /** The hash of its address and port pair, the same both ways. */
  readonly hash: number;
  /** The key of its address and port pair: 3 words for IPv4, 9 for IPv6. */
  readonly words: ArrayLike<number>;
  /** Whether the client is the lower end of the key. */
  readonly clientIsLow: boolean;
  /** Capture time of its last packet, in seconds. */
  lastSeen: number;
  /** The entry active just before, toward the oldest. */
  older: TableEntry | undefined;
  /** The entry active just after, toward the newest. */
  newer: TableEntry | undefined;
  /** The next entry in the table whose key has the same hash. */
  sameHash: TableEntry | undefined;
}

/**
 * A stream in the table (TCP connection or UDP pair): its identity, taken from its first
 * packet (whose source is the client), and its links in the table.
 */
export abstract class StreamEntry implements StreamInfo, TableEntry {
  abstract readonly protocol: StreamProtocol;
  readonly hash: number;
  readonly words: readonly number[];
  readonly clientIsLow: boolean;
  readonly ipVersion: 4 | 6;
  readonly clientAddress: string;
  readonly serverAddress: string;
  lastSeen: number;
  older: TableEntry | undefined = undefined;
  newer: TableEntry | undefined = undefined;
  sameHash: TableEntry | undefined = undefined;

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
    this.hash = pair.hash;
    // A plain array: a typed array and its buffer would take three times the memory, and
    // every stream of a capture may be kept to its end.
    const words: number[] = [];
    for (let i = 0; i < pair.length; i++) words.push(pair.words[i]!);
    this.words = words;
    this.clientIsLow = pair.sourceIsLow;
    this.ipVersion = ip.kind === "ipv4" ? 4 : 6;
    this.clientAddress = addressText(ip, true);
    this.serverAddress = addressText(ip, false);
    this.lastSeen = firstSeen;
  }

  /** The stream's identity, without the table's state (for `JSON.stringify`). */
  toJSON(): StreamInfo {
    return streamInfo(this);
  }
}

/** The key of a packet's address and port pair, and which end its source is (reused). */
export interface PairKey {
  /** The key: the lower (address, port) end's address, the other's, then both ports. */
  readonly words: Uint32Array;
  /** How many words of `words` the key has: 3 for IPv4, 9 for IPv6. */
  length: number;
  /** The key's hash, a small integer (31 bits), the same for both directions. */
  hash: number;
  /** Whether the source (address, port) is the lower end. */
  sourceIsLow: boolean;
}

/**
 * Makes an empty key to fill with {@linkcode pairKey}.
 *
 * @returns The key.
 */
export function newPairKey(): PairKey {
  return { words: new Uint32Array(9), length: 0, hash: 0, sourceIsLow: true };
}

/** Reads the big-endian 32-bit word at `at`. */
function word(data: Uint8Array, at: number): number {
  return ((data[at]! << 24) | (data[at + 1]! << 16) | (data[at + 2]! << 8) | data[at + 3]!) >>> 0;
}

/**
 * Builds the key of an address and port pair, as numbers (no string, nothing allocated):
 * the lower (address, port) end first, and its hash.
 *
 * @param ip The IP header (its source and destination fields).
 * @param sourcePort The source port.
 * @param destinationPort The destination port.
 * @param out Where to put the key, its hash and the order.
 * @returns `out`.
 */
export function pairKey(
  ip: Ipv4 | Ipv6,
  sourcePort: number,
  destinationPort: number,
  out: PairKey,
): PairKey {
  const words = out.words;
  let low: boolean;
  if (ip.kind === "ipv4") {
    const source = ip.sourceAddress >>> 0;
    const destination = ip.destinationAddress >>> 0;
    low = source < destination || (source === destination && sourcePort <= destinationPort);
    words[0] = low ? source : destination;
    words[1] = low ? destination : source;
    out.length = 3;
  } else {
    const data = ip.data;
    const source = ip.offset + 8;
    const destination = ip.offset + 24;
    let order = 0;
    for (let i = 0; i < 16 && order === 0; i++) order = data[source + i]! - data[destination + i]!;
    if (order === 0) order = sourcePort - destinationPort;
    low = order <= 0;
    const first = low ? source : destination;
    const second = low ? destination : source;
    for (let i = 0; i < 4; i++) {
      words[i] = word(data, first + 4 * i);
      words[4 + i] = word(data, second + 4 * i);
    }
    out.length = 9;
  }
  const last = out.length - 1;
  words[last] = low ? (sourcePort << 16) | destinationPort : (destinationPort << 16) | sourcePort;
  let hash = out.length;
  for (let i = 0; i <= last; i++) {
    hash = Math.imul(hash ^ words[i]!, 0x9e3779b1);
    hash ^= hash >>> 15;
  }
  out.hash = hash & 0x3fffffff;
  out.sourceIsLow = low;
  return out;
}

/** Whether an entry's key is `key`. */
function sameKey(entry: TableEntry, key: PairKey): boolean {
  const words = entry.words;
  if (words.length !== key.length) return false;
  const other = key.words;
  for (let i = 0; i < words.length; i++) if (words[i] !== other[i]) return false;
  return true;
}

/**
 * Streams by key (a map from hash to a chain of entries, numbers only), linked in the order
 * of their last activity.
 */
export class StreamTable<E extends TableEntry> {
  /** The first entry of each hash's chain. */
  readonly #heads = new Map<number, E>();
  /** Every entry, in the order added. */
  readonly #entries = new Set<E>();
  #oldest: E | undefined = undefined;
  #newest: E | undefined = undefined;

  /** How many entries the table holds. */
  get size(): number {
    return this.#entries.size;
  }

  /** The least recently active entry. */
  get oldest(): E | undefined {
    return this.#oldest;
  }

  /**
   * Looks an entry up.
   *
   * @param key The key, as {@linkcode pairKey} made it.
   * @returns The entry, if any.
   */
  get(key: PairKey): E | undefined {
    let entry: TableEntry | undefined = this.#heads.get(key.hash);
    while (entry !== undefined && !sameKey(entry, key)) entry = entry.sameHash;
    return entry as E | undefined;
  }

  /**
   * Adds an entry as the most recently active (replacing none: remove first).
   *
   * @param entry The entry.
   */
  insert(entry: E): void {
    entry.sameHash = this.#heads.get(entry.hash);
    this.#heads.set(entry.hash, entry);
    this.#entries.add(entry);
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
    if (this.#entries.delete(entry)) {
      const head = this.#heads.get(entry.hash)!;
      if (head === entry) {
        if (entry.sameHash === undefined) this.#heads.delete(entry.hash);
        else this.#heads.set(entry.hash, entry.sameHash as E);
      } else {
        let before: TableEntry = head;
        while (before.sameHash !== entry) before = before.sameHash!;
        before.sameHash = entry.sameHash;
      }
      entry.sameHash = undefined;
    }
    this.#unlink(entry);
    entry.older = entry.newer = undefined;
  }

  /**
   * The entries in the order they were added.
   *
   * @returns An iterator.
   */
  values(): IterableIterator<E> {
    return this.#entries.values();
  }

  /** Forgets every entry. */
  clear(): void {
    this.#heads.clear();
    this.#entries.clear();
    this.#oldest = this.#newest = undefined;
  }

  #unlink(entry: E): void {
    if (entry.older !== undefined) entry.older.newer = entry.newer;
    else if (this.#oldest === entry) this.#oldest = entry.newer as E | undefined;
    if (entry.newer !== undefined) entry.newer.older = entry.older;
    else if (this.#newest === entry) this.#newest = entry.older as E | undefined;
  }
}
