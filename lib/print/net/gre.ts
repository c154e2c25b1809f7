/**
 * GRE as tcpdump's gre_print() writes it: version 0 (RFC 2784, 2890) or 1 (PPTP).
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import type { Gre } from "../../net/gre.ts";
import { ETHERTYPE_NAMES } from "../_names.ts";
import { truncated } from "../_truncation.ts";

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
    if (gre.routingPresent && !printRoutes(ctx, gre)) return truncated(ctx, "gre");
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
  const payloadAt = gre.offset + gre.headerLength;
  if (printed && next === undefined && gre.end <= payloadAt && length > gre.headerLength) {
    // None of the payload was captured: its printer's first read ends the packet.
    out.ascii(PAYLOAD_CUT.get(protocol)!);
    ctx.done = true;
    return;
  }
  if (!printed || (next === undefined && ctx.error === undefined)) {
    if (protocol !== 0x880b || gre.version !== 1) {
      out.ascii("gre-proto-0x");
      out.hex(protocol);
    }
    ctx.done = true;
  }
}

/**
 * The source route entries as tcpdump's gre_print_0() writes them: IP addresses and AS
 * numbers (the active one starred), other families by number. Returns `false` where
 * tcpdump's reads pass the capture.
 */
function printRoutes(ctx: PrintContext, gre: Gre): boolean {
  const out = ctx.out;
  for (const { family, sreOffset, sreLength, information } of gre.sourceRouteEntries) {
    let whole = true;
    if (family === SRE_IP || family === SRE_ASN) {
      out.ascii(family === SRE_IP ? ", (rtaf=ip" : ", (rtaf=asn");
      whole = printRoute(ctx, family === SRE_IP ? 4 : 2, sreOffset, sreLength, information);
      out.byte(0x29);
    } else {
      out.ascii(", (rtaf=0x");
      out.hex(family);
      out.byte(0x29);
    }
    if (!whole || information.length < sreLength) return false;
  }
  return !gre.routingCut;
}

/**
 * One entry's addresses (`size` 4) or AS numbers (2), or what is wrong with its offset or
 * length; `false` when the capture ends inside it.
 */
function printRoute(
  ctx: PrintContext,
  size: number,
  sreOffset: number,
  sreLength: number,
  information: Uint8Array,
): boolean {
  const out = ctx.out;
  if (sreOffset % size !== 0) out.ascii(`, badoffset=${sreOffset}`);
  else if (sreLength % size !== 0) out.ascii(`, badlength=${sreLength}`);
  else if (sreOffset >= sreLength) out.ascii(`, badoff/len=${sreOffset}/${sreLength}`);
  else {
    for (let at = 0; at < sreLength; at += size) {
      if (at + size > information.length) return false;
      out.ascii(at === sreOffset ? " *" : " ");
      if (size === 4) out.ipv4(information, at);
      else out.hex((information[at]! << 8) | information[at + 1]!);
    }
  }
  return true;
}

/** What the printer of each payload GRE hands on prints when none of it was captured. */
const PAYLOAD_CUT: ReadonlyMap<number, string> = new Map([
  [0x0800, " [|ip]"],
  [0x86dd, " [|ip6]"],
  [0x6558, " [|ether]"],
  [0x8847, "MPLS [|mpls]"],
  [0x00fe, " [|isoclns]"],
  [0x880b, " [|ppp]"],
]);

/** The address families of source route entries that tcpdump prints. */
const SRE_IP = 0x0800;
const SRE_ASN = 0xfffe;

/** The flag bits that tcpdump names in GRE's first word, in its order. */
const GRE_FLAG_NAMES: readonly (readonly [number, string])[] = [
  [0x8000, "checksum present"],
  [0x4000, "routing present"],
  [0x2000, "key present"],
  [0x1000, "sequence# present"],
  [0x0800, "source routing present"],
  [0x0080, "ack present"],
];
