/**
 * The Big Switch Networks vendor messages and actions of OpenFlow 1.0 that tcpdump's
 * of10_bsn_message_print() and of10_bsn_actions_print() decode: the fields after the
 * subtype, by subtype. Private to `openflow.ts`.
 *
 * @module
 */

import type { RecordSpec } from "./_openflow10_stats.ts";

const IP_MASK: RecordSpec = {
  layout: "exact",
  min: 8,
  fields: [["index", 0, 1], ["mask", 4, "ipv4", 4]],
};
const MIRRORING: RecordSpec = {
  layout: "exact",
  min: 4,
  fields: [["report_mirror_ports", 0, 1], ["pad", 1, "pad", 3]],
};
const EMPTY: RecordSpec = { layout: "exact", min: 0, fields: [] };

/**
 * The messages' fields after the subtype; SHELL_COMMAND's and SHELL_OUTPUT's text runs
 * from their last field to the end.
 */
export const BSN_MESSAGES: ReadonlyMap<number, RecordSpec> = new Map([
  [0, IP_MASK],
  [1, { layout: "exact", min: 8, fields: [["index", 0, 1], ["pad", 1, "pad", 7]] }],
  [2, IP_MASK],
  [3, MIRRORING],
  [4, MIRRORING],
  [5, MIRRORING],
  [6, { layout: "once", min: 4, fields: [["service", 0, 4]] }],
  [7, { layout: "once", min: 0, fields: [] }],
  [8, { layout: "exact", min: 4, fields: [["status", 0, 4]] }],
  [9, EMPTY],
  [13, EMPTY],
  [17, { layout: "exact", min: 4, fields: [["vport_no", 0, 4]] }],
  [19, EMPTY],
  [21, EMPTY],
  [27, EMPTY],
]);

/** The actions' fields after the subtype: MIRROR's. */
export const BSN_ACTIONS: ReadonlyMap<number, RecordSpec> = new Map([
  [1, {
    layout: "exact",
    min: 12,
    fields: [["dest_port", 0, 4], ["vlan_tag", 4, 4], ["copy_stage", 8, 1], ["pad", 9, "pad", 3]],
  }],
]);
