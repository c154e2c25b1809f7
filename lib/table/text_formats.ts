/**
 * Tables as text: {@linkcode encodeCsv} (RFC 4180) and {@linkcode encodeJsonLines}. Times
 * are written in ISO 8601 with microseconds in UTC (`2026-12-03T14:00:00.123456Z`), which
 * DuckDB, Spark and Trino parse as timestamps.
 *
 * @module
 */

import type { Column, ColumnarTable } from "./columnar_table.ts";
import type { TableSchema } from "./schema.ts";

const decoder = new TextDecoder();
let cachedSecond = NaN;
let cachedPrefix = "";

/**
 * Formats microseconds since the epoch as ISO 8601 in UTC, with six decimals.
 *
 * @param micros Microseconds since the epoch.
 * @returns The text, such as `2026-12-03T14:00:00.123456Z`.
 *
 * @example Format a time
 * ```ts
 * import { formatMicros } from "./text_formats.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatMicros(1_795_666_681_109_846n), "2026-11-26T04:18:01.109846Z");
 * ```
 */
export function formatMicros(micros: bigint): string {
  const value = Number(micros);
  const second = Math.floor(value / 1e6);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, 19);
  }
  return `${cachedPrefix}.${String(value - second * 1e6).padStart(6, "0")}Z`;
}

function isNull(column: Column, row: number): boolean {
  return (column.validity[row >> 3]! & (1 << (row & 7))) === 0;
}

function text(column: Column, row: number): string {
  const offsets = column.offsets!;
  return decoder.decode(column.values.subarray(offsets[row]!, offsets[row + 1]!) as Uint8Array);
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A value that is not null as text; strings and times (ISO 8601) go through `quote`. */
function valueText(column: Column, row: number, quote: (value: string) => string): string {
  switch (column.type) {
    case "string":
      return quote(text(column, row));
    case "timestamp":
      return quote(formatMicros(column.values[row] as bigint));
    case "bool":
      return column.values[row] === 1 ? "true" : "false";
    default:
      return String(column.values[row]);
  }
}

/**
 * The CSV header line of a schema: the column names, ending in CRLF.
 *
 * @param schema The schema.
 * @returns The line.
 *
 * @example The header of a small schema
 * ```ts
 * import { csvHeader } from "./text_formats.ts";
 * import assert from "node:assert/strict";
 *
 * const schema = { name: "t", columns: [{ name: "a", type: "int32", description: "" }] } as const;
 * assert.equal(csvHeader(schema), "a\r\n");
 * ```
 */
export function csvHeader(schema: TableSchema): string {
  return schema.columns.map((column) => csvField(column.name)).join(",") + "\r\n";
}

/**
 * Encodes a table's rows as CSV (RFC 4180: CRLF line ends, fields that hold a comma, a
 * quote or a line break in double quotes, quotes doubled), without the header line
 * ({@linkcode csvHeader}). Nulls are empty fields, booleans `true`/`false`.
 *
 * @param table The table.
 * @param start The first row (default 0).
 * @param end The row after the last (default: the table's length).
 * @returns The text.
 *
 * @example Quote a field
 * ```ts
 * import { encodeCsv } from "./text_formats.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new TextEncoder().encode('a,"b');
 * const table = {
 *   schema: { name: "t", columns: [{ name: "s", type: "string", description: "" }] },
 *   length: 2,
 *   columns: [{
 *     type: "string", values: bytes, offsets: new Int32Array([0, 4, 4]),
 *     validity: new Uint8Array([1]), nullCount: 1,
 *   }],
 * } as const;
 * assert.equal(encodeCsv(table), '"a,""b"\r\n\r\n');
 * ```
 */
export function encodeCsv(table: ColumnarTable, start = 0, end: number = table.length): string {
  const columns = table.columns;
  let out = "";
  for (let row = start; row < end; row++) {
    for (let k = 0; k < columns.length; k++) {
      if (k > 0) out += ",";
      const column = columns[k]!;
      if (!isNull(column, row)) out += valueText(column, row, csvField);
    }
    out += "\r\n";
  }
  return out;
}

/**
 * Encodes a table's rows as JSON lines: one object per row, keyed by column name, nulls
 * as `null`, times as ISO 8601 strings, 64-bit integers as exact JSON numbers (a reader
 * that parses numbers as doubles rounds `time_ns`).
 *
 * @param table The table.
 * @param start The first row (default 0).
 * @param end The row after the last (default: the table's length).
 * @returns The text, one line per row, each ending in `\n`.
 *
 * @example One row
 * ```ts
 * import { encodeJsonLines } from "./text_formats.ts";
 * import assert from "node:assert/strict";
 *
 * const table = {
 *   schema: { name: "t", columns: [{ name: "n", type: "int64", description: "" }] },
 *   length: 1,
 *   columns: [{
 *     type: "int64", values: new BigInt64Array([2n ** 62n]), validity: new Uint8Array([1]),
 *     nullCount: 0,
 *   }],
 * } as const;
 * assert.equal(encodeJsonLines(table), '{"n":4611686018427387904}\n');
 * ```
 */
export function encodeJsonLines(
  table: ColumnarTable,
  start = 0,
  end: number = table.length,
): string {
  const columns = table.columns;
  const keys = table.schema.columns.map((column) => JSON.stringify(column.name) + ":");
  let out = "";
  for (let row = start; row < end; row++) {
    out += "{";
    for (let k = 0; k < columns.length; k++) {
      if (k > 0) out += ",";
      out += keys[k];
      const column = columns[k]!;
      out += isNull(column, row) ? "null" : valueText(column, row, JSON.stringify);
    }
    out += "}\n";
  }
  return out;
}
