/**
 * Formatting of link and IP addresses read from packet bytes.
 *
 * @module
 */

import { BYTE_HEX as HEX } from "./_hex.ts";
import { IPV6_COMPATIBLE, IPV6_MAPPED, ipv6Layout } from "./_ipv6_layout.ts";

/**
 * Formats `length` bytes as colon-separated lowercase hex, as MAC addresses are written.
 *
 * @param data The bytes.
 * @param offset Offset of the first byte.
 * @param length Number of bytes; 6 for a MAC address.
 * @returns For example `00:1b:21:3a:4f:02`.
 *
 * @example Format a MAC address
 * ```ts
 * import { formatMac } from "./address.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([0, 0x1b, 0x21, 0x3a, 0x4f, 2]);
 * assert.equal(formatMac(bytes, 0), "00:1b:21:3a:4f:02");
 * ```
 */
export function formatMac(data: Uint8Array, offset: number, length = 6): string {
  if (length <= 0) return "";
  let text = HEX[data[offset]!]!;
  for (let i = 1; i < length; i++) text += ":" + HEX[data[offset + i]!]!;
  return text;
}

/**
 * Formats four bytes as a dotted-quad IPv4 address.
 *
 * @param data The bytes.
 * @param offset Offset of the first byte.
 * @returns For example `192.0.2.1`.
 *
 * @example Format an IPv4 address
 * ```ts
 * import { formatIpv4 } from "./address.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatIpv4(new Uint8Array([192, 0, 2, 1]), 0), "192.0.2.1");
 * ```
 */
export function formatIpv4(data: Uint8Array, offset: number): string {
  return `${data[offset]}.${data[offset + 1]}.${data[offset + 2]}.${data[offset + 3]}`;
}

/**
 * Formats sixteen bytes as an IPv6 address in the canonical text form of RFC 5952:
 * lowercase, no leading zeros, the longest run of two or more zero groups as `::`,
 * and IPv4-mapped (`::ffff:0:0/96`) and IPv4-compatible (`::/96`, but not `::` or `::1`)
 * addresses with a dotted-quad tail, as inet_ntop and tcpdump write them.
 *
 * @param data The bytes.
 * @param offset Offset of the first byte.
 * @returns For example `2001:db8::1`.
 *
 * @example Format IPv6 addresses
 * ```ts
 * import { formatIpv6 } from "./address.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array(16);
 * bytes.set([0x20, 0x01, 0x0d, 0xb8]);
 * bytes[15] = 1;
 * assert.equal(formatIpv6(bytes, 0), "2001:db8::1");
 * assert.equal(formatIpv6(new Uint8Array(16), 0), "::");
 * ```
 */
export function formatIpv6(data: Uint8Array, offset: number): string {
  const layout = ipv6Layout(data, offset);
  if (layout === IPV6_COMPATIBLE) return `::${formatIpv4(data, offset + 12)}`;
  if (layout === IPV6_MAPPED) return `::ffff:${formatIpv4(data, offset + 12)}`;
  const start = layout > 0 ? layout >> 4 : -1;
  let text = "";
  for (let i = 0; i < 8; i++) {
    if (i === start) {
      text += "::";
      i += (layout & 15) - 1;
      continue;
    }
    if (text !== "" && !text.endsWith(":")) text += ":";
    text += ((data[offset + 2 * i]! << 8) | data[offset + 2 * i + 1]!).toString(16);
  }
  return text;
}

/**
 * Parses a dotted-quad IPv4 address into four bytes.
 *
 * @param text For example `192.0.2.1`.
 * @returns The four bytes.
 * @throws {SyntaxError} When the text is not a dotted quad.
 *
 * @example Parse an IPv4 address
 * ```ts
 * import { parseIpv4 } from "./address.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(parseIpv4("10.0.0.1"), new Uint8Array([10, 0, 0, 1]));
 * ```
 */
export function parseIpv4(text: string): Uint8Array {
  const parts = text.split(".");
  // Leading zeros are refused, as inet_pton() does: "010" would be octal to inet_aton().
  if (parts.length !== 4 || parts.some((p) => !/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255)) {
    throw new SyntaxError(`Cannot parse IPv4 address: received "${text}"`);
  }
  return new Uint8Array(parts.map(Number));
}

/**
 * Parses a colon-separated MAC address into six bytes.
 *
 * @param text For example `00:1b:21:3a:4f:02` (`-` separators also accepted).
 * @returns The six bytes.
 * @throws {SyntaxError} When the text is not a MAC address.
 *
 * @example Parse a MAC address
 * ```ts
 * import { parseMac } from "./address.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(parseMac("ff:ff:ff:ff:ff:ff")[0], 255);
 * ```
 */
export function parseMac(text: string): Uint8Array {
  const parts = text.split(/[:-]/);
  if (parts.length !== 6 || parts.some((p) => !/^[0-9a-fA-F]{1,2}$/.test(p))) {
    throw new SyntaxError(`Cannot parse MAC address: received "${text}"`);
  }
  return new Uint8Array(parts.map((p) => parseInt(p, 16)));
}

/**
 * Parses an IPv6 address (with `::` and an optional dotted-quad tail) into sixteen bytes.
 *
 * @param text For example `2001:db8::1` or `::ffff:192.0.2.1`.
 * @returns The sixteen bytes.
 * @throws {SyntaxError} When the text is not an IPv6 address.
 *
 * @example Parse an IPv6 address
 * ```ts
 * import { formatIpv6, parseIpv6 } from "./address.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatIpv6(parseIpv6("fe80:0:0::0:1"), 0), "fe80::1");
 * ```
 */
export function parseIpv6(text: string): Uint8Array {
  const fail = () => new SyntaxError(`Cannot parse IPv6 address: received "${text}"`);
  const halves = text.split("::");
  if (halves.length > 2) throw fail();
  // A dotted-quad tail is allowed only as the last piece of the whole address.
  const groups = (part: string, last: boolean): number[] => {
    if (part === "") return [];
    const out: number[] = [];
    const pieces = part.split(":");
    pieces.forEach((piece, i) => {
      if (last && i === pieces.length - 1 && piece.includes(".")) {
        const v4 = parseIpv4(piece);
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) {
        out.push(parseInt(piece, 16));
      } else {
        throw fail();
      }
    });
    return out;
  };
  const head = groups(halves[0]!, halves.length === 1);
  const tail = halves.length === 2 ? groups(halves[1]!, true) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) throw fail();
  const all = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  all.forEach((group, i) => {
    bytes[2 * i] = group >> 8;
    bytes[2 * i + 1] = group & 0xff;
  });
  return bytes;
}
