/**
 * OpenFlow as tcpdump's openflow_print() writes it: a line per message (version, type,
 * length, xid); with `-v` the bodies that tcpdump's OpenFlow 1.3 printer decodes (HELLO
 * elements, ERROR, ECHO and EXPERIMENTER data, FEATURES_REPLY, switch config, PORT_STATUS,
 * PORT_MOD, TABLE_MOD, QUEUE_GET_CONFIG_REQUEST, ROLE and ASYNC messages) and all that
 * its OpenFlow 1.0 printer decodes (`_openflow10.ts`, `_openflow10_stats.ts`,
 * `_openflow10_bsn.ts`); with `-vv` the data in hex, a port's every field and counters, and
 * queue properties.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import {
  type OpenFlow,
  OPENFLOW_HEADER_LENGTH,
  type OpenFlowField,
  type OpenFlowMessage,
  openFlowTypeCount,
  OpenFlowVersion,
} from "../../app/openflow.ts";
import { formatMac } from "../../address.ts";
import { captured, invalid, truncatedRead } from "../_truncation.ts";
import { printCharsUntilNul } from "../_chars.ts";
import { printStats10 } from "./_openflow10_stats.ts";
import { bitmap, printBody10 } from "./_openflow10.ts";
import { printData } from "./_openflow10_actions.ts";
import { frameProtocol, printFrameData } from "./_openflow10_frame.ts";
import {
  ASYNC_PORT_REASONS,
  ASYNC_REASONS,
  type Bits,
  CAPABILITIES,
  ERROR_CODES,
  ERROR_TYPES,
  PORT_CONFIG,
  PORT_FEATURES,
  PORT_NUMBERS,
  PORT_REASONS,
  PORT_STATE,
  ROLES,
  SWITCH_CONFIG_FLAGS,
  TYPES_1_0,
  TYPES_1_3,
  vendorName,
  VERSION_BITS,
} from "./_openflow_names.ts";

/**
 * Writes one field's text from its value (`big` for 8 bytes) and the first field's (for
 * ERROR's code).
 */
type Format = (value: number, first: number, big: bigint) => string;

const PORT_STATUS = 12;
/** The 1.0 types whose bodies `_openflow10_stats.ts` prints: VENDOR, STATS, queue replies. */
const STATS_AND_QUEUES_1_0 = new Set([4, 16, 17, 21]);
const PACKET_IN = 10;
const PACKET_OUT = 13;
/** The fields of a PORT_STATUS that `-v` prints: the reason, port number, MAC and name. */
const PORT_STATUS_SHOWN = 4;
const VERSIONS = ["", "1.0", "1.1", "1.2", "1.3", "1.4", "1.5"];

const hex8 = (n: number) => n.toString(16).padStart(8, "0");
const hex4 = (n: number) => n.toString(16).padStart(4, "0");
/** A name from `names`, else `fallback` of the value. */
const named = (names: ReadonlyMap<number, string>, v: number, fallback: (v: number) => string) =>
  names.get(v) ?? fallback(v);
const flags = (prefix: string, bits: Bits): Format => (v) =>
  `${prefix}0x${hex8(v)}${bitmap(bits, v)}`;
const port = (prefix: string): Format => (v) => `${prefix}${named(PORT_NUMBERS, v, String)}`;
const decimal = (prefix: string): Format => (v) => `${prefix}${v}`;

const ASYNC: readonly Format[] = [
  flags("\n\t packet_in_mask[EM] ", ASYNC_REASONS),
  flags("\n\t packet_in_mask[S] ", ASYNC_REASONS),
  flags("\n\t port_status_mask[EM] ", ASYNC_PORT_REASONS),
  flags("\n\t port_status_mask[S] ", ASYNC_PORT_REASONS),
  flags("\n\t flow_removed_mask[EM] ", ASYNC_PORT_REASONS),
  flags("\n\t flow_removed_mask[S] ", ASYNC_PORT_REASONS),
];
const CONFIG: readonly Format[] = [
  (v) => `\n\t flags ${named(SWITCH_CONFIG_FLAGS, v, (n) => `invalid (0x${hex4(n)})`)}`,
  (v) => `, miss_send_len ${v === 0xffe5 ? "MAX" : v === 0xffff ? "NO_BUFFER" : v}`,
];
const ROLE: readonly Format[] = [
  (v) => `\n\t role ${named(ROLES, v, (n) => `invalid (0x${hex8(n)})`)}`,
  (_, __, big) => `, generation_id 0x${big.toString(16).padStart(16, "0")}`,
];

/**
 * How each decoded 1.3 body field prints, in the decoder's order; the MAC and the name
 * print apart, the pads not at all (`undefined`).
 */
