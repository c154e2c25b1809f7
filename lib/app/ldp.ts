/**
 * Label Distribution Protocol (RFC 5036), TCP and UDP port 646: PDUs of a 10-byte common
 * header (version, PDU length, LSR ID, label space) and messages of TLVs.
 *
 * @module
 */

import { formatIpv4 } from "../address.ts";
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

/** The size of an LDP PDU's common header. */
export const LDP_HEADER_LENGTH = 10;

/** An LDP message header (type, length, ID) as read at an offset. */
export interface LdpMessage {
  /** Where the message starts. */
  readonly offset: number;
  /** The type (15 bits). */
  readonly type: number;
  /** The U (unknown) bit. */
  readonly unknownBit: boolean;
  /** The length after the type and length fields. */
  readonly length: number;
  /** The message ID. */
  readonly id: number;
}

/** An LDP TLV header as read at an offset. */
export interface LdpTlv {
  /** Where the TLV starts. */
  readonly offset: number;
  /** The type (14 bits). */
  readonly type: number;
  /** The U (unknown) bit. */
  readonly unknownBit: boolean;
  /** The F (forward) bit. */
  readonly forwardBit: boolean;
  /** The value's length. */
  readonly length: number;
}

/**
 * An LDP PDU (the first of a segment; {@linkcode Ldp.pduAt} reads the others).
 *
 * @example Read an LDP Hello's header
 * ```ts
 * import { decodeLdp } from "./ldp.ts";
 * import assert from "node:assert/strict";
 *
 * const ldp = decodeLdp(new Uint8Array([0, 1, 0, 6, 10, 0, 0, 6, 0, 0]));
 * assert.equal(ldp.lsrId, "10.0.0.6");
 * assert.equal(ldp.pduLength, 6);
 * ```
 */
export class Ldp extends LayerBase {
  /** The discriminant. */
  readonly kind = "ldp" as const;
  /** The version (1). */
  version = 0;
  /** The PDU length, after the version and length fields. */
  pduLength = 0;
  /** The label space. */
  labelSpace = 0;
  /** The LDP bytes the transport declares (all PDUs of the segment). */
  wireLength = 0;

  /** The LSR ID. */
  get lsrId(): string {
    return formatIpv4(this.data, this.offset + 4);
  }

  /**
   * The PDU common header at `at`, or `undefined` when it was not captured.
   *
   * @param at Where a PDU starts.
   * @returns Its version, length, LSR ID and label space.
   */
  pduAt(
    at: number,
  ): { version: number; pduLength: number; lsrId: string; labelSpace: number } | undefined {
    const d = this.data;
    if (at + LDP_HEADER_LENGTH > this.end) return undefined;
    return {
      version: (d[at]! << 8) | d[at + 1]!,
      pduLength: (d[at + 2]! << 8) | d[at + 3]!,
      lsrId: formatIpv4(d, at + 4),
      labelSpace: (d[at + 8]! << 8) | d[at + 9]!,
    };
  }

  /**
   * The message header at `at`, or `undefined` when its 8 bytes were not captured.
   *
   * @param at Where a message starts.
   * @returns The header.
   */
  messageAt(at: number): LdpMessage | undefined {
    const d = this.data;
    if (at + 8 > this.end) return undefined;
    const word = (d[at]! << 8) | d[at + 1]!;
    return {
      offset: at,
      type: word & 0x7fff,
      unknownBit: (word & 0x8000) !== 0,
      length: (d[at + 2]! << 8) | d[at + 3]!,
      id: ((d[at + 4]! << 24) | (d[at + 5]! << 16) | (d[at + 6]! << 8) | d[at + 7]!) >>> 0,
    };
  }

  /**
   * The TLV header at `at`, or `undefined` when its 4 bytes were not captured.
   *
   * @param at Where a TLV starts.
   * @returns The header.
   */
  tlvAt(at: number): LdpTlv | undefined {
    const d = this.data;
    if (at + 4 > this.end) return undefined;
    const word = (d[at]! << 8) | d[at + 1]!;
    return {
      offset: at,
      type: word & 0x3fff,
      unknownBit: (word & 0x8000) !== 0,
      forwardBit: (word & 0x4000) !== 0,
      length: (d[at + 2]! << 8) | d[at + 3]!,
    };
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginMessage(this, data, offset, end, context, LDP_HEADER_LENGTH);
    if (error !== undefined) return error;
    this.headerLength = LDP_HEADER_LENGTH;
    this.version = (data[offset]! << 8) | data[offset + 1]!;
    this.pduLength = (data[offset + 2]! << 8) | data[offset + 3]!;
    this.labelSpace = (data[offset + 8]! << 8) | data[offset + 9]!;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      version: this.version,
      pduLength: this.pduLength,
      lsrId: this.lsrId,
      labelSpace: this.labelSpace,
    };
  }
}

/**
 * Creates {@linkcode Ldp} layers; bound to TCP and UDP port 646.
 *
 * @example Create an LDP layer
 * ```ts
 * import { ldpDecoder } from "./ldp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ldpDecoder.create().kind, "ldp");
 * ```
 */
export const ldpDecoder: ProtocolDescriptor<Ldp> = defineProtocol({
  kind: "ldp",
  name: "LDP",
  tcpdumpName: "ldp",
  create: () => new Ldp(),
  bindings: { tcpPorts: [646], udpPorts: [646] },
});

/**
 * Decodes an LDP PDU.
 *
 * @param data The bytes.
 * @param offset Where it starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 10 bytes remain.
 *
 * @example Reject a truncated LDP PDU
 * ```ts
 * import { decodeLdp } from "./ldp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeLdp(new Uint8Array(4)), {
 *   message: "Cannot decode LDP header: 10 bytes required, received 4",
 * });
 * ```
 */
export function decodeLdp(data: Uint8Array, offset = 0): Ldp {
  return decodeOne(new Ldp(), data, offset);
}
