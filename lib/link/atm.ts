/**
 * The ATM link types: SunATM (`LINKTYPE_SUNATM`, 123: a 4-byte pseudo-header with the
 * direction, traffic type, VPI and VCI), RFC 1483 LLC-encapsulated ATM
 * (`LINKTYPE_ATM_RFC1483`, 100) and Linux Classical IP over ATM (`LINKTYPE_ATM_CLIP`, 106),
 * as tcpdump's sunatm_if_print(), atm_if_print() and cip_if_print() read them.
 *
 * @module
 */

import { LinkType } from "../link_type.ts";
import { DecodeError } from "../errors.ts";
import { beginPartialHeader } from "../_begin_layer.ts";
import { readUint16 } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { llcDecoder } from "./llc.ts";
import { laneDecoder } from "./lane.ts";
import { atmSignallingDecoder, oamCellDecoder } from "./atm_cells.ts";
import { isoclnsDecoder } from "../net/isoclns.ts";
import { snmpDecoder } from "../app/snmp.ts";

/**
 * The reserved VCIs of VPI 0 that tcpdump's atm_print() recognizes (UNI 3.1).
 *
 * @example Recognize a signalling PDU
 * ```ts
 * import { AtmVci } from "./atm.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(AtmVci.SIGNALLING, 5);
 * ```
 */
export const AtmVci = {
  /** Meta-signalling. */
  META_SIGNALLING: 1,
  /** Broadcast signalling. */
  BROADCAST_SIGNALLING: 2,
  /** Segment OAM F4 flow cells. */
  OAM_F4_SEGMENT: 3,
  /** End-to-end OAM F4 flow cells. */
  OAM_F4_END_TO_END: 4,
  /** Point-to-point signalling (Q.2931 over SSCOP). */
  SIGNALLING: 5,
  /** ILMI (SNMP). */
  ILMI: 16,
} as const;

/**
 * The traffic types of a SunATM header's low nibble; other values are unknown traffic,
 * which tcpdump prints as LLC.
 *
 * @example Read a header's traffic type
 * ```ts
 * import { decodeSunAtm, SunAtmTraffic } from "./atm.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decodeSunAtm(new Uint8Array([0x82, 0, 0, 32])).trafficType, SunAtmTraffic.LLC);
 * ```
 */
export const SunAtmTraffic = {
  /** LAN Emulation. */
  LANE: 1,
  /** RFC 1483 LLC encapsulation. */
  LLC: 2,
} as const;

/**
 * A SunATM pseudo-header: a flags byte (0x80 transmitted, the low nibble the traffic type),
 * the VPI and the 2-byte VCI. VPI 0's reserved VCIs carry signalling, OAM cells or ILMI;
 * other circuits LANE or LLC. A header cut short is kept (`partial`), with the fields
 * captured.
 *
 * @example Decode a received LLC PDU's header
 * ```ts
 * import { decodeSunAtm } from "./atm.ts";
 * import assert from "node:assert/strict";
 *
 * const atm = decodeSunAtm(new Uint8Array([0x02, 0, 0, 32, 0xaa, 0xaa, 0x03]));
 * assert.equal(atm.transmitted, false);
 * assert.equal(atm.vpi, 0);
 * assert.equal(atm.vci, 32);
 * assert.equal(atm.headerLength, 4);
 * ```
 */
export class SunAtm extends LayerBase {
  /** The discriminant. */
  readonly kind = "sunatm" as const;
  /** The capture cut the header: only the fields captured are set. */
  partial = false;
  /** The flags byte: direction and traffic type. */
  flags = 0;
  /** The virtual path identifier. */
  vpi = 0;
  /** The virtual channel identifier. */
  vci = 0;

  /** Whether the PDU was transmitted (else received). */
  get transmitted(): boolean {
    return (this.flags & 0x80) !== 0;
  }

  /** The traffic type, the low nibble of the flags (see {@linkcode SunAtmTraffic}). */
  get trafficType(): number {
    return this.flags & 0x0f;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginPartialHeader(this, data, offset, end, 4);
    this.flags = this.headerLength >= 1 ? data[offset]! : 0;
    this.vpi = 0;
    this.vci = 0;
    if (this.partial || error !== undefined) return error;
    this.vpi = data[offset + 1]!;
    this.vci = readUint16(data, offset + 2);
    return undefined;
  }

