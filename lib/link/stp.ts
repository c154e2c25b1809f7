/**
 * Spanning-tree BPDUs: IEEE 802.1D (STP), 802.1w (RSTP), 802.1s (MSTP) and 802.1aq (SPB),
 * carried over LLC (SAP `0x42`) or Cisco's PVST+ SNAP encapsulation.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { formatMac } from "../address.ts";
import { readUint16, readUint32 } from "../_bytes.ts";
import { encodeHex, hex2 } from "../_hex.ts";
import { beginLayer } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** Protocol version identifiers of a BPDU. */
export const StpVersion = {
  /** IEEE 802.1D spanning tree. */
  STP: 0,
  /** IEEE 802.1w rapid spanning tree. */
  RSTP: 2,
  /** IEEE 802.1s multiple spanning tree. */
  MSTP: 3,
  /** IEEE 802.1aq shortest path bridging. */
  SPB: 4,
} as const;

/** BPDU types. */
export const StpBpduType = {
  /** Configuration BPDU. */
  CONFIG: 0x00,
  /** RST/MST BPDU. */
  RSTP: 0x02,
  /** Topology change notification. */
  TOPOLOGY_CHANGE: 0x80,
} as const;

/** The length of a configuration BPDU (without RSTP's version 1 length byte). */
export const STP_CONFIG_LENGTH = 35;
/** The length of an RST BPDU. */
export const STP_RSTP_LENGTH = 36;
/** The least length of an MST BPDU (its fixed part). */
export const STP_MSTP_MIN_LENGTH = 102;
/** The offset of an MST BPDU's version 3 length. */
const V3_LENGTH_AT = 36;
/** The length of the MST configuration part counted in the version 3 length. */
const MST_CONFIG_LENGTH = 64;
/** The length of one MSTI configuration message. */
const MSTI_LENGTH = 16;
/** The least length of SPB's version 4 part, its own length field included. */
export const STP_SPB_MIN_LENGTH = 87;

/**
 * One MSTI configuration message of an MST BPDU. A field the capture cut is `undefined`;
 * the first byte (the flags) is always there.
 */
export interface Msti {
  /** Offset of the message in the packet. */
  readonly offset: number;
  /** The MSTI flags (the same bits as the CIST flags). */
  readonly flags: number;
  /** The MSTI number: the low 12 bits of the regional root identifier's priority. */
  readonly id: number | undefined;
  /** The regional root identifier, as `8001.00:11:22:33:44:55`. */
  readonly regionalRootId: string | undefined;
  /** The internal root path cost. */
  readonly pathCost: number | undefined;
  /** The bridge priority (the high 4 bits of its byte). */
  readonly bridgePriority: number | undefined;
  /** The port priority (the high 4 bits of its byte). */
  readonly portPriority: number | undefined;
  /** The remaining hops. */
  readonly remainingHops: number | undefined;
}

/**
 * SPB's version 4 part of an 802.1aq BPDU (after the MST part). A field the capture cut is
 * `undefined`.
 */
export interface SpbPart {
  /** Offset of the part (its version 4 length) in the packet. */
  readonly offset: number;
  /** The version 4 length. */
  readonly v4Length: number | undefined;
  /** The auxiliary MST configuration name: the captured part of its 32 bytes (a view). */
  readonly auxConfigName: Uint8Array;
  /** The auxiliary configuration revision level. */
  readonly auxRevision: number | undefined;
  /** The auxiliary configuration digest, 32 hex digits. */
  readonly auxDigest: string | undefined;
  /** The agreement byte: agreement number, discarded agreement number, flags. */
  readonly agreement: number | undefined;
  /** The agreement digest format identifier (high 4 bits) and capabilities. */
  readonly format: number | undefined;
  /** The agreement digest convention identifier (high 4 bits) and capabilities. */
  readonly convention: number | undefined;
  /** The agreement digest edge count. */
  readonly edgeCount: number | undefined;
  /** The computed topology digest, 40 hex digits. */
  readonly agreementDigest: string | undefined;
}

