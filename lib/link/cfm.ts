/**
 * IEEE 802.1ag Connectivity Fault Management (CFM, EtherType `0x8902`, and `0xabcd` of the
 * drafts), as IEEE 802.1Q-2014 clause 21 lays it out: the common header (MD level, version,
 * OpCode, flags, First TLV Offset), the message of the OpCode (Continuity Check, Linktrace
 * Message and Reply; Loopback has only a transaction ID), then the TLVs.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { formatMac } from "../address.ts";
import { readUint16, readUint32 } from "../_bytes.ts";
import { beginPartialHeader } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The common header's length, up to the message. */
export const CFM_HEADER_LENGTH = 4;
/** A TLV's header: the type and, for every type but End, a 2-byte length. */
export const CFM_TLV_HEADER_LENGTH = 3;

/** The OpCodes that have a message layout. */
export const CfmOpcode = {
  /** Continuity Check Message. */
  CCM: 1,
  /** Loopback Reply. */
  LBR: 2,
  /** Loopback Message. */
  LBM: 3,
  /** Linktrace Reply. */
  LTR: 4,
  /** Linktrace Message. */
  LTM: 5,
} as const;

/** The fixed part of each message that has one: CCM, LTM and LTR. */
export const CfmMessageLength = {
  /** Sequence number, MA end point ID, 48 bytes of names, 16 bytes of ITU-T Y.1731. */
  CCM: 70,
  /** Transaction ID, TTL, original and target MAC addresses. */
  LTM: 17,
  /** Transaction ID, TTL, relay action. */
  LTR: 6,
} as const;

/** The TLV types. */
export const CfmTlvType = {
  /** The end of the TLVs (no length follows). */
  END: 0,
  /** Sender ID: chassis ID and management address. */
  SENDER_ID: 1,
  /** Port Status. */
  PORT_STATUS: 2,
  /** Interface Status. */
  INTERFACE_STATUS: 3,
  /** Data. */
  DATA: 4,
  /** Reply Ingress. */
  REPLY_INGRESS: 5,
  /** Reply Egress. */
  REPLY_EGRESS: 6,
  /** Organization-Specific: an OUI, a subtype, then the value. */
  ORGANIZATION_SPECIFIC: 31,
} as const;

/** The Maintenance Domain name format that means no MD name follows. */
export const CFM_MD_NAME_NONE = 1;
/** Where the names of a CCM start, from the message. */
const CCM_NAMES = 6;

/**
 * A CFM PDU. Every field is read from the bytes when asked for, and is -1 (`""` for an
 * address) when it was not captured: a PDU cut inside its common header is kept as a
 * partial layer (`partial`). The offsets of the message and TLV fields are the packet's.
 *
 * @example Decode a Loopback Message
 * ```ts
 * import { CfmOpcode, decodeCfm } from "./cfm.ts";
 * import assert from "node:assert/strict";
 *
 * const cfm = decodeCfm(new Uint8Array([0xa0, 3, 0, 4, 0, 0, 0, 9, 0]));
 * assert.equal(cfm.mdLevel, 5);
 * assert.equal(cfm.opcode, CfmOpcode.LBM);
 * assert.equal(cfm.transactionId, 9);
 * assert.equal(cfm.tlvType(cfm.tlvOffset), 0);
 * ```
 */
export class Cfm extends LayerBase {
  /** The discriminant. */
  readonly kind = "cfm" as const;
  /** Fewer than the common header's 4 bytes were captured. */
  partial = false;

  /** The Maintenance Domain level (the first byte's high 3 bits). */
  get mdLevel(): number {
    const byte = this.byteAt(this.offset);
    return byte < 0 ? -1 : byte >> 5;
  }

  /** The protocol version (the first byte's low 5 bits). */
  get version(): number {
    const byte = this.byteAt(this.offset);
    return byte < 0 ? -1 : byte & 0x1f;
  }

  /** The OpCode (see {@linkcode CfmOpcode}). */
  get opcode(): number {
    return this.byteAt(this.offset + 1);
  }

  /** The flags, whose meaning depends on the OpCode. */
  get flags(): number {
    return this.byteAt(this.offset + 2);
  }

  /** How far the first TLV lies from the end of the common header. */
  get firstTlvOffset(): number {
    return this.byteAt(this.offset + 3);
  }

  /** Where the message (after the common header) starts. */
  get messageOffset(): number {
    return this.offset + CFM_HEADER_LENGTH;
  }

  /** Where the first TLV starts (by the First TLV Offset), or -1 when not captured. */
  get tlvOffset(): number {
    const first = this.firstTlvOffset;
    return first < 0 ? -1 : this.messageOffset + first;
  }

  /** CCM: the sequence number. */
  get sequenceNumber(): number {
    return this.#u32(this.messageOffset);
  }

  /** CCM: the Maintenance association End Point Identifier. */
  get maEndPointId(): number {
    return this.#u16(this.messageOffset + 4);
  }

