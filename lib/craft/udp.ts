/**
 * Building UDP datagrams (RFC 768): length and checksum filled in.
 *
 * @module
 */

import { type AddressInput, ipBytes, pseudoChecksum, putChecksum, unsigned } from "./_bytes.ts";

/** What {@linkcode buildUdp} builds. */
export interface UdpSpec {
  /** The IPv4 or IPv6 source address (for the checksum). */
  source: AddressInput;
  /** The destination address, of the same family. */
  destination: AddressInput;
  /** The source port. */
  sourcePort: number;
  /** The destination port. */
  destinationPort: number;
  /** The payload. */
  payload?: Uint8Array;
}

/**
 * Builds a UDP datagram with its length and its checksum over the IPv4 or IPv6
 * pseudo-header (a computed 0 is sent as `0xffff`).
 *
 * @param spec Addresses, ports and payload.
 * @returns The datagram, to carry in IP with protocol 17.
 *
 * @example
 * ```ts
 * import { buildUdp } from "./udp.ts";
 * import assert from "node:assert/strict";
 *
 * const udp = buildUdp({ source: "10.0.0.1", destination: "10.0.0.2", sourcePort: 1, destinationPort: 53 });
 * assert.deepEqual([...udp.subarray(0, 6)], [0, 1, 0, 53, 0, 8]);
 * ```
 */
export function buildUdp(spec: UdpSpec): Uint8Array<ArrayBuffer> {
  const payload = spec.payload ?? new Uint8Array(0);
  const source = ipBytes(spec.source, "UDP pseudo-header source");
  const destination = ipBytes(spec.destination, "UDP pseudo-header destination");
  const length = 8 + payload.length;
  if (length > 0xffff && source.length === 4) {
    throw new RangeError(
      `Cannot build UDP datagram: at most 65535 bytes allowed, received ${length}`,
    );
  }
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, unsigned(spec.sourcePort, 16, "UDP source port"));
  view.setUint16(2, unsigned(spec.destinationPort, 16, "UDP destination port"));
  view.setUint16(4, length > 0xffff ? 0 : length);
  bytes.set(payload, 8);
  const checksum = pseudoChecksum(bytes, source, destination, 17);
  putChecksum(bytes, 6, checksum === 0 ? 0xffff : checksum);
  return bytes;
}
