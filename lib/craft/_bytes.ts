/**
 * Helpers the packet builders share (private): addresses given as text or bytes, and the
 * pseudo-header sum of TCP, UDP and ICMPv6 checksums.
 *
 * @module
 */

import { parseIpv4, parseIpv6, parseMac } from "../address.ts";
import { foldChecksum, sumWords } from "../checksum.ts";

/** An address as text (`10.0.0.1`, `2001:db8::1`, `02:00:00:00:00:01`) or bytes. */
export type AddressInput = string | Uint8Array;

/**
 * A MAC address as six bytes.
 *
 * @param address Text or bytes.
 * @param field The field, for errors.
 * @returns Six bytes.
 */
export function macBytes(address: AddressInput, field: string): Uint8Array {
  const bytes = typeof address === "string" ? parseMac(address) : address;
  if (bytes.length !== 6) {
    throw new RangeError(`Cannot build ${field}: 6 bytes required, received ${bytes.length}`);
  }
  return bytes;
}

/**
 * An IPv4 address as four bytes.
 *
 * @param address Text or bytes.
 * @param field The field, for errors.
 * @returns Four bytes.
 */
export function ipv4Bytes(address: AddressInput, field: string): Uint8Array {
  const bytes = typeof address === "string" ? parseIpv4(address) : address;
  if (bytes.length !== 4) {
    throw new RangeError(`Cannot build ${field}: 4 bytes required, received ${bytes.length}`);
  }
  return bytes;
}

/**
 * An IPv6 address as sixteen bytes.
 *
 * @param address Text or bytes.
 * @param field The field, for errors.
 * @returns Sixteen bytes.
 */
export function ipv6Bytes(address: AddressInput, field: string): Uint8Array {
  const bytes = typeof address === "string" ? parseIpv6(address) : address;
  if (bytes.length !== 16) {
    throw new RangeError(`Cannot build ${field}: 16 bytes required, received ${bytes.length}`);
  }
  return bytes;
}

/**
 * An IPv4 or IPv6 address: text with a colon is IPv6; bytes by their length.
 *
 * @param address Text or bytes.
 * @param field The field, for errors.
 * @returns Four or sixteen bytes.
 */
export function ipBytes(address: AddressInput, field: string): Uint8Array {
  if (typeof address === "string") {
    return address.includes(":") ? parseIpv6(address) : parseIpv4(address);
  }
  if (address.length !== 4 && address.length !== 16) {
    throw new RangeError(
      `Cannot build ${field}: 4 or 16 bytes required, received ${address.length}`,
    );
  }
  return address;
}

/**
 * Checks that a number fits an unsigned field.
 *
 * @param value The number.
 * @param bits The field's width.
 * @param field The field, for errors.
 * @returns The number.
 */
export function unsigned(value: number, bits: number, field: string): number {
  const max = 2 ** bits - 1;
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`Cannot build ${field}: 0 to ${max} allowed, received ${value}`);
  }
  return value;
}

/**
 * The checksum of a transport segment over the IPv4 or IPv6 pseudo-header (RFC 793,
 * RFC 768, RFC 8200 section 8.1).
 *
 * @param segment The segment, its checksum field zero.
 * @param source The source address (4 or 16 bytes).
 * @param destination The destination address (same length).
 * @param protocol The protocol number (next header).
 * @returns The checksum to write.
 */
export function pseudoChecksum(
  segment: Uint8Array,
  source: Uint8Array,
  destination: Uint8Array,
  protocol: number,
): number {
  if (source.length !== destination.length) {
    throw new RangeError(
      "Cannot compute checksum: source and destination must both be IPv4 or both IPv6",
    );
  }
  let sum = sumWords(source, 0, source.length, 0);
  sum = sumWords(destination, 0, destination.length, sum);
  sum += protocol + (segment.length % 0x10000) + Math.floor(segment.length / 0x10000);
  return foldChecksum(sumWords(segment, 0, segment.length, sum));
}

/**
 * Writes a 16-bit checksum into a buffer, big-endian.
 *
 * @param bytes The buffer.
 * @param offset Where.
 * @param checksum The value.
 */
export function putChecksum(bytes: Uint8Array, offset: number, checksum: number): void {
  bytes[offset] = checksum >> 8;
  bytes[offset + 1] = checksum & 0xff;
}
