/**
 * The table type of a registry: a `Map` from protocol numbers to decoders, with a small
 * direct-mapped cache in front of `get()`, which decoders call for every layer.
 *
 * @module
 */

import type { Decoder } from "./layer.ts";

/** Slots of the cache: a power of two; a number's slot is its low bits. */
const SLOTS = 1024;

/** Numbers below this (every port, EtherType and IP protocol) have a bound flag. */
const FLAGGED = 65536;

/**
 * A `Map<number, Decoder>` whose `get()` first looks in a cache of one entry per slot (the
 * number's low 10 bits): one comparison instead of a hash lookup, for the few numbers that
 * a capture uses. A number below 65536 that nothing is bound to (most ports a TCP segment
 * carries) is answered by a flag, without the map. Numbers whose slot is taken, and any
 * other key, go to the map.
 *
 * @example A table reads like a Map
 * ```ts
 * import { DecoderTable } from "./_decoder_table.ts";
 * import { ipv4Decoder } from "./net/ipv4.ts";
 * import assert from "node:assert/strict";
 *
 * const table = new DecoderTable().set(0x0800, ipv4Decoder).set(0x0800 + 1024, ipv4Decoder);
 * assert.equal(table.get(0x0800), ipv4Decoder);
 * assert.equal(table.get(0x0c00), ipv4Decoder);
 * table.delete(0x0800);
 * assert.equal(table.get(0x0800), undefined);
 * assert.equal(table.get(0x0c00), ipv4Decoder);
 * ```
 */
export class DecoderTable extends Map<number, Decoder> {
  // NaN marks a free slot: it equals no key.
  readonly #keys = new Float64Array(SLOTS).fill(NaN);
  readonly #decoders: (Decoder | undefined)[] = new Array(SLOTS).fill(undefined);
  // 1 for each number below FLAGGED that is bound.
  readonly #bound = new Uint8Array(FLAGGED);

  /** Makes an empty table (the Map constructor's entries would come before the cache). */
  constructor() {
    super();
  }

  /**
   * Returns the decoder bound to a number.
   *
   * @param key The number.
   * @returns The decoder, or `undefined`.
   */
  override get(key: number): Decoder | undefined {
    const slot = key & (SLOTS - 1);
    if (this.#keys[slot] === key) return this.#decoders[slot];
    // Out of range, or not an integer, the flag reads undefined: the map answers.
    if (typeof key === "number" && this.#bound[key] === 0) return undefined;
    return super.get(key);
  }

  /**
   * Binds a decoder to a number.
   *
   * @param key The number.
   * @param decoder The decoder.
   * @returns This table.
   */
  override set(key: number, decoder: Decoder): this {
    super.set(key, decoder);
    if (typeof key === "number" && this.#bound[key] === 0) this.#bound[key] = 1;
    const slot = key & (SLOTS - 1);
    const held = this.#keys[slot]!;
    if (typeof key === "number" && (Number.isNaN(held) || held === key)) {
      this.#keys[slot] = key;
      this.#decoders[slot] = decoder;
    }
    return this;
  }

  /**
   * Removes a number's binding.
   *
   * @param key The number.
   * @returns Whether it was bound.
   */
  override delete(key: number): boolean {
    const slot = key & (SLOTS - 1);
    if (this.#keys[slot] === key) {
      this.#keys[slot] = NaN;
      this.#decoders[slot] = undefined;
    }
    if (typeof key === "number" && this.#bound[key] === 1) this.#bound[key] = 0;
    return super.delete(key);
  }

  /**
   * Removes every binding.
   *
   * @returns Nothing.
   */
  override clear(): void {
    this.#keys.fill(NaN);
    this.#decoders.fill(undefined);
    this.#bound.fill(0);
    super.clear();
  }
}
