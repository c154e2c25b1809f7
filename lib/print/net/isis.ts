/**
 * IS-IS as tcpdump's isis_print() (print-isoclns.c) writes it: a one-line summary per
 * PDU type (`IS-IS, L2 Lan IIH, src-id ..., lan-id ..., prio 64, length 1497`), and with
 * `-v` the headers and one block per TLV.
 *
 * @module
 */

import { hex2 } from "../../_hex.ts";
import type { PrintContext } from "../context.ts";
import { type Isis, IsisPduType } from "../../net/isis.ts";
import { hexPrint } from "../_hex.ts";
import { truncated } from "../_truncation.ts";
import { ISIS_TLV_NAMES } from "./_isis_names.ts";
import { isisId, tlvValue } from "./_isis_tlvs.ts";
import { linkPayloadLength } from "../_shared.ts";

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

/**
 * Prints an IS-IS PDU.
 *
 * @param ctx The print context.
 * @param isis The layer.
 */
export function printIsis(ctx: PrintContext, isis: Isis): void {
  const out = ctx.out;
  ctx.done = true;
  let length = linkPayloadLength(ctx, isis.offset);
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
    out.ascii(` [packet length ${length} < ${fixed}] (invalid)`);
    return;
  }
  const list = isis.tlvList();
  let consumed = fixed;
  for (const tlv of list.tlvs) {
    out.ascii(`\n\t    ${ISIS_TLV_NAMES.get(tlv.type) ?? "unknown"} TLV #${tlv.type}, `);
    out.ascii(`length: ${tlv.length}`);
    consumed += 2;
    // A value past the PDU length stops tcpdump here; one the capture cuts is printed as
    // far as its printer gets.
    const valueEnd = tlv.valueOffset + tlv.length;
    if (valueEnd > isis.offset + length) break;
    if (tlvValue(ctx, isis, tlv, length) === "stop") return;
    if (ctx.verbose > 1) hexPrint(ctx, "\n\t      ", tlv.valueOffset, Math.min(valueEnd, isis.end));
    consumed += tlv.length;
  }
  if (list.stop !== undefined) {
    if (consumed !== length) truncated(ctx, "isis");
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
