/**
 * Cisco Discovery Protocol (CDP) messages, carried in SNAP frames (OUI `00-00-0c`,
 * protocol `0x2000`).
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

/** The CDP header: version, TTL, checksum. */
const HEADER_LENGTH = 4;

/** CDP TLV types that wirekit names. */
export const CdpTlvType = {
  /** The device's name. */
  DEVICE_ID: 0x01,
  /** Its network-layer addresses. */
  ADDRESS: 0x02,
  /** The port the message was sent on. */
  PORT_ID: 0x03,
  /** Capability bits. */
  CAPABILITY: 0x04,
  /** The software version text. */
  VERSION: 0x05,
  /** The hardware platform. */
  PLATFORM: 0x06,
  /** IPv4 prefixes (ODR). */
  PREFIXES: 0x07,
  /** Management addresses. */
  MANAGEMENT_ADDRESSES: 0x16,
} as const;

/**
 * What is wrong with a TLV, as tcpdump reports it: the bytes left cannot hold a TLV
 * header (`"short-header"`), its length is below the header's (`"too-short"`), or beyond
 * the message (`"too-long"`).
 */
export type CdpTlvProblem = "short-header" | "too-short" | "too-long";

/** One CDP TLV. The walk stops at the first malformed one, which is the last listed. */
export interface CdpTlv {
  /** The TLV type (the `type` of a `"short-header"` TLV is 0). */
  readonly type: number;
  /** The length field: the TLV with its 4-byte header. */
  readonly length: number;
  /** Where the TLV starts in the packet. */
  readonly offset: number;
  /** Where its value starts. */
  readonly valueOffset: number;
  /** The value's length (length less the header), 0 for a malformed TLV. */
  readonly valueLength: number;
  /** What is wrong with it, if anything. */
  readonly problem?: CdpTlvProblem;
  /** For `"short-header"` and `"too-long"`: the bytes left in the message at the TLV. */
  readonly remaining?: number;
}

/** One address of an Address or Management Addresses TLV. */
export interface CdpAddress {
  /** How many addresses were left to read, this one included (tcpdump prints it). */
  readonly countdown: number;
  /** 4 (NLPID `0xcc`, 4 bytes), 6 (LLC/SNAP IPv6, 16 bytes), else 0. */
  readonly family: 0 | 4 | 6;
  /** The protocol type: 1 NLPID, 2 IEEE 802.2. */
  readonly protocolType: number;
  /** Where the protocol bytes start. */
  readonly protocolOffset: number;
  /** How many protocol bytes. */
  readonly protocolLength: number;
  /** Where the address starts. */
  readonly addressOffset: number;
  /** The address length. */
  readonly addressLength: number;
}

/** The addresses of an address TLV, and what stopped their walk. */
export interface CdpAddressList {
  /** The addresses read. */
  readonly addresses: CdpAddress[];
  /**
   * What was missing when the walk stopped early: `"num"` (the count), `"pt+pl"`,
   * `"p+al"`, `"a"`, as tcpdump names them; `undefined` when all were read.
   */
  readonly missing?: "num" | "pt+pl" | "p+al" | "a";
  /** Bytes left after the last address. */
  readonly stray: number;
}

const IPV6_SNAP = [0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x86, 0xdd];

/**
 * A CDP message: version, TTL and checksum are read when it decodes; the TLVs are walked
 * when asked ({@linkcode Cdp.tlvs}).
 *
 * @example Decode a CDP message with a Device-ID
 * ```ts
 * import { decodeCdp } from "./cdp.ts";
 * import assert from "node:assert/strict";
 *
 * const cdp = decodeCdp(new Uint8Array([2, 180, 0xb0, 0xbd, 0, 1, 0, 6, 0x53, 0x31]));
 * assert.equal(cdp.version, 2);
 * assert.equal(cdp.ttl, 180);
 * assert.equal(cdp.tlvs[0]?.type, 1);
 * assert.equal(cdp.tlvs[0]?.valueLength, 2);
 * ```
 */
export class Cdp extends LayerBase {
  /** The discriminant. */
  readonly kind = "cdp" as const;
  /** The CDP version (1 or 2). */
  version = 0;
  /** How long the receiver keeps the information, in seconds. */
  ttl = 0;
  /** The checksum field (not verified). */
  checksum = 0;
  #tlvs: CdpTlv[] | undefined = undefined;

