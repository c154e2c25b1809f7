/**
 * Helpers that several printers share: EtherType names, checksums, the addresses and
 * ports of the innermost IP header, and tcpdump's fallback for IP protocols it does not
 * print. Private to `lib/print/`.
 *
 * @module
 */

import { foldChecksum, sumWords } from "../checksum.ts";
import type { PrintContext } from "./context.ts";
import type { Layer } from "../layer_map.ts";
import { ETHERTYPE_NAMES, IP_PROTOCOL_NAMES } from "./_names.ts";
import { invalid } from "./_truncation.ts";
import { asciiText, putIpv4, putIpv6, putText, putUint } from "./_writer.ts";

export function etherType(ctx: PrintContext, type: number): void {
  const out = ctx.out;
  out.ascii("ethertype ");
  out.ascii(ETHERTYPE_NAMES.get(type) ?? "Unknown");
  out.ascii(" (0x");
  out.hex(type, 4);
  out.ascii(")");
}

/**
 * The EtherType of an Ethernet header or VLAN tag, as tcpdump's ether_type_print() writes
 * it: as {@linkcode etherType} does, or with `-q` only the name (`Unknown Ethertype
 * (0x88b7)` for a type it does not name).
 */
export function frameEtherType(ctx: PrintContext, type: number): void {
  if (!ctx.quiet) return etherType(ctx, type);
  const out = ctx.out;
  const name = ETHERTYPE_NAMES.get(type);
  if (name !== undefined) return out.ascii(name);
  out.ascii("Unknown Ethertype (0x");
  out.hex(type, 4);
  out.byte(0x29);
}

export function addresses(ctx: PrintContext): void {
  const out = ctx.out;
  const d = ctx.data;
  if (ctx.ipVersion === 4) {
    out.ipv4(d, ctx.addressAt);
    out.ascii(" > ");
    out.ipv4(d, ctx.addressAt + 4);
  } else {
    out.ipv6(d, ctx.addressAt);
    out.ascii(" > ");
    out.ipv6(d, ctx.addressAt + 16);
  }
}

export function ports(ctx: PrintContext, sourcePort: number, destinationPort: number): void {
  const out = ctx.out;
  // Two IPv6 addresses of at most 45 bytes, two ports, the dots and " > ", ": ".
  out.reserve(112);
  const b = out.bytes;
  let p = out.length;
  if (ctx.pending) {
    ctx.pending = false;
    const d = ctx.data;
    const at = ctx.addressAt;
    const v4 = ctx.ipVersion === 4;
    p = v4 ? putIpv4(b, p, d, at) : putIpv6(b, p, d, at);
    b[p++] = 0x2e;
    p = putUint(b, p, sourcePort);
    p = putText(b, p, GREATER);
    p = v4 ? putIpv4(b, p, d, at + 4) : putIpv6(b, p, d, at + 16);
    b[p++] = 0x2e;
  } else {
    p = putUint(b, p, sourcePort);
    p = putText(b, p, GREATER);
  }
  p = putUint(b, p, destinationPort);
  b[p++] = 0x3a;
  b[p++] = 0x20;
  out.length = p;
}

/**
 * The transport checksum over the innermost IP layer's pseudo-header, or -1 when not all
 * was captured: over the rest of the IP packet, or up to `end` (UDP's own length).
 */
export function transportSum(
  ctx: PrintContext,
  offset: number,
  protocol: number,
  end: number = ctx.ipEnd,
): number {
  const network = ctx.networkLayer;
  // The network layer ends where its bytes were captured (or, after PPPoE, where its
  // length ends them: tcpdump reads on to `snapEnd`); the last layer may end sooner (an
  // RPC record shorter than its TCP segment), so it is no measure here.
  if (
    ctx.fragment || network === undefined || end > Math.max(network.end, ctx.snapEnd) ||
    end < offset
  ) return -1;
  // The network layer sums the pseudo-header with the final destination of a source
  // route (IPv4 LSRR/SSRR, an IPv6 routing header), as tcpdump does.
  const sum = network.pseudoHeaderSum(protocol, end - offset);
  return foldChecksum(sumWords(ctx.data, offset, end, sum));
}

/** What tcpdump prints for an IP protocol it does not decode. */
export function protocolFallback(ctx: PrintContext, protocol: number, length: number): void {
  const out = ctx.out;
  if (length < 0) {
    out.ascii("ip-proto-");
    out.uint(protocol);
    return;
  }
  if (protocol === 59) {
    // ip_demux_print() names IPv6's No Next Header (RFC 8200 section 4.7).
    out.ascii("no next header");
    return;
  }
  out.ascii(" ip-proto-");
  out.uint(protocol);
  out.byte(0x20);
  out.uint(length);
}

export { expectedChecksum } from "../checksum.ts";

/**
 * What ip_demux_print() prints for a protocol it takes over IPv6 only (ICMPv6, Ethernet)
 * after IPv4 or IPv4's AH: `[ICMPv6 requires IPv6] (invalid)`; nothing more is printed.
 *
 * @param ctx The print context.
 * @param protocol The IP protocol number.
 */
