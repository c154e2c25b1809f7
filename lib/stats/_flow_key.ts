/**
 * The layout of a `FlowTable` flow key and of its per-flow flags, the names of
 * the IP protocols flows name, and the small readers the table uses: the home address of
 * an IPv6 destination options header and packet times as nanoseconds.
 *
 * @module
 */

/** Bytes of a flow key: version, protocol, has-ports, 0, two 16-byte addresses, two ports. */
export const KEY_SIZE = 40;
export const KEY_LOW = 4;
export const KEY_HIGH = 20;
export const KEY_PORTS = 36;

// Bits of the per-flow flag byte.
export const A_IS_LOW = 1;
export const TCP_SYN = 2;
export const TCP_SYN_ACK = 4;
export const TCP_FIN_A = 8;
export const TCP_FIN_B = 16;
export const TCP_RST = 32;
/** A flow that a new SYN on its addresses and ports replaced: counted, no longer looked up. */
export const RETIRED = 64;

// TCP header flag bits.
export const FIN = 0x01;
export const SYN = 0x02;
export const RST = 0x04;
export const ACK = 0x10;

/** Names of the IP protocols that flows name; others are `ip-proto-N`. */
export const PROTOCOL_NAMES: Readonly<Record<number, string>> = {
  1: "icmp",
  2: "igmp",
  4: "ipip",
  6: "tcp",
  17: "udp",
  41: "ipv6",
  47: "gre",
  50: "esp",
  51: "ah",
  58: "icmpv6",
  59: "ipv6-nonxt",
  89: "ospf",
  103: "pim",
  112: "vrrp",
  132: "sctp",
};

/**
 * The name a flow gives an IP protocol number: `tcp`, `udp`, `icmp`, `icmpv6`, `esp`...,
 * or `ip-proto-N` for a number it does not name.
 *
 * @param protocol The IP protocol (IPv6 next header) number.
 * @returns The name.
 *
 * @example Name protocols
 * ```ts
 * import { flowProtocolName } from "./flows.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(flowProtocolName(6), "tcp");
 * assert.equal(flowProtocolName(58), "icmpv6");
 * assert.equal(flowProtocolName(253), "ip-proto-253");
 * ```
 */
export function flowProtocolName(protocol: number): string {
  return PROTOCOL_NAMES[protocol] ?? `ip-proto-${protocol}`;
}

/**
 * Finds the home address option (type 0xc9, 16 bytes) in the options of an IPv6
 * destination options header at `data[start + 2..end)`; returns the offset of its address,
 * or -1.
 */
export function homeAddressOffset(data: Uint8Array, start: number, end: number): number {
  let i = start + 2;
  while (i < end) {
    const type = data[i]!;
    if (type === 0) {
      i++;
      continue;
    }
    if (i + 1 >= end) return -1;
    const length = data[i + 1]!;
    if (i + 2 + length > end) return -1;
    if (type === 0xc9 && length === 16) return i + 2;
    i += 2 + length;
  }
  return -1;
}

export function nanoseconds(seconds: number, nanoseconds: number): bigint {
  return BigInt(seconds) * 1_000_000_000n + BigInt(nanoseconds);
}
