/**
 * Marvell DSA and EDSA switch tags as tcpdump's dsa_if_print() and edsa_if_print() write
 * them.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Dsa, DsaMode, type DsaTagFields, type Edsa } from "../../link/dsa.ts";
import type { Layer } from "../../layer_map.ts";
import { ETHERTYPE_NAMES } from "../_names.ts";
import { printEthernetFrame } from "./ethernet.ts";

/** Mode names with `-e`, by mode. */
const MODES = ["To CPU", "From CPU", "To Sniffer", "Forward"];

/** To CPU codes; 6 and 7 are "reserved". */
const CODES = [
  "BPDU (MGMT) Trap",
  "Frame2Reg",
  "IGMP/MLD Trap",
  "Policy Trap",
  "ARP Mirror",
  "Policy Mirror",
];

/** Prints a DSA tag as tcpdump's tag_common_print() does, with its trailing ", ". */
function printTagFields(ctx: PrintContext, tag: DsaTagFields): void {
  const out = ctx.out;
  const mode = tag.mode;
  if (ctx.link) {
    out.ascii("mode ");
    out.ascii(MODES[mode]!);
    out.ascii(", ");
    if (mode === DsaMode.FORWARD) {
      out.ascii(`dev ${tag.device}, ${tag.trunk ? "trunk" : "port"} ${tag.port}, `);
    } else {
      out.ascii(mode === DsaMode.FROM_CPU ? "target dev " : "source dev ");
      out.ascii(`${tag.device}, port ${tag.port}, `);
      if (mode === DsaMode.TO_CPU) out.ascii(`code ${CODES[tag.code] ?? "reserved"}, `);
      // Bit 18 is the Rx sniff flag in To Sniffer mode.
      else if (mode === DsaMode.TO_SNIFFER) {
        out.ascii(tag.trunk ? "ingress sniff, " : "egress sniff, ");
      }
    }
    out.ascii(tag.tagged ? "tagged, " : "untagged, ");
    if (tag.cfi) out.ascii("CFI, ");
    out.ascii(`VID ${tag.vlanId}, FPri ${tag.priority}, `);
    return;
  }
  const place = `${tag.device}.${tag.port}`;
  if (mode === DsaMode.FORWARD) out.ascii(`Forward ${tag.trunk ? "trunk" : "port"} ${place}, `);
  else if (mode === DsaMode.FROM_CPU) out.ascii(`CPU > port ${place}, `);
  else if (mode === DsaMode.TO_CPU) out.ascii(`port ${place} > CPU, `);
  else out.ascii(`port ${place} > ${tag.trunk ? "Rx" : "Tx"} Sniffer, `);
  out.ascii(`VLAN ${tag.vlanId}${tag.tagged ? "t" : "u"}, `);
}

/**
 * Prints an Ethernet header with a Marvell DSA tag: the tag always, the rest as
 * Ethernet's.
 *
 * @param ctx The print context.
 * @param frame The layer.
 * @param next The payload's layer, if it decoded.
 */
export function printDsa(ctx: PrintContext, frame: Dsa, next?: Layer | undefined): void {
  printEthernetFrame(ctx, frame, next, (c) => {
    c.out.ascii(c.link ? "Marvell DSA " : "DSA ");
    printTagFields(c, frame.tag);
  });
}

/**
 * Prints an Ethernet header with a Marvell EDSA tag: the tag always, the rest as
 * Ethernet's.
 *
 * @param ctx The print context.
 * @param frame The layer.
 * @param next The payload's layer, if it decoded.
 */
export function printEdsa(ctx: PrintContext, frame: Edsa, next?: Layer | undefined): void {
  printEthernetFrame(ctx, frame, next, (c) => {
    const out = c.out;
    const type = frame.edsaEtherType;
    if (c.link) {
      out.ascii("Marvell EDSA ethertype 0x");
      out.hex(type, 4);
      out.ascii(` (${ETHERTYPE_NAMES.get(type) ?? "Unknown"}), `);
      out.ascii(`rsvd ${frame.reserved1} ${frame.reserved2}, `);
    } else {
      out.ascii("EDSA 0x");
      out.hex(type, 4);
      out.ascii(", ");
    }
    printTagFields(c, frame.tag);
  });
}
