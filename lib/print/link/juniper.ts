/**
 * Juniper pseudo-headers as tcpdump's juniper_parse_header() writes them, and Juniper
 * Ethernet as juniper_ether_if_print() does.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type JuniperEther, JuniperFlag, type JuniperHeader } from "../../link/juniper.ts";
import { invalid, truncatedRead } from "../_truncation.ts";
import { JUNIPER_ENCAPSULATIONS, JUNIPER_MEDIA_TYPES } from "./_juniper_names.ts";

/** The flags' names in the order tcpdump's `jnx_flag_values` lists them. */
const FLAG_NAMES: readonly (readonly [number, string])[] = [
  [JuniperFlag.EXTENSIONS, "Ext"],
  [JuniperFlag.FILTER, "Filter"],
  [JuniperFlag.IIF, "IIF"],
  [JuniperFlag.NO_L2, "no-L2"],
  [JuniperFlag.IN, "In"],
];

/** The extension TLV types' names (`jnx_ext_tlv_values`). */
const EXTENSION_NAMES: readonly string[] = [
  "Unknown",
  "Device Interface Index",
  "Device Interface Name",
  "Device Media Type",
  "Logical Interface Index",
  "Logical Unit Number",
  "Logical Interface Encapsulation",
  "TTP derived Device Media Type",
  "TTP derived Logical Interface Encapsulation",
];

/**
 * Prints a Juniper Ethernet pseudo-header, as tcpdump's juniper_ether_if_print(): the
 * pseudo-header ({@linkcode printJuniperHeader}), then with `-e` its length; the Ethernet
 * frame (or IP packet) prints after it.
 *
 * @param ctx The print context.
 * @param header The layer.
 */
export function printJuniperEther(ctx: PrintContext, header: JuniperEther): void {
  if (!printJuniperHeader(ctx, header, "juniper_ether")) return;
  if (ctx.link) ctx.out.ascii(`hlen ${header.headerLength}, proto 0x0000, `);
}

/**
 * Prints the pseudo-header that every Juniper link type starts with, as tcpdump's
 * juniper_parse_header() up to the PIC's cookie: with `-e` the direction, with `-vv` the
 * flags and the extension TLVs. A header without the magic number, cut short or with an
 * extension TLV longer than what is left ends the packet; with the no-L2 flag the IP
 * packet after it prints next (or `no IP-hdr found!` ends it).
 *
 * @param ctx The print context.
 * @param header The layer.
 * @param name tcpdump's name of the link type's printer, for the truncation mark.
 * @returns Whether what follows the pseudo-header is the link type's own (its cookie,
 * the frame), with `ctx.linkEnd` past the pseudo-header.
 */
export function printJuniperHeader(
  ctx: PrintContext,
  header: JuniperHeader,
  name: string,
): boolean {
  const out = ctx.out;
  const start = header.offset;
  // What tcpdump dumps with -x/-X: from the start while the header is not whole.
  ctx.linkEnd = start;
  const stop = () => (ctx.done = true, false);
  if (header.cut === "header") return truncatedRead(ctx, name), false;
  if (!header.magic) {
    out.ascii("no magic-number found!");
    return stop();
  }
  const flags = header.flags;
  if (ctx.link) out.ascii(flags & JuniperFlag.IN ? " In " : "Out ");
  const detail = ctx.verbose > 1;
  if (detail) {
    const names = FLAG_NAMES.filter(([bit]) => flags & bit).map(([, name]) => name);
    out.ascii(`\n\tJuniper PCAP Flags [${names.length > 0 ? names.join(", ") : "none"}]`);
  }
  if (flags & JuniperFlag.EXTENSIONS) {
    if (header.cut === "extension-length") return truncatedRead(ctx, name), false;
    if (detail) out.ascii(`, PCAP Extension(s) total length ${header.extensionLength}`);
    if (header.cut === "extensions") return truncatedRead(ctx, name), false;
    for (const extension of header.extensions()) {
      if (detail) printExtension(ctx, extension.type, extension.length, extension.value);
    }
    const overrun = header.overrun;
    if (overrun !== undefined) {
      // tcpdump's ND_LCHECK_U() names the variable it checks.
      out.ascii(` [extension_length ${overrun.left} < ${overrun.length + 2}]`);
      invalid(ctx);
      return stop();
    }
    if (detail) out.ascii("\n\t-----original packet-----\n\t");
  }
  if (flags & JuniperFlag.NO_L2) {
    if (ctx.link) out.ascii("no-L2-hdr, ");
    if (header.cut === "ip") return truncatedRead(ctx, name), false;
    ctx.linkEnd = start + header.headerLength;
    const first = header.data[start + header.headerLength]!;
    if (!((first >= 0x45 && first <= 0x4f) || (first >= 0x60 && first <= 0x6f))) {
      out.ascii("no IP-hdr found!");
      stop();
    }
    return false;
  }
  ctx.linkEnd = start + header.pseudoHeaderLength;
  return true;
}

/** Prints one extension TLV at `-vv`: its name, type, length and value. */
function printExtension(
  ctx: PrintContext,
  type: number,
  length: number,
  value: number | undefined,
): void {
  const out = ctx.out;
  out.ascii(
    `\n\t  ${EXTENSION_NAMES[type] ?? "Unknown"} Extension TLV #${type}, length ${length}, value `,
  );
  // tcpdump keeps the value in an int, where 0xffffffff is its "no value" (-1).
  if (value === undefined || value === 0xffffffff || type === 2) return;
  if (type === 3 || type === 7) {
    out.ascii(`${JUNIPER_MEDIA_TYPES.get(value) ?? "Unknown"} (${value})`);
  } else if (type === 6 || type === 8) {
    out.ascii(`${JUNIPER_ENCAPSULATIONS.get(value) ?? "Unknown"} (${value})`);
  } else out.uint(value);
}
