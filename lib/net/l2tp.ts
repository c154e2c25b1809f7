/**
 * The Layer Two Tunneling Protocol, version 2 (RFC 2661): PPP frames and control messages
 * over UDP port 1701. Data messages decode on to the PPP frame they carry; control
 * messages hold a list of attribute-value pairs (AVPs).
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { EtherType } from "../link/ethernet.ts";
import { wireLength } from "../app/_wire_length.ts";

/** The UDP port of L2TP (RFC 2661). */
export const L2TP_PORT = 1701;

/** The bits of L2TP's first 16-bit word. */
export const L2tpFlag = {
  /** T: a control message (else a data message). */
  TYPE: 0x8000,
  /** L: the length field is present. */
  LENGTH: 0x4000,
  /** S: the Ns and Nr fields are present. */
  SEQUENCE: 0x0800,
  /** O: the offset size field is present. */
  OFFSET: 0x0200,
  /** P: priority treatment. */
  PRIORITY: 0x0100,
  /** The 4 bits of the version: 2 for L2TP, 1 for L2F. */
  VERSION_MASK: 0x000f,
} as const;

/** One attribute-value pair of a control message (RFC 2661 section 4.1). */
export interface L2tpAvp {
  /** Where the AVP starts in the packet's bytes. */
  offset: number;
  /** The M bit: the receiver must understand the attribute. */
  mandatory: boolean;
  /** The H bit: the value is hidden (encrypted). */
  hidden: boolean;
  /** The AVP's length in bytes, its 6-byte header included (10 bits). */
  length: number;
  /** The vendor ID (0 for the IETF's attributes). */
  vendorId: number;
  /** The attribute type. */
  attributeType: number;
  /** The value (a view). */
  value: Uint8Array;
}

/**
 * An L2TP version 2 header (or, for another version, its first word only). Optional
 * fields that the flags leave out are `undefined`.
 *
 * @example Decode a data message in front of a PPP frame
 * ```ts
 * import { decodeL2tp } from "./l2tp.ts";
 * import assert from "node:assert/strict";
 *
 * // No flags, version 2, tunnel 1527, session 8298; then PPP (ff 03 c0 21 ...).
 * const l2tp = decodeL2tp(new Uint8Array([0x00, 0x02, 0x05, 0xf7, 0x20, 0x6a, 0xff, 0x03]));
 * assert.equal(l2tp.version, 2);
 * assert.equal(l2tp.control, false);
 * assert.equal(l2tp.tunnelId, 1527);
 * assert.equal(l2tp.sessionId, 8298);
 * assert.equal(l2tp.headerLength, 6);
 * ```
 */
export class L2tp extends LayerBase {
  /** The discriminant. */
  readonly kind = "l2tp" as const;
  /** The first 16-bit word: the flags and the version. */
  flagsAndVersion = 0;
  /** The version: 2 (L2TP); a header of another version is not read further. */
  version = 0;
  /** The length field (when the L bit is set). */
  length: number | undefined = undefined;
  /** The tunnel ID. */
  tunnelId = 0;
  /** The session ID. */
  sessionId = 0;
  /** Ns, the sequence number (when the S bit is set). */
  ns: number | undefined = undefined;
  /** Nr, the next sequence number expected (when the S bit is set). */
  nr: number | undefined = undefined;
  /** The offset size: padding bytes before the payload (when the O bit is set). */
  offsetSize: number | undefined = undefined;
  /**
   * The length of the UDP payload on the wire, from the UDP and IP length fields; the
   * captured bytes when no header says.
   */
  wireLength = 0;
  #avps: L2tpAvp[] | undefined = undefined;
  #avpsMalformed = false;

  /** Whether this is a control message (T). */
  get control(): boolean {
    return (this.flagsAndVersion & L2tpFlag.TYPE) !== 0;
  }

  /** Whether the priority bit (P) is set. */
  get priority(): boolean {
    return (this.flagsAndVersion & L2tpFlag.PRIORITY) !== 0;
  }

  /**
   * The AVPs of a control message, up to the message's end (read when first asked); empty
   * for a data message and for a control message without any (a ZLB acknowledgment).
   */
  get avps(): readonly L2tpAvp[] {
    this.#readAvps();
    return this.#avps!;
  }

  /**
   * Whether the AVP list ends in an AVP that does not fit: a length under 6 bytes, past
   * the message's end, or past the captured bytes.
   */
  get avpsMalformed(): boolean {
    this.#readAvps();
    return this.#avpsMalformed;
  }

  #readAvps(): void {
    if (this.#avps !== undefined) return;
    const avps: L2tpAvp[] = [];
    let malformed = false;
    if (this.control && this.version === 2) {
      const d = this.data;
      const end = this.#messageEnd();
      let at = this.offset + this.headerLength;
      while (at < end) {
        if (at + 2 > this.end) {
          malformed = true;
          break;
        }
        const word = (d[at]! << 8) | d[at + 1]!;
        const length = word & 0x03ff;
        if (length < 6 || at + length > end || at + length > this.end) {
          malformed = true;
          break;
        }
        avps.push({
          offset: at,
          mandatory: (word & 0x8000) !== 0,
          hidden: (word & 0x4000) !== 0,
          length,
          vendorId: (d[at + 2]! << 8) | d[at + 3]!,
          attributeType: (d[at + 4]! << 8) | d[at + 5]!,
          value: d.subarray(at + 6, at + length),
        });
        at += length;
      }
    }
    this.#avps = avps;
    this.#avpsMalformed = malformed;
  }

