/**
 * NTP (RFC 5905): the 48-byte header of modes 0 to 5, the control messages of mode 6
 * (RFC 9327), and mode 7 (private) kept raw.
 *
 * @module
 */

import { formatIpv4 } from "../address.ts";
import { DecodeError } from "../errors.ts";
import { readCString, readUint16, readUint32 } from "../_bytes.ts";
import { beginMessage } from "./_wire_length.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/**
 * NTP association modes (RFC 5905 figure 10).
 *
 * @example Compare a mode
 * ```ts
 * import { NtpMode } from "./ntp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(NtpMode.CLIENT, 3);
 * ```
 */
export const NtpMode = {
  RESERVED: 0,
  SYMMETRIC_ACTIVE: 1,
  SYMMETRIC_PASSIVE: 2,
  CLIENT: 3,
  SERVER: 4,
  BROADCAST: 5,
  CONTROL: 6,
  PRIVATE: 7,
} as const;

/** An NTP mode. */
export type NtpMode = typeof NtpMode[keyof typeof NtpMode];

/** Seconds from the NTP epoch (1900-01-01) to the Unix epoch (1970-01-01). */
const NTP_TO_UNIX = 2_208_988_800n;

/**
 * Converts an NTP timestamp (era 0) to nanoseconds since the Unix epoch, rounding down.
 *
 * @param seconds The seconds since 1900.
 * @param fraction The fraction of a second, in units of 2^-32 s.
 * @returns Nanoseconds since 1970 (negative before it).
 *
 * @example Convert the Unix epoch
 * ```ts
 * import { ntpToUnixNanoseconds } from "./ntp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ntpToUnixNanoseconds(2_208_988_800, 0x80000000), 500_000_000n);
 * ```
 */
export function ntpToUnixNanoseconds(seconds: number, fraction: number): bigint {
  const nanoseconds = (BigInt(fraction) * 1_000_000_000n) >> 32n;
  return (BigInt(seconds) - NTP_TO_UNIX) * 1_000_000_000n + nanoseconds;
}

/**
 * An NTP message. Modes 0 to 5 have the 48-byte header of RFC 5905 (its `payload` is the
 * extension fields and MAC, if any); mode 6 has the 12-byte control header (its `payload`
 * is the control data); mode 7 is kept raw (its `payload` is all but the first byte).
 * Fields that a mode does not have are 0.
 *
 * @example Decode a client request
 * ```ts
 * import { decodeNtp } from "./ntp.ts";
 * import assert from "node:assert/strict";
 *
 * const message = new Uint8Array(48);
 * message[0] = 0x23; // LI 0, version 4, mode 3
 * message.set([0xe8, 0x6c, 0x8f, 0x80, 0x40, 0, 0, 0], 40);
 * const ntp = decodeNtp(message);
 * assert.equal(ntp.version, 4);
 * assert.equal(ntp.mode, 3);
 * assert.equal(ntp.transmitSeconds, 0xe86c8f80);
 * assert.equal(ntp.transmitTime, 1_690_439_936_250_000_000n);
 * assert.equal(ntp.originTime, undefined);
 * ```
 */
export class Ntp extends LayerBase {
  /** The discriminant. */
  readonly kind = "ntp" as const;
  /** LI: leap indicator (0 none, 1 last minute has 61 s, 2 has 59 s, 3 unsynchronized). */
  leapIndicator = 0;
  /** VN: the version number. */
  version = 0;
  /** The mode (see {@linkcode NtpMode}). */
  mode = 0;
  /** Stratum: 0 unspecified or kiss-o'-death, 1 primary, 2 to 15 secondary, 16 unsynchronized. */
  stratum = 0;
  /** Poll: the log2 of the maximum interval between messages, in seconds (signed). */
  poll = 0;
  /** Precision: the log2 of the clock's precision, in seconds (signed). */
  precision = 0;
  /** Root delay in seconds (the 16.16 NTP short format, signed). */
  rootDelay = 0;
  /** Root dispersion in seconds (the 16.16 NTP short format). */
  rootDispersion = 0;
  /** Reference ID as a 32-bit number; see {@linkcode Ntp.referenceIdText}. */
  referenceId = 0;
  /** Reference timestamp: seconds since 1900. */
  referenceSeconds = 0;
  /** Reference timestamp: fraction of a second (2^-32 s). */
  referenceFraction = 0;
  /** Origin timestamp: seconds since 1900. */
  originSeconds = 0;
  /** Origin timestamp: fraction of a second (2^-32 s). */
  originFraction = 0;
  /** Receive timestamp: seconds since 1900. */
  receiveSeconds = 0;
  /** Receive timestamp: fraction of a second (2^-32 s). */
  receiveFraction = 0;
  /** Transmit timestamp: seconds since 1900. */
  transmitSeconds = 0;
  /** Transmit timestamp: fraction of a second (2^-32 s). */
  transmitFraction = 0;
  /** Mode 6: the R (response), E (error) and M (more) bits and the 5-bit opcode, as one byte. */
  control = 0;
  /** Mode 6: sequence number. */
  sequence = 0;
  /** Mode 6: status word. */
  status = 0;
  /** Mode 6: association ID. */
  associationId = 0;
  /** Mode 6: offset of the data in the whole response. */
  dataOffset = 0;
  /** Mode 6: count of data bytes. */
  count = 0;
  /** The message length the UDP header declares (the captured bytes may be fewer). */
  wireLength = 0;
  /** Root delay as sent: the 32-bit NTP short format (16 bits of seconds, 16 of fraction). */
  rootDelayBits = 0;
  /** Root dispersion as sent: the 32-bit NTP short format. */
  rootDispersionBits = 0;
  /**
   * The capture ended inside the header of the message's mode: the layer comes from the
   * `partial` of a truncation {@linkcode DecodeError}, and the fields whose bytes lie past
   * `end` are 0.
   */
  partial = false;

