/**
 * TCP as tcpdump's tcp_print() writes it: ports, flags, relative sequence numbers per
 * connection (absolute with `-S`), window, options and length.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import type { Tcp } from "../../transport/tcp.ts";
import { expectedChecksum, FLAG_LETTERS, ports, transportSum } from "../_shared.ts";

/** Text protocols whose segments tcpdump does not print after a reset at `-v`. */
const TEXT_KINDS: ReadonlySet<string> = new Set(["http", "smtp", "ftp", "telnet"]);

/**
 * Prints a TCP header.
 *
 * @param ctx The print context.
 * @param tcp The layer.
 * @param next The layer after it.
 */
export function printTcp(ctx: PrintContext, tcp: Tcp, next: Layer | undefined): void {
  const out = ctx.out;
  ctx.done = true;
  const d = tcp.data;
  ports(ctx, tcp.sourcePort, tcp.destinationPort);
  const headerEnd = tcp.offset + tcp.headerLength;
  const length = ctx.network ? Math.max(0, ctx.ipEnd - headerEnd) : tcp.end - headerEnd;
  if (ctx.quiet) {
    out.ascii("tcp ");
    out.uint(length);
    return;
  }
  const flags = tcp.flags;
  out.ascii("Flags [");
  if ((flags & 0xff) === 0) out.ascii("none");
  else {
    for (let bit = 0; bit < 8; bit++) {
      if ((flags & (1 << bit)) !== 0) out.byte(FLAG_LETTERS.charCodeAt(bit));
    }
  }
  out.byte(0x5d);
  if (ctx.verbose > 0 && !ctx.fragment) {
    const sum = transportSum(ctx, tcp.offset, 6);
    if (sum >= 0) {
      out.ascii(", cksum 0x");
      out.hex(tcp.checksum, 4);
      if (sum === 0) out.ascii(" (correct)");
      else {
        out.ascii(" (incorrect -> 0x");
        out.hex(expectedChecksum(tcp.checksum, sum), 4);
        out.byte(0x29);
      }
    }
  }
  let seq = tcp.sequenceNumber;
  let ack = tcp.acknowledgmentNumber;
  let sackBase = -1;
  if (!ctx.absolute && (flags & 0x10) !== 0 && ctx.network) {
    const key = connectionKey(ctx, tcp);
    const reverse = ctx.reverse;
    const state = ctx.connections.get(key);
    if (state === undefined || (flags & 0x02) !== 0) {
      const fresh = state ?? { forward: 0, reverse: 0 };
      if (reverse) {
        fresh.reverse = seq;
        fresh.forward = (ack - 1) >>> 0;
      } else {
        fresh.forward = seq;
        fresh.reverse = (ack - 1) >>> 0;
      }
      if (state === undefined) ctx.connections.set(key, fresh);
      sackBase = reverse ? fresh.forward : fresh.reverse;
    } else {
      const own = reverse ? state.reverse : state.forward;
      const peer = reverse ? state.forward : state.reverse;
      seq = (seq - own) >>> 0;
      ack = (ack - peer) >>> 0;
      sackBase = peer;
    }
  }
  if (length > 0 || (flags & 0x07) !== 0) {
    out.ascii(", seq ");
    out.uint(seq);
    if (length > 0) {
      out.byte(0x3a);
      out.uint((seq + length) >>> 0);
    }
  }
  if ((flags & 0x10) !== 0) {
    out.ascii(", ack ");
    out.uint(ack);
  }
  out.ascii(", win ");
  out.uint(tcp.window);
  if ((flags & 0x20) !== 0) {
    out.ascii(", urg ");
    out.uint(tcp.urgentPointer);
  }
  if (tcp.headerLength > 20) tcpOptions(ctx, d, tcp.offset + 20, headerEnd, sackBase);
  out.ascii(", length ");
  out.uint(length);
  if (next !== undefined) {
    // An application layer decoded (DNS, HTTP...): its printer goes on, but tcpdump
    // prints no text protocol in an empty segment nor, at -v, after a reset.
    const text = TEXT_KINDS.has(next.kind);
    if (!text || (length > 0 && ((flags & 0x04) === 0 || ctx.verbose === 0))) ctx.done = false;
  }
}

/**
 * The connection key, the same both ways: the addresses and ports in tcpdump's order.
 * Sets `#reverse` when the packet goes the other way.
 */
