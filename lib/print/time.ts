/**
 * tcpdump's timestamps.
 *
 * @module
 */

import type { TimestampFormat } from "./context.ts";
import { ByteWriter, putPadded } from "./_writer.ts";
import { two } from "./_shared.ts";
import { civilDate, libpcapFraction } from "../formats/timestamp.ts";
import type { OversizedFraction } from "../formats/capture_reader.ts";

const ERROR = "[Error converting time]";

/** Whether tcpdump converts a time: the low 32 bits of its seconds, as a C `int`, are not negative. */
function convertible(seconds: number): boolean {
  if (seconds >= 0 && seconds < 2 ** 31) return true;
  return ((seconds % 2 ** 32) + 2 ** 32) % 2 ** 32 < 2 ** 31;
}

/**
 * Writes timestamps as tcpdump does, keeping what the formats need across packets: the
 * first and previous timestamps (`-ttt`, `-ttttt`) and the local-time offset and date of
 * the current minute and day.
 *
 * @example Print Unix seconds, as `tcpdump -tt`
 * ```ts
 * import { TimestampPrinter } from "./time.ts";
 * import { ByteWriter } from "./_writer.ts";
 * import assert from "node:assert/strict";
 *
 * const out = new ByteWriter();
 * new TimestampPrinter("unix", false, true).write(out, 1_369_953_917, 270_862_999);
 * assert.equal(out.text(), "1369953917.270862 ");
 * ```
 */
export class TimestampPrinter {
  readonly #timestamps: TimestampFormat;
  readonly #nano: boolean;
  readonly #utc: boolean;
  #referenceSeconds = 0;
  #referenceFraction = 0;
  #offsetMinute = NaN;
  #offsetSeconds = 0;
  #dateDay = NaN;
  #dateText = "";
  /** What {@linkcode TimestampPrinter.#local} writes before the fraction, for one second. */
  readonly #prefix = new ByteWriter(64);
  /** The prefix's bytes, copied out of the writer. */
  #prefixBytes = new Uint8Array(0);
  #prefixSecond = NaN;
  #prefixConverted = false;

  /**
   * Makes a timestamp printer.
   *
   * @param timestamps The format.
   * @param nano Nanoseconds (`--nano`) instead of microseconds.
   * @param utc UTC instead of the local time zone.
   */
  constructor(timestamps: TimestampFormat, nano: boolean, utc: boolean) {
    this.#timestamps = timestamps;
    this.#nano = nano;
    this.#utc = utc;
  }

  /**
   * Writes the timestamp of one packet and the space after it (nothing for `"none"`).
   *
   * @param out Where to write.
   * @param seconds Seconds since the Unix epoch.
   * @param nanoseconds Nanoseconds within the second.
   * @param oversized The raw fields of an invalid pcap timestamp, which the absolute
   * formats print as they are (a fraction of more digits), as tcpdump does.
   */
  write(
    out: ByteWriter,
    seconds: number,
    nanoseconds: number,
    oversized?: OversizedFraction,
  ): void {
    const nano = this.#nano;
    let fraction = nano ? nanoseconds : Math.floor(nanoseconds / 1000);
    const digits = nano ? 9 : 6;
    const timestamps = this.#timestamps;
    if (
      oversized !== undefined &&
      (timestamps === "time" || timestamps === "unix" || timestamps === "date")
    ) {
      seconds = oversized.seconds;
      fraction = libpcapFraction(oversized.fraction, oversized.nano, nano);
    }
    switch (timestamps) {
      case "none":
        return;
      case "time":
        this.#local(out, seconds, fraction, digits, false);
        return;
      case "unix":
        // tcpdump prints the seconds as a 32-bit unsigned number.
        if (!convertible(seconds)) out.ascii(ERROR);
        else {
          out.uint(seconds % 2 ** 32);
          out.byte(0x2e);
          out.padded(fraction, digits);
        }
        out.byte(0x20);
        return;
      case "date":
        this.#local(out, seconds, fraction, digits, true);
        return;
      case "delta":
      case "since-first": {
        // tcpdump's reference: the first packet (or, with -ttt, the previous one), where a
        // reference at exactly the epoch counts as not set yet.
        if (this.#referenceSeconds === 0 && this.#referenceFraction === 0) {
          this.#referenceSeconds = seconds;
          this.#referenceFraction = fraction;
        }
        let s = seconds - this.#referenceSeconds;
        let f = fraction - this.#referenceFraction;
        if (this.#timestamps === "delta") {
          this.#referenceSeconds = seconds;
          this.#referenceFraction = fraction;
        }
        const scale = nano ? 1e9 : 1e6;
        let negative = false;
        if (s < 0 || (s === 0 && f < 0)) {
          negative = true;
          s = -s;
          f = -f;
        }
        if (f < 0) {
          s -= 1;
          f += scale;
        }
        out.byte(negative ? 0x2d : 0x20);
        // tcpdump formats the delta as a UTC time of day: whole days drop out.
        if (!convertible(s)) out.ascii(ERROR);
        else {
          this.#clock(out, s % 86400);
          out.padded(f, digits);
        }
        out.byte(0x20);
        return;
      }
    }
  }