  /** Picks the payload's decoder by the circuit, then by the traffic type. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    if (this.vpi === 0) {
      switch (this.vci) {
        case AtmVci.SIGNALLING:
          return atmSignallingDecoder;
        case AtmVci.OAM_F4_SEGMENT:
        case AtmVci.OAM_F4_END_TO_END:
          return oamCellDecoder;
        case AtmVci.ILMI:
          return snmpDecoder;
        case AtmVci.BROADCAST_SIGNALLING:
        case AtmVci.META_SIGNALLING:
          // tcpdump names these and prints nothing of them.
          return undefined;
      }
    }
    return this.trafficType === SunAtmTraffic.LANE ? laneDecoder : llcDecoder;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return { flags: this.flags, vpi: this.vpi, vci: this.vci };
  }
}

/** The LLC headers atm_if_print() takes as LLC: SNAP, ISO and IP SAPs with a UI control. */
const LLC_UI_HEADERS: ReadonlySet<number> = new Set([0xaaaa03, 0xfefe03, 0x060603]);

/**
 * The start of an RFC 1483 LLC-encapsulated ATM PDU, as atm_if_print() tells them apart:
 * Cisco's NLPID format (a first byte `0x03`, then an OSI NLPID), an LLC header with SNAP,
 * ISO or IP SAPs, or else a 20-byte 802.6 MAC header (which a Fore driver put before the
 * LLC header). The layer holds the 802.6 header (or nothing); the LLC header or the
 * NLPID's PDU follows. Fewer than 3 bytes, or a cut 802.6 header, are kept (`partial`).
 *
 * @example Decode a PDU with an 802.6 header
 * ```ts
 * import { decodeAtmRfc1483 } from "./atm.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(23).fill(0x30);
 * const atm = decodeAtmRfc1483(bytes);
 * assert.equal(atm.macHeader, true);
 * assert.equal(atm.headerLength, 20);
 * ```
 */
export class AtmRfc1483 extends LayerBase {
  /** The discriminant. */
  readonly kind = "atm-rfc1483" as const;
  /** The capture cut the PDU before its LLC header was known, or in the 802.6 header. */
  partial = false;
  /** Cisco's NLPID format: the first byte is `0x03`, the NLPID follows. */
  cnlpid = false;
  /** A 20-byte 802.6 MAC header comes first. */
  macHeader = false;

  /** Decodes the start of the PDU at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginPartialHeader(this, data, offset, end, 0);
    if (error !== undefined) return error;
    const available = end - offset;
    this.headerLength = 0;
    // The OSI PDU starts at the 0x03, as after EtherType 0xfefe's extra byte.
    this.cnlpid = available >= 1 && data[offset] === 0x03;
    this.macHeader = false;
    if (this.cnlpid) return undefined;
    if (available < 3) {
      this.partial = true;
      this.headerLength = available;
      return DecodeError.truncated(this.kind, offset, 3, available, true);
    }
    const llc = (data[offset]! << 16) | (data[offset + 1]! << 8) | data[offset + 2]!;
    this.macHeader = !LLC_UI_HEADERS.has(llc);
    return this.macHeader ? beginPartialHeader(this, data, offset, end, 20) : undefined;
  }

  /** The OSI PDU of Cisco's NLPID format, or the LLC header. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return this.cnlpid ? isoclnsDecoder : llcDecoder;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return { cnlpid: this.cnlpid, macHeader: this.macHeader };
  }
}

/** The LLC/SNAP header of an IP PDU (RFC 1483), whose first 6 bytes cip_if_print() tests. */
const CLIP_LLC = [0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00];

/**
 * A Linux Classical IP over ATM PDU: an LLC/SNAP header whose first 6 bytes are
 * `aa aa 03 00 00 00`, or else a bare IP packet. The layer has no bytes of its own; fewer
 * than 6 bytes captured are kept (`partial`), as tcpdump needs them to tell the two apart.
 *
 * @example Decode a bare IP PDU
 * ```ts
 * import { decodeCip } from "./atm.ts";
 * import assert from "node:assert/strict";
 *
 * const cip = decodeCip(new Uint8Array([0x45, 0, 0, 20, 0, 0]));
 * assert.equal(cip.llc, false);
 * assert.equal(cip.headerLength, 0);
 * ```
 */
export class Cip extends LayerBase {
  /** The discriminant. */
  readonly kind = "cip" as const;
  /** Fewer than 6 bytes were captured. */
  partial = false;
  /** An LLC/SNAP header comes first (else the PDU is IP). */
  llc = false;

