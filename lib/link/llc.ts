/**
 * IEEE 802.2 Logical Link Control, with the SNAP extension (RFC 1042).
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
import { stpDecoder } from "./stp.ts";
import { cdpDecoder } from "./cdp.ts";
import { dtpDecoder } from "./dtp.ts";
import { vtpDecoder } from "./vtp.ts";
import { udldDecoder } from "./udld.ts";
import { osiDecoder } from "../net/isoclns.ts";
import { LinkType } from "../link_type.ts";

/**
 * Service access points (SAPs) that wirekit names. The low bit of a DSAP is the
 * individual/group bit and the low bit of an SSAP the command/response bit, so compare
 * with `sap & 0xfe`.
 *
 * @example Recognize a spanning-tree BPDU
 * ```ts
 * import { LlcSap } from "./llc.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(0x43 & 0xfe, LlcSap.STP);
 * ```
 */
export const LlcSap = {
  /** The null SAP. */
  NULL: 0x00,
  /** IEEE 802.1 bridge spanning tree protocol. */
  STP: 0x42,
  /** ISO network layer (CLNP, IS-IS, ES-IS). */
  ISO_NETWORK: 0xfe,
  /** SNAP: an OUI and a protocol identifier follow. */
  SNAP: 0xaa,
  /** Novell NetWare (IPX over 802.2). */
  NETWARE: 0xe0,
  /** NetBIOS. */
  NETBIOS: 0xf0,
  /** The global SAP (broadcast). */
  GLOBAL: 0xff,
  /** IP (RFC 948). */
  IP: 0x06,
} as const;

/** SNAP organization codes that wirekit names. */
export const SnapOui = {
  /** RFC 1042: the protocol identifier is an EtherType. */
  ENCAPSULATED_ETHERNET: 0x000000,
  /** Cisco: CDP, VTP, DTP, PVST+... */
  CISCO: 0x00000c,
  /** Cisco's bridged frames, with EtherTypes as protocol identifiers. */
  CISCO_90: 0x0000f8,
  /** IEEE 802.1 bridged frames (RFC 2684/2427). */
  RFC2684: 0x0080c2,
  /** Apple: AppleTalk's DDP, with its EtherType as protocol identifier. */
  APPLETALK: 0x080007,
} as const;

/** Cisco SNAP protocol identifiers that wirekit decodes. */
export const CiscoPid = {
  /** Cisco Discovery Protocol. */
  CDP: 0x2000,
  /** Dynamic Trunking Protocol. */
  DTP: 0x2004,
  /** VLAN Trunking Protocol. */
  VTP: 0x2003,
  /** Unidirectional Link Detection. */
  UDLD: 0x0111,
  /** Per-VLAN spanning tree (PVST+). */
  PVST: 0x010b,
  /** VLAN bridge (spanning tree). */
  VLAN_BRIDGE: 0x010c,
} as const;

/** The RFC 2684 protocol identifier of a bridged BPDU. */
const PID_BPDU = 0x000e;

/** AppleTalk's EtherType, the one protocol identifier under Apple's OUI. */
const ETHERTYPE_ATALK = 0x809b;

/**
 * The pad bytes before a bridged frame after LLC/SNAP (llc_print() hands snap_print() a
 * bridge pad of 2).
 */
export const LLC_BRIDGE_PAD = 2;

/**
 * The link type of the frame that an RFC 2684 bridged protocol identifier announces and
 * snap_print() hands on (with and without FCS: Ethernet, 802.5 Token Ring, FDDI), or
 * `undefined` for the others (802.4, 802.6, BPDUs).
 *
 * @param pid The protocol identifier under OUI `00-80-c2`.
 * @returns The `LINKTYPE_*` number, or `undefined`.
 *
 * @example Bridged Token Ring
 * ```ts
 * import { bridgedLinkType } from "./llc.ts";
 * import { LinkType } from "../link_type.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(bridgedLinkType(0x0009), LinkType.IEEE802);
 * assert.equal(bridgedLinkType(0x000e), undefined);
 * ```
 */
