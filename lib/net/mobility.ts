/**
 * The IPv6 Mobility header (RFC 6275 section 6.1), IPv6 next header 135 (and 62, the
 * number of early drafts, which tcpdump reads the same way): the binding messages of
 * Mobile IPv6 and their options.
 *
 * @module
 */

import { formatIpv6 } from "../address.ts";
import { readUint16, readUint32 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import { DecodeError } from "../errors.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/**
 * Mobility header message types (IANA "Mobility Header Types"), those tcpdump names.
 *
 * @example Compare a message type
 * ```ts
 * import { MobilityType } from "./mobility.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(MobilityType.BINDING_UPDATE, 5);
 * ```
 */
export const MobilityType = {
  /** Binding Refresh Request. */
  BINDING_REFRESH_REQUEST: 0,
  /** Home Test Init. */
  HOME_TEST_INIT: 1,
  /** Care-of Test Init. */
  CARE_OF_TEST_INIT: 2,
  /** Home Test. */
  HOME_TEST: 3,
  /** Care-of Test. */
  CARE_OF_TEST: 4,
  /** Binding Update. */
  BINDING_UPDATE: 5,
  /** Binding Acknowledgement. */
  BINDING_ACK: 6,
  /** Binding Error. */
  BINDING_ERROR: 7,
} as const;

/**
 * Mobility option types (RFC 6275 section 6.2), those tcpdump names.
 *
 * @example Compare an option type
 * ```ts
 * import { MobilityOptionType } from "./mobility.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(MobilityOptionType.NONCE_INDICES, 4);
 * ```
 */
export const MobilityOptionType = {
  /** One byte of padding. */
  PAD1: 0,
  /** N bytes of padding. */
  PADN: 1,
  /** Binding Refresh Advice: a refresh interval in units of 4 seconds. */
  REFRESH: 2,
  /** Alternate Care-of Address. */
  ALTERNATE_CARE_OF: 3,
  /** Nonce Indices: home and care-of nonce indices. */
  NONCE_INDICES: 4,
  /** Binding Authorization Data. */
  AUTHORIZATION: 5,
} as const;

/**
 * The length of the message of each type up to its options (RFC 6275 section 6.1): a
 * length field that says less is too small for the type.
 */
const MESSAGE_LENGTHS: readonly number[] = [8, 16, 16, 24, 24, 12, 12, 24];

/**
 * A Mobility header. `headerLength` is the length the header gives (its length field plus
 * one, in 8-octet units), or what was captured of it; the fields read as -1 where the
 * captured bytes (or the IP packet) end before them.
 *
 * @example Decode a Binding Update with the acknowledge flag
 * ```ts
 * import { decodeMobility } from "./mobility.ts";
 * import assert from "node:assert/strict";
 *
 * const mobility = decodeMobility(new Uint8Array([
 *   59, 1, 5, 0, 0, 0, 0x03, 0xe8, 0x80, 0, 0x0e, 0x10, 1, 2, 0, 0,
 * ]));
 * assert.equal(mobility.messageType, 5);
 * assert.equal(mobility.sequenceNumber, 1000);
 * assert.equal(mobility.flags, 0x8);
 * assert.equal(mobility.lifetime, 4 * 0x0e10); // in units of 4 seconds on the wire
 * assert.equal(mobility.optionsOffset, 12);
 * ```
 */
export class Mobility extends LayerBase {
  /** The discriminant. */
  readonly kind = "mobility" as const;
  /** The payload proto field: the header after it (RFC 6275: 59, none). */
  payloadProto = 0;
  /** The header length field: 8-octet units after the first 8. */
  lengthField = 0;
  /** The message type ({@linkcode MobilityType}); -1 when not captured. */
  messageType: number = -1;
  /**
   * The capture (or the IP packet) ends before the header's end (a partial decode: see
   * {@linkcode DecodeError.partial}).
   */
  truncated = false;

  /** The length the header gives: `(lengthField + 1) * 8`. */
  get declaredLength(): number {
    return (this.lengthField + 1) * 8;
  }

  /**
   * Whether the header is shorter than the fixed fields of its type (tcpdump's "header
   * length N is too small for type M"); `false` for types it does not know.
   */
  get tooShort(): boolean {
    const minimum = MESSAGE_LENGTHS[this.messageType];
    return minimum !== undefined && this.declaredLength < minimum;
  }

  /**
   * Where the options start, from the header's start: after the fixed fields of the type
   * (-1 for a type without known fields).
   */
  get optionsOffset(): number {
    return MESSAGE_LENGTHS[this.messageType] ?? -1;
  }

  /**
   * The byte at `at` bytes from the header's start, or -1 when it was not captured.
   *
   * @param at The position from the header's start.
   * @returns The byte, or -1.
   */
  uint8At(at: number): number {
    const where = this.offset + at;
    return at >= 0 && where < this.end ? this.data[where]! : -1;
  }

  /**
   * The 16-bit field at `at` bytes from the header's start, or -1 when not captured.
   *
   * @param at The position from the header's start.
   * @returns The value, or -1.
   */
  uint16At(at: number): number {
    const where = this.offset + at;
    return at >= 0 && where + 2 <= this.end ? readUint16(this.data, where) : -1;
  }

  /**
   * The 32-bit field at `at` bytes from the header's start, or -1 when not captured.
   *
   * @param at The position from the header's start.
   * @returns The value, or -1.
   */
  uint32At(at: number): number {
    const where = this.offset + at;
    return at >= 0 && where + 4 <= this.end ? readUint32(this.data, where) : -1;
  }

  /**
   * The IPv6 address at `at` bytes from the header's start, or `undefined` when its 16
   * bytes were not all captured.
   *
   * @param at The position from the header's start.
   * @returns The address as text, or `undefined`.
   */
  addressAt(at: number): string | undefined {
    const where = this.offset + at;
    return at >= 0 && where + 16 <= this.end ? formatIpv6(this.data, where) : undefined;
  }

  /** The checksum field (-1 when not captured). */
  get checksum(): number {
    return this.uint16At(4);
  }

  /** Home Test and Care-of Test: the nonce index (-1 for other types or not captured). */
  get nonceIndex(): number {
    const type = this.messageType;
    return type === MobilityType.HOME_TEST || type === MobilityType.CARE_OF_TEST
      ? this.uint16At(6)
      : -1;
  }

  /** Binding Update and Acknowledgement: the sequence number (-1 otherwise). */
  get sequenceNumber(): number {
    if (this.messageType === MobilityType.BINDING_UPDATE) return this.uint16At(6);
    return this.messageType === MobilityType.BINDING_ACK ? this.uint16At(8) : -1;
  }

  /**
   * Binding Update: the A, H, L, K flags (the high 4 bits of the byte after the sequence
   * number, A as 0x8); Binding Acknowledgement: the K flag as 0x80. -1 otherwise.
   */
  get flags(): number {
    if (this.messageType === MobilityType.BINDING_UPDATE) {
      const byte = this.uint8At(8);
      return byte < 0 ? -1 : byte >> 4;
    }
    if (this.messageType !== MobilityType.BINDING_ACK) return -1;
    const byte = this.uint8At(7);
    return byte < 0 ? -1 : byte & 0x80;
  }

  /** Binding Update and Acknowledgement: the lifetime in seconds (-1 otherwise). */
  get lifetime(): number {
    const type = this.messageType;
    if (type !== MobilityType.BINDING_UPDATE && type !== MobilityType.BINDING_ACK) return -1;
    const units = this.uint16At(10);
    // The field counts units of 4 seconds.
    return units < 0 ? -1 : units * 4;
  }

  /** Binding Acknowledgement and Error: the status (-1 otherwise). */
  get status(): number {
    const type = this.messageType;
    return type === MobilityType.BINDING_ACK || type === MobilityType.BINDING_ERROR
      ? this.uint8At(6)
      : -1;
  }

  /** Binding Error: the home address (`undefined` otherwise, or when not captured). */
  get homeAddress(): string | undefined {
    return this.messageType === MobilityType.BINDING_ERROR ? this.addressAt(8) : undefined;
  }

  /**
   * The options in `[optionsOffset, declaredLength)` that were captured whole, as RFC 6275
   * section 6.2 lays them out (offsets from the header's start); the walk stops at one
   * that runs past the header. Built on each call.
   */
  get options(): { type: number; offset: number; length: number }[] {
    const list: { type: number; offset: number; length: number }[] = [];
    const start = this.optionsOffset;
    if (start < 0) return list;
    const end = Math.min(this.declaredLength, this.end - this.offset);
    for (let at = start; at < end;) {
      const type = this.data[this.offset + at]!;
      const length = type === MobilityOptionType.PAD1 ? 1 : this.uint8At(at + 1) + 2;
      if (length < 2 && type !== MobilityOptionType.PAD1) break;
      if (at + length > end) break;
      list.push({ type, offset: at, length });
      at += length;
    }
    return list;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    // tcpdump needs the length byte before it prints anything.
    if (available < 2) return DecodeError.truncated(this.kind, offset, 8, available);
    this.data = data;
    this.offset = offset;
    this.end = end;
    this.payloadProto = data[offset]!;
    this.lengthField = data[offset + 1]!;
    this.messageType = available > 2 ? data[offset + 2]! : -1;
    const length = this.declaredLength;
    this.truncated = available < length;
    this.headerLength = Math.min(length, available);
    if (this.truncated) {
      return DecodeError.truncated(this.kind, offset, length, available, true);
    }
    return undefined;
  }

  /** The header ends the packet: tcpdump does not read past it. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {
      payloadProto: this.payloadProto,
      lengthField: this.lengthField,
      messageType: this.messageType,
      checksum: this.checksum,
    };
    const fields = {
      nonceIndex: this.nonceIndex,
      sequenceNumber: this.sequenceNumber,
      flags: this.flags,
      lifetime: this.lifetime,
      status: this.status,
    };
    for (const [name, value] of Object.entries(fields)) if (value >= 0) out[name] = value;
    const home = this.homeAddress;
    if (home !== undefined) out.homeAddress = home;
    out.options = this.options;
    return out;
  }
}

/**
 * Creates {@linkcode Mobility} layers; the registry entry for IPv6 next headers 135 and
 * 62.
 *
 * @example Create a Mobility layer
 * ```ts
 * import { mobilityDecoder } from "./mobility.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(mobilityDecoder.create().kind, "mobility");
 * ```
 */
export const mobilityDecoder: ProtocolDescriptor<Mobility> = defineProtocol({
  kind: "mobility",
  name: "IPv6 Mobility",
  tcpdumpName: "mobility",
  create: () => new Mobility(),
  bindings: { ipProtocols: [135, 62] },
});

/**
 * Decodes a Mobility header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header is cut short.
 *
 * @example Reject a header cut short
 * ```ts
 * import { decodeMobility } from "./mobility.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeMobility(new Uint8Array([59, 1, 0, 0, 0, 0, 0, 0])), {
 *   message: "Cannot decode IPv6 Mobility header: 16 bytes required, received 8",
 * });
 * ```
 */
export function decodeMobility(data: Uint8Array, offset = 0): Mobility {
  return decodeOne(new Mobility(), data, offset);
}
