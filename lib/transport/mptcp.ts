/**
 * Multipath TCP options (RFC 8684, TCP option kind 30): the subtype, and the fields that
 * the subtype and the option's length make present, read where they lie in the option's
 * bytes (no copy).
 *
 * @module
 */

import { formatIpv4, formatIpv6 } from "../address.ts";

/** MPTCP option subtypes (the high four bits of the option's third byte). */
export const MptcpSubtype = {
  /** MP_CAPABLE: keys exchanged by the first subflow's handshake. */
  CAPABLE: 0,
  /** MP_JOIN: a subflow joins a connection. */
  JOIN: 1,
  /** DSS: data sequence signal (data ACK, mapping). */
  DSS: 2,
  /** ADD_ADDR: an address the host can be reached at. */
  ADD_ADDR: 3,
  /** REMOVE_ADDR: addresses no longer usable. */
  REMOVE_ADDR: 4,
  /** MP_PRIO: a subflow's priority. */
  PRIO: 5,
  /** MP_FAIL: fall back from a failed checksum. */
  FAIL: 6,
  /** MP_FASTCLOSE: close the connection at once. */
  FAST_CLOSE: 7,
} as const;

/**
 * The fields of a DSS option, in the order they follow its flags; `short` names the first
 * field the option was too short for (nothing after it is read), and `left` counts the
 * bytes after the last field (a checksum takes two of them when present).
 */
export interface MptcpDss {
  /** DATA_FIN. */
  fin: boolean;
  /** The data ACK (4 or 8 bytes), if the A flag is set. */
  ack?: bigint;
  /** The data sequence number (4 or 8 bytes), if the M flag is set. */
  sequence?: bigint;
  /** The subflow sequence number of the mapping. */
  subflowSequence?: number;
  /** The data-level length of the mapping. */
  dataLength?: number;
  /** The checksum, when two bytes follow the mapping. */
  checksum?: number;
  /** The field the option ended before, if it did. */
  short?: "ack" | "sequence" | "subflowSequence" | "dataLength";
  /** Bytes after the fields read. */
  left: number;
}

/**
 * One MPTCP option: `data[offset..offset + length)` from its kind byte on.
 *
 * @example The keys of an MP_CAPABLE option
 * ```ts
 * import { MptcpOption, MptcpSubtype } from "./mptcp.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([30, 12, 0x01, 0x81, 0, 0, 0, 0, 0, 0, 0, 7]);
 * const option = new MptcpOption(bytes, 0, 12);
 * assert.equal(option.subtype, MptcpSubtype.CAPABLE);
 * assert.equal(option.version, 1);
 * assert.equal(option.checksumRequired, true);
 * assert.equal(option.uint64(4), 7n);
 * ```
 */
export class MptcpOption {
  /**
   * Reads an option in place.
   *
   * @param data The bytes that hold it.
   * @param offset Where its kind byte is.
   * @param length Its length byte's value (the bytes it spans, at least 3).
   */
  constructor(readonly data: Uint8Array, readonly offset: number, readonly length: number) {}

  /** The subtype: a {@linkcode MptcpSubtype} value, or another for those not named. */
  get subtype(): number {
    return this.data[this.offset + 2]! >> 4;
  }

  /** MP_CAPABLE's version (the low four bits of the third byte). */
  get version(): number {
    return this.data[this.offset + 2]! & 0xf;
  }

  /** MP_CAPABLE's flag A: checksums required. */
  get checksumRequired(): boolean {
    return (this.data[this.offset + 3]! & 0x80) !== 0;
  }

  /** MP_JOIN's and MP_PRIO's backup bit. */
  get backup(): boolean {
    return (this.data[this.offset + 2]! & 0x01) !== 0;
  }

  /** The address ID of MP_JOIN, ADD_ADDR and MP_PRIO (the fourth byte). */
  get addressId(): number {
    return this.data[this.offset + 3]!;
  }

  /** ADD_ADDR's IP version and echo bits (the low four bits of the third byte). */
  get echoBits(): number {
    return this.data[this.offset + 2]! & 0xf;
  }

  /** ADD_ADDR's address, by the option's length: IPv4 up to 18 bytes, IPv6 past them. */
  get address(): string {
    return this.length <= 18
      ? formatIpv4(this.data, this.offset + 4)
      : formatIpv6(this.data, this.offset + 4);
  }

  /** REMOVE_ADDR's address IDs. */
  get removedIds(): number[] {
    return [...this.data.subarray(this.offset + 3, this.offset + this.length)];
  }

  /**
   * The fields of a DSS option.
   *
   * @returns Its flags' fields, as far as the option holds them.
   */
  dss(): MptcpDss {
    const flags = this.data[this.offset + 3]!;
    const dss: MptcpDss = { fin: (flags & 0x10) !== 0, left: this.length - 4 };
    let at = 4;
    const take = (size: number): boolean => {
      if (dss.left < size) return false;
      dss.left -= size;
      at += size;
      return true;
    };
    if ((flags & 0x01) !== 0) {
      const wide = (flags & 0x02) !== 0;
      const value = wide ? this.uint64(at) : BigInt(this.uint32(at));
      if (!take(wide ? 8 : 4)) return { ...dss, short: "ack" };
      dss.ack = value;
    }
    if ((flags & 0x04) !== 0) {
      const wide = (flags & 0x08) !== 0;
      const value = wide ? this.uint64(at) : BigInt(this.uint32(at));
      if (!take(wide ? 8 : 4)) return { ...dss, short: "sequence" };
      dss.sequence = value;
      const subflow = this.uint32(at);
      if (!take(4)) return { ...dss, short: "subflowSequence" };
      dss.subflowSequence = subflow;
      const length = this.uint16(at);
      if (!take(2)) return { ...dss, short: "dataLength" };
      dss.dataLength = length;
      if (dss.left >= 2) {
        dss.checksum = this.uint16(at);
        dss.left -= 2;
      }
    }
    return dss;
  }

  /** The big-endian 16-bit value `at` bytes into the option (0 past its end). */
  uint16(at: number): number {
    return at + 2 > this.length ? 0 : (this.#byte(at) << 8) | this.#byte(at + 1);
  }

  /** The big-endian 32-bit value `at` bytes into the option (0 past its end). */
  uint32(at: number): number {
    return at + 4 > this.length ? 0 : ((this.uint16(at) << 16) | this.uint16(at + 2)) >>> 0;
  }

  /** The big-endian 64-bit value `at` bytes into the option (0 past its end). */
  uint64(at: number): bigint {
    return at + 8 > this.length
      ? 0n
      : (BigInt(this.uint32(at)) << 32n) | BigInt(this.uint32(at + 4));
  }

  #byte(at: number): number {
    return this.data[this.offset + at] ?? 0;
  }
}
