/**
 * The Juniper link types besides Ethernet as tcpdump's print-juniper.c writes them: the
 * pseudo-header (`juniper.ts`), the PIC's cookie and headers with `-e`, then the frame,
 * which its own printer prints.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { LinkType } from "../../link_type.ts";
import type { JuniperPic } from "../../link/juniper_pic.ts";
import { invalid, truncatedRead } from "../_truncation.ts";
import type { Layer } from "../../layer_map.ts";
import { printJuniperHeader } from "./juniper.ts";

/** tcpdump's name of each link type's printer (`ndo_protocol`), for truncation marks. */
const NAMES: ReadonlyMap<number, string> = new Map([
  [LinkType.JUNIPER_ES, "juniper_es"],
  [LinkType.JUNIPER_ATM1, "juniper_atm1"],
  [LinkType.JUNIPER_ATM2, "juniper_atm2"],
  [LinkType.JUNIPER_PPP, "juniper_ppp"],
  [LinkType.JUNIPER_CHDLC, "juniper_chdlc"],
  [LinkType.JUNIPER_FRELAY, "juniper_frelay"],
  [LinkType.JUNIPER_PPPOE, "juniper_pppoe"],
  [LinkType.JUNIPER_PPPOE_ATM, "juniper_pppoe_atm"],
  [LinkType.JUNIPER_MLPPP, "juniper_mlppp"],
  [LinkType.JUNIPER_MLFR, "juniper_mlfr"],
  [LinkType.JUNIPER_MFR, "juniper_mfr"],
  [LinkType.JUNIPER_GGSN, "juniper_ggsn"],
  [LinkType.JUNIPER_SERVICES, "juniper_services"],
  [LinkType.JUNIPER_MONITOR, "juniper_monitor"],
]);

/** The ES PIC's IPsec header types (`juniper_ipsec_type_values`). */
const ES_TYPES = ["", "ESP ENCR-AUTH", "ESP ENCR-AH AUTH", "ESP AUTH", "AH AUTH", "ESP ENCR"];

/** The GGSN PIC's protocols (`juniper_protocol_values`). */
const GGSN_PROTOCOLS: ReadonlyMap<number, string> = new Map([[1, "Null"], [2, "IPv4"], [
  6,
  "IPv6",
]]);

/**
 * Prints a Juniper link type's headers, as juniper_parse_header() and the link type's
 * printer do: the pseudo-header, with `-e` the PIC, its cookie, the header's length and
 * the 2 bytes after the cookie, the ES, Services, Monitor or GGSN PIC's fields; then the
 * frame prints after it (`-x` dumps it from the end of the Juniper headers, as tcpdump
 * counts only them).
 *
 * @param ctx The print context.
 * @param layer The layer.
 * @param next The layer after it.
 */
export function printJuniperPic(
  ctx: PrintContext,
  layer: JuniperPic,
  next: Layer | undefined,
): void {
  const name = NAMES.get(layer.linkType) ?? "juniper";
  if (!printJuniperHeader(ctx, layer, name)) return;
  if (!printCookie(ctx, layer, name)) return;
  const out = ctx.out;
  if (layer.picCut === "control-word") return truncatedRead(ctx, name);
  if (ctx.link) {
    if (layer.controlWord !== undefined) {
      out.ascii(`control-word 0x${layer.controlWord.toString(16).padStart(8, "0")} `);
    }
    out.ascii(
      `hlen ${layer.linkHeaderLength}, proto 0x${layer.proto.toString(16).padStart(4, "0")}, `,
    );
  }
  const start = layer.offset;
  ctx.linkEnd = start + layer.linkHeaderLength;
  // The frame's printers take the link printer's length (tcpdump's l2info.length) and
  // count their own headers as the frame's, not the link's.
  ctx.fixedLinkEnd = ctx.linkEnd;
  const length = ctx.originalLength - layer.lengthDeducted -
    (layer.frameAt - start - layer.linkHeaderLength);
  ctx.tunnelLength = length;
  ctx.frameLength = length;
  ctx.handedAt = layer.frameAt;
  if (layer.frame === "ip" || layer.frame === "ip6" || layer.frame === "ip-guess") {
    ctx.innerIpLength = length;
  }
  if (layer.picCut === "pic-header" || layer.picCut === "frame") return truncatedRead(ctx, name);
  printPicFields(ctx, layer, length);
  if (next !== undefined || ctx.error !== undefined) return;
  // tcpdump prints nothing of a frame that no guess (IP, PPP) took.
  if (layer.frame === "none" || layer.frame === "ip-guess") ctx.done = true;
  if (layer.frame === "ethertype") {
    // ethertype_print() knows no printer for it.
    const d = layer.data;
    const type = d[layer.frameAt - 2]! << 8 | d[layer.frameAt - 1]!;
    out.ascii(`unknown ethertype 0x${type.toString(16).padStart(4, "0")}`);
    ctx.done = true;
  }
}

/**
 * Prints the PIC and its cookie with `-e`; returns whether the rest of the headers was
 * captured and valid.
 */
