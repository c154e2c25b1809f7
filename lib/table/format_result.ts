/**
 * {@linkcode formatResult}: a query's rows as an aligned table, CSV or JSON lines.
 *
 * @module
 */

/** A query's result: column names and rows of JSON values (64-bit integers as strings). */
export interface QueryResult {
  /** The column names. */
  columns: string[];
  /** The rows, one value per column; `null` for SQL NULL. */
  rows: unknown[][];
}

/** A query's result read chunk by chunk, as {@linkcode QueryResult}'s rows come. */
export interface QueryChunks {
  /** The column names. */
  columns: string[];
  /** The rows, a chunk at a time (DuckDB's vectors: up to 2,048 rows each). */
  chunks: AsyncIterable<unknown[][]>;
}

/** The output formats of a query. */
export type ResultFormat = "table" | "csv" | "json";

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(",") + "\r\n";
}

/**
 * Formats rows as CSV or JSON lines, as {@linkcode formatResult} does: a result read in
 * chunks ({@linkcode QueryChunks}) is printed chunk by chunk, never held whole.
 *
 * @param result The columns and rows (a chunk of them).
 * @param format `csv` or `json`.
 * @param header Whether CSV starts with its header line (for the first chunk only).
 * @returns The text, each row ending in a line break.
 *
 * @example The first chunk and a later one
 * ```ts
 * import { formatRows } from "./format_result.ts";
 * import assert from "node:assert/strict";
 *
 * const columns = ["proto", "n"];
 * assert.equal(formatRows({ columns, rows: [["tcp", 14]] }, "csv"), "proto,n\r\ntcp,14\r\n");
 * assert.equal(formatRows({ columns, rows: [["udp", 5]] }, "csv", false), "udp,5\r\n");
 * assert.equal(formatRows({ columns, rows: [["udp", 5]] }, "json"), '{"proto":"udp","n":5}\n');
 * ```
 */
export function formatRows(result: QueryResult, format: "csv" | "json", header = true): string {
  const { columns, rows } = result;
  if (format === "json") {
    return rows.map((row) =>
      JSON.stringify(Object.fromEntries(columns.map((name, i) => [name, row[i] ?? null]))) + "\n"
    ).join("");
  }
  return (header ? csvLine(columns) : "") + rows.map((row) => csvLine(row.map(cell))).join("");
}

/**
 * Formats a query's result:
 *
 * - `table`: a header line, then the rows, columns separated by two spaces, numbers
 *   aligned right, NULL as `NULL`;
 * - `csv`: RFC 4180 with a header line, CRLF line ends, NULL as an empty field;
 * - `json`: one JSON object per row (JSON lines), 64-bit integers as strings.
 *
 * @param result The columns and rows.
 * @param format The format.
 * @returns The text, each line (row) ending in a line break.
 *
 * @example An aligned table
 * ```ts
 * import { formatResult } from "./format_result.ts";
 * import assert from "node:assert/strict";
 *
 * const result = { columns: ["proto", "n"], rows: [["tcp", 14], ["udp", 5]] };
 * assert.equal(formatResult(result, "table"), "proto   n\ntcp    14\nudp     5\n");
 * assert.equal(formatResult(result, "csv"), "proto,n\r\ntcp,14\r\nudp,5\r\n");
 * assert.equal(formatResult(result, "json"), '{"proto":"tcp","n":14}\n{"proto":"udp","n":5}\n');
 * ```
 */
export function formatResult(result: QueryResult, format: ResultFormat): string {
  if (format !== "table") return formatRows(result, format);
  const { columns, rows } = result;
  const text = rows.map((row) => row.map((value) => value === null ? "NULL" : cell(value)));
  const numeric = columns.map((_, i) =>
    rows.length > 0 && rows.every((row) =>
      typeof row[i] === "number" || row[i] === null ||
      (typeof row[i] === "string" && /^-?\d+$/.test(row[i] as string))
    )
  );
  // reduce(), not a spread: a result can have millions of rows.
  const widths = columns.map((name, i) =>
    text.reduce((width, row) => Math.max(width, row[i]!.length), name.length)
  );
  const line = (row: readonly string[]) =>
    row.map((value, i) => numeric[i] ? value.padStart(widths[i]!) : value.padEnd(widths[i]!))
      .join("  ").trimEnd() + "\n";
  return line(columns) + text.map(line).join("");
}
