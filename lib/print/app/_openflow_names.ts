/**
 * The names tcpdump's OpenFlow printers give message types, error types and codes, port
 * numbers and the bits of OpenFlow 1.3's bitmaps. Private to the OpenFlow printer.
 *
 * @module
 */

import { OUI_NAMES } from "../_names.ts";

/** Bits and their names, as tcpdump's bit tables list them. */
export type Bits = readonly (readonly [number, string])[];

/** The message types that OpenFlow 1.0 and 1.3 number alike: 0 to 3, and 5 to 14. */
const FIRST_TYPES = ["HELLO", "ERROR", "ECHO_REQUEST", "ECHO_REPLY"];
const SHARED_TYPES = [
  "FEATURES_REQUEST",
  "FEATURES_REPLY",
  "GET_CONFIG_REQUEST",
  "GET_CONFIG_REPLY",
  "SET_CONFIG",
  "PACKET_IN",
  "FLOW_REMOVED",
  "PORT_STATUS",
  "PACKET_OUT",
  "FLOW_MOD",
];

/** OpenFlow 1.0 message types, by number. */
export const TYPES_1_0: readonly string[] = [
  ...FIRST_TYPES,
  "VENDOR",
  ...SHARED_TYPES,
  "PORT_MOD",
  "STATS_REQUEST",
  "STATS_REPLY",
  "BARRIER_REQUEST",
  "BARRIER_REPLY",
  "QUEUE_GET_CONFIG_REQUEST",
  "QUEUE_GET_CONFIG_REPLY",
];

/** OpenFlow 1.3 message types, by number. */
export const TYPES_1_3: readonly string[] = [
  ...FIRST_TYPES,
  "EXPERIMENTER",
  ...SHARED_TYPES,
  "GROUP_MOD",
  "PORT_MOD",
  "TABLE_MOD",
  "MULTIPART_REQUEST",
  "MULTIPART_REPLY",
  "BARRIER_REQUEST",
  "BARRIER_REPLY",
  "QUEUE_GET_CONFIG_REQUEST",
  "QUEUE_GET_CONFIG_REPLY",
  "ROLE_REQUEST",
  "ROLE_REPLY",
  "GET_ASYNC_REQUEST",
  "GET_ASYNC_REPLY",
  "SET_ASYNC",
  "METER_MOD",
];

/** OpenFlow 1.3 error types. */
export const ERROR_TYPES: ReadonlyMap<number, string> = new Map([
  [0, "HELLO_FAILED"],
  [1, "BAD_REQUEST"],
  [2, "BAD_ACTION"],
  [3, "BAD_INSTRUCTION"],
  [4, "BAD_MATCH"],
  [5, "FLOW_MOD_FAILED"],
  [6, "GROUP_MOD_FAILED"],
  [7, "PORT_MOD_FAILED"],
  [8, "TABLE_MOD_FAILED"],
  [9, "QUEUE_OP_FAILED"],
  [10, "SWITCH_CONFIG_FAILED"],
  [11, "ROLE_REQUEST_FAILED"],
  [12, "METER_MOD_FAILED"],
  [13, "TABLE_FEATURES_FAILED"],
  [0xffff, "EXPERIMENTER"],
]);

