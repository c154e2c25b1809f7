/**
 * IS-IS as tcpdump's isis_print() (print-isoclns.c) writes it: a one-line summary per
 * PDU type (`IS-IS, L2 Lan IIH, src-id ..., lan-id ..., prio 64, length 1497`), and with
 * `-v` the headers and one block per TLV.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Isis, IsisPduType, type IsisTlv } from "../../net/isis.ts";
import { formatIpv6 } from "../../address.ts";
import { hexPrint } from "../_shared.ts";
import { printChar, truncated } from "../_truncation.ts";
import { ISIS_TLV_NAMES, NLPID_NAMES } from "./_isis_names.ts";

const PDU_NAMES: ReadonlyMap<number, string> = new Map([
  [15, "L1 Lan IIH"],
  [16, "L2 Lan IIH"],
  [17, "p2p IIH"],
  [18, "L1 LSP"],
  [20, "L2 LSP"],
  [24, "L1 CSNP"],
  [25, "L2 CSNP"],
  [26, "L1 PSNP"],
  [27, "L2 PSNP"],
]);

const CIRCUIT_TYPES = ["", "Level 1 only", "Level 2 only", "Level 1, Level 2"];
const IS_TYPES = ["Unused 0x0 (invalid)", "L1 IS", "Unused 0x2 (invalid)", "L2 IS"];
const PTP_STATES = ["Up", "Initializing", "Down"];
const RESTART_FLAGS: readonly [number, string][] = [
  [0x1, "Restart Request"],
  [0x2, "Restart Acknowledgement"],
  [0x4, "Suppress adjacency advertisement"],
];

/** Fixed header lengths by PDU type, as tcpdump checks them. */
const FIXED: ReadonlyMap<number, number> = new Map([
  [15, 27],
  [16, 27],
  [17, 20],
  [18, 27],
  [20, 27],
  [24, 33],
  [25, 33],
  [26, 17],
  [27, 17],
]);

function hex2(n: number): string {
  return n.toString(16).padStart(2, "0");
}

/**
 * A system ID (6 bytes), node ID (7) or LSP ID (8) as isis_print_id() writes it:
 * `4444.4444.4444`, `.01`, `-00`.
 */
export function isisId(d: Uint8Array, at: number, length: number): string {
  let text = "";
  for (let i = 0; i < Math.min(6, length); i++) {
    text += hex2(d[at + i]!);
    if (i === 1 || i === 3) text += ".";
  }
  if (length >= 7) text += "." + hex2(d[at + 6]!);
  if (length === 8) text += "-" + hex2(d[at + 7]!);
  return text;
}

/** An NSAP (area address) as isonsap_string() writes it: `49.0014`. */
function nsap(d: Uint8Array, at: number, length: number): string {
  if (length < 1 || length > 20) return "isonsap_string: illegal length";
  let text = "";
  for (let i = 0; i < length; i++) {
    text += hex2(d[at + i]!);
    if ((i & 1) === 0 && i + 1 < length) text += ".";
  }
  return text;
}

function ipv4(d: Uint8Array, at: number): string {
  return `${d[at]}.${d[at + 1]}.${d[at + 2]}.${d[at + 3]}`;
}

function ipv6(ctx: PrintContext, at: number): void {
  ctx.out.ascii(formatIpv6(ctx.data, at));
}

/**
 * Prints an IS-IS PDU.
 *
 * @param ctx The print context.
 * @param isis The layer.
 */
