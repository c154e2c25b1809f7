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
import { truncated, truncatedRead } from "../_truncation.ts";
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
  // ether_print() hands isoclns_print() the length after the byte it skips; handle_ppp()
  // the PPP payload's.
  const length = osi.leadingByte ? linkPayloadLength(ctx, osi.offset) - 1 : ctx.tunnelLength;
  ctx.frameLength = length;
  // q933_print() and ppp_print() go on with the length after the identifier.
  if (nlpid === 0x08) ctx.frameLength = length - 1;
  if (ctx.link && !osiProtocol) osiNlpid(ctx, nlpid);
  if (nlpid === 0xcf && !pppFits(ctx, osi, next, length - 1)) return;
  // An IP packet cut short is IP's to mark (ip_print() reads it).
  const ipCut = ctx.error !== undefined && (nlpid === 0xcc || nlpid === 0x8e);
  if (next !== undefined || osiProtocol || ipCut) return;
  ctx.done = true;
  // The PDU starts at the identifier, after the byte ether_print() skips.
  const at = osi.offset + (osi.leadingByte ? 1 : 0);
  const sep = ctx.link ? "" : ", ";
  // IPv4, IPv6, Q.933 and PPP go on to their printers (or the layer's truncation mark).
  if (nlpid === 0x08 || nlpid === 0xcf || nlpid === 0xcc || nlpid === 0x8e) return;
  if (nlpid !== 0 && !ctx.link) out.ascii(`OSI NLPID 0x${hex2(nlpid)} unknown`);
  out.ascii(`${sep}length: ${length}`);
  if (nlpid !== 0 && length > 1) unknownData(ctx, at, length, "\n\t");
}

/**
 * ppp_print()'s checks before the PPP header's printer: 2 bytes of length at least, and
 * again after the address and control bytes (a `goto trunc`), then its reads of the
 * header (they jump out where the capture ends). Prints the mark and returns false where
 * it stops, else leaves the PPP printer its length.
 */
function pppFits(
  ctx: PrintContext,
  osi: Isoclns,
  next: Layer | undefined,
  length: number,
): boolean {
  const ppp = next?.kind === "ppp" ? next : undefined;
  const rest = ppp?.address !== undefined ? length - 2 : length;
  ctx.tunnelLength = length;
  if (ppp !== undefined && rest >= 2) return true;
  ctx.done = true;
  ctx.error = undefined;
  if (length < 2 || rest < 2 || osi.offset + osi.headerLength + 2 <= ctx.end) {
    truncated(ctx, "ppp");
  } else truncatedRead(ctx, "ppp");
  return false;
}
