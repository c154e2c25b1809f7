/**
 * IPX as tcpdump's ipx_print() writes it (its numeric form, `-n`): the addresses and
 * sockets, then a summary by destination socket (`ipx-sap-resp`, `ipx-rip-req`,
 * `ipx-netbios 44`, `ipx-#550 44`).
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Ipx, IPX_HEADER_LENGTH, IpxSocket } from "../../net/ipx.ts";
import { invalid, readCut, truncatedRead } from "../_truncation.ts";
import { printCharsUntilNul } from "../_chars.ts";

/**
 * Prints an IPX datagram.
 *
 * @param ctx The print context.
 * @param ipx The layer.
 */
export function printIpx(ctx: PrintContext, ipx: Ipx): void {
  const out = ctx.out;
  ctx.done = true;
  if (!ctx.ipxFramed) out.ascii("(NOV-ETHII) ");
  if (!ctx.link) out.ascii("IPX ");
  address(ctx, ipx.sourceNetwork, ipx.sourceNodeOffset);
  out.byte(0x2e);
  out.hex(ipx.sourceSocket, 4);
  out.ascii(" > ");
  address(ctx, ipx.destinationNetwork, ipx.destinationNodeOffset);
  out.byte(0x2e);
  out.hex(ipx.destinationSocket, 4);
  out.ascii(": ");
  if (ipx.length < IPX_HEADER_LENGTH) {
    out.ascii(`[length ${ipx.length} < ${IPX_HEADER_LENGTH}]`);
    invalid(ctx);
    return;
  }
  const length = ipx.length - IPX_HEADER_LENGTH;
  switch (ipx.destinationSocket) {
    case IpxSocket.NCP:
      out.ascii(`ipx-ncp ${length}`);
      return;
    case IpxSocket.SAP:
      sap(ctx, ipx);
      return;
    case IpxSocket.RIP:
      rip(ctx, ipx);
      return;
    case IpxSocket.NETBIOS:
      out.ascii(`ipx-netbios ${length}`);
      return;
    case IpxSocket.DIAGNOSTICS:
      out.ascii(`ipx-diags ${length}`);
      return;
    case IpxSocket.NWLINK_DGM:
      out.ascii(`ipx-nwlink-dgm ${length}`);
      return;
    case IpxSocket.EIGRP:
      // tcpdump hands these to its EIGRP printer, which wirekit does not have.
      out.ascii(`ipx-#${ipx.destinationSocket.toString(16)} ${length}`);
      return;
    default:
      out.ascii(`ipx-#${ipx.destinationSocket.toString(16)} ${length}`);
  }
}

/** An IPX address, `network.node`, as ipxaddr_string() writes it. */
function address(ctx: PrintContext, network: number, nodeAt: number): void {
  const out = ctx.out;
  out.hex(network, 8);
  out.byte(0x2e);
  out.mac(ctx.data, nodeAt);
}

/** Whether the SAP or RIP operation was captured and fits the IPX length (else says why not). */
function operationFits(ctx: PrintContext, ipx: Ipx, op: number): boolean {
  if (op < 0) {
    return readCut(ctx, "ipx");
  }
  if (ipx.length - IPX_HEADER_LENGTH < 2) {
    // The length cannot hold the operation.
    invalid(ctx);
    return false;
  }
  return true;
}

/** Why a SAP or RIP entry list stopped early: ` [|ipx]` or ` (invalid)`. */
function stopped(ctx: PrintContext, stop: "truncated" | "invalid" | undefined): void {
  if (stop === "truncated") truncatedRead(ctx, "ipx");
  else if (stop === "invalid") invalid(ctx);
}

function sap(ctx: PrintContext, ipx: Ipx): void {
  const out = ctx.out;
  const message = ipx.sap()!;
  const op = message.operation;
  if (!operationFits(ctx, ipx, op)) return;
  switch (op) {
    case 1:
    case 3:
      out.ascii(op === 1 ? "ipx-sap-req" : "ipx-sap-nearest-req");
      if (message.serverType === undefined) {
        truncatedRead(ctx, "ipx");
        return;
      }
      out.byte(0x20);
      out.hex(message.serverType, 4);
      return;
    case 2:
    case 4:
      break;
    default:
      out.ascii(`ipx-sap-?${op.toString(16)}`);
      return;
  }
  out.ascii(op === 2 ? "ipx-sap-resp" : "ipx-sap-nearest-resp");
  const d = ctx.data;
  for (const server of message.servers) {
    out.byte(0x20);
    out.hex(server.serverType, 4);
    out.ascii(" '");
    if (server.nameOffset < 0) {
      out.byte(0x27);
      break;
    }
    if (printCharsUntilNul(out, d, server.nameOffset, 48, ipx.captureEnd)) {
      truncatedRead(ctx, "ipx");
      return;
    }
    out.byte(0x27);
    if (server.addressOffset < 0) break;
    out.ascii(" addr ");
    const at = server.addressOffset;
    address(
      ctx,
      ((d[at]! << 24) | (d[at + 1]! << 16) | (d[at + 2]! << 8) | d[at + 3]!) >>> 0,
      at + 4,
    );
  }
  stopped(ctx, message.stop);
}

function rip(ctx: PrintContext, ipx: Ipx): void {
  const out = ctx.out;
  const message = ipx.rip()!;
  const op = message.operation;
  if (!operationFits(ctx, ipx, op)) return;
  if (op === 1) out.ascii("ipx-rip-req");
  else if (op === 2) out.ascii("ipx-rip-resp");
  else {
    out.ascii(`ipx-rip-?${op.toString(16)}`);
    return;
  }
  for (const route of message.routes) {
    out.byte(0x20);
    out.hex(route.network, 8);
    out.ascii(`/${route.hops}.${route.ticks}`);
  }
  stopped(ctx, message.stop);
}
