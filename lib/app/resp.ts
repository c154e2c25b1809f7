/**
 * RESP, the Redis serialization protocol (TCP port 6379): a segment of values, each a
 * type byte (`+` simple string, `-` error, `:` integer, `$` bulk string, `*` array) and
 * its text up to a CRLF, or an inline command (a line ended by CR or LF). The decoder
 * walks the values as tcpdump's resp_print() does, pipelined values one after the other
 * and an array's elements after it, and stops where tcpdump stops: the payload or the
 * capture ending inside a value, or a length it cannot read.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessage } from "./_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/**
 * The type bytes of RESP values; an inline command has none (0 here).
 *
 * @example Tell a bulk string
 * ```ts
 * import { RespType } from "./resp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(RespType.BULK_STRING, "$".charCodeAt(0));
 * ```
 */
export const RespType = {
  /** An inline command: a line of text without a type byte. */
  INLINE: 0,
  /** `+`: a simple string. */
  SIMPLE_STRING: 0x2b,
  /** `-`: an error. */
  ERROR: 0x2d,
  /** `:`: an integer. */
  INTEGER: 0x3a,
  /** `$`: a bulk string of a length. */
  BULK_STRING: 0x24,
  /** `*`: an array of a number of values. */
  ARRAY: 0x2a,
} as const;

/**
 * What a bulk string's or an array's length says when it is not a count (tcpdump's
 * resp_get_length() results).
 *
 * @example Tell a null bulk string
 * ```ts
 * import { decodeResp, RespLength } from "./resp.ts";
 * import assert from "node:assert/strict";
 *
 * const resp = decodeResp(new TextEncoder().encode("$-1\r\n"));
 * assert.equal(resp.values[0]!.length, RespLength.NULL);
 * ```
 */
export const RespLength = {
  /** `-1`: a null string or array. */
  NULL: -1,
  /** A count above 2^31 - 1. */
  TOO_LARGE: -3,
  /** A negative count other than -1. */
  NEGATIVE: -4,
  /** No digit, or the digits not followed by a CRLF. */
  INVALID: -5,
} as const;

/** How the walk of a segment's values ended. */
export type RespEnd =
  /** Every byte of the payload was read into values. */
  | "complete"
  /** A value needs more bytes than the payload or the capture holds (tcpdump checks first). */
  | "truncated"
  /** A byte that the payload holds but the capture does not was read (tcpdump's longjmp). */
  | "cut";

/** One value of a segment, in the order tcpdump meets it (an array's elements follow it). */
export interface RespValue {
  /** The type byte ({@linkcode RespType}), 0 for an inline command. */
  readonly type: number;
  /** Where the value starts (its type byte, or an inline command's first byte). */
  readonly offset: number;
  /**
   * Where its text starts: a string's, error's or integer's characters, a bulk string's
   * bytes, an inline command's line; -1 for an array and a bulk string without bytes.
   */
  readonly textStart: number;
  /** Where its text ends (before the CRLF); -1 when there is no text. */
  readonly textEnd: number;
  /**
   * A bulk string's or array's length, or a {@linkcode RespLength} code (negative); 0 for
   * the other types.
   */
  readonly length: number;
}

/** The walk's result: the values, then how it ended. */
interface Walk {
  readonly values: RespValue[];
  readonly end: RespEnd;
}

/** A length and where its CRLF ends; `end` set when the payload or capture ran out. */
interface LengthRead {
  value: number;
  next: number;
  end: RespEnd | undefined;
}

const CR = 0x0d;
const LF = 0x0a;
const INT_MAX = 0x7fffffff;

/**
 * A RESP segment: {@linkcode Resp.values} lists its values and {@linkcode Resp.endState}
 * says where the walk stopped.
 *
 * @example Read a pipelined command
 * ```ts
 * import { decodeResp, RespType } from "./resp.ts";
 * import assert from "node:assert/strict";
 *
 * const resp = decodeResp(new TextEncoder().encode("*1\r\n$4\r\nPING\r\n"));
 * const [array, ping] = resp.values;
 * assert.equal(array!.type, RespType.ARRAY);
 * assert.equal(array!.length, 1);
 * assert.equal(ping!.textEnd - ping!.textStart, 4);
 * assert.equal(resp.endState, "complete");
 * ```
 */
