/**
 * Tables as Apache Arrow: {@linkcode toArrowTable} and {@linkcode encodeArrowIpc}
 * (through the `apache-arrow` package). The columns' typed arrays become Arrow buffers
 * without a copy, except booleans, which Arrow packs in bits.
 *
 * @module
 */

import {
  Bool,
  type DataType,
  Field,
  Float64,
  Int32,
  Int64,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  tableToIPC,
  TimestampMicrosecond,
  Utf8,
} from "npm:apache-arrow@21.2.0";
import type { Column, ColumnarTable } from "./columnar_table.ts";
import type { ColumnType, TableSchema } from "./schema.ts";

function arrowType(type: ColumnType): DataType {
  switch (type) {
    case "timestamp":
      return new TimestampMicrosecond("UTC");
    case "int64":
      return new Int64();
    case "int32":
      return new Int32();
    case "float64":
      return new Float64();
    case "bool":
      return new Bool();
    case "string":
      return new Utf8();
  }
}

/**
 * The Arrow schema of a table schema: every field nullable, times as
 * `Timestamp<MICROSECOND, "UTC">`.
 *
 * @param schema The table schema.
 * @returns The Arrow schema.
 *
 * @example The type of the time column
 * ```ts
 * import { arrowSchema } from "./arrow.ts";
 * import { PACKET_SCHEMA } from "./packet_schema.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(String(arrowSchema(PACKET_SCHEMA).fields[2]?.type), "Timestamp<MICROSECOND, UTC>");
 * ```
 */
export function arrowSchema(schema: TableSchema): Schema {
  return new Schema(
    schema.columns.map((column) => new Field(column.name, arrowType(column.type), true)),
  );
}

function packBits(bytes: Uint8Array): Uint8Array {
  const bits = new Uint8Array((bytes.length + 7) >> 3);
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) bits[i >> 3]! |= 1 << (i & 7);
  return bits;
}

function arrowData(column: Column, type: DataType, length: number) {
  const common = {
    type,
    length,
    nullCount: column.nullCount,
    nullBitmap: column.nullCount === 0 ? undefined : column.validity,
  };
  if (column.type === "string") {
    // deno-lint-ignore no-explicit-any
    return makeData({ ...common, valueOffsets: column.offsets!, data: column.values } as any);
  }
  const data = column.type === "bool" ? packBits(column.values as Uint8Array) : column.values;
  // deno-lint-ignore no-explicit-any
  return makeData({ ...common, data } as any);
}

/**
 * Converts tables of one schema into an Arrow table, one record batch per table.
 *
 * @param schema The schema the tables share.
 * @param tables The tables.
 * @returns The Arrow table.
 *
 * @example The packets of a file as Arrow
 * ```ts
 * import { toArrowTable } from "./arrow.ts";
 * import { readCaptureTables } from "./capture_tables.ts";
 * import { PACKET_SCHEMA } from "./packet_schema.ts";
 * import assert from "node:assert/strict";
 *
 * const file = new URL("../../testdata/namespaces.pcap", import.meta.url).pathname;
 * const table = toArrowTable(PACKET_SCHEMA, (await readCaptureTables(file)).get("")!);
 * assert.equal(table.numRows, 46);
 * assert.equal(table.getChild("frame")?.get(45), 46n);
 * ```
 */
export function toArrowTable(schema: TableSchema, tables: readonly ColumnarTable[]): Table {
  const arrow = arrowSchema(schema);
  const batches = tables.map((table) => {
    const children = table.columns.map((column, i) =>
      arrowData(column, arrow.fields[i]!.type, table.length)
    );
    const data = makeData({
      type: new Struct(arrow.fields),
      length: table.length,
      nullCount: 0,
      children,
    });
    return new RecordBatch(arrow, data);
  });
  return new Table(arrow, batches);
}

/**
 * Encodes an Arrow table in the Arrow IPC file format (Feather version 2, `.arrow`).
 *
 * @param table The table.
 * @returns The bytes of the file.
 *
 * @example Encode a table
 * ```ts
 * import { encodeArrowIpc, toArrowTable } from "./arrow.ts";
 * import { PACKET_SCHEMA } from "./packet_schema.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = encodeArrowIpc(toArrowTable(PACKET_SCHEMA, []));
 * assert.equal(new TextDecoder().decode(bytes.subarray(0, 6)), "ARROW1");
 * ```
 */
export function encodeArrowIpc(table: Table): Uint8Array {
  return tableToIPC(table, "file");
}
