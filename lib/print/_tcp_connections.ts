/**
 * The TCP connections a printer has seen, with the sequence bases of each direction, for
 * tcpdump's relative sequence numbers (its tcp_seq_hash): an open-addressing hash table
 * in typed arrays, so that a lookup allocates nothing. Exported through
 * `PrintContext.connections`.
 *
 * @module
 */

import { readWord32 } from "../_bytes.ts";

/**
 * Key words per slot: the address size, two addresses (1 word each for IPv4, 4 for IPv6)
 * and the two ports; an IPv4 key leaves the last 6 words 0.
 */
const WORDS = 10;

/**
 * The most entries of the cache of endpoint texts: one per slot and direction while the
 * table has up to 8192 slots, then shared (direct-mapped), so that its memory stays bounded
 * (1.8 MB) however many connections there are.
 */
const MAX_TEXT_ENTRIES = 1 << 14;

/** Bytes per cached text: two IPv6 addresses, two ports, the dots, " > " and ": ". */
const TEXT_SIZE = 112;

/**
 * TCP connections by their addresses and ports, each with two sequence bases.
 *
 * @example Remember a connection's sequence bases
 * ```ts
 * import { TcpConnections } from "./_tcp_connections.ts";
 * import assert from "node:assert/strict";
 *
 * const connections = new TcpConnections();
 * const addresses = new Uint8Array([10, 0, 0, 1, 10, 0, 0, 2]);
 * assert.equal(connections.find(addresses, 0, 4, 4, 1234, 80), -1);
 * const slot = connections.add();
 * connections.setBases(slot, 1000, 5000);
 * const found = connections.find(addresses, 0, 4, 4, 1234, 80);
 * assert.equal(connections.forward(found), 1000);
 * assert.equal(connections.reverse(found), 5000);
 * ```
 */
export class TcpConnections {
  #keys = new Int32Array(WORDS * 64);
  #bases = new Uint32Array(2 * 64);
  #mask = 63;
  #count = 0;
  /** The key of the last {@linkcode TcpConnections.find}, and its hash. */
  readonly #key = new Int32Array(WORDS);
  #hash = 0;
  // The endpoint texts: the slot and direction each entry holds (2 * slot + 1 forward,
  // + 2 reversed; 0 when empty), their lengths and their bytes.
  // Allocated whole at once: only the pages of the entries in use are touched (the slots
  // reach more entries as the table grows), and growing only forgets the texts.
  readonly #textOwners = new Int32Array(MAX_TEXT_ENTRIES);
  readonly #textLengths = new Uint8Array(MAX_TEXT_ENTRIES);
  readonly #texts = new Uint8Array(MAX_TEXT_ENTRIES * TEXT_SIZE);

  /** How many connections are known. */
  get size(): number {
    return this.#count;
  }

  /**
   * Looks up a connection by its key, read from the packet's bytes: the first and the
   * second address (in the order that makes the key the same both ways) and the ports in
   * the same order. {@linkcode TcpConnections.add} adds that key when it is not found.
   *
   * @param data The bytes that hold the addresses.
   * @param first The first address's offset.
   * @param second The second address's offset.
   * @param size The address size: 4 (IPv4) or 16 (IPv6).
   * @param firstPort The port that goes with the first address.
   * @param secondPort The port that goes with the second address.
   * @returns The connection's slot, or -1 when it is not known.
   */
  find(
    data: Uint8Array,
    first: number,
    second: number,
    size: number,
    firstPort: number,
    secondPort: number,
  ): number {
    const key = this.#key;
    key[0] = size;
    // The words of the addresses, then the ports: 4 words in all for IPv4, 10 for IPv6.
    const words = size >> 2;
    for (let w = 0; w < words; w++) {
      key[1 + w] = readWord32(data, first + 4 * w);
      key[1 + words + w] = readWord32(data, second + 4 * w);
    }
    const used = 2 + 2 * words;
    key[used - 1] = (firstPort << 16) | secondPort;
    for (let w = used; w < WORDS; w++) key[w] = 0;
    const hash = hashKey(key, 0, used);
    this.#hash = hash;
    const keys = this.#keys;
    const mask = this.#mask;
    for (let slot = hash & mask;; slot = (slot + 1) & mask) {
      const at = slot * WORDS;
      if (keys[at] === 0) return -1;
      let same = true;
      for (let w = 0; w < used && same; w++) same = keys[at + w] === key[w];
      if (same) return slot;
    }
  }

