/**
 * Spanning-tree BPDUs: IEEE 802.1D (STP), 802.1w (RSTP), 802.1s (MSTP) and 802.1aq (SPB),
 * carried over LLC (SAP `0x42`) or Cisco's PVST+ SNAP encapsulation.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
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
const SPB_MIN_LENGTH = 87;

/** One MSTI configuration message of an MST BPDU. */
export interface Msti {
  /** Offset of the message in the packet. */
  readonly offset: number;
  /** The MSTI flags (the same bits as the CIST flags). */
  readonly flags: number;
  /** The MSTI number: the low 12 bits of the regional root identifier's priority. */
  readonly id: number;
  /** The regional root identifier, as `8001.00:11:22:33:44:55`. */
  readonly regionalRootId: string;
  /** The internal root path cost. */
  readonly pathCost: number;
  /** The bridge priority (the high 4 bits of its byte). */
  readonly bridgePriority: number;
  /** The port priority (the high 4 bits of its byte). */
  readonly portPriority: number;
  /** The remaining hops. */
  readonly remainingHops: number;
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
  // A getter of a BPDU cut short may read past the bytes: zeros there rather than a throw.
  return `${hex2(data[at] ?? 0)}${hex2(data[at + 1] ?? 0)}.${formatMac(data, at + 2)}`;
}

