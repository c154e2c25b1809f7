/**
 * IPv4 options (RFC 791 and the IANA "IP Option Numbers" registry): the option types, their
 * typed values and the option walk of {@linkcode Ipv4}. Re-exported by `ipv4.ts`.
 *
 * @module
 */

import { formatIpv4 } from "../address.ts";
import { constantNames } from "../_constant_names.ts";

/**
 * IPv4 option types (the whole type octet: copied flag, class and number) that wirekit
 * names, from the IANA "IP Option Numbers" registry.
 *
 * @example Compare an option type
 * ```ts
 * import { Ipv4OptionType } from "./ipv4.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(Ipv4OptionType.RTRALT, 148);
 * ```
 */
export const Ipv4OptionType = {
  /** End of option list. */
  EOL: 0,
  /** No operation (padding between options). */
  NOP: 1,
  /** Record route. */
  RR: 7,
  /** Probe MTU (RFC 1063, historic). */
  MTUP: 11,
  /** Reply MTU (RFC 1063, historic). */
  MTUR: 12,
  /** Quick-Start (RFC 4782). */
  QS: 25,
  /** Timestamp. */
  TS: 68,
  /** Traceroute (RFC 1393). */
  TR: 82,
  /** Basic security (RFC 1108). */
  SEC: 130,
  /** Loose source and record route. */
  LSRR: 131,
  /** Extended security (RFC 1108). */
  ESEC: 133,
  /** Commercial IP security option. */
  CIPSO: 134,
  /** Stream identifier (historic). */
  SID: 136,
  /** Strict source and record route. */
  SSRR: 137,
  /** Router alert (RFC 2113). */
  RTRALT: 148,
} as const;

/** An IPv4 option type that wirekit names. */
export type Ipv4OptionType = typeof Ipv4OptionType[keyof typeof Ipv4OptionType];

const optionNames = constantNames(Ipv4OptionType);

/**
 * The route of a record route (RR), loose (LSRR) or strict (SSRR) source route option.
 */
export interface Ipv4Route {
  /** The pointer octet: the 1-based offset in the option of the next address slot. */
  readonly pointer: number;
  /**
   * The addresses of the slots from the option's fourth byte, one per 4 bytes while a slot
   * starts inside the option (a last slot can run past a malformed length).
   */
  readonly addresses: readonly string[];
  /** The captured bytes (or the IP packet) end inside a slot; `addresses` stops before it. */
  readonly truncated: boolean;
}

/** One entry of a timestamp option. */
export interface Ipv4TimestampEntry {
  /** The address, for the flags that record one (1 and 3). */
  readonly address?: string;
  /** The timestamp (milliseconds since midnight UT, or any value with the high bit set). */
  readonly timestamp: number;
}

/** The contents of a timestamp option (RFC 791). */
export interface Ipv4Timestamps {
  /** The pointer octet: the 1-based offset in the option of the next free entry. */
  readonly pointer: number;
  /** The overflow count: hops that could not record a timestamp. */
  readonly overflow: number;
  /** The flag: 0 timestamps only, 1 address and timestamp, 3 prespecified addresses. */
  readonly flag: number;
  /** The entries, 4 bytes each (flag 0) or 8 (otherwise), while one starts in the option. */
  readonly entries: readonly Ipv4TimestampEntry[];
  /** The captured bytes (or the IP packet) end inside an entry; `entries` stops before it. */
  readonly truncated: boolean;
}

/** One IPv4 option, as {@linkcode Ipv4.options} returns it. */
export interface Ipv4Option {
  /** The option type octet. */
  readonly type: number;
  /** The {@linkcode Ipv4OptionType} name, such as `RR`, or `unknown`. */
  readonly name: string;
  /**
   * The option's length in bytes, type and length octets included (1 for EOL and NOP); for
   * a malformed option, its length octet as sent (0 when the packet ends before it).
   */
  readonly length: number;
  /** Offset of the option's type octet in the layer's `data`. */
  readonly offset: number;
  /** The option's value, after its type and length octets (a view, not a copy). */
  readonly data: Uint8Array;
  /**
   * Set on the last option of the list when its length is impossible: below 2, or past the
   * end of the header (then `data` runs to the end of the header).
   */
  readonly malformed?: true;
  /** RR, LSRR and SSRR: the route (when the option has its pointer). */
  readonly route?: Ipv4Route;
  /** TS: the timestamps (when the option has its pointer and flags). */
  readonly timestamps?: Ipv4Timestamps;
  /** Router alert (RTRALT, at least 4 bytes): the value. */
  readonly routerAlert?: number;
}

