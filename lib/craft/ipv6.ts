/**
 * Building IPv6 packets (RFC 8200): payload length filled in.
 *
 * @module
 */

import { type AddressInput, ipv6Bytes, unsigned } from "./_bytes.ts";

/** What {@linkcode buildIpv6} builds. */
export interface Ipv6Spec {
  /** The source address. */
  source: AddressInput;
  /** The destination address. */
  destination: AddressInput;
  /** The next header (`IpProtocol.UDP`, `IpProtocol.ICMPV6`...). */
  nextHeader: number;
  /** The payload (extension headers included, if any). */
  payload?: Uint8Array;
  /** Hop limit (default 64). */
  hopLimit?: number;
  /** Traffic class (default 0). */
  trafficClass?: number;
  /** Flow label (default 0). */
  flowLabel?: number;
}

/**
 * Builds an IPv6 packet: the 40-byte header and the payload.
 *
 * @param spec The header fields and payload.
 * @returns The packet.
 * @throws {RangeError} When a field is out of range or the payload over 65535 bytes.
 *
 * @example
 * ```ts
 * import { buildIpv6 } from "./ipv6.ts";
 * import { decode } from "../decode.ts";
 * import assert from "node:assert/strict";
 *
 * const packet = buildIpv6({ source: "2001:db8::1", destination: "2001:db8::2", nextHeader: 59 });
 * assert.equal(decode(101, packet).layer("ipv6")?.destination, "2001:db8::2");
 * ```
 */
export function buildIpv6(spec: Ipv6Spec): Uint8Array<ArrayBuffer> {
  const payload = spec.payload ?? new Uint8Array(0);
  if (payload.length > 0xffff) {
    throw new RangeError(
      `Cannot build IPv6 packet: at most 65535 payload bytes allowed, received ${payload.length}`,
    );
  }
  const bytes = new Uint8Array(40 + payload.length);
  const view = new DataView(bytes.buffer);
  const trafficClass = unsigned(spec.trafficClass ?? 0, 8, "IPv6 traffic class");
  const flowLabel = unsigned(spec.flowLabel ?? 0, 20, "IPv6 flow label");
  view.setUint32(0, ((6 << 28) | (trafficClass << 20) | flowLabel) >>> 0);
  view.setUint16(4, payload.length);
  bytes[6] = unsigned(spec.nextHeader, 8, "IPv6 next header");
  bytes[7] = unsigned(spec.hopLimit ?? 64, 8, "IPv6 hop limit");
  bytes.set(ipv6Bytes(spec.source, "IPv6 source"), 8);
  bytes.set(ipv6Bytes(spec.destination, "IPv6 destination"), 24);
  bytes.set(payload, 40);
  return bytes;
}