export function printIsis(ctx: PrintContext, isis: Isis): void {
  const out = ctx.out;
  ctx.done = true;
  let length = ctx.frameLength >= 0
    ? ctx.frameLength
    : ctx.originalLength - (isis.offset - ctx.start);
  if (ctx.link) out.ascii("OSI NLPID IS-IS (0x83): ");
  else out.ascii("IS-IS");
  const sep = ctx.link ? "" : ", ";
  if (isis.version !== 1) return void out.ascii(`version ${isis.version} packet not supported`);
  if (isis.idLength !== 6 && isis.idLength !== 0) {
    return void out.ascii(`system ID length of ${isis.idLength} is not supported`);
  }
  if (isis.pduVersion !== 1) {
    return void out.ascii(`version ${isis.pduVersion} packet not supported`);
  }
  if (length < isis.fixedLength) {
    return void out.ascii(
      `fixed header length ${isis.fixedLength} > packet length ${length}`,
    );
  }
  if (isis.fixedLength < 8) {
    return void out.ascii(`fixed header length ${isis.fixedLength} < minimum header size 8`);
  }
  if (isis.maxAreas === 255) return void out.ascii("bad packet -- 255 areas");
  const type = isis.pduType;
  const name = PDU_NAMES.get(type);
  if (ctx.verbose === 0) {
    out.ascii(sep + (name ?? `unknown PDU-Type ${type}`));
  } else {
    out.ascii(`${sep}length ${length}`);
    out.ascii(`\n\t${name ?? `unknown, type ${type}`}, hlen: ${isis.fixedLength}, v: 1, `);
    out.ascii(`pdu-v: 1, sys-id-len: 6 (${isis.idLength}), `);
    out.ascii(`max-area: ${isis.maxAreas || 3} (${isis.maxAreas})`);
    if (ctx.verbose > 1) hexPrint(ctx, "\n\t", isis.offset, isis.offset + 8);
  }
  const fixed = FIXED.get(type);
  if (fixed === undefined) {
    if (ctx.verbose === 0) out.ascii(`, length ${length}`);
    else hexPrint(ctx, "\n\t  ", isis.offset + 8, Math.min(isis.end, isis.offset + length));
    return;
  }
  if (isis.fixedLength !== fixed) {
    const psnp = type === IsisPduType.L1_PSNP || type === IsisPduType.L2_PSNP;
    const lsp = type === IsisPduType.L1_LSP || type === IsisPduType.L2_LSP;
    out.ascii(`${psnp ? "- " : ", "}bogus fixed header length ${isis.fixedLength} `);
    out.ascii(`should be ${lsp ? 19 : fixed}`);
    return;
  }
  if (!isis.specificHeader || length < fixed) return truncated(ctx, "isis");
  if (ctx.verbose === 0) {
    oneLine(ctx, isis, length);
    return;
  }
  if (isis.pduLength < length) length = isis.pduLength;
  headerLines(ctx, isis, length);
  if (length < fixed) {
    out.ascii(" (invalid)");
    return;
  }
  const list = isis.tlvList();
  let consumed = fixed;
  for (const tlv of list.tlvs) {
    out.ascii(`\n\t    ${ISIS_TLV_NAMES.get(tlv.type) ?? "unknown"} TLV #${tlv.type}, `);
    out.ascii(`length: ${tlv.length}`);
    consumed += 2;
    if (list.stop === "value" && tlv === list.tlvs[list.tlvs.length - 1]) break;
    if (tlvValue(ctx, isis, tlv, length) === "stop") return;
    if (ctx.verbose > 1) {
      hexPrint(ctx, "\n\t      ", tlv.valueOffset, tlv.valueOffset + tlv.length);
    }
    consumed += tlv.length;
  }
  if (list.stop !== undefined) {
    truncated(ctx, "isis");
    return;
  }
  const left = length - consumed;
  if (left > 0 && isis.offset + length <= isis.end) out.ascii(`\n\t      ${left} straggler bytes`);
  else if (left > 0) truncated(ctx, "isis");
}

function oneLine(ctx: PrintContext, isis: Isis, length: number): void {
  const out = ctx.out;
  const d = isis.data;
  switch (isis.pduType) {
    case IsisPduType.L1_LAN_IIH:
    case IsisPduType.L2_LAN_IIH:
      out.ascii(`, src-id ${isisId(d, isis.sourceIdOffset, 6)}`);
      out.ascii(`, lan-id ${isisId(d, isis.lanIdOffset, 7)}, prio ${isis.priority}`);
      break;
    case IsisPduType.PTP_IIH:
      out.ascii(`, src-id ${isisId(d, isis.sourceIdOffset, 6)}`);
      break;
    case IsisPduType.L1_LSP:
    case IsisPduType.L2_LSP:
      out.ascii(`, lsp-id ${isisId(d, isis.lspIdOffset, 8)}, seq 0x`);
      out.hex(isis.sequenceNumber, 8);
      out.ascii(`, lifetime ${String(isis.remainingLifetime).padStart(5)}s`);
      break;
    default:
      out.ascii(`, src-id ${isisId(d, isis.sourceIdOffset, 7)}`);
  }
  out.ascii(`, length ${length}`);
}

