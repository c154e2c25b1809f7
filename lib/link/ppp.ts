/**
 * The Point-to-Point Protocol (RFC 1661): the protocol field in front of each datagram,
 * with the HDLC-like address and control bytes (`ff 03`, RFC 1662) when the framing keeps
 * them (PPTP's enhanced GRE, link type PPP).
 *
 * @module
 */

import { LinkType } from "../link_type.ts";
import { EtherType } from "./ethernet.ts";
import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** PPP protocol numbers (the IANA "PPP DLL Protocol Numbers" registry). */
export const PppProtocol = {
  /** Internet Protocol version 4. */
  IPV4: 0x0021,
  /** Internet Protocol version 6. */
  IPV6: 0x0057,
  /** MPLS unicast (RFC 3032). */
  MPLS: 0x0281,
  /** MPLS multicast (RFC 5332). */
  MPLS_MULTICAST: 0x0283,
  /** Internet Protocol Control Protocol (RFC 1332). */
  IPCP: 0x8021,
  /** IPv6 Control Protocol (RFC 5072). */
  IPV6CP: 0x8057,
  /** Compression Control Protocol (RFC 1962). */
  CCP: 0x80fd,
  /** Link Control Protocol (RFC 1661). */
  LCP: 0xc021,
  /** Password Authentication Protocol (RFC 1334). */
  PAP: 0xc023,
  /** Challenge Handshake Authentication Protocol (RFC 1994). */
  CHAP: 0xc223,
} as const;

/** A PPP protocol number named in {@linkcode PppProtocol}. */
export type PppProtocol = typeof PppProtocol[keyof typeof PppProtocol];

/**
 * The PPP control protocols whose packets share the LCP layout (RFC 1661 section 5): a
 * code, an identifier, a length, then data (options for the Configure codes).
 */
const CONTROL_PROTOCOLS: ReadonlySet<number> = new Set([
  0xc021, // LCP
  0x8021, // IPCP
  0x8023, // OSICP
  0x8281, // MPLSCP
  0x8057, // IPV6CP
  0x80fd, // CCP
  0xc02b, // BACP
]);

/** One configuration option of a control protocol packet (RFC 1661 section 6). */
export interface PppOption {
  /** The option type (LCP: 1 MRU, 3 Auth-Protocol, 5 Magic-Number...; IPCP: 3 IP-Address...). */
  readonly type: number;
  /** The length field: type, length and value bytes. */
  readonly length: number;
  /** Offset of the option's type byte in the packet's bytes. */
  readonly offset: number;
  /**
   * The value bytes (a view), cut to the bytes captured: shorter than `length - 2` when the
   * capture or the length field cut it.
   */
  readonly value: Uint8Array;
}

/**
 * How a control packet's option list ended: `complete` (the options fill the encoded
 * length exactly), `short-length` (the last option's length is under 2), `overrun` (the
 * last option's length runs past the encoded length), `cut` (the capture ended before
 * the next option's type and length).
 */
export type PppOptionsEnd = "complete" | "short-length" | "overrun" | "cut";

/** A control protocol packet (LCP, IPCP, IPV6CP, CCP...): RFC 1661 section 5. */
export interface PppControlPacket {
  /** The code: 1 Configure-Request, 2 Configure-Ack... 9 Echo-Request... */
  readonly code: number;
  /** The identifier. */
  readonly identifier: number;
  /** The length field (code to the end of the data), or `undefined` when not captured. */
  readonly length: number | undefined;
  /** Offset of the data after the 4-byte header in the packet's bytes. */
  readonly dataOffset: number;
  /**
   * The options of a Configure-Request, -Ack, -Nak or -Reject, in order (empty for the
   * other codes, and when the length field is under 4 or past the packet).
   */
  readonly options: readonly PppOption[];
  /** How the option list ended (`complete` when there is none). */
  readonly optionsEnd: PppOptionsEnd;
}

/** The EtherType that the registry's EtherType table reads each decoded PPP protocol by. */
const ETHERTYPE_OF: ReadonlyMap<number, number> = new Map([
  [PppProtocol.IPV4, 0x0800],
  [PppProtocol.IPV6, 0x86dd],
  [PppProtocol.MPLS, 0x8847],
  [PppProtocol.MPLS_MULTICAST, 0x8848],
]);

/**
 * A PPP header: the address and control bytes when present, and the protocol (one byte
 * when compressed, RFC 1661 section 6.5: an odd first byte). IPv4 (`0x0021`) and IPv6
 * (`0x0057`) payloads decode through the registry's EtherType table (as `0x0800` and
 * `0x86dd`); the packets of the control protocols (LCP, IPCP, CCP...) are read by
 * {@linkcode Ppp.controlPacket}, with their option lists.
 *
 * @example Decode PPP with address and control in front of IPv4
 * ```ts
 * import { decodePpp } from "./ppp.ts";
 * import assert from "node:assert/strict";
 *
 * const ppp = decodePpp(new Uint8Array([0xff, 0x03, 0x00, 0x21, 0x45]));
 * assert.equal(ppp.address, 0xff);
 * assert.equal(ppp.control, 0x03);
 * assert.equal(ppp.protocol, 0x0021);
 * assert.equal(ppp.headerLength, 4);
 * assert.deepEqual(ppp.payload, new Uint8Array([0x45]));
 * ```
 */
