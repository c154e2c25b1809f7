/**
 * Connectivity Fault Management (EtherTypes `0x8902` and `0xabcd`) as tcpdump's cfm_print()
 * writes it: the version, OpCode, MD level and length, and with `-v` the First TLV Offset,
 * the message (CCM names, LTM and LTR fields, a hex dump for the others) and the TLVs.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import {
  type Cfm,
  CFM_MD_NAME_NONE,
  CFM_TLV_HEADER_LENGTH,
  CfmMessageLength,
  CfmOpcode,
  CfmTlvType,
} from "../../link/cfm.ts";
import { formatIpv4, formatIpv6, formatMac } from "../../address.ts";
import { readUint16 } from "../../_bytes.ts";
import { hex2 } from "../../_hex.ts";
import { captured, truncated, truncatedRead } from "../_truncation.ts";
import { bitNames, linkPayloadLength } from "../_shared.ts";
import { hexPrint, unknownData } from "../_hex.ts";
import { printCharsUntilNul } from "../_chars.ts";
import { AFI_NAMES, OUI_NAMES } from "../_names.ts";

const OPCODES = new Map([
  [1, "Continuity Check Message"],
  [2, "Loopback Reply"],
  [3, "Loopback Message"],
  [4, "Linktrace Reply"],
  [5, "Linktrace Message"],
]);
/** The CCM interval codes' periods in seconds, as tcpdump's floats hold them. */
const CCM_INTERVALS = [0, 0.003333, 0.01, 0.1, 1, 10, 60, 600].map(Math.fround);
const MD_FORMATS = new Map([
  [0, "IEEE 802.1"],
  [1, "No MD Name present"],
  [2, "DNS string"],
  [3, "MAC + 16Bit Integer"],
  [4, "Character string"],
]);
const MA_FORMATS = new Map([
  [0, "IEEE 802.1"],
  [1, "Primary VID"],
  [2, "Character string"],
  [3, "16Bit Integer"],
  [4, "RFC2685 VPN-ID"],
]);
const LTM_FLAGS = [[0x80, "Use Forwarding-DB only"]] as const;
const LTR_FLAGS = [[0x80, "UseFDB Only"], [0x40, "FwdYes"], [0x20, "Terminal MEP"]] as const;
const RELAY_ACTIONS = new Map([[1, "Exact Match"], [2, "Filtering DB"], [3, "MIP CCM DB"]]);
const TLV_NAMES = new Map([
  [0, "End"],
  [1, "Sender ID"],
  [2, "Port status"],
  [3, "Interface status"],
  [4, "Data"],
  [5, "Reply Ingress"],
  [6, "Reply Egress"],
  [31, "Organization Specific"],
]);
const PORT_STATUS = new Map([[1, "Blocked"], [2, "Up"]]);
const INTERFACE_STATUS = new Map([
  [1, "Up"],
  [2, "Down"],
  [3, "Testing"],
  [5, "Dormant"],
  [6, "not present"],
  [7, "lower Layer down"],
]);
const CHASSIS_ID_TYPES = [
  "Reserved",
  "Chassis component",
  "Interface alias",
  "Port component",
  "MAC address",
  "Network address",
  "Interface name",
  "Locally assigned",
];
const CHASSIS_MAC = 4;
const CHASSIS_NETWORK_ADDRESS = 5;
/** The address families tcpdump prints a network address of: name, size, format. */
const ADDRESSES: ReadonlyMap<
  number,
  readonly [string, number, (data: Uint8Array, at: number) => string]
> = new Map([[1, ["IPv4", 4, formatIpv4]], [2, ["IPv6", 16, formatIpv6]]]);
/** The MD name may take the names' 48 bytes but the MA format, length and one byte. */
const MD_NAME_MAX = 48 - 2 - 3;

/** tcpdump's end for a PDU or TLV that its length does not hold. */
function tooShort(ctx: PrintContext): void {
  ctx.out.ascii("\n\t\t packet is too short");
}

/**
 * Prints a CFM PDU.
 *
 * @param ctx The print context.
 * @param cfm The layer.
 */
