/**
 * Frames and bytes per time interval, as tshark's `-z io,stat,INTERVAL` counts and prints
 * them (tshark 4.0's table: its widths, its rounding of the duration, `Dur` for the last
 * row of whole-second intervals).
 *
 * @module
 */

/** The counts of one interval. */
export interface IoStatRow {
  /** The interval's number: 0 for the one starting at the capture's first packet. */
  index: number;
  /** Seconds from the capture's first packet to the interval's start. */
  start: number;
  /** Frames in the interval. */
  frames: number;
  /** Their bytes on the wire. */
  bytes: number;
}

/** What {@linkcode IoStatTable.prototype.result} returns. */
export interface IoStatResult {
  /** The interval asked for, in microseconds; 0 for the whole capture. */
  intervalMicros: number;
  /** The time from the first packet to the last, in microseconds. */
  durationMicros: number;
  /**
   * Frames and bytes of each interval that holds a frame, in order; the intervals between
   * them hold none (a capture spanning years has millions of them, kept out of memory).
   */
  rows: IoStatRow[];
}

/**
 * The most intervals an {@linkcode IoStatTable} counts. tshark prints every interval from
 * the first packet to the last, and so does {@linkcode formatIoStatChunks}, piece by piece
 * (three years at one second are 94 million rows, 3.6 GB of text); a billion rows, 37 GB or
 * more, is taken for an interval given too short.
 */
export const MAX_IO_STAT_ROWS = 1_000_000_000;

/** A capture spans more intervals than {@linkcode MAX_IO_STAT_ROWS}. */
export class IoStatRowsError extends RangeError {
  /** Always `"too-many-intervals"`. */
  readonly code = "too-many-intervals";
}

/** The `-z io,stat` interval argument is not a number of seconds tshark takes. */
export class IoStatIntervalError extends RangeError {
  /** Always `"invalid-interval"`. */
  readonly code = "invalid-interval";
}

/**
 * Parses the interval of `-z io,stat,INTERVAL` as tshark does: seconds, rounded to the
 * microsecond; `0` means the whole capture.
 *
 * @param text The interval, such as `1`, `0.5` or `0`.
 * @returns Microseconds (0 for the whole capture).
 * @throws {IoStatIntervalError} When it is not a number, is negative, or rounds to 0 µs
 * without being 0.
 *
 * @example Intervals
 * ```ts
 * import { parseIoStatInterval } from "./io_stat.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(parseIoStatInterval("0.5"), 500_000);
 * assert.equal(parseIoStatInterval("0"), 0);
 * assert.throws(() => parseIoStatInterval("x"), RangeError);
 * ```
 */
export function parseIoStatInterval(text: string): number {
  const seconds = /^\d+(\.\d*)?$|^\.\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(seconds)) {
    throw new IoStatIntervalError(`Invalid io,stat interval: ${text} (seconds, such as 1 or 0.5)`);
  }
  if (seconds === 0) return 0;
  const micros = Math.floor(seconds * 1e6 + 0.5);
  if (micros < 1) {
    throw new IoStatIntervalError(
      `Invalid io,stat interval: ${text} (at least 0.000001 seconds, or 0 for the whole capture)`,
    );
  }
  return micros;
}

/**
 * Counts frames and bytes per interval, packet by packet, from the first packet's time.
 *
 * @example Two packets 3.5 seconds apart, in one-second intervals
 * ```ts
 * import { formatIoStat, IoStatTable } from "./io_stat.ts";
 * import assert from "node:assert/strict";
 *
 * const table = new IoStatTable(1_000_000);
 * table.add(100, 0, 60);
 * table.add(103, 500_000_000, 90);
 * const result = table.result();
 * assert.deepEqual(result.rows.map((row) => [row.index, row.frames]), [[0, 1], [3, 1]]);
 * assert.match(formatIoStat(result), /\|  3 <> Dur\|      1 \|    90 \|/);
 * ```
 */
