/**
 * {@linkcode ColumnarTable}: a table held column by column in typed arrays, as the table
 * builders produce it and the writers (Parquet, Arrow, CSV, JSON lines) read it.
 *
 * @module
 */

import type { ColumnType, TableSchema } from "./schema.ts";

/**
 * One column's values. Nulls are marked in `validity`, one bit per row (least significant
 * bit first, as Arrow lays it out): a 0 bit is null, and the value slot then holds 0 or an
 * empty string.
 *
 * - `int32`: `values` is an `Int32Array`;
 * - `int64` and `timestamp`: `values` is a `BigInt64Array`;
 * - `float64`: a `Float64Array`;
 * - `bool`: a `Uint8Array` of 0 and 1, one byte per row;
 * - `string`: `values` holds the UTF-8 bytes of every row one after the other, and
 *   `offsets` (`length + 1` entries) where each row's bytes start and end.
 */
export interface Column {
  /** The column's type. */
  readonly type: ColumnType;
  /** The values, as described above; exactly `length` rows long. */
  readonly values: Int32Array | BigInt64Array | Float64Array | Uint8Array;
  /** For `string` columns, the `length + 1` offsets of the rows in `values`. */
  readonly offsets?: Int32Array;
  /** One bit per row, 1 when the value is present. */
  readonly validity: Uint8Array;
  /** How many rows are null. */
  readonly nullCount: number;
}

/** A table: a schema and one {@linkcode Column} per schema column, all `length` rows long. */
export interface ColumnarTable {
  /** The schema. */
  readonly schema: TableSchema;
  /** The number of rows. */
  readonly length: number;
  /** The columns, in the schema's order. */
  readonly columns: readonly Column[];
}

const decoder = new TextDecoder();

/**
 * Reads one value of a table as a JavaScript value: a number, a bigint (for `int64` and
 * `timestamp`, microseconds), a boolean, a string, or `null`.
 *
 * @param column The column.
 * @param row The row, below the table's length.
 * @returns The value.
 *
 * @example Read a value
 * ```ts
 * import { columnValue, type Column } from "./columnar_table.ts";
 * import assert from "node:assert/strict";
 *
 * const column: Column = {
 *   type: "int32", values: new Int32Array([7, 0]), validity: new Uint8Array([1]), nullCount: 1,
 * };
 * assert.equal(columnValue(column, 0), 7);
 * assert.equal(columnValue(column, 1), null);
 * ```
 */
export function columnValue(
  column: Column,
  row: number,
): number | bigint | boolean | string | null {
  if ((column.validity[row >> 3]! & (1 << (row & 7))) === 0) return null;
  switch (column.type) {
    case "bool":
      return column.values[row] === 1;
    case "string": {
      const offsets = column.offsets!;
      return decoder.decode(column.values.subarray(offsets[row]!, offsets[row + 1]!) as Uint8Array);
    }
    default:
      return column.values[row]!;
  }
}
