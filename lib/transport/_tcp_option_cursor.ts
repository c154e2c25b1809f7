/**
 * {@linkcode TcpOptionCursor}: the TCP option walk, one option at a time, allocating
 * nothing, and the options back into plain objects. Private to `lib/transport/`: `tcp.ts`
 * re-exports the cursor and builds {@linkcode Tcp.options} on it.
 *
 * @module
 */

import { readUint32 } from "../_bytes.ts";
import type { Tcp } from "./tcp.ts";
import { encodeHex } from "../_hex.ts";
import type { TcpOption, TcpSackBlock } from "./_tcp_options.ts";

/** The RFC 7413 experiment identifier of Fast Open in the experimental option 254. */
const FAST_OPEN_MAGIC = 0xf989;

/**
 * The data bytes that tcpdump reads after the kind and length of a known option of fixed
 * size, whatever its length byte says; -1 for the others.
 */
const KIND_DATA_SIZES = new Int8Array(256).fill(-1);
const SIZES = { 2: 2, 3: 1, 4: 0, 6: 4, 7: 4, 8: 8, 11: 4, 12: 4, 13: 4, 19: 16, 20: 2, 28: 2 };
for (const [kind, size] of Object.entries(SIZES)) KIND_DATA_SIZES[Number(kind)] = size;

/** The name of a well-formed option of `kind` and `length`, or `"raw"`. */
function optionName(data: Uint8Array, at: number, kind: number, length: number): TcpOption["name"] {
  switch (kind) {
    case 2:
      return length === 4 ? "mss" : "raw";
    case 3:
      return length === 3 ? "window-scale" : "raw";
    case 4:
      return length === 2 ? "sack-permitted" : "raw";
    case 5:
      return length >= 10 && (length - 2) % 8 === 0 ? "sack" : "raw";
    case 8:
      return length === 10 ? "timestamps" : "raw";
    case 19:
      return length === 18 ? "md5" : "raw";
    case 28:
      return length === 4 ? "user-timeout" : "raw";
    case 34:
      return length === 2 || (length >= 6 && length <= 18 && length % 2 === 0)
        ? "fast-open"
        : "raw";
    case 254:
      return length >= 4 && ((data[at + 2]! << 8) | data[at + 3]!) === FAST_OPEN_MAGIC
        ? "fast-open"
        : "raw";
    default:
      return "raw";
  }
}

/**
 * Walks the options of a TCP header one at a time, as {@linkcode Tcp.options} lists them,
 * without allocating: after each {@linkcode TcpOptionCursor.next} the cursor's fields
 * describe the current option, and its getters read the option's values from the
 * packet's bytes. Reuse one cursor for every packet of a hot loop; it reads the bytes of
 * the layer it was last reset to, so it is valid as long as they are.
 *
 * @example List the options of a SYN
 * ```ts
 * import { decodeTcp, TcpOptionCursor } from "./tcp.ts";
 * import assert from "node:assert/strict";
 *
 * const segment = new Uint8Array([
 *   0xc0, 0x00, 0x00, 0x50, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
 *   0x80, 0x02, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00,
 *   0x02, 0x04, 0x05, 0xb4, 0x01, 0x03, 0x03, 0x07, 0x04, 0x02, 0x00, 0x00,
 * ]);
 * const cursor = new TcpOptionCursor().reset(decodeTcp(segment));
 * const seen: string[] = [];
 * while (cursor.next()) {
 *   seen.push(cursor.name === "mss" ? `mss ${cursor.mss}` : cursor.name);
 * }
 * assert.deepEqual(seen, ["mss 1460", "nop", "window-scale", "sack-permitted", "eol"]);
 * ```
 */
export class TcpOptionCursor {
  /** The bytes of the header being walked. */
  data: Uint8Array = new Uint8Array(0);
  /** The current option's name: the discriminant of {@linkcode TcpOption}. */
  name: TcpOption["name"] = "eol";
  /** The current option's kind (-1 for a `"truncated"` entry that has no kind byte). */
  kind = 0;
  /** The current option's length byte (1 for EOL and NOP, 0 when it is missing). */
  length = 0;
  /** The offset of the current option's kind byte in `data`. */
  offset = 0;
  /**
   * Where the current option's bytes start in `data`: the digest (`"md5"`), the cookie
   * (`"fast-open"`), the bytes after kind and length (`"raw"`), or the bytes from the kind
   * on (`"malformed"`, `"truncated"`).
   */
  valueStart = 0;
  /** Where those bytes end. */
  valueEnd = 0;
  #at = 0;
  #end = 0;
  #captured = 0;
  #done = true;

