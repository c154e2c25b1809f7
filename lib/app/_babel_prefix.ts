/**
 * Babel's addresses and prefixes, read and formatted as tcpdump's print-babel.c does:
 * the address encodings (AE 0 to 3) with Update prefix compression, and their text.
 * Private to the Babel decoder.
 *
 * @module
 */

import { formatIpv4, formatIpv6 } from "../address.ts";

/** The first 12 bytes of an IPv4-mapped IPv6 address, where AE 1 puts an IPv4 address. */
export const V4_PREFIX: readonly number[] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

/**
 * tcpdump's network_prefix(): the 16 bytes of the prefix of `plen` bits (an address when
 * `plen` is -1) in encoding `ae` into `out`, its first `omitted` bytes from `previous`.
 *
 * @returns The bytes read at `at`, or -1 when the encoding or the length is wrong.
 */
export function networkPrefix(
  ae: number,
  plen: number,
  omitted: number,
  data: Uint8Array,
  at: number,
  available: number,
  previous: Uint8Array | undefined,
  out: Uint8Array,
): number {
  const pb = plen >= 0 ? (plen + 7) >> 3 : ae === 1 ? 4 : 16;
  if (pb > 16) return -1;
  out.fill(0);
  let consumed = 0;
  switch (ae) {
    case 0:
      break;
    case 1:
    case 2: {
      // IPv4 fills the last 4 bytes of an IPv4-mapped address.
      const base = ae === 1 ? 12 : 0;
      if (omitted > 16 - base || (ae === 1 && pb > 4)) return -1;
      if (pb > omitted && available < pb - omitted) return -1;
      if (ae === 1) out.set(V4_PREFIX);
      if (omitted) {
        if (previous === undefined) return -1;
        out.set(previous.subarray(0, base + omitted));
      }
      if (pb > omitted) {
        out.set(data.subarray(at, at + pb - omitted), base + omitted);
        consumed = pb - omitted;
      }
      break;
    }
    case 3:
      if (pb > 8 && available < pb - 8) return -1;
      out[0] = 0xfe;
      out[1] = 0x80;
      if (pb > 8) {
        out.set(data.subarray(at, at + pb - 8), 8);
        consumed = pb - 8;
      }
      break;
    default:
      return -1;
  }
  return consumed;
}

function isV4Mapped(bytes: Uint8Array): boolean {
  for (let k = 0; k < 12; k++) if (bytes[k] !== V4_PREFIX[k]) return false;
  return true;
}

/** An address: IPv4 when its 16 bytes are IPv4-mapped (tcpdump's format_address()). */
export function formatAddress(bytes: Uint8Array): string {
  return isV4Mapped(bytes) ? formatIpv4(bytes, 12) : formatIpv6(bytes, 0);
}

/**
 * A prefix of `plen` bits in encoding `ae` (IPv4's counted from the IPv4-mapped address's
 * start, in tcpdump's byte): IPv4 when IPv4-mapped and at least 96 bits long
 * (format_prefix()).
 */
export function formatPrefix(bytes: Uint8Array, ae: number, plen: number): string {
  const bits = (plen + (ae === 1 ? 96 : 0)) & 0xff;
  return bits >= 96 && isV4Mapped(bytes)
    ? `${formatIpv4(bytes, 12)}/${bits - 96}`
    : `${formatIpv6(bytes, 0)}/${bits}`;
}

/** A router ID: 8 bytes in hex, colon-separated. */
export function formatId(data: Uint8Array, at: number): string {
  let text = "";
  for (let k = 0; k < 8; k++) text += (k ? ":" : "") + data[at + k]!.toString(16).padStart(2, "0");
  return text;
}