function headerLines(ctx: PrintContext, isis: Isis, length: number): void {
  const out = ctx.out;
  const d = isis.data;
  const circuit = CIRCUIT_TYPES[isis.circuitType] ||
    `unknown circuit type 0x${hex2(isis.circuitType)}`;
  const specific = isis.offset + 8;
  switch (isis.pduType) {
    case IsisPduType.L1_LAN_IIH:
    case IsisPduType.L2_LAN_IIH:
      out.ascii(`\n\t  source-id: ${isisId(d, isis.sourceIdOffset, 6)},  holding time: `);
      out.ascii(`${isis.holdingTime}s, Flags: [${circuit}]`);
      out.ascii(`\n\t  lan-id:    ${isisId(d, isis.lanIdOffset, 7)}, Priority: `);
      out.ascii(`${isis.priority & 0x7f}, PDU length: ${isis.pduLength}`);
      if (ctx.verbose > 1) hexPrint(ctx, "\n\t  ", specific, specific + 19);
      break;
    case IsisPduType.PTP_IIH:
      out.ascii(`\n\t  source-id: ${isisId(d, isis.sourceIdOffset, 6)}, holding time: `);
      out.ascii(`${isis.holdingTime}s, Flags: [${circuit}]`);
      out.ascii(`\n\t  circuit-id: 0x${hex2(isis.circuitId)}, PDU length: ${isis.pduLength}`);
      if (ctx.verbose > 1) hexPrint(ctx, "\n\t  ", specific, specific + 12);
      break;
    case IsisPduType.L1_LSP:
    case IsisPduType.L2_LSP: {
      out.ascii(`\n\t  lsp-id: ${isisId(d, isis.lspIdOffset, 8)}, seq: 0x`);
      out.hex(isis.sequenceNumber, 8);
      out.ascii(`, lifetime: ${String(isis.remainingLifetime).padStart(5)}s\n\t  chksum: 0x`);
      out.hex(isis.checksum, 4);
      const expected = isis.expectedChecksum(length);
      if (expected === undefined) out.ascii(" (unverified)");
      else if (expected === isis.checksum) out.ascii(" (correct)");
      else {
        out.ascii(" (incorrect should be 0x");
        out.hex(expected, 4);
        out.byte(0x29);
      }
      const block = isis.typeBlock;
      out.ascii(`, PDU length: ${isis.pduLength}, Flags: [ `);
      if (block & 0x04) out.ascii("Overload bit set, ");
      if (block & 0x78) {
        if (block & 0x08) out.ascii("default ");
        if (block & 0x10) out.ascii("delay ");
        if (block & 0x20) out.ascii("expense ");
        if (block & 0x40) out.ascii("error ");
        out.ascii("ATT bit set, ");
      }
      if (block & 0x80) out.ascii("P bit set, ");
      out.ascii(`${IS_TYPES[block & 3]} ]`);
      if (ctx.verbose > 1) hexPrint(ctx, "\n\t  ", specific, specific + 19);
      break;
    }
    default: {
      const csnp = isis.startLspIdOffset >= 0;
      out.ascii(`\n\t  source-id:    ${isisId(d, isis.sourceIdOffset, 7)}, PDU length: `);
      out.uint(isis.pduLength);
      if (csnp) {
        out.ascii(`\n\t  start lsp-id: ${isisId(d, isis.startLspIdOffset, 8)}`);
        out.ascii(`\n\t  end lsp-id:   ${isisId(d, isis.endLspIdOffset, 8)}`);
      }
      if (ctx.verbose > 1) hexPrint(ctx, "\n\t  ", specific, specific + (csnp ? 25 : 9));
    }
  }
}

