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
import { type DecodeContext, defineProtocol, type ProtocolDescriptor } from "../layer.ts";
import { PppFrame } from "./ppp_hdlc.ts";

export type { PppControlPacket, PppOption, PppOptionsEnd } from "./ppp_hdlc.ts";

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
 * A PPP header: the address and control bytes when present, and the protocol (one byte
 * when compressed, RFC 1661 section 6.5: an odd first byte). IPv4 (`0x0021`) and IPv6
 * (`0x0057`) payloads decode through the registry's EtherType table (as `0x0800` and
 * `0x86dd`); the packets of the control protocols (LCP, IPCP, CCP...) are read by
 * {@linkcode Ppp.controlPacket}, with their option lists. A protocol whose high byte is
 * `0x7e` ends the header before its low byte, where an octet-stuffed frame starts
 * (`PppHdlc`).
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
export class Ppp extends PppFrame {
  /** The discriminant. */
  readonly kind = "ppp" as const;
  /** The address byte (`0xff`), or `undefined` when the framing leaves it out. */
  address: number | undefined = undefined;
  /** The control byte (`0x03`), or `undefined` when the framing leaves it out. */
  control: number | undefined = undefined;

  #compressed = false;

  /** Whether the protocol field was compressed to one byte. */
  get protocolCompressed(): boolean {
    return this.#compressed;
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
    this.end = end;
    this.address = framed ? 0xff : undefined;
    this.control = framed ? 0x03 : undefined;
    this.protocol = protocol;
    this.#compressed = (first & 1) === 1;
    // A stuffed frame starts at the protocol's low byte.
    this.headerLength = at - offset - (this.stuffed ? 1 : 0);
    this.resetControl();
    return undefined;
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
