/**
 * The `flows` table: one row per flow (conversation) of a capture, as `FlowTable` counts
 * them and `scripts/flows.ts` lists them. {@linkcode FLOW_SCHEMA} lists the columns.
 *
 * @module
 */

import type { TableSchema } from "./schema.ts";

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
    { name: "file", type: "string", description: "The capture file, as named on the command line" },
    {
      name: "ip_version",
      type: "int32",
      description: "4 or 6: the IP version of the (innermost) IP header",
    },
    { name: "protocol", type: "string", description: "tcp, udp, icmp, icmpv6, esp, ip-proto-N..." },
    { name: "protocol_number", type: "int32", description: "The IP protocol number" },
    { name: "address_a", type: "string", description: "Address A" },
    {
      name: "port_a",
      type: "int32",
      description: "Port A (TCP and UDP; null for other protocols and headerless fragments)",
    },
    { name: "address_b", type: "string", description: "Address B" },
    { name: "port_b", type: "int32", description: "Port B" },
    { name: "packets_a_to_b", type: "int64", description: "Packets from A to B" },
    { name: "bytes_a_to_b", type: "int64", description: "Bytes from A to B (lengths on the wire)" },
    { name: "packets_b_to_a", type: "int64", description: "Packets from B to A" },
    { name: "bytes_b_to_a", type: "int64", description: "Bytes from B to A" },
    { name: "first_time", type: "timestamp", description: "The earliest packet time (UTC)" },
    {
      name: "first_time_ns",
      type: "int64",
      description: "The same, in nanoseconds since the epoch",
    },
    { name: "last_time", type: "timestamp", description: "The latest packet time (UTC)" },
    {
      name: "last_time_ns",
      type: "int64",
      description: "The same, in nanoseconds since the epoch",
    },
    { name: "duration", type: "float64", description: "Last minus first time, in seconds" },
    {
      name: "relative_start",
      type: "float64",
      description: "Seconds from the file's first packet to the flow's first",
    },
    {
      name: "tcp_state",
      type: "string",
      description: "TCP flags seen (SYN SYN-ACK FIN-A FIN-B RST, or -); null if not TCP",
    },
  ],
};
