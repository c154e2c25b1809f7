/**
 * PPP as tcpdump's ppp_print() writes it: the protocol with `-e`, then IPv4 or IPv6, or
 * the code, id and length of a control protocol packet (LCP, IPCP...).
 *
 * @module
 */

import { readUint32 } from "../../_bytes.ts";
import { truncated } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Ppp } from "../../link/ppp.ts";
import { printPppOptions } from "./_ppp_options.ts";
import { hexPrint, unknownData } from "../_hex.ts";
import { printChars } from "../_chars.ts";

import type { Layer } from "../../layer_map.ts";

/**
 * Prints a PPP header: the protocol with `-e`, or a control protocol packet.
 *
 * @param ctx The print context.
 * @param ppp The layer.
 * @param next The layer after it.
 */
export function printPpp(ctx: PrintContext, ppp: Ppp, next: Layer | undefined): void {
  const out = ctx.out;
  const first = ppp.offset === ctx.start;
  if (first) ctx.linkEnd = ppp.offset + ppp.headerLength;
  const length = first ? ctx.originalLength : ctx.tunnelLength;
  const protocol = ppp.protocol;
  const name = PPP_PROTOCOL_NAMES.get(protocol);
  if (ctx.link) {
    out.ascii(name ?? "unknown");
    out.ascii(" (0x");
    out.hex(protocol, 4);
    out.ascii("), length ");
    out.uint(length);
    if (name === undefined) {
      ctx.done = true;
      return;
    }
    out.ascii(": ");
  }
  if (protocol === 0x0021 || protocol === 0x0057) return;
  // MPLS goes on to its printer when the label stack decoded.
  if (
    (protocol === 0x0281 || protocol === 0x0283) && (next !== undefined || ctx.error !== undefined)
  ) return;
  ctx.done = true;
  const d = ppp.data;
  const at = ppp.offset + ppp.headerLength;
  const remaining = length - ppp.headerLength;
  if (CONTROL_PROTOCOLS.has(protocol)) {
    out.ascii(name ?? `unknown ctrl-proto (0x${protocol.toString(16).padStart(4, "0")})`);
    out.ascii(", ");
    if (remaining < 4 || at + 2 > ctx.end) {
      truncated(ctx, "ppp");
      return;
    }
    const code = d[at]!;
    out.ascii(CONTROL_CODE_NAMES[code] ?? "Unknown Opcode");
    out.ascii(" (0x");
    out.hex(code, 2);
    out.ascii("), id ");
    out.uint(d[at + 1]!);
    out.ascii(", length ");
    out.uint(remaining + 2);
    if (ctx.verbose > 0) controlPacket(ctx, ppp, remaining);
    return;
  }
  if (name !== undefined) out.ascii(`${name} `);
  else {
    out.ascii(`unknown PPP protocol (0x${protocol.toString(16).padStart(4, "0")}) `);
    // Inside a tunnel (L2TP), tcpdump prints the bytes in hex (with -x too); at the link
    // level, the undecoded print does.
    if (ctx.network) {
      hexPrint(ctx, "\n\t", at, Math.min(ppp.end, ctx.end), d);
    }
  }
}

/**
 * With `-v`, what tcpdump's handle_ctrl_proto() prints after the code: the encoded
 * length, the options of the Configure codes (from the decoder's option list), the
 * magic number and data of the other codes.
 */