function printCookie(ctx: PrintContext, layer: JuniperPic, name: string): boolean {
  if (layer.pic === undefined) return true;
  const out = ctx.out;
  if (layer.picCut === "cookie-id") return truncatedRead(ctx, name), false;
  if (ctx.link) out.ascii(`${layer.pic}-PIC, cookie-len ${layer.cookieLength}`);
  if (layer.cookieInvalid) {
    invalid(ctx);
    // tcpdump counted the cookie into the link header before it checked its length.
    ctx.linkEnd = Math.min(layer.cookieAt + layer.cookieLength, ctx.end);
    ctx.done = true;
    return false;
  }
  if (layer.picCut === "cookie") return truncatedRead(ctx, name), false;
  if (ctx.link) {
    if (layer.cookieLength > 0) {
      out.ascii(", cookie 0x");
      for (let i = 0; i < layer.cookieLength; i++) out.hex(layer.cookie(i), 2);
    }
    out.ascii(": ");
  }
  if (layer.picCut === "proto") return truncatedRead(ctx, name), false;
  return true;
}

/** Prints what the ES, Monitor, Services, GGSN and MLPPP printers print before the frame. */
function printPicFields(ctx: PrintContext, layer: JuniperPic, length: number): void {
  const out = ctx.out;
  const d = layer.data;
  const p = layer.offset + layer.linkHeaderLength;
  switch (layer.linkType) {
    case LinkType.JUNIPER_ES: {
      const type = layer.esType;
      const index = d[p]! << 8 | d[p + 1]!;
      if (type < 1 || type > 5) {
        out.ascii(`ES Invalid type ${type}, length ${length}`);
        ctx.done = true;
        return;
      }
      if (!ctx.link) return;
      out.ascii(`ES SA, index ${index}, ttl ${d[p + 2]} type ${ES_TYPES[type]} (${type}), `);
      if (type >= 3) {
        const spi = (d[p + 4]! << 24 | d[p + 5]! << 16 | d[p + 6]! << 8 | d[p + 7]!) >>> 0;
        out.ascii(`spi ${spi}, Tunnel `);
        out.ipv4(d, p + 8);
        out.ascii(" > ");
        out.ipv4(d, p + 12);
        out.ascii(", ");
      }
      out.ascii(`length ${length}\n`);
      return;
    }
    case LinkType.JUNIPER_MONITOR:
      if (!ctx.link) return;
      out.ascii(
        `service-id ${(d[p + 4]! << 24 | d[p + 5]! << 16 | d[p + 6]! << 8 | d[p + 7]!) >>> 0}`,
      );
      out.ascii(`, iif ${d[p + 2]! << 8 | d[p + 3]!}, pkt-type ${d[p]}: `);
      return;
    case LinkType.JUNIPER_SERVICES:
      if (!ctx.link) return;
      out.ascii(`service-id ${d[p]} flags 0x${d[p + 1]!.toString(16).padStart(2, "0")}`);
      out.ascii(` service-set-id 0x${(d[p + 2]! << 8 | d[p + 3]!).toString(16).padStart(4, "0")}`);
      out.ascii(` iif ${d[p + 5]! << 16 | d[p + 6]! << 8 | d[p + 7]!}: `);
      return;
    case LinkType.JUNIPER_GGSN: {
      const protocol = layer.cookie(2);
      if (ctx.link) {
        const vlan = layer.cookie(4) << 8 | layer.cookie(5);
        out.ascii(
          `proto ${GGSN_PROTOCOLS.get(protocol) ?? "Unknown"} (${protocol}), vlan ${vlan}: `,
        );
      } else if (layer.frame === "none") out.ascii(`unknown GGSN proto (${protocol})`);
      if (layer.frame === "none") ctx.done = true;
      return;
    }
    case LinkType.JUNIPER_MLFR:
    case LinkType.JUNIPER_MFR: {
      // An MFR child link's fragment and an AS cookie's protocols print without a bundle.
      const mfr = layer.linkType === LinkType.JUNIPER_MFR;
      const c = layer.cookie(0) << 24 | layer.cookie(1) << 16 | layer.cookie(2) << 8 |
        layer.cookie(3);
      const named = !mfr || (layer.cookieLength !== 0 && layer.cookieLength !== 8);
      if (ctx.link && named && c !== 1) out.ascii(`Bundle-ID ${layer.bundle}, `);
      if (layer.frame === "unknown") {
        out.ascii(
          `unknown protocol 0x${layer.proto.toString(16).padStart(4, "0")}, length ${length}`,
        );
        ctx.done = true;
      }
      return;
    }
    case LinkType.JUNIPER_MLPPP: {
      // A cookie that looks like a PPP protocol was captured on a child link: no bundle.
      const cookie = layer.cookie(0) << 8 | layer.cookie(1);
      if (ctx.link && cookie !== 0x0023 && cookie !== 0xff03) {
        out.ascii(`Bundle-ID ${layer.bundle}: `);
      }
      return;
    }
  }
}
