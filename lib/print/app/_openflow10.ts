/**
 * The OpenFlow 1.0 bodies that tcpdump's print-openflow-1.0.c writes and wirekit prints:
 * ERROR, the switch configuration, QUEUE_GET_CONFIG_REQUEST, FLOW_REMOVED and FLOW_MOD
 * (the match's fields that its wildcards leave; FLOW_MOD's actions are
 * `_openflow10_actions.ts`'s). Private to the OpenFlow printer.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { OpenFlow, OpenFlowField, OpenFlowMessage } from "../../app/openflow.ts";
import { formatIpv4, formatMac } from "../../address.ts";
import { captured, invalid } from "../_truncation.ts";
import { bitNames } from "../_shared.ts";
import { printFrameData } from "./_openflow10_frame.ts";
import { ACTION_TYPES, hex, pcp, port, printActions, vlan } from "./_openflow10_actions.ts";
import { printCharsUntilNul } from "../_chars.ts";
import {
  type Bits,
  CAPABILITIES_1_0,
  PORT_CONFIG_1_0,
  PORT_FEATURES_1_0,
  PORT_REASONS,
  SWITCH_CONFIG_FLAGS,
} from "./_openflow_names.ts";

const ERROR_TYPES = [
  "HELLO_FAILED",
  "BAD_REQUEST",
  "BAD_ACTION",
  "FLOW_MOD_FAILED",
  "PORT_MOD_FAILED",
  "QUEUE_OP_FAILED",
];
const ERROR_CODES: readonly (readonly string[])[] = [
  ["INCOMPATIBLE", "EPERM"],
  [
    "BAD_VERSION",
    "BAD_TYPE",
    "BAD_STAT",
    "BAD_VENDOR",
    "BAD_SUBTYPE",
    "EPERM",
    "BAD_LEN",
    "BUFFER_EMPTY",
    "BUFFER_UNKNOWN",
  ],
  [
    "BAD_TYPE",
    "BAD_LEN",
    "BAD_VENDOR",
    "BAD_VENDOR_TYPE",
    "BAD_OUT_PORT",
    "BAD_ARGUMENT",
    "EPERM",
    "TOO_MANY",
    "BAD_QUEUE",
  ],
  ["ALL_TABLES_FULL", "OVERLAP", "EPERM", "BAD_EMERG_TIMEOUT", "BAD_COMMAND", "UNSUPPORTED"],
  ["BAD_PORT", "BAD_HW_ADDR"],
  ["BAD_PORT", "BAD_QUEUE", "EPERM"],
];
const COMMANDS = ["ADD", "MODIFY", "MODIFY_STRICT", "DELETE", "DELETE_STRICT"];
const REMOVED_REASONS = ["IDLE_TIMEOUT", "HARD_TIMEOUT", "DELETE"];
const ACTION_BITS: Bits = ACTION_TYPES.map((name, i) => [1 << i, name] as const);
const PACKET_IN_REASONS = ["NO_MATCH", "ACTION"];
const STP_STATES = ["STP_LISTEN", "STP_LEARN", "STP_FORWARD", "STP_BLOCK"];
/** The capabilities tcpdump counts as assigned: all it names but RESERVED (bit 4). */
const CAPABILITIES_ASSIGNED = 0xef;
const FLOW_MOD_FLAGS: Bits = [[1, "SEND_FLOW_REM"], [2, "CHECK_OVERLAP"], [4, "EMERG"]];

const bufferId = (v: number) => v === 0xffffffff ? "NONE" : `0x${hex(v, 8)}`;
const big = (f: OpenFlowField) => BigInt(f.value);

/**
 * tcpdump's of_bitmap_print(): the names of the bits set when an assigned one is (none
 * named for assigned bits without names, as the wildcards' address masks), then `(bogus)`
 * for unassigned bits.
 *
 * @param bits The named bits.
 * @param v The value.
 * @param assigned The assigned bits (by default those named).
 * @returns The text after the value.
 */
export function bitmap(bits: Bits, v: number, assigned?: number): string {
  let all = assigned ?? 0;
  if (assigned === undefined) { for (const [bit] of bits) all |= bit; }
  const named = bits.some(([bit]) => (v & bit) === bit);
  return ((v & all) === 0 ? "" : ` (${named ? bitNames(bits, v) : ""})`) +
    ((v & ~all) !== 0 ? " (bogus)" : "");
}

/** A body's field by name. */
export type Field = (name: string) => OpenFlowField;

/** The body's fields by name. */
export function byName(fields: OpenFlowField[]): Map<string, OpenFlowField> {
  return new Map(fields.map((f) => [f.name, f]));
}