function connectionKey(ctx: PrintContext, tcp: Tcp): string {
  const d = ctx.data;
  const at = ctx.addressAt;
  const size = ctx.ipVersion === 4 ? 4 : 16;
  let reverse = tcp.sourcePort > tcp.destinationPort;
  if (tcp.sourcePort === tcp.destinationPort) {
    for (let i = 0; i < size; i++) {
      const a = d[at + i]!;
      const b = d[at + size + i]!;
      if (a !== b) {
        reverse = a > b;
        break;
      }
    }
  }
  ctx.reverse = reverse;
  let key = size === 4 ? "4" : "6";
  const first = reverse ? at + size : at;
  const second = reverse ? at : at + size;
  for (let i = 0; i < size; i++) key += String.fromCharCode(d[first + i]!);
  for (let i = 0; i < size; i++) key += String.fromCharCode(d[second + i]!);
  const low = reverse ? tcp.destinationPort : tcp.sourcePort;
  const high = reverse ? tcp.sourcePort : tcp.destinationPort;
  return key + String.fromCharCode(low, high);
}

function tcpOptions(
  ctx: PrintContext,
  d: Uint8Array,
  start: number,
  end: number,
  sackBase: number,
): void {
  const out = ctx.out;
  out.ascii(", options [");
  let at = start;
  let first = true;
  while (at < end) {
    const kind = d[at]!;
    if (!first) out.byte(0x2c);
    first = false;
    if (kind === 0) {
      out.ascii("eol");
      break;
    }
    if (kind === 1) {
      out.ascii("nop");
      at++;
      continue;
    }
    const length = at + 1 < end ? d[at + 1]! : 0;
    if (length < 2 || at + length > end) {
      out.ascii("[bad opt]");
      out.byte(0x5d);
      return;
    }
    const u32 = (p: number) =>
      ((d[p]! << 24) | (d[p + 1]! << 16) | (d[p + 2]! << 8) | d[p + 3]!) >>> 0;
    switch (kind) {
      case 2:
        out.ascii("mss");
        if (length === 4) {
          out.byte(0x20);
          out.uint((d[at + 2]! << 8) | d[at + 3]!);
        } else out.ascii(` [bad opt]`);
        break;
      case 3:
        out.ascii("wscale");
        if (length === 3) {
          out.byte(0x20);
          out.uint(d[at + 2]!);
        } else out.ascii(` [bad opt]`);
        break;
      case 4:
        out.ascii("sackOK");
        break;
      case 5: {
        out.ascii("sack");
        const blocks = (length - 2) / 8;
        if (length % 8 !== 2) {
          out.ascii(" [bad opt]");
          break;
        }
        out.byte(0x20);
        out.uint(blocks);
        out.byte(0x20);
        for (let p = at + 2; p < at + length; p += 8) {
          let left = u32(p);
          let right = u32(p + 4);
          if (sackBase >= 0) {
            left = (left - sackBase) >>> 0;
            right = (right - sackBase) >>> 0;
          }
          out.byte(0x7b);
          out.uint(left);
          out.byte(0x3a);
          out.uint(right);
          out.byte(0x7d);
        }
        break;
      }
      case 8:
        out.ascii("TS");
        if (length === 10) {
          out.ascii(" val ");
          out.uint(u32(at + 2));
          out.ascii(" ecr ");
          out.uint(u32(at + 6));
        } else out.ascii(" [bad opt]");
        break;
      case 19:
        out.ascii("md5");
        if (length === 18) {
          if (ctx.verbose > 0) {
            out.ascii(" shared secret not supplied with -M, can't check - ");
            out.hexBytes(d, at + 2, at + 18);
          }
        } else out.ascii(" [bad opt]");
        break;
      case 28:
        out.ascii("uto");
        if (length === 4) {
          // tcpdump reads the granularity from the low bit: " 0x<raw> <seconds>".
          const value = (d[at + 2]! << 8) | d[at + 3]!;
          out.ascii(" 0x");
          out.hex(value);
          out.byte(0x20);
          out.uint((value & 1) !== 0 ? (value >> 1) * 60 : value >> 1);
        } else out.ascii(" [bad opt]");
        break;
      case 34:
        out.ascii("tfo");
        if (length === 2) out.ascii("  cookiereq");
        else if (length >= 6 && length <= 18 && length % 2 === 0) {
          out.ascii("  cookie ");
          out.hexBytes(d, at + 2, at + length);
        } else out.ascii(" [bad opt]");
        break;
      case 30:
        out.ascii("mptcp");
        if (length > 2) {
          out.ascii(" 0x");
          out.hexBytes(d, at + 2, at + length);
        }
        break;
      default:
        out.ascii("unknown-");
        out.uint(kind);
        if (length > 2) {
          out.ascii(" 0x");
          out.hexBytes(d, at + 2, at + length);
        }
    }
    at += length;
  }
  out.byte(0x5d);
}