  /**
   * The key identifier of the MAC after the 48-byte header, when the message's length on
   * the wire is 52 (key ID only), 68 (MD5 digest) or 72 (SHA-1 digest) bytes, as tcpdump
   * reads it; `undefined` for another length or when it was not captured.
   */
  get keyId(): number | undefined {
    const length = this.wireLength;
    const at = this.offset + 48;
    if ((length !== 52 && length !== 68 && length !== 72) || at + 4 > this.end) return undefined;
    return readUint32(this.data, at);
  }

  /**
   * The MAC digest after the key identifier (a view of up to 20 bytes, as far as captured)
   * when the message's length on the wire is 68 or 72 bytes; `undefined` otherwise.
   */
  get digest(): Uint8Array | undefined {
    const length = this.wireLength;
    if (length !== 68 && length !== 72) return undefined;
    const at = this.offset + 52;
    return this.data.subarray(Math.min(at, this.end), Math.min(this.offset + length, this.end));
  }

  /**
   * The reference ID as text: four ASCII characters for stratum 0 (a kiss code) and 1 (a
   * reference clock, trailing NULs dropped), else a dotted IPv4 address (for IPv6 peers,
   * the first 32 bits of an MD5 hash shown the same way).
   */
  get referenceIdText(): string {
    const at = this.offset + 12;
    if (this.stratum > 1) return formatIpv4(this.data, at);
    return readCString(this.data, at, 4);
  }

  /** The reference timestamp in nanoseconds since the Unix epoch, `undefined` when 0. */
  get referenceTime(): bigint | undefined {
    return toUnix(this.referenceSeconds, this.referenceFraction);
  }

  /** The origin timestamp in nanoseconds since the Unix epoch, `undefined` when 0. */
  get originTime(): bigint | undefined {
    return toUnix(this.originSeconds, this.originFraction);
  }

  /** The receive timestamp in nanoseconds since the Unix epoch, `undefined` when 0. */
  get receiveTime(): bigint | undefined {
    return toUnix(this.receiveSeconds, this.receiveFraction);
  }

  /** The transmit timestamp in nanoseconds since the Unix epoch, `undefined` when 0. */
  get transmitTime(): bigint | undefined {
    return toUnix(this.transmitSeconds, this.transmitFraction);
  }

  /** Mode 6: R, the message is a response. */
  get response(): boolean {
    return (this.control & 0x80) !== 0;
  }

  /** Mode 6: E, the response reports an error. */
  get error(): boolean {
    return (this.control & 0x40) !== 0;
  }

  /** Mode 6: M, more fragments follow. */
  get more(): boolean {
    return (this.control & 0x20) !== 0;
  }

