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
