/**
 * TCP as tcpdump's tcp_print() writes it: ports, flags, relative sequence numbers per
 * connection (absolute with `-S`), window, options and length.
 *
 * @module
 */

import { truncated, truncatedRead } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import { type Tcp, TcpOptionCursor, TcpOptionKind } from "../../transport/tcp.ts";
import { expectedChecksum, ports, TCP_FLAGS_TEXT, transportSum } from "../_shared.ts";
import { asciiText, putText, putUint, putUint32 } from "../_writer.ts";
import { printEmptyPayload } from "./_empty_payload.ts";
import { hex2 } from "../../_hex.ts";
import { readWord32 } from "../../_bytes.ts";
import { printChars } from "../_chars.ts";
import { printMptcpOption } from "./mptcp.ts";

const SEQ = asciiText(", seq ");
const ACK = asciiText(", ack ");
const WIN = asciiText(", win ");
const URG = asciiText(", urg ");
const LENGTH = asciiText(", length ");
const OPTIONS = asciiText(", options [");
const NOP = asciiText("nop");
const TS_VALUE = asciiText(" val ");
const TS_ECR = asciiText(" ecr ");
const NOP_NOP_TS = asciiText(", options [nop,nop,TS val ");

/** Text protocols whose segments tcpdump does not print after a reset at `-v`. */
const TEXT_KINDS: ReadonlySet<string> = new Set(["http", "rtsp", "smtp", "ftp", "telnet", "ssh"]);

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
  const flags = tcp.flags;
  // An acknowledgment's connection is looked up for relative sequence numbers; it also
  // holds the addresses and ports as printed the last time.
  const connections = ctx.connections;
  const lookup = !ctx.absolute && (flags & 0x10) !== 0 && ctx.network && !ctx.quiet;
  const reverse = lookup && isReverse(ctx, tcp);
  let slot = lookup ? findConnection(ctx, tcp, reverse) : -1;
  const cached = slot >= 0 && ctx.pending;
  let end = -1;
  if (cached) {
    out.reserve(112);
    end = connections.putText(slot, reverse, out.bytes, out.length);
  }
  if (end >= 0) {
    ctx.pending = false;
    out.length = end;
  } else {
    const from = out.length;
    ports(ctx, tcp.sourcePort, tcp.destinationPort);
    if (cached) connections.setText(slot, reverse, out.bytes, from, out.length);
  }
  // The header's end by its data offset (a partial header was captured shorter).
  const headerEnd = tcp.offset + tcp.dataOffset * 4;
  const length = ctx.network ? Math.max(0, ctx.ipEnd - headerEnd) : tcp.end - headerEnd;
  if (ctx.quiet) {
    out.ascii("tcp ");
    out.uint(length);
    return;
  }
  out.append(TCP_FLAGS_TEXT[flags & 0xff]!);
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
  if (lookup) {
    if (slot < 0 || (flags & 0x02) !== 0) {
      if (slot < 0) slot = connections.add();
      if (reverse) connections.setBases(slot, (ack - 1) >>> 0, seq);
      else connections.setBases(slot, seq, (ack - 1) >>> 0);
      sackBase = (ack - 1) >>> 0;
    } else {
      const forward = connections.forward(slot);
      const backward = connections.reverse(slot);
      seq = (seq - (reverse ? backward : forward)) >>> 0;
      ack = (ack - (reverse ? forward : backward)) >>> 0;
      sackBase = reverse ? forward : backward;
    }
  }
  // ", seq N:N, ack N, win N, urg N": at most 70 bytes.
  out.reserve(70);
  const b = out.bytes;
  let p = out.length;
  // tcpdump prints the sequence number of every segment from -vv on.
  if (ctx.verbose > 1 || length > 0 || (flags & 0x07) !== 0) {
    p = putText(b, p, SEQ);
    p = putUint32(b, p, seq | 0);
    if (length > 0) {
      b[p++] = 0x3a;
      p = putUint32(b, p, (seq + length) | 0);
    }
  }
  if ((flags & 0x10) !== 0) {
    p = putText(b, p, ACK);
    p = putUint32(b, p, ack | 0);
  }
  p = putText(b, p, WIN);
  p = putUint(b, p, tcp.window);
  if ((flags & 0x20) !== 0) {
    p = putText(b, p, URG);
    p = putUint(b, p, tcp.urgentPointer);
  }
  out.length = p;
  if (
    tcp.dataOffset > 5 &&
    tcpOptions(ctx, tcp, sackBase | 0, sackBase >= 0, headerEnd + length > ctx.end)
  ) return;
  out.append(LENGTH);
  out.uint(length);
  if (length > 0 && headerEnd > tcp.end) {
    // tcp_print() checks that the header its data offset gives was captured before the
    // payload; the options' walk may have ended (EOL) before the cut.
    out.ascii(" [remaining caplen(");
    out.uint(tcp.end - tcp.offset);
    out.ascii(") < header length(");
    out.uint(headerEnd - tcp.offset);
    out.ascii(")]");
    ctx.error = undefined;
    return truncatedRead(ctx, "tcp");
  }
  if ((flags & 0x04) !== 0 && ctx.verbose > 0 && length > 0 && headerEnd <= tcp.end) {
    // tcpdump's print_tcp_rst_data(): the reset's text (RFC 1122 4.2.2.12), 30 bytes at most.
    out.ascii(headerEnd + length <= tcp.end ? " [RST" : " [!RST");
    if (length > 30) out.byte(0x2b);
    out.byte(0x20);
    printChars(out, tcp.data, headerEnd, headerEnd + Math.min(length, 30), tcp.end);
    out.byte(0x5d);
    return;
  }
  const error = ctx.error;
  const cut = error !== undefined && error.offset === headerEnd && error.code === "truncated";
  if (
    next === undefined && length > 0 && (headerEnd >= tcp.end || cut) &&
    printEmptyPayload(ctx, true, tcp.sourcePort, tcp.destinationPort, length, tcp.end - headerEnd)
  ) {
    // tcp_print() hands a payload it has none of to the port's printer all the same.
    ctx.error = undefined;
    return;
  }
  if (next !== undefined) {
    // An application layer decoded (DNS, HTTP...): its printer goes on, but tcpdump
    // prints no text protocol in an empty segment nor, at -v, after a reset.
    if (length > 0 && ((flags & 0x04) === 0 || ctx.verbose === 0)) ctx.done = false;
    else if (!TEXT_KINDS.has(next.kind)) ctx.done = false;
  }
}

