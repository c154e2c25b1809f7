/**
 * The RFC 4884 multi-part extension of an ICMP error message: a 4-byte header (version,
 * checksum) 128 bytes into the quoted datagram, then objects (length, class, C-Type,
 * value) such as RFC 4950's MPLS label stack and RFC 5837's interface information.
 * Private to `lib/net/`.
 *
 * @module
 */

import { foldChecksum, sumWords } from "../checksum.ts";
import { readUint32 } from "../_bytes.ts";

/** Where the extension header starts, from the ICMP header: 8 + 128 bytes (RFC 4884). */
export const ICMP_EXTENSION_OFFSET = 136;

/** One object of an ICMP extension (RFC 4884 section 7). */
export interface IcmpExtensionObject {
  /** The object's length field, in bytes, its 4-byte header included. */
  length: number;
  /** The class number: 1 MPLS label stack (RFC 4950), 2 interface information (RFC 5837). */
  classNum: number;
  /** The C-Type, whose meaning depends on the class. */
  cType: number;
  /** Where the object's value starts in the message's `data`. */
  valueOffset: number;
  /**
   * The label stack entries of an MPLS object (class 1, C-Type 1) that were captured, in
   * order; empty for other objects.
   */
  mplsEntries: IcmpMplsEntry[];
}

/** One MPLS label stack entry of an RFC 4950 object. */
export interface IcmpMplsEntry {
  /** The 20-bit label. */
  label: number;
  /** The traffic class (3 bits). */
  trafficClass: number;
  /** The bottom-of-stack bit. */
  bottomOfStack: boolean;
  /** The TTL. */
  ttl: number;
}

/** The extension structure of an ICMP destination unreachable, time exceeded or parameter problem. */
export interface IcmpExtension {
  /** Where the extension header starts in the message's `data`. */
  offset: number;
  /** The version (the high 4 bits of the first byte): 2 for RFC 4884. */
  version: number;
  /** The checksum field, when captured. */
  checksum: number | undefined;
  /**
   * Whether the checksum is correct over the extension (header and objects, to the end of
   * the message): `undefined` when the capture cut the message short.
   */
  checksumValid: boolean | undefined;
  /** The extension's length on the wire: from its header to the end of the message. */
  length: number;
  /**
   * The objects whose 4-byte header was captured, in order; the list ends after an object
   * whose length is below 4 or whose class is 0 (a walk over them would not advance).
   */
  objects: IcmpExtensionObject[];
}

/**
 * Reads the extension of the ICMP message at `offset`, whose wire length is `length` and
 * whose captured bytes end at `end`: `undefined` when the message is not longer than
 * {@linkcode ICMP_EXTENSION_OFFSET} or its extension header's first byte was not captured.
 */
export function readIcmpExtension(
  data: Uint8Array,
  offset: number,
  length: number,
  end: number,
): IcmpExtension | undefined {
  const at = offset + ICMP_EXTENSION_OFFSET;
  if (length <= ICMP_EXTENSION_OFFSET || at >= end) return undefined;
  const wireEnd = offset + length;
  const objects: IcmpExtensionObject[] = [];
  for (let object = at + 4; object + 4 <= end;) {
    const objectLength = (data[object]! << 8) | data[object + 1]!;
    const classNum = data[object + 2]!;
    const cType = data[object + 3]!;
    const mplsEntries: IcmpMplsEntry[] = [];
    if (classNum === 1 && cType === 1) {
      const stop = Math.min(end, object + Math.max(4, objectLength));
      for (let at = object + 4; at + 4 <= stop; at += 4) {
        const entry = readUint32(data, at);
        mplsEntries.push({
          label: entry >>> 12,
          trafficClass: (entry >> 9) & 7,
          bottomOfStack: (entry & 0x100) !== 0,
          ttl: entry & 0xff,
        });
      }
    }
    objects.push({ length: objectLength, classNum, cType, valueOffset: object + 4, mplsEntries });
    if (classNum === 0 || objectLength < 4) break;
    object += objectLength;
  }
  return {
    offset: at,
    version: data[at]! >> 4,
    checksum: at + 4 <= end ? (data[at + 2]! << 8) | data[at + 3]! : undefined,
    checksumValid: wireEnd <= end ? foldChecksum(sumWords(data, at, wireEnd, 0)) === 0 : undefined,
    length: length - ICMP_EXTENSION_OFFSET,
    objects,
  };
}
