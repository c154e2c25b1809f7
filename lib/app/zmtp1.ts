/**
 * ZMTP/1.0 (ZeroMQ's message transport protocol, RFC 13/ZMTP), which no port names: frames
 * of a length (one byte, or 0xff and 64 bits), a flags byte and a body, back to back in a
 * TCP stream (tcpdump's `-T zmtp1`), or in the data of a PGM ODATA/RDATA packet after a
 * 16-bit offset of the first frame (zmq_pgm(7), tcpdump's `-T pgm_zmtp1`).
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { readUint16, readUint32 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessage, capturedEnd } from "./_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** 2^64, for a frame length that does not fit a number exactly. */
const TWO_TO_64 = 1n << 64n;

/**
 * One frame read by {@linkcode Zmtp1.frameAt}: what of it was captured, in tcpdump's
 * terms (its header within the captured bytes, its body within the message).
 */
export interface Zmtp1Frame {
  /** Where the frame starts. */
  offset: number;
  /** 1 (an 8-bit length) or 9 (0xff and a 64-bit length). */
  headerLength: number;
  /** Whether the length field was captured (`false`: only the 0xff of a 64-bit one). */
  lengthCaptured: boolean;
  /** The length of flags and body (inexact above 2^53: see `lengthText`). */
  length: number;
  /** The length in decimal, exact to 64 bits. */
  lengthText: string;
  /** The flags byte, or -1 when the length is 0 (no flags) or the byte was not captured. */
  flags: number;
  /**
   * The length of flags and body that lies in the message's captured bytes, in decimal as
   * an unsigned 64-bit count (tcpdump's wraps when the header ends past the message), or
   * `""` when it is not less than `length`.
   */
  shortText: string;
  /** Where the body (after the flags) starts. */
  bodyStart: number;
  /**
   * How many body bytes to print: the declared ones within the message, up to `limit`
   * (inexact above 2^53: see `bodyShownText`).
   */
  bodyShown: number;
  /** `bodyShown` in decimal, exact to 64 bits. */
  bodyShownText: string;
  /** Where the next frame starts, or -1 when this one runs past the captured bytes. */
  next: number;
}

/**
 * A ZMTP/1.0 message: a TCP segment's payload, or a PGM datagram's data (`datagram`). Its
 * frames are read on demand, one at a time, by {@linkcode Zmtp1.frameAt}.
 *
 * @example Decode two frames
 * ```ts
 * import { decodeZmtp1 } from "./zmtp1.ts";
 * import assert from "node:assert/strict";
 *
 * const zmtp = decodeZmtp1(new Uint8Array([2, 1, 0x41, 1, 0]));
 * const first = zmtp.frameAt(0, 128);
 * assert.equal(first.length, 2);
 * assert.equal(first.flags, 1);
 * assert.equal(zmtp.frameAt(first.next, 128).length, 1);
 * ```
 */
