/**
 * Precision Time Protocol (IEEE 1588), UDP ports 319 (event) and 320 (general): a
 * 34-byte common header (message type, version, length, domain, flags, correction, source
 * port identity, sequence ID, control, log message interval) and a body by message type.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessage } from "./_wire_length.ts";
import { readUint16, readUint32 } from "../_bytes.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The size of the PTP common header. */
export const PTP_HEADER_LENGTH = 34;

/** PTP message types (the low nibble of the first byte). */
export const PtpMessageType = {
  SYNC: 0x0,
  DELAY_REQ: 0x1,
  PDELAY_REQ: 0x2,
  PDELAY_RESP: 0x3,
  FOLLOW_UP: 0x8,
  DELAY_RESP: 0x9,
  PDELAY_RESP_FOLLOW_UP: 0xa,
  ANNOUNCE: 0xb,
  SIGNALLING: 0xc,
  MANAGEMENT: 0xd,
} as const;

/**
 * A PTP message: the common header's fields, and the body read by offset.
 *
 * @example Read a PTPv2 Sync's header
 * ```ts
 * import { decodePtp } from "./ptp.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(44);
 * bytes.set([0x00, 0x02, 0x00, 0x2c]);
 * const ptp = decodePtp(bytes);
 * assert.equal(ptp.version, 2);
 * assert.equal(ptp.messageLength, 44);
 * ```
 */
export class Ptp extends LayerBase {
  /** The discriminant. */
  readonly kind = "ptp" as const;
  /** The first byte: transport specific (high nibble) and message type (low nibble). */
  firstByte = 0;
  /** The version (the second byte). */
  version = 0;
  /** The message length. */
  messageLength = 0;
  /** The domain number. */
  domain = 0;
  /** The reserved byte after the domain. */
  reserved1 = 0;
  /** The flags. */
  flags = 0;
  /** The correction field's nanoseconds (48 bits). */
  correctionNs = 0;
  /** The correction field's sub-nanoseconds (16 bits). */
  correctionSubNs = 0;
  /** The 4 reserved bytes after the correction. */
  reserved2 = 0;
  /** The source port's port number. */
  portId = 0;
  /** The sequence ID. */
  sequenceId = 0;
  /** The control field (deprecated). */
  control = 0;
  /** The log message interval. */
  logMessageInterval = 0;
  /** The PTP bytes the transport declares. */
  wireLength = 0;

  /** The message type. */
  get messageType(): number {
    return this.firstByte & 0x0f;
  }

  /** The source port's clock identity (64 bits). */
  get clockIdentity(): bigint {
    return this.field(20, 8) ?? 0n;
  }

  /**
   * A big-endian unsigned field of `size` bytes (1 to 8) at `at` bytes into the message,
   * or `undefined` when not captured.
   *
   * @param at The offset in the message.
   * @param size The field's size in bytes.
   * @returns The value.
   */
  field(at: number, size: number): bigint | undefined {
    const from = this.offset + at;
    if (from + size > this.end) return undefined;
    let value = 0n;
    for (let i = 0; i < size; i++) value = (value << 8n) | BigInt(this.data[from + i]!);
    return value;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginMessage(this, data, offset, end, context, PTP_HEADER_LENGTH);
    if (error !== undefined) return error;
    this.headerLength = PTP_HEADER_LENGTH;
    this.firstByte = data[offset]!;
    this.version = data[offset + 1]!;
    this.messageLength = readUint16(data, offset + 2);
    this.domain = data[offset + 4]!;
    this.reserved1 = data[offset + 5]!;
    this.flags = readUint16(data, offset + 6);
    this.correctionNs = readUint16(data, offset + 8) * 2 ** 32 + readUint32(data, offset + 10);
    this.correctionSubNs = readUint16(data, offset + 14);
    this.reserved2 = readUint32(data, offset + 16);
    this.portId = readUint16(data, offset + 28);
    this.sequenceId = readUint16(data, offset + 30);
    this.control = data[offset + 32]!;
    this.logMessageInterval = data[offset + 33]!;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      messageType: this.messageType,
      version: this.version,
      messageLength: this.messageLength,
      domain: this.domain,
      flags: this.flags,
      correctionNs: this.correctionNs,
      clockIdentity: `0x${this.clockIdentity.toString(16)}`,
      portId: this.portId,
      sequenceId: this.sequenceId,
      control: this.control,
      logMessageInterval: this.logMessageInterval,
    };
  }
}

/**
 * Creates {@linkcode Ptp} layers; bound to UDP ports 319 and 320.
 *
 * @example Create a PTP layer
 * ```ts
 * import { ptpDecoder } from "./ptp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ptpDecoder.create().kind, "ptp");
 * ```
 */
export const ptpDecoder: ProtocolDescriptor<Ptp> = defineProtocol({
  kind: "ptp",
  name: "PTP",
  tcpdumpName: "ptp",
  create: () => new Ptp(),
  bindings: { udpPorts: [319, 320] },
});

/**
 * Decodes a PTP message.
 *
 * @param data The bytes.
 * @param offset Where it starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 34 bytes remain.
 *
 * @example Reject a truncated PTP header
 * ```ts
 * import { decodePtp } from "./ptp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodePtp(new Uint8Array(20)), {
 *   message: "Cannot decode PTP header: 34 bytes required, received 20",
 * });
 * ```
 */
export function decodePtp(data: Uint8Array, offset = 0): Ptp {
  return decodeOne(new Ptp(), data, offset);
}
