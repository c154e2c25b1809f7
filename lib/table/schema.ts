/**
 * The schema of wirekit's tables: each column's name, type and meaning. The types are the
 * few that Parquet, Arrow, DuckDB, Spark and Trino all read as they are: no unsigned
 * 64-bit integers, times as `TIMESTAMP(MICROS, UTC)`.
 *
 * @module
 */

/**
 * A column's type:
 *
 * - `timestamp`: microseconds since the Unix epoch, in UTC (Parquet
 *   `TIMESTAMP(isAdjustedToUTC=true, unit=MICROS)`, Arrow `Timestamp<MICROSECOND, "UTC">`,
 *   Spark `TIMESTAMP`, Trino `timestamp(6) with time zone`);
 * - `int64`: a signed 64-bit integer (`BIGINT`);
 * - `int32`: a signed 32-bit integer (`INTEGER`);
 * - `float64`: a double (`DOUBLE`);
 * - `bool`: a boolean;
 * - `string`: UTF-8 text (`VARCHAR`/`STRING`).
 */
export type ColumnType = "timestamp" | "int64" | "int32" | "float64" | "bool" | "string";

/** One column of a table schema. */
export interface ColumnSpec {
  /** The column name, in snake_case. */
  readonly name: string;
  /** Its type. */
  readonly type: ColumnType;
  /** What it holds, and when it is null. */
  readonly description: string;
}

/** A table's name and columns. */
export interface TableSchema {
  /** The table name, such as `packets`. */
  readonly name: string;
  /** The columns, in order. */
  readonly columns: readonly ColumnSpec[];
  /**
   * The 64-bit columns whose values mostly rise from row to row (frame numbers, capture
   * times): Parquet stores them as deltas, a tenth of the packets file's size.
   */
  readonly rising?: readonly string[];
}

/**
 * Makes a column of a table schema.
 *
 * @param name The column name, in snake_case.
 * @param type Its type.
 * @param description What it holds, and when it is null.
 * @returns The column.
 *
 * @example A column
 * ```ts
 * import { columnSpec } from "./schema.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(columnSpec("frame", "int64", "The packet's number"), {
 *   name: "frame",
 *   type: "int64",
 *   description: "The packet's number",
 * });
 * ```
 */
export function columnSpec(name: string, type: ColumnType, description: string): ColumnSpec {
  return { name, type, description };
}

/**
 * The `file` column that every table starts with: which capture a row comes from, when a
 * dataset holds many.
 *
 * @example The first column of both tables
 * ```ts
 * import { FILE_COLUMN } from "./schema.ts";
 * import { FLOW_SCHEMA } from "./flow_schema.ts";
 * import { PACKET_SCHEMA } from "./packet_schema.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(PACKET_SCHEMA.columns[0], FILE_COLUMN);
 * assert.equal(FLOW_SCHEMA.columns[0], FILE_COLUMN);
 * ```
 */
export const FILE_COLUMN: ColumnSpec = columnSpec(
  "file",
  "string",
  "The capture file, as named on the command line",
);

/** The SQL type of a column type, as DuckDB names it. */
const SQL_TYPES: Record<ColumnType, string> = {
  timestamp: "TIMESTAMP WITH TIME ZONE",
  int64: "BIGINT",
  int32: "INTEGER",
  float64: "DOUBLE",
  bool: "BOOLEAN",
  string: "VARCHAR",
};

/**
 * Returns the SQL type of a column type, as DuckDB names it (`BIGINT`, `VARCHAR`...).
 *
 * @param type The column type.
 * @returns The SQL type name.
 *
 * @example The SQL type of the capture time
 * ```ts
 * import { sqlType } from "./schema.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(sqlType("timestamp"), "TIMESTAMP WITH TIME ZONE");
 * assert.equal(sqlType("int32"), "INTEGER");
 * ```
 */
export function sqlType(type: ColumnType): string {
  return SQL_TYPES[type];
}