export class IoStatTable {
  readonly #interval: number;
  // The intervals holding frames only: the rows between them are printed, not stored.
  #indexes: number[] = [];
  #frames: number[] = [];
  #bytes: number[] = [];
  #packets = 0;
  #startSeconds = 0;
  #startNanoseconds = 0;
  #elapsed = 0;
  // The row of the latest packet: tshark's table only moves on, so a packet whose time is
  // earlier (timestamps going back, or a pcapng simple packet's missing one) counts here.
  #row = 0;

  /**
   * Makes an empty table.
   *
   * @param intervalMicros The interval in microseconds, from
   * {@linkcode parseIoStatInterval}; 0 for the whole capture.
   */
  constructor(intervalMicros: number) {
    this.#interval = intervalMicros;
  }

  /**
   * Adds one packet.
   *
   * @param seconds The packet time: whole seconds since the epoch.
   * @param nanoseconds The packet time: nanoseconds within the second.
   * @param originalLength The packet's length on the wire.
   * @returns Nothing.
   * @throws {IoStatRowsError} When the packet lies {@linkcode MAX_IO_STAT_ROWS} intervals
   * or more after the first.
   */
  add(seconds: number, nanoseconds: number, originalLength: number): void {
    if (this.#packets++ === 0) {
      this.#startSeconds = seconds;
      this.#startNanoseconds = nanoseconds;
    }
    let wholeSeconds = seconds - this.#startSeconds;
    let fraction = nanoseconds - this.#startNanoseconds;
    if (fraction < 0) {
      wholeSeconds--;
      fraction += 1e9;
    }
    const relative = wholeSeconds * 1e9 + fraction;
    if (relative > this.#elapsed) this.#elapsed = relative;
    // Microseconds rounded as tshark rounds them, exact however far from the start.
    const micros = wholeSeconds * 1e6 + Math.floor((fraction + 500) / 1000);
    let index = this.#interval === 0 || micros < 0 ? 0 : Math.floor(micros / this.#interval);
    if (index < this.#row) index = this.#row;
    else this.#row = index;
    if (index >= MAX_IO_STAT_ROWS) {
      throw new IoStatRowsError(
        `Cannot count io,stat,${this.#interval / 1e6}: packet ${this.#packets} is ${
          (micros / 1e6).toFixed(1)
        } s after the first, more than ${MAX_IO_STAT_ROWS} intervals; give a longer interval`,
      );
    }
    const last = this.#indexes.length - 1;
    if (last >= 0 && this.#indexes[last] === index) {
      this.#frames[last]!++;
      this.#bytes[last]! += originalLength;
    } else {
      this.#indexes.push(index);
      this.#frames.push(1);
      this.#bytes.push(originalLength);
    }
  }

  /**
   * Returns the counts so far.
   *
   * @returns The interval, the duration and the rows.
   */
  result(): IoStatResult {
    const interval = this.#interval;
    return {
      intervalMicros: interval,
      durationMicros: Math.floor((this.#elapsed + 500) / 1000),
      rows: this.#indexes.map((index, i) => ({
        index,
        start: (interval * index) / 1e6,
        frames: this.#frames[i]!,
        bytes: this.#bytes[i]!,
      })),
    };
  }
}

/** How many digits a whole number has, at most `max` (tshark's `magnitude()`). */
function magnitude(value: number, max: number): number {
  let digits = 0;
  for (let i = 0; i < max; i++) {
    digits++;
    value = Math.floor(value / 10);
    if (value === 0) break;
  }
  return digits;
}

/** A label centred in a column as tshark's `printcenter()` does, with its bar. */
function center(label: string, width: number): string {
  const len = 6 - (Math.floor((width - label.length) / 2) + 1);
  if (len > 0 && len < 6) {
    const pad = " ".repeat(6 - len);
    return (width - label.length) % 2 === 0 ? `${pad}${label}${pad}|` : ` ${pad}${label}${pad}|`;
  }
  return len > 0 && len <= 15 ? `${label}|` : "";
}

/** About how many characters of rows {@linkcode formatIoStatChunks} yields at a time. */
const CHUNK_CHARACTERS = 1 << 16;

/**
 * Prints the counts as `tshark -q -z io,stat,INTERVAL` (4.0) does.
 *
 * @param result The counts, from {@linkcode IoStatTable.prototype.result}.
 * @returns The table, starting with an empty line as tshark's, lines ending in `\n`.
 *
 * @example The whole capture in one row
 * ```ts
 * import { formatIoStat } from "./io_stat.ts";
 * import assert from "node:assert/strict";
 *
 * const text = formatIoStat({
 *   intervalMicros: 0,
 *   durationMicros: 17_507_507,
 *   rows: [{ index: 0, start: 0, frames: 46, bytes: 3596 }],
 * });
 * assert.match(text, /\n\|  0\.0 <> 17\.5 \|     46 \|  3596 \| \|\n/);
 * ```
 */
export function formatIoStat(result: IoStatResult): string {
  return [...formatIoStatChunks(result)].join("");
}

/**
 * Prints the counts as {@linkcode formatIoStat} does, in pieces of whole lines: a table of
 * millions of empty intervals is written without being held whole.
 *
 * @param result The counts, from {@linkcode IoStatTable.prototype.result}.
 * @returns The table's text, piece by piece.
 *
 * @example Two packets a day apart, one-second intervals
 * ```ts
 * import { formatIoStatChunks } from "./io_stat.ts";
 * import assert from "node:assert/strict";
 *
 * let rows = 0;
 * for (
 *   const chunk of formatIoStatChunks({
 *     intervalMicros: 1_000_000,
 *     durationMicros: 86_400_000_000,
 *     rows: [{ index: 0, start: 0, frames: 1, bytes: 60 }],
 *   })
 * ) {
 *   rows += chunk.split(" <> ").length - 1;
 * }
 * assert.equal(rows, 86_400);
 * ```
 */
export function* formatIoStatChunks(result: IoStatResult): Generator<string> {
  const raw = result.durationMicros;
  let interval = result.intervalMicros;
  let whole = interval === 0 || interval > raw;
  let precision: number;
  let border: number;
  // The seconds' digits before rounding: the width of tshark's time formats.
  const formatMagnitude = magnitude(Math.floor(raw / 1e6), 5);
  if (whole) {
    interval = raw;
    precision = formatMagnitude >= 2 ? 1 : formatMagnitude === 1 ? 3 : 6;
    border = 30 + formatMagnitude + precision + 1;
  } else {
    precision = 6;
    for (let i = 10; i < 10_000_000; i *= 10) {
      if (interval % i > 0) break;
      precision--;
    }
    border = 24 + magnitude(Math.floor(interval / 1e6), 5) + (precision === 0 ? 0 : precision + 1);
  }
  const unit = 10 ** (6 - precision);
  // tshark rounds the duration to the precision only above the half (10.25 s stays 10.2).
  const half = 5 * Math.floor(unit / 10);
  const duration = raw % unit > half ? raw + half : raw;
  if (whole) interval = duration;
  if (interval === 0) whole = true;
  // After rounding (99.96 s to 100), the digits that size the interval column.
  const durationMagnitude = magnitude(Math.floor(duration / 1e6), 5);
  // Formats narrower than the column leave the rows short of it, as tshark's.
  const short = durationMagnitude - formatMagnitude;
  const intervalWidth = Math.max(
    12,
    precision === 0 ? 2 * durationMagnitude + 8 : 2 * durationMagnitude + 2 * precision + 10,
  );
  border = Math.max(border, intervalWidth);

  // No row when the capture lasts no time (one packet), as tshark.
  const rowCount = raw === 0
    ? 0
    : whole
    ? 1
    : Math.floor(raw / interval) + (raw % interval > 0 ? 1 : 0);
  // The whole capture in one row; without a row, tshark still sizes the columns by the
  // capture's counts (such a table is `whole`). Otherwise the rows printed: a packet
  // at the very end of the last interval falls past them, as in tshark.
  const total = (key: "frames" | "bytes") => result.rows.reduce((n, row) => n + row[key], 0);
  const rows = whole
    ? [{ index: 0, start: 0, frames: total("frames"), bytes: total("bytes") }]
    : result.rows.filter((row) => row.index < rowCount);
  // reduce(), not a spread: a table can have millions of rows.
  const frameWidth = Math.max(
    6,
    magnitude(rows.reduce((m, row) => Math.max(m, row.frames), 0), 15),
  );
  const byteWidth = Math.max(5, magnitude(rows.reduce((m, row) => Math.max(m, row.bytes), 0), 15));
  const rowWidth = intervalWidth + frameWidth + 3 + byteWidth + 3;
  border = Math.max(border, rowWidth);
  if (border - rowWidth === 1) border++;

  const time = (micros: number, width: number) => {
    const secs = `${Math.floor(micros / 1e6)}`.padStart(width);
    return precision === 0
      ? secs
      : `${secs}.${`${Math.floor((micros % 1e6) / unit)}`.padStart(precision, "0")}`;
  };
  // tshark pads the duration and interval lines for seconds of durationMagnitude digits
  // (5 at most) printed at least formatMagnitude wide: more push the border out, fewer in.
  const line = (text: string, micros?: number) =>
    `${
      text.padEnd(
        border - 1 +
          (micros === undefined ? 0 : Math.max(
            `${Math.floor(micros / 1e6)}`.length,
            formatMagnitude,
          ) - durationMagnitude),
      )
    }|\n`;
  const filler = rowWidth < border ? `${" ".repeat(border - rowWidth - 1)}|` : "";
  const durationText = precision === 0
    ? `${Math.floor(raw / 1e6)}.${`${raw % 1e6}`.padStart(6)}`
    : time(duration, 0);
  let text = `\n${"=".repeat(border)}\n` + line("| IO Statistics") + line("|") +
    line(`| Duration: ${durationText} secs`, precision === 0 ? raw : duration) +
    line(`| Interval: ${time(interval, formatMagnitude)} secs`, interval) + line("|") +
    line("| Col 1: Frames and bytes") + `|${"-".repeat(border - 2)}|\n` +
    `|${" ".repeat(intervalWidth - 2)}|${"1".padEnd(frameWidth + byteWidth + 5)}|${filler}\n` +
    `| Interval${" ".repeat(intervalWidth - 11)}|${center("Frames", frameWidth)}` +
    `${center("Bytes", byteWidth)}${filler}\n` +
    `|-${"-".repeat(rowWidth - 3)}|${filler}\n`;
  // Whole seconds of one digit: tshark's "|  %u <> %u  |" fills the column's minimum.
  const wide = precision === 0 && durationMagnitude === 1;
  const startWidth = wide ? 2 : formatMagnitude;
  let next = 0;
  for (let i = 0; i < rowCount; i++) {
    const row = rows[next]?.index === i ? rows[next++] : undefined;
    const start = i * interval;
    const from = `| ${time(start, startWidth)} <> `;
    // tshark's "| %Nu <> %Nu |", and "Dur" in a cell as wide as the column: a number wider
    // than its N pushes the border out.
    const cell = i === rowCount - 1 && precision === 0 && !whole
      ? `${from}Dur`.padEnd(
        intervalWidth - 1 - short + Math.max(0, `${Math.floor(start / 1e6)}`.length - startWidth),
      )
      : `${from}${time(i < rowCount - 1 ? start + interval : duration, formatMagnitude)}` +
        (wide ? "  " : " ");
    text += `${cell}|` + ` ${`${row?.frames ?? 0}`.padStart(frameWidth)} | ` +
      `${`${row?.bytes ?? 0}`.padStart(byteWidth)} |${filler}\n`;
    if (text.length >= CHUNK_CHARACTERS) {
      yield text;
      text = "";
    }
  }
  yield `${text}${"=".repeat(border)}\n`;
}
