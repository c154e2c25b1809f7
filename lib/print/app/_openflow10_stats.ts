/**
 * The OpenFlow 1.0 VENDOR, STATS_REQUEST and STATS_REPLY bodies and QUEUE_GET_CONFIG_REPLY's
 * queues, as tcpdump's print-openflow-1.0.c writes them. Private to the OpenFlow printer.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type {
  OpenFlow,
  OpenFlowField,
  OpenFlowMessage,
  OpenFlowRecord,
} from "../../app/openflow.ts";
import { captured, invalid } from "../_truncation.ts";
import { printCharsUntilNul } from "../_chars.ts";
import { bitmap, byName, type Field, hex64, printMatch, put } from "./_openflow10.ts";
import {
  hex,
  port,
  printActions,
  printData,
  printVendorData,
  vendorText,
} from "./_openflow10_actions.ts";
import type { Bits } from "./_openflow_names.ts";

const VENDOR = 4;
const STATS_REQUEST = 16;
const QUEUE_GET_CONFIG_REPLY = 21;
const STATS_TYPES: ReadonlyMap<number, string> = new Map([
  [0, "DESC"],
  [1, "FLOW"],
  [2, "AGGREGATE"],
  [3, "TABLE"],
  [4, "PORT"],
  [5, "QUEUE"],
  [0xffff, "VENDOR"],
]);
const REPLY_FLAGS: Bits = [[1, "MORE"]];
const WILDCARDS: Bits = [
  [1, "IN_PORT"],
  [2, "DL_VLAN"],
  [4, "DL_SRC"],
  [8, "DL_DST"],
  [16, "DL_TYPE"],
  [32, "NW_PROTO"],
  [64, "TP_SRC"],
  [128, "TP_DST"],
  [1 << 20, "DL_VLAN_PCP"],
  [1 << 21, "NW_TOS"],
];
/** The wildcards' bits, the address masks' included, that tcpdump counts as assigned. */
const WILDCARDS_ASSIGNED = (1 << 22) - 1;
const PROPERTIES = ["NONE", "MIN_RATE"];
/** A queue property's length, by property (NONE, MIN_RATE). */
const PROPERTY_LENGTHS = [8, 16];

const tableId = (v: number) => v === 0xfe ? "EMERG" : v === 0xff ? "ALL" : String(v);

/**
 * Prints a VENDOR, STATS_REQUEST, STATS_REPLY or QUEUE_GET_CONFIG_REPLY body.
 *
 * @returns `false` where the capture ends inside what tcpdump reads.
 */
export function printStats10(ctx: PrintContext, of: OpenFlow, m: OpenFlowMessage): boolean {
  const out = ctx.out;
  const fields = byName(of.fields(m));
  const field: Field = (name) => fields.get(name)!;
  if (m.type === QUEUE_GET_CONFIG_REPLY) return printQueues(ctx, of, m, field);
  if (m.type === VENDOR) {
    const at = m.offset + 12;
    return put(ctx, field("vendor"), vendorText) &&
      printVendorData(ctx, of, Number(field("vendor").value), at, m.offset + m.length! - at, false);
  }
  if (
    !put(ctx, field("type"), (v) => `\n\t type ${STATS_TYPES.get(v) ?? `invalid (0x${hex(v, 4)})`}`)
  ) {
    return false;
  }
  const flags = field("flags");
  if (!flags.captured) return false;
  const f = Number(flags.value);
  const request = m.type === STATS_REQUEST;
  out.ascii(
    `, flags 0x${hex(f, 4)}${request ? (f !== 0 ? " (bogus)" : "") : bitmap(REPLY_FLAGS, f)}`,
  );
  const type = Number(field("type").value);
  for (const record of of.stats(m)) {
    // A flow reply's record prints its length before tcpdump finds it invalid.
    if (record.invalid && (type !== 1 || request || record.length === undefined)) {
      invalid(ctx);
      return captured(of.end, record.offset, record.left);
    }
    const it = byName(record.fields);
    const get: Field = (name) => it.get(name)!;
    if (type === 0xffff) {
      if (!put(ctx, get("vendor"), vendorText)) return false;
      if (!printData(ctx, of, record.offset + 4, record.left - 4)) return false;
      continue;
    }
    if (!(request ? printRequest : printReply)(ctx, of, type, record, get)) return false;
  }
  return true;
}

/** A STATS_REQUEST's body of a known type but VENDOR. */
function printRequest(
  ctx: PrintContext,
  of: OpenFlow,
  type: number,
  _record: OpenFlowRecord,
  field: Field,
): boolean {
  switch (type) {
    case 1:
    case 2:
      return printMatch(ctx, of, field, "\n\t ") &&
        put(ctx, field("table_id"), (v) => `\n\t table_id ${tableId(v)}`) &&
        put(ctx, field("out_port"), (v) => `, out_port ${port(v)}`);
    case 4:
      return put(ctx, field("port_no"), (v) => `\n\t port_no ${port(v)}`) &&
        field("pad").captured;
    case 5:
      return put(ctx, field("port_no"), (v) => `\n\t port_no ${port(v)}`) &&
        put(ctx, field("queue_id"), (v) => `, queue_id ${v === 0xffffffff ? "ALL" : v}`);
  }
  return true;
}

