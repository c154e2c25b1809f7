/**
 * OLSR as tcpdump's olsr_print() writes it: `OLSRv4` or `OLSRv6`, the packet's sequence
 * number and length, and with `-v` each message: its header on two lines, then its body
 * (HELLO links and neighbors, TC neighbors, MID interfaces, HNA networks and smart
 * gateways, name service entries, the others as hex).
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Olsr, OlsrMessageType, olsrTime } from "../../app/olsr.ts";
import { truncated, truncatedRead } from "../_truncation.ts";
import { printChars } from "../_chars.ts";
import { unknownData } from "../_hex.ts";

/** tcpdump's olsr_msg_values. */
const MESSAGE_NAMES: ReadonlyMap<number, string> = new Map([
  [1, "Hello"],
  [2, "TC"],
  [3, "MID"],
  [4, "HNA"],
  [128, "Powerinfo"],
  [130, "Nameservice"],
  [201, "Hello-LQ"],
  [202, "TC-LQ"],
]);
const LINK_TYPES = ["Unspecified", "Asymmetric", "Symmetric", "Lost"];
const NEIGHBOR_TYPES = ["Not-Neighbor", "Symmetric", "Symmetric-MPR"];
/** The smart gateway flags, low bit first, as tcpdump names them. */
const GATEWAY_FLAGS = [" LINKSPEED", " IPV4", " IPV4-NAT", " IPV6", " IPv6-PREFIX"];

const hex2 = (n: number) => n.toString(16).padStart(2, "0");
const hex4 = (n: number) => n.toString(16).padStart(4, "0");

/**
 * `%.3f` of a time: these are binary fractions, so a value halfway between two
 * thousandths is exact and printf rounds it to the even one (toFixed() rounds it up).
 */
function seconds(x: number): string {
  const scaled = x * 1000;
  if (scaled % 1 === 0.5) {
    const low = Math.floor(scaled);
    return ((low % 2 === 0 ? low : low + 1) / 1000).toFixed(3);
  }
  return x.toFixed(3);
}

/** Thrown where tcpdump leaves the printer: `"check"` for a ND_TCHECK, `"read"` for a GET_ longjmp. */
class Cut {
  constructor(readonly read: boolean) {}
}
const CHECK = new Cut(false);
const READ = new Cut(true);

/**
 * Prints an OLSR packet after its UDP header.
 *
 * @param ctx The print context.
 * @param olsr The layer.
 */
export function printOlsr(ctx: PrintContext, olsr: Olsr): void {
  ctx.done = true;
  try {
    packet(ctx, olsr);
  } catch (error) {
    if (!(error instanceof Cut)) throw error;
    if (error.read) truncatedRead(ctx, "olsr");
    else truncated(ctx, "olsr");
  }
}

function packet(ctx: PrintContext, olsr: Olsr): void {
  const out = ctx.out;
  out.ascii(olsr.ipv6 ? "OLSRv6" : "OLSRv4");
  let length = olsr.wireLength;
  if (length < 4 || olsr.packetLength < 0) throw CHECK;
  length = Math.min(length, olsr.packetLength);
  out.ascii(`, seq 0x${hex4(olsr.packetSequence)}, length ${length}`);
  if (ctx.verbose < 1) return;
  const headerSize = olsr.messageHeaderSize;
  const end = olsr.offset + length;
  for (let at = olsr.offset + 4; at < end;) {
    const message = olsr.messageAt(at);
    if (message === undefined) throw CHECK;
    const { type, length: messageLength } = message;
    const valid = messageLength >= headerSize && messageLength <= length;
    // tcpdump's guard against an endless loop.
    if (type === 0 || messageLength === 0) return;
    out.ascii(
      `\n\t${MESSAGE_NAMES.get(type) ?? "Unknown"} Message (0x${hex2(type)}), originator ` +
        `${message.originator}, ttl ${message.ttl}, hop ${message.hops}\n\t  vtime ` +
        `${seconds(message.vtime)}s, msg-seq 0x${hex4(message.sequence)}, length ${messageLength}` +
        (valid ? "" : " (invalid)"),
    );
    if (!valid) return;
    body(ctx, olsr, type, message.body, messageLength - headerSize);
    at += messageLength;
  }
}

/** The body of a message of `type`: `size` bytes at `at`. */
function body(ctx: PrintContext, olsr: Olsr, type: number, at: number, size: number): void {
  switch (type) {
    case OlsrMessageType.HELLO:
    case OlsrMessageType.HELLO_LQ:
      return hello(ctx, olsr, type, at, size);
    case OlsrMessageType.TC:
    case OlsrMessageType.TC_LQ:
      if (size < 4 || !olsr.has(at, 4)) throw CHECK;
      ctx.out.ascii(`\n\t    advertised neighbor seq 0x${hex4(olsr.u16(at))}`);
      if (type === OlsrMessageType.TC) neighbors(ctx, olsr, at + 4, size - 4);
      else linkQualities(ctx, olsr, at + 4, size - 4);
      return;
    case OlsrMessageType.MID:
      for (const a = olsr.addressSize; size >= a; at += a, size -= a) {
        if (!olsr.has(at, a)) throw CHECK;
        ctx.out.ascii(`\n\t  interface address ${olsr.address(at)}`);
      }
      return;
    case OlsrMessageType.HNA:
      return hna(ctx, olsr, at, size);
    case OlsrMessageType.NAMESERVICE:
      return names(ctx, olsr, at, size);
    default:
      unknownData(ctx, at, size, "\n\t    ");
  }
}