export class Zmtp1 extends LayerBase {
  /** The discriminant. */
  readonly kind = "zmtp1" as const;
  /** A PGM datagram's data (with the frame offset), not a TCP stream. */
  datagram = false;
  /** The message's length on the wire (the TCP payload's; a datagram's TSDU length). */
  wireLength = 0;
  /** Where the captured bytes of the IP packet end (tcpdump's snapend). */
  capturedEnd = 0;
  /** A datagram's frame offset (0xffff: no frame starts in it), -1 when not captured. */
  frameOffset: number = -1;
  readonly #frame: Zmtp1Frame = {
    offset: 0,
    headerLength: 0,
    lengthCaptured: false,
    length: 0,
    lengthText: "",
    flags: -1,
    shortText: "",
    bodyStart: 0,
    bodyShown: 0,
    bodyShownText: "0",
    next: -1,
  };

  /** Where the frames end: the message's end, or the capture's when it comes first. */
  get framesEnd(): number {
    return Math.min(this.capturedEnd, this.offset + this.wireLength);
  }

  /**
   * A datagram's intermediate part (the rest of a message begun in an earlier datagram):
   * its length by the frame offset, as an unsigned 32-bit count (tcpdump's `len - 2` for
   * 0xffff), or -1 when the offset points past the datagram.
   */
  get intermediateLength(): number {
    const offset = this.frameOffset;
    if (offset === 0xffff) return (this.wireLength - 2) >>> 0;
    return 2 + offset > this.wireLength ? -1 : offset;
  }

  /** Where the first frame starts: past a datagram's frame offset and intermediate part. */
  get firstFrame(): number {
    return this.datagram ? this.offset + 2 + this.intermediateLength : this.offset;
  }

  /** Decodes a TCP segment's payload at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginMessage(this, data, offset, end, context);
    if (error !== undefined) return error;
    this.headerLength = 0;
    this.datagram = false;
    this.frameOffset = -1;
    this.capturedEnd = capturedEnd(context, end);
    return undefined;
  }

  /**
   * Reads a datagram's data: its frame offset (when captured) at `offset`.
   *
   * @param data The bytes.
   * @param offset Where the data starts.
   * @param length The datagram's length (PGM's TSDU length).
   * @param end Where the captured bytes end.
   * @returns The layer.
   */
  readDatagram(data: Uint8Array, offset: number, length: number, end: number): this {
    this.data = data;
    this.offset = offset;
    this.end = Math.max(offset, end);
    this.headerLength = 0;
    this.datagram = true;
    this.wireLength = length;
    this.capturedEnd = this.end;
    this.frameOffset = offset + 2 <= end ? readUint16(data, offset) : -1;
    return this;
  }

  /**
   * Reads the frame at `at` (which lies before {@linkcode Zmtp1.framesEnd}). The object
   * returned is reused by the next call.
   *
   * @param at Where the frame starts.
   * @param limit How many bytes of flags and body to show at most (tcpdump's -v: 129).
   * @returns The frame.
   */
  frameAt(at: number, limit: number): Zmtp1Frame {
    const d = this.data;
    const snapEnd = this.capturedEnd;
    const frame = this.#frame;
    frame.offset = at;
    frame.flags = -1;
    frame.shortText = "";
    frame.bodyShown = 0;
    frame.bodyShownText = "0";
    frame.next = -1;
    const long = d[at] === 0xff;
    frame.headerLength = long ? 9 : 1;
    frame.bodyStart = at + frame.headerLength + 1;
    frame.lengthCaptured = !long || at + 9 <= snapEnd;
    if (!frame.lengthCaptured) {
      frame.length = 0;
      frame.lengthText = "";
      return frame;
    }
    const high = long ? readUint32(d, at + 1) : 0;
    const low = long ? readUint32(d, at + 5) : d[at]!;
    frame.length = high * 0x100000000 + low;
    const exact = high < 0x200000;
    frame.lengthText = exact ? String(frame.length) : String(wide(high, low));
    const afterHeader = at + frame.headerLength;
    if (frame.length === 0) {
      frame.next = afterHeader;
      return frame;
    }
    if (afterHeader + 1 > snapEnd) return frame;
    frame.flags = d[afterHeader]!;
    // Flags and body within the message: a count that wraps below 0 (the header ends past
    // the message's end, which only a datagram's length can put before the capture's).
    const inMessage = this.framesEnd - afterHeader;
    const wrapped = inMessage < 0;
    const declaredMore = wrapped
      ? !exact && wide(high, low) > TWO_TO_64 + BigInt(inMessage)
      : frame.length > inMessage;
    if (declaredMore) {
      frame.shortText = wrapped ? String(TWO_TO_64 + BigInt(inMessage)) : String(inMessage);
    }
    const shown = Math.min(wrapped ? frame.length : Math.min(inMessage, frame.length), limit);
    frame.bodyShown = shown > 1 ? shown - 1 : 0;
    frame.bodyShownText = shown < 2 ** 53
      ? String(frame.bodyShown)
      // Only a wrapped count shows more: the lesser of it and the length, exactly.
      : String(minBig(wide(high, low), TWO_TO_64 + BigInt(inMessage)) - 1n);
    // The next frame: past a body whose bytes were all captured.
    if (frame.length <= snapEnd - afterHeader) frame.next = afterHeader + frame.length;
    return frame;
  }

  /** ZMTP/1.0 carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the message's kind, length and frame offset as a plain object. */
  toJSON(): Record<string, unknown> {
    return this.datagram
      ? { datagram: true, length: this.wireLength, frameOffset: this.frameOffset }
      : { datagram: false, length: this.wireLength };
  }
}

/** The lesser of two big integers. */
function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

/** A 64-bit length from its two halves. */
function wide(high: number, low: number): bigint {
  return (BigInt(high) << 32n) | BigInt(low);
}

/**
 * Creates {@linkcode Zmtp1} layers; no port is bound to it (tcpdump's `-T zmtp1` binds
 * every TCP port).
 *
 * @example Create a ZMTP/1.0 layer
 * ```ts
 * import { zmtp1Decoder } from "./zmtp1.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(zmtp1Decoder.create().kind, "zmtp1");
 * ```
 */
export const zmtp1Decoder: ProtocolDescriptor<Zmtp1> = defineProtocol({
  kind: "zmtp1",
  name: "ZMTP/1.0",
  tcpdumpName: "zmtp1",
  create: () => new Zmtp1(),
  bindings: {},
});

/**
 * Decodes a ZMTP/1.0 stream's bytes (a TCP segment's payload).
 *
 * @param data The bytes.
 * @param offset Where the payload starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Decode one frame
 * ```ts
 * import { decodeZmtp1 } from "./zmtp1.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decodeZmtp1(new Uint8Array([1, 0])).frameAt(0, 128).flags, 0);
 * ```
 */
export function decodeZmtp1(data: Uint8Array, offset = 0): Zmtp1 {
  return decodeOne(new Zmtp1(), data, offset);
}

/**
 * Reads a ZeroMQ datagram, the data of a PGM ODATA or RDATA packet (zmq_pgm(7)).
 *
 * @param data The bytes.
 * @param offset Where the data starts.
 * @param length The datagram's length (PGM's TSDU length).
 * @param end Where the captured bytes end (default: `data`'s end).
 * @returns The layer, a view over `data`.
 *
 * @example Read a datagram whose first frame starts after 1 byte
 * ```ts
 * import { decodeZmtp1Datagram } from "./zmtp1.ts";
 * import assert from "node:assert/strict";
 *
 * const zmtp = decodeZmtp1Datagram(new Uint8Array([0, 1, 0x41, 1, 0]), 0, 5);
 * assert.equal(zmtp.intermediateLength, 1);
 * assert.equal(zmtp.frameAt(zmtp.firstFrame, 128).length, 1);
 * ```
 */
export function decodeZmtp1Datagram(
  data: Uint8Array,
  offset: number,
  length: number,
  end: number = data.length,
): Zmtp1 {
  return new Zmtp1().readDatagram(data, offset, length, end);
}
