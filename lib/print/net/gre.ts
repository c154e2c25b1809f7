/**
 * GRE as tcpdump's gre_print() writes it: version 0 (RFC 2784, 2890) or 1 (PPTP).
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import type { Gre } from "../../net/gre.ts";
import { ETHERTYPE_NAMES } from "../_names.ts";

/**
 * Prints a GRE header.
 *
 * @param ctx The print context.
 * @param gre The layer.
 * @param next The layer after it.
 */
export function printGre(ctx: PrintContext, gre: Gre, next: Layer | undefined): void {
  const out = ctx.out;
  const verbose = ctx.verbose > 0;
  const length = ctx.network ? ctx.ipEnd - gre.offset : gre.end - gre.offset;
  const word = gre.flagsAndVersion;
  const protocol = gre.protocolType;
  out.ascii(gre.version === 1 ? "GREv1" : "GREv0");
  if (verbose) {
    const names: string[] = [];
    for (const [bit, name] of GRE_FLAG_NAMES) if ((word & bit) !== 0) names.push(name);
    out.ascii(", Flags [");
    out.ascii(names.length === 0 ? "none" : names.join(", "));
    out.byte(0x5d);
  }
  if (gre.version === 0) {
    if (gre.checksum !== undefined) {
      if (verbose) {
        out.ascii(", sum 0x");
        out.hex(gre.checksum);
      }
      out.ascii(", off 0x");
      out.hex(gre.routingOffset ?? 0);
    }
    if (gre.key !== undefined) {
      out.ascii(", key=0x");
      out.hex(gre.key);
    }
    if (gre.sequenceNumber !== undefined) {
      out.ascii(", seq ");
      out.uint(gre.sequenceNumber);
    }
  } else {
    if (gre.callId !== undefined) {
      out.ascii(", call ");
      out.uint(gre.callId);
    }
    if (gre.sequenceNumber !== undefined) {
      out.ascii(", seq ");
      out.uint(gre.sequenceNumber);
    }
    if (gre.acknowledgmentNumber !== undefined) {
      out.ascii(", ack ");
      out.uint(gre.acknowledgmentNumber);
    }
    if (gre.sequenceNumber === undefined) out.ascii(", no-payload");
  }
  if (ctx.link) {
    out.ascii(", proto ");
    out.ascii(ETHERTYPE_NAMES.get(protocol) ?? "unknown");
    out.ascii(" (0x");
    out.hex(protocol, 4);
    out.byte(0x29);
  }
  out.ascii(", length ");
  out.uint(length);
  ctx.tunnelLength = length - gre.headerLength;
  // IS-IS counts its length from what its link (here GRE) hands on.
  if (protocol === 0x00fe) ctx.frameLength = ctx.tunnelLength;
  if (gre.version === 1 && gre.sequenceNumber === undefined) {
    ctx.done = true;
    return;
  }
  out.ascii(verbose ? "\n\t" : ": ");
  // tcpdump goes on with the payloads it prints (of those wirekit decodes: IPv4, IPv6,
  // bridged Ethernet, MPLS and IS-IS in version 0, PPP in version 1); it names the protocol
  // of any other.
  const printed = gre.version === 0
    ? protocol === 0x0800 || protocol === 0x86dd || protocol === 0x6558 || protocol === 0x8847 ||
      protocol === 0x00fe
    : protocol === 0x880b;
  if (!printed || (next === undefined && ctx.error === undefined)) {
    if (protocol !== 0x880b || gre.version !== 1) {
      out.ascii("gre-proto-0x");
      out.hex(protocol);
    }
    ctx.done = true;
  }
}

/** The flag bits that tcpdump names in GRE's first word, in its order. */
const GRE_FLAG_NAMES: readonly (readonly [number, string])[] = [
  [0x8000, "checksum present"],
  [0x4000, "routing present"],
  [0x2000, "key present"],
  [0x1000, "sequence# present"],
  [0x0800, "source routing present"],
  [0x0080, "ack present"],
];
