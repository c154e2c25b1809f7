/**
 * PAP and CHAP packets in a PPP payload, as tcpdump's handle_pap() and handle_chap()
 * write them: the code, the identifier, then the fields by code (Peer and Name, Msg,
 * Value and Name), each only when the packet's length holds it.
 *
 * @module
 */

import { readCut, truncatedRead } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { PppFrame } from "../../link/ppp_hdlc.ts";
import { PPP_PAP, type PppAuthField, type PppAuthPacket } from "../../link/ppp_auth.ts";
import { printChars } from "../_chars.ts";

/** PAP's codes (RFC 1334), as tcpdump names them. */
const PAP_CODES: readonly (string | undefined)[] = [undefined, "Auth-Req", "Auth-ACK", "Auth-NACK"];
/** CHAP's codes (RFC 1994), as tcpdump names them. */
const CHAP_CODES: readonly (string | undefined)[] = [
  undefined,
  "Challenge",
  "Response",
  "Success",
  "Fail",
];

/**
 * Prints the PAP or CHAP packet of a PPP payload as handle_pap() or handle_chap() does.
 * A read past the captured bytes ends the packet with ` [|name]`; the checks of the
 * packet's length print tcpdump's own marks (`[|pap]`, `length N > packet size`...).
 *
 * @param ctx The print context.
 * @param frame The PPP layer whose protocol is PAP (`0xc023`) or CHAP (`0xc223`).
 * @param length The payload's length on the wire, after the protocol field.
 * @param name tcpdump's name of the printer, for a read past the captured bytes.
 */
export function printPppAuth(
  ctx: PrintContext,
  frame: PppFrame,
  length: number,
  name: string,
): void {
  const out = ctx.out;
  const pap = frame.protocol === PPP_PAP;
  const tag = pap ? "pap" : "chap";
  if (length < 1) {
    out.ascii(`[|${tag}]`);
    return;
  }
  const packet = frame.authPacket;
  if (packet === undefined) return truncatedRead(ctx, name);
  const code = packet.code;
  if (length < 4) {
    out.ascii(`[|${tag} 0x`);
    out.hex(code, 2);
    out.byte(0x5d);
    return;
  }
  out.ascii(pap ? "PAP, " : "CHAP, ");
  out.ascii((pap ? PAP_CODES : CHAP_CODES)[code] ?? "unknown");
  out.ascii(" (0x");
  out.hex(code, 2);
  out.byte(0x29);
  if (packet.identifier === undefined) return truncatedRead(ctx, name);
  out.ascii(", id ");
  out.uint(packet.identifier);
  if (packet.length === undefined) return truncatedRead(ctx, name);
  const p = { packet, data: frame.data };
  if (pap) papFields(ctx, p, length, name);
  else chapFields(ctx, p, length, name);
}

/** handle_pap(): the length checked against the payload's, then the fields in it. */
function papFields(ctx: PrintContext, p: Packet, length: number, name: string): void {
  const out = ctx.out;
  const { packet } = p;
  const len = packet.length!;
  if (len > length) {
    out.ascii(`, length ${len} > packet size`);
    return;
  }
  if (len < 4) {
    out.ascii(`, length ${len} < PAP header length`);
    return;
  }
  // RFC 1334's least lengths: 6 for a request, 5 for an ACK or NAK.
  const least = packet.code === 1 ? 6 : 5;
  if (packet.code >= 1 && packet.code <= 3 && len < least) {
    out.ascii("[|pap]");
    return;
  }
  if (packet.code === 1) {
    const peer = packet.first;
    if (!counted(ctx, p, 4, peer, len, ", Peer ", name)) return;
    counted(
      ctx,
      p,
      peer!.offset + peer!.length - packet.offset,
      packet.second,
      len,
      ", Name ",
      name,
    );
  } else if (packet.code === 2 || packet.code === 3) {
    counted(ctx, p, 4, packet.message, len, ", Msg ", name);
  }
}

/** handle_chap(): no check of the length, which only sizes the last field. */
function chapFields(ctx: PrintContext, p: Packet, length: number, name: string): void {
  const { packet } = p;
  const code = packet.code;
  if (code === 1 || code === 2) {
    if (!counted(ctx, p, 4, packet.first, length, ", Value ", name, true)) return;
    rest(ctx, p, packet.second!, ", Name ", name);
  } else if (code === 3 || code === 4) {
    rest(ctx, p, packet.message!, ", Msg ", name);
  }
}

/** The packet and the bytes it is read from. */
interface Packet {
  readonly packet: PppAuthPacket;
  readonly data: Uint8Array;
}

/**
 * A field after its length byte, `lengthAt` bytes past the code: nothing when `limit`
 * (counted from the code byte) ends before the length byte or before the field's end;
 * else the label and the bytes. Returns whether the next field may follow.
 */
function counted(
  ctx: PrintContext,
  p: Packet,
  lengthAt: number,
  field: PppAuthField | undefined,
  limit: number,
  label: string,
  name: string,
  hex = false,
): boolean {
  if (limit - lengthAt < 1) return false;
  // The decoder reads the length byte when it is captured.
  if (field === undefined) {
    return readCut(ctx, name);
  }
  if (limit - (lengthAt + 1) < field.length) return false;
  return print(ctx, p, field.offset, field.length, label, name, hex);
}

/** CHAP's Name or Message: the bytes to the packet's length (unsigned in tcpdump). */
function rest(
  ctx: PrintContext,
  p: Packet,
  field: PppAuthField,
  label: string,
  name: string,
): void {
  print(ctx, p, field.offset, field.length < 0 ? Infinity : field.length, label, name, false);
}

/** The label, then `length` bytes as characters or hex; a read past the capture stops it. */
function print(
  ctx: PrintContext,
  p: Packet,
  at: number,
  length: number,
  label: string,
  name: string,
  hex: boolean,
): boolean {
  const out = ctx.out;
  out.ascii(label);
  const end = at + length;
  const stop = Math.max(at, Math.min(end, ctx.end));
  if (hex) out.hexBytes(p.data, at, stop);
  else printChars(out, p.data, at, stop);
  if (end > ctx.end) {
    return readCut(ctx, name);
  }
  return true;
}
