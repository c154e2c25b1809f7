/**
 * The decoder of the Ethernet frame behind an 8-byte UDP tunnel header (VXLAN, OTV), shared
 * by those decoders (private).
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
