/**
 * NTP as tcpdump's ntp_print() writes it: version, mode and length, and with `-v` the
 * time message (stratum, poll, timestamps and their differences, MAC) or the control
 * message header. Reads the fields of the {@linkcode Ntp} layer; a message cut short by
 * the snapshot length (a partial decode) ends with ` [|ntp]` where its bytes run out.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Ntp } from "../../app/ntp.ts";
import { captured, invalid, truncated } from "../_truncation.ts";
import { printChars } from "../_chars.ts";

const MODES = [
  "unspecified",
  "symmetric active",
  "symmetric passive",
  "Client",
  "Server",
  "Broadcast",
  "Control Message",
  "Reserved",
];

const LEAP = ["", "+1s", "-1s", "clock unsynchronized"];

/**
 * Prints an NTP message after its transport header.
 *
 * @param ctx The print context.
 * @param ntp The layer (complete, or partial when the capture cut it short).
 */
export function printNtp(ctx: PrintContext, ntp: Ntp): void {
  const out = ctx.out;
  ctx.done = true;
  out.ascii("NTPv");
  out.uint(ntp.version);
  out.ascii(", ");
  out.ascii(MODES[ntp.mode]!);
  out.ascii(", length ");
  out.uint(ntp.wireLength);
  if (ctx.verbose === 0) return;
  out.ascii("\n\tLeap indicator: ");
  out.ascii(LEAP[ntp.leapIndicator]!);
  out.ascii(" (");
  out.uint(ntp.leapIndicator << 6);
  out.byte(0x29);
  if (ntp.mode < 6) timeMessage(ctx, ntp);
  else if (ntp.mode === 6) controlMessage(ctx, ntp);
}

/** ntp_time_print(): the fields of modes 0 to 5. */
function timeMessage(ctx: PrintContext, ntp: Ntp): void {
  const out = ctx.out;
  const bp = ntp.offset;
  const end = ntp.end;
  const length = ntp.wireLength;
  if (length < 48) return invalidMessage(ctx, ntp);
  if (!captured(end, bp + 1, 1)) return truncated(ctx, "ntp");
  const stratum = ntp.stratum;
  out.ascii(", Stratum ");
  out.uint(stratum);
  out.ascii(
    stratum === 0
      ? " (unspecified)"
      : stratum === 1
      ? " (primary reference)"
      : stratum <= 15
      ? " (secondary reference)"
      : " (reserved)",
  );
  if (!captured(end, bp + 2, 1)) return truncated(ctx, "ntp");
  const poll = ntp.poll;
  out.ascii(", poll ");
  out.uint(poll);
  if (poll > -32 && poll < 32) {
    out.ascii(poll >= 0 ? ` (${2 ** poll}s)` : ` (1/${2 ** -poll}s)`);
  }
  if (!captured(end, bp + 3, 1)) return truncated(ctx, "ntp");
  out.ascii(", precision ");
  out.uint(ntp.precision);
  if (!captured(end, bp + 4, 4)) return truncated(ctx, "ntp");
  out.ascii("\n\tRoot Delay: ");
  shortFixed(ctx, ntp.rootDelayBits);
  if (!captured(end, bp + 8, 4)) return truncated(ctx, "ntp");
  out.ascii(", Root dispersion: ");
  shortFixed(ctx, ntp.rootDispersionBits);
  if (!captured(end, bp + 12, 4)) return truncated(ctx, "ntp");
  out.ascii(", Reference-ID: ");
  switch (stratum) {
    case 0:
      out.ascii("(unspec)");
      break;
    case 1:
      printChars(out, ntp.data, bp + 12, bp + 16, end);
      break;
    case 62:
    case 63:
      out.ipv4(ntp.data, bp + 12);
      out.ascii(stratum === 62 ? " INFO_QUERY" : " INFO_REPLY");
      return;
    default:
      out.ascii("0x");
      out.hex(ntp.referenceId, 8);
  }
  const stamps: readonly [string, number, number, number][] = [
    ["\n\t  Reference Timestamp:  ", 16, ntp.referenceSeconds, ntp.referenceFraction],
    ["\n\t  Originator Timestamp: ", 24, ntp.originSeconds, ntp.originFraction],
    ["\n\t  Receive Timestamp:    ", 32, ntp.receiveSeconds, ntp.receiveFraction],
    ["\n\t  Transmit Timestamp:   ", 40, ntp.transmitSeconds, ntp.transmitFraction],
  ];
  for (const [label, at, seconds, fraction] of stamps) {
    if (!captured(end, bp + at, 8)) return truncated(ctx, "ntp");
    out.ascii(label);
    printNtpTime(ctx, seconds, fraction);
  }
  out.ascii("\n\t    Originator - Receive Timestamp:  ");
  delta(ctx, ntp, ntp.receiveSeconds, ntp.receiveFraction);
  out.ascii("\n\t    Originator - Transmit Timestamp: ");
  delta(ctx, ntp, ntp.transmitSeconds, ntp.transmitFraction);
  if (length === 52 || length === 68 || length === 72) {
    const keyId = ntp.keyId;
    if (keyId === undefined) return truncated(ctx, "ntp");
    out.ascii("\n\tKey id: ");
    out.uint(keyId);
    const digest = ntp.digest;
    if (digest === undefined) return;
    if (digest.length < length - 52) return truncated(ctx, "ntp");
    out.ascii("\n\tAuthentication: ");
    out.hexBytes(digest, 0, digest.length);
  } else if (length > 48) {
    out.ascii("\n\t(");
    out.uint(length - 48);
    out.ascii(" more bytes after the header)");
  }
}

