/**
 * {@linkcode readCaptureTables}: a capture file as the `packets` or `flows` table, whole
 * or split into time partitions (Hive-style `date=…/hour=…`).
 *
 * @module
 */

import { PacketParser } from "../decode.ts";
import { openCapture } from "../formats/open_capture.ts";
import { type Flow, type FlowSummary, FlowTable } from "../stats/flows.ts";
import type { ColumnarTable } from "./columnar_table.ts";
import { flowColumns } from "./flow_table_columns.ts";
import { PACKET_CHUNK_ROWS, PacketTableBuilder } from "./packet_table_builder.ts";
import { type PacketApplicationFields, PacketApplications } from "./_packet_applications.ts";
import type { CaptureBatch } from "../formats/capture_reader.ts";

/** Which table: one row per packet, or one per flow. */
export type TableName = "packets" | "flows";

/** How rows are split: not at all, by UTC date, or by UTC date and hour. */
export type Partitioning = "none" | "date" | "hour";

/** Options of {@linkcode readCaptureTables}. */
export interface CaptureTableOptions {
  /** The table (default `packets`). */
  table?: TableName;
  /** The partitioning (default `none`). Flows go to the partition of their first packet. */
  partition?: Partitioning;
  /** The `file` column's value (default: the path as given). */
  name?: string;
  /** Called after each chunk of the file with the file offset reached. */
  onProgress?: (offset: number) => void;
}

/**
 * The path of a partition, as Hive and Spark write them: `date=2026-12-03` or
 * `date=2026-12-03/hour=14` (UTC); `""` without partitioning.
 *
 * @param seconds A time, in seconds since the epoch.
 * @param partition The partitioning.
 * @returns The relative directory.
 *
 * @example The partition of a time
 * ```ts
 * import { partitionPath } from "./capture_tables.ts";
 * import assert from "node:assert/strict";
 *
 * const seconds = Date.UTC(2026, 11, 3, 14, 30) / 1000;
 * assert.equal(partitionPath(seconds, "hour"), "date=2026-12-03/hour=14");
 * assert.equal(partitionPath(seconds, "date"), "date=2026-12-03");
 * assert.equal(partitionPath(seconds, "none"), "");
 * ```
 */
export function partitionPath(seconds: number, partition: Partitioning): string {
  if (partition === "none") return "";
  const iso = new Date(Math.floor(seconds / 3600) * 3600_000).toISOString();
  const date = `date=${iso.slice(0, 10)}`;
  return partition === "date" ? date : `${date}/hour=${Number(iso.slice(11, 13))}`;
}

/** Rows of one partition, as {@linkcode partitionChunks} yields them. */
export interface PartitionChunk {
  /** The partition's path, as {@linkcode partitionPath} gives it (`""` without partitioning). */
  path: string;
  /** The partition's first second since the epoch (0 without partitioning). */
  start: number;
  /** The rows. */
  table: ColumnarTable;
}

/**
 * Reads a capture file into the `packets` or `flows` table as chunks of up to 16,384 rows,
 * each tagged with its partition, through the fast path (one reused `PacketParser` over the
 * reader's batches). Packet chunks are yielded as soon as they are full, so that writers
 * can stream them: memory is bounded by a chunk being filled per partition. Flows are
 * counted to the end of the file first (a flow's last packet may be the file's), then
 * yielded partition by partition.
 *
 * @param file The capture file (pcap or pcapng, possibly compressed).
 * @param options The table, partitioning, `file` column and progress callback.
 * @returns The chunks: those of one partition in row order; partitions interleaved as the
 * packets come, then the rest of each in order of their start (flows: of their paths).
 * @throws {CaptureFileError} When the file is not a capture or is corrupt.
 *
 * @example Count the packets of each hour
 * ```ts
 * import { partitionChunks } from "./capture_tables.ts";
 * import assert from "node:assert/strict";
 *
 * const file = new URL("../../testdata/namespaces.pcap", import.meta.url).pathname;
 * const rows = new Map<string, number>();
 * for await (const { path, table } of partitionChunks(file, { partition: "hour" })) {
 *   rows.set(path, (rows.get(path) ?? 0) + table.length);
 * }
 * assert.equal([...rows.values()].reduce((a, b) => a + b), 46);
 * ```
 */