/**
 * Prints a 1.0 body's fixed fields (and FLOW_MOD's actions).
 *
 * @returns `false` where the capture ends inside what tcpdump reads.
 */
export function printBody10(ctx: PrintContext, of: OpenFlow, m: OpenFlowMessage): boolean {
  const out = ctx.out;
  const f = byName(of.fields(m));
  const get = (name: string) => f.get(name)!;
  switch (m.type) {
    case 1: {
      const type = get("type");
      if (!type.captured) return false;
      const t = Number(type.value);
      out.ascii(`\n\t type ${ERROR_TYPES[t] ?? `invalid (0x${hex(t, 4)})`}`);
      const code = get("code");
      if (!code.captured) return false;
      const c = Number(code.value);
      out.ascii(`, code ${ERROR_CODES[t]?.[c] ?? `invalid (0x${hex(c, 4)})`}`);
      return true;
    }
    case 8:
    case 9: {
      const flags = get("flags");
      if (!flags.captured) return false;
      const v = Number(flags.value);
      out.ascii(`\n\t flags ${SWITCH_CONFIG_FLAGS.get(v) ?? `invalid (0x${hex(v, 4)})`}`);
      const miss = get("miss_send_len");
      if (!miss.captured) return false;
      out.ascii(`, miss_send_len ${miss.value}`);
      return true;
    }
    case 6:
      return printFeatures(ctx, of, m, get);
    case 12: {
      const reason = get("reason");
      if (!reason.captured) return false;
      const r = Number(reason.value);
      out.ascii(`\n\t reason ${PORT_REASONS.get(r) ?? `invalid (0x${hex(r, 2)})`}`);
      return printPhyPort(ctx, of, of.fields(m).slice(1));
    }
    case 15: {
      if (!put(ctx, get("port_no"), (v) => `\n\t port_no ${port(v)}`)) return false;
      if (!get("hw_addr").captured) return false;
      out.ascii(`, hw_addr ${formatMac(of.data, get("hw_addr").offset)}`);
      for (const name of ["config", "mask"]) {
        if (!mask(ctx, get(name), `\n\t ${name}`, PORT_CONFIG_1_0)) return false;
      }
      if (!mask(ctx, get("advertise"), "\n\t advertise", PORT_FEATURES_1_0)) return false;
      return get("pad").captured;
    }
    case 10:
      return put(ctx, get("buffer_id"), (v) => `\n\t buffer_id ${bufferId(v)}`) &&
        put(ctx, get("total_len"), (v) => `, total_len ${v}`) &&
        put(ctx, get("in_port"), (v) => `, in_port ${port(v)}`) &&
        put(
          ctx,
          get("reason"),
          (v) => `, reason ${PACKET_IN_REASONS[v] ?? `invalid (0x${hex(v, 2)})`}`,
        ) &&
        get("pad").captured;
    case 13:
      return printPacketOut(ctx, of, m, get);
    case 20: {
      const p = get("port");
      if (!p.captured) return false;
      out.ascii(`\n\t port ${port(Number(p.value))}`);
      return get("pad").captured;
    }
    case 11:
      return printFlowRemoved(ctx, of, get);
    case 14:
      return printFlowMod(ctx, of, m, get);
  }
  return true;
}

/** A PACKET_OUT: the buffer, the port it came in on, its actions and its frame. */
function printPacketOut(
  ctx: PrintContext,
  of: OpenFlow,
  m: OpenFlowMessage,
  field: Field,
): boolean {
  if (!put(ctx, field("buffer_id"), (v) => `\n\t buffer_id 0x${hex(v, 8)}`)) return false;
  if (!put(ctx, field("in_port"), (v) => `, in_port ${port(v)}`)) return false;
  const actionsLength = field("actions_len");
  if (!actionsLength.captured) return false;
  const at = actionsLength.offset + 2;
  const rest = m.offset + m.length! - at;
  const length = Number(actionsLength.value);
  if (length > rest) {
    invalid(ctx);
    return captured(of.end, at, rest);
  }
  if (!printActions(ctx, of, of.actions(m), "\n\t ")) return false;
  return printFrameData(ctx, of, at + length, rest - length);
}

/** Prints `text(value)` of a field; `false` when the capture cut it. */
export function put(
  ctx: PrintContext,
  field: OpenFlowField,
  text: (value: number) => string,
): boolean {
  if (!field.captured) return false;
  ctx.out.ascii(text(Number(field.value)));
  return true;
}