/**
 * Formats an 8-byte bridge identifier as tcpdump does: the 2-byte priority (with the
 * system ID extension) in hex, a dot and the MAC address.
 *
 * @param data The bytes.
 * @param at Where the identifier starts.
 * @returns The identifier, such as `8001.00:19:06:ea:b8:80`.
 *
 * @example Format a bridge identifier
 * ```ts
 * import { formatBridgeId } from "./stp.ts";
 * import assert from "node:assert/strict";
 *
 * const id = new Uint8Array([0x80, 0x01, 0, 0x19, 0x06, 0xea, 0xb8, 0x80]);
 * assert.equal(formatBridgeId(id, 0), "8001.00:19:06:ea:b8:80");
 * ```
 */
export function formatBridgeId(data: Uint8Array, at: number): string {
  return `${hex2(data[at]!)}${hex2(data[at + 1]!)}.${formatMac(data, at + 2)}`;
}

/**
 * A spanning-tree BPDU. The whole BPDU is the layer; its fields are getters over the bytes,
 * each `undefined` when the capture (or the 802.3 length) ends before it. A BPDU shorter
 * than its version, type and length fields say ({@linkcode Stp.bpduLength}) is kept as a
 * partial layer (see `DecodeError.partial`), down to no byte at all, since tcpdump prints
 * what it holds.
 *
 * @example Decode a configuration BPDU
 * ```ts
 * import { decodeStp } from "./stp.ts";
 * import assert from "node:assert/strict";
 *
 * const bpdu = new Uint8Array(35);
 * bpdu.set([0x80, 0x01, 0, 0x19, 0x06, 0xea, 0xb8, 0x80], 17);
 * bpdu.set([0x80, 0x05, 0, 0, 0x14, 0x00], 25);
 * const stp = decodeStp(bpdu);
 * assert.equal(stp.version, 0);
 * assert.equal(stp.bpduType, 0);
 * assert.equal(stp.bridgeId, "8001.00:19:06:ea:b8:80");
 * assert.equal(stp.portId, 0x8005);
 * assert.equal(stp.maxAge, 0x1400);
 * ```
 */
export class Stp extends LayerBase {
  /** The discriminant. */
  readonly kind = "stp" as const;
  /** The protocol identifier (0 for every known version). */
  protocolId: number | undefined = undefined;
  /** The protocol version identifier; see {@linkcode StpVersion}. */
  version: number | undefined = undefined;
  /** The BPDU type; see {@linkcode StpBpduType}. */
  bpduType: number | undefined = undefined;
  /** The BPDU was cut short (a partial decode): some of its fields are `undefined`. */
  partial = false;

  /** How many bytes of the BPDU were captured (bounded by the 802.3 length). */
  get available(): number {
    return this.end - this.offset;
  }

  /**
   * The BPDU's length by its version, type and the length fields of MST and SPB BPDUs, as
   * far as they were captured (the fixed 4 bytes for a type or version with no body).
   */
  get bpduLength(): number {
    if (this.protocolId !== 0 || this.bpduType === undefined) return 4;
    if (this.bpduType === StpBpduType.CONFIG) return this.#known() ? STP_CONFIG_LENGTH : 4;
    if (this.bpduType !== StpBpduType.RSTP) return 4;
    if (this.version === StpVersion.RSTP) return STP_RSTP_LENGTH;
    if (this.version !== StpVersion.MSTP && this.version !== StpVersion.SPB) return 4;
    const v3 = this.v3Length;
    if (v3 === undefined) return V3_LENGTH_AT + 2;
    const mst = Math.max(STP_MSTP_MIN_LENGTH, V3_LENGTH_AT + 2 + v3);
    if (this.version !== StpVersion.SPB) return mst;
    const v4 = this.v4Length;
    return this.spbOffset! + 2 + (v4 ?? 0);
  }

  /** The flags (CIST flags of an MST BPDU). */
  get flags(): number | undefined {
    return this.#u8(4);
  }

  /** The port role, from the flags (RSTP and MSTP): 0 unknown, 1 alternate/backup, 2 root, 3 designated. */
  get portRole(): number | undefined {
    const flags = this.flags;
    return flags === undefined ? undefined : (flags >> 2) & 3;
  }

  /** The root identifier (the CIST root of an MST BPDU). */
  get rootId(): string | undefined {
    return this.#bridgeId(5);
  }