export async function* partitionChunks(
  file: string,
  options: CaptureTableOptions = {},
): AsyncGenerator<PartitionChunk> {
  const table = options.table ?? "packets";
  const partition = options.partition ?? "none";
  const name = options.name ?? file;
  const rows = new RowAdder(name, table, partition);
  await using reader = await openCapture(file);
  for await (const batch of reader.batches({ reuseBuffers: true })) {
    // The packets go through in one synchronous call; one whose application fields come
    // later (a QUIC Initial packet being decrypted) stops it, and is finished once they are.
    for (let i = rows.addBatch(batch, 0); i < batch.count; i = rows.addBatch(batch, i + 1)) {
      rows.finish(batch, i, await rows.pending!);
    }
    options.onProgress?.(reader.offset);
    yield* rows.takeChunks();
  }
  if (rows.flows !== undefined) {
    yield* flowChunks(name, rows.flows.result(), partition);
    return;
  }
  yield* rows.finishChunks();
}

/**
 * The rows of {@linkcode partitionChunks}, added batch by batch. The per-packet loop sits
 * in a plain method rather than in the async generator: a generator's loop, compiled while
 * it runs, is left at every `await` and `yield`.
 */
class RowAdder {
  readonly #name: string;
  readonly #partition: Partitioning;
  readonly #bucketSeconds: number;
  readonly #parser = new PacketParser();
  readonly #builders = new Map<number, PacketTableBuilder>();
  readonly #apps: PacketApplications | undefined;
  /** The flows, for the `flows` table. */
  readonly flows: FlowTable | undefined;
  /** The application fields of the packet that stopped {@linkcode addBatch}. */
  pending: Promise<PacketApplicationFields> | undefined;
  #frame = 0;
  #lastBucket = NaN;
  #builder: PacketTableBuilder | undefined;

  constructor(name: string, table: TableName, partition: Partitioning) {
    this.#name = name;
    this.#partition = partition;
    this.#bucketSeconds = partition === "hour" ? 3600 : 86400;
    this.flows = table === "flows" ? new FlowTable() : undefined;
    this.#apps = this.flows === undefined ? new PacketApplications() : undefined;
  }

  /**
   * Adds the packets of a batch from `first` on, until one whose application fields are
   * awaited ({@linkcode pending}): its index is returned, else `batch.count`.
   */
  addBatch(batch: CaptureBatch, first: number): number {
    const { buffer, offsets, capturedLengths, originalLengths, linkTypes, seconds } = batch;
    const parser = this.#parser;
    const flows = this.flows;
    for (let i = first; i < batch.count; i++) {
      const start = offsets[i]!;
      parser.parse(linkTypes[i]!, buffer, start, start + capturedLengths[i]!, originalLengths[i]);
      this.#frame++;
      if (flows !== undefined) {
        flows.add(parser, seconds[i]!, batch.nanoseconds[i]!, originalLengths[i]!);
        continue;
      }
      const app = this.#apps!.add(parser, seconds[i]! + batch.nanoseconds[i]! / 1e9);
      if (app instanceof Promise) {
        this.pending = app;
        return i;
      }
      this.#builderOf(seconds[i]!).add(parser, batch, i, this.#frame, app);
    }
    return batch.count;
  }

  /** Adds the packet that stopped {@linkcode addBatch}, with its application fields. */
  finish(batch: CaptureBatch, i: number, app: PacketApplicationFields): void {
    this.pending = undefined;
    this.#builderOf(batch.seconds[i]!).add(this.#parser, batch, i, this.#frame, app);
  }

