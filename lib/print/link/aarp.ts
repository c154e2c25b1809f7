/**
 * AppleTalk ARP (EtherType `0x80f3`) as tcpdump's aarp_print() writes it: `aarp`, then for
 * an Ethernet/AppleTalk packet its request, response or probe, else its lengths and types.
 * A packet not captured whole prints ` [|aarp]` (a test, not a read: the dump goes on); one
 * shorter than 28 bytes on the wire ` [|aarp N]`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Aarp, AARP_LENGTH, type AppleTalkAddress } from "../../link/aarp.ts";
import { formatMac } from "../../address.ts";
import { truncated } from "../_truncation.ts";
import { linkPayloadLength } from "../_shared.ts";

/** AARP's protocol type for AppleTalk (DDP's EtherType). */
const ETHERTYPE_ATALK = 0x809b;

/**
 * tcpdump's ataddr_string() with `-n`: `net.node`, or the network alone for node 255 (also
 * DDP's printer's).
 *
 * @param net The network.
 * @param node The node.
 * @returns The address.
 */
export function appleTalkAddress(net: number, node: number): string {
  return node === 255 ? `${net}` : `${net}.${node}`;
}

/** An AARP address as {@linkcode appleTalkAddress} writes it. */
function appleTalk({ net, node }: AppleTalkAddress): string {
  return appleTalkAddress(net, node);
}

/**
 * Prints an AARP packet.
 *
 * @param ctx The print context.
 * @param aarp The layer.
 */
export function printAarp(ctx: PrintContext, aarp: Aarp): void {
  ctx.done = true;
  const out = ctx.out;
  out.ascii("aarp ");
  if (aarp.partial) return truncated(ctx, "aarp");
  const length = linkPayloadLength(ctx, aarp.offset);
  if (length < AARP_LENGTH) {
    out.ascii(` [|aarp ${length}]`);
    return;
  }
  const operation = aarp.operation;
  if (
    aarp.hardwareType === 1 && aarp.protocolType === ETHERTYPE_ATALK &&
    aarp.hardwareLength === 6 && aarp.protocolLength === 4 && operation >= 1 && operation <= 3
  ) {
    const sender = appleTalk(aarp.senderProtocolAddress);
    const target = appleTalk(aarp.targetProtocolAddress);
    if (operation === 2) {
      out.ascii(`reply ${sender} is-at ${formatMac(ctx.data, aarp.senderHardwareAt)}`);
    } else out.ascii(`${operation === 1 ? "who-has" : "probe"} ${target} tell ${sender}`);
    return;
  }
  const type = aarp.protocolType;
  out.ascii(
    `len ${length} op ${operation} htype ${aarp.hardwareType} ptype ${
      type === 0 ? "0" : `0x${type.toString(16)}`
    } halen ${aarp.hardwareLength} palen ${aarp.protocolLength}`,
  );
}