/**
 * Whether the packet goes the reverse way of its connection key, which holds the
 * addresses and ports in tcpdump's order: the lower port first, or on equal ports the
 * lower address.
 */
function isReverse(ctx: PrintContext, tcp: Tcp): boolean {
  if (tcp.sourcePort !== tcp.destinationPort) return tcp.sourcePort > tcp.destinationPort;
  const d = ctx.data;
  const at = ctx.addressAt;
  const size = ctx.ipVersion === 4 ? 4 : 16;
  for (let i = 0; i < size; i++) {
    const a = d[at + i]!;
    const b = d[at + size + i]!;
    if (a !== b) return a > b;
  }
  return false;
}

/** Looks the packet's connection up by its key, the same both ways. */
function findConnection(ctx: PrintContext, tcp: Tcp, reverse: boolean): number {
  const at = ctx.addressAt;
  const size = ctx.ipVersion === 4 ? 4 : 16;
  return reverse
    ? ctx.connections.find(ctx.data, at + size, at, size, tcp.destinationPort, tcp.sourcePort)
    : ctx.connections.find(ctx.data, at, at + size, size, tcp.sourcePort, tcp.destinationPort);
}

/**
 * Whether a header of 32 bytes has NOP, NOP and a timestamps option of 10 bytes, the
 * options of most segments of a connection.
 */