  /** The root path cost (the CIST external path cost of an MST BPDU). */
  get rootPathCost(): number | undefined {
    return this.#u32(13);
  }

  /** The bridge identifier (the CIST regional root of an MST BPDU). */
  get bridgeId(): string | undefined {
    return this.#bridgeId(17);
  }

  /** The port identifier. */
  get portId(): number | undefined {
    return this.#u16(25);
  }

  /** The message age, in 1/256 seconds. */
  get messageAge(): number | undefined {
    return this.#u16(27);
  }

  /** The maximum age, in 1/256 seconds. */
  get maxAge(): number | undefined {
    return this.#u16(29);
  }

  /** The hello time, in 1/256 seconds. */
  get helloTime(): number | undefined {
    return this.#u16(31);
  }

  /** The forward delay, in 1/256 seconds. */
  get forwardDelay(): number | undefined {
    return this.#u16(33);
  }

  /** The version 1 length (RSTP and later; 0). */
  get v1Length(): number | undefined {
    return this.#u8(35);
  }

  /** The version 3 length of an MST BPDU. */
  get v3Length(): number | undefined {
    return this.#u16(V3_LENGTH_AT);
  }

  /** The MST configuration name of an MST BPDU: the captured part of its 32 bytes (a view). */
  get mstConfigName(): Uint8Array {
    return this.#view(39, 32);
  }

  /** The MST configuration revision level. */
  get mstRevision(): number | undefined {
    return this.#u16(71);
  }

  /** The MST configuration digest, 32 hex digits. */
  get mstDigest(): string | undefined {
    return this.#hex(73, 16);
  }

  /** The CIST internal root path cost. */
  get cistInternalPathCost(): number | undefined {
    return this.#u32(89);
  }

  /** The CIST bridge identifier. */
  get cistBridgeId(): string | undefined {
    return this.#bridgeId(93);
  }

  /** The CIST remaining hops. */
  get cistRemainingHops(): number | undefined {
    return this.#u8(101);
  }

  /** How many MSTI configuration messages the version 3 length announces. */
  get mstiCount(): number | undefined {
    const v3 = this.v3Length;
    if (v3 === undefined) return undefined;
    return v3 <= MST_CONFIG_LENGTH ? 0 : Math.floor((v3 - MST_CONFIG_LENGTH) / MSTI_LENGTH);
  }

  /**
   * The MSTI configuration messages that the version 3 length announces, as many as start
   * within the captured bytes (the last one may be cut: its missing fields are `undefined`).
   */
  get mstis(): Msti[] {
    const out: Msti[] = [];
    const count = this.mstiCount ?? 0;
    for (let i = 0; i < count; i++) {
      const at = STP_MSTP_MIN_LENGTH + i * MSTI_LENGTH;
      const flags = this.#u8(at);
      if (flags === undefined) break;
      const priority = this.#u16(at + 1);
      const bridgePriority = this.#u8(at + 13);
      const portPriority = this.#u8(at + 14);
      out.push({
        offset: this.offset + at,
        flags,
        id: priority === undefined ? undefined : priority & 0x0fff,
        regionalRootId: this.#bridgeId(at + 1),
        pathCost: this.#u32(at + 9),
        bridgePriority: bridgePriority === undefined ? undefined : bridgePriority >> 4,
        portPriority: portPriority === undefined ? undefined : portPriority >> 4,
        remainingHops: this.#u8(at + 15),
      });
    }
    return out;
  }

  /** Where SPB's version 4 part starts, relative to the BPDU (after the MST part). */
  get spbOffset(): number | undefined {
    const v3 = this.v3Length;
    return v3 === undefined ? undefined : V3_LENGTH_AT + 2 + v3;
  }

  /** The SPB version 4 length. */
  get v4Length(): number | undefined {
    const at = this.spbOffset;
    return at === undefined ? undefined : this.#u16(at);
  }

  /** SPB's version 4 part, when the version 3 length that places it was captured. */
  get spb(): SpbPart | undefined {
    const at = this.spbOffset;
    if (at === undefined) return undefined;
    const format = this.#u8(at + 55);
    return {
      offset: this.offset + at,
      v4Length: this.#u16(at),
      auxConfigName: this.#view(at + 3, 32),
      auxRevision: this.#u16(at + 35),
      auxDigest: this.#hex(at + 37, 16),
      agreement: this.#u8(at + 53),
      format,
      convention: this.#u8(at + 56),
      edgeCount: this.#u16(at + 57),
      agreementDigest: this.#hex(at + 67, 20),
    };
  }