const FORMATS: ReadonlyMap<number, readonly (Format | undefined)[]> = new Map<
  number,
  readonly (Format | undefined)[]
>([
  [1, [
    (v) => `\n\t type ${named(ERROR_TYPES, v, (n) => `invalid (0x${hex4(n)})`)}`,
    (v, type) => `, code ${ERROR_CODES[type]?.[v] ?? `invalid (0x${hex4(v)})`}`,
  ]],
  [4, [
    (v) => `\n\t experimenter 0x${hex8(v)} (${vendorName(v)})`,
    (v) => `, exp_type 0x${hex8(v)}`,
  ]],
  [6, [
    (_, __, big) => `\n\t dpid 0x${big.toString(16).padStart(16, "0")}`,
    decimal(", n_buffers "),
    decimal(", n_tables "),
    decimal(", auxiliary_id "),
    flags("\n\t capabilities ", CAPABILITIES),
    undefined,
  ]],
  [8, CONFIG],
  [9, CONFIG],
  [12, [
    (v) => `\n\t reason ${named(PORT_REASONS, v, () => "invalid (0x02x)")}`,
    port("\n\t  port_no "),
    undefined,
    undefined,
    flags("\n\t   config ", PORT_CONFIG),
    flags("\n\t   state ", PORT_STATE),
    flags("\n\t   curr ", PORT_FEATURES),
    flags("\n\t   advertised ", PORT_FEATURES),
    flags("\n\t   supported ", PORT_FEATURES),
    flags("\n\t   peer ", PORT_FEATURES),
    (v) => `\n\t   curr_speed ${v}kbps`,
    (v) => `\n\t   max_speed ${v}kbps`,
  ]],
  [16, [
    port("\n\t port_no "),
    undefined,
    flags("\n\t  config ", PORT_CONFIG),
    flags("\n\t  mask ", PORT_CONFIG),
    flags("\n\t  advertise ", PORT_FEATURES),
    undefined,
  ]],
  [17, [
    (v) => `\n\t table_id ${v === 0xfe ? "MAX" : v === 0xff ? "ALL" : v}`,
    (v) => `, config 0x${hex8(v)}`,
  ]],
  [22, [port("\n\t port "), undefined]],
  [24, ROLE],
  [25, ROLE],
  [27, ASYNC],
  [28, ASYNC],
]);

/**
 * Prints an OpenFlow segment.
 *
 * @param ctx The print context.
 * @param of The layer.
 */
export function printOpenFlow(ctx: PrintContext, of: OpenFlow): void {
  const out = ctx.out;
  ctx.done = true;
  out.ascii(": OpenFlow");
  let previous: OpenFlowMessage | undefined;
  for (const message of of.messages) {
    if (!printMessage(ctx, of, message)) {
      // tcpdump's mark then names the protocol its frame printers reached last.
      const framed = previous !== undefined && framePrinted(ctx, previous);
      return truncatedRead(ctx, framed ? frameProtocol(ctx, of, previous!) : "openflow");
    }
    previous = message;
  }
}

/** One message; `false` where tcpdump stops at the capture's end. */
function printMessage(ctx: PrintContext, of: OpenFlow, m: OpenFlowMessage): boolean {
  const out = ctx.out;
  if (m.version === undefined) return false;
  const version = m.version;
  out.ascii(
    `\n\tversion ${VERSIONS[version] || `unknown (0x${version.toString(16).padStart(2, "0")})`}`,
  );
  if (!headerFits(ctx, m, 2, m.type)) return m.headerLength < 2 && fitted(of, m);
  const type = m.type!;
  const names = version === OpenFlowVersion.V1_0
    ? TYPES_1_0
    : version === OpenFlowVersion.V1_3
    ? TYPES_1_3
    : undefined;
  const known = names !== undefined && type < openFlowTypeCount(version);
  out.ascii(`, type ${known ? names[type] : `unknown (0x${type.toString(16).padStart(2, "0")})`}`);
  if (!headerFits(ctx, m, 4, m.length)) return m.headerLength < 4 && fitted(of, m);
  const length = m.length!;
  out.ascii(`, length ${length}${length < OPENFLOW_HEADER_LENGTH ? " (too short!)" : ""}`);
  if (!headerFits(ctx, m, 8, m.xid)) return m.headerLength < 8 && fitted(of, m);
  out.ascii(`, xid 0x${hex8(m.xid!)}`);
  if (length < OPENFLOW_HEADER_LENGTH) {
    invalid(ctx);
    return of.offset + of.wireLength <= of.end;
  }
  const bodyEnd = m.offset + length;
  if (known && !m.lengthValid) invalid(ctx);
  else if (known && ctx.verbose > 0 && !printBody(ctx, of, m)) return false;
  // From -vvv a 1.0 PACKET_IN's or PACKET_OUT's frame is printed, not checked: its printers
  // mark where the capture cuts it, and only a next message's header goes on to fail.
  return bodyEnd <= of.end || (framePrinted(ctx, m) && m.lengthValid);
}