export function bridgedLinkType(pid: number): number | undefined {
  switch (pid) {
    case 0x0001:
    case 0x0007:
      return LinkType.EN10MB;
    case 0x0003:
    case 0x0009:
      return LinkType.IEEE802;
    case 0x0004:
    case 0x000a:
      return LinkType.FDDI;
  }
  return undefined;
}

/**
 * The bytes snap_print() skips before a bridged frame: the pad its caller announces (2
 * after LLC, none after Frame Relay's NLPID), and for FDDI one more, which pads the frame
 * control to the alignment of the other frames' addresses (Token Ring's access control is
 * the frame's own).
 *
 * @param linkType The bridged frame's link type ({@linkcode bridgedLinkType}).
 * @param pad The caller's bridge pad.
 * @returns The bytes between the SNAP header and the frame.
 *
 * @example FDDI after LLC/SNAP
 * ```ts
 * import { bridgeSkip, LLC_BRIDGE_PAD } from "./llc.ts";
 * import { LinkType } from "../link_type.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(bridgeSkip(LinkType.FDDI, LLC_BRIDGE_PAD), 3);
 * assert.equal(bridgeSkip(LinkType.IEEE802, 0), 0);
 * ```
 */
export function bridgeSkip(linkType: number, pad: number): number {
  return linkType === LinkType.FDDI ? pad + 1 : pad;
}

/** The unnumbered-information control value that SNAP frames carry. */
const UI = 0x03;

/**
 * An LLC header: DSAP, SSAP and a control field of one byte (U frames) or two bytes
 * (I and S frames, told by the control field's low bits), then, when both SAPs are
 * SNAP and the frame is a UI frame, the SNAP header (OUI and protocol identifier).
 *
 * SNAP with OUI `00-00-00` (RFC 1042) or `00-00-f8` (802.1H) carries an EtherType in
 * its protocol identifier; the payload is then decoded by that EtherType. Cisco's OUI
 * carries CDP and PVST+ (spanning tree), and SAP `0x42` spanning-tree BPDUs.
 *
 * @example Decode LLC/SNAP carrying ARP
 * ```ts
 * import { decodeLlc } from "./llc.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x06, 0, 1]);
 * const llc = decodeLlc(bytes);
 * assert.equal(llc.dsap, 0xaa);
 * assert.equal(llc.control, 0x03);
 * assert.equal(llc.oui, 0);
 * assert.equal(llc.protocolId, 0x0806);
 * assert.equal(llc.headerLength, 8);
 * assert.deepEqual(llc.payload, new Uint8Array([0, 1]));
 * ```
 */
export class Llc extends LayerBase {
  /** The discriminant. */
  readonly kind = "llc" as const;
  /** Destination service access point (low bit: group address). */
  dsap = 0;
  /** Source service access point (low bit: response). */
  ssap = 0;
  /**
   * The control field: one byte for U frames (low two bits `11`), else two bytes (I and
   * S frames) read least significant byte first, as tcpdump and Wireshark show it, so
   * that the frame-type bits are the low bits in both cases.
   */
  control = 0;
  /** The SNAP organizationally unique identifier, or `undefined` without SNAP. */
  oui: number | undefined = undefined;
  /** The SNAP protocol identifier (an EtherType for OUI 0), or `undefined` without SNAP. */
  protocolId: number | undefined = undefined;

  /** Whether the frame carries a SNAP header. */
  get snap(): boolean {
    return this.oui !== undefined;
  }

  /**
   * The link type of the RFC 2684 bridged frame that SNAP announces (Ethernet, Token Ring
   * or FDDI, after {@linkcode bridgePad} bytes), or `undefined`.
   */
  get bridged(): number | undefined {
    return this.oui === SnapOui.RFC2684 ? bridgedLinkType(this.protocolId!) : undefined;
  }

