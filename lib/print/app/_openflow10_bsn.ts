/**
 * Big Switch Networks' OpenFlow 1.0 vendor messages and actions, as tcpdump's
 * of10_bsn_message_print() and of10_bsn_actions_print() write them. Private to the
 * OpenFlow printer.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { OpenFlow, OpenFlowField } from "../../app/openflow.ts";
import { formatIpv4 } from "../../address.ts";
import { captured, invalid } from "../_truncation.ts";
import { printChars } from "../_chars.ts";

/** Big Switch Networks' vendor ID (an OUI). */
export const BSN_VENDOR = 0x005c16c7;
const SUBTYPES = [
  "SET_IP_MASK",
  "GET_IP_MASK_REQUEST",
  "GET_IP_MASK_REPLY",
  "SET_MIRRORING",
  "GET_MIRRORING_REQUEST",
  "GET_MIRRORING_REPLY",
  "SHELL_COMMAND",
  "SHELL_OUTPUT",
  "SHELL_STATUS",
  "GET_INTERFACES_REQUEST",
  "GET_INTERFACES_REPLY",
  "SET_PKTIN_SUPPRESSION_REQUEST",
  "SET_L2_TABLE_REQUEST",
  "GET_L2_TABLE_REQUEST",
  "GET_L2_TABLE_REPLY",
  "VIRTUAL_PORT_CREATE_REQUEST",
  "VIRTUAL_PORT_CREATE_REPLY",
  "VIRTUAL_PORT_REMOVE_REQUEST",
  "BW_ENABLE_SET_REQUEST",
  "BW_ENABLE_GET_REQUEST",
  "BW_ENABLE_GET_REPLY",
  "BW_CLEAR_DATA_REQUEST",
  "BW_CLEAR_DATA_REPLY",
  "BW_ENABLE_SET_REPLY",
  "SET_L2_TABLE_REPLY",
  "SET_PKTIN_SUPPRESSION_REPLY",
  "VIRTUAL_PORT_REMOVE_REPLY",
  "HYBRID_GET_REQUEST",
  "HYBRID_GET_REPLY",
  undefined,
  undefined,
  "PDU_TX_REQUEST",
  "PDU_TX_REPLY",
  "PDU_RX_REQUEST",
  "PDU_RX_REPLY",
  "PDU_RX_TIMEOUT",
];
const ACTION_SUBTYPES: readonly (string | undefined)[] = [
  undefined,
  "MIRROR",
  "SET_TUNNEL_DST",
  undefined,
  "CHECKSUM",
];
/** The messages whose text runs from their last field to their end. */
const SHELL_COMMAND = 6;
const SHELL_OUTPUT = 7;
const ONOFF = ["OFF", "ON"];
const COPY_STAGES = ["INGRESS", "EGRESS"];

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

/**
 * A Big Switch Networks message or action after the vendor ID: its subtype and the fields
 * tcpdump decodes.
 *
 * @returns `false` where the capture ends inside what tcpdump reads.
 */
export function printBsn(
  ctx: PrintContext,
  of: OpenFlow,
  at: number,
  left: number,
  action: boolean,
): boolean {
  const out = ctx.out;
  if (left < 4) {
    invalid(ctx);
    return captured(of.end, at, left);
  }
  const { subtype, record } = of.bsn(at, left, action);
  if (subtype === undefined) return false;
  const name = (action ? ACTION_SUBTYPES : SUBTYPES)[subtype];
  out.ascii(
    `${action ? "\n\t  " : "\n\t "}subtype ${name ?? `unknown (0x${hex(subtype, 8)})`}`,
  );
  if (record === undefined) return captured(of.end, at + 4, left - 4);
  if (record.invalid) {
    invalid(ctx);
    return captured(of.end, record.offset, record.left);
  }
  let end = record.offset;
  for (const field of record.fields) {
    if (!field.captured) return false;
    end = field.offset + field.size;
    out.ascii(fieldText(of, field));
  }
  if (action || (subtype !== SHELL_COMMAND && subtype !== SHELL_OUTPUT)) return true;
  out.ascii(", data '");
  if (printChars(out, of.data, end, record.offset + record.left, of.end)) return false;
  out.ascii("'");
  return true;
}

/** A field's text: `, name value` (nothing for a pad). */
function fieldText(of: OpenFlow, field: OpenFlowField): string {
  const v = Number(field.value);
  switch (field.name) {
    case "mask":
      return `, mask ${formatIpv4(of.data, field.offset)}`;
    case "report_mirror_ports":
      return `, report_mirror_ports ${ONOFF[v] ?? `bogus (${v})`}`;
    case "status":
      return `, status 0x${hex(v, 8)}`;
    case "vlan_tag":
      return `, vlan_tag ${vlanTag(v)}`;
    case "copy_stage":
      return `, copy_stage ${COPY_STAGES[v] ?? `unknown (${v})`}`;
    case "pad":
      return "";
  }
  return `, ${field.name} ${v}`;
}

/** A MIRROR action's tag: none, an 802.1Q tag's TCI as tcpdump's ieee8021q_tci_string(), or unknown. */
function vlanTag(v: number): string {
  const tpid = v >>> 16;
  if (tpid === 0) return "none";
  if (tpid !== 0x8100) return `unknown (0x${hex(tpid, 4)})`;
  return `802.1Q (vlan ${v & 0xfff}, p ${(v >> 13) & 7}${(v & 0x1000) !== 0 ? ", DEI" : ""})`;
}