/** OpenFlow 1.3 error codes, by error type (none for EXPERIMENTER). */
export const ERROR_CODES: readonly (readonly string[])[] = [
  ["INCOMPATIBLE", "EPERM"],
  [
    "BAD_VERSION",
    "BAD_TYPE",
    "BAD_MULTIPART",
    "BAD_EXPERIMENTER",
    "BAD_EXP_TYPE",
    "EPERM",
    "BAD_LEN",
    "BUFFER_EMPTY",
    "BUFFER_UNKNOWN",
    "BAD_TABLE_ID",
    "IS_SLAVE",
    "BAD_PORT",
    "BAD_PACKET",
    "MULTIPART_BUFFER_OVERFLOW",
  ],
  [
    "BAD_TYPE",
    "BAD_LEN",
    "BAD_EXPERIMENTER",
    "BAD_EXP_TYPE",
    "BAD_OUT_PORT",
    "BAD_ARGUMENT",
    "EPERM",
    "TOO_MANY",
    "BAD_QUEUE",
    "BAD_OUT_GROUP",
    "MATCH_INCONSISTENT",
    "UNSUPPORTED_ORDER",
    "BAD_TAG",
    "BAD_SET_TYPE",
    "BAD_SET_LEN",
    "BAD_SET_ARGUMENT",
  ],
  [
    "UNKNOWN_INST",
    "UNSUP_INST",
    "BAD_TABLE_ID",
    "UNSUP_METADATA",
    "UNSUP_METADATA_MASK",
    "BAD_EXPERIMENTER",
    "BAD_EXP_TYPE",
    "BAD_LEN",
    "EPERM",
  ],
  [
    "BAD_TYPE",
    "BAD_LEN",
    "BAD_TAG",
    "BAD_DL_ADDR_MASK",
    "BAD_NW_ADDR_MASK",
    "BAD_WILDCARDS",
    "BAD_FIELD",
    "BAD_VALUE",
    "BAD_MASK",
    "BAD_PREREQ",
    "DUP_FIELD",
    "EPERM",
  ],
  [
    "UNKNOWN",
    "TABLE_FULL",
    "BAD_TABLE_ID",
    "OVERLAP",
    "EPERM",
    "BAD_TIMEOUT",
    "BAD_COMMAND",
    "BAD_FLAGS",
  ],
  [
    "GROUP_EXISTS",
    "INVALID_GROUP",
    "WEIGHT_UNSUPPORTED",
    "OUT_OF_GROUPS",
    "OUT_OF_BUCKETS",
    "CHAINING_UNSUPPORTED",
    "WATCH_UNSUPPORTED",
    "LOOP",
    "UNKNOWN_GROUP",
    "CHAINED_GROUP",
    "BAD_TYPE",
    "BAD_COMMAND",
    "BAD_BUCKET",
    "BAD_MATCH",
    "EPERM",
  ],
  ["BAD_PORT", "BAD_HW_ADDR", "BAD_CONFIG", "BAD_ADVERTISE", "EPERM"],
  ["BAD_TABLE", "BAD_CONFIG", "EPERM"],
  ["BAD_PORT", "BAD_QUEUE", "EPERM"],
  ["BAD_FLAGS", "BAD_LEN", "EPERM"],
  ["STALE", "UNSUP", "BAD_ROLE"],
  [
    "UNKNOWN",
    "METER_EXISTS",
    "INVALID_METER",
    "UNKNOWN_METER",
    "BAD_COMMAND",
    "BAD_FLAGS",
    "BAD_RATE",
    "BAD_BURST",
    "BAD_BAND",
    "BAD_BAND_VALUE",
    "OUT_OF_METERS",
    "OUT_OF_BANDS",
  ],
  ["BAD_TABLE", "BAD_METADATA", "BAD_TYPE", "BAD_LEN", "BAD_ARGUMENT", "EPERM"],
];

/** ONF's experimenter IDs (those with a high byte; the others are OUIs). */
export const EXPERIMENTERS: ReadonlyMap<number, string> = new Map([
  [0x4f4e4600, "ONF Extensions"],
  [0xff000001, "Budapest University of Technology and Economics"],
  [0xff000002, "NoviFlow"],
  [0xff000003, "L3+ Extensions, Vendor Neutral"],
  [0xff000004, "L4-L7 Extensions"],
  [0xff000005, "Wireless and Mobility Extensions"],
  [0xff000006, "Forwarding Abstractions Extensions"],
  [0xff000007, "Optical Transport Extensions"],
  [0xff000008, "Network Benchmarking Lab, NCTU"],
  [0xff000009, "Mobile Packet Core Extensions"],
  [0xff00000a, "MPLS-TP OpenFlow Extensions for SPTN"],
]);

/** tcpdump's of_vendor_name(): an OUI's name, or an ONF experimenter's. */
export function vendorName(v: number): string {
  return ((v & 0xff000000) === 0 ? OUI_NAMES.get(v) : EXPERIMENTERS.get(v)) ?? "unknown";
}

