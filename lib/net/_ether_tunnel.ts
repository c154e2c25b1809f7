/**
 * The decoder of the Ethernet frame behind an 8-byte UDP tunnel header (VXLAN, OTV), and
 * the EtherType of the packet behind an NSH or VXLAN-GPE header, shared by those decoders
 * (private).
 *
 * @module
 */

import type { DecodeContext, Decoder, LayerBase } from "../layer.ts";
import { EtherType } from "../link/ethernet.ts";

/**
 * The decoder of the frame after `tunnel`'s 8-byte header: the EtherType table's
 * transparent bridging entry (`0x6558`), so the tunnel decodes to the frame inside it;
 * none when no byte follows the header.
 */
export function etherAfterHeader(tunnel: LayerBase, context: DecodeContext): Decoder | undefined {
  if (tunnel.end <= tunnel.offset + 8) return undefined;
  return context.tables.etherTypes.get(EtherType.TRANSPARENT_ETHERNET_BRIDGING);
}

/** The EtherTypes of the next protocols of NSH and VXLAN-GPE (IPv4, IPv6, Ethernet, NSH). */
const NEXT_PROTOCOL_ETHERTYPES = [
  -1,
  EtherType.IPV4,
  EtherType.IPV6,
  EtherType.TRANSPARENT_ETHERNET_BRIDGING,
  0x894f, // NSH's (nsh.ts's NSH_ETHERTYPE, which imports this module)
];

/**
 * The EtherType of an NSH or VXLAN-GPE next protocol (RFC 8300's and the draft's shared
 * numbers), whose decoder the EtherType table holds; -1 for the others.
 */
export function etherTypeOfNextProtocol(nextProtocol: number): number {
  return NEXT_PROTOCOL_ETHERTYPES[nextProtocol] ?? -1;
}
