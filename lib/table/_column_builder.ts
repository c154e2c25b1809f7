/**
 * Growable typed-array builders of one column each (private): the table builders append
 * row by row without making an object per row.
 *
 * @module
 */

import type { Column } from "./columnar_table.ts";
import type { ColumnType } from "./schema.ts";
import { grown } from "../_grown.ts";
import { columnBufferPool } from "./_buffer_pool.ts";

const encoder = new TextEncoder();
const EMPTY = new ArrayBuffer(0);

/** Builds one column of any {@linkcode ColumnType}; append exactly one value or null per row. */
export class ColumnBuilder {
  readonly type: ColumnType;
  length = 0;
  nullCount = 0;
  #validity: Uint8Array;
  // Numbers: int32 in #int32; int64/timestamp as two uint32 halves (low first) in #words;
  // float64 in #float; bool in #bytes; string bytes in #bytes with #offsets.
  #int32: Int32Array;
  #words: Uint32Array;
  #float: Float64Array;
  #bytes: Uint8Array;
  #offsets: Int32Array;
  #byteLength = 0;

  /**
   * @param type The column's type.
   * @param capacity The rows to make room for (it grows past them).
   * @param textBytes For strings, the bytes to make room for (default 8 per row).
   */
  constructor(type: ColumnType, capacity = 1024, textBytes = capacity * 8) {
    this.type = type;
    // Memory from the pool holds old bytes: the validity bits start cleared, the first
    // offset at 0, and every other slot read is written (a null's too).
    const pool = columnBufferPool;
    this.#validity = new Uint8Array(pool.take(capacity >> 3)).fill(0);
    const wide = type === "int64" || type === "timestamp";
    this.#int32 = new Int32Array(type === "int32" ? pool.take(capacity * 4) : EMPTY);
    this.#words = new Uint32Array(wide ? pool.take(capacity * 8) : EMPTY);
    this.#float = new Float64Array(type === "float64" ? pool.take(capacity * 8) : EMPTY);
    this.#bytes = new Uint8Array(
      type === "bool"
        ? pool.take(capacity)
        : type === "string"
        ? pool.takeAtLeast(textBytes)
        : EMPTY,
    );
    this.#offsets = new Int32Array(type === "string" ? pool.take(capacity * 4 + 4) : EMPTY);
    if (type === "string") this.#offsets[0] = 0;
  }

  #row(): number {
    const row = this.length++;
    if ((row >> 3) >= this.#validity.length) this.#grow();
    return row;
  }

  #grow(): void {
    const capacity = this.#validity.length * 16;
    this.#validity = grown(this.#validity, capacity >> 3);
    if (this.type === "int32") this.#int32 = grown(this.#int32, capacity);
    else if (this.type === "int64" || this.type === "timestamp") {
      this.#words = grown(this.#words, capacity * 2);
    } else if (this.type === "float64") this.#float = grown(this.#float, capacity);
    else if (this.type === "bool") this.#bytes = grown(this.#bytes, capacity);
    else this.#offsets = grown(this.#offsets, capacity + 1);
  }

  /** The bytes of text appended so far (string columns). */
  get textBytes(): number {
    return this.#byteLength;
  }

  /** Appends a null. */
  null(): void {
    const row = this.#row();
    this.nullCount++;
    if (this.type === "string") this.#offsets[row + 1] = this.#byteLength;
    else if (this.type === "int32") this.#int32[row] = 0;
    else if (this.type === "float64") this.#float[row] = 0;
    else if (this.type === "bool") this.#bytes[row] = 0;
    else this.#setWide(row, 0, 0);
  }

  /**
   * Appends nulls until the column holds `length` rows (nothing when it holds as many), at
   * once: a column that is mostly null appends only its values, each after the nulls
   * before it.
   *
   * @param length The rows the column is to hold.
   */
  nullsTo(length: number): void {
    const from = this.length;
    if (length <= from) return;
    while (((length - 1) >> 3) >= this.#validity.length) this.#grow();
    // The validity bits of rows not appended yet are clear.
    this.nullCount += length - from;
    this.length = length;
    if (this.type === "string") this.#offsets.fill(this.#byteLength, from + 1, length + 1);
    else if (this.type === "int32") this.#int32.fill(0, from, length);
    else if (this.type === "float64") this.#float.fill(0, from, length);
    else if (this.type === "bool") this.#bytes.fill(0, from, length);
    else this.#words.fill(0, from * 2, length * 2);
  }

  /** Appends an int32, float64 or bool (0/1) value. */
  number(value: number): void {
    const row = this.#row();
    this.#validity[row >> 3]! |= 1 << (row & 7);
    if (this.type === "int32") this.#int32[row] = value;
    else if (this.type === "float64") this.#float[row] = value;
    else if (this.type === "bool") this.#bytes[row] = value;
    else {
      // Without `%`, which is a call to fmod for numbers past 32 bits.
      const high = Math.floor(value / 4294967296);
      this.#setWide(row, value - high * 4294967296, high);
    }
  }

  /**
   * Appends a 64-bit value given as `high * 2^32 + low`, both unsigned 32-bit halves (the
   * value must be below 2^63).
   */
  wide(high: number, low: number): void {
    const row = this.#row();
    this.#validity[row >> 3]! |= 1 << (row & 7);
    this.#setWide(row, low, high);
  }

  #setWide(row: number, low: number, high: number): void {
    this.#words[row * 2] = low;
    this.#words[row * 2 + 1] = high;
  }

  /**
   * Appends the UTF-8 bytes of a string (copied).
   *
   * @param value The bytes.
   * @param length How many of them, from the first (default: all).
   */
  bytes(value: Uint8Array, length: number = value.length): void {
    const row = this.#row();
    this.#validity[row >> 3]! |= 1 << (row & 7);
    const end = this.#byteLength + length;
    if (end > this.#bytes.length) {
      this.#bytes = grown(this.#bytes, Math.max(end, this.#bytes.length * 2));
    }
    const bytes = this.#bytes;
    if (length <= 32) {
      for (let i = 0, at = this.#byteLength; i < length; i++) bytes[at + i] = value[i]!;
    } else bytes.set(value.subarray(0, length), this.#byteLength);
    this.#byteLength = end;
    this.#offsets[row + 1] = end;
  }

  /**
   * Appends the same UTF-8 bytes `count` times (a column whose value does not change).
   *
   * @param value The bytes.
   * @param count How many rows.
   */
  repeat(value: Uint8Array, count: number): void {
    if (count === 0) return;
    const first = this.length;
    this.bytes(value);
    for (let row = first + 1; row < first + count; row++) {
      if ((row >> 3) >= this.#validity.length) this.#grow();
      this.#offsets[row + 1] = this.#offsets[row]! + value.length;
      this.#validity[row >> 3]! |= 1 << (row & 7);
    }
    const start = this.#byteLength;
    const end = start + value.length * (count - 1);
    if (end > this.#bytes.length) this.#bytes = grown(this.#bytes, end);
    // Double the copied run until it covers every row.
    for (let at = start; at < end;) {
      const run = Math.min(at - start + value.length, end - at);
      this.#bytes.copyWithin(at, start - value.length, start - value.length + run);
      at += run;
    }
    this.length = first + count;
    this.#byteLength = end;
  }

  /** Appends a string. */
  string(value: string): void {
    const row = this.#row();
    this.#validity[row >> 3]! |= 1 << (row & 7);
    const most = this.#byteLength + value.length * 3;
    if (most > this.#bytes.length) {
      this.#bytes = grown(this.#bytes, Math.max(most, this.#bytes.length * 2));
    }
    const bytes = this.#bytes;
    let at = this.#byteLength;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      if (code >= 0x80) {
        at = this.#byteLength + encoder.encodeInto(value, bytes.subarray(this.#byteLength)).written;
        break;
      }
      bytes[at++] = code;
    }
    this.#byteLength = at;
    this.#offsets[row + 1] = this.#byteLength;
  }

  /** The column: views of the builder's arrays, trimmed to its length; drop the builder. */
  finish(): Column {
    const n = this.length;
    const validity = this.#validity.subarray(0, (n + 7) >> 3);
    const base = { type: this.type, validity, nullCount: this.nullCount };
    switch (this.type) {
      case "int32":
        return { ...base, values: this.#int32.subarray(0, n) };
      case "float64":
        return { ...base, values: this.#float.subarray(0, n) };
      case "bool":
        return { ...base, values: this.#bytes.subarray(0, n) };
      case "string":
        return {
          ...base,
          values: this.#bytes.subarray(0, this.#byteLength),
          offsets: this.#offsets.subarray(0, n + 1),
        };
      default:
        return { ...base, values: new BigInt64Array(this.#words.buffer, 0, n) };
    }
  }
}
