/**
 * PPP as tcpdump's ppp_print() writes it: the protocol with `-e`, then IPv4 or IPv6, the
 * code, id and length of a control protocol packet (LCP, IPCP...), or PAP and CHAP.
 *
 * @module
 */

import { readUint32 } from "../../_bytes.ts";
import { truncated, truncatedRead } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Ppp } from "../../link/ppp.ts";
import type { PppFrame } from "../../link/ppp_hdlc.ts";
import { printPppOptions } from "./_ppp_options.ts";
import { unknownData } from "../_hex.ts";
import { printChars } from "../_chars.ts";
import { printPppAuth } from "./ppp_auth.ts";
import { bitNames, linkPayloadLength } from "../_shared.ts";

import type { Layer } from "../../layer_map.ts";

/**
 * Prints a PPP header: the protocol with `-e`, then the payload as handle_ppp() does.
 *
 * @param ctx The print context.
 * @param ppp The layer.
 * @param next The layer after it.
 */
export function printPpp(ctx: PrintContext, ppp: Ppp, next: Layer | undefined): void {
  const out = ctx.out;
  const first = ppp.offset === ctx.start;
  // ppp_if_print() counts 4 bytes of link header, whatever the framing left out; with
  // fewer captured it prints its cut and counts them all as link header.
  if (first) ctx.linkEnd = Math.min(ppp.offset + 4, ctx.end);
  if (first && ctx.end - ctx.start < 4) {
    truncated(ctx, "ppp");
    return;
  }
  const entry = first ? "inner" : pppEntry(ctx, ppp.offset);
  const length = first ? ctx.originalLength : pppLength(ctx, ppp.offset, entry);
  if (entry === "ethertype") out.ascii(": ");
  if ((first || entry !== "inner") && (length < 2 || ppp.offset + 2 > ctx.end)) {
    printPppHeaderCut(ctx, length);
    return;
  }
  const protocol = ppp.protocol;
  if (ctx.link) {
    const name = PPP_PROTOCOL_NAMES.get(protocol);
    out.ascii(name ?? "unknown");
    out.ascii(" (0x");
    out.hex(protocol, 4);
    out.ascii("), length ");
    out.uint(length);
    if (name === undefined) {
      ctx.done = true;
      return;
    }
    out.ascii(": ");
  }
  handlePpp(ctx, ppp, next, length - (ppp.protocolEnd - ppp.offset), "ppp");
}

/**
 * How ppp_print() came to a PPP frame that does not start the packet: `"ethertype"` when
 * ethertype_print() handed it the payload of EtherType 0x880b right after the link header
 * (after ": "), `"handed"` when a link printer (Juniper's) handed it the frame after its
 * header, `"inner"` when a tunnel (GRE, PPPoE...) printed its own lead-in.
 */
export type PppEntry = "ethertype" | "handed" | "inner";

/**
 * Returns how ppp_print() came to the PPP frame at `offset` (not the packet's start).
 *
 * @param ctx The print context.
 * @param offset Where the frame starts.
 * @returns The entry.
 */
export function pppEntry(ctx: PrintContext, offset: number): PppEntry {
  if (offset === ctx.handedAt) return "handed";
  return offset === ctx.linkEnd ? "ethertype" : "inner";
}

/**
 * Returns the length on the wire that ppp_print() is given for a frame: what follows the
 * link header after an EtherType, else what the tunnel or link printer counted.
 *
 * @param ctx The print context.
 * @param offset Where the frame starts.
 * @param entry How ppp_print() came to it.
 * @returns The length.
 */
export function pppLength(ctx: PrintContext, offset: number, entry: PppEntry): number {
  return entry === "ethertype" ? linkPayloadLength(ctx, offset) : ctx.tunnelLength;
}

/**
 * Prints ppp_print()'s cut of a PPP header: it checks for 2 bytes on the wire (a plain cut
 * when fewer), then reads them (a GET_ read's cut past the capture).
 *
 * @param ctx The print context.
 * @param length The PPP frame's length on the wire.
 */
export function printPppHeaderCut(ctx: PrintContext, length: number): void {
  if (length < 2) truncated(ctx, "ppp");
  else truncatedRead(ctx, "ppp");
}

/**
 * Prints a PPP payload by its protocol, as tcpdump's handle_ppp(): IP, IPv6 and MPLS go
 * on to their printers, a stuffed frame (protocol `0x7eXX`) to the `ppp-hdlc` layer's, a
 * control protocol packet prints here, PAP and CHAP as `ppp_auth.ts` prints them, BAP not
 * at all; other protocols are named, their bytes in hex.
 *
 * @param ctx The print context.
 * @param frame The layer whose protocol it is.
 * @param next The layer after it.
 * @param length The payload's length on the wire, after the protocol field.
 * @param name tcpdump's name of the printer, for truncation marks.
 */
