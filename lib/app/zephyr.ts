/**
 * Zephyr, MIT's notification service (UDP ports 2103 and 2104): a notice is a run of
 * NUL-terminated text fields (version, field count, kind, uid, port, authentication,
 * class, instance, opcode, sender, recipient, format, checksum, multi-notice), the integers
 * written in hexadecimal, then the fields of the message body.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessage, capturedEnd } from "./_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The UDP ports of Zephyr: the server's (2103) and the host manager's (2104). */
export const ZEPHYR_PORTS: readonly number[] = [2103, 2104];

/**
 * The indices of a notice's header fields, in the order they are sent.
 *
 * @example Read a field by its index
 * ```ts
 * import { ZephyrField } from "./zephyr.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ZephyrField.CLASS, 8);
 * ```
 */
export const ZephyrField = {
  VERSION: 0,
  NUM_FIELDS: 1,
  KIND: 2,
  UID: 3,
  PORT: 4,
  AUTH: 5,
  AUTH_LENGTH: 6,
  AUTH_DATA: 7,
  CLASS: 8,
  INSTANCE: 9,
  OPCODE: 10,
  SENDER: 11,
  RECIPIENT: 12,
  FORMAT: 13,
  CHECKSUM: 14,
  MULTI: 15,
  MULTI_UID: 16,
} as const;

/** The number of header fields of a notice. */
export const ZEPHYR_HEADER_FIELDS: number = 17;

/**
 * The most fields the decoder reads: the header's and the three body fields that
 * tcpdump's printer reads at most (a subscription's class, instance and recipient).
 */
export const ZEPHYR_MAX_FIELDS: number = ZEPHYR_HEADER_FIELDS + 3;

/**
 * A Zephyr notice: where each of its first {@linkcode ZEPHYR_MAX_FIELDS} NUL-terminated
 * fields lies. The fields end where the UDP length ends (`fieldCount` counts those found
 * before it) or where the capture ends (`partial`: the field after the last found was cut).
 *
 * @example Decode a notice's header
 * ```ts
 * import { decodeZephyr, ZephyrField } from "./zephyr.ts";
 * import assert from "node:assert/strict";
 *
 * const text = "ZEPH0.2\0" + "11\0" + "2\0" + "uid\0" + "0\0" + "0\0" + "0\0" + "\0" +
 *   "MESSAGE\0" + "personal\0" + "\0" + "alice@R\0" + "bob@R\0" + "\0" + "0\0" + "0\0" + "\0";
 * const zephyr = decodeZephyr(new TextEncoder().encode(text));
 * assert.equal(zephyr.fieldCount, 17);
 * assert.equal(zephyr.messageKind, 2);
 * assert.equal(zephyr.text(ZephyrField.CLASS), "MESSAGE");
 * assert.equal(zephyr.text(ZephyrField.RECIPIENT), "bob@R");
 * ```
 */
export class Zephyr extends LayerBase {
  /** The discriminant. */
  readonly kind = "zephyr" as const;
  /** The notice's length on the wire (the UDP payload's). */
  wireLength = 0;
  /** How many NUL-terminated fields were found (at most {@linkcode ZEPHYR_MAX_FIELDS}). */
  fieldCount = 0;
  /** Whether the capture ended inside the field after the last found, within the length. */
  partial = false;
  readonly #starts = new Int32Array(ZEPHYR_MAX_FIELDS);
  readonly #lengths = new Int32Array(ZEPHYR_MAX_FIELDS);

  /**
   * Where field `index` starts in `data`.
   *
   * @param index The field's index, below `fieldCount`.
   * @returns The offset of its first byte.
   */
  fieldStart(index: number): number {
    return this.#starts[index]!;
  }

  /**
   * The length of field `index`, its NUL not counted.
   *
   * @param index The field's index, below `fieldCount`.
   * @returns The length in bytes.
   */
  fieldLength(index: number): number {
    return this.#lengths[index]!;
  }

