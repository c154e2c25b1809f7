/**
 * A cursor over XDR data (RFC 4506) for the Sun RPC decoders: 32-bit words, 64-bit
 * hypers, opaque data padded to 4 bytes. Each read returns `undefined` once the bytes
 * run out, and the cursor stays there. Private to `lib/app/`.
 *
 * @module
 */

import { readUint32 } from "../_bytes.ts";

/** A position in XDR data that reads forward. */
export class XdrCursor {
  /** The packet bytes. */
  readonly data: Uint8Array;
  /** The next byte to read. */
  at: number;
  /** Where the bytes end. */
  readonly end: number;

  /**
   * Starts a cursor.
   *
   * @param data The packet bytes.
   * @param at The first byte.
   * @param end Where the bytes end.
   */
  constructor(data: Uint8Array, at: number, end: number) {
    this.data = data;
    this.at = at;
    this.end = end;
  }

  /** Whether `n` more bytes are there. */
  has(n: number): boolean {
    return n >= 0 && this.at + n <= this.end;
  }

  /** Reads an unsigned 32-bit word. */
  u32(): number | undefined {
    if (!this.has(4)) return undefined;
    const at = this.at;
    this.at += 4;
    return readUint32(this.data, at);
  }

  /** Reads an unsigned 64-bit hyper. */
  u64(): bigint | undefined {
    if (!this.has(8)) return undefined;
    const high = this.u32()!;
    const low = this.u32()!;
    return (BigInt(high) << 32n) | BigInt(low);
  }

  /** Reads `n` words, or none (and no move) when they are not all there. */
  words(n: number): number[] | undefined {
    if (!this.has(n * 4)) return undefined;
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(this.u32()!);
    return out;
  }

  /** Skips `n` bytes (false, and no move, when they are not there). */
  skip(n: number): boolean {
    if (!this.has(n)) return false;
    this.at += n;
    return true;
  }
}

/**
 * The 64-bit hyper made of two words read by {@linkcode XdrCursor.words}.
 *
 * @param words The words.
 * @param i The index of the high word.
 * @returns The unsigned value.
 */
export function hyper(words: readonly number[], i: number): bigint {
  return (BigInt(words[i]!) << 32n) | BigInt(words[i + 1]!);
}

/** A view of opaque bytes in the packet: where they start and how many there are. */
export interface XdrOpaque {
  /** Offset of the first byte. */
  readonly offset: number;
  /** Length in bytes (without padding). */
  readonly length: number;
}