export function handlePpp(
  ctx: PrintContext,
  frame: PppFrame,
  next: Layer | undefined,
  length: number,
  name: string,
): void {
  const out = ctx.out;
  const protocol = frame.protocol;
  if (frame.stuffed) {
    ctx.tunnelLength = length;
    return;
  }
  const at = frame.protocolEnd;
  if (IP_PROTOCOLS.has(protocol)) {
    // ip_print() and ip6_print() read the version first: nothing captured jumps out.
    if (next === undefined && ctx.error === undefined && at >= ctx.end) {
      truncatedRead(ctx, protocol === 0x0057 || protocol === 0x86dd ? "ip6" : "ip");
    }
    // They take the PPP payload's length, which PPPoE's length field may make shorter
    // than the IP header says (tcpdump's "truncated-ip - N bytes missing!").
    ctx.innerIpLength = length;
    return;
  }
  if (protocol === OSI) {
    // isoclns_print() goes on with the payload's length; its first read jumps out when
    // nothing was captured.
    ctx.tunnelLength = length;
    if (next !== undefined || ctx.error !== undefined) return;
    if (at >= ctx.end) {
      ctx.done = true;
      truncatedRead(ctx, "isoclns");
      return;
    }
  }
  // MPLS goes on to its printer when the label stack decoded.
  if (
    (protocol === 0x0281 || protocol === 0x0283) && (next !== undefined || ctx.error !== undefined)
  ) return;
  ctx.done = true;
  const known = PPP_PROTOCOL_NAMES.get(protocol);
  if (frame.isControl) {
    out.ascii(known ?? `unknown ctrl-proto (0x${protocol.toString(16).padStart(4, "0")})`);
    out.ascii(", ");
    const packet = frame.controlPacket;
    if (length < 4 || packet === undefined) {
      truncated(ctx, name);
      return;
    }
    const code = packet.code;
    out.ascii(CONTROL_CODE_NAMES[code] ?? "Unknown Opcode");
    out.ascii(" (0x");
    out.hex(code, 2);
    out.ascii("), id ");
    out.uint(packet.identifier);
    out.ascii(", length ");
    out.uint(length + 2);
    if (ctx.verbose > 0) controlPacket(ctx, frame, length, name);
    return;
  }
  if (protocol === 0xc023 || protocol === 0xc223) {
    printPppAuth(ctx, frame, length, name);
    return;
  }
  // tcpdump's handle_bap() prints nothing (a stub in 4.99.3).
  if (protocol === 0xc02d) return;
  if (protocol === 0x003d) {
    // handle_mlppp(): the fragment header's 12-bit sequence number and B/E flags.
    if (!ctx.link) out.ascii("MLPPP, ");
    const header = frame.multilinkHeader;
    if (length < 2 || header === undefined) {
      out.ascii("[|mlppp]");
      return;
    }
    out.ascii("seq 0x");
    out.hex(header & 0xfff, 3);
    out.ascii(`, Flags [${bitNames(MLPPP_FLAG_NAMES, header >> 8)}], length `);
    out.uint(length);
    return;
  }
  if (protocol === 0x00fd) {
    out.ascii("compressed PPP data");
    return;
  }
  out.ascii(known ?? `unknown PPP protocol (0x${protocol.toString(16).padStart(4, "0")})`);
  out.byte(0x20);
  if (!UNPRINTED.has(protocol)) unknownData(ctx, at, length, "\n\t");
}

/**
 * The protocols that handle_ppp() gives to printers wirekit does not have (IPX):
 * named, without the hex of an unknown protocol.
 */
const UNPRINTED = new Set([0x002b, 0x8137]);

/** PPP's protocol number of OSI PDUs (isoclns_print()). */
const OSI = 0x0023;

/** The flags of a multilink PPP fragment header (tcpdump's ppp_ml_flag_values). */
const MLPPP_FLAG_NAMES: readonly (readonly [number, string])[] = [[0x80, "begin"], [0x40, "end"]];

/** The protocols that handle_ppp() gives to ip_print() and ip6_print(). */
const IP_PROTOCOLS = new Set([0x0021, 0x002f, 0x0800, 0x0057, 0x86dd]);

/**
 * With `-v`, what tcpdump's handle_ctrl_proto() prints after the code: the encoded
 * length, the options of the Configure codes (from the decoder's option list), the
 * magic number and data of the other codes.
 */
