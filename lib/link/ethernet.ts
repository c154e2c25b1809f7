/**
 * Ethernet II and IEEE 802.3 frames.
 *
 * @module
 */

import { LinkType } from "../link_type.ts";
import { IpProtocol } from "../ip_protocol.ts";
import { formatMac } from "../address.ts";
import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { MIN_ETHERTYPE, typeOrLengthNextDecoder } from "./_type_or_length.ts";

/**
 * EtherType values that wirekit names (IEEE registry).
 *
 * @example Compare an EtherType
 * ```ts
 * import { EtherType } from "./ethernet.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(EtherType.IPV6, 0x86dd);
 * ```
 */
export const EtherType = {
  /** Internet Protocol version 4. */
  IPV4: 0x0800,
  /** Address Resolution Protocol (RFC 826). */
  ARP: 0x0806,
  /** Reverse ARP (RFC 903). */
  RARP: 0x8035,
  /** IEEE 802.1Q VLAN tag (customer tag). */
  VLAN: 0x8100,
  /** Transparent Ethernet bridging: an Ethernet frame inside GRE (RFC 1701). */
  TRANSPARENT_ETHERNET_BRIDGING: 0x6558,
  /** Internet Protocol version 6. */
  IPV6: 0x86dd,
  /** MPLS unicast. */
  MPLS: 0x8847,
  /** MPLS multicast. */
  MPLS_MULTICAST: 0x8848,
  /** PPPoE discovery stage. */
  PPPOE_DISCOVERY: 0x8863,
  /** PPPoE session stage. */
  PPPOE_SESSION: 0x8864,
  /** PPP (in PPTP's enhanced GRE, RFC 2637). */
  PPP: 0x880b,
  /** IEEE 802.1ad service tag (QinQ). */
  QINQ: 0x88a8,
  /** Link Layer Discovery Protocol. */
  LLDP: 0x88cc,
  /** The pre-standard 802.1ad TPID some switches still send. */
  QINQ_OLD: 0x9100,
} as const;

/** An EtherType that wirekit names. */
export type EtherType = typeof EtherType[keyof typeof EtherType];

/**
 * An Ethernet header: Ethernet II with an EtherType, or IEEE 802.3 with a length (then
 * an LLC header follows, and the payload is trimmed to that length). A "raw" 802.3 frame
 * of Novell NetWare, whose payload starts with `ff ff` (an IPX checksum) instead of an
 * LLC header, is not decoded further.
 *
 * @example Decode an Ethernet II header
 * ```ts
 * import { decodeEthernet } from "./ethernet.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = new Uint8Array([
 *   0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0, 0, 0, 0, 1, 0x08, 0x06, 0, 1,
 * ]);
 * const ethernet = decodeEthernet(frame);
 * assert.equal(ethernet.source, "02:00:00:00:00:01");
 * assert.equal(ethernet.etherType, 0x0806);
 * assert.deepEqual(ethernet.payload, new Uint8Array([0, 1]));
 * ```
 */
export class Ethernet extends LayerBase {
  /** The discriminant. */
  readonly kind = "ethernet" as const;
  /** The EtherType, or `undefined` for an 802.3 frame. */
  etherType: number | undefined = undefined;
  /** The 802.3 length field, or `undefined` for an Ethernet II frame. */
  length: number | undefined = undefined;

  /** Destination MAC address, such as `ff:ff:ff:ff:ff:ff`. */
  get destination(): string {
    return formatMac(this.data, this.offset);
  }

  /** Source MAC address. */
  get source(): string {
    return formatMac(this.data, this.offset + 6);
  }

  /** Destination MAC address bytes (a view). */
  get destinationBytes(): Uint8Array {
    return this.data.subarray(this.offset, this.offset + 6);
  }

  /** Source MAC address bytes (a view). */
  get sourceBytes(): Uint8Array {
    return this.data.subarray(this.offset + 6, this.offset + 12);
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    if (end - offset < 14) return DecodeError.truncated(this.kind, offset, 14, end - offset);
    this.data = data;
    this.offset = offset;
    this.headerLength = 14;
    const typeOrLength = (data[offset + 12]! << 8) | data[offset + 13]!;
    if (typeOrLength >= MIN_ETHERTYPE) {
      this.etherType = typeOrLength;
      this.length = undefined;
      this.end = end;
    } else {
      this.etherType = undefined;
      this.length = typeOrLength;
      this.end = Math.min(end, offset + 14 + typeOrLength);
    }
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    return typeOrLengthNextDecoder(
      this.etherType,
      this.data,
      this.offset + 14,
      this.end,
      context,
    );
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return this.etherType === undefined
      ? { destination: this.destination, source: this.source, length: this.length }
      : { destination: this.destination, source: this.source, etherType: this.etherType };
  }
}

/**
 * Creates {@linkcode Ethernet} layers; the registry entry for `LinkType.EN10MB`.
 *
 * @example Create an Ethernet layer
 * ```ts
 * import { ethernetDecoder } from "./ethernet.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ethernetDecoder.create().kind, "ethernet");
 * ```
 */
export const ethernetDecoder: ProtocolDescriptor<Ethernet> = defineProtocol({
  kind: "ethernet",
  name: "Ethernet",
  tcpdumpName: "ether",
  create: () => new Ethernet(),
  bindings: {
    linkTypes: [LinkType.EN10MB],
    etherTypes: [EtherType.TRANSPARENT_ETHERNET_BRIDGING],
    ipProtocols: [IpProtocol.ETHERNET],
  },
});

/**
 * Decodes an Ethernet header.
 *
 * @param data The frame.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 14 bytes remain.
 *
 * @example Reject a truncated frame
 * ```ts
 * import { decodeEthernet } from "./ethernet.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeEthernet(new Uint8Array(10)), {
 *   message: "Cannot decode Ethernet header: 14 bytes required, received 10",
 * });
 * ```
 */
export function decodeEthernet(data: Uint8Array, offset = 0): Ethernet {
  return decodeOne(new Ethernet(), data, offset);
}
