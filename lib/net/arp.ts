/**
 * ARP (RFC 826) and the protocols that share its packet format: RARP (RFC 903),
 * Inverse ARP (RFC 2390) and ATM ARP (RFC 2225).
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

/** The hardware type of ATM ARP (RFC 2225). */
const ATM = 19;

/** The bits of an ATM ARP type/length byte that hold the length. */
const ATM_LENGTH = 0x3f;

/** The bit of an ATM ARP type/length byte that marks an E.164 number (else ATM Forum NSAPA). */
const ATM_E164 = 0x40;

/**
 * An ARP packet: the fixed fields, then the sender and target hardware and protocol
 * addresses, whose lengths the packet gives. The header is the whole ARP packet
 * (`8 + 2 * (hardwareAddressLength + protocolAddressLength)` bytes); it has no payload,
 * and the padding of a short Ethernet frame after it is left undecoded.
 *
 * ATM ARP (hardware type 19, RFC 2225) has a layout of its own: 12 fixed bytes, then the
 * sender's ATM number, ATM subaddress and protocol address, then the target's, each of
 * its own length. Its layers fill the same fields, the sender's lengths in
 * `hardwareAddressLength` and `protocolAddressLength`, and the subaddresses in
 * `senderSubaddress` and `targetSubaddress`. For any other hardware type the target's
 * lengths equal the sender's and the subaddresses are empty.
 *
 * Address getters return strings: hardware addresses (and ATM numbers) as
 * colon-separated hex (a MAC address for Ethernet), protocol addresses as a dotted quad
 * when the protocol type is IPv4 (`0x0800`) and the length 4, else as colon-separated
 * hex. The `...Bytes` getters return the raw bytes of any length.
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
 *
 * @example Decode an ATM ARP request (RFC 2225)
 * ```ts
 * import { decodeArp } from "./arp.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([
 *   0, 19, 0x08, 0, 3, 0, 0, 1, 4, 0, 0, 4,
 *   0x47, 0, 5, 192, 0, 2, 1, 192, 0, 2, 2,
 * ]);
 * const arp = decodeArp(bytes);
 * assert.equal(arp.senderHardwareAddress, "47:00:05");
 * assert.equal(arp.senderProtocolAddress, "192.0.2.1");
 * assert.equal(arp.targetHardwareAddressLength, 0);
 * assert.equal(arp.targetProtocolAddress, "192.0.2.2");
 * assert.equal(arp.headerLength, 23);
 * ```
 */
export class Arp extends LayerBase {
  /** The discriminant. */
  readonly kind = "arp" as const;
  /** Hardware type (1: Ethernet, 6: IEEE 802, 19: ATM, 32: InfiniBand...). */
  hardwareType = 0;
  /** Protocol type, an EtherType (`0x0800` for IPv4). */
  protocolType = 0;
  /** Hardware address length in bytes (6 for Ethernet); the sender's ATM number's for ATM ARP. */
  hardwareAddressLength = 0;
  /** Protocol address length in bytes (4 for IPv4); the sender's for ATM ARP. */
  protocolAddressLength = 0;
  /** The target's hardware address (ATM number) length in bytes. */
  targetHardwareAddressLength = 0;
  /** The target's protocol address length in bytes. */
  targetProtocolAddressLength = 0;
  /** The sender's ATM subaddress length in bytes (0 but for ATM ARP). */
  senderSubaddressLength = 0;
  /** The target's ATM subaddress length in bytes (0 but for ATM ARP). */
  targetSubaddressLength = 0;
  /** ATM ARP: the sender's ATM number is in E.164 format (else ATM Forum NSAPA). */
  senderE164 = false;
  /** ATM ARP: the target's ATM number is in E.164 format (else ATM Forum NSAPA). */
  targetE164 = false;
  /** Operation (see {@linkcode ArpOperation}). */
  operation = 0;
  /** Where the captured bytes end: past the header, the frame's padding included. */
  capturedEnd = 0;

  /** Where the sender's hardware address starts: after 8 fixed bytes, or ATM ARP's 12. */
  get senderHardwareAddressOffset(): number {
    return this.offset + (this.hardwareType === ATM ? 12 : 8);
  }

  /** Where the sender's ATM subaddress starts (its protocol address, when it has none). */
  get senderSubaddressOffset(): number {
    return this.senderHardwareAddressOffset + this.hardwareAddressLength;
  }

  /** Where the sender's protocol address starts. */
  get senderProtocolAddressOffset(): number {
    return this.senderSubaddressOffset + this.senderSubaddressLength;
  }

  /** Where the target's hardware address starts. */
  get targetHardwareAddressOffset(): number {
    return this.senderProtocolAddressOffset + this.protocolAddressLength;
  }

  /** Where the target's ATM subaddress starts. */
  get targetSubaddressOffset(): number {
    return this.targetHardwareAddressOffset + this.targetHardwareAddressLength;
  }

