/**
 * MACsec (IEEE 802.1AE) as tcpdump's macsec_print() and ether_common_print() write it: with
 * `-e` the SecTAG's fields after the EtherType, then the inner EtherType; an encrypted
 * frame's fields (with the addresses without `-e`) and its bytes in hex; a tag cut short
 * `[|macsec]`, an invalid one `(invalid)`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Macsec, MACSEC_ICV_LENGTH, MacsecTci } from "../../link/macsec.ts";
import type { Layer } from "../../layer_map.ts";
import { hexAndAsciiPrint } from "../_hex.ts";
import { ETHERTYPE_ARISTA } from "../../link/arista.ts";
import { frameEtherType } from "../_shared.ts";
import { invalid, truncated, truncatedRead } from "../_truncation.ts";

/** The TCI flags in tcpdump's order, printed without separators. */
const FLAGS = [
  [MacsecTci.ENCRYPTED, "E"],
  [MacsecTci.CHANGED, "C"],
  [MacsecTci.END_STATION, "S"],
  [MacsecTci.SINGLE_COPY_BROADCAST, "B"],
  [MacsecTci.SCI_PRESENT, "I"],
] as const;

/** The SecTAG's fields: `an 0, pn 68, flags I, sl 34, sci 2eb73f3995c30001, `. */
function printHeader(ctx: PrintContext, macsec: Macsec): void {
  const out = ctx.out;
  out.ascii("an ");
  out.uint(macsec.associationNumber);
  out.ascii(", pn ");
  out.uint(macsec.packetNumber);
  out.ascii(", flags ");
  let any = false;
  for (const [bit, name] of FLAGS) {
    if ((macsec.tciAn & bit) === 0) continue;
    out.ascii(name);
    any = true;
  }
  if (!any) out.ascii("none");
  if (macsec.shortLength !== 0) {
    out.ascii(", sl ");
    out.uint(macsec.shortLength);
  }
  const sci = macsec.sci;
  if (sci !== undefined) out.ascii(`, sci ${sci.toString(16).padStart(16, "0")}`);
  out.ascii(", ");
}

/**
 * Prints a MACsec SecTAG (after the Ethernet printer's `ethertype 802.1AE MACsec (0x88e5),
 * length N: ` with `-e`).
 *
 * @param ctx The print context.
 * @param macsec The layer.
 * @param next The layer after it.
 */
export function printMacsec(ctx: PrintContext, macsec: Macsec, next: Layer | undefined): void {
  const out = ctx.out;
  const outer = !ctx.network;
  const problem = macsec.problem;
  if (problem === "truncated" && macsec.headerLength < macsec.sectagLength) {
    // The SecTAG itself was cut: tcpdump counts every captured byte as link header.
    if (outer) ctx.linkEnd = ctx.end;
    truncated(ctx, "macsec");
    return;
  }
  if (problem === "invalid") {
    if (outer) ctx.linkEnd = ctx.end;
    invalid(ctx);
    ctx.done = true;
    return;
  }
  if (ctx.link) printHeader(ctx, macsec);
  const sectagEnd = macsec.offset + macsec.sectagLength;
  if (macsec.encrypted) {
    if (outer) ctx.linkEnd = sectagEnd;
    if (!ctx.link) {
      if (ctx.macAt >= 0) {
        out.mac(ctx.data, ctx.macAt + 6);
        out.ascii(" > ");
        out.mac(ctx.data, ctx.macAt);
        out.ascii(" ");
      }
      out.ascii("802.1AE MACsec, ");
      printHeader(ctx, macsec);
    }
    ctx.done = true;
    if (ctx.defaultPrint) hexAndAsciiPrint(ctx, sectagEnd, ctx.end);
    return;
  }
  if (problem !== undefined) {
    // The ICV or the short length's data was not captured, or no room for the EtherType.
    // tcpdump's read of the EtherType before the ICV fails: its longjmp ends the packet.
    if (problem === "no-ethertype") return truncatedRead(ctx, "ether");
    if (outer) ctx.linkEnd = problem === "short-data" ? sectagEnd : ctx.end;
    if (problem === "truncated") return truncated(ctx, "macsec");
    // A short length of 1: tcpdump's ND_LCHECK_U() on the EtherType.
    out.ascii(` [caplen ${macsec.shortLength} < 2]`);
    ctx.done = true;
    return;
  }
  if (outer) ctx.linkEnd = macsec.offset + macsec.headerLength;
  // The ICV is beyond what the payload's printers may read, as tcpdump's snapend.
  ctx.end = macsec.end;
  if (outer && ctx.frameLength >= 0) {
    const secure = macsec.shortLength !== 0
      ? macsec.shortLength
      : ctx.frameLength - macsec.sectagLength - MACSEC_ICV_LENGTH;
    const remaining = secure - 2;
    ctx.frameLength = macsec.length !== undefined && macsec.length < remaining
      ? macsec.length
      : remaining;
    // The payload's length on the wire is the secure data's (tcpdump's length less the
    // SecTAG and the ICV): the IP printers compare theirs with it. (An undecoded frame's
    // header still shows the frame's own length.)
    if (next?.kind === "ipv4" || next?.kind === "ipv6") {
      ctx.originalLength = macsec.offset + macsec.headerLength - ctx.start + ctx.frameLength;
    }
  }
  if (!ctx.link) return;
  // After the SecTAG, tcpdump prints the inner type without a length, as after a VLAN tag.
  if (macsec.etherType === undefined) out.ascii("802.3");
  else if (macsec.etherType === ETHERTYPE_ARISTA) return; // printArista() prints it.
  else {
    frameEtherType(ctx, macsec.etherType);
    out.ascii(", ");
  }
}
