/**
 * IPv6 extension headers as tcpdump prints them: hop-by-hop and destination options
 * (`HBH`, `DSTOPT`, with `-v` their options), routing (`RT6`) and fragment (`frag`).
 *
 * @module
 */

import { hex2 } from "../../_hex.ts";
import { invalid, ipv6BytesMissing, truncated, truncatedRead } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import { ipCarriedFrame, knownIpProtocol, protocolFallback } from "../_shared.ts";
import {
  type Ipv6Destination,
  type Ipv6Fragment,
  type Ipv6HopByHop,
  Ipv6OptionType,
  type Ipv6Routing,
  Ipv6RoutingType,
} from "../../net/ipv6_extensions.ts";

/**
 * A hop-by-hop or destination options header as tcpdump's ip6_opt_process() writes it:
 * the options with `-v` (messages about malformed ones always), then `[|hbhopt]` or
 * `[|dstopt]` and the end of the packet when an option is malformed.
 */
function optionsHeader(
  ctx: PrintContext,
  layer: Ipv6HopByHop | Ipv6Destination,
  name: string,
  hopByHop: boolean,
): number | undefined {
  const out = ctx.out;
  out.ascii(name);
  out.byte(0x20);
  // tcpdump walks hop-by-hop options always (for a jumbo payload option), destination
  // options only with -v.
  if (!hopByHop && ctx.verbose === 0) return undefined;
  let jumbo: number | undefined;
  const verbose = ctx.verbose > 0;
  const end = layer.offset + layer.headerLength;
  let jumboSeen = false;
  let whole = true;
  // The options are walked in place (optionLengthAt): no list is built per packet.
  for (let at = layer.offset + 2; at < end;) {
    const length = layer.optionLengthAt(at);
    if (length === 0) {
      whole = false;
      break;
    }
    const type = layer.optionTypeAt(at);
    const room = end - at;
    switch (type) {
      case Ipv6OptionType.PAD1:
        if (verbose) out.ascii("(pad1)");
        break;
      case Ipv6OptionType.PADN:
        if (verbose) out.ascii("(padn)");
        break;
      case Ipv6OptionType.RTRALT:
        if (room < 4) out.ascii("(rtalert: trunc)");
        else if (length !== 4) out.ascii(`(rtalert: invalid len ${length - 2})`);
        else if (verbose) {
          out.ascii("(rtalert: 0x");
          out.hex(layer.routerAlertAt(at), 4);
          out.ascii(") ");
        }
        if (room < 4 || length !== 4) whole = false;
        break;
      case Ipv6OptionType.JUMBO: {
        if (room < 6) out.ascii("(jumbo: trunc)");
        else if (length !== 6) out.ascii(`(jumbo: invalid len ${length - 2})`);
        if (room < 6 || length !== 6) {
          whole = false;
          break;
        }
        // Each jumbo option's own value: tcpdump prints every one (" - already seen").
        const value = layer.jumboPayloadLengthAt(at);
        const why = jumboSeen
          ? " - already seen"
          : !hopByHop
          ? " - not a hop-by-hop option"
          : ctx.ipv6PayloadLength !== 0
          ? " - payload len != 0"
          : value < 65536
          ? " - < 65536"
          : "";
        if (!jumboSeen && why === "") jumbo = value;
        jumboSeen = true;
        if (verbose) out.ascii(`(jumbo: ${value}${why}) `);
        break;
      }
      case Ipv6OptionType.HOME_ADDRESS:
        if (room < 18) out.ascii("(homeaddr: trunc)");
        else if (length < 18) out.ascii(`(homeaddr: invalid len ${length - 2})`);
        else if (verbose) {
          out.ascii(`(homeaddr: ${layer.homeAddressAt(at)}`);
          whole = homeAddressSubOptions(ctx, layer, at + 18, at + length);
          if (whole) out.byte(0x29);
        }
        if (room < 18 || length < 18) whole = false;
        break;
      default:
        if (verbose) out.ascii(`(opt_type 0x${hex2(type)}: len=${length - 2})`);
    }
    if (!whole) break;
    at += length;
  }
  if (!whole) {
    truncated(ctx, hopByHop ? "hbhopt" : "dstopt");
    return undefined;
  }
  if (verbose) out.byte(0x20);
  return jumbo;
}

/**
 * Prints the sub-options of a home address option in `[at, end)`; `false` when one runs
 * past the option.
 */
function homeAddressSubOptions(
  ctx: PrintContext,
  layer: Ipv6HopByHop | Ipv6Destination,
  at: number,
  end: number,
): boolean {
  const out = ctx.out;
  while (at < end) {
    const length = layer.optionLengthAt(at, end);
    if (length === 0) return false;
    const type = layer.optionTypeAt(at);
    if (type === Ipv6OptionType.PAD1) out.ascii(", pad1");
    else if (type === Ipv6OptionType.PADN) out.ascii(", padn");
    else out.ascii(`, sopt_type 0x${hex2(type)}: len=${length - 2}`);
    at += length;
  }
  return true;
}

/**
 * Prints a hop-by-hop options header.
 *
 * @param ctx The print context.
 * @param layer The layer.
 */