  /**
   * Starts a walk over the options of a decoded header.
   *
   * @param tcp The layer.
   * @returns This cursor.
   */
  reset(tcp: Tcp): this {
    this.data = tcp.data;
    this.#end = tcp.offset + tcp.dataOffset * 4;
    this.#captured = tcp.offset + tcp.headerLength;
    this.#at = tcp.offset + 20;
    this.#done = false;
    return this;
  }

  /**
   * Moves to the next option. The walk ends after an EOL, at the end of the header, or
   * after a `"malformed"` or `"truncated"` entry, as {@linkcode Tcp.options} does.
   *
   * @returns `true` when the cursor is on an option, `false` when the walk is over.
   */
  next(): boolean {
    const at = this.#at;
    const end = this.#end;
    if (this.#done || at >= end) return false;
    const data = this.data;
    const captured = this.#captured;
    this.offset = at;
    if (captured < end && at + 2 > captured && !(at < captured && data[at]! <= 1)) {
      // The capture ends before the kind or length byte.
      return this.#last("truncated", at < captured ? data[at]! : -1, 0, at, captured);
    }
    const kind = data[at]!;
    this.kind = kind;
    if (kind <= 1) {
      this.name = kind === 0 ? "eol" : "nop";
      this.length = 1;
      this.valueStart = this.valueEnd = at + 1;
      this.#at = at + 1;
      this.#done = kind === 0;
      return true;
    }
    const length = at + 1 < end ? data[at + 1]! : 0;
    // tcpdump reads the data size of a known kind, whatever the length byte says, and none
    // of a SACK that is not whole blocks (it says "invalid sack" and walks on).
    const need = kind === 5 && (length - 2) % 8 !== 0
      ? 2
      : Math.max(length, 2 + Math.max(0, KIND_DATA_SIZES[kind]!));
    if (length >= 2 && at + need <= end && at + need > captured) {
      return this.#last("truncated", kind, length, at, captured);
    }
    if (length < 2 || at + length > end) return this.#last("malformed", kind, length, at, end);
    const name = optionName(data, at, kind, length);
    this.name = name;
    this.length = length;
    // The cookie of an experimental Fast Open option follows its ExID.
    this.valueStart = at + (kind === 254 && name === "fast-open" ? 4 : 2);
    this.valueEnd = at + length;
    this.#at = at + length;
    return true;
  }

  /**
   * The data bytes (after kind and length) that tcpdump reads for the current option's kind
   * whatever its length byte says (8 for timestamps, 0 for SACK-permitted...), or -1 for a
   * kind whose data is as long as the length byte says.
   */
  get dataSize(): number {
    return this.kind < 0 ? -1 : KIND_DATA_SIZES[this.kind]!;
  }

  /**
   * The bytes left in the header after the current option's kind and length bytes.
   */
  get bytesLeft(): number {
    return this.#end - this.offset - 2;
  }

  /**
   * Goes on from `offset` instead of the end of the current option: tcpdump walks on from
   * the end of the bytes it read, which for a known kind whose length byte disagrees with
   * its size is not where the length byte says.
   *
   * @param offset Where the next option's kind byte is, in `data`.
   */
  seek(offset: number): void {
    this.#at = offset;
  }

  /**
   * Byte `i` of the current option's data (after kind and length), read whatever its length
   * says.
   *
   * @param i The index, from 0.
   * @returns The byte.
   */
  byteAt(i: number): number {
    return this.data[this.offset + 2 + i]!;
  }

  /** Ends the walk on a `"malformed"` or `"truncated"` entry. */
  #last(
    name: "malformed" | "truncated",
    kind: number,
    length: number,
    at: number,
    end: number,
  ): true {
    this.name = name;
    this.kind = kind;
    this.length = length;
    this.valueStart = at;
    this.valueEnd = end;
    this.#done = true;
    return true;
  }

