/**
 * DNS (and mDNS) as tcpdump's domain_print() writes it: over TCP the length-prefix
 * check, then the header line (ID, opcode, response code and flags, counts), the
 * questions and, for responses (and with `-vv` for all), the records. Reads the header
 * fields of the {@linkcode Dns} layer; the sections are printed by `_dns_records.ts` as far
 * as the bytes go, and a message cut short ends with ` [|domain]`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Dns } from "../../app/dns.ts";
import { captured, invalid, truncated, truncatedRead } from "../_truncation.ts";
import { DnsWalk, NULL } from "./_dns_records.ts";

/** The walk of every message: printing is not reentrant. */
const walk = new DnsWalk();

const OPCODES = [
  "",
  " inv_q",
  " stat",
  " op3",
  " notify",
  " update",
  " op6",
  " op7",
  " op8",
  " updateA",
  " updateD",
  " updateDA",
  " updateM",
  " updateMA",
  " zoneInit",
  " zoneRef",
];

// As tcpdump 4.99.3 spells them, two without their leading space.
const RCODES = [
  "",
  " FormErr",
  " ServFail",
  " NXDomain",
  " NotImp",
  " Refused",
  " YXDomain",
  " YXRRSet",
  " NXRRSet",
  " NotAuth",
  " NotZone",
  " Resp11",
  " Resp12",
  " Resp13",
  " Resp14",
  " NoChange",
  " BadVers",
  "Resp17",
  " Resp18",
  " Resp19",
  " Resp20",
  "Resp21",
  " Resp22",
  " BadCookie",
];

/**
 * Prints a DNS message after its transport header: over UDP the text follows the
 * `src > dst: ` part (and any `[udp sum ok] `); over TCP it follows `length N`.
 *
 * @param ctx The print context.
 * @param dns The layer (complete, or partial when its header was cut short or its TCP
 * length prefix is below 12).
 */
export function printDns(ctx: PrintContext, dns: Dns): void {
  const out = ctx.out;
  ctx.done = true;
  let length = dns.wireLength;
  let bp = dns.offset;
  if (dns.transport === "tcp") {
    if (length < 2) {
      out.ascii(` [DNS over TCP: length ${length} < 2]`);
      return invalid(ctx);
    }
    length -= 2;
    // domain_print() reads the prefix with a bounds-checked read.
    if (!captured(dns.end, bp, 2)) return truncatedRead(ctx, "domain");
    if (dns.messageLength !== length) {
      out.ascii(` [prefix length(${dns.messageLength}) != length(${length})]`);
      return invalid(ctx);
    }
    bp += 2;
    out.byte(0x20);
  }
  if (length < 12) {
    out.ascii(`domain [length ${length} < 12]`);
    return invalid(ctx);
  }
  if (!captured(dns.end, bp, 12)) return truncated(ctx, "domain");
  if (!message(walk.reset(ctx, dns), dns, bp)) truncated(ctx, "domain");
  else {
    out.ascii(" (");
    out.uint(length);
    out.byte(0x29);
  }
}

