/**
 * Frame Relay (`LINKTYPE_FRELAY`, 107): a Q.922 address of 2 to 4 bytes (the DLCI and the
 * congestion flags), then either Cisco's encapsulation (an EtherType) or RFC 2427's (a UI
 * control byte, an optional pad byte and an NLPID: IP, IPv6, SNAP, Q.933 LMI, PPP...).
 *
 * @module
 */

import { type Q922Address, readQ922Address } from "./_q922.ts";
import { DecodeError } from "../errors.ts";
import { beginLayer } from "../_begin_layer.ts";
import { readUint16 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { LinkType } from "../link_type.ts";
import { pppDecoder } from "./ppp.ts";
import { q933Decoder } from "./q933.ts";
import { bridgedLinkType, bridgeSkip, snapDecoder, SnapOui } from "./llc.ts";
import { osiDecoder } from "../net/isoclns.ts";

/** Network layer protocol identifiers (ISO/IEC TR 9577) after the control byte. */
export const Nlpid = {
  /** Q.933 (ANSI T1.617 Annex D or ITU-T Q.933 Annex A) link management. */
  Q933: 0x08,
  /** The original (Cisco, "Gang of Four") LMI. */
  LMI: 0x09,
  /** A SNAP header (OUI and protocol identifier) follows. */
  SNAP: 0x80,
  /** ISO CLNP. */
  CLNP: 0x81,
  /** ISO ES-IS. */
  ESIS: 0x82,
  /** IS-IS (the NLPID is the first byte of the IS-IS header: the layer ends before it). */
  ISIS: 0x83,
  /** FRF.15 multilink Frame Relay. */
  MFR: 0xb1,
  /** IPv4. */
  IP: 0xcc,
  /** PPP in Frame Relay (RFC 1973). */
  PPP: 0xcf,
  /** IPv6. */
  IP6: 0x8e,
} as const;

/**
 * The EtherTypes that tcpdump's ethertype_print() prints: after a Q.922 address, one of
 * them means Cisco's encapsulation; anything else is read as RFC 2427's.
 */
const CISCO_ETHERTYPES: ReadonlySet<number> = new Set([
  0x0800,
  0x86dd,
  0x0806,
  0x8035,
  0x6003,
  0x809b,
  0x80f3,
  0x8137,
  0xfefe,
  0x8863,
  0x8864,
  0x3c12,
  0x3c13,
  0x888e,
  0x8899,
  0x880b,
  0x8808,
  0x8809,
  0x8902,
  0xabcd,
  0x88cc,
  0x894f,
  0x9000,
  0x8847,
  0x8848,
  0x88ca,
  0x886f,
  0x0707,
  0x8947,
  0x1111,
  0x88a2,
  0x88f7,
  0x6004,
  0x6007,
  0x6002,
  0x6001,
  0x893a,
]);

/** The Q.922 flag bits as {@linkcode FrameRelay.flags} holds them (tcpdump's layout). */
export const FrameRelayFlag = {
  /** Command/response. */
  CR: 0x02000000,
  /** Discard eligibility. */
  DE: 0x00020000,
  /** Backward explicit congestion notification. */
  BECN: 0x00040000,
  /** Forward explicit congestion notification. */
  FECN: 0x00080000,
  /** The D/C bit of a 3- or 4-byte address (DL-CORE control). */
  SDLC: 0x00000002,
} as const;

/** The Frame Relay decoder's reading of its address (decoding is not reentrant). */
const address: Q922Address = { dlci: 0, length: 0, flags: 0 };

/**
 * A Frame Relay header. The DLCI and flags come from the Q.922 address; the payload is
 * announced by an EtherType (Cisco's encapsulation, `etherType`) or by an NLPID (`nlpid`,
 * with the SNAP header's `oui` and `protocolId` when the NLPID is SNAP). IPv4, IPv6, SNAP
 * with an EtherType, PPP, Q.933 and IS-IS decode on (IS-IS from its NLPID byte, which
 * `headerLength` leaves to it). An address that does not end within 4 bytes
 * decodes with `validAddress` false and nothing after it.
 *
 * @example Decode a frame in Cisco's encapsulation
 * ```ts
 * import { decodeFrameRelay } from "./frame_relay.ts";
 * import assert from "node:assert/strict";
 *
 * const fr = decodeFrameRelay(new Uint8Array([0x18, 0x61, 0x08, 0x00, 0x45]));
 * assert.equal(fr.dlci, 102);
 * assert.equal(fr.addressLength, 2);
 * assert.equal(fr.etherType, 0x0800);
 * assert.equal(fr.headerLength, 4);
 * ```
 */
export class FrameRelay extends LayerBase {
  /** The discriminant. */
  readonly kind = "fr" as const;
  /** Whether the Q.922 address ends within 4 bytes (else nothing else is read). */
  validAddress = true;
  /** The Q.922 address length (2, 3 or 4). */
  addressLength = 0;
  /** The data link connection identifier. */
  dlci = 0;
  /** The address flags, {@linkcode FrameRelayFlag} bits. */
  flags = 0;
  /** The byte after the address: the control field (UI is `0x03`). */
  control = 0;
  /** Cisco's encapsulation: the EtherType after the address; else `undefined`. */
  etherType: number | undefined = undefined;
  /**
   * Cisco's encapsulation was tried and its EtherType is not one tcpdump prints, or it
   * was cut short: the frame was read as RFC 2427's after all (tcpdump's `UI xx!`).
   */
  notCisco = false;
  /** The capture ends after the control byte, before the NLPID: nothing after it is read. */
  partial = false;
  /** Whether a pad byte follows the control byte. */
  pad = false;
  /** The NLPID, or `undefined` in Cisco's encapsulation. */
  nlpid: number | undefined = undefined;
  /** The SNAP OUI after the SNAP NLPID, or `undefined`. */
  oui: number | undefined = undefined;
  /** The SNAP protocol identifier (an EtherType for OUI 0), or `undefined`. */
  protocolId: number | undefined = undefined;
  /**
   * The bytes between the SNAP header and an RFC 2427 bridged frame (fr_print() hands
   * snap_print() no pad: 1 before FDDI, else 0), counted in `headerLength`.
   */
  bridgeSkip = 0;
  /** The capture ends before the byte skipped before a bridged FDDI frame. */
  bridgeCut = false;
  /**
   * After the FRF.15 NLPID, the 2-byte fragmentation header (flags, sequence number and
   * fragmentation model bits); -1 when not captured or another NLPID.
   */
  frf15Header: number = -1;

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    // fr_if_print() wants 4 bytes of a link header; inside FRF.16, fr_print() checks each
    // byte as it reads it.
    const inside = context.mfr !== undefined && context.mfr.offset + 2 === offset;
    const error = beginLayer(this, data, offset, end, inside ? 1 : 4);
    if (error !== undefined) return error;
    this.etherType = undefined;
    this.notCisco = false;
    this.pad = false;
    this.nlpid = undefined;
    this.oui = undefined;
    this.protocolId = undefined;
    this.frf15Header = -1;
    this.bridgeSkip = 0;
    this.bridgeCut = false;
    this.control = 0;
    const status = this.#readAddress(data, offset, end);
    if (status === -1) {
      return DecodeError.truncated(this.kind, offset, this.addressLength + 1, available);
    }
    if (status === 0) {
      this.validAddress = false;
      this.headerLength = 0;
      return undefined;
    }
    this.validAddress = true;
    this.partial = false;
    const at = offset + this.addressLength;
    if (at + 1 > end) return DecodeError.truncated(this.kind, offset, at + 1 - offset, available);
    this.control = data[at]!;
    if (this.control !== 0x03 && this.dlci !== 0) {
      if (at + 2 <= end) {
        const type = (data[at]! << 8) | data[at + 1]!;
        if (CISCO_ETHERTYPES.has(type)) {
          this.etherType = type;
          this.headerLength = this.addressLength + 2;
          return undefined;
        }
      }
      this.notCisco = true;
    }
    // Cut after the control byte: fr_print() has said what it found wrong so far.
    if (at + 2 > end) return this.#cut(at + 2 - offset, available);
    this.pad = data[at + 1] === 0;
    const length = this.addressLength + (this.pad ? 3 : 2);
    if (offset + length > end) return this.#cut(length, available);
    const nlpid = data[offset + length - 1]!;
    this.nlpid = nlpid;
    // The OSI PDUs start with their NLPID: tcpdump hands them on from that byte.
    this.headerLength = osiDecoder(nlpid) !== undefined ? length - 1 : length;
    if (nlpid === Nlpid.MFR && offset + length + 2 <= end) {
      this.frf15Header = readUint16(data, offset + length);
    }
    if (nlpid === Nlpid.SNAP && offset + length + 5 <= end) {
      const s = offset + length;
      this.oui = (data[s]! << 16) | (data[s + 1]! << 8) | data[s + 2]!;
      this.protocolId = (data[s + 3]! << 8) | data[s + 4]!;
      this.headerLength = length + 5;
      const bridged = this.oui === SnapOui.RFC2684 ? bridgedLinkType(this.protocolId) : undefined;
      const skip = bridged === undefined ? 0 : bridgeSkip(bridged, 0);
      if (s + 5 + skip <= end) {
        this.bridgeSkip = skip;
        this.headerLength += skip;
      } else this.bridgeCut = true;
    }
    return undefined;
  }

  /** Keeps the header cut before its NLPID as a partial layer. */
  #cut(required: number, available: number): DecodeError {
    this.partial = true;
    this.headerLength = available;
    return DecodeError.truncated(this.kind, this.offset, required, available, true);
  }

  /** The Q.922 address: 1 when read, 0 when not valid, -1 when the capture cuts it. */
  #readAddress(data: Uint8Array, offset: number, end: number): 1 | 0 | -1 {
    const status = readQ922Address(data, offset, end, address);
    this.addressLength = address.length;
    this.dlci = address.dlci;
    this.flags = address.flags;
    return status;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    if (!this.validAddress) return undefined;
    if (this.etherType !== undefined) return context.tables.etherTypes.get(this.etherType);
    switch (this.nlpid) {
      case Nlpid.IP:
        return context.tables.etherTypes.get(0x0800);
      case Nlpid.IP6:
        return context.tables.etherTypes.get(0x86dd);
      case Nlpid.SNAP:
        // A bridged frame whose skipped byte was not captured is not handed on.
        return this.oui === undefined || this.bridgeCut
          ? undefined
          : snapDecoder(this.oui, this.protocolId!, context);
      case Nlpid.Q933:
        return q933Decoder;
      case Nlpid.PPP:
        return pppDecoder;
    }
    return osiDecoder(this.nlpid);
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      dlci: this.dlci,
      addressLength: this.addressLength,
      flags: this.flags,
      etherType: this.etherType,
      nlpid: this.nlpid,
      oui: this.oui,
      protocolId: this.protocolId,
    };
  }
}

/**
 * Creates {@linkcode FrameRelay} layers; the registry entry for `LinkType.FRELAY`.
 *
 * @example Create a Frame Relay layer
 * ```ts
 * import { frameRelayDecoder } from "./frame_relay.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(frameRelayDecoder.create().kind, "fr");
 * ```
 */
export const frameRelayDecoder: ProtocolDescriptor<FrameRelay> = defineProtocol({
  kind: "fr",
  name: "Frame Relay",
  tcpdumpName: "fr",
  create: () => new FrameRelay(),
  bindings: { linkTypes: [LinkType.FRELAY] },
});

/**
 * Decodes a Frame Relay header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the bytes end inside the header.
 *
 * @example Reject a cut-off frame
 * ```ts
 * import { decodeFrameRelay } from "./frame_relay.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeFrameRelay(new Uint8Array([0x18, 0x61, 0x03])), {
 *   message: "Cannot decode Frame Relay header: 4 bytes required, received 3",
 * });
 * ```
 */
export function decodeFrameRelay(data: Uint8Array, offset = 0): FrameRelay {
  return decodeOne(new FrameRelay(), data, offset);
}
