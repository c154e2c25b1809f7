/**
 * The TLVs of OSPFv2 opaque LSAs (RFC 5250): Traffic Engineering (RFC 3630, with the link
 * sub-TLVs of RFC 4203 and RFC 4124), Graceful Restart (RFC 3623) and Router Information,
 * walked as tcpdump's ospf_te_lsa_print(), ospf_grace_lsa_print() and the RI loop of
 * ospf_print_lsa() walk them. Private to the OSPF decoder.
 *
 * @module
 */

import { readUint16 } from "../_bytes.ts";

/** Opaque types whose TLVs are walked. */
export const OpaqueType = { TE: 1, GRACE: 3, ROUTER_INFORMATION: 4 } as const;

/** A TLV, or a sub-TLV of a TE Link TLV. */
export interface OspfOpaqueTlv {
  /** `true` for a sub-TLV of a TE Link TLV. */
  readonly sub: boolean;
  /** The type. */
  readonly type: number;
  /** The length field (the value's bytes, before padding to 4). */
  readonly length: number;
  /** Where the value starts. */
  readonly valueAt: number;
}

/**
 * Why a walk ended before the LSA's end: the numbers are what tcpdump prints with each.
 * `remaining-ls`: fewer than 4 bytes left for a TLV; `bogus-length`: a TLV past the LSA;
 * `zero`: a TLV of type or length 0; `remaining-tlv`: fewer than 4 bytes left in a Link TLV
 * for a sub-TLV; `zero-sub`: a sub-TLV of type or length 0; `sub-past-tlv`: a sub-TLV past
 * its TLV; `padding-past-tlv`: the same found after its value, with its padding;
 * `router-short`: a Router Address TLV under 4 bytes; `bogus-padded`: a TLV's padding past
 * the LSA; `truncated`: the capture ended where tcpdump checks the
 * bounds first (it ends the LSA's print); `cut`: the capture ended where tcpdump reads
 * without checking (it ends the packet's print).
 */
export interface OspfOpaqueStop {
  /** The reason. */
  readonly reason:
    | "remaining-ls"
    | "bogus-length"
    | "zero"
    | "remaining-tlv"
    | "zero-sub"
    | "sub-past-tlv"
    | "padding-past-tlv"
    | "router-short"
    | "bogus-padded"
    | "truncated"
    | "cut";
  /** Whether it stopped at the last TLV listed, before its value. */
  readonly beforeValue: boolean;
  /** The numbers tcpdump prints with the reason. */
  readonly values: readonly number[];
}

/** The TLVs of an opaque LSA, in order, and what ended the walk early. */
export interface OspfOpaqueTlvs {
  /** The TLVs, each Link TLV followed by its sub-TLVs. */
  readonly tlvs: readonly OspfOpaqueTlv[];
  /** Why the walk stopped before the LSA's end, if it did. */
  readonly stop?: OspfOpaqueStop;
}

/** The length padded to 4 bytes. */
function padded(length: number): number {
  return length % 4 === 0 ? length : length + 4 - (length % 4);
}

/**
 * Walks the TLVs of an opaque LSA body of `length` bytes at `at` (the LSA's length less its
 * header), as tcpdump walks the opaque type's TLVs.
 *
 * @param d The packet bytes.
 * @param at The body's offset.
 * @param length The body's length.
 * @param end Where the captured bytes end.
 * @param opaqueType The LSA's opaque type (1, 3 or 4).
 * @returns The TLVs and the reason the walk stopped early, if it did.
 */
export function readOpaqueTlvs(
  d: Uint8Array,
  at: number,
  length: number,
  end: number,
  opaqueType: number,
): OspfOpaqueTlvs {
  const tlvs: OspfOpaqueTlv[] = [];
  const stop = (
    reason: OspfOpaqueStop["reason"],
    beforeValue: boolean,
    ...values: number[]
  ): OspfOpaqueTlvs => ({ tlvs, stop: { reason, beforeValue, values } });
  const te = opaqueType === OpaqueType.TE;
  let left = length;
  let p = at;
  while (left !== 0) {
    if (p + 4 > end) return stop("truncated", false);
    if (left < 4) return stop("remaining-ls", false, left);
    const type = readUint16(d, p);
    let tlvLength = readUint16(d, p + 2);
    p += 4;
    left -= 4;
    tlvs.push({ sub: false, type, length: tlvLength, valueAt: p });
    if (tlvLength > left) return stop("bogus-length", true, tlvLength, left);
    // TE and Graceful Restart stop at a zero type or length; Router Information does not.
    if (opaqueType !== OpaqueType.ROUTER_INFORMATION && (type === 0 || tlvLength === 0)) {
      return stop("zero", true);
    }
    if (!te && p + tlvLength > end) return stop("truncated", true);
    if (te && type === 2) {
      // A Link TLV: its sub-TLVs, each padded to 4 bytes.
      while (tlvLength !== 0) {
        if (tlvLength < 4) return stop("remaining-tlv", false, tlvLength);
        if (p + 4 > end) return stop("cut", false);
        const subType = readUint16(d, p);
        const subLength = readUint16(d, p + 2);
        p += 4;
        tlvLength -= 4;
        if (subType === 0 || subLength === 0) return stop("zero-sub", false);
        tlvs.push({ sub: true, type: subType, length: subLength, valueAt: p });
        if (tlvLength < subLength) return stop("sub-past-tlv", true, tlvLength + 4, subLength + 4);
        if (p + subLength > end) return stop("truncated", true);
        const size = padded(subLength);
        if (tlvLength < size) return stop("padding-past-tlv", false, tlvLength + 4, size + 4);
        tlvLength -= size;
        p += size;
        // tcpdump's Shared Risk Link Group print moves its pointer over the groups, and the
        // loop moves it over the sub-TLV again: the next sub-TLV is read that much later.
        if (subType === 16 && subLength % 4 === 0) p += subLength;
      }
      continue;
    }
    if (te && type === 1 && tlvLength < 4) return stop("router-short", true, tlvLength);
    if (te && type === 1 && p + 4 > end) return stop("cut", true);
    const size = te || opaqueType === OpaqueType.GRACE ? padded(tlvLength) : tlvLength;
    if (te && size > left) return stop("bogus-padded", false, size, left);
    // tcpdump's count is unsigned: Graceful Restart's padding past the LSA wraps it, and the
    // walk goes on until a bounds check fails.
    left = (left - size) >>> 0;
    p += size;
  }
  return { tlvs };
}
