/**
 * The BSD time daemon's Time Synchronization Protocol (TSP, timed), on UDP port 525: a
 * message type, a version, a sequence number, an 8-byte union (a time as seconds and
 * microseconds, or a hop count) and a NUL-terminated host name of up to 256 bytes.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
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

/**
 * TSP message types (4.4BSD's `protocols/timed.h`) that carry a field of their own in the
 * 8-byte union: the time, or the hop count.
 *
 * @example Compare a type
 * ```ts
 * import { TimedType } from "./timed.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(TimedType.LOOP, 24);
 * ```
 */
export const TimedType = {
  /** Send adjtime (the union holds a time). */
  ADJTIME: 1,
  /** Send the network time (the union holds a time). */
  SETTIME: 5,
  /** A new time from the date command (the union holds a time). */
  SETDATE: 22,
  /** A remote request for the above (the union holds a time). */
  SETDATEREQ: 23,
  /** Loop detection (the union's first byte is a hop count). */
  LOOP: 24,
} as const;

/** Where the host name starts: after the type, version, sequence and the 8-byte union. */
const NAME_OFFSET = 12;
/** The size of the name field: the most bytes read for the name. */
const NAME_SIZE = 256;

/**
 * A TSP message. Each field reads as -1 (the time's `timeCaptured` as `false`) when the
 * capture, up to the IP packet's end, does not hold it.
 *
 * @example Decode a TSP_SETTIME message
 * ```ts
 * import { decodeTimed } from "./timed.ts";
 * import assert from "node:assert/strict";
 *
 * const tsp = decodeTimed(new Uint8Array([
 *   5, 1, 0, 7,
 *   0xff, 0xff, 0xff, 0xff, 0, 0, 0, 10,
 *   0x68, 0x6f, 0x73, 0x74, 0,
 * ]));
 * assert.equal(tsp.type, 5);
 * assert.equal(tsp.sequence, 7);
 * assert.equal(tsp.seconds, -1);
 * assert.equal(tsp.microseconds, 10);
 * assert.equal(tsp.nameLength, 4);
 * assert.equal(tsp.nameCut, false);
 * ```
 */
export class Timed extends LayerBase {
  /** The discriminant. */
  readonly kind = "timed" as const;
  /** The message's length on the wire (the UDP payload's, bounded by the IP payload's). */
  wireLength = 0;
  /** Where the captured bytes end (tcpdump's snapend: the IP packet's). */
  snapEnd = 0;
  /** The message type; -1 when not captured. */
  type: number = -1;
  /** The protocol version; -1 when not captured. */
  version: number = -1;
  /** The sequence number; -1 when not captured. */
  sequence: number = -1;
  /** The union's first byte, the hop count of a TSP_LOOP; -1 when not captured. */
  hopCount: number = -1;
  /** Whether the union's 8 bytes, read as a time, were captured. */
  timeCaptured = false;
  /** The time's seconds (signed); 0 unless `timeCaptured`. */
  seconds = 0;
  /** The time's microseconds (signed); 0 unless `timeCaptured`. */
  microseconds = 0;
  /** How many bytes of the name precede its NUL (at most 256), or the capture's end. */
  nameLength = 0;
  /** Whether the capture ends before the name's NUL or 256th byte (or before the name). */
  nameCut = true;

  /** Offset of the host name in `data`. */
  get nameAt(): number {
    return this.offset + NAME_OFFSET;
  }

  /** Decodes the message at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginMessage(this, data, offset, end, context);
    if (error !== undefined) return error;
    // timed_print() reads with no length: every field up to the IP packet's captured end.
    const snapEnd = capturedEnd(context, end);
    this.snapEnd = snapEnd;
    const available = snapEnd - offset;
    this.type = data[offset]!;
    this.version = available >= 2 ? data[offset + 1]! : -1;
    this.sequence = available >= 4 ? readUint16(data, offset + 2) : -1;
    this.hopCount = available >= 5 ? data[offset + 4]! : -1;
    this.timeCaptured = available >= NAME_OFFSET;
    this.seconds = this.timeCaptured ? readUint32(data, offset + 4) | 0 : 0;
    this.microseconds = this.timeCaptured ? readUint32(data, offset + 8) | 0 : 0;
    const nameAt = offset + NAME_OFFSET;
    const stop = Math.min(nameAt + NAME_SIZE, snapEnd);
    let at = nameAt;
    while (at < stop && data[at] !== 0) at++;
    this.nameLength = Math.max(0, at - nameAt);
    this.nameCut = at >= snapEnd && at < nameAt + NAME_SIZE;
    // The message ends at the name's NUL, or after its 256 bytes.
    const length = Math.min(this.nameLength + NAME_OFFSET + 1, NAME_OFFSET + NAME_SIZE);
    this.headerLength = Math.min(length, end - offset);
    // A message the capture cuts keeps what it holds (tcpdump prints it).
    return this.nameCut
      ? DecodeError.truncated(this.kind, offset, length, Math.min(available, length), true)
      : undefined;
  }

  /** TSP carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the message's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      type: this.type,
      version: this.version,
      sequence: this.sequence,
      hopCount: this.hopCount,
      ...(this.timeCaptured ? { seconds: this.seconds, microseconds: this.microseconds } : {}),
      nameLength: this.nameLength,
      nameCut: this.nameCut,
    };
  }
}

/**
 * Creates {@linkcode Timed} layers; the registry entry for UDP port 525.
 *
 * @example Create a timed layer
 * ```ts
 * import { timedDecoder } from "./timed.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(timedDecoder.create().kind, "timed");
 * ```
 */
export const timedDecoder: ProtocolDescriptor<Timed> = defineProtocol({
  kind: "timed",
  name: "TSP",
  tcpdumpName: "timed",
  create: () => new Timed(),
  bindings: { udpPorts: [525] },
});

/**
 * Decodes a TSP message.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the bytes end before the name's NUL or 256th byte.
 *
 * @example Decode a TSP_LOOP message
 * ```ts
 * import { decodeTimed } from "./timed.ts";
 * import assert from "node:assert/strict";
 *
 * const tsp = decodeTimed(new Uint8Array([24, 1, 0, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0]));
 * assert.equal(tsp.hopCount, 3);
 * assert.equal(tsp.nameLength, 0);
 * assert.throws(() => decodeTimed(new Uint8Array([24, 1, 0, 2, 3])));
 * ```
 */
export function decodeTimed(data: Uint8Array, offset = 0): Timed {
  return decodeOne(new Timed(), data, offset);
}
