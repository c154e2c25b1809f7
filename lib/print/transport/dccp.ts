/**
 * DCCP as tcpdump's dccp_print() writes it: the ports, with `-v` CCVal, CsCov and the
 * checksum, the packet type with its service code, reset code and acknowledgement number,
 * and with `-vv` the sequence number and the options.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import { type Dccp, type DccpOption, DccpType } from "../../transport/dccp.ts";
import { expectedChecksum, ports } from "../_shared.ts";
import { captured, readCut, truncated, truncatedRead } from "../_truncation.ts";

const TYPE_NAMES: readonly string[] = [
  "DCCP-Request",
  "DCCP-Response",
  "DCCP-Data",
  "DCCP-Ack",
  "DCCP-DataAck",
  "DCCP-CloseReq",
  "DCCP-Close",
  "DCCP-Reset",
  "DCCP-Sync",
  "DCCP-SyncAck",
];
const RESET_CODES: readonly string[] = [
  "unspecified",
  "closed",
  "aborted",
  "no_connection",
  "packet_error",
  "option_error",
  "mandatory_error",
  "connection_refused",
  "bad_service_code",
  "too_busy",
  "bad_init_cookie",
  "aggression_penalty",
];
const FEATURES: readonly string[] = [
  "reserved",
  "ccid",
  "allow_short_seqno",
  "sequence_window",
  "ecn_incapable",
  "ack_ratio",
  "send_ack_vector",
  "send_ndp_count",
  "minimum checksum coverage",
  "check data checksum",
];
const OPTION_NAMES: ReadonlyMap<number, string> = new Map([
  [0, "nop"],
  [1, "mandatory"],
  [2, "slowreceiver"],
  [32, "change_l"],
  [33, "confirm_l"],
  [34, "change_r"],
  [35, "confirm_r"],
  [36, "initcookie"],
  [37, "ndp_count"],
  [38, "ack_vector0"],
  [39, "ack_vector1"],
  [40, "data_dropped"],
  [41, "timestamp"],
  [42, "timestamp_echo"],
  [43, "elapsed_time"],
  [44, "data_checksum"],
]);

/**
 * Prints a DCCP packet.
 *
 * @param ctx The print context.
 * @param dccp The layer.
 * @param _next The layer after it (none).
 */
export function printDccp(ctx: PrintContext, dccp: Dccp, _next: Layer | undefined): void {
  const out = ctx.out;
  ctx.done = true;
  const length = (ctx.network ? ctx.ipEnd : dccp.end) - dccp.offset;
  const generic = dccp.genericLength;
  if (length < generic) {
    // Only an extended header can get here (12 bytes were captured): the IP length
    // is checked before the capture, and before the addresses are printed.
    ctx.pending = false;
    out.ascii(`truncated-dccp - ${generic - length} bytes missing!`);
    return;
  }
  if (!captured(dccp.end, dccp.offset, generic)) {
    ctx.pending = false;
    truncated(ctx, "dccp");
    return;
  }
  // dccp_print() prints the addresses itself, after IPv6 extension headers too.
  ctx.pending = true;
  ports(ctx, dccp.sourcePort, dccp.destinationPort);
  out.ascii("DCCP");
  const headerLength = dccp.dataOffset * 4;
  if (ctx.quiet) {
    out.ascii(` ${(length - headerLength) >>> 0}`);
    if (headerLength > length) {
      out.ascii(` [bad hdr length ${headerLength} - too long, > ${length}]`);
    }
    return;
  }
  if (ctx.verbose > 0) {
    out.ascii(` (CCVal ${dccp.ccval}, CsCov ${dccp.checksumCoverage}`);
    const sum = dccp.checksumSum(length);
    if (sum >= 0) {
      out.ascii(", cksum 0x");
      out.hex(dccp.checksum, 4);
      if (sum === 0) out.ascii(" (correct)");
      else {
        out.ascii(" (incorrect -> 0x");
        out.hex(expectedChecksum(dccp.checksum, sum), 4);
        out.byte(0x29);
      }
    }
    out.byte(0x29);
  }
  out.byte(0x20);
  const type = dccp.type;
  const name = TYPE_NAMES[type];
  if (name === undefined) out.ascii(`unknown-type-${type} `);
  else {
    const fixed = dccp.fixedLength;
    if (type !== DccpType.DATA && length < fixed) {
      out.ascii(`truncated-${name} - ${fixed - length} bytes missing!`);
      return;
    }
    // The type's fields are checked before its name is printed.
    if (type === DccpType.REQUEST || type === DccpType.RESPONSE) {
      const service = dccp.serviceCode;
      if (service < 0) return void truncated(ctx, "dccp");
      out.ascii(`${name} (service=${service}) `);
    } else if (type === DccpType.RESET) {
      const code = dccp.resetCode;
      if (code < 0) return void truncated(ctx, "dccp");
      out.ascii(`${name} (code=${RESET_CODES[code] ?? "invalid"}) `);
    } else out.ascii(`${name} `);
  }
  if (type !== DccpType.DATA && type !== DccpType.REQUEST) {
    const ack = dccp.acknowledgment;
    // dccp_print_ack_no() reads it unchecked.
    if (ack < 0) return truncatedRead(ctx, "dccp");
    out.ascii(`(ack=${ack}) `);
  }
  if (ctx.verbose < 2) return;
  out.ascii(`seq ${dccp.sequence}`);
  if (headerLength <= dccp.fixedLength) return;
  out.ascii(" <");
  let first = true;
  for (const option of dccp.options()) {
    if (!first) out.ascii(", ");
    first = false;
    if (!printOption(ctx, dccp, option)) return;
  }
  out.byte(0x3e);
}