function hello(ctx: PrintContext, olsr: Olsr, type: number, at: number, size: number): void {
  const out = ctx.out;
  if (size < 4 || !olsr.has(at, 4)) throw CHECK;
  out.ascii(
    `\n\t  hello-time ${seconds(olsrTime(olsr.u8(at + 2)))}s` +
      `, MPR willingness ${olsr.u8(at + 3)}`,
  );
  at += 4;
  size -= 4;
  while (size >= 4) {
    if (!olsr.has(at, 4)) throw CHECK;
    let linkLength = olsr.u16(at + 2);
    const code = olsr.u8(at);
    const valid = linkLength <= size && linkLength >= 4;
    out.ascii(
      `\n\t    link-type ${LINK_TYPES[code & 3]}, neighbor-type ${
        NEIGHBOR_TYPES[code >> 2] ?? "Unknown"
      }, len ${linkLength}${valid ? "" : " (invalid)"}`,
    );
    if (!valid) break;
    at += 4;
    size -= 4;
    linkLength -= 4;
    if (!olsr.has(at, linkLength)) throw CHECK;
    if (type === OlsrMessageType.HELLO) neighbors(ctx, olsr, at, linkLength);
    else linkQualities(ctx, olsr, at, linkLength);
    at += linkLength;
    size -= linkLength;
  }
}

/** olsr_print_neighbor(): IPv4 addresses (over IPv6 too), read without a check first. */
function neighbors(ctx: PrintContext, olsr: Olsr, at: number, size: number): void {
  ctx.out.ascii("\n\t      neighbor\n\t\t");
  for (; size >= 4; at += 4, size -= 4) {
    if (!olsr.has(at, 4)) throw READ;
    ctx.out.ascii(`${olsr.ipv4(at)} `);
  }
}

/** olsr_print_lq_neighbor4() and olsr_print_lq_neighbor6(). */
function linkQualities(ctx: PrintContext, olsr: Olsr, at: number, size: number): void {
  const a = olsr.addressSize;
  for (; size >= a + 4; at += a + 4, size -= a + 4) {
    if (!olsr.has(at, a + 4)) throw CHECK;
    ctx.out.ascii(
      `\n\t      neighbor ${olsr.address(at)}, link-quality ${
        (olsr.u8(at + a) / 2.55).toFixed(2)
      }%, neighbor-link-quality ${(olsr.u8(at + a + 1) / 2.55).toFixed(2)}%`,
    );
  }
}

function hna(ctx: PrintContext, olsr: Olsr, at: number, size: number): void {
  const out = ctx.out;
  const entry = olsr.addressSize * 2;
  out.ascii(`\n\t  Advertised networks (total ${Math.floor(size / entry)})`);
  for (let column = 0; size >= entry; at += entry, size -= entry, column = (column + 1) % 4) {
    if (!olsr.has(at, entry)) throw CHECK;
    // tcpdump numbers every IPv6 entry #0.
    if (olsr.ipv6) {
      out.ascii(`\n\t    #0: ${olsr.address(at)}/${olsr.maskLength(at + 16)}`);
      continue;
    }
    out.ascii(column === 0 ? "\n\t    " : ", ");
    const gateway = olsr.smartGateway(at);
    if (gateway === undefined) {
      out.ascii(`${olsr.address(at)}/${olsr.maskLength(at + 4)}`);
      continue;
    }
    out.ascii("Smart-Gateway:");
    GATEWAY_FLAGS.forEach((name, bit) => {
      if (gateway.flags & (1 << bit)) out.ascii(name);
    });
    out.ascii(` ${gateway.uplink}/${gateway.downlink}`);
  }
}

/** The name service message: a version, a count, then typed names each after an address. */
function names(ctx: PrintContext, olsr: Olsr, at: number, size: number): void {
  const out = ctx.out;
  if (size < 4) throw CHECK;
  if (!olsr.has(at, 4)) throw READ;
  const a = olsr.addressSize;
  const entries = olsr.u16(at + 2);
  const valid = entries > 0 && entries * (4 + a) <= size;
  out.ascii(`\n\t  Version ${olsr.u16(at)}, Entries ${entries}${valid ? "" : " (invalid)"}`);
  if (!valid) return;
  at += 4;
  size -= 4;
  for (let i = 0; i < entries && size >= 4; i++) {
    if (!olsr.has(at, 4)) throw READ;
    const entryType = olsr.u16(at);
    const nameLength = olsr.u16(at + 2);
    at += 4;
    size -= 4;
    const lengthValid = nameLength > 0 && a + nameLength <= size;
    out.ascii(
      `\n\t    #${i}: type ${entryType === 0 ? "000000" : `0x${hex4(entryType)}`}, length ` +
        `${nameLength}${lengthValid ? "" : " (invalid)"}`,
    );
    if (!lengthValid) return;
    const padded = a + ((nameLength + 3) & ~3);
    if (size < padded || !olsr.has(at, padded)) throw CHECK;
    out.ascii(`, address ${olsr.address(at)}, name "`);
    printChars(out, olsr.data, at + a, at + a + nameLength);
    out.byte(0x22);
    at += padded;
    size -= padded;
  }
}