export function printCfm(ctx: PrintContext, cfm: Cfm): void {
  ctx.done = true;
  const out = ctx.out;
  const length = linkPayloadLength(ctx, cfm.offset);
  if (length < 4) return tooShort(ctx);
  if (cfm.partial) return void truncated(ctx, "cfm");
  const version = cfm.version;
  if (version !== 0) {
    out.ascii(`CFMv${version} not supported, length ${length}`);
    return;
  }
  const opcode = cfm.opcode;
  const name = OPCODES.get(opcode) ?? `unknown (${opcode})`;
  out.ascii(`CFMv0 ${name}, MD Level ${cfm.mdLevel}, length ${length}`);
  if (ctx.verbose < 1) return;
  const first = cfm.firstTlvOffset;
  out.ascii(`\n\tFirst TLV offset ${first}`);
  const rest = length - 4;
  if (first > rest) {
    out.ascii(` (too large, must be <= ${rest})`);
    return;
  }
  const fixed = FIXED.get(opcode);
  if (fixed !== undefined) {
    if (first < fixed[0]) {
      out.ascii(` (too small ${fixed[1]}, must be >= ${fixed[0]})`);
      return;
    }
    if (rest < fixed[0]) return tooShort(ctx);
    if (!captured(cfm.end, cfm.messageOffset, fixed[0])) return void truncated(ctx, "cfm");
    if (!message(ctx, cfm, opcode)) return;
  } else {
    // tcpdump dumps the bytes after the TLVs' offset in number, from the message's start.
    unknownData(ctx, cfm.messageOffset, rest - first, "\n\t  ");
  }
  tlvs(ctx, cfm, cfm.tlvOffset, rest - first);
}

/** The messages tcpdump decodes: their fixed length and the number of its too-small note. */
const FIXED: ReadonlyMap<number, readonly [number, number]> = new Map([
  [CfmOpcode.CCM, [CfmMessageLength.CCM, 1]],
  [CfmOpcode.LTM, [CfmMessageLength.LTM, 4]],
  [CfmOpcode.LTR, [CfmMessageLength.LTR, 5]],
]);

/** Prints a CCM, LTM or LTR (all captured); returns whether the TLVs follow. */
function message(ctx: PrintContext, cfm: Cfm, opcode: number): boolean {
  const out = ctx.out;
  const flags = cfm.flags;
  if (opcode === CfmOpcode.LTM) {
    out.ascii(`, Flags [${bitNames(LTM_FLAGS, flags)}]`);
    out.ascii(`\n\t  Transaction-ID 0x${hex8(cfm.transactionId)}, ttl ${cfm.ttl}`);
    out.ascii(`\n\t  Original-MAC ${cfm.originalMac}, Target-MAC ${cfm.targetMac}`);
    return true;
  }
  if (opcode === CfmOpcode.LTR) {
    out.ascii(`, Flags [${bitNames(LTR_FLAGS, flags)}]`);
    out.ascii(`\n\t  Transaction-ID 0x${hex8(cfm.transactionId)}, ttl ${cfm.ttl}`);
    const action = cfm.relayAction;
    out.ascii(`\n\t  Replay-Action ${RELAY_ACTIONS.get(action) ?? "Unknown"} (${action})`);
    return true;
  }
  return ccm(ctx, cfm, flags);
}

/** The interval, sequence number, end point and names of a CCM. */
function ccm(ctx: PrintContext, cfm: Cfm, flags: number): boolean {
  const out = ctx.out;
  const interval = flags & 0x07;
  out.ascii(`, Flags [CCM Interval ${interval}${(flags & 0x80) !== 0 ? ", RDI" : ""}]`);
  if (interval !== 0) {
    const base = CCM_INTERVALS[interval]!;
    out.ascii(
      `\n\t  CCM Interval ${base.toFixed(3)}s, min CCM Lifetime ${(base * 3.25).toFixed(3)}s` +
        `, max CCM Lifetime ${(base * 3.5).toFixed(3)}s`,
    );
  }
  out.ascii(`\n\t  Sequence Number 0x${hex8(cfm.sequenceNumber)}`);
  out.ascii(`, MA-End-Point-ID 0x${cfm.maEndPointId.toString(16).padStart(4, "0")}`);
  const data = cfm.data;
  const mdFormat = cfm.mdNameFormat;
  const mdFormatName = `${MD_FORMATS.get(mdFormat) ?? "Unknown"} (${mdFormat})`;
  // The names' bytes left after the MD name, as tcpdump counts them.
  let left = 47;
  if (mdFormat !== CFM_MD_NAME_NONE) {
    const mdLength = cfm.mdNameLength;
    out.ascii(`\n\t  MD Name Format ${mdFormatName}, MD Name length ${mdLength}`);
    if (mdLength > MD_NAME_MAX) {
      out.ascii(` (too large, must be <= ${MD_NAME_MAX + 1})`);
      return false;
    }
    const at = cfm.mdNameOffset;
    out.ascii("\n\t  MD Name: ");
    if (mdFormat === 2 || mdFormat === 4) printCharsUntilNul(out, data, at, mdLength);
    else if (mdFormat === 3) {
      out.ascii(mdLength === 6 ? `\n\t  MAC ${formatMac(data, at)}` : "\n\t  MAC (length invalid)");
    } else unknownData(ctx, at, mdLength, "\n\t    ");
    left -= 1 + mdLength;
  } else out.ascii(`\n\t  MD Name Format ${mdFormatName}`);
  const maFormat = cfm.maNameFormat;
  const maLength = cfm.maNameLength;
  left -= 2;
  out.ascii(`\n\t  MA Name-Format ${MA_FORMATS.get(maFormat) ?? "Unknown"} (${maFormat})`);
  out.ascii(`, MA name length ${maLength}`);
  if (maLength > left) {
    out.ascii(` (too large, must be <= ${left})`);
    return false;
  }
  const at = cfm.maNameFormatOffset + 2;
  out.ascii("\n\t  MA Name: ");
  if (maFormat === 2) printCharsUntilNul(out, data, at, maLength);
  else unknownData(ctx, at, maLength, "\n\t    ");
  return true;
}

