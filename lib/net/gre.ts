/**
 * Generic Routing Encapsulation: GRE version 0 (RFC 2784, with the key and sequence number
 * of RFC 2890, and the routing of RFC 1701) and the enhanced GRE of PPTP, version 1
 * (RFC 2637).
 *
 * @module
 */

import { readUint32 } from "../_bytes.ts";
import { osiDecoder } from "./isoclns.ts";
import { IpProtocol } from "../ip_protocol.ts";
import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { foldChecksum, sumWords } from "../checksum.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** A source route entry of GRE's routing (RFC 1701), from {@linkcode Gre.sourceRouteEntries}. */
export interface GreSourceRouteEntry {
  /** The address family of the routing information (0x0800 IP, 0xfffe AS numbers). */
  family: number;
  /** The offset of the active entry within the routing information. */
  sreOffset: number;
  /** The length of the routing information in bytes. */
  sreLength: number;
  /** The routing information captured (a view). */
  information: Uint8Array;
}

/** The protocol type of OSI over GRE (not an EtherType; tcpdump's ETHERTYPE_GRE_ISO). */
const GRE_OSI = 0x00fe;

/** The bits of GRE's first 16-bit word (flags, recursion control and version). */
export const GreFlag = {
  /** C: a checksum (and an offset) follows the protocol type. */
  CHECKSUM: 0x8000,
  /** R: routing is present (RFC 1701): an offset follows, and SREs after the other fields. */
  ROUTING: 0x4000,
  /** K: a key (in version 1, the payload length and call ID) is present. */
  KEY: 0x2000,
  /** S: a sequence number is present. */
  SEQUENCE: 0x1000,
  /** s: strict source route (RFC 1701). */
  STRICT_SOURCE_ROUTE: 0x0800,
  /** The 3 bits of the recursion control count (RFC 1701). */
  RECURSION_MASK: 0x0700,
  /** A: an acknowledgment number is present (version 1 only). */
  ACK: 0x0080,
  /** The 3 bits of the version. */
  VERSION_MASK: 0x0007,
} as const;

/**
 * A GRE header. Its payload is read through the EtherType table by the protocol type
 * (`0x0800` IPv4, `0x86dd` IPv6, `0x6558` transparent Ethernet bridging...), so a tunnel
 * decodes to the packet inside it. Optional fields that the flags leave out are
 * `undefined`.
 *
 * @example Decode a GRE header with a key, in front of an IPv4 byte
 * ```ts
 * import { decodeGre } from "./gre.ts";
 * import assert from "node:assert/strict";
 *
 * const gre = decodeGre(new Uint8Array([0x20, 0x00, 0x08, 0x00, 0, 0, 0, 0x28, 0x45]));
 * assert.equal(gre.version, 0);
 * assert.equal(gre.keyPresent, true);
 * assert.equal(gre.protocolType, 0x0800);
 * assert.equal(gre.key, 0x28);
 * assert.equal(gre.sequenceNumber, undefined);
 * assert.equal(gre.headerLength, 8);
 * assert.deepEqual(gre.payload, new Uint8Array([0x45]));
 * ```
 */
export class Gre extends LayerBase {
  /** The discriminant. */
  readonly kind = "gre" as const;
  /** The first 16-bit word: the flags, the recursion control and the version. */
  flagsAndVersion = 0;
  /** The version: 0 for GRE, 1 for the enhanced GRE of PPTP. */
  version = 0;
  /** The protocol type: the EtherType of the payload (`0x880b` PPP in version 1). */
  protocolType = 0;
  /** The checksum (when the checksum or routing bit is set). */
  checksum: number | undefined = undefined;
  /** The routing offset (RFC 1701; when the checksum or routing bit is set). */
  routingOffset: number | undefined = undefined;
  /** The key (version 0, when the key bit is set; unsigned 32-bit). */
  key: number | undefined = undefined;
  /** The payload length of the key field (version 1, when the key bit is set). */
  payloadLength: number | undefined = undefined;
  /** The call ID of the key field (version 1, when the key bit is set). */
  callId: number | undefined = undefined;
  /** The sequence number (when the sequence bit is set; unsigned 32-bit). */
  sequenceNumber: number | undefined = undefined;
  /** The acknowledgment number (version 1, when the ack bit is set; unsigned 32-bit). */
  acknowledgmentNumber: number | undefined = undefined;
  /**
   * The source route list ends before its null entry (a partial decode, see
   * {@linkcode DecodeError.partial}): `routing` holds what was captured.
   */
  routingCut = false;

  /** Whether a checksum is present (C). */
  get checksumPresent(): boolean {
    return (this.flagsAndVersion & GreFlag.CHECKSUM) !== 0;
  }

