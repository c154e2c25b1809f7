/**
 * The JSON form shared by ICMP and ICMPv6 messages.
 *
 * @module
 */

import type { Ipv4 } from "./ipv4.ts";
import type { Ipv6 } from "./ipv6.ts";

/** What the JSON form reads of the packet an error message quotes. */
interface Quoted {
  ip: Ipv4 | Ipv6;
  sourcePort: number | undefined;
  destinationPort: number | undefined;
}

/**
 * Builds the JSON form of an ICMP or ICMPv6 message: its type, code and checksum, then
 * each `[name, value]` field whose value is defined, in order, then the addresses,
 * protocol (IPv4) or next header (IPv6) and ports of the quoted packet, if any.
 */
export function icmpToJSON(
  message: { type: number; code: number; checksum: number },
  fields: readonly (readonly [string, unknown])[],
  original: Quoted | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: message.type,
    code: message.code,
    checksum: message.checksum,
  };
  for (const [name, value] of fields) if (value !== undefined) out[name] = value;
  if (original !== undefined) {
    const ip = original.ip;
    out.original = {
      source: ip.source,
      destination: ip.destination,
      ...(ip.kind === "ipv4" ? { protocol: ip.protocol } : { nextHeader: ip.nextHeader }),
      ...(original.sourcePort === undefined ? {} : { sourcePort: original.sourcePort }),
      ...(original.destinationPort === undefined
        ? {}
        : { destinationPort: original.destinationPort }),
    };
  }
  return out;
}
