/**
 * CLNP as tcpdump's clnp_print() (print-isoclns.c) writes it: `CLNP, 49.0001 > 49.0002,
 * Echo Request, length 40`, and with `-v` the header, the addresses, the segmentation
 * part, the options and an error report's original header. Also the pieces ES-IS shares.
 *
 * @module
 */

import { hex2 } from "../../_hex.ts";
import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import { type Clnp, ClnpPduType, type OsiOption } from "../../net/clnp.ts";
import { osiChecksum } from "../../net/isis.ts";
import { unknownData } from "../_hex.ts";
import { truncated, truncatedRead } from "../_truncation.ts";
import { bitNames, linkPayloadLength } from "../_shared.ts";
import { NLPID_NAMES } from "../_names.ts";
import { nsap } from "./_nsap.ts";

const PDU_NAMES: ReadonlyMap<number, string> = new Map([
  [1, "Error Report"],
  [29, "MD"],
  [28, "Data"],
  [30, "Echo Request"],
  [31, "Echo Response"],
]);

const FLAGS: readonly [number, string][] = [
  [0x80, "Segmentation permitted"],
  [0x40, "more Segments"],
  [0x20, "request Error Report"],
];

const OPTION_NAMES: ReadonlyMap<number, string> = new Map([
  [193, "Discard Reason"],
  [205, "Priority"],
  [195, "QoS Maintenance"],
  [197, "Security"],
  [200, "Source Routing"],
  [203, "Route Recording"],
  [204, "Padding"],
]);

const SCOPES: ReadonlyMap<number, string> = new Map([
  [0x40, "Source Address Specific"],
  [0x80, "Destination Address Specific"],
  [0xc0, "Globally unique"],
]);

const QOS_FLAGS: readonly [number, string][] = [
  [0x20, "reserved"],
  [0x10, "sequencing vs. delay"],
  [0x08, "congested"],
  [0x04, "delay vs. cost"],
  [0x02, "error vs. delay"],
  [0x01, "error vs. cost"],
];

/** Discard reason classes, and the reasons of each (clnp_option_rfd_*_values). */
const DISCARD_CLASSES: ReadonlyMap<number, readonly [string, readonly string[]]> = new Map([
  [0x0, ["General", [
    "Reason not specified",
    "Protocol procedure error",
    "Incorrect checksum",
    "PDU discarded due to congestion",
    "Header syntax error (cannot be parsed)",
    "Segmentation needed but not permitted",
    "Incomplete PDU received",
    "Duplicate option",
  ]]],
  [0x8, ["Address", ["Destination address unreachable", "Destination address unknown"]]],
  [0x9, ["Source Routeing", [
    "Unspecified source routeing error",
    "Syntax error in source routeing field",
    "Unknown address in source routeing field",
    "Path not acceptable",
  ]]],
  [0xa, ["Lifetime", [
    "Lifetime expired while data unit in transit",
    "Lifetime expired during reassembly",
  ]]],
  [0xb, ["PDU Discarded", [
    "Unsupported option not specified",
    "Unsupported protocol version",
    "Unsupported security option",
    "Unsupported source routeing option",
    "Unsupported recording of route option",
  ]]],
  [0xc, ["Reassembly", ["Reassembly interference"]]],
]);

/**
 * The error report's copy of a header, printed after its report, and its length: set by
 * the report's printer for the next layer (printing is not reentrant).
 */
let nested: Layer | undefined;
let nestedLength = 0;

/**
 * With `-e`, the NLPID as isoclns_print() names it before the protocol's printer.
 *
 * @param ctx The print context.
 * @param nlpid The network layer protocol identifier.
 */
export function osiNlpid(ctx: PrintContext, nlpid: number): void {
  ctx.out.ascii(`OSI NLPID ${NLPID_NAMES.get(nlpid) ?? "Unknown"} (0x${hex2(nlpid)}): `);
}

/**
 * What osi_print_cksum() says of a header's checksum (field 7 bytes in, over the length
 * indicator's bytes).
 */
export function checksumMark(ctx: PrintContext, layer: Clnp | OsiHeader): void {
  const li = layer.lengthIndicator;
  const out = ctx.out;
  if (layer.checksum === 0 || li < 7 || layer.offset + li > layer.end) {
    return void out.ascii(" (unverified)");
  }
  const expected = osiChecksum(layer.data, layer.offset, layer.offset + li, 7);
  if (expected === layer.checksum) return void out.ascii(" (correct)");
  out.ascii(" (incorrect should be 0x");
  out.hex(expected, 4);
  out.byte(0x29);
}