  /** CCM: where the 48 bytes of the MD and MA names start. */
  get namesOffset(): number {
    return this.messageOffset + CCM_NAMES;
  }

  /** CCM: the Maintenance Domain name format. */
  get mdNameFormat(): number {
    return this.byteAt(this.namesOffset);
  }

  /** CCM: the MD name's length (-1 when the format says no MD name follows). */
  get mdNameLength(): number {
    return this.mdNameFormat === CFM_MD_NAME_NONE ? -1 : this.byteAt(this.namesOffset + 1);
  }

  /** CCM: where the MD name starts. */
  get mdNameOffset(): number {
    return this.namesOffset + 2;
  }

  /** CCM: where the short MA name's format byte lies, after the MD name (-1 when not captured). */
  get maNameFormatOffset(): number {
    if (this.mdNameFormat === CFM_MD_NAME_NONE) return this.namesOffset + 1;
    const length = this.mdNameLength;
    return length < 0 ? -1 : this.mdNameOffset + length;
  }

  /** CCM: the short MA name's format. */
  get maNameFormat(): number {
    const at = this.maNameFormatOffset;
    return at < 0 ? -1 : this.byteAt(at);
  }

  /** CCM: the short MA name's length. */
  get maNameLength(): number {
    const at = this.maNameFormatOffset;
    return at < 0 ? -1 : this.byteAt(at + 1);
  }

  /** LBM, LBR, LTM, LTR: the transaction ID. */
  get transactionId(): number {
    return this.#u32(this.messageOffset);
  }

  /** LTM, LTR: the TTL. */
  get ttl(): number {
    return this.byteAt(this.messageOffset + 4);
  }

  /** LTR: the relay action. */
  get relayAction(): number {
    return this.byteAt(this.messageOffset + 5);
  }

  /** LTM: the original MAC address. */
  get originalMac(): string {
    return this.#mac(this.messageOffset + 5);
  }

  /** LTM: the target MAC address. */
  get targetMac(): string {
    return this.#mac(this.messageOffset + 11);
  }

  /**
   * A byte of the PDU.
   *
   * @param at The byte's offset in the packet.
   * @returns The byte, or -1 when not captured.
   */
  byteAt(at: number): number {
    return at >= this.offset && at < this.end ? this.data[at]! : -1;
  }

  /**
   * The type of the TLV at `at`.
   *
   * @param at Where the TLV starts in the packet.
   * @returns The type, or -1 when not captured.
   */
  tlvType(at: number): number {
    return this.byteAt(at);
  }

  /**
   * The length of the TLV at `at` (End has none).
   *
   * @param at Where the TLV starts in the packet.
   * @returns The length of its value, or -1 when not captured.
   */
  tlvLength(at: number): number {
    return this.#u16(at + 1);
  }

  /**
   * Decodes the header at `offset`, returning the error instead of throwing. A PDU shorter
   * than its common header is kept as a partial layer.
   */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    return beginPartialHeader(this, data, offset, end, CFM_HEADER_LENGTH);
  }

  /** Picks the decoder of the payload: none, the printer reads the message and TLVs. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's captured fields as a plain object. */
  toJSON(): Record<string, unknown> {
    if (this.partial) return { partial: true, mdLevel: this.mdLevel, version: this.version };
    return {
      mdLevel: this.mdLevel,
      version: this.version,
      opcode: this.opcode,
      flags: this.flags,
      firstTlvOffset: this.firstTlvOffset,
    };
  }

  #u16(at: number): number {
    return at >= this.offset && at + 2 <= this.end ? readUint16(this.data, at) : -1;
  }

  #u32(at: number): number {
    return at >= this.offset && at + 4 <= this.end ? readUint32(this.data, at) : -1;
  }

  #mac(at: number): string {
    return at >= this.offset && at + 6 <= this.end ? formatMac(this.data, at) : "";
  }
}

/**
 * Creates {@linkcode Cfm} layers; bound to EtherTypes `0x8902` and `0xabcd` (the one used
 * before the standard).
 *
 * @example Create a CFM layer
 * ```ts
 * import { cfmDecoder } from "./cfm.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(cfmDecoder.create().kind, "cfm");
 * ```
 */
export const cfmDecoder: ProtocolDescriptor<Cfm> = defineProtocol({
  kind: "cfm",
  name: "CFM",
  tcpdumpName: "cfm",
  create: () => new Cfm(),
  bindings: { etherTypes: [0x8902, 0xabcd] },
});

/**
 * Decodes a CFM PDU.
 *
 * @param data The bytes.
 * @param offset Where it starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than the common header's 4 bytes remain.
 *
 * @example Reject a truncated header
 * ```ts
 * import { decodeCfm } from "./cfm.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeCfm(new Uint8Array(2)), {
 *   message: "Cannot decode CFM header: 4 bytes required, received 2",
 * });
 * ```
 */
export function decodeCfm(data: Uint8Array, offset = 0): Cfm {
  return decodeOne(new Cfm(), data, offset);
}
