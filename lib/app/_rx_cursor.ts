/**
 * A cursor over the XDR words after an RX header: the AFS services' arguments and
 * results, and the ack packet's fields. It reads only what was captured; callers ask
 * `has()` first, as tcpdump's printers check the captured bytes before each read.
 *
 * @module
 */

import { readUint16, readUint32 } from "../_bytes.ts";

/** A read position over the captured bytes of one RX packet. */
export class RxCursor {
  /** The packet's bytes. */
  data: Uint8Array = new Uint8Array(0);
  /** The next byte to read. */
  at = 0;
  /** Where the captured bytes end. */
  end = 0;

  /**
   * Moves the cursor over other bytes.
   *
   * @returns This cursor.
   */
  reset(data: Uint8Array, at: number, end: number): this {
    this.data = data;
    this.at = at;
    this.end = end;
    return this;
  }

  /** Whether `n` more bytes were captured (`n` may be negative: never). */
  has(n: number): boolean {
    return n >= 0 && this.at + n <= this.end;
  }

  /** The captured bytes left. */
  get left(): number {
    return Math.max(0, this.end - this.at);
  }

  /** Skips `n` bytes (captured or not). */
  skip(n: number): void {
    this.at += n;
  }

  /** The next byte; check `has(1)` first. */
  uint8(): number {
    return this.data[this.at++]!;
  }

  /** The next 16-bit number; check `has(2)` first. */
  uint16(): number {
    const value = readUint16(this.data, this.at);
    this.at += 2;
    return value;
  }

  /** The next 32-bit unsigned number; check `has(4)` first. */
  uint32(): number {
    const value = readUint32(this.data, this.at);
    this.at += 4;
    return value;
  }

  /** The next 32-bit signed number; check `has(4)` first. */
  int32(): number {
    return this.uint32() | 0;
  }

  /** The next 64-bit unsigned number; check `has(8)` first. */
  uint64(): bigint {
    const high = this.uint32();
    return (BigInt(high) << 32n) | BigInt(this.uint32());
  }

  /**
   * The next `n` bytes as Latin-1 text, up to a NUL (C's strncpy()); check `has(n)`
   * first. The cursor moves past all `n`.
   */
  text(n: number): string {
    let text = "";
    for (let i = this.at; i < this.at + n; i++) {
      const c = this.data[i]!;
      if (c === 0) break;
      text += String.fromCharCode(c);
    }
    this.at += n;
    return text;
  }
}