  /** The maximum segment size of an `"mss"` option. */
  get mss(): number {
    return (this.data[this.offset + 2]! << 8) | this.data[this.offset + 3]!;
  }

  /** The shift count of a `"window-scale"` option. */
  get shift(): number {
    return this.data[this.offset + 2]!;
  }

  /**
   * TSval of a `"timestamps"` option (the first 32 bits of the data, also the value of the
   * obsolete echo and connection-count options).
   */
  get value(): number {
    return readUint32(this.data, this.offset + 2);
  }

  /** TSecr of a `"timestamps"` option. */
  get echo(): number {
    return readUint32(this.data, this.offset + 6);
  }

  /** The number of blocks of a `"sack"` option. */
  get sackBlocks(): number {
    return (this.length - 2) >> 3;
  }

  /**
   * The left edge of a block of a `"sack"` option.
   *
   * @param i The block, from 0.
   * @returns The first sequence number of the block.
   */
  sackLeft(i: number): number {
    return readUint32(this.data, this.offset + 2 + 8 * i);
  }

  /**
   * The right edge of a block of a `"sack"` option.
   *
   * @param i The block, from 0.
   * @returns The sequence number just past the block.
   */
  sackRight(i: number): number {
    return readUint32(this.data, this.offset + 6 + 8 * i);
  }

  /** The granularity bit of a `"user-timeout"` option: `true` for minutes. */
  get minutes(): boolean {
    return this.data[this.offset + 2]! >= 0x80;
  }

  /** The 15-bit timeout of a `"user-timeout"` option. */
  get timeout(): number {
    return ((this.data[this.offset + 2]! & 0x7f) << 8) | this.data[this.offset + 3]!;
  }

  /**
   * The current option as the object {@linkcode Tcp.options} lists (allocates).
   *
   * @returns The option, its byte fields views of `data`.
   */
  toOption(): TcpOption {
    const { name, kind, length, offset } = this;
    // Only the bytes captured: a SACK that tcpdump does not read can run past them.
    const bytes = () =>
      this.data.subarray(this.valueStart, Math.min(this.valueEnd, this.#captured));
    switch (name) {
      case "eol":
        return { name, kind: 0, length: 1, offset };
      case "nop":
        return { name, kind: 1, length: 1, offset };
      case "mss":
        return { name, kind: 2, length: 4, mss: this.mss, offset };
      case "window-scale":
        return { name, kind: 3, length: 3, shift: this.shift, offset };
      case "sack-permitted":
        return { name, kind: 4, length: 2, offset };
      case "sack": {
        const blocks: TcpSackBlock[] = [];
        for (let i = 0; i < this.sackBlocks; i++) {
          blocks.push({ left: this.sackLeft(i), right: this.sackRight(i) });
        }
        return { name, kind: 5, length, blocks, offset };
      }
      case "timestamps":
        return { name, kind: 8, length: 10, value: this.value, echo: this.echo, offset };
      case "md5":
        return { name, kind: 19, length: 18, digest: bytes(), offset };
      case "user-timeout":
        return {
          name,
          kind: 28,
          length: 4,
          minutes: this.minutes,
          timeout: this.timeout,
          offset,
        };
      case "fast-open":
        return { name, kind, length, cookie: bytes(), offset };
      case "raw":
        return { name, kind, length, data: bytes(), offset };
      case "malformed":
      case "truncated":
        return { name, kind, length, offset, data: bytes() };
    }
  }
}

/** An option as a plain object, its byte fields in hex (for `toJSON()`). */
export function optionToJSON(option: TcpOption): Record<string, unknown> {
  switch (option.name) {
    case "md5":
      return { ...option, digest: encodeHex(option.digest) };
    case "fast-open":
      return { ...option, cookie: encodeHex(option.cookie) };
    case "raw":
    case "malformed":
    case "truncated":
      return { ...option, data: encodeHex(option.data) };
    case "sack":
      return { ...option, blocks: option.blocks.map((block) => ({ ...block })) };
    default:
      return { ...option };
  }
}
