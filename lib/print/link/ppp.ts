/**
 * PPP as tcpdump's ppp_print() writes it: the protocol with `-e`, then IPv4 or IPv6, or
 * the code, id and length of a control protocol packet (LCP, IPCP...).
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Ppp } from "../../link/ppp.ts";
import type { Layer } from "../../layer_map.ts";
import { hexdump } from "../../output/hexdump.ts";

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
      out.ascii(" [|ppp]");
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
    if (ctx.verbose > 0) controlPacket(ctx, d, at, remaining);
    return;
  }
  if (name !== undefined) out.ascii(`${name} `);
  else {
    out.ascii(`unknown PPP protocol (0x${protocol.toString(16).padStart(4, "0")}) `);
    // Inside a tunnel (L2TP), tcpdump prints the bytes in hex (with -x too); at the link
    // level, the undecoded print does.
    if (ctx.network) {
      const text = hexdump(d.subarray(at, Math.min(ppp.end, ctx.end)), { ascii: false });
      if (text !== "") {
        out.byte(0x0a);
        out.ascii(text);
      }
    }
  }
}

/**
 * With `-v`, the encoded length of a control protocol packet and, for the codes that
 * carry one, the magic number and trailing data. The options of Conf-Request and the
 * other Conf-* codes are not printed (tcpdump decodes them per protocol).
 */
function controlPacket(ctx: PrintContext, d: Uint8Array, at: number, length: number): void {
  const out = ctx.out;
  if (at + 4 > ctx.end) return;
  const encoded = (d[at + 2]! << 8) | d[at + 3]!;
  if (encoded < 4) {
    out.ascii(`\n\tencoded length ${encoded} (< 4))`);
    return;
  }
  if (encoded > length) {
    out.ascii(`\n\tencoded length ${encoded} (> packet length ${length}))`);
    return;
  }
  out.ascii(`\n\tencoded length ${encoded} (=Option(s) length ${encoded - 4})`);
  const code = d[at]!;
  // Echo-Request, Echo-Reply and Discard-Request: a magic number, then data.
  if ((code === 9 || code === 10 || code === 11) && encoded >= 8) {
    if (at + 8 > ctx.end) return;
    const magic = ((d[at + 4]! << 24) | (d[at + 5]! << 16) | (d[at + 6]! << 8) | d[at + 7]!) >>>
      0;
    out.ascii("\n\t  Magic-Num 0x");
    out.hex(magic, 8);
    if (encoded > 8) {
      out.ascii("\n\t  -----trailing data-----");
      const end = Math.min(at + encoded, ctx.end);
      const text = hexdump(d.subarray(at + 8, end), { ascii: false });
      for (const line of text.split("\n")) out.ascii(`\n\t  ${line.slice(1)}`);
    }
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
