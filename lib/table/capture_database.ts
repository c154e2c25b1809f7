/**
 * {@linkcode CaptureDatabase}: SQL over captures and exported datasets, with DuckDB
 * embedded (`@duckdb/node-api`). Tables `packets` and `flows` are views over Parquet
 * files: an exported dataset's, or temporary files written from capture files.
 *
 * @module
 */

import { DuckDBInstance } from "npm:@duckdb/node-api@1.5.6-r.1";
import type { DuckDBConnection } from "npm:@duckdb/node-api@1.5.6-r.1";
import { readCaptureTables, type TableName } from "./capture_tables.ts";
import { FLOW_SCHEMA } from "./flow_schema.ts";
import type { QueryChunks, QueryResult } from "./format_result.ts";
import { PACKET_SCHEMA } from "./packet_schema.ts";
import { sqlType } from "./schema.ts";
import { encodeParquet } from "./parquet.ts";
import { oneLine } from "../_one_line.ts";

/** A SQL error, or a source that cannot be opened, with DuckDB's message in one line. */
export class QueryError extends Error {
  /** Always `"query"`. */
  readonly code = "query";
}

/** Options of {@linkcode CaptureDatabase.open}. */
export interface CaptureDatabaseOptions {
  /**
   * The tables to build from capture files (default both); reading a capture for a table
   * the queries never use is wasted time.
   */
  tables?: readonly TableName[];
}

function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * An in-memory DuckDB database with the views `packets` and `flows` over capture files
 * and exported Parquet datasets.
 *
 * Sources: a directory is an exported dataset (every `*.parquet` below it, with Hive
 * partition columns such as `date` and `hour`); a `.parquet` file is one file of a
 * dataset; anything else is a capture file, read into temporary Parquet files. Datasets
 * give the table whose columns they have.
 *
 * @example Count the packets of a capture by IP version
 * ```ts ignore
 * import { CaptureDatabase } from "./capture_database.ts";
 *
 * await using db = await CaptureDatabase.open(["testdata/namespaces.pcap"]);
 * const { rows } = await db.query("SELECT ip_version, count(*) FROM packets GROUP BY 1");
 * ```
 */
export class CaptureDatabase implements AsyncDisposable {
  readonly #instance: DuckDBInstance;
  readonly #connection: DuckDBConnection;
  readonly #temporary: string | undefined;
  #closed = false;

  private constructor(
    instance: DuckDBInstance,
    connection: DuckDBConnection,
    temporary: string | undefined,
  ) {
    this.#instance = instance;
    this.#connection = connection;
    this.#temporary = temporary;
  }

  /**
   * Opens a database over the sources.
   *
   * @param sources Capture files, Parquet files and dataset directories.
   * @param options The tables to build from captures.
   * @returns The database; close it (or `await using`) to remove its temporary files.
   * @throws {QueryError} When a dataset cannot be read.
   * @throws {CaptureFileError} When a capture file cannot be read.
   */
  static async open(
    sources: readonly string[],
    options: CaptureDatabaseOptions = {},
  ): Promise<CaptureDatabase> {
    const wanted = options.tables ?? ["packets", "flows"];
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    const files: Record<TableName, string[]> = { packets: [], flows: [] };
    const captures: string[] = [];
    for (const source of sources) {
      const info = await Deno.stat(source);
      if (info.isDirectory) files.packets.push(`${source.replace(/(.)\/+$/, "$1")}/**/*.parquet`);
      else if (source.endsWith(".parquet")) files.packets.push(source);
      else captures.push(source);
    }
    // A dataset is the table whose columns it has.
    const datasets = files.packets.splice(0);
    for (const dataset of datasets) {
      const names = await describe(connection, dataset);
      files[names.includes("packets_a_to_b") ? "flows" : "packets"].push(dataset);
    }
    const temporary = captures.length > 0
      ? await Deno.makeTempDir({ prefix: "wirekit-" })
      : undefined;
    const database = new CaptureDatabase(instance, connection, temporary);
    try {
      for (const [index, capture] of captures.entries()) {
        for (const table of wanted) {
          const chunks = [...(await readCaptureTables(capture, { table })).values()].flat();
          const schema = table === "flows" ? FLOW_SCHEMA : PACKET_SCHEMA;
          const path = `${temporary}/${table}-${index}.parquet`;
          await Deno.writeFile(path, encodeParquet(schema, chunks, { compression: "none" }));
          files[table].push(path);
        }
      }
      for (const table of ["packets", "flows"] as const) {
        const schema = table === "flows" ? FLOW_SCHEMA : PACKET_SCHEMA;
        const list = files[table];
        const select = list.length === 0
          ? `SELECT ${
            schema.columns.map((c) => `NULL::${sqlType(c.type)} AS ${c.name}`).join(", ")
          } WHERE false`
          : `SELECT * FROM read_parquet([${
            list.map(sqlString).join(", ")
          }], hive_partitioning = true, union_by_name = true)`;
        await database.#run(`CREATE VIEW ${table} AS ${select}`);
      }
    } catch (error) {
      await database.close();
      throw error;
    }
    return database;
  }

