/**
 * Juniper Ethernet pseudo-headers as tcpdump's juniper_ether_if_print() writes them.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type JuniperEther, JuniperFlag } from "../../link/juniper.ts";
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
 * Prints a Juniper pseudo-header: with `-e` the direction, with `-vv` the flags and the
 * extension TLVs, with `-e` the header's length; then the Ethernet frame (or IP packet)
 * prints after it. A header without the magic number, cut short or with an extension TLV
 * longer than what is left ends the packet, as tcpdump's juniper_parse_header() does.
 *
 * @param ctx The print context.
 * @param header The layer.
 */
export function printJuniperEther(ctx: PrintContext, header: JuniperEther): void {
  const out = ctx.out;
  const start = header.offset;
  // What tcpdump dumps with -x/-X: from the start while the header is not whole.
  ctx.linkEnd = start;
  const stop = () => (ctx.done = true, undefined);
  if (header.cut === "header") return truncatedRead(ctx, "juniper_ether");
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
    if (header.cut === "extension-length") return truncatedRead(ctx, "juniper_ether");
    if (detail) out.ascii(`, PCAP Extension(s) total length ${header.extensionLength}`);
    if (header.cut === "extensions") return truncatedRead(ctx, "juniper_ether");
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
    if (header.cut === "ip") return truncatedRead(ctx, "juniper_ether");
    ctx.linkEnd = start + header.headerLength;
    const first = header.data[start + header.headerLength]!;
    if (!((first >= 0x45 && first <= 0x4f) || (first >= 0x60 && first <= 0x6f))) {
      out.ascii("no IP-hdr found!");
      return stop();
    }
    return;
  }
  ctx.linkEnd = start + header.headerLength;
  if (ctx.link) out.ascii(`hlen ${header.headerLength}, proto 0x0000, `);
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