  /** Whether the version is one stp_print() knows (the others end it after the version). */
  #known(): boolean {
    const v = this.version;
    return v === StpVersion.STP || v === StpVersion.RSTP || v === StpVersion.MSTP ||
      v === StpVersion.SPB;
  }

  #has(at: number, length: number): boolean {
    return this.offset + at + length <= this.end;
  }

  #u8(at: number): number | undefined {
    return this.#has(at, 1) ? this.data[this.offset + at]! : undefined;
  }

  #u16(at: number): number | undefined {
    return this.#has(at, 2) ? readUint16(this.data, this.offset + at) : undefined;
  }

  #u32(at: number): number | undefined {
    return this.#has(at, 4) ? readUint32(this.data, this.offset + at) : undefined;
  }

  #bridgeId(at: number): string | undefined {
    return this.#has(at, 8) ? formatBridgeId(this.data, this.offset + at) : undefined;
  }

  #hex(at: number, length: number): string | undefined {
    if (!this.#has(at, length)) return undefined;
    const start = this.offset + at;
    return encodeHex(this.data.subarray(start, start + length));
  }

  #view(at: number, length: number): Uint8Array {
    const start = Math.min(this.offset + at, this.end);
    return this.data.subarray(start, Math.min(start + length, this.end));
  }

  /** Decodes the BPDU at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    this.partial = false;
    const error = beginLayer(this, data, offset, end, 0);
    if (error !== undefined) return error;
    const available = end - offset;
    this.protocolId = this.#u16(0);
    this.version = this.#u8(2);
    this.bpduType = this.#u8(3);
    // The whole BPDU is the layer: nothing follows it.
    this.headerLength = available;
    const length = this.bpduLength;
    if (available >= length) return undefined;
    // A BPDU cut short keeps what it holds (tcpdump prints it, field by field).
    this.partial = true;
    return DecodeError.truncated(this.kind, offset, length, available, true);
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the captured fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const header: Record<string, unknown> = {
      protocolId: this.protocolId,
      version: this.version,
      bpduType: this.bpduType,
      flags: this.flags,
      rootId: this.rootId,
      rootPathCost: this.rootPathCost,
      bridgeId: this.bridgeId,
      portId: this.portId,
      messageAge: this.messageAge,
      maxAge: this.maxAge,
      helloTime: this.helloTime,
      forwardDelay: this.forwardDelay,
    };
    if (this.version === StpVersion.MSTP || this.version === StpVersion.SPB) {
      header.v3Length = this.v3Length;
      header.cistBridgeId = this.cistBridgeId;
      header.mstis = this.mstis.map(({ offset: _, ...msti }) => msti);
    }
    return header;
  }
}

/**
 * Creates {@linkcode Stp} layers; LLC picks it for SAP `0x42` and for PVST+ SNAP frames.
 *
 * @example Create an STP layer
 * ```ts
 * import { stpDecoder } from "./stp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(stpDecoder.create().kind, "stp");
 * ```
 */
export const stpDecoder: ProtocolDescriptor<Stp> = defineProtocol({
  kind: "stp",
  name: "STP",
  tcpdumpName: "stp",
  create: () => new Stp(),
  bindings: {},
});

/**
 * Decodes a spanning-tree BPDU.
 *
 * @param data The bytes.
 * @param offset Where the BPDU starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the BPDU is shorter than its version, type and length fields
 * say (see {@linkcode Stp.bpduLength}).
 *
 * @example Reject a truncated BPDU
 * ```ts
 * import { decodeStp } from "./stp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeStp(new Uint8Array(3)), {
 *   message: "Cannot decode STP header: 4 bytes required, received 3",
 * });
 * assert.throws(() => decodeStp(new Uint8Array(20)), {
 *   message: "Cannot decode STP header: 35 bytes required, received 20",
 * });
 * ```
 */
export function decodeStp(data: Uint8Array, offset = 0): Stp {
  return decodeOne(new Stp(), data, offset);
}