export function printIpv6HopByHop(
  ctx: PrintContext,
  layer: Ipv6HopByHop,
  next: Layer | undefined,
): void {
  const jumbo = optionsHeader(ctx, layer, "HBH", true);
  if (ctx.done) return;
  if (ctx.ipv6PayloadLength !== 0) return undecodedNext(ctx, layer, next);
  const out = ctx.out;
  if (jumbo === undefined) {
    // ip6_print() requires a valid jumbo payload option when the payload length is 0.
    out.ascii("[No valid Jumbo Payload Hop-by-Hop option found]");
    invalid(ctx);
    ctx.done = true;
    return;
  }
  // The jumbo payload length is the packet's: ip6_print() checks it against the length
  // on the wire, and hands the rest to the protocol after the header. The decoder takes a
  // hop-by-hop header only right after the IPv6 header (RFC 8200 section 4.1).
  ipv6BytesMissing(ctx, layer.offset - 40, 40 + jumbo);
  // The payload's length is the jumbo payload length's, however much of it was captured.
  ctx.ipEnd = layer.offset + jumbo;
  if (next === undefined && !knownIpProtocol(ctx, layer.nextHeader)) {
    // The jumbo payload length counts from this header's start.
    protocolFallback(ctx, layer.nextHeader, jumbo - layer.headerLength);
    ctx.done = true;
  }
}

/**
 * Prints a destination options header.
 *
 * @param ctx The print context.
 * @param layer The layer.
 */
export function printIpv6Destination(
  ctx: PrintContext,
  layer: Ipv6Destination,
  next: Layer | undefined,
): void {
  optionsHeader(ctx, layer, "DSTOPT", false);
  undecodedNext(ctx, layer, next);
}

/**
 * After the last extension header, what ip6_print() hands the rest to and wirekit does not
 * decode: ip_demux_print()'s `ip-proto-N LEN` (or `no next header`), as after the IPv6
 * header itself.
 */
function undecodedNext(
  ctx: PrintContext,
  layer: Ipv6HopByHop | Ipv6Destination | Ipv6Routing | Ipv6Fragment,
  next: Layer | undefined,
): void {
  ipCarriedFrame(ctx, next);
  if (next !== undefined || ctx.done || knownIpProtocol(ctx, layer.nextHeader)) return;
  protocolFallback(ctx, layer.nextHeader, ctx.ipEnd - (layer.offset + layer.headerLength));
  ctx.done = true;
}

/**
 * Prints a routing header as tcpdump's rt6_print() does: the addresses of types 0, 2
 * and 4; other types, and odd lengths, end the packet as invalid.
 *
 * @param ctx The print context.
 * @param layer The layer.
 */
export function printIpv6Routing(
  ctx: PrintContext,
  layer: Ipv6Routing,
  next: Layer | undefined,
): void {
  const out = ctx.out;
  const type = layer.routingType;
  const has = (length: number) => layer.headerLength >= length;
  // rt6_print() names the header, then reads its fields one by one.
  out.ascii("RT6");
  if (!has(2)) return truncatedRead(ctx, "rt6");
  out.ascii(" (len=");
  out.uint(layer.extensionLength);
  if (!has(3)) return truncatedRead(ctx, "rt6");
  out.ascii(", type=");
  out.uint(type);
  if (type === 0) out.ascii(" [Deprecated]");
  if (!has(4)) return truncatedRead(ctx, "rt6");
  out.ascii(", segleft=");
  out.uint(layer.segmentsLeft);
  if (type === Ipv6RoutingType.SEGMENT_ROUTING) {
    if (!has(5)) return truncatedRead(ctx, "rt6");
    out.ascii(", last-entry=");
    out.uint(layer.lastEntry);
    if (!has(6)) return truncatedRead(ctx, "rt6");
    if (layer.segmentFlags !== 0 || ctx.verbose > 0) {
      out.ascii(", flags=0x");
      out.hex(layer.segmentFlags);
    }
    if (!has(8)) return truncatedRead(ctx, "rt6");
    out.ascii(", tag=");
    out.hex(layer.tag);
  } else if (type === 0 || type === 2) {
    if (!has(8)) return truncatedRead(ctx, "rt6");
    if (layer.reserved !== 0 || ctx.verbose > 0) {
      out.ascii(", rsv=0x");
      out.hex(layer.reserved);
    }
  } else {
    out.ascii(" (unknown type)");
    invalid(ctx);
    ctx.done = true;
    return;
  }
  const length = layer.extensionLength;
  if (length % 2 === 1) {
    out.ascii(` (invalid length ${length})`);
    invalid(ctx);
    ctx.done = true;
    return;
  }
  // tcpdump prints as many addresses as the length field holds, whatever the type says.
  for (let i = 0; i < length >> 1; i++) {
    const address = layer.addressAt(i);
    if (address === undefined) return truncatedRead(ctx, "rt6");
    out.ascii(`, [${i}]${address}`);
  }
  out.ascii(") ");
  undecodedNext(ctx, layer, next);
}

/**
 * Prints a fragment header as tcpdump's frag6_print() does; a fragment other than the
 * first, or one whose header reaches the end of the capture, ends the line.
 *
 * @param ctx The print context.
 * @param layer The layer.
 */
export function printIpv6Fragment(
  ctx: PrintContext,
  layer: Ipv6Fragment,
  next: Layer | undefined,
): void {
  const out = ctx.out;
  ctx.fragment = true;
  if (ctx.verbose > 0 && layer.truncated) {
    truncatedRead(ctx, "frag6");
    return;
  }
  out.ascii("frag (");
  if (ctx.verbose > 0) {
    out.ascii("0x");
    out.hex(layer.identification, 8);
    out.byte(0x3a);
  }
  out.uint(layer.fragmentOffset * 8);
  out.byte(0x7c);
  // tcpdump subtracts from the payload length field in unsigned (size_t) arithmetic.
  const length = layer.dataLength;
  out.ascii(length >= 0 ? `${length}` : `${(1n << 64n) + BigInt(length)}`);
  out.byte(0x29);
  if (layer.fragmentOffset !== 0) ctx.done = true;
  else {
    out.byte(0x20);
    if (layer.offset + 8 >= layer.end) ctx.done = true;
    undecodedNext(ctx, layer, next);
  }
}