function readRoute(data: Uint8Array, at: number, length: number, limit: number): Ipv4Route {
  const addresses: string[] = [];
  let truncated = false;
  for (let slot = 3; slot < length; slot += 4) {
    if (at + slot + 4 > limit) {
      truncated = true;
      break;
    }
    addresses.push(formatIpv4(data, at + slot));
  }
  return { pointer: data[at + 2]!, addresses, truncated };
}

function readTimestamps(
  data: Uint8Array,
  at: number,
  length: number,
  limit: number,
): Ipv4Timestamps {
  const flag = data[at + 3]! & 0x0f;
  const size = flag === 0 ? 4 : 8;
  const entries: Ipv4TimestampEntry[] = [];
  let truncated = false;
  for (let slot = 4; slot < length; slot += size) {
    if (at + slot + size > limit) {
      truncated = true;
      break;
    }
    const p = at + slot + size - 4;
    const timestamp = ((data[p]! << 24) | (data[p + 1]! << 16) | (data[p + 2]! << 8) |
      data[p + 3]!) >>> 0;
    entries.push(size === 8 ? { address: formatIpv4(data, at + slot), timestamp } : { timestamp });
  }
  return { pointer: data[at + 2]!, overflow: data[at + 3]! >> 4, flag, entries, truncated };
}

/** The option at `i` of `length` bytes, with the typed value of the kinds that have one. */
function readOption(
  data: Uint8Array,
  i: number,
  type: number,
  length: number,
  limit: number,
): Ipv4Option {
  const option = {
    type,
    name: optionNames.get(type) ?? "unknown",
    length,
    offset: i,
    data: data.subarray(i + 2, i + length),
  };
  switch (type) {
    case Ipv4OptionType.RR:
    case Ipv4OptionType.LSRR:
    case Ipv4OptionType.SSRR:
      return length < 3 ? option : { ...option, route: readRoute(data, i, length, limit) };
    case Ipv4OptionType.TS:
      return length < 4
        ? option
        : { ...option, timestamps: readTimestamps(data, i, length, limit) };
    case Ipv4OptionType.RTRALT:
      return length < 4 ? option : { ...option, routerAlert: (data[i + 2]! << 8) | data[i + 3]! };
    default:
      return option;
  }
}

/**
 * Walks the options in `data[start..end)`: appends each to `out` when given, and returns
 * `false` when an option's length is impossible (the walk stops there, and its entry is
 * marked `malformed`). `limit` is where the readable bytes end, for the values of options.
 * Every step consumes at least one byte, so the walk ends.
 */
export function walkOptions(
  data: Uint8Array,
  start: number,
  end: number,
  limit: number,
  out: Ipv4Option[] | undefined,
): boolean {
  let i = start;
  while (i < end) {
    const type = data[i]!;
    if (type === Ipv4OptionType.EOL || type === Ipv4OptionType.NOP) {
      out?.push({
        type,
        name: optionNames.get(type)!,
        length: 1,
        offset: i,
        data: data.subarray(i + 1, i + 1),
      });
      if (type === Ipv4OptionType.EOL) return true;
      i++;
      continue;
    }
    // The length octet can lie past the header (tcpdump reads it there too).
    const length = i + 1 < limit ? data[i + 1]! : 0;
    if (i + 1 >= end || length < 2 || i + length > end) {
      out?.push({
        type,
        name: optionNames.get(type) ?? "unknown",
        length,
        offset: i,
        data: data.subarray(Math.min(i + 2, end), end),
        malformed: true,
      });
      return false;
    }
    out?.push(readOption(data, i, type, length, limit));
    i += length;
  }
  return true;
}

/**
 * The final destination of a loose or strict source route: the offset of the last address
 * of the first LSRR or SSRR option (of 7 bytes or more), or -1. tcpdump's ip_finddst().
 */
export function sourceRouteDestination(data: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const type = data[i]!;
    if (type === Ipv4OptionType.EOL) return -1;
    if (type === Ipv4OptionType.NOP) {
      i++;
      continue;
    }
    if (i + 1 >= end) return -1;
    const length = data[i + 1]!;
    if (length < 2 || i + length > end) return -1;
    if ((type === Ipv4OptionType.LSRR || type === Ipv4OptionType.SSRR) && length >= 7) {
      return i + length - 4;
    }
    i += length;
  }
  return -1;
}