function isNopNopTimestamps(tcp: Tcp): boolean {
  const d = tcp.data;
  const at = tcp.offset + 20;
  return d[at] === 1 && d[at + 1] === 1 && d[at + 2] === TcpOptionKind.TIMESTAMPS &&
    d[at + 3] === 10;
}

/** The option walk of every packet: printing is not reentrant. */
const cursor = new TcpOptionCursor();

/**
 * The options as tcpdump's tcp_print() writes them, walked with the cursor (nothing is
 * allocated); SACK blocks relative to `sackBase` (an int32: a number of 2^31 or more passed
 * to a function is a heap allocation) when `relative`; `cut` when the capture ends before
 * the segment does. Returns `true` when the capture ended inside the options (nothing more
 * is printed).
 */
function tcpOptions(
  ctx: PrintContext,
  tcp: Tcp,
  sackBase: number,
  relative: boolean,
  cut: boolean,
): boolean {
  const out = ctx.out;
  if (tcp.dataOffset === 8 && tcp.headerLength === 32 && isNopNopTimestamps(tcp)) {
    // The options of most segments of a connection: what the walk below prints for them,
    // in one go.
    out.reserve(NOP_NOP_TS.length + 32);
    const b = out.bytes;
    const value = readWord32(tcp.data, tcp.offset + 24);
    const p = putText(b, putUint32(b, putText(b, out.length, NOP_NOP_TS), value), TS_ECR);
    const end = putUint32(b, p, readWord32(tcp.data, tcp.offset + 28));
    b[end] = 0x5d;
    out.length = end + 1;
    return false;
  }
  out.append(OPTIONS);
  let first = true;
  const option = cursor.reset(tcp);
  const d = option.data;
  for (; option.next(); first = false) {
    if (!first) out.byte(0x2c);
    const size = option.dataSize;
    if (size >= 0 && option.name !== "truncated" && option.name !== "malformed") {
      // A kind of fixed size (mss, TS...): tcpdump reads that size whatever the length byte
      // says, notes a length that disagrees, and walks on from the end of what it read.
      out.ascii(TCP_OPTION_NAMES.get(option.kind)!);
      if (size > option.bytesLeft) return badOption(ctx, first);
      fixedValues(ctx, option, cut);
      if (option.length !== size + 2) {
        out.ascii("[len ");
        out.uint(option.length);
        out.byte(0x5d);
        option.seek(option.offset + 2 + size);
      }
      continue;
    }
    switch (option.name) {
      case "nop":
        out.append(NOP);
        break;
      case "eol":
        out.ascii("eol");
        break;
      case "truncated":
        // The capture ends inside the header: tcpdump names an option whose length it
        // read, then gives up on the packet.
        ctx.error = undefined;
        if (option.length === 0) {
          ctx.linkEnd = ctx.start;
          truncated(ctx, "tcp");
          return true;
        }
        out.ascii(TCP_OPTION_NAMES.get(option.kind) ?? `unknown-${option.kind}`);
        cutOptionValues(ctx, option, sackBase, relative);
        truncated(ctx, "tcp");
        if (!first) out.byte(0x3e);
        return true;
      case "malformed":
        // An option whose length is below 2 or runs past the header.
        return badOption(ctx, first);
      case "sack":
        out.ascii("sack ");
        out.uint(option.sackBlocks);
        out.byte(0x20);
        sackBlocks(ctx, option, option.sackBlocks, sackBase, relative);
        break;
      case "fast-open": {
        // The experimental kind 254 names its experiment: exp-tfo.
        out.ascii(option.kind === TcpOptionKind.FAST_OPEN ? "tfo " : "exp-tfo");
        const cookie = option.valueEnd - option.valueStart;
        if (cookie === 0) out.ascii(" cookiereq");
        else if (cookie % 2 !== 0 || cookie < 4 || cookie > 16) out.ascii(" (invalid)");
        else {
          out.ascii(" cookie ");
          out.hexBytes(d, option.valueStart, option.valueEnd);
        }
        break;
      }
      default:
        if (option.kind === TcpOptionKind.MPTCP) {
          out.ascii("mptcp");
          if (!printMptcpOption(ctx, d, option.offset, option.length, tcp.flags)) {
            return badOption(ctx, first);
          }
          break;
        }
        rawOption(ctx, option.kind, d, option.valueStart, option.valueEnd);
        break;
    }
  }
  out.byte(0x5d);
  return false;
}