  /** Mode 6: the opcode (1 read status, 2 read variables...). */
  get opcode(): number {
    return this.control & 0x1f;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginMessage(this, data, offset, end, context);
    if (error !== undefined) return error;
    const available = end - offset;
    const first = data[offset]!;
    const mode = first & 7;
    const required = mode === 7 ? 1 : mode === 6 ? 12 : 48;
    this.headerLength = Math.min(required, available);
    this.partial = available < required;
    this.leapIndicator = first >> 6;
    this.version = (first >> 3) & 7;
    this.mode = mode;
    const time = mode < 6;
    const control = mode === 6;
    // Fields past the captured end read as 0 in a partial decode.
    const o = offset;
    this.stratum = time ? u8(data, end, o + 1) : 0;
    this.poll = time ? (u8(data, end, o + 2) << 24) >> 24 : 0;
    this.precision = time ? (u8(data, end, o + 3) << 24) >> 24 : 0;
    this.rootDelayBits = time ? u32(data, end, o + 4) : 0;
    this.rootDelay = (this.rootDelayBits | 0) / 65536;
    this.rootDispersionBits = time ? u32(data, end, o + 8) : 0;
    this.rootDispersion = this.rootDispersionBits / 65536;
    this.referenceId = time ? u32(data, end, o + 12) : 0;
    this.referenceSeconds = time ? u32(data, end, o + 16) : 0;
    this.referenceFraction = time ? u32(data, end, o + 20) : 0;
    this.originSeconds = time ? u32(data, end, o + 24) : 0;
    this.originFraction = time ? u32(data, end, o + 28) : 0;
    this.receiveSeconds = time ? u32(data, end, o + 32) : 0;
    this.receiveFraction = time ? u32(data, end, o + 36) : 0;
    this.transmitSeconds = time ? u32(data, end, o + 40) : 0;
    this.transmitFraction = time ? u32(data, end, o + 44) : 0;
    this.control = control ? u8(data, end, o + 1) : 0;
    this.sequence = control ? u16(data, end, o + 2) : 0;
    this.status = control ? u16(data, end, o + 4) : 0;
    this.associationId = control ? u16(data, end, o + 6) : 0;
    this.dataOffset = control ? u16(data, end, o + 8) : 0;
    this.count = control ? u16(data, end, o + 10) : 0;
    if (this.partial) return DecodeError.truncated(this.kind, offset, required, available, true);
    return undefined;
  }

  /** NTP carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      leapIndicator: this.leapIndicator,
      version: this.version,
      mode: this.mode,
    };
    if (this.mode < 6) {
      Object.assign(json, {
        stratum: this.stratum,
        poll: this.poll,
        precision: this.precision,
        rootDelay: this.rootDelay,
        rootDispersion: this.rootDispersion,
        referenceId: this.referenceIdText,
        referenceTimestamp: timestampText(this.referenceSeconds, this.referenceFraction),
        originTimestamp: timestampText(this.originSeconds, this.originFraction),
        receiveTimestamp: timestampText(this.receiveSeconds, this.receiveFraction),
        transmitTimestamp: timestampText(this.transmitSeconds, this.transmitFraction),
      });
    } else if (this.mode === 6) {
      Object.assign(json, {
        response: this.response,
        error: this.error,
        more: this.more,
        opcode: this.opcode,
        sequence: this.sequence,
        status: this.status,
        associationId: this.associationId,
        dataOffset: this.dataOffset,
        count: this.count,
      });
    }
    return json;
  }
}

function u8(data: Uint8Array, end: number, at: number): number {
  return at < end ? data[at]! : 0;
}

function u16(data: Uint8Array, end: number, at: number): number {
  return at + 2 <= end ? readUint16(data, at) : 0;
}

function u32(data: Uint8Array, end: number, at: number): number {
  return at + 4 <= end ? readUint32(data, at) : 0;
}

function toUnix(seconds: number, fraction: number): bigint | undefined {
  return seconds === 0 && fraction === 0 ? undefined : ntpToUnixNanoseconds(seconds, fraction);
}

function timestampText(seconds: number, fraction: number): string {
  return `${seconds}.${fraction.toString(16).padStart(8, "0")}`;
}

/** Creates {@linkcode Ntp} layers; the registry entry for port 123. */
export const ntpDecoder: ProtocolDescriptor<Ntp> = defineProtocol({
  kind: "ntp",
  name: "NTP",
  tcpdumpName: "ntp",
  create: () => new Ntp(),
  bindings: { udpPorts: [123] },
});

/**
 * Decodes an NTP message.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header of the message's mode (48 bytes for modes 0 to 5,
 * 12 for mode 6, 1 for mode 7) is cut short; its `partial` holds the fields that were
 * captured.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodeNtp } from "./ntp.ts";
 * import assert from "node:assert/strict";
 *
 * const cut = new Uint8Array(47);
 * cut[0] = 0x1b; // version 3, client
 * assert.throws(() => decodeNtp(cut), {
 *   message: "Cannot decode NTP header: 48 bytes required, received 47",
 * });
 * ```
 */
export function decodeNtp(data: Uint8Array, offset = 0): Ntp {
  return decodeOne(new Ntp(), data, offset);
}
