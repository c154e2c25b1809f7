/**
 * The records of OpenFlow 1.0 STATS_REQUEST and STATS_REPLY bodies (by statistics type)
 * and of QUEUE_GET_CONFIG_REPLY (queues and their properties), and the walk that lists
 * them as tcpdump's print-openflow-1.0.c meets them. Private to `openflow.ts`.
 *
 * @module
 */

import { readUint16 } from "../_bytes.ts";
import { type FieldSpec, MATCH } from "./_openflow10.ts";

/**
 * How a list of records is laid out: `exact`, one record of exactly `min` bytes; `once`,
 * one of at least `min`; `each`, records of `min` bytes each; `sized`, records of at least
 * `min` bytes whose length is the 16-bit field at `lengthAt`.
 */
export interface RecordSpec {
  readonly layout: "exact" | "once" | "each" | "sized";
  readonly min: number;
  readonly lengthAt?: number;
  readonly fields: readonly FieldSpec[];
}

/** A record as the walk meets it, with its fields as `read` gives them. */
export interface Walked<F> {
  readonly offset: number;
  readonly left: number;
  readonly length: number | undefined;
  readonly invalid: boolean;
  readonly fields: F[];
}

const OFPST_FLOW = 1;
const OFPST_VENDOR = 0xffff;

/** The size of a flow statistics record before its actions. */
export const FLOW_STATS_FIXED = 88;

const VENDOR: RecordSpec = { layout: "once", min: 4, fields: [["vendor", 0, 4]] };
const NONE: RecordSpec = { layout: "exact", min: 0, fields: [] };
const FLOW_REQUEST: RecordSpec = {
  layout: "exact",
  min: 44,
  fields: [...MATCH, ["table_id", 40, 1], ["out_port", 42, 2]],
};
const COUNTERS = [
  "rx_packets",
  "tx_packets",
  "rx_bytes",
  "tx_bytes",
  "rx_dropped",
  "tx_dropped",
  "rx_errors",
  "tx_errors",
  "rx_frame_err",
  "rx_over_err",
  "rx_crc_err",
  "collisions",
];

/** The bodies of STATS_REQUEST after type and flags, by statistics type ([OF10] 5.3.5). */
export const STATS_REQUESTS: ReadonlyMap<number, RecordSpec> = new Map([
  [0, NONE],
  [1, FLOW_REQUEST],
  [2, FLOW_REQUEST],
  [3, NONE],
  [4, { layout: "exact", min: 8, fields: [["port_no", 0, 2], ["pad", 2, "pad", 6]] }],
  [5, { layout: "exact", min: 8, fields: [["port_no", 0, 2], ["queue_id", 4, 4]] }],
  [OFPST_VENDOR, VENDOR],
]);

/** The bodies of STATS_REPLY after type and flags, by statistics type. */
export const STATS_REPLIES: ReadonlyMap<number, RecordSpec> = new Map([
  [0, {
    layout: "exact",
    min: 1056,
    fields: [
      ["mfr_desc", 0, "text", 256],
      ["hw_desc", 256, "text", 256],
      ["sw_desc", 512, "text", 256],
      ["serial_num", 768, "text", 32],
      ["dp_desc", 800, "text", 256],
    ],
  }],
  [OFPST_FLOW, {
    layout: "sized",
    min: FLOW_STATS_FIXED,
    lengthAt: 0,
    fields: [
      ["length", 0, 2],
      ["table_id", 2, 1],
      ...MATCH.map(([n, at, k, s]) => [n, at + 4, k, s] as FieldSpec),
      ["duration_sec", 44, 4],
      ["duration_nsec", 48, 4],
      ["priority", 52, 2],
      ["idle_timeout", 54, 2],
      ["hard_timeout", 56, 2],
      ["cookie", 64, 8],
      ["packet_count", 72, 8],
      ["byte_count", 80, 8],
    ],
  }],
  [2, {
    layout: "exact",
    min: 24,
    fields: [
      ["packet_count", 0, 8],
      ["byte_count", 8, 8],
      ["flow_count", 16, 4],
      ["pad", 20, "pad", 4],
    ],
  }],
  [3, {
    layout: "each",
    min: 64,
    fields: [
      ["table_id", 0, 1],
      ["name", 4, "text", 32],
      ["wildcards", 36, 4],
      ["max_entries", 40, 4],
      ["active_count", 44, 4],
      ["lookup_count", 48, 8],
      ["matched_count", 56, 8],
    ],
  }],
  [4, {
    layout: "each",
    min: 104,
    fields: [["port_no", 0, 2], ...COUNTERS.map((n, i) => [n, 8 + 8 * i, 8] as FieldSpec)],
  }],
  [5, {
    layout: "each",
    min: 32,
    fields: [
      ["port_no", 0, 2],
      ["queue_id", 4, 4],
      ["tx_bytes", 8, 8],
      ["tx_packets", 16, 8],
      ["tx_errors", 24, 8],
    ],
  }],
  [OFPST_VENDOR, VENDOR],
]);

/** A queue of a QUEUE_GET_CONFIG_REPLY ([OF10] 5.3.4), its properties after 8 bytes. */
export const QUEUE: RecordSpec = {
  layout: "sized",
  min: 8,
  lengthAt: 4,
  fields: [["queue_id", 0, 4], ["len", 4, 2], ["pad", 6, "pad", 2]],
};

/** A queue property: `rate` is MIN_RATE's, its only one ([OF10] 5.2.2). */
export const QUEUE_PROPERTY: RecordSpec = {
  layout: "sized",
  min: 8,
  lengthAt: 2,
  fields: [["property", 0, 2], ["len", 2, 2], ["pad", 4, "pad", 4], ["rate", 8, 2], [
    "pad",
    10,
    "pad",
    6,
  ]],
};

/**
 * Walks a list of `left` bytes at `at` as tcpdump does: the walk ends with an invalid
 * record, or a `sized` one whose length the capture cut.
 *
 * @param data The bytes.
 * @param end Where the captured bytes end.
 * @param at Where the list starts.
 * @param left Its length.
 * @param spec Its layout.
 * @param read Reads a record's fields.
 * @returns The records.
 */
export function walkRecords<F>(
  data: Uint8Array,
  end: number,
  at: number,
  left: number,
  spec: RecordSpec,
  read: (at: number, fields: readonly FieldSpec[]) => F[],
): Walked<F>[] {
  const { layout, min, lengthAt, fields } = spec;
  if (layout === "exact" || layout === "once") {
    const invalid = layout === "exact" ? left !== min : left < min;
    return [{
      offset: at,
      left,
      length: invalid ? undefined : left,
      invalid,
      fields: read(at, fields),
    }];
  }
  const out: Walked<F>[] = [];
  while (left > 0) {
    if (left < min) {
      out.push({ offset: at, left, length: undefined, invalid: true, fields: [] });
      break;
    }
    const length = lengthAt === undefined
      ? min
      : at + lengthAt + 2 <= end
      ? readUint16(data, at + lengthAt)
      : undefined;
    const invalid = length !== undefined && (length < min || length > left);
    out.push({ offset: at, left, length, invalid, fields: read(at, fields) });
    if (length === undefined || invalid) break;
    at += length;
    left -= length;
  }
  return out;
}
