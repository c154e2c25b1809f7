/**
 * Broadcom LI as tcpdump's bcm_li_print() writes it: the shim's fields on one line, then,
 * with `-v` only, the intercepted packet on the next (its own printers write it).
 *
 * @module
 */

import { invalid, truncated, truncatedRead } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import { BCM_LI_SHIM_LENGTH, type BcmLi, BcmLiPacketType } from "../../net/bcm_li.ts";

/** tcpdump's names of the directions (bcm_li_direction_values). */
const DIRECTIONS: readonly (string | undefined)[] = [undefined, "unused", "egress", "ingress"];

/** tcpdump's names of the packet types (bcm_li_pkt_type_values), from type 4. */
const PACKET_TYPES: readonly string[] = ["undecided", "ipv4", "ipv6", "ethernet"];

/** tcpdump's names of the packet subtypes (bcm_li_pkt_subtype_values). */
const SUBTYPES: readonly (string | undefined)[] = [
  undefined,
  "single VLAN tag",
  "double VLAN tag",
  "untagged",
];

/**
 * Prints a Broadcom LI shim.
 *
 * @param ctx The print context.
 * @param shim The layer.
 * @param next The layer after it.
 */
export function printBcmLi(ctx: PrintContext, shim: BcmLi, next: Layer | undefined): void {
  const out = ctx.out;
  const length = shim.wireLength;
  if (length < BCM_LI_SHIM_LENGTH) {
    out.ascii(` (length ${length} < ${BCM_LI_SHIM_LENGTH})`);
    invalid(ctx);
    ctx.done = true;
    return;
  }
  const start = shim.offset + BCM_LI_SHIM_LENGTH;
  // bcm_li_print() reads the shim with a bounds-checked read.
  if (shim.end < start) return truncatedRead(ctx, "bcm_li");
  const verbose = ctx.verbose > 0;
  const type = shim.packetType;
  out.ascii(verbose ? "\n    BCM-LI-SHIM: direction " : "BCM-LI-SHIM: direction ");
  out.ascii(DIRECTIONS[shim.direction] ?? "unknown");
  out.ascii(", pkt-type ");
  out.ascii(PACKET_TYPES[type - BcmLiPacketType.UNDECIDED] ?? "unknown");
  out.ascii(", pkt-subtype ");
  out.ascii(SUBTYPES[shim.packetSubtype] ?? "unknown");
  out.ascii(", li-id ");
  out.uint(shim.liId);
  const rest = length - BCM_LI_SHIM_LENGTH;
  if (!verbose) {
    // Without -v, only the payload's capture is checked (ND_TCHECK_LEN, which longjmps).
    if (shim.end - start < rest) truncatedRead(ctx, "bcm_li");
    ctx.done = true;
    return;
  }
  out.ascii("\n    ");
  // The inner printers get the payload's length from the UDP and IP length fields (a
  // frame's padding and a UDP length below the IP payload's shorten it), as tcpdump's do.
  ctx.tunnelLength = rest;
  ctx.originalLength = start - ctx.start + rest;
  // What tcpdump's snapend leaves: the outer IP packet's captured bytes.
  const available = shim.end - start;
  if (type === BcmLiPacketType.ETHERNET && rest < available) {
    // ether_print() finds more bytes captured than the length it was given.
    out.ascii(`[length ${rest} < caplen ${available}]`);
    invalid(ctx);
    ctx.done = true;
    return;
  }
  // ip_print() and ip6_print() call a captured header longer than the length they were
  // given truncated (and stop) before they print a field.
  if (next?.kind === "ipv4" && available >= 20 && rest < 20) {
    out.ascii(ctx.link ? "truncated-ip " : "IP truncated-ip ");
    out.uint(rest);
    ctx.done = true;
    return;
  }
  if (next?.kind === "ipv6" && available >= 40 && rest < 40) {
    out.ascii("truncated-ip6 ");
    out.uint(rest);
    ctx.done = true;
    return;
  }
  if (next !== undefined || (ctx.error !== undefined && ctx.error.offset === start)) return;
  ctx.done = true;
  switch (type) {
    case BcmLiPacketType.ETHERNET:
      // ether_print() finds fewer captured bytes than its header.
      truncated(ctx, "ether");
      return;
    case BcmLiPacketType.UNDECIDED:
      // The version nibble's byte is read with a bounds-checked read.
      if (shim.end <= start) truncatedRead(ctx, "bcm_li");
      else out.ascii("unknown payload");
      return;
    case BcmLiPacketType.IPV6:
      // ip6_print() checks its header's bytes first.
      truncated(ctx, "ip6");
      return;
    case BcmLiPacketType.IPV4:
      // ip_print() reads the version nibble without a bounds check, past the capture.
      return;
  }
  invalid(ctx);
}
