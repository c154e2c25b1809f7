/**
 * Precision Time Protocol (IEEE 1588), over Ethernet (EtherType 0x88f7) and UDP ports 319
 * (event) and 320 (general): a 34-byte common header (message type, version, length,
 * domain, flags, correction, source port identity, sequence ID, control, log message
 * interval) and a body by message type.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessage, capturedEnd } from "./_wire_length.ts";
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
 * A PTP message: the common header's fields, and the body read by offset. A message that
 * the capture cuts inside the common header is kept as a partial layer (`partial`), as
 * tcpdump prints the fields it could read; a field not captured reads as -1.
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
  /** Fewer than the common header's 34 bytes were captured. */
  partial = false;
  /**
   * Where the captured bytes end: over UDP the IP packet's captured end (tcpdump's
   * snapend), which may lie past the UDP length.
   */
  captured = 0;
  /** Whether the message is a UDP payload (else an Ethernet frame's, EtherType 0x88f7). */
  overUdp = false;
  /** The PTP bytes the transport declares (over UDP; the captured bytes otherwise). */
  wireLength = 0;

  /** The first byte: transport specific (high nibble) and message type (low nibble). */
  get firstByte(): number {
    return this.#uint(0, 1);
  }

  /** The message type (the first byte's low nibble). */
  get messageType(): number {
    const first = this.firstByte;
    return first < 0 ? -1 : first & 0x0f;
  }

  /** The version (the second byte, with the minor version's nibble). */
  get version(): number {
    return this.#uint(1, 1);
  }

  /** The message length. */
  get messageLength(): number {
    return this.#uint(2, 2);
  }

  /** The domain number. */
  get domain(): number {
    return this.#uint(4, 1);
  }

  /** The reserved byte after the domain. */
  get reserved1(): number {
    return this.#uint(5, 1);
  }

  /** The flags. */
  get flags(): number {
    return this.#uint(6, 2);
  }

  /** The correction field's nanoseconds (48 bits). */
  get correctionNs(): number {
    return this.#uint(8, 6);
  }

  /** The correction field's sub-nanoseconds (16 bits). */
  get correctionSubNs(): number {
    return this.#uint(14, 2);
  }

  /** The 4 reserved bytes after the correction. */
  get reserved2(): number {
    return this.#uint(16, 4);
  }

  /** The source port's clock identity (64 bits), `undefined` when not captured. */
  get clockIdentity(): bigint | undefined {
    return this.field(20, 8);
  }

  /** The source port's port number. */
  get portId(): number {
    return this.#uint(28, 2);
  }

  /** The sequence ID. */
  get sequenceId(): number {
    return this.#uint(30, 2);
  }

  /** The control field (deprecated). */
  get control(): number {
    return this.#uint(32, 1);
  }

  /** The log message interval. */
  get logMessageInterval(): number {
    return this.#uint(33, 1);
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
    if (from + size > this.captured) return undefined;
    let value = 0n;
    for (let i = 0; i < size; i++) value = (value << 8n) | BigInt(this.data[from + i]!);
    return value;
  }

  /** A header field of up to 6 bytes as a number, -1 when not captured. */
  #uint(at: number, size: number): number {
    const from = this.offset + at;
    if (from + size > this.captured) return -1;
    let value = 0;
    for (let i = 0; i < size; i++) value = value * 256 + this.data[from + i]!;
    return value;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginMessage(this, data, offset, end, context, 0);
    if (error !== undefined) return error;
    // Over UDP tcpdump reads up to the IP packet's captured end, not the UDP length's.
    const transport = context.transport;
    this.overUdp = transport?.kind === "udp" && transport.offset + 8 === offset;
    this.captured = this.overUdp ? capturedEnd(context, end) : end;
    const available = this.captured - offset;
    this.partial = available < PTP_HEADER_LENGTH;
    // The layer's bytes end at the UDP length; the reads may go past it up to `captured`.
    this.headerLength = Math.min(available, end - offset, PTP_HEADER_LENGTH);
    return this.partial
      ? DecodeError.truncated(this.kind, offset, PTP_HEADER_LENGTH, available, true)
      : undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const clock = this.clockIdentity;
    return {
      messageType: this.messageType,
      version: this.version,
      messageLength: this.messageLength,
      domain: this.domain,
      flags: this.flags,
      correctionNs: this.correctionNs,
      clockIdentity: clock === undefined ? undefined : `0x${clock.toString(16)}`,
      portId: this.portId,
      sequenceId: this.sequenceId,
      control: this.control,
      logMessageInterval: this.logMessageInterval,
    };
  }
}

/**
 * Creates {@linkcode Ptp} layers; bound to EtherType 0x88f7 and UDP ports 319 and 320.
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
  bindings: { etherTypes: [0x88f7], udpPorts: [319, 320] },
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
