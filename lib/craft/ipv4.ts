/**
 * Building IPv4 packets (RFC 791): total length and header checksum filled in.
 *
 * @module
 */

import { foldChecksum, sumWords } from "../checksum.ts";
import { type AddressInput, ipv4Bytes, putChecksum, unsigned } from "./_bytes.ts";

/** What {@linkcode buildIpv4} builds. */
export interface Ipv4Spec {
  /** The source address. */
  source: AddressInput;
  /** The destination address. */
  destination: AddressInput;
  /** The protocol of the payload (`IpProtocol.UDP`...). */
  protocol: number;
  /** The payload. */
  payload?: Uint8Array;
  /** Time to live (default 64). */
  ttl?: number;
  /** The DSCP/ECN byte (default 0). */
  tos?: number;
  /** The identification (default 0). */
  identification?: number;
  /** The don't-fragment flag (default `true`). */
  dontFragment?: boolean;
  /** The more-fragments flag (default `false`). */
  moreFragments?: boolean;
  /** The fragment offset in 8-byte units (default 0). */
  fragmentOffset?: number;
  /** Options, padded with zeros to a multiple of 4 bytes (at most 40). */
  options?: Uint8Array;
}

/**
 * Builds an IPv4 packet: header (with options), payload, total length and checksum.
 *
 * @param spec The header fields and payload.
 * @returns The packet.
 * @throws {RangeError} When a field is out of range or the packet is over 65535 bytes.
 *
 * @example
 * ```ts
 * import { buildIpv4 } from "./ipv4.ts";
 * import { decode } from "../decode.ts";
 * import assert from "node:assert/strict";
 *
 * const packet = buildIpv4({ source: "10.0.0.1", destination: "10.0.0.2", protocol: 253 });
 * const ip = decode(101, packet).layer("ipv4");
 * assert.equal(ip?.headerChecksumValid, true);
 * assert.equal(ip?.totalLength, 20);
 * ```
 */
export function buildIpv4(spec: Ipv4Spec): Uint8Array<ArrayBuffer> {
  const payload = spec.payload ?? new Uint8Array(0);
  const options = spec.options ?? new Uint8Array(0);
  const optionsLength = Math.ceil(options.length / 4) * 4;
  if (optionsLength > 40) {
    throw new RangeError(
      `Cannot build IPv4 options: at most 40 bytes allowed, received ${options.length}`,
    );
  }
  const headerLength = 20 + optionsLength;
  const total = headerLength + payload.length;
  if (total > 0xffff) {
    throw new RangeError(
      `Cannot build IPv4 packet: at most 65535 bytes allowed, received ${total}`,
    );
  }
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x40 | (headerLength / 4);
  bytes[1] = unsigned(spec.tos ?? 0, 8, "IPv4 TOS");
  view.setUint16(2, total);
  view.setUint16(4, unsigned(spec.identification ?? 0, 16, "IPv4 identification"));
  const flags = ((spec.dontFragment ?? true) ? 0x4000 : 0) |
    ((spec.moreFragments ?? false) ? 0x2000 : 0) |
    unsigned(spec.fragmentOffset ?? 0, 13, "IPv4 fragment offset");
  view.setUint16(6, flags);
  bytes[8] = unsigned(spec.ttl ?? 64, 8, "IPv4 TTL");
  bytes[9] = unsigned(spec.protocol, 8, "IPv4 protocol");
  bytes.set(ipv4Bytes(spec.source, "IPv4 source"), 12);
  bytes.set(ipv4Bytes(spec.destination, "IPv4 destination"), 16);
  bytes.set(options, 20);
  putChecksum(bytes, 10, foldChecksum(sumWords(bytes, 0, headerLength, 0)));
  bytes.set(payload, headerLength);
  return bytes;
}
