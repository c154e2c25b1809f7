/**
 * A Multipath TCP option as tcpdump 4.99's mptcp_print() writes it, after the option's
 * name: its length, its subtype's name, and the fields the subtype's checks accept.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { MptcpOption, MptcpSubtype } from "../../transport/mptcp.ts";

const SYN = 0x02;
const ACK = 0x10;

/** tcpdump's names of the subtypes; any subtype past the last is "unknown". */
const NAMES = [
  "capable",
  "join",
  "dss",
  "add-addr",
  "rem-addr",
  "prio",
  "fail",
  "fast-close",
  "unknown",
];

/** ADD_ADDR's version and echo bits. */
const ECHO_BITS: ReadonlyMap<number, string> = new Map([
  [0x6, "v0-ip6"],
  [0x4, "v0-ip4"],
  [0x1, "v1-echo"],
  [0x0, "v1"],
]);

/**
 * Prints an MPTCP option.
 *
 * @param ctx The print context.
 * @param data The bytes that hold the option.
 * @param offset Where its kind byte is.
 * @param length Its length byte's value.
 * @param flags The segment's TCP flags (which handshake step the option is checked for).
 * @returns `false` when tcpdump finds it malformed (its caller prints "[bad opt]").
 */
export function printMptcpOption(
  ctx: PrintContext,
  data: Uint8Array,
  offset: number,
  length: number,
  flags: number,
): boolean {
  if (length < 3) return false;
  const option = new MptcpOption(data, offset, length);
  const subtype = Math.min(option.subtype, NAMES.length - 1);
  ctx.out.ascii(` ${length} ${NAMES[subtype]}`);
  switch (subtype) {
    case MptcpSubtype.CAPABLE:
      return capable(ctx, option, flags);
    case MptcpSubtype.JOIN:
      return join(ctx, option, flags);
    case MptcpSubtype.DSS:
      return dss(ctx, option, flags);
    case MptcpSubtype.ADD_ADDR:
      return addAddress(ctx, option);
    case MptcpSubtype.REMOVE_ADDR:
      if (length < 4) return false;
      ctx.out.ascii(` id ${option.removedIds.join(" ")}`);
      return true;
    case MptcpSubtype.PRIO:
      if (length !== 3 && length !== 4) return false;
      ctx.out.ascii(option.backup ? " backup" : " non-backup");
      if (length === 4) ctx.out.ascii(` id ${option.addressId}`);
      return true;
    case MptcpSubtype.FAIL:
      if (length !== 12) return false;
      ctx.out.ascii(` seq ${option.uint64(4)}`);
      return true;
    case MptcpSubtype.FAST_CLOSE:
      if (length !== 12) return false;
      ctx.out.ascii(` key 0x${option.uint64(4).toString(16)}`);
      return true;
    default:
      return true;
  }
}

function capable(ctx: PrintContext, option: MptcpOption, flags: number): boolean {
  const length = option.length;
  if (
    !((length === 12 || length === 4) && (flags & SYN) !== 0) &&
    !((length === 20 || length === 22) && (flags & (SYN | ACK)) === ACK)
  ) {
    return false;
  }
  const version = option.version;
  if (version > 1) {
    ctx.out.ascii(` Unknown Version (${version})`);
    return true;
  }
  ctx.out.ascii(` v${version}`);
  if (option.checksumRequired) ctx.out.ascii(" csum");
  if (length === 12 || length >= 20) {
    ctx.out.ascii(` {0x${option.uint64(4).toString(16)}`);
    if (length >= 20) ctx.out.ascii(`,0x${option.uint64(12).toString(16)}`);
    ctx.out.ascii("}");
  }
  return true;
}

function join(ctx: PrintContext, option: MptcpOption, flags: number): boolean {
  const length = option.length;
  if (
    !(length === 12 && (flags & SYN) !== 0) &&
    !(length === 16 && (flags & (SYN | ACK)) === (SYN | ACK)) &&
    !(length === 24 && (flags & ACK) !== 0)
  ) {
    return false;
  }
  const out = ctx.out;
  if (length !== 24) {
    if (option.backup) out.ascii(" backup");
    out.ascii(` id ${option.addressId}`);
  }
  if (length === 12) {
    out.ascii(` token 0x${option.uint32(4).toString(16)} nonce 0x${option.uint32(8).toString(16)}`);
  } else if (length === 16) {
    out.ascii(
      ` hmac 0x${option.uint64(4).toString(16)} nonce 0x${option.uint32(12).toString(16)}`,
    );
  } else {
    out.ascii(" hmac 0x");
    out.hexBytes(option.data, option.offset + 4, option.offset + 24);
  }
  return true;
}

function dss(ctx: PrintContext, option: MptcpOption, flags: number): boolean {
  if (option.length < 4 || (flags & SYN) !== 0) return false;
  const out = ctx.out;
  const fields = option.dss();
  if (fields.fin) out.ascii(" fin");
  // tcpdump writes each field's label before it checks that the option holds the field.
  if (fields.ack !== undefined || fields.short === "ack") out.ascii(" ack ");
  if (fields.ack !== undefined) out.ascii(String(fields.ack));
  if (fields.sequence !== undefined || fields.short === "sequence") out.ascii(" seq ");
  if (fields.sequence !== undefined) out.ascii(String(fields.sequence));
  if (fields.subflowSequence !== undefined) out.ascii(` subseq ${fields.subflowSequence}`);
  if (fields.dataLength !== undefined) out.ascii(` len ${fields.dataLength}`);
  if (fields.checksum !== undefined) out.ascii(` csum 0x${fields.checksum.toString(16)}`);
  return fields.short === undefined && fields.left === 0;
}

function addAddress(ctx: PrintContext, option: MptcpOption): boolean {
  const length = option.length;
  if (![8, 10, 16, 18, 20, 22, 28, 30].includes(length)) return false;
  const out = ctx.out;
  out.ascii(` ${ECHO_BITS.get(option.echoBits) ?? "[bad version/echo]"}`);
  out.ascii(` id ${option.addressId} ${option.address}`);
  // The port follows the address; the HMAC follows the port, or the address without one.
  const portAt = length <= 18 ? 8 : 20;
  const hasPort = length === 10 || length === 18 || length === 22 || length === 30;
  if (hasPort) out.ascii(`:${option.uint16(portAt)}`);
  if (length === 16 || length === 18 || length === 28 || length === 30) {
    out.ascii(` hmac 0x${option.uint64(hasPort ? portAt + 2 : portAt).toString(16)}`);
  }
  return true;
}
