/**
 * ARP (RFC 826) and the protocols that share its packet format: RARP (RFC 903) and
 * Inverse ARP (RFC 2390).
 *
 * @module
 */

import { EtherType } from "../link/ethernet.ts";
import { formatIpv4, formatMac } from "../address.ts";
import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/**
 * ARP operation codes (IANA "ARP Parameters").
 *
 * @example Tell a reply
 * ```ts
 * import { ArpOperation } from "./arp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ArpOperation.REPLY, 2);
 * ```
 */
export const ArpOperation = {
  /** ARP request (RFC 826). */
  REQUEST: 1,
  /** ARP reply (RFC 826). */
  REPLY: 2,
  /** RARP request (RFC 903). */
  REVERSE_REQUEST: 3,
  /** RARP reply (RFC 903). */
  REVERSE_REPLY: 4,
  /** DRARP request (RFC 1931). */
  DRARP_REQUEST: 5,
  /** DRARP reply (RFC 1931). */
  DRARP_REPLY: 6,
  /** DRARP error (RFC 1931). */
  DRARP_ERROR: 7,
  /** Inverse ARP request (RFC 2390). */
  INARP_REQUEST: 8,
  /** Inverse ARP reply (RFC 2390). */
  INARP_REPLY: 9,
  /** ARP NAK (RFC 1577). */
  ARP_NAK: 10,
} as const;

/** An ARP operation code that wirekit names. */
export type ArpOperation = typeof ArpOperation[keyof typeof ArpOperation];

/** The protocol type of IPv4 addresses (an EtherType). */
const IPV4 = 0x0800;

/**
 * An ARP packet: the fixed fields, then the sender and target hardware and protocol
 * addresses, whose lengths the packet gives. The header is the whole ARP packet
 * (`8 + 2 * (hardwareAddressLength + protocolAddressLength)` bytes); it has no payload,
 * and the padding of a short Ethernet frame after it is left undecoded.
 *
 * Address getters return strings: hardware addresses as colon-separated hex (a MAC
 * address for Ethernet), protocol addresses as a dotted quad when the protocol type is
 * IPv4 (`0x0800`) and the length 4, else as colon-separated hex. The `...Bytes` getters
 * return the raw bytes of any length. ATM ARP (hardware type 19, RFC 2225), whose
 * layout differs, is read with the RFC 826 layout like any other hardware type.
 *
 * @example Decode an Ethernet/IPv4 ARP request
 * ```ts
 * import { ArpOperation, decodeArp } from "./arp.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([
 *   0, 1, 0x08, 0, 6, 4, 0, 1,
 *   0x02, 0, 0, 0, 0, 1, 192, 0, 2, 1,
 *   0, 0, 0, 0, 0, 0, 192, 0, 2, 2,
 * ]);
 * const arp = decodeArp(bytes);
 * assert.equal(arp.operation, ArpOperation.REQUEST);
 * assert.equal(arp.senderHardwareAddress, "02:00:00:00:00:01");
 * assert.equal(arp.senderProtocolAddress, "192.0.2.1");
 * assert.equal(arp.targetProtocolAddress, "192.0.2.2");
 * assert.equal(arp.headerLength, 28);
 * ```
 */
export class Arp extends LayerBase {
  /** The discriminant. */
  readonly kind = "arp" as const;
  /** Hardware type (1: Ethernet, 6: IEEE 802, 32: InfiniBand...). */
  hardwareType = 0;
  /** Protocol type, an EtherType (`0x0800` for IPv4). */
  protocolType = 0;
  /** Hardware address length in bytes (6 for Ethernet). */
  hardwareAddressLength = 0;
  /** Protocol address length in bytes (4 for IPv4). */
  protocolAddressLength = 0;
  /** Operation (see {@linkcode ArpOperation}). */
  operation = 0;
  /** Where the captured bytes end: past the header, the frame's padding included. */
  capturedEnd = 0;

  /** Sender hardware address bytes (a view). */
  get senderHardwareAddressBytes(): Uint8Array {
    const start = this.offset + 8;
    return this.data.subarray(start, start + this.hardwareAddressLength);
  }

  /** Sender protocol address bytes (a view). */
  get senderProtocolAddressBytes(): Uint8Array {
    const start = this.offset + 8 + this.hardwareAddressLength;
    return this.data.subarray(start, start + this.protocolAddressLength);
  }

