/**
 * ATM OAM cells and signalling PDUs as tcpdump's oam_print() and sig_print() write them.
 * Both printers take the layer alone, so a link type other than SunATM (Juniper's ATM
 * PICs, whose cells have no HEC byte) can hand them its cells.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type AtmSignalling, type OamCell, Q2931_DISCRIMINATOR } from "../../link/atm_cells.ts";
import { linkPayloadLength } from "../_shared.ts";
import { truncatedRead } from "../_truncation.ts";

/** The payload type identifiers (tcpdump's atm_pty_values). */
const PAYLOAD_TYPES = [
  "user data, uncongested, SDU 0",
  "user data, uncongested, SDU 1",
  "user data, congested, SDU 0",
  "user data, congested, SDU 1",
  "VCC OAM F5 flow segment",
  "VCC OAM F5 flow end-to-end",
  "Traffic Control and resource Mgmt",
];

/** The cell types (oam_celltype_values). */
const CELL_TYPES: ReadonlyMap<number, string> = new Map([
  [0x1, "Fault Management"],
  [0x2, "Performance Management"],
  [0x8, "activate/deactivate"],
  [0xf, "System Management"],
]);

/** The function types of each cell type that has names for them (oam_celltype2tokary). */
const FUNCTION_TYPES: ReadonlyMap<number, ReadonlyMap<number, string>> = new Map([
  [
    0x1,
    new Map([[0x0, "AIS"], [0x1, "RDI"], [0x4, "Continuity Check"], [0x8, "Loopback"]]),
  ],
  [
    0x2,
    new Map([[0x0, "Forward Monitoring"], [0x1, "Backward Reporting"], [
      0x2,
      "Monitoring and Reporting",
    ]]),
  ],
  [0x8, new Map([[0x0, "Performance Monitoring"], [0x1, "Continuity Check"]])],
]);

/** Q.2931 message types (msgtype2str). */
const MESSAGE_TYPES: ReadonlyMap<number, string> = new Map([
  [0x02, "Call_proceeding"],
  [0x07, "Connect"],
  [0x0f, "Connect_ack"],
  [0x05, "Setup"],
  [0x4d, "Release"],
  [0x5a, "Release_complete"],
  [0x46, "Restart"],
  [0x4e, "Restart_ack"],
  [0x7d, "Status"],
  [0x75, "Status_enquiry"],
  [0x80, "Add_party"],
  [0x81, "Add_party_ack"],
  [0x82, "Add_party_reject"],
  [0x83, "Drop_party"],
  [0x84, "Drop_party_ack"],
]);

/**
 * Prints six 2-byte words from `at + 1` on, 2 bytes apart, as oam_print() prints an ID
 * field (its loop reads from the field's second byte, one byte past the field's end).
 */
function idWords(ctx: PrintContext, at: number, count: number): void {
  const d = ctx.data;
  for (let i = 0; i < count; i++) {
    const word = (d[at + 1 + 2 * i]! << 8) | d[at + 2 + 2 * i]!;
    ctx.out.ascii(`${word.toString(16).padStart(4, "0")} `);
  }
}

/**
 * Prints an OAM cell: the F4/F5 flow, the cell header's fields and the PDU's length; with
 * `-v` the cell and function types, a loopback cell's indicator, correlation tag and IDs,
 * an AIS or RDI cell's failure type and location, and whether the CRC-10 checks.
 *
 * @param ctx The print context.
 * @param oam The layer.
 */
export function printOamCell(ctx: PrintContext, oam: OamCell): void {
  if (oam.partial) return truncatedRead(ctx, "oam");
  const out = ctx.out;
  const vci = oam.vci;
  const flow = vci === 3 ? "OAM F4 (segment)" : vci === 4 ? "OAM F4 (end)" : "OAM F5";
  out.ascii(`${flow}, vpi ${oam.vpi}, vci ${vci}, payload [ `);
  out.ascii(`${PAYLOAD_TYPES[oam.payloadType] ?? "Unknown"} ], clp ${oam.clp}, length `);
  out.uint(linkPayloadLength(ctx, oam.offset));
  ctx.done = true;
  if (ctx.verbose === 0) return;
  const cellType = oam.cellType;
  const functionType = oam.functionType;
  out.ascii(`\n\tcell-type ${CELL_TYPES.get(cellType) ?? "unknown"} (${cellType})`);
  const functions = FUNCTION_TYPES.get(cellType);
  out.ascii(
    functions === undefined
      ? `, func-type unknown (${functionType})`
      : `, func-type ${functions.get(functionType) ?? "none"} (${functionType})`,
  );
  const at = oam.payloadAt + 1;
  switch ((cellType << 4) | functionType) {
    case 0x18:
      if (!oam.functionCaptured) return truncatedRead(ctx, "oam");
      out.ascii(`\n\tLoopback-Indicator ${oam.loopbackIndicator === 1 ? "Request" : "Reply"}`);
      out.ascii(`, Correlation-Tag 0x${oam.correlationTag.toString(16).padStart(8, "0")}`);
      out.ascii("\n\tLocation-ID ");
      idWords(ctx, at + 5, 6);
      out.ascii("\n\tSource-ID   ");
      idWords(ctx, at + 17, 6);
      break;
    case 0x10:
    case 0x11:
      if (!oam.functionCaptured) return truncatedRead(ctx, "oam");
      out.ascii(`\n\tFailure-type 0x${oam.failureType.toString(16).padStart(2, "0")}`);
      out.ascii("\n\tLocation-ID ");
      idWords(ctx, at + 1, 8);
      break;
  }
  if (!oam.payloadCaptured) return truncatedRead(ctx, "oam");
  out.ascii(`\n\tcksum 0x${oam.crc10.toString(16).padStart(3, "0")} `);
  out.ascii(oam.crc10Correct ? "(correct)" : "(incorrect)");
}

/**
 * Prints a signalling PDU: Q.2931's message type and call reference, or the protocol
 * discriminator of SSCOP with another protocol.
 *
 * @param ctx The print context.
 * @param sig The layer.
 */
export function printAtmSignalling(ctx: PrintContext, sig: AtmSignalling): void {
  const out = ctx.out;
  ctx.done = true;
  if (sig.protocol < 0) return truncatedRead(ctx, "atm");
  if (sig.protocol !== Q2931_DISCRIMINATOR) {
    out.ascii(`SSCOP, proto ${sig.protocol} `);
    return;
  }
  out.ascii("Q.2931");
  if (sig.partial) return truncatedRead(ctx, "atm");
  const type = sig.messageType;
  out.ascii(`:${MESSAGE_TYPES.get(type) ?? `msgtype#${type}`} CALL_REF:0x`);
  out.hex(sig.callReference, 6);
}