  /** The builder of a packet's partition. */
  #builderOf(seconds: number): PacketTableBuilder {
    const bucket = this.#partition === "none" ? 0 : Math.floor(seconds / this.#bucketSeconds);
    if (bucket !== this.#lastBucket || this.#builder === undefined) {
      let builder = this.#builders.get(bucket);
      if (builder === undefined) {
        this.#builders.set(bucket, builder = new PacketTableBuilder(this.#name));
      }
      this.#builder = builder;
      this.#lastBucket = bucket;
    }
    return this.#builder;
  }

  /** The chunks filled so far. */
  *takeChunks(): Generator<PartitionChunk> {
    for (const [bucket, packets] of this.#builders) {
      for (const rows of packets.takeChunks()) yield this.#chunk(bucket, rows);
    }
  }

  /** The last chunks of every partition, in time order. */
  *finishChunks(): Generator<PartitionChunk> {
    for (const [bucket, packets] of [...this.#builders].sort((a, b) => a[0] - b[0])) {
      for (const rows of packets.finish()) yield this.#chunk(bucket, rows);
    }
  }

  #chunk(bucket: number, rows: ColumnarTable): PartitionChunk {
    const start = this.#partition === "none" ? 0 : bucket * this.#bucketSeconds;
    return { path: partitionPath(start, this.#partition), start, table: rows };
  }
}

function* flowChunks(
  name: string,
  summary: FlowSummary,
  partition: Partitioning,
): Generator<PartitionChunk> {
  const groups = new Map<string, { start: number; flows: Flow[] }>();
  for (const flow of summary.flows) {
    const seconds = Number(flow.firstTimestamp / 1_000_000_000n);
    const path = partitionPath(seconds, partition);
    const group = groups.get(path);
    if (group === undefined) {
      const bucketSeconds = partition === "hour" ? 3600 : 86400;
      const start = partition === "none" ? 0 : Math.floor(seconds / bucketSeconds) * bucketSeconds;
      groups.set(path, { start, flows: [flow] });
    } else group.flows.push(flow);
  }
  // Without partitions, a file without flows still has its (empty) table.
  if (partition === "none" && groups.size === 0) groups.set("", { start: 0, flows: [] });
  for (const [path, { start, flows }] of [...groups].sort(byPath)) {
    for (let at = 0; at === 0 || at < flows.length; at += PACKET_CHUNK_ROWS) {
      const part = flows.slice(at, at + PACKET_CHUNK_ROWS);
      yield { path, start, table: flowColumns(name, { flows: part, totals: summary.totals }) };
    }
  }
}

/**
 * Reads a capture file into the `packets` or `flows` table, whole: the chunks of
 * {@linkcode partitionChunks} gathered by partition.
 *
 * @param file The capture file (pcap or pcapng, possibly compressed).
 * @param options The table, partitioning, `file` column and progress callback.
 * @returns The tables by partition path, in time order (each a list of row chunks);
 * without partitioning, one entry under `""` (an empty list for a capture without packets).
 * @throws {CaptureFileError} When the file is not a capture or is corrupt.
 *
 * @example The packets of a file, by hour
 * ```ts
 * import { readCaptureTables } from "./capture_tables.ts";
 * import assert from "node:assert/strict";
 *
 * const file = new URL("../../testdata/namespaces.pcap", import.meta.url);
 * const tables = await readCaptureTables(file.pathname, { partition: "hour" });
 * const rows = [...tables.values()].flat().reduce((n, table) => n + table.length, 0);
 * assert.equal(rows, 46);
 * ```
 */
export async function readCaptureTables(
  file: string,
  options: CaptureTableOptions = {},
): Promise<Map<string, ColumnarTable[]>> {
  const parts = new Map<string, { start: number; tables: ColumnarTable[] }>();
  for await (const { path, start, table } of partitionChunks(file, options)) {
    const part = parts.get(path);
    if (part === undefined) parts.set(path, { start, tables: [table] });
    else part.tables.push(table);
  }
  const sorted = options.table === "flows"
    ? [...parts]
    : [...parts].sort((a, b) => a[1].start - b[1].start);
  const tables = new Map(sorted.map(([path, part]) => [path, part.tables]));
  if ((options.partition ?? "none") === "none" && tables.size === 0) tables.set("", []);
  return tables;
}

function byPath(a: [string, unknown], b: [string, unknown]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/**
 * Reads a capture file's `packets` table as chunks of up to 16,384 rows, each yielded as
 * soon as it is full, so that a writer can stream it without holding the whole table.
 *
 * @param file The capture file.
 * @param options The `file` column's value and a progress callback.
 * @returns The chunks, in packet order.
 * @throws {CaptureFileError} When the file is not a capture or is corrupt.
 *
 * @example Count the rows of a file
 * ```ts
 * import { packetChunks } from "./capture_tables.ts";
 * import assert from "node:assert/strict";
 *
 * const file = new URL("../../testdata/namespaces.pcap", import.meta.url).pathname;
 * let rows = 0;
 * for await (const chunk of packetChunks(file)) rows += chunk.length;
 * assert.equal(rows, 46);
 * ```
 */
export async function* packetChunks(
  file: string,
  options: Pick<CaptureTableOptions, "name" | "onProgress"> = {},
): AsyncGenerator<ColumnarTable> {
  for await (const { table } of partitionChunks(file, options)) yield table;
}