  /**
   * Whether field `index` was found and holds exactly `ascii` (C's `strcmp() == 0`).
   *
   * @param index The field's index.
   * @param ascii The text, ASCII.
   * @returns `true` when equal.
   */
  fieldEquals(index: number, ascii: string): boolean {
    if (index >= this.fieldCount || this.#lengths[index] !== ascii.length) return false;
    const start = this.#starts[index]!;
    for (let i = 0; i < ascii.length; i++) {
      if (this.data[start + i] !== ascii.charCodeAt(i)) return false;
    }
    return true;
  }

  /**
   * Field `index` as text, a character per byte (Latin-1), or `undefined` when not found.
   *
   * @param index The field's index.
   * @returns The text.
   */
  text(index: number): string | undefined {
    if (index >= this.fieldCount) return undefined;
    const start = this.#starts[index]!;
    let text = "";
    for (let i = start; i < start + this.#lengths[index]!; i++) {
      text += String.fromCharCode(this.data[i]!);
    }
    return text;
  }

  /**
   * Field `index` read as an integer the way the Zephyr code reads it (C's
   * `strtol(s, 0, 16)` stored in an `int`), or `undefined` when not found.
   *
   * @param index The field's index.
   * @returns The value, a signed 32-bit integer.
   */
  integer(index: number): number | undefined {
    if (index >= this.fieldCount) return undefined;
    const start = this.#starts[index]!;
    return hexInteger(this.data, start, start + this.#lengths[index]!);
  }

  /** Whether the version field starts with `ZEPH`. */
  get isZephyr(): boolean {
    if (this.fieldCount === 0 || this.#lengths[0]! < 4) return false;
    const at = this.#starts[0]!;
    const data = this.data;
    return data[at] === 0x5a && data[at + 1] === 0x45 && data[at + 2] === 0x50 &&
      data[at + 3] === 0x48;
  }

  /** The notice kind (0 unsafe to 8 stat), or `undefined` when not found. */
  get messageKind(): number | undefined {
    return this.integer(ZephyrField.KIND);
  }

  /** Decodes the notice at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginMessage(this, data, offset, end, context);
    if (error !== undefined) return error;
    const limit = offset + this.wireLength;
    const captured = capturedEnd(context, end);
    const starts = this.#starts;
    const lengths = this.#lengths;
    let count = 0;
    let at = offset;
    this.partial = false;
    // Each field runs to its NUL; the length ends the scan first (a missing field), then
    // the capture (a cut one).
    while (count < ZEPHYR_MAX_FIELDS) {
      const start = at;
      while (at < limit && at < captured && data[at] !== 0) at++;
      if (at >= limit) break;
      if (at >= captured) {
        this.partial = true;
        break;
      }
      starts[count] = start;
      lengths[count++] = at++ - start;
    }
    this.fieldCount = count;
    this.headerLength = at - offset;
    return undefined;
  }

  /** Zephyr carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const fields: (string | undefined)[] = [];
    for (let i = 0; i < this.fieldCount; i++) fields.push(this.text(i));
    return { fields, partial: this.partial };
  }
}

/** Whether `c` is a space of C's `isspace()`. */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** The value of hex digit `c`, or -1. */
function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

/**
 * C's `strtol(s, 0, 16)` on `data[start, end)`, stored in a 32-bit `int`: spaces, a sign,
 * an optional `0x`, hex digits; a value past a 64-bit `long` clamps to its limit, and the
 * `int` keeps the low 32 bits.
 */
function hexInteger(data: Uint8Array, start: number, end: number): number {
  let at = start;
  while (at < end && isSpace(data[at]!)) at++;
  const negative = data[at] === 0x2d;
  if (at < end && (negative || data[at] === 0x2b)) at++;
  if (
    at + 2 < end && data[at] === 0x30 && (data[at + 1]! | 0x20) === 0x78 &&
    hexDigit(data[at + 2]!) >= 0
  ) at += 2;
  let low = 0;
  let significant = 0;
  let leading = 0;
  for (; at < end; at++) {
    const digit = hexDigit(data[at]!);
    if (digit < 0) break;
    if (significant === 0) {
      if (digit === 0) continue;
      leading = digit;
    }
    significant++;
    low = (low * 16 + digit) % 0x100000000;
  }
  // Past LONG_MAX (LONG_MIN's magnitude keeps low bits 0 either way).
  if (significant > 16 || (significant === 16 && leading >= 8)) return negative ? 0 : -1;
  return negative ? -low | 0 : low | 0;
}

/**
 * Creates {@linkcode Zephyr} layers; the registry entry for UDP ports 2103 and 2104.
 *
 * @example Create a Zephyr layer
 * ```ts
 * import { zephyrDecoder } from "./zephyr.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(zephyrDecoder.create().kind, "zephyr");
 * ```
 */
export const zephyrDecoder: ProtocolDescriptor<Zephyr> = defineProtocol({
  kind: "zephyr",
  name: "Zephyr",
  tcpdumpName: "zephyr",
  // zephyr_print() scans each field with GET_U_1().
  tcpdumpCut: "read",
  create: () => new Zephyr(),
  bindings: { udpPorts: ZEPHYR_PORTS },
});

/**
 * Decodes a Zephyr notice.
 *
 * @param data The bytes.
 * @param offset Where the notice starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Decode a notice cut short
 * ```ts
 * import { decodeZephyr } from "./zephyr.ts";
 * import assert from "node:assert/strict";
 *
 * const zephyr = decodeZephyr(new TextEncoder().encode("ZEPH0.2\0" + "1"));
 * assert.equal(zephyr.fieldCount, 1);
 * assert.equal(zephyr.text(0), "ZEPH0.2");
 * ```
 */
export function decodeZephyr(data: Uint8Array, offset = 0): Zephyr {
  return decodeOne(new Zephyr(), data, offset);
}