/**
 * A spanning-tree BPDU. The four bytes every BPDU has (protocol identifier, version, type)
 * are read when it decodes; the other fields are getters over the bytes, valid when
 * {@linkcode Stp.available} covers them (see the `STP_*_LENGTH` constants).
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
  protocolId = 0;
  /** The protocol version identifier; see {@linkcode StpVersion}. */
  version = 0;
  /** The BPDU type; see {@linkcode StpBpduType}. */
  bpduType = 0;

  /** How many bytes of the BPDU were captured (bounded by the 802.3 length). */
  get available(): number {
    return this.end - this.offset;
  }

  /** The flags (CIST flags of an MST BPDU). */
  get flags(): number {
    return this.data[this.offset + 4]!;
  }

  /** The port role, from the flags (RSTP and MSTP): 0 unknown, 1 alternate/backup, 2 root, 3 designated. */
  get portRole(): number {
    return (this.flags >> 2) & 3;
  }

  /** The root identifier (the CIST root of an MST BPDU). */
  get rootId(): string {
    return formatBridgeId(this.data, this.offset + 5);
  }

  /** The root path cost (the CIST external path cost of an MST BPDU). */
  get rootPathCost(): number {
    return this.#u32(13);
  }

  /** The bridge identifier (the CIST regional root of an MST BPDU). */
  get bridgeId(): string {
    return formatBridgeId(this.data, this.offset + 17);
  }

  /** The port identifier. */
  get portId(): number {
    return this.#u16(25);
  }

  /** The message age, in 1/256 seconds. */
  get messageAge(): number {
    return this.#u16(27);
  }

  /** The maximum age, in 1/256 seconds. */
  get maxAge(): number {
    return this.#u16(29);
  }

  /** The hello time, in 1/256 seconds. */
  get helloTime(): number {
    return this.#u16(31);
  }

  /** The forward delay, in 1/256 seconds. */
  get forwardDelay(): number {
    return this.#u16(33);
  }

  /** The version 1 length (RSTP and later; 0). */
  get v1Length(): number {
    return this.data[this.offset + 35]!;
  }

  /** The version 3 length of an MST BPDU. */
  get v3Length(): number {
    return this.#u16(V3_LENGTH_AT);
  }

  /** The MST configuration name (32 bytes) of an MST BPDU. */
  get mstConfigName(): Uint8Array {
    return this.data.subarray(this.offset + 39, this.offset + 71);
  }

  /** The MST configuration revision level. */
  get mstRevision(): number {
    return this.#u16(71);
  }

  /** The MST configuration digest, 32 hex digits. */
  get mstDigest(): string {
    return this.#hex(73, 16);
  }

  /** The CIST internal root path cost. */
  get cistInternalPathCost(): number {
    return this.#u32(89);
  }

  /** The CIST bridge identifier. */
  get cistBridgeId(): string {
    return formatBridgeId(this.data, this.offset + 93);
  }

  /** The CIST remaining hops. */
  get cistRemainingHops(): number {
    return this.data[this.offset + 101]!;
  }

  /**
   * The MSTI configuration messages that the version 3 length announces (as many as are
   * captured).
   */
  get mstis(): Msti[] {
    const out: Msti[] = [];
    const v3 = this.v3Length;
    if (v3 <= MST_CONFIG_LENGTH) return out;
    const d = this.data;
    let left = v3 - MST_CONFIG_LENGTH;
    for (let at = this.offset + STP_MSTP_MIN_LENGTH; left >= MSTI_LENGTH; at += MSTI_LENGTH) {
      if (at + MSTI_LENGTH > this.end) break;
      out.push({
        offset: at,
        flags: d[at]!,
        id: ((d[at + 1]! << 8) | d[at + 2]!) & 0x0fff,
        regionalRootId: formatBridgeId(d, at + 1),
        pathCost: ((d[at + 9]! << 24) | (d[at + 10]! << 16) | (d[at + 11]! << 8) | d[at + 12]!) >>>
          0,
        bridgePriority: d[at + 13]! >> 4,
        portPriority: d[at + 14]! >> 4,
        remainingHops: d[at + 15]!,
      });
      left -= MSTI_LENGTH;
    }
    return out;
  }

  /** Where SPB's version 4 part starts, relative to the BPDU (after the MST part). */
  get spbOffset(): number {
    return STP_RSTP_LENGTH + this.v3Length + 2;
  }

  /** The SPB version 4 length. */
  get v4Length(): number {
    return this.#u16(this.spbOffset);
  }

  /**
   * Whether the BPDU is long enough for what its version and type announce, as tcpdump
   * checks it against the length on the wire.
   *
   * @param length The BPDU's length on the wire.
   * @returns `false` when tcpdump reports it invalid.
   */
  validFor(length: number): boolean {
    if (length < 4) return false;
    if (this.bpduType === StpBpduType.CONFIG) return length >= STP_CONFIG_LENGTH;
    if (this.bpduType !== StpBpduType.RSTP) return true;
    if (this.version === StpVersion.RSTP) return length >= STP_RSTP_LENGTH;
    if (this.version !== StpVersion.MSTP && this.version !== StpVersion.SPB) return true;
    if (length < STP_MSTP_MIN_LENGTH || this.available < STP_MSTP_MIN_LENGTH) return false;
    if (this.v1Length !== 0) return false;
    const mst = this.v3Length + 2;
    if (length < STP_RSTP_LENGTH + mst) return false;
    if (this.version !== StpVersion.SPB) return true;
    if (this.available < this.spbOffset + 2) return true;
    const spb = this.v4Length + 2;
    return length >= STP_RSTP_LENGTH + mst + spb && spb >= SPB_MIN_LENGTH;
  }

  #u16(at: number): number {
    return readUint16(this.data, this.offset + at);
  }

  #u32(at: number): number {
    return readUint32(this.data, this.offset + at);
  }

  #hex(at: number, length: number): string {
    const start = this.offset + at;
    return encodeHex(this.data.subarray(start, start + length));
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    const error = beginLayer(this, data, offset, end, 4);
    if (error !== undefined) return error;
    this.protocolId = (data[offset]! << 8) | data[offset + 1]!;
    this.version = data[offset + 2]!;
    this.bpduType = data[offset + 3]!;
    // The whole BPDU is the header: nothing follows it.
    this.headerLength = available;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const header: Record<string, unknown> = {
      protocolId: this.protocolId,
      version: this.version,
      bpduType: this.bpduType,
    };
    if (this.available < STP_CONFIG_LENGTH) return header;
    header.flags = this.flags;
    header.rootId = this.rootId;
    header.rootPathCost = this.rootPathCost;
    header.bridgeId = this.bridgeId;
    header.portId = this.portId;
    header.messageAge = this.messageAge;
    header.maxAge = this.maxAge;
    header.helloTime = this.helloTime;
    header.forwardDelay = this.forwardDelay;
    if (this.version >= StpVersion.MSTP && this.available >= STP_MSTP_MIN_LENGTH) {
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
 * @throws {DecodeError} When fewer than 4 bytes remain.
 *
 * @example Reject a truncated BPDU
 * ```ts
 * import { decodeStp } from "./stp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeStp(new Uint8Array(3)), {
 *   message: "Cannot decode STP header: 4 bytes required, received 3",
 * });
 * ```
 */
export function decodeStp(data: Uint8Array, offset = 0): Stp {
  return decodeOne(new Stp(), data, offset);
}