  /** Whether routing is present (R). */
  get routingPresent(): boolean {
    return (this.flagsAndVersion & GreFlag.ROUTING) !== 0;
  }

  /** Whether a key is present (K). */
  get keyPresent(): boolean {
    return (this.flagsAndVersion & GreFlag.KEY) !== 0;
  }

  /** Whether a sequence number is present (S). */
  get sequencePresent(): boolean {
    return (this.flagsAndVersion & GreFlag.SEQUENCE) !== 0;
  }

  /** The strict source route bit (s). */
  get strictSourceRoute(): boolean {
    return (this.flagsAndVersion & GreFlag.STRICT_SOURCE_ROUTE) !== 0;
  }

  /** The recursion control count, 0 to 7. */
  get recursionControl(): number {
    return (this.flagsAndVersion & GreFlag.RECURSION_MASK) >> 8;
  }

  /** Whether an acknowledgment number is present (A; meaningful in version 1). */
  get acknowledgmentPresent(): boolean {
    return (this.flagsAndVersion & GreFlag.ACK) !== 0;
  }

  /**
   * The source route entries of RFC 1701, up to the last (null) one: a view of the bytes
   * between the fixed fields and the payload; empty without the routing bit.
   */
  get routing(): Uint8Array {
    if (!this.routingPresent) return this.data.subarray(0, 0);
    const fixed = this.#fixedLength();
    return this.data.subarray(this.offset + fixed, this.offset + this.headerLength);
  }

  /**
   * The source route entries of RFC 1701 before the null one, each with its address
   * family, SRE offset, SRE length and the routing information captured (shorter than the
   * length when the list was cut: see {@linkcode Gre.routingCut}).
   */
  get sourceRouteEntries(): GreSourceRouteEntry[] {
    const routing = this.routing;
    const entries: GreSourceRouteEntry[] = [];
    for (let at = 0; at + 4 <= routing.length; at += 4 + routing[at + 3]!) {
      const family = (routing[at]! << 8) | routing[at + 1]!;
      const length = routing[at + 3]!;
      if (family === 0 && length === 0) break;
      entries.push({
        family,
        sreOffset: routing[at + 2]!,
        sreLength: length,
        information: routing.subarray(at + 4, at + 4 + length),
      });
    }
    return entries;
  }

  /**
   * Whether the checksum verifies over the header and payload (the bytes up to `end`; a
   * payload cut short by the snapshot length does not verify): `undefined` when there is
   * no checksum field to check (the C bit clear).
   */
  get checksumValid(): boolean | undefined {
    if (!this.checksumPresent || this.checksum === undefined) return undefined;
    return foldChecksum(sumWords(this.data, this.offset, this.end, 0)) === 0;
  }