/** Prints an option; `false` when tcpdump's read past the capture ends the packet. */
function printOption(ctx: PrintContext, dccp: Dccp, option: DccpOption): boolean {
  const out = ctx.out;
  const type = option.type;
  const label = type >= 128 ? `CCID option ${type}` : OPTION_NAMES.get(type) ?? `Option ${type}`;
  switch (option.problem) {
    case "read":
      return readCut(ctx, "dccp");
    case "short":
      out.ascii(`${label} optlen too short`);
      return true;
    case "long":
      out.ascii(`${label} optlen goes past header length`);
      return true;
    case "cut":
      truncated(ctx, "dccp");
      return true;
  }
  out.ascii(label);
  const d = dccp.data;
  const value = option.offset + 2;
  const length = option.length;
  if (type >= 128) {
    if (length === 4) out.ascii(` ${(d[value]! << 8) | d[value + 1]!}`);
    else if (length === 6) out.ascii(` ${uint32(d, value)}`);
    return true;
  }
  switch (type) {
    case 32:
    case 33:
    case 34:
    case 35:
      if (length < 3) out.ascii(" optlen too short");
      else if (d[value]! < FEATURES.length) {
        out.ascii(` ${FEATURES[d[value]!]}`);
        for (let i = value + 1; i < option.offset + length; i++) out.ascii(` ${d[i]}`);
      }
      break;
    case 36:
    case 38:
    case 39:
    case 40:
      if (length > 2) out.ascii(" 0x");
      hexBytes(ctx, d, value, option.offset + length);
      break;
    case 37:
      for (let i = value; i < option.offset + length; i++) out.ascii(` ${d[i]}`);
      break;
    case 41:
      out.ascii(length === 6 ? ` ${uint32(d, value)}` : " [optlen != 6]");
      break;
    case 42:
      if (length === 6 || length === 8 || length === 10) out.ascii(` ${uint32(d, value)}`);
      if (length === 8) out.ascii(` (elapsed time ${(d[value + 4]! << 8) | d[value + 5]!})`);
      else if (length === 10) out.ascii(` (elapsed time ${uint32(d, value + 4)})`);
      else if (length !== 6) out.ascii(" [optlen != 6 or 8 or 10]");
      break;
    case 43:
      if (length === 6) out.ascii(` ${uint32(d, value)}`);
      else if (length === 4) out.ascii(` ${(d[value]! << 8) | d[value + 1]!}`);
      else out.ascii(" [optlen != 4 or 6]");
      break;
    case 44:
      if (length > 2) out.byte(0x20);
      hexBytes(ctx, d, value, option.offset + length);
      break;
  }
  return true;
}

function hexBytes(ctx: PrintContext, d: Uint8Array, from: number, to: number): void {
  for (let i = from; i < to; i++) ctx.out.hex(d[i]!, 2);
}

function uint32(d: Uint8Array, at: number): number {
  return ((d[at]! << 24) | (d[at + 1]! << 16) | (d[at + 2]! << 8) | d[at + 3]!) >>> 0;
}
