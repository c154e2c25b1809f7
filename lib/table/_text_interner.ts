/**
 * Caches of the UTF-8 text of values that repeat from packet to packet (private): MAC and
 * IP addresses keyed by their bytes, layer lists by a trie of kinds, so that most
 * packets add their strings without formatting or encoding anything.
 *
 * @module
 */

import { formatIpv4, formatIpv6, formatMac } from "../address.ts";
import type { Layer } from "../layer_map.ts";

const encoder = new TextEncoder();
// Past this many entries a cache starts over, to bound its memory on hostile captures.
const LIMIT = 1 << 16;

interface KindNode {
  text: Uint8Array;
  children: Map<string, KindNode>;
}

/** UTF-8 text caches; one per table builder. */
export class TextInterner {
  readonly #texts = new Map<string, Uint8Array>();
  readonly #macs = new Map<number, Uint8Array>();
  readonly #ipv4 = new Map<number, Uint8Array>();
  readonly #ipv6 = new Map<string, Uint8Array>();
  #kinds: KindNode = { text: new Uint8Array(0), children: new Map() };
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
    const key = ((data[offset]! << 8) | data[offset + 1]!) * 4294967296 +
      (((data[offset + 2]! << 24) | (data[offset + 3]! << 16) | (data[offset + 4]! << 8) |
        data[offset + 5]!) >>> 0);
    let bytes = this.#macs.get(key);
    if (bytes === undefined) {
      if (this.#macs.size >= LIMIT) this.#macs.clear();
      bytes = encoder.encode(formatMac(data, offset));
      this.#macs.set(key, bytes);
    }
    return bytes;
  }

  /** The IPv4 address whose number is `address` (its bytes at `offset`), as text. */
  ipv4(address: number, data: Uint8Array, offset: number): Uint8Array {
    let bytes = this.#ipv4.get(address);
    if (bytes === undefined) {
      if (this.#ipv4.size >= LIMIT) this.#ipv4.clear();
      bytes = encoder.encode(formatIpv4(data, offset));
      this.#ipv4.set(address, bytes);
    }
    return bytes;
  }

  /** The IPv6 address at `offset`, as RFC 5952 text. */
  ipv6(data: Uint8Array, offset: number): Uint8Array {
    // Eight 16-bit characters: a cheaper key than the formatted text.
    const key = String.fromCharCode(
      (data[offset]! << 8) | data[offset + 1]!,
      (data[offset + 2]! << 8) | data[offset + 3]!,
      (data[offset + 4]! << 8) | data[offset + 5]!,
      (data[offset + 6]! << 8) | data[offset + 7]!,
      (data[offset + 8]! << 8) | data[offset + 9]!,
      (data[offset + 10]! << 8) | data[offset + 11]!,
      (data[offset + 12]! << 8) | data[offset + 13]!,
      (data[offset + 14]! << 8) | data[offset + 15]!,
    );
    let bytes = this.#ipv6.get(key);
    if (bytes === undefined) {
      if (this.#ipv6.size >= LIMIT) this.#ipv6.clear();
      bytes = encoder.encode(formatIpv6(data, offset));
      this.#ipv6.set(key, bytes);
    }
    return bytes;
  }

  /** The kinds of the first `count` layers, joined by colons. */
  kinds(layers: readonly Layer[], count: number): Uint8Array {
    let node = this.#kinds;
    for (let i = 0; i < count; i++) {
      const kind = layers[i]!.kind;
      let child = node.children.get(kind);
      if (child === undefined) {
        if (this.#kindNodes >= LIMIT) {
          this.#kinds = { text: new Uint8Array(0), children: new Map() };
          this.#kindNodes = 0;
          return this.kinds(layers, count);
        }
        const names: string[] = [];
        for (let j = 0; j <= i; j++) names.push(layers[j]!.kind);
        child = { text: encoder.encode(names.join(":")), children: new Map() };
        node.children.set(kind, child);
        this.#kindNodes++;
      }
      node = child;
    }
    return node.text;
  }
}
