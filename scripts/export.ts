/**
 * export: capture files as tables, for DuckDB, Spark, Trino, ClickHouse or pandas: the
 * `packets` table (one row per packet) or the `flows` table (one per conversation, as
 * `flows.ts` lists them), written as Parquet (zstd), Arrow IPC, CSV (RFC 4180) or JSON
 * lines. The columns are documented in `lib/table/packet_schema.ts` and
 * `lib/table/flow_schema.ts`.
 *
 * ```sh
 * deno run --allow-read --allow-write scripts/export.ts [--format F] [--table T] [-o OUT]
 *   [--partition date|hour] [--force] FILE...
 * ```
 *
 * - One capture without `--partition` writes one file: `-o OUT`, or the capture's name
 *   with the format's extension (`a.pcap` gives `a.parquet`).
 * - Many captures without `--partition` write `OUT/part-N.EXT`, N the capture's position
 *   on the command line.
 * - `--partition date|hour` writes a Hive-style dataset in the directory OUT:
 *   `OUT/date=2026-12-03/hour=14/part-N.parquet` (UTC), read as one table by DuckDB
 *   (`read_parquet('OUT/**\/*.parquet', hive_partitioning = true)`), Spark and Trino.
 *
 * Captures are converted in parallel, one worker per core (`-j N` to change), each into
 * files of its own, so the output is the same whatever the order they finish in. A
 * capture that cannot be read is reported in one line and the others are still
 * exported (exit status 1). An existing output is kept unless `--force` is given.
 *
 * @module
 */

import { parseOrExit } from "./_cli.ts";
import { requirePermissions } from "./_permissions.ts";
import { ProgressBar } from "./_progress.ts";
import type { Partitioning, TableName } from "../lib/table/capture_tables.ts";
import { type ExportFormat, FORMAT_EXTENSIONS } from "../lib/table/export_capture.ts";
import { exportCaptures } from "../lib/table/export_captures.ts";
import type { ParquetCompression } from "../lib/table/parquet.ts";

const USAGE = "Usage: deno run --allow-read --allow-write scripts/export.ts " +
  "[--format parquet|arrow|csv|jsonl] [--table packets|flows] [-o OUT] " +
  "[--partition date|hour] [--force] FILE...";

const LIBRARY = new URL("../lib/", import.meta.url);
const FORMATS = ["parquet", "arrow", "csv", "jsonl"] as const;
const TABLES = ["packets", "flows"] as const;
const PARTITIONS = ["date", "hour"] as const;
const COMPRESSIONS = ["zstd", "snappy", "gzip", "none"] as const;

function choice<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new TypeError(`Invalid value for ${flag}: ${value} (${allowed.join(", ")})`);
}

/** The default output of one capture: its name with the format's extension. */
function defaultOutput(file: string, extension: string): string {
  const base = file.replace(/\.(gz|xz|zst)$/, "").replace(/\.(pcap|pcapng|cap|dmp)$/i, "");
  return `${base}.${extension}`;
}

/** Whether a directory holds only what export writes: part files and partition folders. */
async function onlyExportFiles(directory: string, extension: string): Promise<boolean> {
  for await (const entry of Deno.readDir(directory)) {
    if (entry.isDirectory && /^(date|hour)=/.test(entry.name)) {
      if (!await onlyExportFiles(`${directory}/${entry.name}`, extension)) return false;
    } else if (!(entry.isFile && new RegExp(`^part-\\d+\\.${extension}$`).test(entry.name))) {
      return false;
    }
  }
  return true;
}

/** Checks the output: refuses an existing one without `--force`, else removes it. */
async function prepareOutput(output: string, extension: string, force: boolean): Promise<void> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(output);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw error;
  }
  if (!force) throw new Error(`Cannot export to ${output}: it exists (--force overwrites it)`);
  if (info.isDirectory && !await onlyExportFiles(output, extension)) {
    throw new Error(
      `Cannot export to ${output}: the directory holds files export did not write; ` +
        "remove them or choose another output",
    );
  }
  await Deno.remove(output, { recursive: true });
}