  /** Where the target's protocol address starts. */
  get targetProtocolAddressOffset(): number {
    return this.targetSubaddressOffset + this.targetSubaddressLength;
  }

  /** Sender hardware address bytes (a view). */
  get senderHardwareAddressBytes(): Uint8Array {
    return this.#bytes(this.senderHardwareAddressOffset, this.hardwareAddressLength);
  }

  /** Sender protocol address bytes (a view). */
  get senderProtocolAddressBytes(): Uint8Array {
    return this.#bytes(this.senderProtocolAddressOffset, this.protocolAddressLength);
  }

  /** Target hardware address bytes (a view). */
  get targetHardwareAddressBytes(): Uint8Array {
    return this.#bytes(this.targetHardwareAddressOffset, this.targetHardwareAddressLength);
  }

  /** Target protocol address bytes (a view). */
  get targetProtocolAddressBytes(): Uint8Array {
    return this.#bytes(this.targetProtocolAddressOffset, this.targetProtocolAddressLength);
  }

  /** Sender hardware address, such as `00:1b:21:3a:4f:02` (`""` when its length is 0). */
  get senderHardwareAddress(): string {
    return this.#hex(this.senderHardwareAddressOffset, this.hardwareAddressLength);
  }

  /** Sender protocol address, such as `192.0.2.1`. */
  get senderProtocolAddress(): string {
    return this.#protocol(this.senderProtocolAddressOffset, this.protocolAddressLength);
  }

  /** Target hardware address (all zeros in a request). */
  get targetHardwareAddress(): string {
    return this.#hex(this.targetHardwareAddressOffset, this.targetHardwareAddressLength);
  }

  /** Target protocol address. */
  get targetProtocolAddress(): string {
    return this.#protocol(this.targetProtocolAddressOffset, this.targetProtocolAddressLength);
  }

  /** The sender's ATM subaddress, colon-separated hex (`""` when it has none). */
  get senderSubaddress(): string {
    return this.#hex(this.senderSubaddressOffset, this.senderSubaddressLength);
  }

  /** The target's ATM subaddress, colon-separated hex (`""` when it has none). */
  get targetSubaddress(): string {
    return this.#hex(this.targetSubaddressOffset, this.targetSubaddressLength);
  }

  #bytes(start: number, length: number): Uint8Array {
    return this.data.subarray(start, start + length);
  }

  #hex(start: number, length: number): string {
    return length === 0 ? "" : formatMac(this.data, start, length);
  }

  #protocol(start: number, length: number): string {
    if (length === 4 && this.protocolType === IPV4) return formatIpv4(this.data, start);
    return this.#hex(start, length);
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
    const hardwareType = (data[offset]! << 8) | data[offset + 1]!;
    let senderHardware = data[offset + 4]!;
    let senderProtocol = data[offset + 5]!;
    let senderSubaddress = 0;
    let targetHardware = senderHardware;
    let targetSubaddress = 0;
    let targetProtocol = senderProtocol;
    let fixed = 8;
    let senderE164 = false;
    let targetE164 = false;
    if (hardwareType === ATM) {
      if (available < 12) return DecodeError.truncated(this.kind, offset, 12, available);
      senderE164 = (senderHardware & ATM_E164) !== 0;
      targetE164 = (data[offset + 9]! & ATM_E164) !== 0;
      senderHardware &= ATM_LENGTH;
      senderSubaddress = data[offset + 5]! & ATM_LENGTH;
      senderProtocol = data[offset + 8]!;
      targetHardware = data[offset + 9]! & ATM_LENGTH;
      targetSubaddress = data[offset + 10]! & ATM_LENGTH;
      targetProtocol = data[offset + 11]!;
      fixed = 12;
    }
    const length = fixed + senderHardware + senderSubaddress + senderProtocol + targetHardware +
      targetSubaddress + targetProtocol;
    if (available < length) return DecodeError.truncated(this.kind, offset, length, available);
    this.data = data;
    this.offset = offset;
    this.headerLength = length;
    this.end = offset + length;
    this.capturedEnd = end;
    this.hardwareType = hardwareType;
    this.protocolType = (data[offset + 2]! << 8) | data[offset + 3]!;
    this.hardwareAddressLength = senderHardware;
    this.protocolAddressLength = senderProtocol;
    this.targetHardwareAddressLength = targetHardware;
    this.targetProtocolAddressLength = targetProtocol;
    this.senderSubaddressLength = senderSubaddress;
    this.targetSubaddressLength = targetSubaddress;
    this.senderE164 = senderE164;
    this.targetE164 = targetE164;
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
      ...(this.hardwareType === ATM
        ? {
          senderE164: this.senderE164,
          senderSubaddress: this.senderSubaddress,
          targetE164: this.targetE164,
          targetHardwareAddressLength: this.targetHardwareAddressLength,
          targetSubaddress: this.targetSubaddress,
          targetProtocolAddressLength: this.targetProtocolAddressLength,
        }
        : {}),
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
  tcpdumpCut: "read",
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