/** ntp_control_print(): the header of mode 6. */
function controlMessage(ctx: PrintContext, ntp: Ntp): void {
  const out = ctx.out;
  const bp = ntp.offset;
  const end = ntp.end;
  const length = ntp.wireLength;
  if (length < 12) return invalidMessage(ctx, ntp);
  if (!captured(end, bp + 1, 1)) return truncated(ctx, "ntp");
  out.ascii(ntp.response ? ", Response" : ", Request");
  out.ascii(ntp.error ? ", Error" : ", OK");
  out.ascii(ntp.more ? ", More" : ", Last");
  out.ascii(", OpCode=");
  out.uint(ntp.opcode);
  out.byte(0x0a);
  const fields: readonly [string, number, number][] = [
    ["\tSequence=", 2, ntp.sequence],
    [", Status=", 4, ntp.status],
    [", Assoc.=", 6, ntp.associationId],
    [", Offset=", 8, ntp.dataOffset],
    [", Count=", 10, ntp.count],
  ];
  for (const [label, at, value] of fields) {
    if (!captured(end, bp + at, 2)) return truncated(ctx, "ntp");
    out.ascii(label);
    if (at === 4 && value !== 0) {
      out.ascii("0x");
      out.hex(value);
    } else out.uint(value);
  }
  const count = ntp.count;
  if (12 + count > length) return invalidMessage(ctx, ntp);
  if (count !== 0) {
    if (!captured(end, bp + 12, count)) return truncated(ctx, "ntp");
    out.ascii("\n\tTO-BE-DONE: data not interpreted");
  }
}

/** A message too short for its mode, or whose count runs past it: ` (invalid)`. */
function invalidMessage(ctx: PrintContext, ntp: Ntp): void {
  invalid(ctx);
  if (!captured(ntp.end, ntp.offset, ntp.wireLength)) truncated(ctx, "ntp");
}

/** p_sfix(): the NTP short format as seconds and millionths. */
function shortFixed(ctx: PrintContext, bits: number): void {
  ctx.out.uint(bits >>> 16);
  ctx.out.byte(0x2e);
  ctx.out.padded(Math.trunc(((bits & 0xffff) / 65536) * 1000000), 6);
}

/** The parts per billion of a 32-bit fraction, as tcpdump computes them (in doubles). */
function billionths(ctx: PrintContext, fraction: number): void {
  ctx.out.padded(Math.trunc((fraction / 4294967296) * 1e9), 9);
}

/**
 * Prints an NTP timestamp as tcpdump's p_ntp_time() does: seconds since 1900, their
 * fraction in billionths, and the UTC date when the seconds are not zero.
 *
 * @param ctx The print context.
 * @param seconds The seconds since 1900.
 * @param fraction The fraction of a second, in units of 2^-32 s.
 */
export function printNtpTime(ctx: PrintContext, seconds: number, fraction: number): void {
  const out = ctx.out;
  out.uint(seconds);
  out.byte(0x2e);
  billionths(ctx, fraction);
  if (seconds !== 0) {
    const date = new Date((seconds - 2208988800) * 1000);
    out.ascii(` (${date.toISOString().slice(0, 19)}Z)`);
  }
}

/** p_ntp_delta(): a timestamp minus the originator timestamp, signed. */
function delta(ctx: PrintContext, ntp: Ntp, u: number, uf: number): void {
  const ou = ntp.originSeconds;
  const ouf = ntp.originFraction;
  if (ou === 0 && ouf === 0) {
    printNtpTime(ctx, u, uf);
    return;
  }
  let negative: boolean;
  let i: number;
  let f: number;
  if (u > ou) {
    negative = false;
    i = u - ou;
    f = (uf - ouf) >>> 0;
    if (ouf > uf) i -= 1;
  } else if (u < ou) {
    negative = true;
    i = ou - u;
    f = (ouf - uf) >>> 0;
    if (uf > ouf) i -= 1;
  } else {
    i = 0;
    negative = !(uf > ouf);
    f = negative ? ouf - uf : uf - ouf;
  }
  ctx.out.byte(negative ? 0x2d : 0x2b);
  ctx.out.uint(i);
  ctx.out.byte(0x2e);
  billionths(ctx, f);
}