/** Where tcpdump's TLV walk stands: the byte, the PDU's bytes left, the TLV's value left. */
interface Walk {
  at: number;
  left: number;
  value: number;
}

/** The TLVs from `at`, `left` bytes of the PDU's length. */
function tlvs(ctx: PrintContext, cfm: Cfm, at: number, left: number): void {
  const out = ctx.out;
  const walk: Walk = { at, left, value: 0 };
  while (walk.left > 0) {
    const type = cfm.tlvType(walk.at);
    if (type < 0) return truncatedRead(ctx, "cfm");
    out.ascii(`\n\t${TLV_NAMES.get(type) ?? "Unknown"} TLV (0x${hex2(type)})`);
    if (type === CfmTlvType.END) return;
    if (walk.left < CFM_TLV_HEADER_LENGTH) return tooShort(ctx);
    if (!captured(cfm.end, walk.at, CFM_TLV_HEADER_LENGTH)) return void truncated(ctx, "cfm");
    const length = cfm.tlvLength(walk.at);
    out.ascii(`, length ${length}`);
    walk.at += CFM_TLV_HEADER_LENGTH;
    walk.left -= CFM_TLV_HEADER_LENGTH;
    const start = walk.at;
    if (walk.left < length) return tooShort(ctx);
    if (!captured(cfm.end, start, length)) return void truncated(ctx, "cfm");
    walk.value = length;
    const dump = tlvValue(ctx, cfm, type, walk);
    if (dump === undefined) return;
    if (dump === true || (dump === false && ctx.verbose > 1)) {
      // The dump starts at the value but counts what the Sender ID's walk left of it.
      unknownData(ctx, start, walk.value, "\n\t  ");
    }
    walk.at += walk.value;
    walk.left -= walk.value;
  }
}

/**
 * Prints a TLV's value: whether tcpdump dumps it in hex (`true` always, `false` with
 * `-vv`), `"next"` to go on to the next TLV without a dump, `undefined` to stop.
 */
function tlvValue(
  ctx: PrintContext,
  cfm: Cfm,
  type: number,
  walk: Walk,
): boolean | "next" | undefined {
  const out = ctx.out;
  const data = cfm.data;
  switch (type) {
    case CfmTlvType.PORT_STATUS:
    case CfmTlvType.INTERFACE_STATUS: {
      if (walk.value < 1) return tooShortTlv(ctx, 1);
      const status = data[walk.at]!;
      const names = type === CfmTlvType.PORT_STATUS ? PORT_STATUS : INTERFACE_STATUS;
      out.ascii(`, Status: ${names.get(status) ?? "Unknown"} (${status})`);
      return false;
    }
    case CfmTlvType.ORGANIZATION_SPECIFIC: {
      if (walk.value < 4) return tooShortTlv(ctx, 4);
      const oui = (data[walk.at]! << 16) | readUint16(data, walk.at + 1);
      out.ascii(`, Vendor: ${OUI_NAMES.get(oui) ?? "Unknown"} (${oui})`);
      out.ascii(`, Sub-Type ${data[walk.at + 3]}`);
      return true;
    }
    case CfmTlvType.SENDER_ID:
      return senderId(ctx, cfm, walk);
    default:
      return true;
  }
}

