/**
 * Caches of the UTF-8 text of values that repeat from packet to packet (private): MAC and
 * IP addresses in direct-mapped tables keyed by their bytes, layer lists by a trie of
 * kinds, so that most packets add their strings without formatting, encoding or
 * allocating anything.
 *
 * @module
 */

import { formatIpv4, formatIpv6, formatMac } from "../address.ts";
import type { Layer } from "../layer_map.ts";

const encoder = new TextEncoder();
// Past this many entries a cache starts over, to bound its memory on hostile captures.
const LIMIT = 1 << 16;
// Slots of the address tables (a power of two): an address whose slot another took is
// formatted again, as one not seen before.
const SLOT_BITS = 12;
const SLOTS = 1 << SLOT_BITS;

/** The slot of a key of up to four 32-bit words (Fibonacci hashing). */
function slotOf(a: number, b: number, c: number, d: number): number {
  return Math.imul(a ^ Math.imul(b ^ Math.imul(c ^ d, 0x85ebca6b), 0xc2b2ae35), 0x9e3779b1) >>>
    (32 - SLOT_BITS);
}

/** A direct-mapped table from keys of `words` 32-bit words to text. */
class AddressTable {
  readonly keys: Int32Array;
  readonly texts: (Uint8Array | undefined)[] = new Array(SLOTS).fill(undefined);

  constructor(words: number) {
    this.keys = new Int32Array(SLOTS * words);
  }
}

interface KindNode {
  text: Uint8Array;
  children: Map<string, KindNode>;
  // The child last gone to: the next packet nearly always has the same layers.
  lastKind: string | undefined;
  lastChild: KindNode | undefined;
}

function kindNode(text: Uint8Array): KindNode {
  return { text, children: new Map(), lastKind: undefined, lastChild: undefined };
}

/** UTF-8 text caches; one per table builder. */
export class TextInterner {
  readonly #texts = new Map<string, Uint8Array>();
  readonly #macs = new AddressTable(2);
  readonly #ipv4 = new AddressTable(1);
  readonly #ipv6 = new AddressTable(4);
  #kinds: KindNode = kindNode(new Uint8Array(0));
  #kindNodes = 0;

  /** The UTF-8 bytes of a string. */
  text(value: string): Uint8Array {
    let bytes = this.#texts.get(value);
    if (bytes === undefined) {
      if (this.#texts.size >= LIMIT) this.#texts.clear();
      bytes = encoder.encode(value);
      this.#texts.set(value, bytes);
    }
    return bytes;
  }

  /** The MAC address at `offset`, as `02:00:00:00:00:01`. */
  mac(data: Uint8Array, offset: number): Uint8Array {
    const table = this.#macs;
    const high = (data[offset]! << 8) | data[offset + 1]!;
    const low = (data[offset + 2]! << 24) | (data[offset + 3]! << 16) |
      (data[offset + 4]! << 8) | data[offset + 5]!;
    const slot = slotOf(high, low, 0, 0);
    const bytes = table.texts[slot];
    if (bytes !== undefined && table.keys[slot * 2] === high && table.keys[slot * 2 + 1] === low) {
      return bytes;
    }
    table.keys[slot * 2] = high;
    table.keys[slot * 2 + 1] = low;
    return table.texts[slot] = encoder.encode(formatMac(data, offset));
  }

  /** The IPv4 address whose number is `address` (its bytes at `offset`), as text. */
  ipv4(address: number, data: Uint8Array, offset: number): Uint8Array {
    const table = this.#ipv4;
    const key = address | 0;
    const slot = slotOf(key, 0, 0, 0);
    const bytes = table.texts[slot];
    if (bytes !== undefined && table.keys[slot] === key) return bytes;
    table.keys[slot] = key;
    return table.texts[slot] = encoder.encode(formatIpv4(data, offset));
  }

  /** The IPv6 address at `offset`, as RFC 5952 text. */
  ipv6(data: Uint8Array, offset: number): Uint8Array {
    const table = this.#ipv6;
    const keys = table.keys;
    const a = word(data, offset), b = word(data, offset + 4);
    const c = word(data, offset + 8), d = word(data, offset + 12);
    const slot = slotOf(a, b, c, d);
    const at = slot * 4;
    const bytes = table.texts[slot];
    if (
      bytes !== undefined && keys[at] === a && keys[at + 1] === b && keys[at + 2] === c &&
      keys[at + 3] === d
    ) return bytes;
    keys[at] = a;
    keys[at + 1] = b;
    keys[at + 2] = c;
    keys[at + 3] = d;
    return table.texts[slot] = encoder.encode(formatIpv6(data, offset));
  }

  /** The kinds of the first `count` layers, joined by colons. */
  kinds(layers: readonly Layer[], count: number): Uint8Array {
    let node = this.#kinds;
    for (let i = 0; i < count; i++) {
      const kind = layers[i]!.kind;
      let child = node.lastKind === kind ? node.lastChild : node.children.get(kind);
      if (child === undefined) {
        if (this.#kindNodes >= LIMIT) {
          this.#kinds = kindNode(new Uint8Array(0));
          this.#kindNodes = 0;
          return this.kinds(layers, count);
        }
        const names: string[] = [];
        for (let j = 0; j <= i; j++) names.push(layers[j]!.kind);
        child = kindNode(encoder.encode(names.join(":")));
        node.children.set(kind, child);
        this.#kindNodes++;
      }
      node.lastKind = kind;
      node.lastChild = child;
      node = child;
    }
    return node.text;
  }
}

/** The big-endian 32-bit word at `offset`, signed. */
function word(data: Uint8Array, offset: number): number {
  return (data[offset]! << 24) | (data[offset + 1]! << 16) | (data[offset + 2]! << 8) |
    data[offset + 3]!;
}
