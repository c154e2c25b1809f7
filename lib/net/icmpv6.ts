/**
 * ICMPv6 (RFC 4443) and Neighbor Discovery (RFC 4861, with RFC 4191 router preference
 * and RFC 8106 recursive DNS server options), with the RPL control messages of type 155
 * (RFC 6550).
 *
 * @module
 */

import { IpProtocol } from "../ip_protocol.ts";
import { decodeOne } from "../_decode_one.ts";
import { defineProtocol, type ProtocolDescriptor } from "../layer.ts";
import type { Ipv6 } from "./ipv6.ts";
import { Icmpv6 } from "./_icmpv6_layer.ts";

export { Icmpv6 } from "./_icmpv6_layer.ts";
export {
  type NdpOption,
  type NdpOptionAdvertisementInterval,
  type NdpOptionDnssl,
  type NdpOptionHomeAgentInformation,
  type NdpOptionLinkLayerAddress,
  type NdpOptionMalformed,
  type NdpOptionMtu,
  type NdpOptionPrefixInformation,
  type NdpOptionRaw,
  type NdpOptionRdnss,
  type NdpOptionRedirectedHeader,
  type NdpOptionRouteInformation,
  NdpOptionType,
} from "./_icmpv6_options.ts";
export { RplCode, RplMessage, type RplOption, RplOptionType } from "./_icmpv6_rpl.ts";
export type {
  RouterRenumbering,
  RouterRenumberingMatch,
  RouterRenumberingUse,
} from "./_icmpv6_renumbering.ts";

/**
 * ICMPv6 message types (IANA "ICMPv6 Type Numbers") that wirekit names.
 *
 * @example Compare a message type
 * ```ts
 * import { Icmpv6Type } from "./icmpv6.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(Icmpv6Type.NEIGHBOR_SOLICITATION, 135);
 * ```
 */
export const Icmpv6Type = {
  DESTINATION_UNREACHABLE: 1,
  PACKET_TOO_BIG: 2,
  TIME_EXCEEDED: 3,
  PARAMETER_PROBLEM: 4,
  ECHO_REQUEST: 128,
  ECHO_REPLY: 129,
  /** Multicast listener query (RFC 2710, RFC 3810). */
  MLD_QUERY: 130,
  /** MLDv1 multicast listener report (RFC 2710). */
  MLD_REPORT: 131,
  /** MLDv1 multicast listener done (RFC 2710). */
  MLD_DONE: 132,
  ROUTER_SOLICITATION: 133,
  ROUTER_ADVERTISEMENT: 134,
  NEIGHBOR_SOLICITATION: 135,
  NEIGHBOR_ADVERTISEMENT: 136,
  REDIRECT: 137,
  /** RFC 2894. */
  ROUTER_RENUMBERING: 138,
  /** RFC 4620. */
  NODE_INFORMATION_QUERY: 139,
  /** RFC 4620. */
  NODE_INFORMATION_RESPONSE: 140,
  /** MLDv2 multicast listener report (RFC 3810). */
  MLDV2_REPORT: 143,
  /** RPL control message (RFC 6550). */
  RPL: 155,
  /** RFC 8335 (PROBE). */
  EXTENDED_ECHO_REQUEST: 160,
  /** RFC 8335 (PROBE). */
  EXTENDED_ECHO_REPLY: 161,
} as const;

/** An ICMPv6 message type that wirekit names. */
export type Icmpv6Type = typeof Icmpv6Type[keyof typeof Icmpv6Type];

/** The packet quoted by an ICMPv6 error message (RFC 4443 section 2.4 (c)). */
export interface Icmpv6Original {
  /**
   * The quoted IPv6 header, decoded. Its payload is what was quoted of the original
   * packet (rarely all of it), ending where the ICMPv6 message ends.
   */
  ip: Ipv6;
  /** The source port, when the quoted next header is TCP or UDP with 4 bytes present. */
  sourcePort: number | undefined;
  /** The destination port, when the quoted next header is TCP or UDP with 4 bytes present. */
  destinationPort: number | undefined;
  /** Up to the first 8 bytes after the quoted IPv6 header (a view). */
  leading: Uint8Array;
}

/** Creates {@linkcode Icmpv6} layers; the registry entry for IPv6 next header 58. */
export const icmpv6Decoder: ProtocolDescriptor<Icmpv6> = defineProtocol({
  kind: "icmpv6",
  name: "ICMPv6",
  tcpdumpName: "icmp6",
  create: () => new Icmpv6(),
  bindings: { ipProtocols: [IpProtocol.ICMPV6] },
});

/**
 * Decodes an ICMPv6 message.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the bytes end before the fixed part of the message type.
 *
 * @example Reject a neighbor advertisement cut before its target
 * ```ts
 * import { decodeIcmpv6 } from "./icmpv6.ts";
 * import assert from "node:assert/strict";
 *
 * const message = new Uint8Array(20);
 * message[0] = 136;
 * assert.throws(() => decodeIcmpv6(message), {
 *   name: "DecodeError",
 *   message: "Cannot decode ICMPv6 header: 24 bytes required, received 20",
 * });
 * ```
 */
export function decodeIcmpv6(data: Uint8Array, offset = 0): Icmpv6 {
  return decodeOne(new Icmpv6(), data, offset);
}