/** SACK's first `blocks` blocks, `{left:right}` each, relative to `sackBase` when `relative`. */
function sackBlocks(
  ctx: PrintContext,
  option: TcpOptionCursor,
  blocks: number,
  sackBase: number,
  relative: boolean,
): void {
  const out = ctx.out;
  for (let i = 0; i < blocks; i++) {
    const left = option.sackLeft(i);
    const right = option.sackRight(i);
    out.byte(0x7b);
    out.uint(relative ? (left - sackBase) >>> 0 : left);
    out.byte(0x3a);
    out.uint(relative ? (right - sackBase) >>> 0 : right);
    out.byte(0x7d);
  }
}

/**
 * What tcpdump prints after the name of an option that the capture cuts: the values it
 * reads one at a time before its read past the capture (SACK's blocks, TCP-AO's fields,
 * the bytes of a kind it prints in hex); a kind whose whole size it checks first, nothing.
 */
function cutOptionValues(
  ctx: PrintContext,
  option: TcpOptionCursor,
  sackBase: number,
  relative: boolean,
): void {
  const out = ctx.out;
  const start = option.offset + 2;
  const captured = option.valueEnd;
  const length = option.length - 2;
  switch (option.kind) {
    case TcpOptionKind.TCP_AO:
      return tcpAoValues(ctx, option.data, start, captured, length);
    case TcpOptionKind.SACK:
      if (length % 8 !== 0) return out.ascii(" invalid sack");
      out.byte(0x20);
      out.uint(length / 8);
      out.byte(0x20);
      return sackBlocks(ctx, option, (captured - start) >> 3, sackBase, relative);
    case TcpOptionKind.MPTCP:
    case TcpOptionKind.FAST_OPEN:
    case EXPERIMENT2:
      return;
  }
  if (option.dataSize >= 0 || length === 0) return;
  out.ascii(" 0x");
  out.hexBytes(option.data, start, Math.min(captured, start + length));
}

/**
 * A TCP-AO option's key IDs and MAC (which tcpdump 4.99 cannot check), after its name: of
 * `length` data bytes from `start`, those captured before `captured`, as tcpdump reads
 * them one by one.
 */
function tcpAoValues(
  ctx: PrintContext,
  data: Uint8Array,
  start: number,
  captured: number,
  length: number,
): void {
  const out = ctx.out;
  if (length < 2) return out.ascii(" (invalid)");
  if (captured > start) out.ascii(` keyid ${data[start]}`);
  if (captured > start + 1) out.ascii(` rnextkeyid ${data[start + 1]}`);
  if (length > 2 && captured > start + 1) {
    out.ascii(" mac 0x");
    out.hexBytes(data, start + 2, Math.min(captured, start + length));
  }
}

/**
 * tcpdump's `bad:` exit: "[bad opt]", the list closed when an option came before, and
 * nothing more printed for the segment. Returns `true`.
 */
function badOption(ctx: PrintContext, first: boolean): true {
  ctx.out.ascii("[bad opt]");
  if (!first) ctx.out.byte(0x5d);
  return true;
}

/**
 * The values of an option of a kind of fixed size, after its name, read at that size from
 * the option's data (which the header holds).
 */
