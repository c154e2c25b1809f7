/**
 * How inet_ntop() lays out the text of an IPv6 address, shared by `formatIpv6()` and the
 * printer's byte writer.
 *
 * @module
 */

/** An IPv4-compatible address (`::/96`, but not `::` or `::1`): `::a.b.c.d`. */
export const IPV6_COMPATIBLE = -1;
/** An IPv4-mapped address (`::ffff:0:0/96`): `::ffff:a.b.c.d`. */
export const IPV6_MAPPED = -2;

/**
 * The layout of an IPv6 address's text: {@linkcode IPV6_COMPATIBLE}, {@linkcode IPV6_MAPPED},
 * or the longest run of two or more zero groups (the first of equal ones), written `::`,
 * as `16 * first group + groups`; 0 when there is none.
 */
export function ipv6Layout(data: Uint8Array, offset: number): number {
  let bestStart = -1;
  let bestLength = 1;
  let runStart = -1;
  for (let i = 0; i < 8; i++) {
    const zero = data[offset + 2 * i] === 0 && data[offset + 2 * i + 1] === 0;
    if (zero) {
      if (runStart < 0) runStart = i;
      if (i - runStart + 1 > bestLength) {
        bestStart = runStart;
        bestLength = i - runStart + 1;
      }
    } else {
      runStart = -1;
    }
  }
  if (bestStart < 0) return 0;
  if (bestStart === 0 && bestLength === 6) return IPV6_COMPATIBLE;
  if (
    bestStart === 0 && bestLength === 5 && data[offset + 10] === 0xff && data[offset + 11] === 0xff
  ) {
    return IPV6_MAPPED;
  }
  return 16 * bestStart + bestLength;
}