  /**
   * The bytes between the SNAP header and a bridged frame: the 2-byte pad, and for FDDI
   * one more ({@linkcode bridgeSkip}). 0 without a bridged frame.
   */
  get bridgePad(): number {
    const linkType = this.bridged;
    return linkType === undefined ? 0 : bridgeSkip(linkType, LLC_BRIDGE_PAD);
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    if (available < 3) return DecodeError.truncated(this.kind, offset, 3, available);
    const dsap = data[offset]!;
    const ssap = data[offset + 1]!;
    const first = data[offset + 2]!;
    let headerLength = 3;
    let control = first;
    if ((first & 0x03) !== 0x03) {
      if (available < 4) return DecodeError.truncated(this.kind, offset, 4, available);
      headerLength = 4;
      control = first | (data[offset + 3]! << 8);
    }
    const snap = (dsap & 0xfe) === LlcSap.SNAP && (ssap & 0xfe) === LlcSap.SNAP &&
      headerLength === 3 && control === UI;
    if (snap) {
      if (available < 8) return DecodeError.truncated(this.kind, offset, 8, available);
      this.oui = (data[offset + 3]! << 16) | (data[offset + 4]! << 8) | data[offset + 5]!;
      this.protocolId = (data[offset + 6]! << 8) | data[offset + 7]!;
      headerLength = 8;
      const pad = this.bridgePad;
      if (pad > 0) {
        // The header takes in the pad before the bridged frame.
        headerLength += pad;
        if (available < headerLength) {
          return DecodeError.truncated(this.kind, offset, headerLength, available);
        }
      }
    } else {
      this.oui = undefined;
      this.protocolId = undefined;
    }
    this.data = data;
    this.offset = offset;
    this.headerLength = headerLength;
    this.end = end;
    this.dsap = dsap;
    this.ssap = ssap;
    this.control = control;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    const pid = this.protocolId;
    if (pid === undefined) return this.#sapDecoder(context);
    return snapDecoder(this.oui!, pid, context);
  }

  /** The decoder that the SAPs (both the same) and a UI control field announce. */
  #sapDecoder(context: DecodeContext): Decoder | undefined {
    const sap = this.dsap & 0xfe;
    if ((this.ssap & 0xfe) !== sap || this.control !== UI) return undefined;
    switch (sap) {
      case LlcSap.STP:
        return stpDecoder;
      case LlcSap.IP:
        return context.tables.etherTypes.get(0x0800);
      case LlcSap.NETWARE:
        return context.tables.etherTypes.get(0x8137);
      case LlcSap.ISO_NETWORK: {
        // The network layer protocol identifier (ISO/TR 9577) tells the OSI protocol.
        const at = this.offset + this.headerLength;
        return at < this.end ? osiDecoder(this.data[at]) : undefined;
      }
    }
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const header: Record<string, unknown> = {
      dsap: this.dsap,
      ssap: this.ssap,
      control: this.control,
    };
    if (this.oui !== undefined) {
      header.oui = this.oui;
      header.protocolId = this.protocolId;
    }
    return header;
  }
}

/**
 * Creates {@linkcode Llc} layers; what an 802.3 frame (a length instead of an EtherType)
 * is followed by.
 *
 * @example Create an LLC layer
 * ```ts
 * import { llcDecoder } from "./llc.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(llcDecoder.create().kind, "llc");
 * ```
 */
export const llcDecoder: ProtocolDescriptor<Llc> = defineProtocol({
  kind: "llc",
  name: "LLC",
  tcpdumpName: "llc",
  create: () => new Llc(),
  bindings: {},
});

/** The EtherType of IPX, which decodes Novell's raw 802.3 frames too. */
export const ETHERTYPE_IPX = 0x8137;

/**
 * Picks the decoder of an LLC frame's bytes as tcpdump's llc_print() reads them first: both
 * SAPs `0xff` (the payload starts `ff ff`, its control field captured) is Novell's raw 802.3
 * IPX, whose checksum sits where LLC's header would; anything else is LLC.
 *
 * @param data The bytes.
 * @param start Where the frame's payload starts.
 * @param end Where it ends.
 * @param context Where IPX is looked up.
 * @returns The decoder.
 *
 * @example Tell raw IPX from LLC
 * ```ts
 * import { llcDecoder, llcOrRawIpx } from "./llc.ts";
 * import { defaultRegistry } from "../registry.ts";
 * import assert from "node:assert/strict";
 *
 * const context = { tables: defaultRegistry, network: undefined };
 * const ipx = defaultRegistry.etherTypes.get(0x8137);
 * assert.equal(llcOrRawIpx(new Uint8Array([0xaa, 0xaa, 3]), 0, 3, context), llcDecoder);
 * assert.equal(llcOrRawIpx(new Uint8Array([0xff, 0xff, 0, 30]), 0, 4, context), ipx);
 * // An I-format control field needs its second byte: LLC's cut, as tcpdump prints it.
 * assert.equal(llcOrRawIpx(new Uint8Array([0xff, 0xff, 0]), 0, 3, context), llcDecoder);
 * ```
 */