export class Ppp extends LayerBase {
  /** The discriminant. */
  readonly kind = "ppp" as const;
  /** The address byte (`0xff`), or `undefined` when the framing leaves it out. */
  address: number | undefined = undefined;
  /** The control byte (`0x03`), or `undefined` when the framing leaves it out. */
  control: number | undefined = undefined;
  /** The protocol of the payload (`0x0021` IPv4, `0xc021` LCP...). */
  protocol = 0;

  #control: PppControlPacket | undefined = undefined;
  #controlRead = false;

  /** Whether the protocol is a control protocol with LCP's packet layout. */
  get isControl(): boolean {
    return CONTROL_PROTOCOLS.has(this.protocol);
  }

  /**
   * The control protocol packet (LCP, IPCP, IPV6CP, CCP, BACP...) that the payload holds,
   * with its configuration options; `undefined` for other protocols and when fewer than
   * 2 bytes are captured. Built on first use.
   */
  get controlPacket(): PppControlPacket | undefined {
    if (!this.#controlRead) {
      this.#controlRead = true;
      this.#control = this.isControl ? this.#readControl() : undefined;
    }
    return this.#control;
  }

  #readControl(): PppControlPacket | undefined {
    const d = this.data;
    const at = this.offset + this.headerLength;
    const end = this.end;
    if (at + 2 > end) return undefined;
    const code = d[at]!;
    const identifier = d[at + 1]!;
    const length = at + 4 <= end ? (d[at + 2]! << 8) | d[at + 3]! : undefined;
    const options: PppOption[] = [];
    let optionsEnd: PppOptionsEnd = "complete";
    if (length !== undefined && length >= 4 && code >= 1 && code <= 4) {
      const limit = at + length;
      let p = at + 4;
      while (p < limit) {
        if (p + 2 > end) {
          optionsEnd = "cut";
          break;
        }
        const type = d[p]!;
        const size = d[p + 1]!;
        const valueEnd = Math.min(end, p + Math.max(size, 2));
        options.push({ type, length: size, offset: p, value: d.subarray(p + 2, valueEnd) });
        if (size < 2) {
          optionsEnd = "short-length";
          break;
        }
        if (p + size > limit) {
          optionsEnd = "overrun";
          break;
        }
        p += size;
      }
    }
    return { code, identifier, length, dataOffset: at + 4, options, optionsEnd };
  }

  /** Whether the protocol field was compressed to one byte. */
  get protocolCompressed(): boolean {
    const at = this.address === undefined ? this.offset : this.offset + 2;
    return this.offset + this.headerLength - at === 1;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    let at = offset;
    const framed = available >= 2 && data[offset] === 0xff && data[offset + 1] === 0x03;
    if (framed) at += 2;
    if (at >= end) return DecodeError.truncated(this.kind, offset, at - offset + 1, available);
    const first = data[at]!;
    let protocol: number;
    if ((first & 1) === 1) {
      protocol = first;
      at += 1;
    } else {
      if (at + 2 > end) {
        return DecodeError.truncated(this.kind, offset, at - offset + 2, available);
      }
      protocol = (first << 8) | data[at + 1]!;
      at += 2;
    }
    this.data = data;
    this.offset = offset;
    this.headerLength = at - offset;
    this.end = end;
    this.address = framed ? 0xff : undefined;
    this.control = framed ? 0x03 : undefined;
    this.protocol = protocol;
    this.#control = undefined;
    this.#controlRead = false;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    if (this.end <= this.offset + this.headerLength) return undefined;
    const etherType = ETHERTYPE_OF.get(this.protocol);
    return etherType === undefined ? undefined : context.tables.etherTypes.get(etherType);
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const header: Record<string, unknown> = {};
    if (this.address !== undefined) {
      header.address = this.address;
      header.control = this.control;
    }
    header.protocol = this.protocol;
    const control = this.controlPacket;
    if (control !== undefined) {
      header.controlPacket = {
        code: control.code,
        identifier: control.identifier,
        length: control.length,
        options: control.options.map((o) => ({
          type: o.type,
          length: o.length,
          value: Array.from(o.value),
        })),
        optionsEnd: control.optionsEnd,
      };
    }
    return header;
  }
}

/**
 * Creates {@linkcode Ppp} layers; the registry entry for EtherType `0x880b` (PPP in
 * PPTP's GRE), link type PPP (9) and the payload of a PPPoE session.
 *
 * @example Create a PPP layer
 * ```ts
 * import { pppDecoder } from "./ppp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(pppDecoder.create().kind, "ppp");
 * ```
 */
export const pppDecoder: ProtocolDescriptor<Ppp> = defineProtocol({
  kind: "ppp",
  name: "PPP",
  tcpdumpName: "ppp",
  create: () => new Ppp(),
  bindings: { linkTypes: [LinkType.PPP], etherTypes: [EtherType.PPP] },
});

/**
 * Decodes a PPP header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the protocol field is cut short.
 *
 * @example Read a compressed protocol field, and reject a cut-off one
 * ```ts
 * import { decodePpp } from "./ppp.ts";
 * import assert from "node:assert/strict";
 *
 * const ppp = decodePpp(new Uint8Array([0x21, 0x45]));
 * assert.equal(ppp.protocol, 0x21);
 * assert.equal(ppp.address, undefined);
 * assert.equal(ppp.protocolCompressed, true);
 * assert.throws(() => decodePpp(new Uint8Array([0xff, 0x03, 0xc0])), {
 *   message: "Cannot decode PPP header: 4 bytes required, received 3",
 * });
 * ```
 */
export function decodePpp(data: Uint8Array, offset = 0): Ppp {
  return decodeOne(new Ppp(), data, offset);
}
