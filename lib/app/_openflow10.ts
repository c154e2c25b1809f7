/**
 * The OpenFlow 1.0 message bodies that the OpenFlow decoder reads by table: ERROR,
 * FEATURES_REPLY (and its ports), the switch configuration, PACKET_IN, PACKET_OUT (and its
 * actions), PORT_STATUS, PORT_MOD,
 * QUEUE_GET_CONFIG_REQUEST and REPLY, the STATS messages' type and flags, FLOW_REMOVED and FLOW_MOD (a 40-byte
 * match, then its fields and, for FLOW_MOD, a list of actions), and the fields of each
 * action type. Private to `openflow.ts`.
 *
 * @module
 */

/** How a body field is encoded: a big-endian number, a MAC, an IPv4 address, text, or pad. */
export type OpenFlowFieldKind = 1 | 2 | 4 | 8 | "mac" | "ipv4" | "text" | "pad";

/** A field's name, offset in the body (or action), encoding and size (when not a number). */
export type FieldSpec = readonly [name: string, at: number, kind: OpenFlowFieldKind, size?: number];

/** The 40-byte match of FLOW_MOD and FLOW_REMOVED ([OF10] 5.2.3). */
export const MATCH: readonly FieldSpec[] = [
  ["wildcards", 0, 4],
  ["in_port", 4, 2],
  ["dl_src", 6, "mac", 6],
  ["dl_dst", 12, "mac", 6],
  ["dl_vlan", 18, 2],
  ["dl_vlan_pcp", 20, 1],
  ["dl_type", 22, 2],
  ["nw_tos", 24, 1],
  ["nw_proto", 25, 1],
  ["nw_src", 28, "ipv4", 4],
  ["nw_dst", 32, "ipv4", 4],
  ["tp_src", 36, 2],
  ["tp_dst", 38, 2],
];

/** A port's description, 48 bytes ([OF10] 5.2.1). */
export const PHY_PORT: readonly FieldSpec[] = [
  ["port_no", 0, 2],
  ["hw_addr", 2, "mac", 6],
  ["name", 8, "text", 16],
  ["config", 24, 4],
  ["state", 28, 4],
  ["curr", 32, 4],
  ["advertised", 36, 4],
  ["supported", 40, 4],
  ["peer", 44, 4],
];

/** The size of a port's description. */
export const PHY_PORT_LENGTH = 48;

/** The size of a FEATURES_REPLY body before its ports. */
export const FEATURES_FIXED = 24;

/** The PACKET_OUT message type, and the size of its body before its actions. */
export const PACKET_OUT = 13;
export const PACKET_OUT_FIXED = 8;

/** The size of a FLOW_MOD body before its actions. */
export const FLOW_MOD_FIXED = 64;

/** The fixed fields of the OpenFlow 1.0 bodies decoded, by message type. */
export const BODIES_1_0: ReadonlyMap<number, readonly FieldSpec[]> = new Map([
  [1, [["type", 0, 2], ["code", 2, 2]]],
  [4, [["vendor", 0, 4]]],
  [6, [
    ["dpid", 0, 8],
    ["n_buffers", 8, 4],
    ["n_tables", 12, 1],
    ["capabilities", 16, 4],
    ["actions", 20, 4],
  ]],
  [8, [["flags", 0, 2], ["miss_send_len", 2, 2]]],
  [9, [["flags", 0, 2], ["miss_send_len", 2, 2]]],
  [10, [
    ["buffer_id", 0, 4],
    ["total_len", 4, 2],
    ["in_port", 6, 2],
    ["reason", 8, 1],
    ["pad", 9, "pad", 1],
  ]],
  [11, [
    ...MATCH,
    ["cookie", 40, 8],
    ["priority", 48, 2],
    ["reason", 50, 1],
    ["duration_sec", 52, 4],
    ["duration_nsec", 56, 4],
    ["idle_timeout", 60, 2],
    ["packet_count", 64, 8],
    ["byte_count", 72, 8],
  ]],
  [12, [["reason", 0, 1], ...PHY_PORT.map(([n, at, k, s]) => [n, at + 8, k, s] as FieldSpec)]],
  [13, [["buffer_id", 0, 4], ["in_port", 4, 2], ["actions_len", 6, 2]]],
  [14, [
    ...MATCH,
    ["cookie", 40, 8],
    ["command", 48, 2],
    ["idle_timeout", 50, 2],
    ["hard_timeout", 52, 2],
    ["priority", 54, 2],
    ["buffer_id", 56, 4],
    ["out_port", 60, 2],
    ["flags", 62, 2],
  ]],
  [15, [
    ["port_no", 0, 2],
    ["hw_addr", 2, "mac", 6],
    ["config", 8, 4],
    ["mask", 12, 4],
    ["advertise", 16, 4],
    ["pad", 20, "pad", 4],
  ]],
  [16, [["type", 0, 2], ["flags", 2, 2]]],
  [17, [["type", 0, 2], ["flags", 2, 2]]],
  [20, [["port", 0, 2], ["pad", 2, "pad", 2]]],
  [21, [["port", 0, 2], ["pad", 2, "pad", 6]]],
]);

/** Where the data after a 1.0 body's fixed fields starts: HELLO, ERROR, ECHO, PACKET_IN. */
export const DATA_AT_1_0: ReadonlyMap<number, number> = new Map([
  [0, 0],
  [1, 4],
  [2, 0],
  [3, 0],
  [10, 10],
]);

/** The fields of each action type after its 4-byte header, and the length it must have. */
export const ACTIONS_1_0: ReadonlyMap<number, readonly [length: number, FieldSpec[]]> = new Map([
  [0, [8, [["port", 4, 2], ["max_len", 6, 2]]]],
  [1, [8, [["vlan_vid", 4, 2], ["pad", 6, "pad", 2]]]],
  [2, [8, [["vlan_pcp", 4, 1], ["pad", 5, "pad", 3]]]],
  [3, [8, [["pad", 4, "pad", 4]]]],
  [4, [16, [["dl_addr", 4, "mac", 6], ["pad", 10, "pad", 6]]]],
  [5, [16, [["dl_addr", 4, "mac", 6], ["pad", 10, "pad", 6]]]],
  [6, [8, [["nw_addr", 4, "ipv4", 4]]]],
  [7, [8, [["nw_addr", 4, "ipv4", 4]]]],
  [8, [8, [["nw_tos", 4, 1], ["pad", 5, "pad", 3]]]],
  [9, [8, [["tp_port", 4, 2], ["pad", 6, "pad", 2]]]],
  [10, [8, [["tp_port", 4, 2], ["pad", 6, "pad", 2]]]],
  [11, [16, [["port", 4, 2], ["queue_id", 12, 4]]]],
  [0xffff, [0, [["vendor", 4, 4]]]],
]);
