/**
 * Virtual Router Redundancy Protocol, version 2 (RFC 3768, IPv4) and version 3
 * (RFC 9568, IPv4 and IPv6), IP protocol 112. CARP shares the protocol number; like
 * tcpdump (without `-T carp`), wirekit reads its packets as VRRP.
 *
 * @module
 */

import { decodeOne } from "../_decode_one.ts";
import { readUint16, readUint8Before } from "../_bytes.ts";
import { foldChecksum, sumWords } from "../checksum.ts";
import { DecodeError } from "../errors.ts";
import { IpProtocol } from "../ip_protocol.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type NetworkLayer,
  type ProtocolDescriptor,
} from "../layer.ts";
import { formatIpv6 } from "../address.ts";

/** VRRP version 2 authentication types (RFC 2338). */
export const VrrpAuthType = {
  NONE: 0,
  /** A clear-text password of 8 bytes after the addresses. */
  SIMPLE: 1,
  /** IP Authentication Header. */
  AH: 2,
} as const;

/**
 * A VRRP message: the 8 fixed bytes are the header (6 when the message is cut there: the
 * checksum is then 0); the addresses (and in version 2 the authentication data) are its
 * payload.
 *
 * @example Decode a VRRPv2 advertisement
 * ```ts
 * import { decodeVrrp } from "./vrrp.ts";
 * import assert from "node:assert/strict";
 *
 * const vrrp = decodeVrrp(new Uint8Array([
 *   0x21, 1, 100, 1, 0, 1, 0xba, 0x52, 192, 168, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
 * ]));
 * assert.equal(vrrp.version, 2);
 * assert.equal(vrrp.virtualRouterId, 1);
 * assert.equal(vrrp.priority, 100);
 * assert.deepEqual(vrrp.addresses, ["192.168.0.1"]);
 * ```
 */
export class Vrrp extends LayerBase {
  /** The discriminant. */
  readonly kind = "vrrp" as const;
  /** The version (2 or 3; CARP says 2). */
  version = 0;
  /** The type (1: advertisement). */
  type = 0;
  /** The virtual router ID (CARP: the virtual host ID). */
  virtualRouterId = 0;
  /** The priority. */
  priority = 0;
  /** The count of IP addresses. */
  addressCount = 0;
  /** Version 2: the authentication type ({@linkcode VrrpAuthType}); 0 in version 3. */
  authType = 0;
  /**
   * The advertisement interval: in seconds in version 2 (8 bits), in centiseconds in
   * version 3 (12 bits).
   */
  advertisementInterval = 0;
  /** The checksum field (0 when not captured). */
  checksum = 0;
  /**
   * The message ends inside its first 6 bytes (a partial decode: see
   * {@linkcode DecodeError.partial}); the fields past the end read as 0.
   */
  truncated = false;
  /** The length of each address: 4 over IPv4, 16 over IPv6. */
  addressLength = 4;
  #network: NetworkLayer | undefined = undefined;

  /** Offsets in `data` of the addresses that were captured, at most `addressCount`. */
  get addressOffsets(): number[] {
    const list: number[] = [];
    let at = this.offset + 8;
    for (let i = 0; i < this.addressCount && at + this.addressLength <= this.end; i++) {
      list.push(at);
      at += this.addressLength;
    }
    return list;
  }

  /** The addresses that were captured, as text. */
  get addresses(): string[] {
    return this.addressOffsets.map((at) =>
      this.addressLength === 16
        ? formatIpv6(this.data, at)
        : `${this.data[at]}.${this.data[at + 1]}.${this.data[at + 2]}.${this.data[at + 3]}`
    );
  }

  /**
   * Version 2 with simple authentication: the 8 bytes of password after the addresses (a
   * view, shorter when cut by the captured bytes); empty otherwise.
   */
  get password(): Uint8Array {
    const at = this.offset + 8 + this.addressCount * this.addressLength;
    if (this.version !== 2 || this.authType !== VrrpAuthType.SIMPLE || at > this.end) {
      return this.data.subarray(0, 0);
    }
    return this.data.subarray(at, Math.min(at + 8, this.end));
  }

  /**
   * Whether the checksum verifies over the message to `end` (in version 3 with the IP
   * pseudo-header), as tcpdump checks it, even for a message too short to hold the
   * checksum field: `undefined` for other versions, or version 3 without an IP layer.
   */
  get checksumValid(): boolean | undefined {
    if (this.version === 2) {
      return foldChecksum(sumWords(this.data, this.offset, this.end, 0)) === 0;
    }
    if (this.version !== 3 || this.#network === undefined) return undefined;
    const initial = this.#network.pseudoHeaderSum(IpProtocol.VRRP, this.end - this.offset);
    return foldChecksum(sumWords(this.data, this.offset, this.end, initial)) === 0;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    if (available < 1) return DecodeError.truncated(this.kind, offset, 6, available);
    // A message cut inside its first 6 bytes is kept as far as it goes: tcpdump prints
    // the fields it holds (those past the end read as 0).
    this.data = data;
    this.offset = offset;
    this.headerLength = Math.min(8, available);
    this.end = end;
    this.truncated = available < 6;
    this.version = data[offset]! >> 4;
    this.type = data[offset]! & 0x0f;
    this.virtualRouterId = readUint8Before(data, offset + 1, end);
    this.priority = readUint8Before(data, offset + 2, end);
    this.addressCount = readUint8Before(data, offset + 3, end);
    const byte4 = readUint8Before(data, offset + 4, end);
    const byte5 = readUint8Before(data, offset + 5, end);
    if (this.version === 3) {
      this.authType = 0;
      this.advertisementInterval = ((byte4 & 0x0f) << 8) | byte5;
    } else {
      this.authType = byte4;
      this.advertisementInterval = byte5;
    }
    this.checksum = available < 8 ? 0 : readUint16(data, offset + 6);
    this.#network = context.network;
    this.addressLength = context.network?.kind === "ipv6" ? 16 : 4;
    if (this.truncated) return DecodeError.truncated(this.kind, offset, 6, available, true);
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const header: Record<string, unknown> = {
      version: this.version,
      type: this.type,
      virtualRouterId: this.virtualRouterId,
      priority: this.priority,
      addressCount: this.addressCount,
    };
    if (this.version !== 3) header.authType = this.authType;
    header.advertisementInterval = this.advertisementInterval;
    header.checksum = this.checksum;
    const valid = this.checksumValid;
    if (valid !== undefined) header.checksumValid = valid;
    header.addresses = this.addresses;
    return header;
  }
}

/**
 * Creates {@linkcode Vrrp} layers; the registry entry for IP protocol 112.
 *
 * @example Create a VRRP layer
 * ```ts
 * import { vrrpDecoder } from "./vrrp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(vrrpDecoder.create().kind, "vrrp");
 * ```
 */
export const vrrpDecoder: ProtocolDescriptor<Vrrp> = defineProtocol({
  kind: "vrrp",
  name: "VRRP",
  tcpdumpName: "vrrp",
  tcpdumpCut: "read",
  create: () => new Vrrp(),
  bindings: { ipProtocols: [IpProtocol.VRRP] },
});

/**
 * Decodes a VRRP message (its addresses read as IPv4 ones).
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 6 bytes are there.
 *
 * @example Reject a cut-off message
 * ```ts
 * import { decodeVrrp } from "./vrrp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeVrrp(new Uint8Array([0x21, 1, 100])), {
 *   message: "Cannot decode VRRP header: 6 bytes required, received 3",
 * });
 * ```
 */
export function decodeVrrp(data: Uint8Array, offset = 0): Vrrp {
  return decodeOne(new Vrrp(), data, offset);
}