  /** Target hardware address bytes (a view). */
  get targetHardwareAddressBytes(): Uint8Array {
    const start = this.offset + 8 + this.hardwareAddressLength + this.protocolAddressLength;
    return this.data.subarray(start, start + this.hardwareAddressLength);
  }

  /** Target protocol address bytes (a view). */
  get targetProtocolAddressBytes(): Uint8Array {
    const start = this.offset + 8 + 2 * this.hardwareAddressLength + this.protocolAddressLength;
    return this.data.subarray(start, start + this.protocolAddressLength);
  }

  /** Sender hardware address, such as `00:1b:21:3a:4f:02` (`""` when its length is 0). */
  get senderHardwareAddress(): string {
    return this.#hardware(this.offset + 8);
  }

  /** Sender protocol address, such as `192.0.2.1`. */
  get senderProtocolAddress(): string {
    return this.#protocol(this.offset + 8 + this.hardwareAddressLength);
  }

  /** Target hardware address (all zeros in a request). */
  get targetHardwareAddress(): string {
    return this.#hardware(
      this.offset + 8 + this.hardwareAddressLength + this.protocolAddressLength,
    );
  }

  /** Target protocol address. */
  get targetProtocolAddress(): string {
    return this.#protocol(
      this.offset + 8 + 2 * this.hardwareAddressLength + this.protocolAddressLength,
    );
  }

  #hardware(start: number): string {
    const length = this.hardwareAddressLength;
    return length === 0 ? "" : formatMac(this.data, start, length);
  }

  #protocol(start: number): string {
    const length = this.protocolAddressLength;
    if (length === 4 && this.protocolType === IPV4) return formatIpv4(this.data, start);
    return length === 0 ? "" : formatMac(this.data, start, length);
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    if (available < 8) return DecodeError.truncated(this.kind, offset, 8, available);
    const hardwareAddressLength = data[offset + 4]!;
    const protocolAddressLength = data[offset + 5]!;
    const length = 8 + 2 * (hardwareAddressLength + protocolAddressLength);
    if (available < length) return DecodeError.truncated(this.kind, offset, length, available);
    this.data = data;
    this.offset = offset;
    this.headerLength = length;
    this.end = offset + length;
    this.capturedEnd = end;
    this.hardwareType = (data[offset]! << 8) | data[offset + 1]!;
    this.protocolType = (data[offset + 2]! << 8) | data[offset + 3]!;
    this.hardwareAddressLength = hardwareAddressLength;
    this.protocolAddressLength = protocolAddressLength;
    this.operation = (data[offset + 6]! << 8) | data[offset + 7]!;
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      hardwareType: this.hardwareType,
      protocolType: this.protocolType,
      hardwareAddressLength: this.hardwareAddressLength,
      protocolAddressLength: this.protocolAddressLength,
      operation: this.operation,
      senderHardwareAddress: this.senderHardwareAddress,
      senderProtocolAddress: this.senderProtocolAddress,
      targetHardwareAddress: this.targetHardwareAddress,
      targetProtocolAddress: this.targetProtocolAddress,
    };
  }
}

/**
 * Creates {@linkcode Arp} layers; the registry entry for EtherTypes `0x0806` (ARP) and
 * `0x8035` (RARP).
 *
 * @example Create an ARP layer
 * ```ts
 * import { arpDecoder } from "./arp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(arpDecoder.create().kind, "arp");
 * ```
 */
export const arpDecoder: ProtocolDescriptor<Arp> = defineProtocol({
  kind: "arp",
  name: "ARP",
  tcpdumpName: "arp",
  create: () => new Arp(),
  bindings: { etherTypes: [EtherType.ARP, EtherType.RARP] },
});

/**
 * Decodes an ARP packet.
 *
 * @param data The bytes.
 * @param offset Where the packet starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the bytes end before the last address.
 *
 * @example Reject a packet cut inside its addresses
 * ```ts
 * import { decodeArp } from "./arp.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(20);
 * bytes.set([0, 1, 0x08, 0, 6, 4, 0, 1]);
 * assert.throws(() => decodeArp(bytes), {
 *   message: "Cannot decode ARP header: 28 bytes required, received 20",
 * });
 * ```
 */
export function decodeArp(data: Uint8Array, offset = 0): Arp {
  return decodeOne(new Arp(), data, offset);
}