export function llcOrRawIpx(
  data: Uint8Array,
  start: number,
  end: number,
  context: DecodeContext,
): Decoder | undefined {
  // llc_print() reads the SAPs once it has the control field: 1 byte for a U format, else 2.
  const n = end - start;
  if (
    n >= 3 && data[start] === 0xff && data[start + 1] === 0xff &&
    (n >= 4 || (data[start + 2]! & 3) === 3)
  ) {
    return context.tables.etherTypes.get(ETHERTYPE_IPX);
  }
  return llcDecoder;
}

/**
 * Decodes an LLC header (and its SNAP header, if any).
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the bytes end inside the header.
 *
 * @example Decode a spanning-tree LLC header
 * ```ts
 * import { decodeLlc } from "./llc.ts";
 * import assert from "node:assert/strict";
 *
 * const llc = decodeLlc(new Uint8Array([0x42, 0x42, 0x03, 0, 0]));
 * assert.equal(llc.dsap, 0x42);
 * assert.equal(llc.oui, undefined);
 * assert.throws(() => decodeLlc(new Uint8Array([0xaa, 0xaa, 0x03, 0])), {
 *   message: "Cannot decode LLC header: 8 bytes required, received 4",
 * });
 * ```
 */
export function decodeLlc(data: Uint8Array, offset = 0): Llc {
  return decodeOne(new Llc(), data, offset);
}

/**
 * The decoder of what a SNAP header announces, as tcpdump's snap_print() picks its printer:
 * an EtherType (OUI 0 or Cisco's 0xf8), Cisco's CDP, DTP, VTP, UDLD and STP protocol ids,
 * an RFC 2684 bridged BPDU, Ethernet, Token Ring or FDDI frame (after the carrier's pad),
 * Apple's DDP (EtherType `0x809b` alone under its OUI). After LLC, and after Frame Relay's
 * SNAP NLPID.
 *
 * @param oui The organization code.
 * @param pid The protocol id.
 * @param context The decode context, whose tables hold the EtherTypes.
 * @returns The decoder, or `undefined` for one snap_print() does not print.
 *
 * @example Pick VTP
 * ```ts
 * import { snapDecoder } from "./llc.ts";
 * import { vtpDecoder } from "./vtp.ts";
 * import { defaultRegistry } from "../registry.ts";
 * import assert from "node:assert/strict";
 *
 * const context = { tables: defaultRegistry, network: undefined };
 * assert.equal(snapDecoder(0x00000c, 0x2003, context), vtpDecoder);
 * ```
 */
export function snapDecoder(oui: number, pid: number, context: DecodeContext): Decoder | undefined {
  switch (oui) {
    case SnapOui.ENCAPSULATED_ETHERNET:
    case SnapOui.CISCO_90:
      return context.tables.etherTypes.get(pid);
    case SnapOui.CISCO:
      if (pid === CiscoPid.CDP) return cdpDecoder;
      if (pid === CiscoPid.DTP) return dtpDecoder;
      if (pid === CiscoPid.VTP) return vtpDecoder;
      if (pid === CiscoPid.UDLD) return udldDecoder;
      if (pid === CiscoPid.PVST || pid === CiscoPid.VLAN_BRIDGE) return stpDecoder;
      return undefined;
    case SnapOui.RFC2684: {
      if (pid === PID_BPDU) return stpDecoder;
      // A bridged frame follows the pad that the SNAP header's carrier takes in.
      const linkType = bridgedLinkType(pid);
      return linkType === undefined ? undefined : context.tables.linkTypes.get(linkType);
    }
    case SnapOui.APPLETALK:
      return pid === ETHERTYPE_ATALK ? context.tables.etherTypes.get(pid) : undefined;
  }
  return undefined;
}
