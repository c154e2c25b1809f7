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
  if (first) ctx.linkEnd = chdlc.offset + chdlc.headerLength;
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
      // IS-IS goes on; other OSI payloads (CLNP, ES-IS) are not decoded.
      if (next === undefined && ctx.error === undefined) ctx.done = true;
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