/** `PREFIX 0x%08x` and the bits' names; `false` when the capture cut the field. */
function mask(
  ctx: PrintContext,
  field: OpenFlowField,
  prefix: string,
  bits: Bits,
  assigned?: number,
): boolean {
  if (!field.captured) return false;
  const v = Number(field.value);
  ctx.out.ascii(`${prefix} 0x${hex(v, 8)}${bitmap(bits, v, assigned)}`);
  return true;
}

/** A FEATURES_REPLY: the switch's numbers, capabilities, actions, and its ports. */
function printFeatures(
  ctx: PrintContext,
  of: OpenFlow,
  m: OpenFlowMessage,
  field: Field,
): boolean {
  const out = ctx.out;
  const dpid = field("dpid");
  if (!dpid.captured) return false;
  out.ascii(`\n\t dpid ${hex64(dpid)}`);
  for (const name of ["n_buffers", "n_tables"]) {
    if (!field(name).captured) return false;
    out.ascii(`, ${name} ${field(name).value}`);
  }
  const capabilities = field("capabilities");
  if (!mask(ctx, capabilities, "\n\t capabilities", CAPABILITIES_1_0, CAPABILITIES_ASSIGNED)) {
    return false;
  }
  if (!mask(ctx, field("actions"), "\n\t actions", ACTION_BITS)) return false;
  const { offsets, rest } = of.ports(m);
  for (const at of offsets) {
    if (!printPhyPort(ctx, of, of.phyPort(at))) return false;
  }
  if (rest === 0) return true;
  invalid(ctx);
  return captured(of.end, m.offset + m.length! - rest, rest);
}

/** A port's description, as tcpdump's of10_phy_port_print(). */
function printPhyPort(ctx: PrintContext, of: OpenFlow, fields: OpenFlowField[]): boolean {
  const out = ctx.out;
  const [portNo, hwAddr, name, config, state, ...features] = fields;
  if (!portNo!.captured) return false;
  out.ascii(`\n\t  port_no ${port(Number(portNo!.value))}`);
  if (!hwAddr!.captured) return false;
  out.ascii(`, hw_addr ${formatMac(of.data, hwAddr!.offset)}, name '`);
  if (printCharsUntilNul(out, of.data, name!.offset, name!.size, of.end)) return false;
  out.ascii("'");
  if (ctx.verbose < 2) return fields[fields.length - 1]!.captured;
  if (!mask(ctx, config!, "\n\t   config", PORT_CONFIG_1_0)) return false;
  if (!state!.captured) return false;
  const s = Number(state!.value);
  out.ascii(
    `\n\t   state 0x${hex(s, 8)} (${STP_STATES[(s >> 8) & 3]}${s & 1 ? ", LINK_DOWN" : ""})${
      (s & ~0x301) !== 0 ? " (bogus)" : ""
    }`,
  );
  const names = ["curr", "advertised", "supported", "peer"];
  for (let i = 0; i < names.length; i++) {
    if (!mask(ctx, features[i]!, `\n\t   ${names[i]}`, PORT_FEATURES_1_0)) return false;
  }
  return true;
}

/**
 * The match's fields that the wildcards leave, as tcpdump's of10_match_print(), each
 * after `pfx`.
 */
export function printMatch(ctx: PrintContext, of: OpenFlow, field: Field, pfx: string): boolean {
  const out = ctx.out;
  const wildcards = field("wildcards");
  if (!wildcards.captured) return false;
  const w = Number(wildcards.value);
  if (w >= 1 << 22) out.ascii(`${pfx}wildcards 0x${hex(w, 8)} (bogus)`);
  const show = (name: string, bit: number, text: (f: OpenFlowField) => string): boolean => {
    if ((w & bit) !== 0) return true;
    const it = field(name);
    if (!it.captured) return false;
    out.ascii(`${pfx}match ${text(it)}`);
    return true;
  };
  if (!show("in_port", 1, (it) => `in_port ${port(Number(it.value))}`)) return false;
  if (!show("dl_src", 4, (it) => `dl_src ${formatMac(of.data, it.offset)}`)) return false;
  if (!show("dl_dst", 8, (it) => `dl_dst ${formatMac(of.data, it.offset)}`)) return false;
  if (!show("dl_vlan", 2, (it) => `dl_vlan ${vlan(Number(it.value))}`)) return false;
  if (!show("dl_vlan_pcp", 1 << 20, (it) => `dl_vlan_pcp ${pcp(Number(it.value))}`)) return false;
  const dlType = field("dl_type");
  if (!dlType.captured) return false;
  const type = (w & 16) === 0 ? Number(dlType.value) : -1;
  if (type >= 0) out.ascii(`${pfx}match dl_type 0x${hex(type, 4)}`);
  if (!show("nw_tos", 1 << 21, (it) => `nw_tos 0x${hex(Number(it.value), 2)}`)) return false;
  const nwProto = field("nw_proto");
  if (!nwProto.captured) return false;
  const proto = (w & 32) === 0 ? Number(nwProto.value) : -1;
  if (proto >= 0) out.ascii(`${pfx}match ${type === 0x0806 ? "arp_opcode" : "nw_proto"} ${proto}`);
  for (const [name, shift] of [["nw_src", 8], ["nw_dst", 14]] as const) {
    const bits = (w >> shift) & 0x3f;
    if (bits >= 32) continue;
    const it = field(name);
    if (!it.captured) return false;
    out.ascii(`${pfx}match ${name} ${formatIpv4(of.data, it.offset)}/${32 - bits}`);
  }
  const icmp = type === 0x0800 && proto === 1;
  if (!show("tp_src", 64, (it) => `${icmp ? "icmp_type" : "tp_src"} ${it.value}`)) return false;
  if (!show("tp_dst", 128, (it) => `${icmp ? "icmp_code" : "tp_dst"} ${it.value}`)) return false;
  return field("tp_dst").captured;
}