/** ` (too short, must be >= N)`, after which tcpdump stops. */
function tooShortTlv(ctx: PrintContext, minimum: number): undefined {
  ctx.out.ascii(` (too short, must be >= ${minimum})`);
  return undefined;
}

/**
 * The Sender ID TLV as tcpdump walks it: the chassis ID, then the management address domain
 * and address. A chassis ID longer than the TLV leaves the walk one byte short of the TLV's
 * end, as tcpdump's does (it counts the subtype but does not step over it).
 */
function senderId(ctx: PrintContext, cfm: Cfm, walk: Walk): boolean | "next" | undefined {
  const out = ctx.out;
  const data = cfm.data;
  if (walk.value < 1) {
    out.ascii(" (too short, must be >= 1)");
    return "next";
  }
  const chassisLength = data[walk.at]!;
  step(walk, 1);
  let dump = false;
  if (chassisLength !== 0) {
    if (walk.value < 1) return tlvTooShort(ctx);
    const chassisType = data[walk.at]!;
    walk.value--;
    out.ascii(
      `\n\t  Chassis-ID Type ${CHASSIS_ID_TYPES[chassisType] ?? "Unknown"} (${chassisType})`,
    );
    out.ascii(`, Chassis-ID length ${chassisLength}`);
    if (walk.value < chassisLength) return tlvTooShort(ctx);
    const id = walk.at + 1;
    if (chassisType === CHASSIS_MAC) {
      if (chassisLength !== 6) {
        out.ascii(" (invalid MAC address length)");
        dump = true;
      } else out.ascii(`\n\t  MAC ${formatMac(data, id)}`);
    } else if (chassisType === CHASSIS_NETWORK_ADDRESS) {
      dump = networkAddress(ctx, data, id, chassisLength);
    } else if (chassisType >= 1 && chassisType <= 7) {
      printCharsUntilNul(out, data, id, chassisLength);
    } else dump = true;
    walk.value -= chassisLength;
    walk.at += 1 + chassisLength;
    walk.left -= 1 + chassisLength;
  }
  // The management address fields are there only when the TLV's length leaves room.
  if (walk.value === 0) return dump;
  const domainLength = data[walk.at]!;
  step(walk, 1);
  out.ascii(`\n\t  Management Address Domain Length ${domainLength}`);
  if (domainLength === 0) return dump;
  if (walk.value < domainLength) return tlvTooShort(ctx);
  hexPrint(ctx, "\n\t  Management Address Domain: ", walk.at, walk.at + domainLength, data);
  step(walk, domainLength);
  if (walk.value < 1) {
    out.ascii(" (Management Address Length is missing)");
    return true;
  }
  const addressLength = data[walk.at]!;
  step(walk, 1);
  out.ascii(`\n\t  Management Address Length ${addressLength}`);
  if (addressLength === 0) return dump;
  if (walk.value < addressLength) {
    out.ascii("\n\t  (TLV too short)");
    return undefined;
  }
  hexPrint(ctx, "\n\t  Management Address: ", walk.at, walk.at + addressLength, data);
  step(walk, addressLength);
  return dump;
}

/** Steps the walk over `n` bytes of the TLV's value. */
function step(walk: Walk, n: number): void {
  walk.at += n;
  walk.left -= n;
  walk.value -= n;
}

/** `(TLV too short)`, after which tcpdump goes on to the next TLV. */
function tlvTooShort(ctx: PrintContext): "next" {
  ctx.out.ascii("\n\t  (TLV too short)");
  return "next";
}

/** tcpdump's cfm_network_addr_print(): the family and address; whether to dump the TLV. */
function networkAddress(ctx: PrintContext, data: Uint8Array, at: number, length: number): boolean {
  const out = ctx.out;
  const family = data[at]!;
  out.ascii(`\n\t  Network Address Type ${AFI_NAMES.get(family) ?? "Unknown"} (${family})`);
  const address = ADDRESSES.get(family);
  if (address === undefined) return true;
  const [name, size, format] = address;
  if (length !== 1 + size) {
    out.ascii(`(invalid ${name} address length ${length - 1})`);
    return true;
  }
  out.ascii(`, ${format(data, at + 1)}`);
  return false;
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, "0");
}