  #fixedLength(): number {
    const word = this.flagsAndVersion;
    let length = 4;
    if ((word & (GreFlag.CHECKSUM | GreFlag.ROUTING)) !== 0) length += 4;
    if ((word & GreFlag.KEY) !== 0) length += 4;
    if ((word & GreFlag.SEQUENCE) !== 0) length += 4;
    if ((word & GreFlag.VERSION_MASK) === 1 && (word & GreFlag.ACK) !== 0) length += 4;
    return length;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    if (available < 4) return DecodeError.truncated(this.kind, offset, 4, available);
    const word = (data[offset]! << 8) | data[offset + 1]!;
    const version = word & GreFlag.VERSION_MASK;
    if (version > 1) {
      return DecodeError.malformed(
        this.kind,
        offset,
        1,
        version,
        `version ${version} is not 0 or 1`,
      );
    }
    this.flagsAndVersion = word;
    const fixed = this.#fixedLength();
    if (available < fixed) return DecodeError.truncated(this.kind, offset, fixed, available);
    let length = fixed;
    let cut = false;
    let needed = 0;
    if ((word & GreFlag.ROUTING) !== 0) {
      // Source route entries: address family (2), SRE offset (1), SRE length (1), the
      // routing information; the list ends with an entry of family 0 and length 0.
      for (;;) {
        if (available < length + 4) {
          [cut, needed] = [true, length + 4];
          break;
        }
        const family = (data[offset + length]! << 8) | data[offset + length + 1]!;
        const sreLength = data[offset + length + 3]!;
        length += 4;
        if (family === 0 && sreLength === 0) break;
        length += sreLength;
      }
      if (!cut && available < length) [cut, needed] = [true, length];
    }
    this.data = data;
    this.offset = offset;
    // A route list cut short is kept as far as it was captured, as the header's end.
    this.headerLength = cut ? available : length;
    this.routingCut = cut;
    this.end = end;
    this.version = version;
    this.protocolType = (data[offset + 2]! << 8) | data[offset + 3]!;
    let at = offset + 4;
    if ((word & (GreFlag.CHECKSUM | GreFlag.ROUTING)) !== 0) {
      this.checksum = (data[at]! << 8) | data[at + 1]!;
      this.routingOffset = (data[at + 2]! << 8) | data[at + 3]!;
      at += 4;
    } else {
      this.checksum = undefined;
      this.routingOffset = undefined;
    }
    this.key = undefined;
    this.payloadLength = undefined;
    this.callId = undefined;
    if ((word & GreFlag.KEY) !== 0) {
      if (version === 1) {
        this.payloadLength = (data[at]! << 8) | data[at + 1]!;
        this.callId = (data[at + 2]! << 8) | data[at + 3]!;
      } else this.key = readUint32(data, at);
      at += 4;
    }
    if ((word & GreFlag.SEQUENCE) !== 0) {
      this.sequenceNumber = readUint32(data, at);
      at += 4;
    } else this.sequenceNumber = undefined;
    this.acknowledgmentNumber = version === 1 && (word & GreFlag.ACK) !== 0
      ? readUint32(data, at)
      : undefined;
    context.gre = this;
    if (cut) return DecodeError.truncated(this.kind, offset, needed, available, true);
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(context: DecodeContext): Decoder | undefined {
    const at = this.offset + this.headerLength;
    if (this.end <= at) return undefined;
    // OSI (tcpdump's GRE-OSI, 0x00fe): CLNP, ES-IS and IS-IS decode on.
    if (this.protocolType === GRE_OSI) return osiDecoder(this.data[at]);
    return context.tables.etherTypes.get(this.protocolType);
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const header: Record<string, unknown> = {
      flags: {
        checksum: this.checksumPresent,
        routing: this.routingPresent,
        key: this.keyPresent,
        sequence: this.sequencePresent,
        strictSourceRoute: this.strictSourceRoute,
        recursionControl: this.recursionControl,
        acknowledgment: this.acknowledgmentPresent,
      },
      version: this.version,
      protocolType: this.protocolType,
    };
    if (this.checksum !== undefined) {
      header.checksum = this.checksum;
      header.routingOffset = this.routingOffset;
      const valid = this.checksumValid;
      if (valid !== undefined) header.checksumValid = valid;
    }
    if (this.key !== undefined) header.key = this.key;
    if (this.payloadLength !== undefined) header.payloadLength = this.payloadLength;
    if (this.callId !== undefined) header.callId = this.callId;
    if (this.sequenceNumber !== undefined) header.sequenceNumber = this.sequenceNumber;
    if (this.acknowledgmentNumber !== undefined) {
      header.acknowledgmentNumber = this.acknowledgmentNumber;
    }
    if (this.routingPresent) header.routing = Array.from(this.routing);
    return header;
  }
}

/**
 * Creates {@linkcode Gre} layers; the registry entry for IP protocol 47.
 *
 * @example Create a GRE layer
 * ```ts
 * import { greDecoder } from "./gre.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(greDecoder.create().kind, "gre");
 * ```
 */
export const greDecoder: ProtocolDescriptor<Gre> = defineProtocol({
  kind: "gre",
  name: "GRE",
  tcpdumpName: "gre",
  create: () => new Gre(),
  bindings: { ipProtocols: [IpProtocol.GRE] },
});

/**
 * Decodes a GRE header (version 0 or 1).
 *
 * @param data The bytes.
 * @param offset Where the header starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the header is cut short, or its version is neither 0 nor 1.
 *
 * @example Read the call ID and sequence number of enhanced GRE (PPTP)
 * ```ts
 * import { decodeGre } from "./gre.ts";
 * import assert from "node:assert/strict";
 *
 * const gre = decodeGre(new Uint8Array([
 *   0x30, 0x01, 0x88, 0x0b, 0x00, 0x02, 0x00, 0x07, 0, 0, 0, 5, 0xff, 0x03,
 * ]));
 * assert.equal(gre.version, 1);
 * assert.equal(gre.payloadLength, 2);
 * assert.equal(gre.callId, 7);
 * assert.equal(gre.sequenceNumber, 5);
 * assert.equal(gre.acknowledgmentNumber, undefined);
 * assert.throws(() => decodeGre(new Uint8Array([0x30, 0x01, 0x88, 0x0b, 0, 2])), {
 *   message: "Cannot decode GRE header: 12 bytes required, received 6",
 * });
 * ```
 */
export function decodeGre(data: Uint8Array, offset = 0): Gre {
  return decodeOne(new Gre(), data, offset);
}
