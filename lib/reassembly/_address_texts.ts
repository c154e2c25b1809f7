/**
 * The text of stream addresses (private), kept by value: most new streams are between
 * hosts already seen, and each stream keeps its two ends as strings. One text per address
 * saves formatting it again and the memory of a copy per stream (a tenth of the time and a
 * sixth of the page faults of reassembling the benchmark capture).
 *
 * @module
 */

import type { Ipv4 } from "../net/ipv4.ts";
import type { Ipv6 } from "../net/ipv6.ts";

/** Past this many addresses of a family, its table starts over (hostile captures). */
const LIMIT = 1 << 16;

/** IPv4 texts by address; IPv6 texts by the address as a key of 8 UTF-16 code units. */
const ipv4Texts = new Map<number, string>();
const ipv6Texts = new Map<string, string>();

/**
 * The text of a packet's source or destination address, as `Ipv4.source` (or
 * `destination`) formats it.
 *
 * @param ip The IP header.
 * @param source The source address, else the destination.
 * @returns The text.
 */
export function addressText(ip: Ipv4 | Ipv6, source: boolean): string {
  if (ip.kind === "ipv4") {
    return kept(ipv4Texts, source ? ip.sourceAddress : ip.destinationAddress, ip, source);
  }
  const at = ip.offset + (source ? 8 : 24);
  const data = ip.data;
  let key = "";
  for (let i = at; i < at + 16; i += 2) key += String.fromCharCode((data[i]! << 8) | data[i + 1]!);
  return kept(ipv6Texts, key, ip, source);
}

/** The text kept under `key`, else the header's, kept. */
function kept<K>(texts: Map<K, string>, key: K, ip: Ipv4 | Ipv6, source: boolean): string {
  let text = texts.get(key);
  if (text === undefined) {
    if (texts.size >= LIMIT) texts.clear();
    texts.set(key, text = source ? ip.source : ip.destination);
  }
  return text;
}