/** Whether a message's body ends with a frame printed by the frame's printers (`-vvv`). */
function framePrinted(ctx: PrintContext, m: OpenFlowMessage): boolean {
  return ctx.verbose >= 3 && m.version === OpenFlowVersion.V1_0 &&
    (m.type === PACKET_IN || m.type === PACKET_OUT);
}

/**
 * Whether the header field that ends at `upTo` is there: otherwise tcpdump's ` (end of
 * TCP payload)` when the payload ends first, nothing when the capture does.
 */
function headerFits(
  ctx: PrintContext,
  m: OpenFlowMessage,
  upTo: number,
  value: number | undefined,
): boolean {
  if (m.headerLength < upTo) {
    ctx.out.ascii(" (end of TCP payload)");
    return false;
  }
  return value !== undefined;
}

/** Whether the capture holds the rest of a header that the payload's end cut. */
function fitted(of: OpenFlow, m: OpenFlowMessage): boolean {
  return m.offset + m.headerLength <= of.end;
}

/** A body at `-v`; `false` where the capture ends inside what tcpdump reads. */
function printBody(ctx: PrintContext, of: OpenFlow, m: OpenFlowMessage): boolean {
  if (m.version === OpenFlowVersion.V1_3 && m.type === 0) return printHello(ctx, of, m);
  const formats = m.version === OpenFlowVersion.V1_3 ? FORMATS.get(m.type!) : undefined;
  const body10 = STATS_AND_QUEUES_1_0.has(m.type!) ? printStats10 : printBody10;
  if (m.version === OpenFlowVersion.V1_0 && !body10(ctx, of, m)) return false;
  if (formats !== undefined) {
    const fields = of.fields(m);
    // A PORT_STATUS port's state and features print only with -vv, their bytes checked.
    const shown = m.type === PORT_STATUS && ctx.verbose < 2 ? PORT_STATUS_SHOWN : fields.length;
    if (!printFields(ctx, of, fields.slice(0, shown), formats)) return false;
    if (shown < fields.length && !fields[fields.length - 1]!.captured) return false;
  }
  const data = of.dataAt(m);
  if (data === undefined) return true;
  if (m.version === OpenFlowVersion.V1_0 && m.type === PACKET_IN) {
    return printFrameData(ctx, of, data, m.offset + m.length! - data);
  }
  return printData(ctx, of, data, m.offset + m.length! - data);
}

/** The fixed fields of a body; `false` at the first one the capture cut. */
function printFields(
  ctx: PrintContext,
  of: OpenFlow,
  fields: OpenFlowField[],
  formats: readonly (Format | undefined)[],
): boolean {
  const out = ctx.out;
  const first = Number(fields[0]?.value ?? 0);
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    if (field.kind === "mac") {
      if (!field.captured) return false;
      out.ascii(`, hw_addr ${formatMac(of.data, field.offset)}`);
      continue;
    }
    if (field.kind === "text") {
      out.ascii(", name '");
      if (printCharsUntilNul(out, of.data, field.offset, field.size, of.end)) return false;
      out.ascii("'");
      continue;
    }
    if (!field.captured) return false;
    const format = formats[i];
    if (format === undefined) continue;
    const value = field.value;
    out.ascii(
      typeof value === "bigint" ? format(0, first, value) : format(value, first, 0n),
    );
  }
  return true;
}

/** An OpenFlow 1.3 HELLO's elements; `false` where the capture ends. */
function printHello(ctx: PrintContext, of: OpenFlow, m: OpenFlowMessage): boolean {
  const out = ctx.out;
  for (const element of of.helloElements(m)) {
    if (element.type === undefined) {
      if (!element.captured) return false;
      invalid(ctx);
      return captured(of.end, element.offset, m.offset + m.length! - element.offset);
    }
    out.ascii(
      `\n\t type ${element.type === 1 ? "VERSIONBITMAP" : `unknown (0x${hex4(element.type)})`}`,
    );
    if (!element.captured) return false;
    out.ascii(`, length ${element.length}`);
    if (element.invalid) {
      invalid(ctx);
      return captured(of.end, element.offset + 4, m.offset + m.length! - element.offset - 4);
    }
    if (element.type === 1 && element.length === 8) {
      if (element.bitmap === undefined) return false;
      out.ascii(`, bitmap 0x${hex8(element.bitmap)}${bitmap(VERSION_BITS, element.bitmap)}`);
      continue;
    }
    if (element.type === 1) out.ascii(" (bogus)");
    if (!captured(of.end, element.offset, element.length)) return false;
  }
  return true;
}