  /**
   * Runs SQL and reads its rows chunk by chunk: a result of millions of rows is never
   * held whole (as JavaScript values, several times its size as text).
   *
   * @param sql The SQL (several statements: the last one's rows).
   * @returns The columns and the chunks of rows.
   * @throws {QueryError} With DuckDB's message, on a bad query (also from the chunks).
   *
   * @example Count the rows of the chunks
   * ```ts
   * import { CaptureDatabase } from "./capture_database.ts";
   * import assert from "node:assert/strict";
   *
   * const url = new URL("../../testdata/namespaces.pcap", import.meta.url);
   * await using db = await CaptureDatabase.open([url.pathname], { tables: ["packets"] });
   * const { columns, chunks } = await db.queryChunks("SELECT ip_version FROM packets");
   * let rows = 0;
   * for await (const chunk of chunks) rows += chunk.length;
   * assert.deepEqual([columns, rows], [["ip_version"], 46]);
   * ```
   */
  async queryChunks(sql: string): Promise<QueryChunks> {
    try {
      const result = await this.#connection.stream(sql);
      return { columns: result.columnNames(), chunks: queryErrors(result.yieldRowsJson()) };
    } catch (error) {
      throw new QueryError(oneLine(error, { firstOnly: true }), { cause: error });
    }
  }

  async #run(sql: string): Promise<void> {
    try {
      await this.#connection.run(sql);
    } catch (error) {
      // DuckDB's message: its first line; the query's line and a caret under it follow.
      throw new QueryError(oneLine(error, { firstOnly: true }), { cause: error });
    }
  }

  /**
   * Runs SQL and reads all its rows.
   *
   * @param sql The SQL (several statements: the last one's rows).
   * @returns The columns and rows.
   * @throws {QueryError} With DuckDB's message, on a bad query.
   */
  async query(sql: string): Promise<QueryResult> {
    try {
      const reader = await this.#connection.runAndReadAll(sql);
      return { columns: reader.columnNames(), rows: reader.getRowsJson() as unknown[][] };
    } catch (error) {
      throw new QueryError(oneLine(error, { firstOnly: true }), { cause: error });
    }
  }

  /**
   * Closes the database and removes its temporary files; idempotent.
   *
   * @returns Nothing.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#connection.closeSync();
    this.#instance.closeSync();
    if (this.#temporary !== undefined) {
      await Deno.remove(this.#temporary, { recursive: true }).catch(() => {});
    }
  }

  /** Closes the database. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

/** The chunks of a streamed result, a failure while reading them a {@linkcode QueryError}. */
async function* queryErrors(chunks: AsyncIterable<unknown[][]>): AsyncGenerator<unknown[][]> {
  try {
    yield* chunks;
  } catch (error) {
    throw new QueryError(oneLine(error, { firstOnly: true }), { cause: error });
  }
}

async function describe(connection: DuckDBConnection, dataset: string): Promise<string[]> {
  try {
    const reader = await connection.runAndReadAll(
      `DESCRIBE SELECT * FROM read_parquet(${sqlString(dataset)}, hive_partitioning = true)`,
    );
    return reader.getRowsJson().map((row) => String(row[0]));
  } catch (error) {
    throw new QueryError(`Cannot read dataset ${dataset}: ${oneLine(error, { firstOnly: true })}`, {
      cause: error,
    });
  }
}