/** The match and the cookie after it, of FLOW_REMOVED and FLOW_MOD. */
function printMatchCookie(ctx: PrintContext, of: OpenFlow, field: Field): boolean {
  if (!printMatch(ctx, of, field, "\n\t ")) return false;
  const cookie = field("cookie");
  if (!cookie.captured) return false;
  ctx.out.ascii(`\n\t cookie ${hex64(cookie)}`);
  return true;
}

/** An 8-byte field in 16 hex digits (a cookie, a datapath ID). */
export const hex64 = (f: OpenFlowField): string => `0x${big(f).toString(16).padStart(16, "0")}`;

/** `, NAME value` when the 16-bit field is not 0 (tcpdump reads it either way). */
function nonZero(ctx: PrintContext, field: OpenFlowField, name: string): boolean {
  if (!field.captured) return false;
  if (field.value !== 0) ctx.out.ascii(`, ${name} ${field.value}`);
  return true;
}

/** A FLOW_REMOVED: the match, the cookie, the reason, durations and counts. */
function printFlowRemoved(ctx: PrintContext, of: OpenFlow, field: Field): boolean {
  const out = ctx.out;
  if (!printMatchCookie(ctx, of, field)) return false;
  if (!nonZero(ctx, field("priority"), "priority")) return false;
  const reason = field("reason");
  if (!reason.captured) return false;
  const r = Number(reason.value);
  out.ascii(`, reason ${REMOVED_REASONS[r] ?? `unknown (0x${hex(r, 2)})`}`);
  for (const name of ["duration_sec", "duration_nsec"]) {
    if (!field(name).captured) return false;
    out.ascii(`, ${name} ${field(name).value}`);
  }
  if (!nonZero(ctx, field("idle_timeout"), "idle_timeout")) return false;
  for (const name of ["packet_count", "byte_count"]) {
    if (!field(name).captured) return false;
    out.ascii(`, ${name} ${big(field(name))}`);
  }
  return true;
}

/** A FLOW_MOD: the match, the cookie, the command and what it uses, flags, actions. */
function printFlowMod(
  ctx: PrintContext,
  of: OpenFlow,
  m: OpenFlowMessage,
  field: Field,
): boolean {
  const out = ctx.out;
  if (!printMatchCookie(ctx, of, field)) return false;
  const command = field("command");
  if (!command.captured) return false;
  const c = Number(command.value);
  out.ascii(`, command ${COMMANDS[c] ?? `invalid (0x${hex(c, 4)})`}`);
  for (const name of ["idle_timeout", "hard_timeout", "priority"]) {
    if (!nonZero(ctx, field(name), name)) return false;
  }
  if (c <= 2) {
    const buffer = field("buffer_id");
    if (!buffer.captured) return false;
    const b = Number(buffer.value);
    out.ascii(`, buffer_id ${bufferId(b)}`);
  }
  if (c === 3 || c === 4) {
    const outPort = field("out_port");
    if (!outPort.captured) return false;
    out.ascii(`, out_port ${port(Number(outPort.value))}`);
  }
  const flags = field("flags");
  if (!flags.captured) return false;
  const v = Number(flags.value);
  out.ascii(`, flags 0x${hex(v, 4)}`);
  if ((v & 7) !== 0) out.ascii(` (${bitNames(FLOW_MOD_FLAGS, v)})`);
  if ((v & ~7) !== 0) out.ascii(" (bogus)");
  return printActions(ctx, of, of.actions(m), "\n\t ");
}