/** The header line and the sections; `false` when the bytes ran out. */
function message(walk: DnsWalk, dns: Dns, bp: number): boolean {
  const ctx = walk.ctx;
  const out = ctx.out;
  const verbose = ctx.verbose;
  let qd = dns.questionCount;
  const an = dns.answerCount;
  const ns = dns.authorityCount;
  const ar = dns.additionalCount;
  let cp = bp + 12;
  out.uint(dns.id);
  out.ascii(OPCODES[dns.opcode]!);
  if (dns.response) {
    const rcode = extendedRcode(walk, bp + 12, dns);
    out.ascii(RCODES[rcode] ?? ` Resp${rcode & 0xfff}`);
    if (dns.authoritative) out.byte(0x2a);
    if (!dns.recursionAvailable) out.byte(0x2d);
    if (dns.truncation) out.byte(0x7c);
    if (dns.authenticData) out.byte(0x24);
    if (qd !== 1) out.ascii(` [${qd}q]`);
    for (let k = 0; k < qd; k++) {
      if (k !== 0) out.byte(0x2c);
      if (verbose > 1) {
        out.ascii(" q:");
        cp = walk.question(cp, bp);
      } else {
        cp = walk.skipName(cp);
        if (cp !== NULL) cp += 4;
      }
      if (cp === NULL) return false;
    }
    out.byte(0x20);
    out.uint(an);
    out.byte(0x2f);
    out.uint(ns);
    out.byte(0x2f);
    out.uint(ar);
    cp = records(walk, cp, bp, an, "");
    if (cp !== NULL && verbose > 1) cp = records(walk, cp, bp, ns, " ns:");
    if (cp !== NULL && verbose > 1) cp = records(walk, cp, bp, ar, " ar:");
    return cp !== NULL;
  }
  if (dns.recursionDesired) out.byte(0x2b);
  if (dns.checkingDisabled) out.byte(0x25);
  if ((dns.flags & 0x6cf) !== 0) out.ascii(` [b2&3=0x${dns.flags.toString(16)}]`);
  if (dns.opcode === 1) {
    if (qd !== 0) out.ascii(` [${qd}q]`);
    if (an !== 1) out.ascii(` [${an}a]`);
  } else {
    if (an !== 0) out.ascii(` [${an}a]`);
    if (qd !== 1) out.ascii(` [${qd}q]`);
  }
  if (ns !== 0) out.ascii(` [${ns}n]`);
  if (ar !== 0) out.ascii(` [${ar}au]`);
  for (let first = true; qd > 0 && (first || cp < walk.end); first = false, qd--) {
    cp = walk.question(cp, bp);
    if (cp === NULL) return false;
  }
  if (qd > 0) return false;
  if (verbose > 1) {
    cp = records(walk, cp, bp, an, "");
    if (cp !== NULL) cp = records(walk, cp, bp, ns, " ns:");
    if (cp !== NULL) cp = records(walk, cp, bp, ar, " ar:");
  }
  return cp !== NULL;
}

/** Prints `count` records separated by commas; returns the offset, or NULL when cut. */
function records(walk: DnsWalk, cp: number, bp: number, count: number, label: string): number {
  if (count === 0) return cp;
  if (label !== "" && !(cp < walk.end)) return NULL;
  walk.ctx.out.ascii(label);
  cp = walk.record(cp, bp);
  for (count--; cp !== NULL && cp < walk.end && count > 0; count--) {
    walk.ctx.out.byte(0x2c);
    cp = walk.record(cp, bp);
  }
  return cp === NULL || count > 0 ? NULL : cp;
}

/** The response code with the extended bits of an OPT record, found as tcpdump looks for it. */
function extendedRcode(walk: DnsWalk, cp: number, dns: Dns): number {
  const rcode = dns.responseCode;
  const end = walk.end;
  for (let k = 0; k < dns.questionCount; k++) {
    cp = walk.skipName(cp);
    if (cp === NULL || (cp += 4) >= end) return rcode;
  }
  for (let k = 0; k < dns.answerCount + dns.authorityCount; k++) {
    cp = walk.skipName(cp);
    if (cp === NULL || (cp += 8) + 2 > end) return rcode;
    cp += 2 + walk.u16(cp);
    if (cp >= end) return rcode;
  }
  for (let k = 0; k < dns.additionalCount; k++) {
    cp = walk.skipName(cp);
    if (cp === NULL || cp + 2 > end) return rcode;
    const type = walk.u16(cp);
    cp += 4;
    if (cp + 1 > end) return rcode;
    if (type === 41) return rcode | (walk.data[cp]! << 4);
    cp += 4;
    if (cp + 2 > end) return rcode;
    cp += 2 + walk.u16(cp);
    if (cp >= end) return rcode;
  }
  return rcode;
}
