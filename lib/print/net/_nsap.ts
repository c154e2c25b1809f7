/**
 * OSI addresses as tcpdump's isonsap_string() writes them, for IS-IS, CLNP, ES-IS and
 * BGP's NSAP next hops and prefixes. Private to `lib/print/`.
 *
 * @module
 */

import { hex2 } from "../../_hex.ts";

/**
 * An NSAP (an IS-IS area address, a CLNP or ES-IS address, a BGP next hop or prefix) as
 * isonsap_string() writes it: `49.0014`.
 */
export function nsap(d: Uint8Array, at: number, length: number): string {
  if (length < 1 || length > 20) return "isonsap_string: illegal length";
  let text = "";
  for (let i = 0; i < length; i++) {
    text += hex2(d[at + i]!);
    if ((i & 1) === 0 && i + 1 < length) text += ".";
  }
  return text;
}