  /** Where the message ends by its length field, else by the bytes given. */
  #messageEnd(): number {
    return this.length === undefined ? this.end : this.offset + this.length;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    if (available < 2) return DecodeError.truncated(this.kind, offset, 2, available);
    const word = (data[offset]! << 8) | data[offset + 1]!;
    const version = word & L2tpFlag.VERSION_MASK;
    let length = 2;
    if (version === 2) {
      length = 6;
      if ((word & L2tpFlag.LENGTH) !== 0) length += 2;
      if ((word & L2tpFlag.SEQUENCE) !== 0) length += 4;
      if ((word & L2tpFlag.OFFSET) !== 0) length += 2;
      if (available < length) return DecodeError.truncated(this.kind, offset, length, available);
    }
    let at = offset + 2;
    const u16 = () => {
      const value = (data[at]! << 8) | data[at + 1]!;
      at += 2;
      return value;
    };
    this.length = undefined;
    this.ns = undefined;
    this.nr = undefined;
    this.offsetSize = undefined;
    this.tunnelId = 0;
    this.sessionId = 0;
    if (version === 2) {
      if ((word & L2tpFlag.LENGTH) !== 0) this.length = u16();
      this.tunnelId = u16();
      this.sessionId = u16();
      if ((word & L2tpFlag.SEQUENCE) !== 0) {
        this.ns = u16();
        this.nr = u16();
      }
      if ((word & L2tpFlag.OFFSET) !== 0) {
        const size = u16();
        if (available < length + size) {
          return DecodeError.truncated(this.kind, offset, length + size, available);
        }
        this.offsetSize = size;
        length += size;
      }
    }
    this.data = data;
    this.offset = offset;
    this.headerLength = length;
    // The length field bounds the message (padding may follow it in the datagram).
    const declared = this.length;
    this.end = declared !== undefined && declared >= length && offset + declared < end
      ? offset + declared
      : end;
    this.flagsAndVersion = word;
    this.version = version;
    this.wireLength = wireLength(context, offset, available);
    this.#avps = undefined;
    this.#avpsMalformed = false;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    if (this.version !== 2 || this.control) return undefined;
    if (Math.min(this.end, this.#messageEnd()) <= this.offset + this.headerLength) {
      return undefined;
    }
    return context.tables.etherTypes.get(EtherType.PPP);
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const header: Record<string, unknown> = {
      flags: {
        control: this.control,
        length: this.length !== undefined,
        sequence: this.ns !== undefined,
        offset: this.offsetSize !== undefined,
        priority: this.priority,
      },
      version: this.version,
    };
    if (this.version !== 2) return header;
    if (this.length !== undefined) header.length = this.length;
    header.tunnelId = this.tunnelId;
    header.sessionId = this.sessionId;
    if (this.ns !== undefined) {
      header.ns = this.ns;
      header.nr = this.nr;
    }
    if (this.offsetSize !== undefined) header.offsetSize = this.offsetSize;
    if (this.control) {
      header.avps = this.avps.map((avp) => ({
        mandatory: avp.mandatory,
        hidden: avp.hidden,
        length: avp.length,
        vendorId: avp.vendorId,
        attributeType: avp.attributeType,
        value: Array.from(avp.value),
      }));
      if (this.avpsMalformed) header.avpsMalformed = true;
    }
    return header;
  }
}

/**
 * Creates {@linkcode L2tp} layers; the registry entry for UDP port 1701.
 *
 * @example Create an L2TP layer
 * ```ts
 * import { l2tpDecoder } from "./l2tp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(l2tpDecoder.create().kind, "l2tp");
 * assert.deepEqual(l2tpDecoder.bindings.udpPorts, [1701]);
 * ```
 */
export const l2tpDecoder: ProtocolDescriptor<L2tp> = defineProtocol({
  kind: "l2tp",
  name: "L2TP",
  tcpdumpName: "l2tp",
  create: () => new L2tp(),
  bindings: { udpPorts: [L2TP_PORT] },
});

/**
 * Decodes an L2TP header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header (or its offset padding) is cut short.
 *
 * @example Read a control message's AVPs
 * ```ts
 * import { decodeL2tp } from "./l2tp.ts";
 * import assert from "node:assert/strict";
 *
 * // T, L and S bits, length 20, tunnel 1527, session 0, Ns 15, Nr 2; a Message Type AVP
 * // (mandatory, 8 bytes, attribute 0) of value 6 (HELLO).
 * const l2tp = decodeL2tp(new Uint8Array([
 *   0xc8, 0x02, 0, 20, 0x05, 0xf7, 0, 0, 0, 15, 0, 2,
 *   0x80, 0x08, 0, 0, 0, 0, 0, 6,
 * ]));
 * assert.equal(l2tp.control, true);
 * assert.equal(l2tp.ns, 15);
 * assert.equal(l2tp.avps.length, 1);
 * assert.equal(l2tp.avps[0]?.mandatory, true);
 * assert.deepEqual(l2tp.avps[0]?.value, new Uint8Array([0, 6]));
 * ```
 */
export function decodeL2tp(data: Uint8Array, offset = 0): L2tp {
  return decodeOne(new L2tp(), data, offset);
}
