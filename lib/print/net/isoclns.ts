/**
 * The OSI frames of EtherType `0xfefe` as tcpdump's isoclns_print() writes them: CLNP,
 * ES-IS and IS-IS (and IPv4, IPv6) by their own printers, the null network layer's length,
 * an unknown protocol's identifier, length and bytes.
 *
 * @module
 */

import { hex2 } from "../../_hex.ts";
import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import type { Isoclns } from "../../net/isoclns.ts";
import { unknownData } from "../_hex.ts";
import { linkPayloadLength } from "../_shared.ts";
import { osiNlpid } from "./clnp.ts";

/**
 * Prints what isoclns_print() writes itself for an EtherType `0xfefe` frame.
 *
 * @param ctx The print context.
 * @param osi The layer.
 * @param next The PDU's layer, whose printer names the OSI protocols itself.
 */
export function printIsoclns(ctx: PrintContext, osi: Isoclns, next: Layer | undefined): void {
  const out = ctx.out;
  const nlpid = osi.nlpid;
  const osiProtocol = nlpid >= 0x81 && nlpid <= 0x83;
  // ether_print() hands isoclns_print() the length after the byte it skips.
  ctx.frameLength = linkPayloadLength(ctx, osi.offset) - 1;
  if (ctx.link && !osiProtocol) osiNlpid(ctx, nlpid);
  if (next !== undefined || osiProtocol) return;
  ctx.done = true;
  // The PDU starts at the identifier, after the byte ether_print() skips.
  const at = osi.offset + 1;
  const length = ctx.frameLength;
  const sep = ctx.link ? "" : ", ";
  // Q.933 and PPP have printers tcpdump hands them to; wirekit prints only their name.
  if (nlpid === 0x08 || nlpid === 0xcf || nlpid === 0xcc || nlpid === 0x8e) return;
  if (nlpid !== 0 && !ctx.link) out.ascii(`OSI NLPID 0x${hex2(nlpid)} unknown`);
  out.ascii(`${sep}length: ${length}`);
  if (nlpid !== 0 && length > 1) unknownData(ctx, at, length, "\n\t");
}