/** OpenFlow 1.3's reserved port numbers. */
export const PORT_NUMBERS: ReadonlyMap<number, string> = new Map([
  [0xffffff00, "MAX"],
  [0xfffffff8, "IN_PORT"],
  [0xfffffff9, "TABLE"],
  [0xfffffffa, "NORMAL"],
  [0xfffffffb, "FLOOD"],
  [0xfffffffc, "ALL"],
  [0xfffffffd, "CONTROLLER"],
  [0xfffffffe, "LOCAL"],
  [0xffffffff, "ANY"],
]);

/** A switch configuration's fragment handling. */
export const SWITCH_CONFIG_FLAGS: ReadonlyMap<number, string> = new Map([
  [0, "FRAG_NORMAL"],
  [1, "FRAG_DROP"],
  [2, "FRAG_REASM"],
]);

/** Controller roles. */
export const ROLES: ReadonlyMap<number, string> = new Map([
  [0, "NOCHANGE"],
  [1, "EQUAL"],
  [2, "MASTER"],
  [3, "SLAVE"],
]);

/** The port speeds that both versions name first, and the medium bits that follow. */
const SPEEDS = ["10MB_HD", "10MB_FD", "100MB_HD", "100MB_FD", "1GB_HD", "1GB_FD", "10GB_FD"];
const MEDIA = ["COPPER", "FIBER", "AUTONEG", "PAUSE", "PAUSE_ASYM"];

/** OpenFlow 1.0's port configuration bits. */
export const PORT_CONFIG_1_0: Bits = bitsFrom([
  "PORT_DOWN",
  "NO_STP",
  "NO_RECV",
  "NO_RECV_STP",
  "NO_FLOOD",
  "NO_FWD",
  "NO_PACKET_IN",
]);

/** OpenFlow 1.0's port feature bits. */
export const PORT_FEATURES_1_0: Bits = bitsFrom([...SPEEDS, ...MEDIA]);

/** OpenFlow 1.0's switch capabilities (RESERVED named, yet not an assigned bit). */
export const CAPABILITIES_1_0: Bits = bitsFrom([
  "FLOW_STATS",
  "TABLE_STATS",
  "PORT_STATS",
  "STP",
  "RESERVED",
  "IP_REASM",
  "QUEUE_STATS",
  "ARP_MATCH_IP",
]);

/** PORT_STATUS reasons. */
export const PORT_REASONS: ReadonlyMap<number, string> = new Map([
  [0, "ADD"],
  [1, "DELETE"],
  [2, "MODIFY"],
]);

/** A switch's capabilities (FEATURES_REPLY). */
export const CAPABILITIES: Bits = [
  [1 << 0, "FLOW_STATS"],
  [1 << 1, "TABLE_STATS"],
  [1 << 2, "PORT_STATS"],
  [1 << 3, "GROUP_STATS"],
  [1 << 5, "IP_REASM"],
  [1 << 6, "QUEUE_STATS"],
  [1 << 8, "PORT_BLOCKED"],
];

/** A port's configuration bits. */
export const PORT_CONFIG: Bits = [
  [1 << 0, "PORT_DOWN"],
  [1 << 2, "NO_RECV"],
  [1 << 5, "NO_FWD"],
  [1 << 6, "NO_PACKET_IN"],
];

/** A port's state bits. */
export const PORT_STATE: Bits = bitsFrom(["LINK_DOWN", "BLOCKED", "LIVE"]);

/** A port's feature bits. */
export const PORT_FEATURES: Bits = bitsFrom([
  ...SPEEDS,
  "40GB_FD",
  "100GB_FD",
  "1TB_FD",
  "OTHER",
  ...MEDIA,
]);

/** The versions of a HELLO's version bitmap. */
export const VERSION_BITS: Bits = bitsFrom(["1.0", "1.1", "1.2", "1.3", "1.4", "1.5"]);

/** The packet-in reasons of an ASYNC message's masks. */
export const ASYNC_REASONS: Bits = bitsFrom(["NO_MATCH", "ACTION", "INVALID_TTL"]);

/** The port-status (and flow-removed) reasons of an ASYNC message's masks. */
export const ASYNC_PORT_REASONS: Bits = bitsFrom(["ADD", "DELETE", "MODIFY"]);

/** The single bits with their names: the `i`th name for bit `i`. */
function bitsFrom(names: readonly string[]): Bits {
  return names.map((name, i) => [1 << i, name] as const);
}
