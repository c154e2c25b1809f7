/**
 * OpenFlow's tables by version: the fixed fields of the OpenFlow 1.3 bodies that tcpdump
 * decodes, where their data starts, and tcpdump's body length rules of 1.3 and 1.0.
 * Private to lib/app/openflow.ts.
 *
 * @module
 */

import type { FieldSpec } from "./_openflow10.ts";
import type { OpenFlowMessage } from "./openflow.ts";

/** The protocol versions, as the header's version byte holds them. */
export const OpenFlowVersion = { V1_0: 1, V1_1: 2, V1_2: 3, V1_3: 4, V1_4: 5, V1_5: 6 } as const;

const ASYNC: readonly FieldSpec[] = [
  ["packet_in_mask[EM]", 0, 4],
  ["packet_in_mask[S]", 4, 4],
  ["port_status_mask[EM]", 8, 4],
  ["port_status_mask[S]", 12, 4],
  ["flow_removed_mask[EM]", 16, 4],
  ["flow_removed_mask[S]", 20, 4],
];
const CONFIG: readonly FieldSpec[] = [["flags", 0, 2], ["miss_send_len", 2, 2]];
const ROLE: readonly FieldSpec[] = [["role", 0, 4], ["generation_id", 8, 8]];

/** The fixed fields of the OpenFlow 1.3 bodies that tcpdump decodes, by message type. */
export const BODIES_1_3: ReadonlyMap<number, readonly FieldSpec[]> = new Map([
  [1, [["type", 0, 2], ["code", 2, 2]]],
  [4, [["experimenter", 0, 4], ["exp_type", 4, 4]]],
  [6, [
    ["dpid", 0, 8],
    ["n_buffers", 8, 4],
    ["n_tables", 12, 1],
    ["auxiliary_id", 13, 1],
    ["capabilities", 16, 4],
    ["pad", 20, "pad", 4],
  ]],
  [8, CONFIG],
  [9, CONFIG],
  [12, [
    ["reason", 0, 1],
    ["port_no", 8, 4],
    ["hw_addr", 16, "mac", 6],
    ["name", 24, "text", 16],
    ["config", 40, 4],
    ["state", 44, 4],
    ["curr", 48, 4],
    ["advertised", 52, 4],
    ["supported", 56, 4],
    ["peer", 60, 4],
    ["curr_speed", 64, 4],
    ["max_speed", 68, 4],
  ]],
  [16, [
    ["port_no", 0, 4],
    ["hw_addr", 8, "mac", 6],
    ["config", 16, 4],
    ["mask", 20, 4],
    ["advertise", 24, 4],
    ["pad", 28, "pad", 4],
  ]],
  [17, [["table_id", 0, 1], ["config", 4, 4]]],
  [22, [["port", 0, 4], ["pad", 4, "pad", 4]]],
  [24, ROLE],
  [25, ROLE],
  [27, ASYNC],
  [28, ASYNC],
]);

/** Where the data after a body's fixed fields starts, by 1.3 message type. */
export const DATA_AT_1_3: ReadonlyMap<number, number> = new Map([[1, 4], [2, 0], [3, 0], [4, 8]]);

/** A body length rule: `[fixed, n]` or `[minimal, n]` bytes after the header. */
type LengthRule = readonly [fixed: boolean, bytes: number];

/** tcpdump's body length rules of OpenFlow 1.3, by type (0 to 29; `undefined`: none). */
const RULES_1_3: readonly (LengthRule | undefined)[] = [
  [false, 0],
  [false, 4],
  [false, 0],
  [false, 0],
  [false, 8],
  [true, 0],
  [true, 24],
  [true, 0],
  [true, 4],
  [true, 4],
  undefined,
  undefined,
  [true, 72],
  undefined,
  undefined,
  undefined,
  [true, 32],
  [true, 8],
  undefined,
  undefined,
  [true, 0],
  [true, 0],
  [true, 8],
  undefined,
  [true, 16],
  [true, 16],
  [true, 0],
  [true, 24],
  [true, 24],
  undefined,
];

/** tcpdump's body length rules of OpenFlow 1.0, by type (0 to 21). */
const RULES_1_0: readonly (LengthRule | undefined)[] = [
  [false, 0],
  [false, 4],
  [false, 0],
  [false, 0],
  [false, 4],
  [true, 0],
  [false, 24],
  [true, 0],
  [true, 4],
  [true, 4],
  [false, 10],
  [true, 80],
  [true, 56],
  [false, 8],
  [false, 64],
  [true, 24],
  [false, 4],
  [false, 4],
  [true, 0],
  [true, 0],
  [true, 4],
  [false, 8],
];

/** The number of message types a version defines (types past them are unknown). */
export function openFlowTypeCount(version: number): number {
  return version === OpenFlowVersion.V1_0
    ? RULES_1_0.length
    : version === OpenFlowVersion.V1_3
    ? RULES_1_3.length
    : 0;
}

/** The entry of a 1.3 or a 1.0 table for the message's type. */
export function byVersion<T>(
  message: OpenFlowMessage,
  table13: ReadonlyMap<number, T>,
  table10: ReadonlyMap<number, T>,
): T | undefined {
  const table = message.version === OpenFlowVersion.V1_3
    ? table13
    : message.version === OpenFlowVersion.V1_0
    ? table10
    : undefined;
  return message.type === undefined ? undefined : table?.get(message.type);
}

/** Whether a body of `bytes` meets tcpdump's rule for the version and type. */
export function validLength(version: number, type: number, bytes: number): boolean {
  const rules = version === OpenFlowVersion.V1_0
    ? RULES_1_0
    : version === OpenFlowVersion.V1_3
    ? RULES_1_3
    : undefined;
  const rule = rules?.[type];
  if (rule === undefined) return true;
  return rule[0] ? bytes === rule[1] : bytes >= rule[1];
}
