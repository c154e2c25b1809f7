/**
 * Timestamps of capture records: `bigint` nanoseconds since the Unix epoch, and
 * conversions to and from other representations.
 *
 * @module
 */

const NS_PER_SECOND = 1_000_000_000n;

/**
 * Converts a timestamp in nanoseconds since the epoch to a `Date` (millisecond precision,
 * rounded down).
 *
 * @param timestamp Nanoseconds since the Unix epoch.
 * @returns The date, rounded down to the millisecond.
 *
 * @example Convert a record timestamp to a Date
 * ```ts
 * import { timestampToDate } from "./timestamp.ts";
 * import assert from "node:assert/strict";
 *
 * const date = timestampToDate(1_700_000_000_123_456_789n);
 * assert.equal(date.toISOString(), "2023-11-14T22:13:20.123Z");
 * ```
 */
export function timestampToDate(timestamp: bigint): Date {
  return new Date(Number(floorDiv(timestamp, 1_000_000n)));
}

/**
 * Converts a timestamp in nanoseconds since the epoch to seconds as a floating-point number
 * (about microsecond precision for present-day dates).
 *
 * @param timestamp Nanoseconds since the Unix epoch.
 * @returns Seconds since the Unix epoch.
 *
 * @example Seconds with a fraction
 * ```ts
 * import { timestampToSeconds } from "./timestamp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(timestampToSeconds(1_500_000_000n), 1.5);
 * ```
 */
export function timestampToSeconds(timestamp: bigint): number {
  const seconds = floorDiv(timestamp, NS_PER_SECOND);
  return Number(seconds) + Number(timestamp - seconds * NS_PER_SECOND) / 1e9;
}

/**
 * Builds a timestamp from whole seconds and nanoseconds, as held by a {@linkcode CaptureBatch}.
 *
 * @param seconds Whole seconds since the Unix epoch (an integer).
 * @param nanoseconds Nanoseconds within the second.
 * @returns Nanoseconds since the Unix epoch.
 *
 * @example From seconds and nanoseconds
 * ```ts
 * import { timestampFromParts } from "./timestamp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(timestampFromParts(2, 5), 2_000_000_005n);
 * ```
 */
export function timestampFromParts(seconds: number, nanoseconds: number): bigint {
  return BigInt(seconds) * NS_PER_SECOND + BigInt(nanoseconds);
}

/**
 * Converts a `Date` to a timestamp in nanoseconds since the epoch.
 *
 * @param date The date.
 * @returns Nanoseconds since the Unix epoch.
 *
 * @example From a Date
 * ```ts
 * import { timestampFromDate } from "./timestamp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(timestampFromDate(new Date(1500)), 1_500_000_000n);
 * ```
 */
export function timestampFromDate(date: Date): bigint {
  return BigInt(date.getTime()) * 1_000_000n;
}

/**
 * The unit of the timestamps of a pcapng interface: `base ** -exponent` seconds, where the
 * base is 10 or 2 (the `if_tsresol` option).
 */
export interface TimestampResolution {
  /** 10 for a decimal resolution, 2 for a binary one. */
  readonly base: 10 | 2;
  /** The negated power of the base: 6 with base 10 means microseconds. */
  readonly exponent: number;
}

/**
 * Converts a count of `resolution` units since the epoch to nanoseconds, exactly, rounding
 * down when the unit is finer than a nanosecond.
 *
 * @param units The count of units (the 64-bit pcapng timestamp).
 * @param resolution The unit.
 * @returns Nanoseconds since the Unix epoch.
 *
 * @example Units of 2^-30 seconds
 * ```ts
 * import { unitsToNanoseconds } from "./timestamp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(unitsToNanoseconds(3n << 29n, { base: 2, exponent: 30 }), 1_500_000_000n);
 * assert.equal(unitsToNanoseconds(1_234n, { base: 10, exponent: 6 }), 1_234_000n);
 * ```
 */
export function unitsToNanoseconds(units: bigint, resolution: TimestampResolution): bigint {
  const { base, exponent } = resolution;
  if (base === 2) return floorDiv(units * NS_PER_SECOND, 1n << BigInt(exponent));
  if (exponent <= 9) return units * 10n ** BigInt(9 - exponent);
  return floorDiv(units, 10n ** BigInt(exponent - 9));
}

/**
 * Converts nanoseconds since the epoch to a count of `resolution` units, rounding down.
 *
 * @param timestamp Nanoseconds since the Unix epoch.
 * @param resolution The unit.
 * @returns The count of units.
 *
 * @example To microseconds
 * ```ts
 * import { nanosecondsToUnits } from "./timestamp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(nanosecondsToUnits(1_234_999n, { base: 10, exponent: 6 }), 1_234n);
 * ```
 */
export function nanosecondsToUnits(timestamp: bigint, resolution: TimestampResolution): bigint {
  const { base, exponent } = resolution;
  if (base === 2) return floorDiv(timestamp << BigInt(exponent), NS_PER_SECOND);
  if (exponent <= 9) return floorDiv(timestamp, 10n ** BigInt(9 - exponent));
  return timestamp * 10n ** BigInt(exponent - 9);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b < 0n ? q - 1n : q;
}

/**
 * The proleptic Gregorian date of a day counted from 1970-01-01 (day 0), for any day a
 * 64-bit timestamp can hold (`Date` stops at year 275760): the civil-from-days algorithm,
 * by 400-year eras.
 *
 * @param days Days since 1970-01-01 (negative before it); an integer.
 * @returns The year (astronomical: 0 is 1 BC), the month (1-12) and the day (1-31).
 *
 * @example The date of day 19,675
 * ```ts
 * import { civilDate } from "./timestamp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(civilDate(19_675), [2023, 11, 14]);
 * assert.deepEqual(civilDate(-1), [1969, 12, 31]);
 * assert.deepEqual(civilDate(106_751_991_167_300), [292_277_026_596, 12, 4]);
 * ```
 */
export function civilDate(days: number): [year: number, month: number, day: number] {
  const shifted = days + 719_468; // days from 0000-03-01 to 1970-01-01
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) -
    Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153); // March is 0
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/**
 * The fraction libpcap hands its reader for a pcap record's raw fraction field, at the
 * reader's precision: a field of the other unit is scaled in 32-bit C arithmetic (a signed
 * division by 1000, a multiplication by 1000 that wraps) and read back unsigned, as tcpdump
 * prints it and `pcap_dump()` writes it. Only an invalid field (a second or more) differs
 * from the carried-over fraction.
 *
 * @param field The fraction field of the record.
 * @param fieldNano Whether the field counts nanoseconds (else microseconds).
 * @param nano Whether the reader wants nanoseconds (else microseconds).
 * @returns The fraction at the reader's precision.
 *
 * @example A nanosecond field of 2^31 read at microsecond precision
 * ```ts
 * import { libpcapFraction } from "./timestamp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(libpcapFraction(2147483648, true, false), 4292819813);
 * assert.equal(libpcapFraction(1000000, false, false), 1000000);
 * ```
 */
export function libpcapFraction(field: number, fieldNano: boolean, nano: boolean): number {
  if (fieldNano === nano) return field;
  return nano ? Math.imul(field | 0, 1000) >>> 0 : Math.trunc((field | 0) / 1000) >>> 0;
}
