/**
 * Traffic-engineering bandwidths (IEEE single-precision bytes per second, in IS-IS and
 * OSPF TE sub-TLVs and BGP link bandwidth communities) as tcpdump prints them. Private to
 * `lib/print/`.
 *
 * @module
 */

/**
 * The bandwidth at `at` as tcpdump's `%.3f Mbps` of `bw.f * 8 / 1000000`: computed in single
 * precision, as the C expression is, with printf's rounding of a tie to even and its `nan`
 * and `inf`.
 *
 * @param d The bytes.
 * @param at The float's offset.
 * @returns The text, such as `100.000 Mbps`.
 */
export function mbps(d: Uint8Array, at: number): string {
  const f = new DataView(d.buffer, d.byteOffset + at, 4).getFloat32(0);
  const x = Math.fround(Math.fround(f * 8) / 1000000);
  const negative = (d[at]! & 0x80) !== 0;
  if (Number.isNaN(x)) return `${negative ? "-" : ""}nan Mbps`;
  if (!Number.isFinite(x)) return `${negative ? "-" : ""}inf Mbps`;
  // A float times 1000 is exact in a double: a tie is exactly .5.
  const scaled = x * 1000;
  if (Math.abs(scaled % 1) === 0.5) {
    const low = Math.floor(scaled);
    const even = low % 2 === 0 ? low : low + 1;
    return `${(even / 1000).toFixed(3)} Mbps`;
  }
  return `${x.toFixed(3)} Mbps`;
}