export class Resp extends LayerBase {
  /** The discriminant. */
  readonly kind = "resp" as const;
  /** The RESP bytes the transport declares (all values of the segment). */
  wireLength = 0;
  #walk: Walk | undefined = undefined;

  /** The values of the segment, as tcpdump walks them. */
  get values(): RespValue[] {
    return (this.#walk ??= this.#walkValues()).values;
  }

  /** How the walk of {@linkcode Resp.values} ended. */
  get endState(): RespEnd {
    return (this.#walk ??= this.#walkValues()).end;
  }

  /** Decodes the segment's start; the values are walked when first asked for. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginMessage(this, data, offset, end, context);
    if (error !== undefined) return error;
    this.headerLength = 0;
    this.#walk = undefined;
    return undefined;
  }

  /** RESP carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the values (type character, text, length) and the end as a plain object. */
  toJSON(): Record<string, unknown> {
    const decoder = new TextDecoder();
    return {
      values: this.values.map((v) => ({
        type: v.type === 0 ? "inline" : String.fromCharCode(v.type),
        ...(v.textStart >= 0
          ? { text: decoder.decode(this.data.subarray(v.textStart, v.textEnd)) }
          : {}),
        ...(v.type === RespType.BULK_STRING || v.type === RespType.ARRAY
          ? { length: v.length }
          : {}),
      })),
      end: this.endState,
    };
  }

  /**
   * tcpdump's resp_print() loop without recursion: an array of n values adds n to the
   * values still owed (its elements follow it, each bounded by the same remaining
   * payload), so deep nesting costs no stack.
   */
  #walkValues(): Walk {
    const values: RespValue[] = [];
    const d = this.data;
    const cap = this.end;
    let at = this.offset;
    let left = this.wireLength;
    let owed = 0;
    const stop = (end: RespEnd): Walk => ({ values, end });
    while (owed > 0 || left > 0) {
      if (owed > 0) owed--;
      if (left < 1) return stop("truncated");
      if (at >= cap) return stop("cut");
      const type = d[at]!;
      let next: number;
      if (type === RespType.SIMPLE_STRING || type === RespType.ERROR || type === RespType.INTEGER) {
        const crlf = findCrlf(d, at + 1, left - 1, cap);
        if (crlf < 0) return stop("truncated");
        values.push({ type, offset: at, textStart: at + 1, textEnd: crlf, length: 0 });
        next = crlf + 2;
      } else if (type === RespType.BULK_STRING || type === RespType.ARRAY) {
        const read = readLength(d, at + 1, left - 1, cap);
        if (read.end !== undefined) return stop(read.end);
        const length = read.value;
        next = read.next;
        if (type === RespType.ARRAY || length < 0) {
          values.push({ type, offset: at, textStart: -1, textEnd: -1, length });
          if (type === RespType.ARRAY && length > 0) owed += length;
        } else {
          const rest = left - (next - at);
          // A string whose bytes the payload or the capture lacks prints nothing.
          if (length > 0 && (rest < length || next + length > cap)) return stop("truncated");
          const text = length > 0 ? next : -1;
          values.push({ type, offset: at, textStart: text, textEnd: text + length, length });
          // tcpdump looks for the CRLF anywhere after the bytes, not right after them.
          const crlf = findCrlf(d, next + length, rest - length, cap);
          if (crlf < 0) return stop("truncated");
          next = crlf + 2;
        }
      } else {
        const inline = readInline(d, at, left, cap, values);
        if (typeof inline === "string") return stop(inline);
        next = inline;
      }
      left -= next - at;
      at = next;
    }
    return stop("complete");
  }
}

/**
 * tcpdump's FIND_CRLF: where the first CRLF at or after `at` is, within `left` bytes of
 * the payload and the captured bytes; -1 when there is none.
 */
function findCrlf(d: Uint8Array, at: number, left: number, cap: number): number {
  for (; left >= 2 && at + 2 <= cap; at++, left--) {
    if (d[at] === CR && d[at + 1] === LF) return at;
  }
  return -1;
}

/**
 * An inline command at `at` (tcpdump's resp_print_inline()): leading CRs and LFs, a line,
 * the CRs and LFs after it. Pushes the value and returns where the next one starts, or
 * how the walk ends.
 */
function readInline(
  d: Uint8Array,
  at: number,
  left: number,
  cap: number,
  values: RespValue[],
): number | RespEnd {
  let p = skipLineEnds(d, at, left, cap);
  if (p < 0) return "truncated";
  const start = p;
  left -= p - at;
  for (;; p++, left--) {
    if (left < 1) return "truncated";
    if (p >= cap) return "cut";
    if (d[p] === CR || d[p] === LF) break;
  }
  values.push({ type: RespType.INLINE, offset: at, textStart: start, textEnd: p, length: 0 });
  // The line's end is there: the skip cannot fail.
  return skipLineEnds(d, p, left, cap);
}

/**
 * tcpdump's CONSUME_CR_OR_LF: past the CRs and LFs at `at`; -1 when the payload or the
 * capture ends before any other byte and none was found.
 */
function skipLineEnds(d: Uint8Array, at: number, left: number, cap: number): number {
  let p = at;
  for (; left > 0 && p < cap; p++, left--) {
    if (d[p] !== CR && d[p] !== LF) return p;
  }
  return p > at ? p : -1;
}

/**
 * tcpdump's resp_get_length(): an optional `-`, digits, CRLF, within `left` bytes from
 * `at`. A byte that breaks the form is read and skipped (INVALID).
 */
function readLength(d: Uint8Array, at: number, left: number, cap: number): LengthRead {
  const out: LengthRead = { value: 0, next: at, end: undefined };
  const fail = (end: RespEnd) => {
    out.end = end;
    return out;
  };
  const invalid = (p: number) => {
    out.value = RespLength.INVALID;
    out.next = p + 1;
    return out;
  };
  if (left === 0) return fail("truncated");
  let p = at;
  if (p >= cap) return fail("cut");
  const negative = d[p] === 0x2d;
  if (negative) {
    p++;
    left--;
  }
  let value = 0;
  let digits = false;
  let tooLarge = false;
  for (;; p++, left--, digits = true) {
    if (left === 0) return fail("truncated");
    if (p >= cap) return fail("cut");
    const c = d[p]! - 0x30;
    if (c < 0 || c > 9) {
      if (!digits) return invalid(p);
      break;
    }
    // An int that would overflow: tcpdump stops adding and remembers.
    if (value > Math.floor(INT_MAX / 10)) tooLarge = true;
    else if (value * 10 === INT_MAX - (INT_MAX % 10) && c > INT_MAX % 10) {
      value *= 10;
      tooLarge = true;
    } else value = value * 10 + c;
  }
  if (d[p] !== CR) return invalid(p);
  p++;
  left--;
  if (left === 0) return fail("truncated");
  if (p >= cap) return fail("cut");
  if (d[p] !== LF) return invalid(p);
  out.next = p + 1;
  if (negative) out.value = tooLarge || value !== 1 ? RespLength.NEGATIVE : RespLength.NULL;
  else out.value = tooLarge ? RespLength.TOO_LARGE : value;
  return out;
}

/**
 * Creates {@linkcode Resp} layers; bound to TCP port 6379.
 *
 * @example Create a RESP layer
 * ```ts
 * import { respDecoder } from "./resp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(respDecoder.create().kind, "resp");
 * ```
 */
export const respDecoder: ProtocolDescriptor<Resp> = defineProtocol({
  kind: "resp",
  name: "RESP",
  tcpdumpName: "resp",
  create: () => new Resp(),
  bindings: { tcpPorts: [6379] },
});

/**
 * Decodes a RESP segment.
 *
 * @param data The bytes.
 * @param offset Where the segment starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Reject an empty segment
 * ```ts
 * import { decodeResp } from "./resp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeResp(new Uint8Array(0)), {
 *   message: "Cannot decode RESP header: 1 bytes required, received 0",
 * });
 * ```
 */
export function decodeResp(data: Uint8Array, offset = 0): Resp {
  return decodeOne(new Resp(), data, offset);
}
