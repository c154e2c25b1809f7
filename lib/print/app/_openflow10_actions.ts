/**
 * OpenFlow 1.0 actions, vendor data and data as tcpdump's print-openflow-1.0.c writes
 * them, with the value names the other OpenFlow 1.0 bodies share. Private to the OpenFlow
 * printer.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { OpenFlow, OpenFlowAction, OpenFlowField } from "../../app/openflow.ts";
import { formatIpv4, formatMac } from "../../address.ts";
import { captured, invalid } from "../_truncation.ts";
import { hexAndAsciiPrint } from "../_hex.ts";
import { BSN_VENDOR, printBsn } from "./_openflow10_bsn.ts";
import { vendorName } from "./_openflow_names.ts";

/** The action type names, by type. */
export const ACTION_TYPES = [
  "OUTPUT",
  "SET_VLAN_VID",
  "SET_VLAN_PCP",
  "STRIP_VLAN",
  "SET_DL_SRC",
  "SET_DL_DST",
  "SET_NW_SRC",
  "SET_NW_DST",
  "SET_NW_TOS",
  "SET_TP_SRC",
  "SET_TP_DST",
  "ENQUEUE",
];
const PORTS: ReadonlyMap<number, string> = new Map([
  [0xff00, "MAX"],
  [0xfff8, "IN_PORT"],
  [0xfff9, "TABLE"],
  [0xfffa, "NORMAL"],
  [0xfffb, "FLOOD"],
  [0xfffc, "ALL"],
  [0xfffd, "CONTROLLER"],
  [0xfffe, "LOCAL"],
  [0xffff, "NONE"],
]);
/** The port of an output action to the controller, whose max_len is printed. */
const CONTROLLER = 0xfffd;
/** The vendor action type. */
const VENDOR = 0xffff;

/** `n` in `width` hex digits. */
export const hex = (n: number, width: number): string => n.toString(16).padStart(width, "0");
/** A vendor ID and its name, after a comma. */
export const vendorText = (v: number): string => `, vendor 0x${hex(v, 8)} (${vendorName(v)})`;
/** A port number, by name where it has one. */
export const port = (v: number): string => PORTS.get(v) ?? String(v);
/** tcpdump's vlan_str(): NONE, or the ID, bogus outside 1 to 4094. */
export const vlan = (v: number): string =>
  v === 0xffff ? "NONE" : `${v}${v > 0 && v < 0xfff ? "" : " (bogus)"}`;
/** tcpdump's pcp_str(): the priority, bogus past 7. */
export const pcp = (v: number): string => `${v}${v <= 7 ? "" : " (bogus)"}`;

/** A list of actions, as tcpdump's of10_actions_print(), each after `pfx`. */
export function printActions(
  ctx: PrintContext,
  of: OpenFlow,
  actions: OpenFlowAction[],
  pfx: string,
): boolean {
  const out = ctx.out;
  for (const action of actions) {
    const { offset, left, type, length } = action;
    if (left < 8) {
      invalid(ctx);
      return captured(of.end, offset, left);
    }
    if (type === undefined) return false;
    out.ascii(
      `${pfx}action type ${
        type === VENDOR ? "VENDOR" : ACTION_TYPES[type] ?? `invalid (0x${hex(type, 4)})`
      }`,
    );
    if (length === undefined) return false;
    out.ascii(`, len ${length}`);
    if (length < 8 || length > left) {
      invalid(ctx);
      return captured(of.end, offset + 4, left - 4);
    }
    const decoded = of.actionFields(action);
    if (decoded !== undefined && !decoded.lengthValid) out.ascii(" (bogus)");
    if (decoded === undefined || !decoded.lengthValid) {
      if (!captured(of.end, offset + 4, length - 4)) return false;
      continue;
    }
    if (!printAction(ctx, of, length, decoded.fields)) return false;
  }
  return true;
}

/** One action's fields after its header; `false` where the capture ends first. */
function printAction(
  ctx: PrintContext,
  of: OpenFlow,
  length: number,
  fields: OpenFlowField[],
): boolean {
  const out = ctx.out;
  for (const field of fields) {
    if (!field.captured) return false;
    const v = Number(field.value);
    switch (field.name) {
      case "port":
        out.ascii(`, port ${port(v)}`);
        break;
      case "max_len":
        if (fields[0]!.value === CONTROLLER) out.ascii(`, max_len ${v}`);
        break;
      case "vlan_vid":
        out.ascii(`, vlan_vid ${vlan(v)}`);
        break;
      case "vlan_pcp":
        out.ascii(`, vlan_pcp ${pcp(v)}`);
        break;
      case "dl_addr":
        out.ascii(`, dl_addr ${formatMac(of.data, field.offset)}`);
        break;
      case "nw_addr":
        out.ascii(`, nw_addr ${formatIpv4(of.data, field.offset)}`);
        break;
      case "nw_tos":
        out.ascii(`, nw_tos 0x${hex(v, 2)}`);
        break;
      case "tp_port":
        out.ascii(`, tp_port ${v}`);
        break;
      case "queue_id":
        out.ascii(`, queue_id ${v === 0xffffffff ? "ALL" : v}`);
        break;
      case "vendor":
        out.ascii(vendorText(v));
        return printVendorData(ctx, of, v, field.offset + 4, length - 8, true);
    }
  }
  return true;
}

/**
 * What follows a vendor ID in a VENDOR message or action: Big Switch Networks' message or
 * action, or data.
 *
 * @returns `false` when the capture ends inside it.
 */
export function printVendorData(
  ctx: PrintContext,
  of: OpenFlow,
  vendor: number,
  at: number,
  length: number,
  action: boolean,
): boolean {
  return vendor === BSN_VENDOR
    ? printBsn(ctx, of, at, length, action)
    : printData(ctx, of, at, length);
}

/**
 * Data as tcpdump's of_data_print() writes it: its length, and with `-vv` its bytes.
 *
 * @returns `false` when the capture ends inside the data.
 */
export function printData(ctx: PrintContext, of: OpenFlow, at: number, length: number): boolean {
  if (length <= 0) return true;
  ctx.out.ascii(`\n\t data (${length} octets)`);
  if (ctx.verbose >= 2) hexAndAsciiPrint(ctx, at, Math.min(of.end, at + length), of.data, "\n\t  ");
  return captured(of.end, at, length);
}