  /** Decodes the PDU's start at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginPartialHeader(this, data, offset, end, 6);
    this.llc = false;
    if (error !== undefined) return error;
    this.headerLength = 0;
    this.llc = CLIP_LLC.every((byte, i) => data[offset + i] === byte);
    return undefined;
  }

  /** The LLC header, or IPv4 (tcpdump's ip_print()). */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    return this.llc ? llcDecoder : context.tables.etherTypes.get(0x0800);
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return { llc: this.llc };
  }
}

/**
 * Creates {@linkcode SunAtm} layers; the registry entry for `LinkType.SUNATM`.
 *
 * @example Create a layer
 * ```ts
 * import { sunAtmDecoder } from "./atm.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(sunAtmDecoder.create().kind, "sunatm");
 * ```
 */
export const sunAtmDecoder: ProtocolDescriptor<SunAtm> = defineProtocol({
  kind: "sunatm",
  name: "SunATM",
  tcpdumpName: "sunatm",
  create: () => new SunAtm(),
  bindings: { linkTypes: [LinkType.SUNATM] },
});

/**
 * Creates {@linkcode AtmRfc1483} layers; the registry entry for `LinkType.ATM_RFC1483`.
 *
 * @example Create a layer
 * ```ts
 * import { atmRfc1483Decoder } from "./atm.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(atmRfc1483Decoder.create().kind, "atm-rfc1483");
 * ```
 */
export const atmRfc1483Decoder: ProtocolDescriptor<AtmRfc1483> = defineProtocol({
  kind: "atm-rfc1483",
  name: "RFC 1483 ATM",
  tcpdumpName: "atm",
  create: () => new AtmRfc1483(),
  bindings: { linkTypes: [LinkType.ATM_RFC1483, LinkType.ATM_RFC1483_11] },
});

/**
 * Creates {@linkcode Cip} layers; the registry entry for `LinkType.ATM_CLIP`.
 *
 * @example Create a layer
 * ```ts
 * import { cipDecoder } from "./atm.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(cipDecoder.create().kind, "cip");
 * ```
 */
export const cipDecoder: ProtocolDescriptor<Cip> = defineProtocol({
  kind: "cip",
  name: "Classical IP over ATM",
  tcpdumpName: "cip",
  create: () => new Cip(),
  bindings: { linkTypes: [LinkType.ATM_CLIP, LinkType.ATM_CLIP_19] },
});

/**
 * Decodes a SunATM pseudo-header.
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Read a transmitted PDU's circuit
 * ```ts
 * import { decodeSunAtm } from "./atm.ts";
 * import assert from "node:assert/strict";
 *
 * const atm = decodeSunAtm(new Uint8Array([0x82, 1, 0x01, 0x00]));
 * assert.equal(atm.transmitted, true);
 * assert.equal(atm.vci, 256);
 * ```
 */
export function decodeSunAtm(data: Uint8Array, offset = 0): SunAtm {
  return decodeOne(new SunAtm(), data, offset);
}

/**
 * Decodes the start of an RFC 1483 LLC-encapsulated ATM PDU.
 *
 * @param data The bytes.
 * @param offset Where the PDU starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the PDU is cut before its LLC header.
 *
 * @example Recognize Cisco's NLPID format
 * ```ts
 * import { decodeAtmRfc1483 } from "./atm.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decodeAtmRfc1483(new Uint8Array([0x03, 0x83])).cnlpid, true);
 * ```
 */
export function decodeAtmRfc1483(data: Uint8Array, offset = 0): AtmRfc1483 {
  return decodeOne(new AtmRfc1483(), data, offset);
}

/**
 * Decodes the start of a Linux Classical IP over ATM PDU.
 *
 * @param data The bytes.
 * @param offset Where the PDU starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 6 bytes remain.
 *
 * @example Recognize an LLC/SNAP header
 * ```ts
 * import { decodeCip } from "./atm.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decodeCip(new Uint8Array([0xaa, 0xaa, 3, 0, 0, 0, 8, 0])).llc, true);
 * ```
 */
export function decodeCip(data: Uint8Array, offset = 0): Cip {
  return decodeOne(new Cip(), data, offset);
}