/** The fields of a CLNP or ES-IS header the shared printing reads. */
export interface OsiHeader {
  /** The bytes. */
  readonly data: Uint8Array;
  /** Where the header starts. */
  readonly offset: number;
  /** Where the captured bytes end. */
  readonly end: number;
  /** The length indicator. */
  readonly lengthIndicator: number;
  /** The checksum field. */
  readonly checksum: number;
}

/**
 * Checks the length indicator as clnp_print() and esis_print() do: not past the PDU,
 * not below `minimum` (then the captured bytes in upper-case hex).
 *
 * @returns Whether the indicator is sane.
 */
export function lengthIndicatorOk(
  ctx: PrintContext,
  layer: OsiHeader,
  length: number,
  minimum: number,
): boolean {
  const li = layer.lengthIndicator;
  const out = ctx.out;
  if (li > length) {
    out.ascii(` length indicator(${li}) > PDU size (${length})!`);
    return false;
  }
  if (li >= minimum) return true;
  out.ascii(` length indicator ${li} < min PDU size:`);
  for (let at = layer.offset; at < layer.end; at++) {
    out.ascii(hex2(layer.data[at]!).toUpperCase());
  }
  return false;
}

/** An option's header line, as clnp_print() and esis_print() write it. */
export function optionHeader(
  ctx: PrintContext,
  names: ReadonlyMap<number, string>,
  option: OsiOption,
): void {
  ctx.out.ascii(`\n\t  ${names.get(option.type) ?? "Unknown"} Option #${option.type}, `);
  ctx.out.ascii(`length ${option.length}, value: `);
}

/**
 * Prints a CLNP header, with `-v` its options, and an error report's original header
 * (the next layer, printed by this printer again).
 *
 * @param ctx The print context.
 * @param clnp The layer.
 * @param next The next layer: an error report's original header, or `undefined`.
 */
export function printClnp(ctx: PrintContext, clnp: Clnp, next: Layer | undefined): void {
  const inner = clnp === nested;
  const length = inner ? nestedLength : linkPayloadLength(ctx, clnp.offset);
  nested = undefined;
  ctx.done = true;
  if (ctx.link && !inner) osiNlpid(ctx, 0x81);
  if (!clnp.fixedCaptured) return void truncated(ctx, "clnp");
  // isoclns_print() dumps a PDU whose header clnp_print() rejects; the error report's
  // recursive call has its answer ignored.
  if (!header(ctx, clnp, length, next) && !inner) unknownData(ctx, clnp.offset, length, "\n\t");
}

/** clnp_print(): false where it returns 0. */
function header(ctx: PrintContext, clnp: Clnp, length: number, next: Layer | undefined): boolean {
  const out = ctx.out;
  const d = clnp.data;
  if (!ctx.link) out.ascii("CLNP");
  if (clnp.version !== 1) {
    out.ascii(`version ${clnp.version} packet not supported`);
    return false;
  }
  if (!lengthIndicatorOk(ctx, clnp, length, 9)) return false;
  const stop = clnp.addressStop;
  const addressesRead = clnp.sourceOffset >= 0;
  if (!addressesRead) {
    if (stop === "li") {
      out.ascii("li < size of fixed part of CLNP header and addresses");
      return false;
    }
    if (stop === "read") truncatedRead(ctx, "clnp");
    else truncated(ctx, "clnp");
    return true;
  }
  const source = nsap(d, clnp.sourceOffset, clnp.sourceLength);
  const destination = nsap(d, clnp.destinationOffset, clnp.destinationLength);
  const type = PDU_NAMES.get(clnp.pduType) ?? `unknown (${clnp.pduType})`;
  const sep = ctx.link ? "" : ", ";
  if (ctx.verbose < 1) {
    out.ascii(`${sep}${source} > ${destination}, ${type}, length ${length}`);
    return true;
  }
  const li = clnp.lengthIndicator;
  const lifetime = clnp.lifetime;
  out.ascii(`${sep}length ${length}\n\t${type} PDU, hlen: ${li}, v: ${clnp.version}, `);
  out.ascii(`lifetime: ${lifetime >> 1}.${(lifetime & 1) * 5}s, `);
  out.ascii(`Segment PDU length: ${clnp.segmentLength}, checksum: 0x`);
  out.hex(clnp.checksum, 4);
  checksumMark(ctx, clnp);
  out.ascii(`\n\tFlags [${bitNames(FLAGS, clnp.flags)}]`);
  out.ascii(`\n\tsource address (length ${clnp.sourceLength}): ${source}`);
  out.ascii(`\n\tdest   address (length ${clnp.destinationLength}): ${destination}`);
  if (stop === "segment-li") {
    out.ascii("li < size of fixed part of CLNP header, addresses, and segment part");
    return false;
  }
  if (stop === "cut") {
    truncated(ctx, "clnp");
    return true;
  }
  if (clnp.segmentPartOffset >= 0) {
    out.ascii(`\n\tData Unit ID: 0x`);
    out.hex(clnp.dataUnitId, 4);
    out.ascii(`, Segment Offset: ${clnp.segmentOffset}, `);
    out.ascii(`Total PDU Length: ${clnp.totalLength}`);
  }
  const list = clnp.optionList();
  for (const option of list.options) {
    optionHeader(ctx, OPTION_NAMES, option);
    if (!optionValue(ctx, clnp, option)) return false;
    if (ctx.verbose > 1) unknownData(ctx, option.valueOffset, option.length, "\n\t  ");
  }
  switch (list.stop) {
    case "li":
      out.ascii(", bad opts/li");
      return false;
    case "too-long":
      out.ascii(`, opt (${list.stopType}) too long`);
      return false;
    case "read":
      truncatedRead(ctx, "clnp");
      return true;
    case "cut":
      truncated(ctx, "clnp");
      return true;
  }
  const at = clnp.offset + li;
  if (clnp.pduType === ClnpPduType.ER || clnp.pduType === ClnpPduType.ERP) {
    if (at >= clnp.end) {
      truncatedRead(ctx, "clnp");
      return true;
    }
    if (d[at] === 0x81) {
      out.ascii("\n\t-----original packet-----\n\t");
      nested = next;
      nestedLength = length - li;
      ctx.done = next === undefined;
      return true;
    }
  }
  if (length > li) {
    out.ascii(`\n\t  undecoded non-header data, length ${length - li}`);
    unknownData(ctx, at, length - li, "\n\t  ");
  }
  return true;
}