function controlPacket(ctx: PrintContext, ppp: Ppp, length: number): void {
  const out = ctx.out;
  const packet = ppp.controlPacket;
  if (packet === undefined || packet.length === undefined) return;
  const encoded = packet.length;
  if (encoded < 4) {
    out.ascii(`\n\tencoded length ${encoded} (< 4))`);
    return;
  }
  if (encoded > length) {
    out.ascii(`\n\tencoded length ${encoded} (> packet length ${length}))`);
    return;
  }
  out.ascii(`\n\tencoded length ${encoded} (=Option(s) length ${encoded - 4})`);
  if (encoded === 4) return;
  const at = packet.dataOffset - 4;
  if (ctx.verbose > 1) unknownData(ctx, at - 2, 6, "\n\t");
  const d = ppp.data;
  const data = packet.dataOffset;
  const captured = (n: number) => data + n <= ctx.end;
  const magic = () => {
    out.ascii("\n\t  Magic-Num 0x");
    out.hex(readUint32(d, data), 8);
  };
  switch (packet.code) {
    case 1:
    case 2:
    case 3:
    case 4:
      if (!printPppOptions(ctx, ppp.protocol, packet)) truncated(ctx, "ppp");
      return;
    case 5:
    case 6:
    case 7:
      return;
    case 8: {
      if (encoded < 6 || !captured(2)) return;
      const rejected = (d[data]! << 8) | d[data + 1]!;
      out.ascii(`\n\t  Rejected ${PPP_PROTOCOL_NAMES.get(rejected) ?? "unknown"} Protocol (0x`);
      out.hex(rejected, 4);
      out.byte(0x29);
      if (encoded > 6) {
        out.ascii("\n\t  Rejected Packet");
        unknownData(ctx, data + 2, encoded - 2, "\n\t    ");
      }
      return;
    }
    case 9:
    case 10:
    case 11:
      if (encoded < 8 || !captured(4)) return;
      magic();
      if (encoded > 8) {
        out.ascii("\n\t  -----trailing data-----");
        if (!captured(encoded - 4)) {
          out.ascii(`[|${PPP_PROTOCOL_NAMES.get(ppp.protocol) ?? "ppp"}]`);
          return;
        }
        unknownData(ctx, data + 4, encoded - 8, "\n\t  ");
      }
      return;
    case 12:
      if (encoded < 8 || !captured(4)) return;
      magic();
      if (encoded > 8) {
        out.ascii("\n\t  Message\n\t    ");
        // nd_printn(); its `goto trunc` prints tcpdump's `[|name]`, without a space.
        if (printChars(out, d, data + 4, data + encoded, ctx.end)) {
          out.ascii(`[|${PPP_PROTOCOL_NAMES.get(ppp.protocol)}]`);
        }
      }
      return;
    case 13:
      if (encoded < 12 || !captured(8)) return;
      magic();
      out.ascii(`, Seconds-Remaining ${readUint32(d, data + 4)}s`);
      return;
    default:
      if (ctx.verbose <= 1) unknownData(ctx, at - 2, encoded + 2, "\n\t  ");
  }
}

/** PPP protocol names (tcpdump's ppptype2str, the protocols it is most often given). */
const PPP_PROTOCOL_NAMES = new Map<number, string>([
  [0x0021, "IP"],
  [0x0057, "IP6"],
  [0x002b, "IPX"],
  [0x002d, "VJC"],
  [0x002f, "VJNC"],
  [0x003d, "ML"],
  [0x00fd, "comp"],
  [0x0281, "MPLS"],
  [0x0283, "MPLS"],
  [0x8021, "IPCP"],
  [0x8023, "OSICP"],
  [0x8057, "IP6CP"],
  [0x80fd, "CCP"],
  [0xc021, "LCP"],
  [0xc023, "PAP"],
  [0xc025, "LQM"],
  [0xc223, "CHAP"],
  [0xc02b, "BACP"],
  [0xc02d, "BAP"],
]);

/** The PPP control protocols whose packets tcpdump's handle_ctrl_proto() prints. */
const CONTROL_PROTOCOLS = new Set([0xc021, 0x8021, 0x8023, 0x8281, 0x8057, 0x80fd, 0xc02b]);

/** Control protocol codes (RFC 1661, 1570, 1962, 2153), as tcpdump names them. */
const CONTROL_CODE_NAMES: readonly (string | undefined)[] = [
  "Vendor-Extension",
  "Conf-Request",
  "Conf-Ack",
  "Conf-Nack",
  "Conf-Reject",
  "Term-Request",
  "Term-Ack",
  "Code-Reject",
  "Prot-Reject",
  "Echo-Request",
  "Echo-Reply",
  "Disc-Req",
  "Ident",
  "Time-Rem",
  "Reset-Req",
  "Reset-Ack",
];