export function requiresIpv6(ctx: PrintContext, protocol: number): void {
  ctx.out.ascii(`[${IP_PROTOCOL_NAMES.get(protocol)} requires IPv6]`);
  invalid(ctx);
  ctx.done = true;
}

/**
 * Starts printing an IP packet that ends at `ipEnd`: sets `ctx.ipEnd`, cuts the snapend
 * to it as ip_print() and ip6_print() cut theirs, and takes the length that a carrier
 * handed the packet ({@linkcode PrintContext.innerIpLength}).
 *
 * @param ctx The print context.
 * @param ipEnd Where the packet ends by its length field.
 * @returns The length handed on, or -1 when the wire length from the header on is it.
 */
export function enterIpPacket(ctx: PrintContext, ipEnd: number): number {
  ctx.ipEnd = ipEnd;
  if (ctx.snapEnd > ipEnd) ctx.snapEnd = ipEnd;
  const given = ctx.innerIpLength;
  ctx.innerIpLength = -1;
  return given;
}

/**
 * Gives what an IP header carries the length of the rest of the IP payload, as
 * ip_demux_print() hands it on: an Ethernet frame (IP protocol 143) to ether_print(), an
 * IPv4 or IPv6 packet (IP in IP) to ip_print() or ip6_print(), which check their header's
 * length against it (`truncated-ip6 - N bytes missing!`).
 *
 * @param ctx The print context.
 * @param next The layer after the IP header or IPv6 extension header.
 */
export function ipCarriedFrame(ctx: PrintContext, next: Layer | undefined): void {
  if (next === undefined) return;
  if (next.kind === "ethernet") ctx.tunnelLength = ctx.ipEnd - next.offset;
  else if (next.kind === "ipv4" || next.kind === "ipv6") {
    ctx.innerIpLength = ctx.ipEnd - next.offset;
  }
}

/**
 * Whether wirekit decodes the header of an IP protocol (the context's registry binds it):
 * tcpdump prints `ip-proto-N` for the others.
 *
 * @param ctx The print context.
 * @param protocol The IP protocol / IPv6 next-header number.
 * @returns `true` when a decoder is bound to it.
 */
export function knownIpProtocol(ctx: PrintContext, protocol: number): boolean {
  return ctx.registry.ipProtocols.has(protocol);
}

/**
 * tcpdump's `Flags [...]` for each value of the low byte of the TCP flags, one letter a
 * flag (`Flags [S.]`), `Flags [none]` when none is set.
 */
export const TCP_FLAGS_TEXT: readonly Uint8Array[] = Array.from({ length: 256 }, (_, flags) => {
  let letters = "";
  for (let bit = 0; bit < 8; bit++) if ((flags & (1 << bit)) !== 0) letters += "FSRP.UEW"[bit];
  return asciiText(`Flags [${letters === "" ? "none" : letters}]`);
});

const GREATER = asciiText(" > ");

/** Seconds as tcpdump's unsigned_relts_print() writes them: `1h2m3s`. */
export function relativeTime(seconds: number): string {
  if (seconds === 0) return "0s";
  const units: readonly [number, string][] = [
    [31_536_000, "y"],
    [604_800, "w"],
    [86_400, "d"],
    [3600, "h"],
    [60, "m"],
    [1, "s"],
  ];
  let text = "";
  for (const [size, unit] of units) {
    if (seconds >= size) {
      text += `${Math.floor(seconds / size)}${unit}`;
      seconds %= size;
    }
  }
  return text;
}

/**
 * tcpdump's `length` for the printer of a header at `offset` after a link header: what the
 * link printer left ({@linkcode PrintContext.frameLength}), else the wire length from there.
 *
 * @param ctx The print context.
 * @param offset Where the header starts.
 * @returns The length.
 */
export function linkPayloadLength(ctx: PrintContext, offset: number): number {
  return ctx.frameLength >= 0 ? ctx.frameLength : ctx.originalLength - (offset - ctx.start);
}

/**
 * Whether the packet's decode error is a header of `kind` cut short right at `offset`: the
 * layer the printer at hand hands its payload to, as tcpdump would, though it did not
 * decode.
 *
 * @param ctx The print context.
 * @param kind The layer kind of the cut header.
 * @param offset Where it starts.
 * @returns `true` when that header was cut.
 */
export function cutAt(ctx: PrintContext, kind: string, offset: number): boolean {
  const error = ctx.error;
  return error !== undefined && error.code === "truncated" && error.layer === kind &&
    error.offset === offset;
}

/**
 * Two digits, zero-padded.
 *
 * @param n A number from 0 to 99.
 * @returns The digits.
 */
export function two(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/**
 * The names of the bits set in `value`, as tcpdump's bittok2str() joins them: `", "`
 * between names, `"none"` when no named bit is set.
 */
export function bitNames(names: readonly (readonly [number, string])[], value: number): string {
  let text = "";
  for (const [bit, name] of names) {
    // `| 0` lets a bit 31 (0x80000000) match the signed result of `&`.
    if ((value & bit) !== 0 && (value & bit) === (bit | 0)) {
      text += text === "" ? name : `, ${name}`;
    }
  }
  return text === "" ? "none" : text;
}