  /**
   * Writes a local time of day, with the date before it for `-tttt`, as tcpdump's
   * ts_date_hmsfrac_print() does, and the space after it. All but the fraction is the same
   * for a whole second, so it is formatted once per second and copied.
   */
  #local(out: ByteWriter, seconds: number, fraction: number, digits: number, date: boolean) {
    if (seconds !== this.#prefixSecond) {
      const prefix = this.#prefix;
      prefix.length = 0;
      this.#prefixConverted = this.#localPrefix(prefix, seconds, date);
      this.#prefixBytes = prefix.bytes.slice(0, prefix.length);
      this.#prefixSecond = seconds;
    }
    // The prefix, the fraction (at most 10 digits: a raw field) and the space after them.
    const from = this.#prefixBytes;
    const n = from.length;
    out.reserve(n + 11);
    const to = out.bytes;
    let p = out.length;
    for (let i = 0; i < n; i++) to[p++] = from[i]!;
    if (this.#prefixConverted) p = putPadded(to, p, fraction, digits);
    to[p++] = 0x20;
    out.length = p;
  }

  /**
   * Writes all of a local time but the fraction (`YYYY-MM-DD HH:MM:SS.`), or tcpdump's
   * `[Error converting time]` for seconds whose low 32 bits are negative as a C `int`, or
   * whose year a `struct tm` can't hold. Returns whether the time converted.
   */
  #localPrefix(out: ByteWriter, seconds: number, date: boolean): boolean {
    if (!convertible(seconds)) {
      out.ascii(ERROR);
      return false;
    }
    const local = seconds + this.#offset(seconds);
    const day = Math.floor(local / 86400);
    if (day !== this.#dateDay) {
      const [year, month, dayOfMonth] = civilDate(day);
      // struct tm keeps the year as an int counted from 1900.
      this.#dateText = year - 1900 > 0x7fffffff
        ? ""
        : `${year < 1000 ? String(year).padStart(4, "0") : year}-${two(month)}-${two(dayOfMonth)}`;
      this.#dateDay = day;
    }
    if (this.#dateText === "") {
      out.ascii(ERROR);
      return false;
    }
    if (date) {
      out.ascii(this.#dateText);
      out.byte(0x20);
    }
    this.#clock(out, local - day * 86400);
    return true;
  }

  /** Writes `HH:MM:SS.` for seconds since midnight (hours may pass 23). */
  #clock(out: ByteWriter, seconds: number): void {
    const hours = Math.floor(seconds / 3600);
    const rest = seconds - hours * 3600;
    const minutes = Math.floor(rest / 60);
    out.padded(hours, 2);
    out.byte(0x3a);
    out.padded(minutes, 2);
    out.byte(0x3a);
    out.padded(rest - minutes * 60, 2);
    out.byte(0x2e);
  }

  /** The local time zone's offset from UTC in seconds at a time, cached per minute. */
  #offset(seconds: number): number {
    if (this.#utc) return 0;
    const minute = Math.floor(seconds / 60);
    if (minute !== this.#offsetMinute) {
      this.#offsetMinute = minute;
      // Past the range of Date (year 275760), the zone's offset at that end stands in.
      const ms = Math.max(-8.64e15, Math.min(8.64e15, seconds * 1000));
      this.#offsetSeconds = -new Date(ms).getTimezoneOffset() * 60;
    }
    return this.#offsetSeconds;
  }
}

/**
 * Formats the time of day of a timestamp as tcpdump does by default, in UTC:
 * `HH:MM:SS.ffffff` (microseconds, rounded down). tcpdump prints local time; run it with
 * `TZ=UTC` to compare.
 *
 * @param timestamp Nanoseconds since the Unix epoch.
 * @returns The time of day.
 *
 * @example Format a time of day
 * ```ts
 * import { formatTimeOfDay } from "./time.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatTimeOfDay(1_369_953_917_270_862_999n), "22:45:17.270862");
 * ```
 */
export function formatTimeOfDay(timestamp: bigint): string {
  let seconds = timestamp / 1_000_000_000n;
  let nanoseconds = timestamp % 1_000_000_000n;
  if (nanoseconds < 0n) {
    seconds -= 1n;
    nanoseconds += 1_000_000_000n;
  }
  let day = Number(seconds % 86_400n);
  if (day < 0) day += 86_400;
  const hours = Math.floor(day / 3600);
  const minutes = Math.floor((day % 3600) / 60);
  return `${two(hours)}:${two(minutes)}:${two(day % 60)}.${
    String(Number(nanoseconds) / 1000 | 0).padStart(6, "0")
  }`;
}