  /**
   * Adds the key of the last {@linkcode TcpConnections.find} that did not find it, with
   * both bases 0.
   *
   * @returns The connection's slot (slots change as the table grows: use it before the
   * next `add()`).
   */
  add(): number {
    if (2 * (this.#count + 1) > this.#mask + 1) this.#grow();
    const slot = this.#place(this.#hash);
    this.#keys.set(this.#key, slot * WORDS);
    this.#bases[2 * slot] = 0;
    this.#bases[2 * slot + 1] = 0;
    this.#count++;
    return slot;
  }

  /**
   * The sequence base of the direction whose key is not reversed.
   *
   * @param slot The connection's slot.
   * @returns The base.
   */
  forward(slot: number): number {
    return this.#bases[2 * slot]!;
  }

  /**
   * The sequence base of the reversed direction.
   *
   * @param slot The connection's slot.
   * @returns The base.
   */
  reverse(slot: number): number {
    return this.#bases[2 * slot + 1]!;
  }

  /**
   * Sets both sequence bases of a connection.
   *
   * @param slot The connection's slot.
   * @param forward The base of the direction whose key is not reversed.
   * @param reverse The base of the reversed direction.
   */
  setBases(slot: number, forward: number, reverse: number): void {
    this.#bases[2 * slot] = forward;
    this.#bases[2 * slot + 1] = reverse;
  }

  /**
   * Writes the endpoint text cached for a connection's direction (what `ports()` wrote
   * for it: the addresses and ports, `a.b.c.d.1234 > e.f.g.h.80: `) at `p`, since
   * copying it is faster than formatting the addresses again.
   *
   * @param slot The connection's slot.
   * @param reversed Whether the packet goes the reverse way of the key.
   * @param bytes Where to write, with room for 112 bytes at `p`.
   * @param p The position.
   * @returns The position after the text, or -1 when none is cached.
   */
  putText(slot: number, reversed: boolean, bytes: Uint8Array, p: number): number {
    const owners = this.#textOwners;
    const owner = 2 * slot + (reversed ? 2 : 1);
    const entry = owner & (owners.length - 1);
    if (owners[entry] !== owner) return -1;
    const texts = this.#texts;
    const from = entry * TEXT_SIZE;
    const end = from + this.#textLengths[entry]!;
    for (let i = from; i < end; i++) bytes[p++] = texts[i]!;
    return p;
  }

  /**
   * Caches the endpoint text of a connection's direction, for
   * {@linkcode TcpConnections.putText}.
   *
   * @param slot The connection's slot.
   * @param reversed Whether the packet goes the reverse way of the key.
   * @param bytes The bytes that hold the text.
   * @param from Where it starts.
   * @param end Where it ends (at most 112 bytes after `from`).
   */
  setText(slot: number, reversed: boolean, bytes: Uint8Array, from: number, end: number): void {
    if (end - from > TEXT_SIZE) return;
    const owner = 2 * slot + (reversed ? 2 : 1);
    const entry = owner & (this.#textOwners.length - 1);
    this.#textOwners[entry] = owner;
    this.#textLengths[entry] = end - from;
    const texts = this.#texts;
    let at = entry * TEXT_SIZE;
    for (let i = from; i < end; i++) texts[at++] = bytes[i]!;
  }

  /** The first empty slot from a hash on. */
  #place(hash: number): number {
    const keys = this.#keys;
    const mask = this.#mask;
    let slot = hash & mask;
    while (keys[slot * WORDS] !== 0) slot = (slot + 1) & mask;
    return slot;
  }

  /** Doubles the table, placing every key again. */
  #grow(): void {
    const keys = this.#keys;
    const bases = this.#bases;
    const slots = 2 * (this.#mask + 1);
    this.#keys = new Int32Array(WORDS * slots);
    this.#bases = new Uint32Array(2 * slots);
    this.#mask = slots - 1;
    // Slots move: the cached texts would name the wrong connections.
    this.#textOwners.fill(0);
    for (let old = 0; old < keys.length / WORDS; old++) {
      const at = old * WORDS;
      if (keys[at] === 0) continue;
      const slot = this.#place(hashKey(keys, at, 2 + 2 * (keys[at]! >> 2)));
      for (let w = 0; w < WORDS; w++) this.#keys[slot * WORDS + w] = keys[at + w]!;
      this.#bases[2 * slot] = bases[2 * old]!;
      this.#bases[2 * slot + 1] = bases[2 * old + 1]!;
    }
  }
}

/** The hash of the key at `at`, of `used` words (a multiply-rotate mix of its words). */
function hashKey(keys: Int32Array, at: number, used: number): number {
  let hash = 0;
  for (let w = 0; w < used; w++) {
    const h = Math.imul(hash ^ keys[at + w]!, 0x9e3779b1);
    hash = (h << 13) | (h >>> 19);
  }
  return hash ^ (hash >>> 15);
}
