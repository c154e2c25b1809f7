/**
 * The ATM link types as tcpdump's sunatm_if_print() (with atm_print()), atm_if_print(),
 * cip_if_print() and lane_print() write them.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import { type AtmRfc1483, AtmVci, type Cip, type SunAtm } from "../../link/atm.ts";
import type { Lane } from "../../link/lane.ts";
import { readUint32 } from "../../_bytes.ts";
import { linkPayloadLength } from "../_shared.ts";
import { truncatedRead } from "../_truncation.ts";

/**
 * Prints a SunATM header: with `-e` the direction, VPI and VCI; the names of broadcast
 * and meta-signalling (whose PDUs tcpdump does not print) and of ILMI; then the payload's
 * printer goes on (signalling, OAM, SNMP, LANE or LLC).
 *
 * @param ctx The print context.
 * @param atm The layer.
 * @param next The payload's layer, if it decoded.
 */
export function printSunAtm(ctx: PrintContext, atm: SunAtm, next: Layer | undefined): void {
  const out = ctx.out;
  if (ctx.link && atm.headerLength >= 1) out.ascii(atm.transmitted ? "Tx: " : "Rx: ");
  if (atm.partial) return truncatedRead(ctx, "sunatm");
  ctx.linkEnd = atm.offset + atm.headerLength;
  if (ctx.link) out.ascii(`VPI:${atm.vpi} VCI:${atm.vci} `);
  if (atm.vpi !== 0) return;
  switch (atm.vci) {
    case AtmVci.BROADCAST_SIGNALLING:
      out.ascii("broadcast sig: ");
      ctx.done = true;
      return;
    case AtmVci.META_SIGNALLING:
      out.ascii("meta: ");
      ctx.done = true;
      return;
    case AtmVci.ILMI:
      out.ascii("ilmi: ");
      // snmp_print() prints a space before its first read, whose longjmp ends the packet.
      if (next === undefined && ctx.error?.layer === "snmp") {
        ctx.error = undefined;
        out.byte(0x20);
        truncatedRead(ctx, "snmp");
      }
      return;
  }
}

/**
 * Prints the start of an RFC 1483 PDU: with `-e` "CNLPID " before Cisco's NLPID format or
 * the first 16 bytes of an 802.6 header in hex; a PDU cut before its LLC header is known.
 *
 * @param ctx The print context.
 * @param atm The layer.
 */
export function printAtmRfc1483(ctx: PrintContext, atm: AtmRfc1483): void {
  if (atm.cnlpid) {
    if (ctx.link) ctx.out.ascii("CNLPID ");
    ctx.linkEnd = atm.offset + 1;
    return;
  }
  if (atm.macHeader && ctx.link) {
    // atm_if_print() reads the 16 bytes before it prints them.
    if (atm.headerLength < 16) return truncatedRead(ctx, "atm");
    const at = atm.offset;
    const words = [0, 4, 8, 12].map((i) =>
      readUint32(atm.data, at + i).toString(16).padStart(8, "0")
    );
    ctx.out.ascii(`${words[0]}${words[1]} ${words[2]}${words[3]} `);
  }
  if (atm.partial) return truncatedRead(ctx, "atm");
  ctx.linkEnd = atm.offset + atm.headerLength;
}

/**
 * Prints a Classical IP over ATM PDU's start: with `-e` the PDU's length; a PDU of fewer
 * than 6 bytes is cut (tcpdump compares 6 bytes with the LLC/SNAP header first).
 *
 * @param ctx The print context.
 * @param cip The layer.
 */
export function printCip(ctx: PrintContext, cip: Cip): void {
  if (ctx.link) ctx.out.ascii(`${ctx.originalLength}: `);
  if (cip.partial) truncatedRead(ctx, "cip");
}

/**
 * Prints a LANE header: an LE control frame's protocol, version and opcode, or an
 * emulated Ethernet frame's LE client ID, which ether_print() prints before the frame
 * (with or without `-e`) once its header was captured.
 *
 * @param ctx The print context.
 * @param lane The layer.
 * @param next The Ethernet frame's layer, if it decoded.
 */
export function printLane(ctx: PrintContext, lane: Lane, next: Layer | undefined): void {
  if (lane.partial) return truncatedRead(ctx, "lane");
  const out = ctx.out;
  if (lane.control) {
    out.ascii(`lec: proto ${lane.protocol.toString(16)} vers ${lane.version.toString(16)} `);
    out.ascii(LE_OPCODES.get(lane.opcode) ?? `opcode-#${lane.opcode}`);
    ctx.done = true;
    return;
  }
  ctx.tunnelLength = linkPayloadLength(ctx, lane.offset) - 2;
  if (next !== undefined) out.ascii(`lecid:${lane.header.toString(16)} `);
}

/** LE control opcodes (tcpdump's lecop2str). */
const LE_OPCODES: ReadonlyMap<number, string> = new Map([
  [0x0001, "configure request"],
  [0x0101, "configure response"],
  [0x0002, "join request"],
  [0x0102, "join response"],
  [0x0003, "ready query"],
  [0x0103, "ready indication"],
  [0x0004, "register request"],
  [0x0104, "register response"],
  [0x0005, "unregister request"],
  [0x0105, "unregister response"],
  [0x0006, "ARP request"],
  [0x0106, "ARP response"],
  [0x0007, "flush request"],
  [0x0107, "flush response"],
  [0x0008, "NARP request"],
  [0x0009, "topology request"],
]);
