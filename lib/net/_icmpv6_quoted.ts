/**
 * The packet that an ICMPv6 error message quotes, read for `Icmpv6.original`.
 * Private to `lib/net/`.
 *
 * @module
 */

import { noTables } from "../_decode_one.ts";
import type { DecodeContext } from "../layer.ts";
import { Ipv6 } from "./ipv6.ts";
import type { Icmpv6Original } from "./icmpv6.ts";

const TCP = 6;
const UDP = 17;

/**
 * Decodes the IPv6 header quoted at `offset` and the ports after it.
 *
 * @param data The packet's bytes.
 * @param offset Where the quoted header starts.
 * @param end Where the message ends.
 * @returns The quoted packet, or `undefined` when fewer than the 40 bytes of an IPv6
 * header (or a malformed one) were quoted.
 */
export function readOriginal(
  data: Uint8Array,
  offset: number,
  end: number,
): Icmpv6Original | undefined {
  const ip = new Ipv6();
  const context: DecodeContext = { tables: noTables, network: undefined };
  if (ip.decodeFrom(data, offset, end, context) !== undefined) return undefined;
  const at = ip.offset + 40;
  const available = ip.end - at;
  const ports = (ip.nextHeader === TCP || ip.nextHeader === UDP) && available >= 4;
  return {
    ip,
    sourcePort: ports ? (data[at]! << 8) | data[at + 1]! : undefined,
    destinationPort: ports ? (data[at + 2]! << 8) | data[at + 3]! : undefined,
    leading: data.subarray(at, at + Math.min(8, available)),
  };
}

/**
 * Finds the TCP or UDP header of the packet quoted at `offset` as tcpdump's
 * get_upperlayer() does: after the IPv6 header (whatever its version field says) and any
 * hop-by-hop, destination options, routing, first-fragment and AH headers.
 *
 * @param data The packet's bytes.
 * @param offset Where the quoted header starts.
 * @param end Where the captured bytes end.
 * @returns The transport protocol and destination port, or `undefined` when the walk
 * meets another header, a later fragment, or the end of the capture first.
 */
export function readQuotedPort(
  data: Uint8Array,
  offset: number,
  end: number,
): { protocol: number; port: number } | undefined {
  if (offset + 7 > end) return undefined;
  let next = data[offset + 6]!;
  let at = offset;
  let length = 40;
  while (at < end) {
    at += length;
    switch (next) {
      case TCP:
      case UDP:
        if (at + 4 > end) return undefined;
        return { protocol: next, port: (data[at + 2]! << 8) | data[at + 3]! };
      case 0:
      case 43:
      case 60:
      case 51:
        if (at + 2 > end) return undefined;
        length = next === 51 ? (data[at + 1]! + 2) << 2 : (data[at + 1]! + 1) << 3;
        next = data[at]!;
        break;
      case 44:
        // A later fragment holds no transport header.
        if (at + 4 > end || ((data[at + 2]! << 8) | data[at + 3]!) & 0xfff8) return undefined;
        next = data[at]!;
        length = 8;
        break;
      default:
        return undefined;
    }
  }
  return undefined;
}
