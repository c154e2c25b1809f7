/**
 * Cisco HDLC as tcpdump's chdlc_print() writes it: the header with `-e`, then the
 * payload (IPv4, IPv6, SLARP, MPLS), or the protocol type it does not print.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import { type Chdlc, ChdlcProtocol } from "../../link/chdlc.ts";
import { etherType } from "../_shared.ts";
import { hex2 } from "../../_hex.ts";
import { hexPrint } from "../_hex.ts";
import { NLPID_NAMES } from "../_names.ts";
import { truncated, truncatedRead } from "../_truncation.ts";

/**
 * Prints a Cisco HDLC header: with `-e` its address, protocol and length; then lets the
 * payload's printer go on, or names a protocol that tcpdump does not print.
 *
 * @param ctx The print context.
 * @param chdlc The layer.
 * @param next The layer after it.
 */
export function printChdlc(ctx: PrintContext, chdlc: Chdlc, next: Layer | undefined): void {
  const out = ctx.out;
  const first = chdlc.offset === ctx.start;
  // tcpdump's link header is the 4 bytes, a fudge byte not included.
  if (first) ctx.linkEnd = chdlc.offset + 4;
  const length = first ? ctx.originalLength : ctx.tunnelLength;
  const protocol = chdlc.protocol;
  if (ctx.link) {
    const address = chdlc.address;
    out.ascii(
      address === 0x0f
        ? "unicast"
        : address === 0x8f
        ? "bcast"
        : `0x${address.toString(16).padStart(2, "0")}`,
    );
    out.ascii(", ");
    etherType(ctx, protocol);
    out.ascii(", length ");
    out.uint(length);
    out.ascii(": ");
  }
  ctx.tunnelLength = length - chdlc.headerLength;
  switch (protocol) {
    case ChdlcProtocol.SLARP:
      if (next === undefined) {
        // A SLARP packet too short to decode: its length, then the decode error's marker.
        out.ascii(`SLARP (length: ${ctx.tunnelLength}), `);
        if (ctx.error === undefined) ctx.done = true;
      }
      return;
    case ChdlcProtocol.IPV4:
    case ChdlcProtocol.IPV6:
    case ChdlcProtocol.MPLS:
    case ChdlcProtocol.MPLS_MULTI:
      if (next === undefined && ctx.error === undefined) ctx.done = true;
      return;
    case ChdlcProtocol.ISO:
      // CLNP, ES-IS and IS-IS go on; other OSI payloads are not decoded.
      if (next === undefined && ctx.error === undefined) {
        osiUnknown(ctx, chdlc.offset + chdlc.headerLength, chdlc.end, ctx.tunnelLength);
        ctx.done = true;
      }
      return;
    default:
      if (!ctx.link) {
        out.ascii("unknown CHDLC protocol (0x");
        out.hex(protocol, 4);
        out.byte(0x29);
      }
      ctx.done = true;
  }
}

/** The OSI network layer protocol identifiers tcpdump's isoclns_print() hands on. */
const OSI_HANDED_ON = new Set([0x81, 0x82, 0x83, 0x08, 0xcc, 0x8e, 0xcf]);

/**
 * tcpdump's isoclns_print() for an NLPID it does not know (and the null network layer,
 * 0x00): the NLPID (named with `-e`), the length and the bytes. A payload after Cisco's
 * "fudge" byte, or for an NLPID tcpdump hands on, is left out.
 */
function osiUnknown(ctx: PrintContext, at: number, captured: number, length: number): void {
  const d = ctx.data;
  const end = Math.min(captured, at + length);
  // chdlc_print() checks for 2 bytes on the wire, its cut counting what was captured as link
  // header (-x/-X dump nothing), then reads the byte after the NLPID to look for the fudge
  // byte: that read's cut dumps the whole frame.
  if (length < 2) {
    truncated(ctx, "chdlc");
    ctx.linkEnd = captured;
    return;
  }
  if (at + 2 > captured) return truncatedRead(ctx, "chdlc");
  const second = d[at + 1]!;
  if (second >= 0x81 && second <= 0x83) return;
  const nlpid = d[at]!;
  if (OSI_HANDED_ON.has(nlpid)) return;
  const out = ctx.out;
  if (ctx.link) out.ascii(`OSI NLPID ${NLPID_NAMES.get(nlpid) ?? "Unknown"} (0x${hex2(nlpid)}): `);
  if (nlpid !== 0 && !ctx.link) out.ascii(`OSI NLPID 0x${hex2(nlpid)} unknown`);
  out.ascii(`${ctx.link ? "" : ", "}length: ${length}`);
  if (nlpid !== 0 && length > 1) hexPrint(ctx, "\n\t", at, Math.min(end, at + length));
}