function fixedValues(ctx: PrintContext, option: TcpOptionCursor, cut: boolean): void {
  const out = ctx.out;
  switch (option.kind) {
    case TcpOptionKind.TIMESTAMPS: {
      out.reserve(32);
      const b = out.bytes;
      const p = putText(
        b,
        putUint32(b, putText(b, out.length, TS_VALUE), option.value | 0),
        TS_ECR,
      );
      out.length = putUint32(b, p, option.echo | 0);
      break;
    }
    case TcpOptionKind.MSS:
      out.byte(0x20);
      out.uint(option.mss);
      break;
    case TcpOptionKind.WINDOW_SCALE:
      out.byte(0x20);
      out.uint(option.shift);
      break;
    case TcpOptionKind.SACK_PERMITTED:
      break;
    case TcpOptionKind.MD5:
      // tcpdump (built with libcrypto) tries to verify the signature at any verbosity.
      out.ascii(cut ? " snaplen too short, " : " shared secret not supplied with -M, ");
      out.ascii("can't check - ");
      out.hexBytes(option.data, option.offset + 2, option.offset + 18);
      break;
    case TcpOptionKind.USER_TIMEOUT: {
      // tcpdump reads the granularity from the low bit: " 0x<raw> <seconds>".
      const value = (option.minutes ? 0x8000 : 0) | option.timeout;
      out.ascii(" 0x");
      out.hex(value);
      out.byte(0x20);
      out.uint((value & 1) !== 0 ? (value >> 1) * 60 : value >> 1);
      break;
    }
    case SCPS:
      out.ascii(" cap ");
      out.ascii(hex2(option.byteAt(0)));
      out.ascii(" id ");
      out.uint(option.byteAt(1));
      break;
    default:
      // The obsolete echo, echo reply and connection-count options: one 32-bit value.
      out.byte(0x20);
      out.uint(option.value);
  }
}

/**
 * An option of variable size kept raw, its bytes after kind and length from `start` to
 * `end`: SACK or Fast Open of a bad length, or a kind tcpdump shows in hex.
 */
function rawOption(
  ctx: PrintContext,
  kind: number,
  data: Uint8Array,
  start: number,
  end: number,
): void {
  const out = ctx.out;
  const length = end - start;
  if (kind === TcpOptionKind.TCP_AO) {
    out.ascii("tcp-ao");
    tcpAoValues(ctx, data, start, end, length);
    return;
  }
  if (kind === EXPERIMENT2 && length >= 2) {
    // RFC 6994's experiment ID (TCP Fast Open's is decoded as such).
    out.ascii(`exp-${hex2(data[start]!)}${hex2(data[start + 1]!)}`);
    return;
  }
  if (kind === TcpOptionKind.SACK) {
    // Not whole blocks; no block at all is "0 ".
    out.ascii(length % 8 !== 0 ? "sack invalid sack" : "sack 0 ");
    return;
  }
  if (kind === TcpOptionKind.FAST_OPEN) {
    // A cookie of an odd length, or below 4 or above 16 bytes (as the named option's).
    out.ascii("tfo  (invalid)");
    return;
  }
  out.ascii("unknown-");
  out.uint(kind);
  if (length > 0) {
    out.ascii(" 0x");
    out.hexBytes(data, start, end);
  }
}

/** The second experimental option kind (RFC 4727), with an RFC 6994 experiment ID. */
const EXPERIMENT2 = 254;

/** The SCPS capabilities option (kind 20), which tcpdump prints. */
const SCPS = 20;

/** tcpdump's tcp_option_values names. */
const TCP_OPTION_NAMES: ReadonlyMap<number, string> = new Map([
  [2, "mss"],
  [3, "wscale"],
  [4, "sackOK"],
  [5, "sack"],
  [6, "echo"],
  [7, "echoreply"],
  [8, "TS"],
  [11, "cc"],
  [12, "ccnew"],
  [13, ""],
  [19, "md5"],
  [20, "scps"],
  [28, "uto"],
  [29, "tcp-ao"],
  [30, "mptcp"],
  [34, "tfo"],
  [254, "exp"],
]);
