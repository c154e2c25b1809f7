/**
 * The `flows` table: one row per flow (conversation) of a capture, as `FlowTable` counts
 * them and `scripts/flows.ts` lists them. {@linkcode FLOW_SCHEMA} lists the columns.
 *
 * @module
 */

import { columnSpec, FILE_COLUMN, type TableSchema } from "./schema.ts";

/**
 * The columns of the `flows` table. A is the source of the flow's first packet.
 *
 * @example The columns of the endpoints
 * ```ts
 * import { FLOW_SCHEMA } from "./flow_schema.ts";
 * import assert from "node:assert/strict";
 *
 * const names = FLOW_SCHEMA.columns.map((column) => column.name);
 * assert.deepEqual(names.slice(4, 8), ["address_a", "port_a", "address_b", "port_b"]);
 * ```
 */
export const FLOW_SCHEMA: TableSchema = {
  name: "flows",
  columns: [
    FILE_COLUMN,
    columnSpec("ip_version", "int32", "4 or 6: the IP version of the (innermost) IP header"),
    columnSpec("protocol", "string", "tcp, udp, icmp, icmpv6, esp, ip-proto-N..."),
    columnSpec("protocol_number", "int32", "The IP protocol number"),
    columnSpec("address_a", "string", "Address A"),
    columnSpec(
      "port_a",
      "int32",
      "Port A (TCP and UDP; null for other protocols and headerless fragments)",
    ),
    columnSpec("address_b", "string", "Address B"),
    columnSpec("port_b", "int32", "Port B"),
    columnSpec("packets_a_to_b", "int64", "Packets from A to B"),
    columnSpec("bytes_a_to_b", "int64", "Bytes from A to B (lengths on the wire)"),
    columnSpec("packets_b_to_a", "int64", "Packets from B to A"),
    columnSpec("bytes_b_to_a", "int64", "Bytes from B to A"),
    columnSpec("first_time", "timestamp", "The earliest packet time (UTC)"),
    columnSpec("first_time_ns", "int64", "The same, in nanoseconds since the epoch"),
    columnSpec("last_time", "timestamp", "The latest packet time (UTC)"),
    columnSpec("last_time_ns", "int64", "The same, in nanoseconds since the epoch"),
    columnSpec("duration", "float64", "Last minus first time, in seconds"),
    columnSpec(
      "relative_start",
      "float64",
      "Seconds from the file's first packet to the flow's first",
    ),
    columnSpec(
      "tcp_state",
      "string",
      "TCP flags seen (SYN SYN-ACK FIN-A FIN-B RST, or -); null if not TCP",
    ),
  ],
};
