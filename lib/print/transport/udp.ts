/**
 * UDP as tcpdump's udp_print() writes it: ports, checksum at `-v`/`-vv`, then the
 * application (DNS, DHCP, NTP) or the length.
 *
 * @module
 */

import { printEmptyPayload } from "./_empty_payload.ts";
import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import type { Udp } from "../../transport/udp.ts";
import { expectedChecksum, ports, transportSum } from "../_shared.ts";

/** The layer that wirekit decodes after UDP but tcpdump 4.99 prints as plain UDP (GTP-U). */
const PRINTED_AS_UDP = "gtp";

/**
 * Prints a UDP header.
 *
 * @param ctx The print context.
 * @param udp The layer.
 * @param next The layer after it.
 */
export function printUdp(ctx: PrintContext, udp: Udp, next: Layer | undefined): void {
  const out = ctx.out;
  ctx.done = true;
  const available = ctx.network ? ctx.ipEnd - udp.offset : udp.end - udp.offset;
  // A length field of 0 stands for the IP payload's length only in an IPv6 jumbogram.
  const badLength = udp.length === 0 && available <= 65535;
  // tcpdump's -T: the type's printer alone, with no checksum, -q or length of UDP's own;
  // nothing at all for a type that UDP does not carry.
  const forced = ctx.packetType !== undefined && !badLength;
  if (forced && ctx.packetType!.udp === undefined) return;
  ports(ctx, udp.sourcePort, udp.destinationPort);
  if (badLength) {
    out.ascii("truncated-udplength 0");
    return;
  }
  const length = udp.length === 0 ? available : udp.length;
  // tcpdump checks IPv4 UDP checksums from -vv on, IPv6 ones (mandatory) from -v.
  // It prints NFS before it checks (and then does not).
  const check = !forced && (ctx.ipVersion === 4 ? ctx.verbose > 1 : ctx.verbose > 0) &&
    !(next?.kind === "nfs" && next.nfsMessage);
  if (check && ctx.network && !ctx.fragment && ctx.ipVersion === 4 && udp.checksum === 0) {
    out.ascii("[no cksum] ");
  } else if (check && ctx.network && !ctx.fragment) {
    // udp_print() sums the shorter of its length field and the IP payload.
    const sum = transportSum(ctx, udp.offset, 17, udp.offset + Math.min(length, available));
    if (sum === 0) out.ascii("[udp sum ok] ");
    else if (sum > 0) {
      out.ascii("[bad udp cksum 0x");
      out.hex(udp.checksum, 4);
      out.ascii(" -> 0x");
      out.hex(expectedChecksum(udp.checksum, sum), 4);
      out.ascii("!] ");
    }
  }
  if (ctx.quiet && !forced) return udpLength(ctx, length, available);
  if (next !== undefined && next.kind !== PRINTED_AS_UDP) {
    // An application layer decoded, or its decoder kept what a cut message holds (see
    // DecodeError.partial): its printer goes on.
    ctx.done = false;
    return;
  }
  const error = ctx.error;
  if (
    error !== undefined && error.offset === udp.offset + 8 && error.layer === "geneve" &&
    error.code === "malformed"
  ) {
    // geneve_print() names a version it does not know, and stops.
    out.ascii(`Geneve ERROR: unknown-version ${error.received}`);
    ctx.error = undefined;
    return;
  }
  // udp_print() hands a payload it has none of to the port's printer all the same, with
  // the shorter of the two lengths; the printer may read on to the end of the IP payload.
  const payloadAt = udp.offset + 8;
  const cut = error !== undefined && error.offset === payloadAt && error.code === "truncated";
  const readable = (ctx.networkLayer?.end ?? udp.end) - payloadAt;
  if (
    (cut || udp.end === payloadAt) &&
    printEmptyPayload(
      ctx,
      false,
      udp.sourcePort,
      udp.destinationPort,
      Math.min(length, available) - 8,
      readable,
    )
  ) {
    ctx.error = undefined;
    return;
  }
  if (!forced) udpLength(ctx, length, available);
}

/**
 * The end of a UDP line that names no application: the payload's length, or a length field
 * beyond the IP payload (in a whole datagram) as a bad length.
 */
function udpLength(ctx: PrintContext, length: number, available: number): void {
  const out = ctx.out;
  if (length > available && !ctx.fragment) {
    out.ascii("UDP, bad length ");
    out.uint(length - 8);
    out.ascii(" > ");
    out.uint(available - 8);
    return;
  }
  out.ascii("UDP, length ");
  out.uint(length - 8);
}