  /** The TLVs, up to the first malformed one (which is listed with its problem). */
  get tlvs(): CdpTlv[] {
    if (this.#tlvs !== undefined) return this.#tlvs;
    const out: CdpTlv[] = [];
    const d = this.data;
    const end = this.end;
    let at = this.offset + HEADER_LENGTH;
    while (at < end) {
      const remaining = end - at;
      if (remaining < 4) {
        out.push({
          type: 0,
          length: 0,
          offset: at,
          valueOffset: at,
          valueLength: 0,
          problem: "short-header",
          remaining,
        });
        break;
      }
      const type = (d[at]! << 8) | d[at + 1]!;
      const length = (d[at + 2]! << 8) | d[at + 3]!;
      if (length < 4 || length > remaining) {
        const problem = length < 4 ? "too-short" : "too-long";
        out.push({
          type,
          length,
          offset: at,
          valueOffset: at + 4,
          valueLength: 0,
          problem,
          remaining,
        });
        break;
      }
      out.push({ type, length, offset: at, valueOffset: at + 4, valueLength: length - 4 });
      at += length;
    }
    this.#tlvs = out;
    return out;
  }

  /**
   * Reads the address list of an Address or Management Addresses TLV.
   *
   * @param tlv The TLV.
   * @returns The addresses, and what stopped the walk.
   */
  addresses(tlv: CdpTlv): CdpAddressList {
    const d = this.data;
    const addresses: CdpAddress[] = [];
    let p = tlv.valueOffset;
    let left = tlv.valueLength;
    if (left < 4) return { addresses, missing: "num", stray: left };
    let count = ((d[p]! << 24) | (d[p + 1]! << 16) | (d[p + 2]! << 8) | d[p + 3]!) >>> 0;
    p += 4;
    left -= 4;
    while (count > 0) {
      if (left < 2) return { addresses, missing: "pt+pl", stray: left };
      const protocolType = d[p]!;
      const protocolLength = d[p + 1]!;
      p += 2;
      left -= 2;
      if (left < protocolLength + 2) return { addresses, missing: "p+al", stray: left };
      const protocolOffset = p;
      const addressLength = (d[p + protocolLength]! << 8) | d[p + protocolLength + 1]!;
      p += protocolLength + 2;
      left -= protocolLength + 2;
      if (left < addressLength) return { addresses, missing: "a", stray: left };
      let family: 0 | 4 | 6 = 0;
      if (
        protocolType === 1 && protocolLength === 1 && d[protocolOffset] === 0xcc &&
        addressLength === 4
      ) family = 4;
      else if (
        protocolType === 2 && protocolLength === 8 && addressLength === 16 &&
        IPV6_SNAP.every((b, i) => d[protocolOffset + i] === b)
      ) family = 6;
      addresses.push({
        countdown: count,
        family,
        protocolType,
        protocolOffset,
        protocolLength,
        addressOffset: p,
        addressLength,
      });
      p += addressLength;
      left -= addressLength;
      count--;
    }
    return { addresses, stray: left };
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    if (available < HEADER_LENGTH) {
      return DecodeError.truncated(this.kind, offset, HEADER_LENGTH, available);
    }
    this.data = data;
    this.offset = offset;
    this.end = end;
    this.headerLength = available;
    this.version = data[offset]!;
    this.ttl = data[offset + 1]!;
    this.checksum = (data[offset + 2]! << 8) | data[offset + 3]!;
    this.#tlvs = undefined;
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
      ttl: this.ttl,
      checksum: this.checksum,
      tlvs: this.tlvs.map((t) => ({ type: t.type, length: t.length })),
    };
  }
}

/**
 * Creates {@linkcode Cdp} layers; LLC picks it for SNAP OUI `00-00-0c`, protocol `0x2000`.
 *
 * @example Create a CDP layer
 * ```ts
 * import { cdpDecoder } from "./cdp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(cdpDecoder.create().kind, "cdp");
 * ```
 */
export const cdpDecoder: ProtocolDescriptor<Cdp> = defineProtocol({
  kind: "cdp",
  name: "CDP",
  tcpdumpName: "cdp",
  create: () => new Cdp(),
  bindings: {},
});

/**
 * Decodes a CDP message.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 4 bytes remain.
 *
 * @example Reject a truncated message
 * ```ts
 * import { decodeCdp } from "./cdp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeCdp(new Uint8Array(2)), {
 *   message: "Cannot decode CDP header: 4 bytes required, received 2",
 * });
 * ```
 */
export function decodeCdp(data: Uint8Array, offset = 0): Cdp {
  return decodeOne(new Cdp(), data, offset);
}