/** The default, delay, expense and error metrics of an old-style TLV entry. */
function metricBlock(ctx: PrintContext, d: Uint8Array, at: number, indent: string): void {
  const out = ctx.out;
  const ie = (b: number) => (b & 0x40) !== 0 ? "External" : "Internal";
  out.ascii(`, Default Metric: ${d[at]! & 0x3f}, ${ie(d[at]!)}`);
  const names = ["Delay", "Expense", "Error"];
  for (let i = 1; i < 4; i++) {
    const b = d[at + i]!;
    if ((b & 0x80) === 0) out.ascii(`${indent}${names[i - 1]} Metric: ${b & 0x3f}, ${ie(b)}`);
  }
}

/** The prefix length of a contiguous mask, or -1. */
function maskLength(d: Uint8Array, at: number): number {
  const mask = ((d[at]! << 24) | (d[at + 1]! << 16) | (d[at + 2]! << 8) | d[at + 3]!) >>> 0;
  for (let bits = 0; bits <= 32; bits++) {
    const m = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if (m === mask) return bits;
  }
  return -1;
}

/** Prints one TLV's value; `"stop"` when tcpdump stops printing the PDU there. */
function tlvValue(
  ctx: PrintContext,
  isis: Isis,
  tlv: IsisTlv,
  _length: number,
): "stop" | undefined {
  const out = ctx.out;
  const d = isis.data;
  let at = tlv.valueOffset;
  let left = tlv.length;
  const end = at + left;
  if (end > isis.end) {
    truncated(ctx, "isis");
    return "stop";
  }
  switch (tlv.type) {
    case 1: // area addresses
      while (left !== 0) {
        const alen = d[at]!;
        at++;
        left--;
        if (left < alen) return;
        out.ascii(`\n\t      Area address (length: ${alen}): ${nsap(d, at, alen)}`);
        at += alen;
        left -= alen;
      }
      return;
    case 6: // IS neighbors (SNPAs)
      for (; left >= 6; at += 6, left -= 6) {
        out.ascii(`\n\t      SNPA: ${isisId(d, at, 6)}`);
      }
      return;
    case 8: // padding
      return;
    case 2: // IS reachability
      if (left < 1) return;
      out.ascii(
        `\n\t      ${
          d[at] === 0
            ? "IsNotVirtual"
            : d[at] === 1
            ? "IsVirtual"
            : `bogus virtual flag 0x${hex2(d[at]!)}`
        }`,
      );
      at++;
      left--;
      for (; left >= 11; at += 11, left -= 11) {
        out.ascii(`\n\t      IS Neighbor: ${isisId(d, at + 4, 7)}`);
        metricBlock(ctx, d, at, "\n\t\t  ");
      }
      return;
    case 3: // ES neighbors
      for (; left >= 10; at += 10, left -= 10) {
        out.ascii(`\n\t      ES Neighbor: ${isisId(d, at + 4, 6)}`);
        metricBlock(ctx, d, at, "\n\t\t  ");
      }
      return;
    case 128:
    case 130: // IPv4 internal and external reachability
      while (left > 0) {
        if (left < 12) {
          out.ascii(`short IPv4 Reachability (${left} vs 12)`);
          return "stop";
        }
        const plen = maskLength(d, at + 8);
        if (plen === -1) {
          out.ascii(`\n\t      IPv4 prefix: ${ipv4(d, at + 4)} mask ${ipv4(d, at + 8)}`);
        } else {
          out.ascii(`\n\t      IPv4 prefix: ${ipv4(d, at + 4).padStart(15)}/${plen}`);
        }
        const m = d[at]!;
        out.ascii(`, Distribution: ${(m & 0x80) !== 0 ? "down" : "up"}, Metric: ${m & 0x3f}, `);
        out.ascii((m & 0x40) !== 0 ? "External" : "Internal");
        const names = ["Delay", "Expense", "Error"];
        for (let i = 1; i < 4; i++) {
          const b = d[at + i]!;
          if ((b & 0x80) === 0) {
            out.ascii(`\n\t        ${names[i - 1]} Metric: ${b & 0x3f}, `);
            out.ascii((b & 0x40) !== 0 ? "External" : "Internal");
          }
        }
        at += 12;
        left -= 12;
      }
      return;
    case 232: // IPv6 interface addresses
      for (; left >= 16; at += 16, left -= 16) {
        out.ascii("\n\t      IPv6 interface address: ");
        ipv6(ctx, at);
      }
      return;
    case 129: // protocols supported
      out.ascii("\n\t      NLPID(s): ");
      for (; left !== 0; at++, left--) {
        out.ascii(`${NLPID_NAMES.get(d[at]!) ?? "unknown"} (0x${hex2(d[at]!)})`);
        if (left > 1) out.ascii(", ");
      }
      return;
    case 132: // IPv4 interface addresses
      for (; left >= 4; at += 4, left -= 4) {
        out.ascii(`\n\t      IPv4 interface address: ${ipv4(d, at)}`);
      }
      return;
    case 134: // TE router ID
      if (left >= 4) out.ascii(`\n\t      Traffic Engineering Router ID: ${ipv4(d, at)}`);
      return;
    case 137: // hostname
      out.ascii("\n\t      Hostname: ");
      for (; left > 0 && d[at] !== 0; at++, left--) printChar(ctx, d[at]!);
      return;
    case 9: // LSP entries
      for (; left >= 16; at += 16, left -= 16) {
        out.ascii(`\n\t      lsp-id: ${isisId(d, at + 2, 8)}, seq: 0x`);
        out.hex(
          ((d[at + 10]! << 24) | (d[at + 11]! << 16) | (d[at + 12]! << 8) |
            d[at + 13]!) >>> 0,
          8,
        );
        out.ascii(`, lifetime: ${String((d[at]! << 8) | d[at + 1]!).padStart(5)}s, chksum: 0x`);
        out.hex((d[at + 14]! << 8) | d[at + 15]!, 4);
      }
      return;
    case 211: { // restart signaling
      if (left < 1) return;
      const flags = RESTART_FLAGS.filter(([bit]) => (d[at]! & bit) !== 0).map(([, n]) => n);
      out.ascii(`\n\t      Flags [${flags.length === 0 ? "none" : flags.join(", ")}]`);
      at++;
      left--;
      if (left < 2) return;
      out.ascii(`, Remaining holding time ${(d[at]! << 8) | d[at + 1]!}s`);
      if (left - 2 === 6) out.ascii(`, for ${isisId(d, at + 2, 6)}`);
      return;
    }
    case 240: // point-to-point adjacency state
      if (left >= 1) {
        out.ascii(`\n\t      Adjacency State: ${PTP_STATES[d[at]!] ?? "unknown"} (${d[at]})`);
        left--;
      }
      if (left > 4) {
        out.ascii("\n\t      Extended Local circuit-ID: 0x");
        out.hex(u32(d, at + 1), 8);
        left -= 4;
      }
      if (left >= 6) {
        out.ascii(`\n\t      Neighbor System-ID: ${isisId(d, at + 5, 6)}`);
        left -= 6;
      }
      if (left >= 4) {
        out.ascii("\n\t      Neighbor Extended Local circuit-ID: 0x");
        out.hex(u32(d, at + 11), 8);
      }
      return;
    case 14: // LSP buffer size
      if (left >= 2) out.ascii(`\n\t      LSP Buffersize: ${(d[at]! << 8) | d[at + 1]!}`);
      return;
    case 241: // hello sequence number
      if (left >= 4) out.ascii(`\n\t      Sequence number: ${u32(d, at)}`);
      return;
    case 4: // partition DIS
      for (; left >= 6; at += 6, left -= 6) out.ascii(`\n\t      ${isisId(d, at, 6)}`);
      return;
  }
  if (ctx.verbose <= 1) hexPrint(ctx, "\n\t\t", tlv.valueOffset, end);
  return;
}

function u32(d: Uint8Array, at: number): number {
  return ((d[at]! << 24) | (d[at + 1]! << 16) | (d[at + 2]! << 8) | d[at + 3]!) >>> 0;
}
