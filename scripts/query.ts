/**
 * query: SQL over capture files and exported datasets, with DuckDB embedded. The tables
 * are `packets` (one row per packet) and `flows` (one per conversation, as `flows.ts`
 * lists them); their columns are documented in `lib/table/packet_schema.ts` and
 * `lib/table/flow_schema.ts`.
 *
 * ```sh
 * deno run --allow-read --allow-write --allow-ffi scripts/query.ts [--csv|--json] SQL SOURCE...
 * ```
 *
 * A SOURCE is a capture file (read into temporary Parquet files), a Parquet file, or a
 * dataset directory written by `export.ts` (every `*.parquet` below it, partition columns
 * `date` and `hour` included); a dataset gives the table whose columns it has. The result
 * is printed as an aligned table, or as CSV (`--csv`) or JSON lines (`--json`). A SQL
 * error prints DuckDB's message in one line (exit status 1).
 *
 * `--allow-ffi` loads DuckDB's native library; `--allow-write` is needed only with capture
 * files, for the temporary Parquet files.
 *
 * @module
 */

import { parseOrExit, StdoutError, writeStdout } from "./_cli.ts";
import { requirePermissions } from "./_permissions.ts";
import type { TableName } from "../lib/table/capture_tables.ts";
import { formatResult, formatRows } from "../lib/table/format_result.ts";

const USAGE = "Usage: deno run --allow-read --allow-write --allow-ffi scripts/query.ts " +
  "[--csv|--json] SQL SOURCE...";

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseOrExit(
    args,
    {
      csv: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    USAGE,
    [
      { flags: "--csv", text: "print CSV (RFC 4180) instead of an aligned table" },
      { flags: "--json", text: "print one JSON object per row (JSON lines)" },
      { flags: "-h, --help", text: "print this help and exit" },
    ],
  );
  const [sql, ...sources] = positionals;
  if (sql === undefined || sources.length === 0 || (values.csv && values.json)) {
    console.error(
      values.csv && values.json
        ? "Cannot print both --csv and --json"
        : "Cannot query: SQL and a source are needed",
    );
    console.error(USAGE);
    return 2;
  }
  const script = { script: "scripts/query.ts", usage: "SQL SOURCE..." };
  requirePermissions({ ...script, needs: [{ name: "read" }, { name: "ffi" }] });
  const isCapture = (source: string) =>
    !source.endsWith(".parquet") && Deno.statSync(source).isFile;
  let captures: boolean;
  try {
    captures = sources.some(isCapture);
  } catch (error) {
    console.error(`Cannot query: ${error instanceof Error ? error.message : error}`);
    return 1;
  }
  if (captures) {
    requirePermissions({
      ...script,
      needs: [{ name: "read" }, { name: "ffi" }, { name: "write" }],
    });
  }
  // Build from captures only the tables the SQL names.
  const tables = (["packets", "flows"] as const).filter((table: TableName) =>
    new RegExp(`\\b${table}\\b`, "i").test(sql)
  );
  // Loaded after the permission check: loading DuckDB's native library needs --allow-ffi.
  const { CaptureDatabase } = await import("../lib/table/capture_database.ts");
  const encoder = new TextEncoder();
  try {
    await using database = await CaptureDatabase.open(sources, { tables });
    if (!values.csv && !values.json) {
      // The aligned table's widths need every row.
      writeStdout(encoder.encode(formatResult(await database.query(sql), "table")));
      return 0;
    }
    // CSV and JSON lines chunk by chunk: a result of millions of rows is never held whole.
    const format = values.csv ? "csv" : "json";
    const { columns, chunks } = await database.queryChunks(sql);
    let header = true;
    for await (const rows of chunks) {
      writeStdout(encoder.encode(formatRows({ columns, rows }, format, header)));
      header = false;
    }
    if (header) writeStdout(encoder.encode(formatRows({ columns, rows: [] }, format)));
  } catch (error) {
    // A closed pipe (`| head`) ends the output quietly, as SIGPIPE ends tcpdump.
    if (error instanceof Deno.errors.BrokenPipe) return 0;
    if (error instanceof StdoutError) {
      console.error(error.message);
      return 1;
    }
    console.error(error instanceof Error ? error.message.split("\n")[0] : String(error));
    return 1;
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