function controlPacket(ctx: PrintContext, ppp: PppFrame, length: number, name: string): void {
  const out = ctx.out;
  const packet = ppp.controlPacket;
  if (packet === undefined) return;
  if (packet.length === undefined) {
    // Its read of the length field jumps out.
    truncatedRead(ctx, name);
    return;
  }
  const encoded = packet.length;
  if (encoded < 4) {
    out.ascii(`\n\tencoded length ${encoded} (< 4))`);
    return;
  }
  if (encoded > length) {
    out.ascii(`\n\tencoded length ${encoded} (> packet length ${length}))`);
    return;
  }
  out.ascii(`\n\tencoded length ${encoded} (=Option(s) length ${encoded - 4})`);
  if (encoded === 4) return;
  const at = packet.dataOffset - 4;
  if (ctx.verbose > 1) unknownData(ctx, at - 2, 6, "\n\t");
  const d = ppp.data;
  const data = packet.dataOffset;
  const captured = (n: number) => data + n <= ctx.end;
  const magic = () => {
    out.ascii("\n\t  Magic-Num 0x");
    out.hex(readUint32(d, data), 8);
  };
  switch (packet.code) {
    case 1:
    case 2:
    case 3:
    case 4:
      if (!printPppOptions(ctx, ppp.protocol, packet)) truncated(ctx, name);
      return;
    case 5:
    case 6:
    case 7:
      return;
    case 8: {
      if (encoded < 6 || !captured(2)) return;
      const rejected = (d[data]! << 8) | d[data + 1]!;
      out.ascii(`\n\t  Rejected ${PPP_PROTOCOL_NAMES.get(rejected) ?? "unknown"} Protocol (0x`);
      out.hex(rejected, 4);
      out.byte(0x29);
      if (encoded > 6) {
        out.ascii("\n\t  Rejected Packet");
        unknownData(ctx, data + 2, encoded - 2, "\n\t    ");
      }
      return;
    }
    case 9:
    case 10:
    case 11:
      if (encoded < 8 || !captured(4)) return;
      magic();
      if (encoded > 8) {
        out.ascii("\n\t  -----trailing data-----");
        if (!captured(encoded - 4)) {
          out.ascii(`[|${PPP_PROTOCOL_NAMES.get(ppp.protocol) ?? "ppp"}]`);
          return;
        }
        unknownData(ctx, data + 4, encoded - 8, "\n\t  ");
      }
      return;
    case 12:
      if (encoded < 8 || !captured(4)) return;
      magic();
      if (encoded > 8) {
        out.ascii("\n\t  Message\n\t    ");
        // nd_printn(); its `goto trunc` prints tcpdump's `[|name]`, without a space.
        if (printChars(out, d, data + 4, data + encoded, ctx.end)) {
          out.ascii(`[|${PPP_PROTOCOL_NAMES.get(ppp.protocol)}]`);
        }
      }
      return;
    case 13:
      if (encoded < 12 || !captured(8)) return;
      magic();
      out.ascii(`, Seconds-Remaining ${readUint32(d, data + 4)}s`);
      return;
    default:
      if (ctx.verbose <= 1) unknownData(ctx, at - 2, encoded + 2, "\n\t  ");
  }
}

/** PPP protocol names (tcpdump's ppptype2str). */
export const PPP_PROTOCOL_NAMES: ReadonlyMap<number, string> = new Map([
  [0x0021, "IP"],
  [0x0023, "OSI"],
  [0x0025, "NS"],
  [0x0027, "DECNET"],
  [0x0029, "APPLE"],
  [0x002b, "IPX"],
  [0x002d, "VJC IP"],
  [0x002f, "VJNC IP"],
  [0x0031, "BRPDU"],
  [0x0033, "STII"],
  [0x0035, "VINES"],
  [0x0281, "MPLS"],
  [0x0283, "MPLS"],
  [0x00fd, "Compressed"],
  [0x003d, "MLPPP"],
  [0x0057, "IP6"],
  [0x0201, "HELLO"],
  [0x0231, "LUXCOM"],
  [0x0233, "SNS"],
  [0x8021, "IPCP"],
  [0x8023, "OSICP"],
  [0x8025, "NSCP"],
  [0x8027, "DECNETCP"],
  [0x8029, "APPLECP"],
  [0x802b, "IPXCP"],
  [0x8033, "STIICP"],
  [0x8035, "VINESCP"],
  [0x8057, "IP6CP"],
  [0x8281, "MPLSCP"],
  [0xc021, "LCP"],
  [0xc023, "PAP"],
  [0xc025, "LQM"],
  [0xc223, "CHAP"],
  [0xc227, "EAP"],
  [0xc027, "SPAP"],
  [0xc123, "Old-SPAP"],
  [0xc02b, "BACP"],
  [0xc02d, "BAP"],
  [0xc03d, "MLPPP-CP"],
  [0x80fd, "CCP"],
]);

/** Control protocol codes (RFC 1661, 1570, 1962, 2153), as tcpdump names them. */
const CONTROL_CODE_NAMES: readonly (string | undefined)[] = [
  "Vendor-Extension",
  "Conf-Request",
  "Conf-Ack",
  "Conf-Nack",
  "Conf-Reject",
  "Term-Request",
  "Term-Ack",
  "Code-Reject",
  "Prot-Reject",
  "Echo-Request",
  "Echo-Reply",
  "Disc-Req",
  "Ident",
  "Time-Rem",
  "Reset-Req",
  "Reset-Ack",
];