/** An option's value; false where clnp_print() returns 0 (a value too short). */
function optionValue(ctx: PrintContext, clnp: Clnp, option: OsiOption): boolean {
  const out = ctx.out;
  const d = clnp.data;
  const at = option.valueOffset;
  const length = option.length;
  const need = option.type === 200 || option.type === 203 || option.type === 197 ? 2 : 1;
  if (OPTION_NAMES.has(option.type) && option.type !== 204 && length < need) {
    out.ascii(", bad opt len");
    return false;
  }
  const v = d[at]!;
  switch (option.type) {
    case 200:
    case 203:
      route(ctx, clnp, option);
      break;
    case 205:
      out.ascii(`0x${(v & 0x0f).toString(16)}`);
      break;
    case 195:
      out.ascii(`\n\t    Format Code: ${SCOPES.get(v & 0xc0) ?? "Reserved"}`);
      if ((v & 0xc0) === 0xc0) out.ascii(`\n\t    QoS Flags [${bitNames(QOS_FLAGS, v & 0x3f)}]`);
      break;
    case 197:
      out.ascii(`\n\t    Format Code: ${SCOPES.get(v & 0xc0) ?? "Reserved"}, `);
      out.ascii(`Security-Level ${d[at + 1]}`);
      break;
    case 193: {
      const major = v >> 4;
      const minor = v & 0x0f;
      const reasons = DISCARD_CLASSES.get(major);
      out.ascii(`\n\t    Class: ${reasons?.[0] ?? "Unknown"} Error (0x${major.toString(16)}), `);
      out.ascii(`${reasons?.[1][minor] ?? "Unknown"} (0x${minor.toString(16)})`);
      break;
    }
    case 204:
      out.ascii("padding data");
      break;
    default:
      unknownData(ctx, at, length, "\n\t  ");
  }
  return true;
}

/**
 * A source routing or route recording option: the kind, then the NSAP list after the
 * offset. clnp_print() reads each address length at the list's start (it never moves on),
 * so one length repeats until the option is used up.
 */
function route(ctx: PrintContext, clnp: Clnp, option: OsiOption): void {
  const out = ctx.out;
  const d = clnp.data;
  let at = option.valueOffset;
  let left = option.length;
  out.ascii(d[at] === 0 ? "partial" : d[at] === 1 ? "complete" : "Unknown");
  out.ascii(option.type === 200 ? " source routing" : " recording of route in progress");
  let offset = d[at + 1]!;
  if (offset === 0) return void out.ascii(" Bad NSAP offset (0)");
  offset -= 1;
  if (offset > left) return void out.ascii(" Bad NSAP offset (past end of option)");
  at += offset;
  left -= offset;
  while (left > 0) {
    const length = d[at]!;
    if (left < length + 1) {
      out.ascii("\n\t    NSAP address goes past end of option");
      return;
    }
    if (length > 0) {
      out.ascii(`\n\t    NSAP address (length ${length}): ${nsap(d, at + 1, length)}`);
    }
    left -= length + 1;
  }
}