/** A STATS_REPLY's record of a known type but VENDOR. */
function printReply(
  ctx: PrintContext,
  of: OpenFlow,
  type: number,
  record: OpenFlowRecord,
  field: Field,
): boolean {
  const out = ctx.out;
  switch (type) {
    case 0:
      for (const f of record.fields) {
        out.ascii(`\n\t  ${f.name} '`);
        if (printCharsUntilNul(out, of.data, f.offset, f.size, of.end)) return false;
        out.ascii("'");
      }
      return true;
    case 1:
      if (!put(ctx, field("length"), (v) => `\n\t length ${v}`)) return false;
      if (record.invalid) {
        invalid(ctx);
        return captured(of.end, record.offset, record.left);
      }
      return put(ctx, field("table_id"), (v) => `, table_id ${tableId(v)}`) &&
        printMatch(ctx, of, field, "\n\t  ") &&
        numbers(ctx, field, "\n\t  ", [
          "duration_sec",
          "duration_nsec",
          "priority",
          "idle_timeout",
          "hard_timeout",
        ]) &&
        put(ctx, field("cookie"), () => `, cookie ${hex64(field("cookie"))}`) &&
        numbers(ctx, field, ", ", ["packet_count", "byte_count"]) &&
        printActions(ctx, of, of.flowActions(record), "\n\t  ");
    case 2:
      return numbers(ctx, field, "\n\t ", ["packet_count", "byte_count", "flow_count"]) &&
        field("pad").captured;
    case 3: {
      if (!put(ctx, field("table_id"), (v) => `\n\t table_id ${tableId(v)}, name '`)) return false;
      const name = field("name");
      if (printCharsUntilNul(out, of.data, name.offset, name.size, of.end)) return false;
      out.ascii("'");
      return put(
        ctx,
        field("wildcards"),
        (v) => `\n\t  wildcards 0x${hex(v, 8)}${bitmap(WILDCARDS, v, WILDCARDS_ASSIGNED)}`,
      ) &&
        numbers(ctx, field, "\n\t  ", [
          "max_entries",
          "active_count",
          "lookup_count",
          "matched_count",
        ]);
    }
    case 4:
      if (!put(ctx, field("port_no"), (v) => `\n\t  port_no ${port(v)}`)) return false;
      if (ctx.verbose < 2) return captured(of.end, record.offset + 2, record.length! - 2);
      return numbers(ctx, field, ", ", record.fields.slice(1).map((f) => f.name));
    case 5:
      return put(ctx, field("port_no"), (v) => `\n\t  port_no ${port(v)}`) &&
        numbers(ctx, field, ", ", ["queue_id", "tx_bytes", "tx_packets", "tx_errors"]);
  }
  return true;
}

/** `NAME value` of each field, the first after `first`, the others after a comma. */
function numbers(ctx: PrintContext, field: Field, first: string, names: string[]): boolean {
  for (let i = 0; i < names.length; i++) {
    const f: OpenFlowField = field(names[i]!);
    if (!f.captured) return false;
    ctx.out.ascii(`${i === 0 ? first : ", "}${f.name} ${f.value}`);
  }
  return true;
}

/** A QUEUE_GET_CONFIG_REPLY: the port, its queues and, with `-vv`, their properties. */
function printQueues(ctx: PrintContext, of: OpenFlow, m: OpenFlowMessage, field: Field): boolean {
  if (!put(ctx, field("port"), (v) => `\n\t port ${port(v)}`)) return false;
  if (!field("pad").captured) return false;
  for (const queue of of.queues(m)) {
    if (!printRecordHead(ctx, queue, "\n\t  queue_id", (v) => String(v))) {
      return !queue.invalid ? false : captured(of.end, queue.offset, queue.left);
    }
    if (!captured(of.end, queue.offset + 6, 2)) return false;
    if (ctx.verbose < 2) {
      if (!captured(of.end, queue.offset + 8, queue.length! - 8)) return false;
      continue;
    }
    if (!printProperties(ctx, of, queue)) return false;
  }
  return true;
}

/**
 * A queue's or property's first field and its length; `false` when the record is invalid
 * (` (invalid)` printed) or the capture cut them.
 */
function printRecordHead(
  ctx: PrintContext,
  record: OpenFlowRecord,
  prefix: string,
  text: (v: number) => string,
): boolean {
  if (record.fields.length === 0) {
    invalid(ctx);
    return false;
  }
  const [first, length] = record.fields;
  if (!put(ctx, first!, (v) => `${prefix} ${text(v)}`)) return false;
  if (!put(ctx, length!, (v) => `, len ${v}`)) return false;
  if (record.invalid) invalid(ctx);
  return !record.invalid;
}

/** A queue's properties, as tcpdump's of10_queue_props_print(). */
function printProperties(ctx: PrintContext, of: OpenFlow, queue: OpenFlowRecord): boolean {
  const out = ctx.out;
  for (const property of of.queueProperties(queue)) {
    if (
      !printRecordHead(
        ctx,
        property,
        "\n\t   property",
        (v) => PROPERTIES[v] ?? `invalid (0x${hex(v, 4)})`,
      )
    ) {
      return !property.invalid ? false : captured(of.end, property.offset, property.left);
    }
    if (!captured(of.end, property.offset + 4, 4)) return false;
    const type = Number(property.fields[0]!.value);
    const length = property.length!;
    const fixed = PROPERTY_LENGTHS[type];
    if (fixed !== undefined && length !== fixed) out.ascii(" (bogus)");
    if (type !== 1 || length !== fixed) {
      if (!captured(of.end, property.offset + 8, length - 8)) return false;
      continue;
    }
    const rate = property.fields[3]!;
    if (!rate.captured) return false;
    const r = Number(rate.value);
    out.ascii(r > 1000 ? ", rate disabled" : `, rate ${Math.floor(r / 10)}.${r % 10}%`);
    if (!captured(of.end, property.offset + 10, 6)) return false;
  }
  return true;
}
