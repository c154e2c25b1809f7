/**
 * Building ARP packets for IPv4 over Ethernet (RFC 826).
 *
 * @module
 */

import { type AddressInput, ipv4Bytes, macBytes, unsigned } from "./_bytes.ts";

/** What {@linkcode buildArp} builds. */
export interface ArpSpec {
  /** `request` (1), `reply` (2), or another operation number. */
  operation: "request" | "reply" | number;
  /** The sender's MAC address. */
  senderMac: AddressInput;
  /** The sender's IPv4 address. */
  senderIp: AddressInput;
  /** The target's MAC address (default `00:00:00:00:00:00`, as in a request). */
  targetMac?: AddressInput;
  /** The target's IPv4 address. */
  targetIp: AddressInput;
}

/**
 * Builds a 28-byte ARP packet (Ethernet hardware, IPv4 protocol), to carry in an
 * Ethernet frame of EtherType `0x0806`.
 *
 * @param spec The operation and addresses.
 * @returns The packet.
 *
 * @example Who has 10.0.0.2?
 * ```ts
 * import { buildArp } from "./arp.ts";
 * import assert from "node:assert/strict";
 *
 * const arp = buildArp({ operation: "request", senderMac: "02:00:00:00:00:01", senderIp: "10.0.0.1", targetIp: "10.0.0.2" });
 * assert.deepEqual([...arp.subarray(0, 8)], [0, 1, 8, 0, 6, 4, 0, 1]);
 * ```
 */
export function buildArp(spec: ArpSpec): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(28);
  const view = new DataView(bytes.buffer);
  const operation = spec.operation === "request"
    ? 1
    : spec.operation === "reply"
    ? 2
    : unsigned(spec.operation, 16, "ARP operation");
  view.setUint16(0, 1); // Ethernet
  view.setUint16(2, 0x0800); // IPv4
  bytes[4] = 6;
  bytes[5] = 4;
  view.setUint16(6, operation);
  bytes.set(macBytes(spec.senderMac, "ARP sender MAC"), 8);
  bytes.set(ipv4Bytes(spec.senderIp, "ARP sender IP"), 14);
  bytes.set(macBytes(spec.targetMac ?? new Uint8Array(6), "ARP target MAC"), 18);
  bytes.set(ipv4Bytes(spec.targetIp, "ARP target IP"), 24);
  return bytes;
}
