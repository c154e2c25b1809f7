/**
 * The body of an ICMPv6 router renumbering message (RFC 2894), read for the
 * {@linkcode Icmpv6} layer's `routerRenumbering`. Private to `lib/net/`.
 *
 * @module
 */

import { formatIpv6 } from "../address.ts";
import { readUint32 } from "../_bytes.ts";

/** A use-prefix part of a router renumbering command (RFC 2894 section 3.2). */
export interface RouterRenumberingUse {
  /** UseLen: the prefix length of the new prefix. */
  useLength: number;
  /** KeepLen: how many bits of the matched prefix to keep. */
  keepLength: number;
  /** FlagMask: the router advertisement flags the command sets. */
  flagMask: number;
  /** RAFlags: their values. */
  raFlags: number;
  /** The valid lifetime in seconds (0xffffffff: infinity). */
  validLifetime: number;
  /** The preferred lifetime in seconds (0xffffffff: infinity). */
  preferredLifetime: number;
  /** The first byte of the flags: V (0x80) and P (0x40) decrement the lifetimes. */
  flags: number;
  /** UsePrefix. */
  prefix: string;
}

/** The match-prefix part of a router renumbering command (RFC 2894 section 3.1). */
export interface RouterRenumberingMatch {
  /** OpCode: 1 add, 2 change, 3 set global. */
  opCode: number;
  /** OpLength: the length of the prefix control operation in units of 8 bytes. */
  opLength: number;
  /** Ordinal. */
  ordinal: number;
  /** MatchLen: the prefix length of the match. */
  matchLength: number;
  /** MinLen: the shortest prefix the match applies to. */
  minLength: number;
  /** MaxLen: the longest prefix the match applies to. */
  maxLength: number;
  /** MatchPrefix. */
  prefix: string;
  /** The use-prefix parts that were captured. */
  uses: RouterRenumberingUse[];
}

/** A router renumbering message after its type, code and checksum (RFC 2894 section 2). */
export interface RouterRenumbering {
  /** SequenceNumber. */
  sequenceNumber: number;
  /** SegmentNumber. */
  segmentNumber: number;
  /** Flags: T 0x80, R 0x40, A 0x20, S 0x10, P 0x08. */
  flags: number;
  /** MaxDelay in milliseconds. */
  maxDelay: number;
  /** The reserved word (normally 0). */
  reserved: number;
  /**
   * The first prefix control operation of a command (code 0): `undefined` for a result
   * or sequence number reset, or when its 24 bytes were not captured.
   */
  match: RouterRenumberingMatch | undefined;
}

/** The length of the message header, of a match-prefix part and of a use-prefix part. */
const HEADER = 16;
const MATCH = 24;
const USE = 32;

/**
 * Reads a router renumbering message.
 *
 * @param data The bytes.
 * @param offset Where the ICMPv6 message starts.
 * @param end Where its captured bytes end.
 * @param code The ICMPv6 code (0 command, 1 result, 255 sequence number reset).
 * @returns The message, or `undefined` when its 16-byte header was not captured.
 */
export function readRouterRenumbering(
  data: Uint8Array,
  offset: number,
  end: number,
  code: number,
): RouterRenumbering | undefined {
  if (offset + HEADER > end) return undefined;
  let match: RouterRenumberingMatch | undefined;
  const at = offset + HEADER;
  if (code === 0 && at + MATCH <= end) {
    const opLength = data[at + 1]!;
    const uses: RouterRenumberingUse[] = [];
    // OpLength counts the match part (3 units of 8 bytes) and each use part (4 units).
    const count = (opLength - 3) % 4 === 0 ? (opLength - 3) / 4 : 0;
    for (let i = 0, use = at + MATCH; i < count && use + USE <= end; i++, use += USE) {
      uses.push({
        useLength: data[use]!,
        keepLength: data[use + 1]!,
        flagMask: data[use + 2]!,
        raFlags: data[use + 3]!,
        validLifetime: readUint32(data, use + 4),
        preferredLifetime: readUint32(data, use + 8),
        flags: data[use + 12]!,
        prefix: formatIpv6(data, use + 16),
      });
    }
    match = {
      opCode: data[at]!,
      opLength,
      ordinal: data[at + 2]!,
      matchLength: data[at + 3]!,
      minLength: data[at + 4]!,
      maxLength: data[at + 5]!,
      prefix: formatIpv6(data, at + 8),
      uses,
    };
  }
  return {
    sequenceNumber: readUint32(data, offset + 4),
    segmentNumber: data[offset + 8]!,
    flags: data[offset + 9]!,
    maxDelay: (data[offset + 10]! << 8) | data[offset + 11]!,
    reserved: readUint32(data, offset + 12),
    match,
  };
}