async function main(args: string[]): Promise<number> {
  const { values, positionals: files } = parseOrExit(
    args,
    {
      format: { type: "string", short: "f", default: "parquet" },
      table: { type: "string", short: "t", default: "packets" },
      output: { type: "string", short: "o" },
      partition: { type: "string" },
      compression: { type: "string", default: "zstd" },
      jobs: { type: "string", short: "j" },
      force: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    USAGE,
    [
      { flags: "-f, --format F", text: "parquet (default, zstd), arrow, csv or jsonl" },
      { flags: "-t, --table T", text: "packets (one row per packet, default) or flows" },
      { flags: "-o, --output OUT", text: "output file, or directory for many files or partitions" },
      { flags: "--partition P", text: "write a Hive-style dataset by date or hour (UTC)" },
      { flags: "--compression C", text: "Parquet compression: zstd (default), snappy, gzip, none" },
      { flags: "-j, --jobs N", text: "files converted at once (default: one per core)" },
      { flags: "--force", text: "replace an existing output" },
      { flags: "-h, --help", text: "print this help and exit" },
    ],
  );
  let format: ExportFormat, table: TableName, partition: Partitioning = "none";
  let compression: ParquetCompression, jobs: number | undefined;
  try {
    format = choice("--format", values.format, FORMATS);
    table = choice("--table", values.table, TABLES);
    if (values.partition !== undefined) {
      partition = choice("--partition", values.partition, PARTITIONS);
    }
    compression = choice("--compression", values.compression, COMPRESSIONS);
    if (values.jobs !== undefined) {
      if (!/^[1-9]\d*$/.test(values.jobs)) {
        throw new TypeError(`Invalid value for --jobs: ${values.jobs} (a whole number from 1)`);
      }
      jobs = Number(values.jobs);
    }
    if (files.length === 0) throw new TypeError("Cannot export: no capture file given");
    if (values.output === undefined && (files.length > 1 || partition !== "none")) {
      throw new TypeError("Cannot export many files or partitions without -o OUT");
    }
  } catch (error) {
    console.error((error as Error).message);
    console.error(USAGE);
    return 2;
  }
  const extension = FORMAT_EXTENSIONS[format];
  const output = values.output?.replace(/(.)\/+$/, "$1") ??
    defaultOutput(files[0]!, extension);
  requirePermissions({
    script: "scripts/export.ts",
    usage: "[OPTIONS] FILE...",
    needs: [
      ...files.map((path) => ({ name: "read", path }) as const),
      { name: "read", path: output },
      { name: "write", path: output },
      // The workers load the library's modules, when the script runs from files.
      ...(LIBRARY.protocol === "file:" ? [{ name: "read", path: LIBRARY.pathname } as const] : []),
    ],
  });
  const single = files.length === 1 && partition === "none";
  try {
    await prepareOutput(output, extension, values.force);
    if (!single && partition === "none") await Deno.mkdir(output, { recursive: true });
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }

  const sizes = await Promise.all(
    files.map((file) => Deno.stat(file).then((info) => info.size, () => 0)),
  );
  const total = sizes.reduce((a, b) => a + b, 0);
  const offsets = new Array<number>(files.length).fill(0);
  const bar = new ProgressBar(total);
  let done = 0, rows = 0, failed = 0;
  const label = () => `${done}/${files.length} files, ${rows} rows`;
  await exportCaptures(files, {
    options: { format, table, partition, compression },
    output: (index) =>
      single || partition !== "none" ? output : `${output}/part-${index}.${extension}`,
    ...(jobs === undefined ? {} : { jobs }),
    ...(bar.enabled
      ? {
        onProgress: (index: number, offset: number) => {
          offsets[index] = offset;
          bar.update(offsets.reduce((a, b) => a + b, 0), label());
        },
      }
      : {}),
    onDone: (index, outcome) => {
      done++;
      offsets[index] = sizes[index]!;
      if ("error" in outcome) {
        failed++;
        bar.clear();
        console.error(`Cannot export ${files[index]}: ${outcome.error}`);
      } else rows += outcome.rows;
      bar.update(offsets.reduce((a, b) => a + b, 0), label());
    },
  });
  bar.clear();
  const exported = files.length - failed;
  console.error(
    `Exported ${rows} ${table === "flows" ? "flows" : "packets"} from ${exported} of ` +
      `${files.length} ${files.length === 1 ? "file" : "files"} to ${output}`,
  );
  return failed === 0 ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
