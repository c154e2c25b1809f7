/**
 * Arista Networks' vendor-specific EtherType (`0xd28b`), as tcpdump's print-arista.c reads
 * it: a 2-byte subtype, and for subtype 1 (timestamp) a 2-byte version (timescale, then
 * the timestamp format and hardware info in a nibble each) and a 64-bit (seconds and
 * nanoseconds) or 48-bit (16 bits of seconds, 32 of nanoseconds) timestamp; the original
 * EtherType and packet follow.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { readUint16, readUint32 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { MIN_ETHERTYPE, typeOrLengthNextDecoder } from "./_type_or_length.ts";

/** Arista's vendor-specific EtherType. */
export const ETHERTYPE_ARISTA = 0xd28b;
/** The subtype of the timestamp header. */
export const ARISTA_SUBTYPE_TIMESTAMP = 0x0001;

/** The timestamp formats (the version's third nibble). */
export const AristaTimestampFormat = {
  /** 32 bits of seconds, then 32 of nanoseconds. */
  BITS_64: 1,
  /** 16 bits of seconds, then 32 of nanoseconds. */
  BITS_48: 2,
} as const;

/**
 * An Arista header. Every field is read from the bytes when asked for, -1 when not
 * captured. A header cut short, or of a subtype or timestamp format tcpdump does not know
 * (`known` false: nothing after it decodes), is kept as a partial layer.
 *
 * @example Decode a 64-bit timestamp header before IPv4
 * ```ts
 * import { decodeArista } from "./arista.ts";
 * import assert from "node:assert/strict";
 *
 * const arista = decodeArista(new Uint8Array([0, 1, 0, 0x10, 0x5c, 0xee, 0xed, 0x57,
 *   0x38, 0x4f, 0x0c, 0xc8, 0x08, 0x00, 0x45]));
 * assert.equal(arista.subtype, 1);
 * assert.equal(arista.format, 1);
 * assert.equal(arista.seconds, 0x5ceeed57);
 * assert.equal(arista.nanoseconds, 0x384f0cc8);
 * assert.equal(arista.etherType, 0x0800);
 * ```
 */
export class Arista extends LayerBase {
  /** The discriminant. */
  readonly kind = "arista" as const;
  /** The layer is kept though it could not be decoded whole. */
  partial = false;
  /** The subtype and timestamp format are ones tcpdump decodes. */
  known = false;
  /** The inner EtherType, or `undefined` (an 802.3 length, or not decoded). */
  etherType: number | undefined = undefined;
  /** The inner 802.3 length, or `undefined`. */
  length: number | undefined = undefined;

  /** The subtype (1: timestamp). */
  get subtype(): number {
    return this.#has(0, 2) ? readUint16(this.data, this.offset) : -1;
  }

  /** The timescale (0: TAI, 1: UTC). */
  get timescale(): number {
    return this.#has(2, 1) ? this.data[this.offset + 2]! : -1;
  }

  /** The timestamp format (see {@linkcode AristaTimestampFormat}). */
  get format(): number {
    return this.#has(3, 1) ? this.data[this.offset + 3]! >> 4 : -1;
  }

  /** The hardware info (0: R/R2 series, 1: R3 series). */
  get hardware(): number {
    return this.#has(3, 1) ? this.data[this.offset + 3]! & 0x0f : -1;
  }

  /** The timestamp's length: 8, 6, or 0 for another format. */
  get timestampLength(): number {
    const format = this.format;
    return format === AristaTimestampFormat.BITS_64
      ? 8
      : format === AristaTimestampFormat.BITS_48
      ? 6
      : 0;
  }

  /** The timestamp's seconds (32 or 16 bits), or -1 when not captured. */
  get seconds(): number {
    const length = this.timestampLength;
    if (length === 0 || !this.#has(4, length)) return -1;
    return length === 8
      ? readUint32(this.data, this.offset + 4)
      : readUint16(this.data, this.offset + 4);
  }

  /** The timestamp's nanoseconds (may be a second or more), or -1 when not captured. */
  get nanoseconds(): number {
    const length = this.timestampLength;
    if (length === 0 || !this.#has(4, length)) return -1;
    // The nanoseconds are the timestamp's last 4 bytes.
    return readUint32(this.data, this.offset + length);
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    this.partial = false;
    this.known = false;
    this.etherType = undefined;
    this.length = undefined;
    const available = end - offset;
    if (available < 0) return DecodeError.truncated(this.kind, offset, 2, 0);
    this.data = data;
    this.offset = offset;
    this.end = end;
    this.headerLength = available;
    if (available < 2) return this.#cut(2);
    if (this.subtype !== ARISTA_SUBTYPE_TIMESTAMP) return this.#unknown();
    if (available < 4) return this.#cut(4);
    const length = this.timestampLength;
    if (length === 0) return this.#unknown();
    const header = 4 + length + 2;
    if (available < header) return this.#cut(header);
    this.known = true;
    this.headerLength = header;
    const typeOrLength = readUint16(data, offset + header - 2);
    if (typeOrLength >= MIN_ETHERTYPE) this.etherType = typeOrLength;
    else {
      this.length = typeOrLength;
      this.end = Math.min(end, offset + header + typeOrLength);
    }
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    if (!this.known) return undefined;
    return typeOrLengthNextDecoder(
      this.etherType,
      this.data,
      this.offset + this.headerLength,
      this.end,
      context,
    );
  }

  /** Returns the header's captured fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const header: Record<string, unknown> = { subtype: this.subtype };
    if (this.subtype === ARISTA_SUBTYPE_TIMESTAMP) {
      header.timescale = this.timescale;
      header.format = this.format;
      header.hardware = this.hardware;
      header.seconds = this.seconds;
      header.nanoseconds = this.nanoseconds;
    }
    if (this.partial) header.partial = true;
    else if (this.etherType !== undefined) header.etherType = this.etherType;
    else header.length = this.length;
    return header;
  }

  #has(at: number, length: number): boolean {
    return this.offset + at + length <= this.end;
  }

  #cut(required: number): DecodeError {
    this.partial = true;
    return DecodeError.truncated(this.kind, this.offset, required, this.end - this.offset, true);
  }

  #unknown(): DecodeError {
    this.partial = true;
    this.headerLength = 0;
    return DecodeError.malformed(
      this.kind,
      this.offset,
      0,
      this.subtype,
      "unknown subtype or format",
      true,
    );
  }
}

/**
 * Creates {@linkcode Arista} layers; bound to EtherType `0xd28b`.
 *
 * @example Create an Arista layer
 * ```ts
 * import { aristaDecoder } from "./arista.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(aristaDecoder.create().kind, "arista");
 * ```
 */
export const aristaDecoder: ProtocolDescriptor<Arista> = defineProtocol({
  kind: "arista",
  name: "Arista",
  tcpdumpName: "arista",
  create: () => new Arista(),
  bindings: { etherTypes: [ETHERTYPE_ARISTA] },
});

/**
 * Decodes an Arista header (the bytes after the EtherType `0xd28b`).
 *
 * @param data The bytes.
 * @param offset Where the subtype starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header is cut short, or its subtype or format unknown.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodeArista } from "./arista.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeArista(new Uint8Array([0, 1, 0])), {
 *   message: "Cannot decode Arista header: 4 bytes required, received 3",
 * });
 * ```
 */
export function decodeArista(data: Uint8Array, offset = 0): Arista {
  return decodeOne(new Arista(), data, offset);
}
