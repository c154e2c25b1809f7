/**
 * SLIP pseudo-headers as tcpdump's sl_if_print() and sl_bsdos_if_print() write them. With
 * `-e`, the direction and the packet type; for compressed TCP, what changed (print-sl.c's
 * compressed_sl_print()), with the data lengths it remembers from packet to packet.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Slip, type SlipBsdos, SlipType } from "../../link/slip.ts";
import { truncatedRead } from "../_truncation.ts";

/** The bits of a compressed packet's first byte (RFC 1144): what changed. */
const NEW_C = 0x40;
const NEW_I = 0x20;
const NEW_S = 0x08;
const NEW_A = 0x04;
const NEW_W = 0x02;
const NEW_U = 0x01;
const SPECIALS_MASK = NEW_S | NEW_A | NEW_W | NEW_U;
/** Echoed interactive traffic. */
const SPECIAL_I = NEW_S | NEW_W | NEW_U;
/** Unidirectional data. */
const SPECIAL_D = NEW_S | NEW_A | NEW_W | NEW_U;

/**
 * What print-sl.c keeps from packet to packet: the last connection number, and the data
 * length of each connection's last packet in each direction.
 */
interface SlipState {
  lastConnection: number;
  lastLength: [Uint32Array, Uint32Array];
}

// One state per printer, as tcpdump keeps one per run.
const states = new WeakMap<PrintContext, SlipState>();

function stateOf(ctx: PrintContext): SlipState {
  let state = states.get(ctx);
  if (state === undefined) {
    state = { lastConnection: 255, lastLength: [new Uint32Array(256), new Uint32Array(256)] };
    states.set(ctx, state);
  }
  return state;
}

/** Thrown where tcpdump's bounds checks end the packet. */
const CUT = Symbol("cut");

/**
 * Prints a SLIP pseudo-header (with `-e`), then `ip vN` for a packet that is neither IPv4
 * nor IPv6, or ` [|slip]` when none of it was captured; the packet prints after it.
 *
 * @param ctx The print context.
 * @param slip The layer.
 */
export function printSlip(ctx: PrintContext, slip: Slip): void {
  ctx.linkEnd = slip.offset + slip.headerLength;
  try {
    if (ctx.link) slipLink(ctx, slip);
  } catch (error) {
    if (error !== CUT) throw error;
    // tcpdump's bounds checks jump out of the printer: -x then dumps the whole packet.
    truncatedRead(ctx, "slip");
    return;
  }
  const version = slip.ipVersion;
  if (version === -1) truncatedRead(ctx, "slip");
  else if (version !== 4 && version !== 6) {
    ctx.out.ascii(`ip v${version}`);
    // tcpdump prints nothing more: not the bytes after the header either.
    ctx.done = true;
  }
}

/**
 * Prints a BSD/OS SLIP pseudo-header: nothing (tcpdump's printer of it is compiled out),
 * the IPv4 packet prints after it.
 *
 * @param ctx The print context.
 * @param slip The layer.
 */
export function printSlipBsdos(ctx: PrintContext, slip: SlipBsdos): void {
  ctx.linkEnd = slip.offset + slip.headerLength;
}

/** tcpdump's sliplink_print(). Throws `CUT` where tcpdump's bounds checks end the packet. */
function slipLink(ctx: PrintContext, slip: Slip): void {
  const out = ctx.out;
  const state = stateOf(ctx);
  const d = slip.data;
  let direction = slip.direction;
  if (direction === 0) out.ascii("I ");
  else if (direction === 1) out.ascii("O ");
  else {
    out.ascii(`Invalid direction ${direction} `);
    direction = -1;
  }
  const type = slip.packetType;
  // The length tcpdump hands on, less the pseudo-header.
  const length = ctx.originalLength - slip.headerLength;
  switch (type & 0xf0) {
    case SlipType.IP:
      out.ascii(`ip ${ctx.originalLength}: `);
      return;
    case SlipType.UNCOMPRESSED_TCP: {
      // The connection number is in the IP protocol field of the header's copy.
      state.lastConnection = d[slip.offset + 10]!;
      out.ascii(`utcp ${state.lastConnection}: `);
      if (direction === -1) return;
      state.lastLength[direction]![state.lastConnection] = dataLength(slip, length);
      return;
    }
  }
  if (direction === -1) return;
  if ((type & SlipType.COMPRESSED_TCP) === 0) {
    out.ascii(`slip-${type}!: `);
    return;
  }
  compressed(ctx, slip, state, direction, length);
  out.ascii(": ");
}

/**
 * The data length of the TCP segment after the header (the length less the IP and TCP
 * header lengths, unsigned as tcpdump's), once both headers' fixed parts were captured.
 */
function dataLength(slip: Slip, length: number): number {
  const d = slip.data;
  const ip = slip.offset + slip.headerLength;
  if (slip.end - ip < 20) throw CUT;
  const tcp = ip + (d[ip]! & 0x0f) * 4;
  if (slip.end - tcp < 20) throw CUT;
  return (length - ((d[ip]! & 0x0f) + (d[tcp + 12]! >> 4)) * 4) >>> 0;
}

/** tcpdump's compressed_sl_print(): the changes a compressed header states. */
function compressed(
  ctx: PrintContext,
  slip: Slip,
  state: SlipState,
  direction: number,
  length: number,
): void {
  const out = ctx.out;
  const d = slip.data;
  const end = slip.end;
  const start = slip.offset + 1;
  let at = start;
  const flags = d[at++]!;
  if (flags & NEW_C) {
    state.lastConnection = d[at++]!;
    out.ascii(`ctcp ${state.lastConnection}`);
  } else out.ascii("ctcp *");
  // The TCP checksum.
  at += 2;
  // A change is one byte, or a zero byte and two more. As print-sl.c does, a one-byte
  // change does not move past its byte: the next change reads it again.
  const change = (): number => {
    if (at >= end) throw CUT;
    const value = d[at]!;
    if (value !== 0) return value;
    if (at + 3 > end) throw CUT;
    const wide = (d[at + 1]! << 8) | d[at + 2]!;
    at += 3;
    return wide;
  };
  const lastLength = state.lastLength[direction]!;
  switch (flags & SPECIALS_MASK) {
    case SPECIAL_I:
      out.ascii(` *SA+${lastLength[state.lastConnection]}`);
      break;
    case SPECIAL_D:
      out.ascii(` *S+${lastLength[state.lastConnection]}`);
      break;
    default: {
      if (flags & NEW_U) out.ascii(` U=${change()}`);
      if (flags & NEW_W) {
        // A window change is signed when it takes two bytes.
        const wide = at < end && d[at] === 0;
        let window = change();
        if (wide && window >= 0x8000) window -= 0x10000;
        out.ascii(window >= 0 ? ` W+${window}` : ` W${window}`);
      }
      if (flags & NEW_A) out.ascii(` A+${change()}`);
      if (flags & NEW_S) out.ascii(` S+${change()}`);
    }
  }
  if (flags & NEW_I) out.ascii(` I+${change()}`);
  const data = dataLength(slip, length);
  lastLength[state.lastConnection] = data;
  out.ascii(` ${data} (${at - start})`);
}
