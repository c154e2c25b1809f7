/**
 * CDP messages as tcpdump's cdp_print() writes them: the version, TTL and Device-ID (and
 * the bytes of the other TLVs) at `-n`; one line per TLV with `-v`.
 *
 * @module
 */

import { readUint16, readUint32 } from "../../_bytes.ts";
import { truncated } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Cdp, CdpTlv } from "../../link/cdp.ts";
import { formatIpv6 } from "../../address.ts";

import { hexPrint } from "../_hex.ts";
import { printChar, printChars } from "../_chars.ts";

type ValuePrinter = (ctx: PrintContext, cdp: Cdp, tlv: CdpTlv) => void;

/** TLV names, value printers (none: the value is not printed) and length bounds (-1: none). */
const TLVS: ReadonlyMap<number, readonly [string, ValuePrinter | undefined, number, number]> =
  new Map([
    [0x01, ["Device-ID", quoted, -1, -1]],
    [0x02, ["Address", addresses, -1, -1]],
    [0x03, ["Port-ID", quoted, -1, -1]],
    [0x04, ["Capability", capability, 4, 4]],
    [0x05, ["Version String", version, -1, -1]],
    [0x06, ["Platform", quoted, -1, -1]],
    [0x07, ["Prefixes", prefixes, -1, -1]],
    [0x08, ["Protocol-Hello option", undefined, -1, -1]],
    [0x09, ["VTP Management Domain", quoted, -1, -1]],
    [0x0a, ["Native VLAN ID", (c, p, t) => c.out.uint(readUint16(p.data, t.valueOffset)), 2, 2]],
    [0x0b, ["Duplex", (c, p, t) => c.out.ascii(p.data[t.valueOffset] ? "full" : "half"), 1, 1]],
    [0x0e, ["ATA-186 VoIP VLAN assignment", ata186, 3, 3]],
    [0x0f, ["ATA-186 VoIP VLAN request", ata186, 2, 3]],
    [0x10, ["power consumption", power, 1, 3]],
    [0x11, ["MTU", (c, p, t) => c.out.ascii(`${readUint32(p.data, t.valueOffset)} bytes`), 4, 4]],
    [0x12, ["AVVID trust bitmap", byteHex, 1, 1]],
    [0x13, ["AVVID untrusted ports CoS", byteHex, 1, 1]],
    [0x14, ["System Name", quoted, -1, -1]],
    [0x15, ["System Object ID (not decoded)", undefined, -1, -1]],
    [0x16, ["Management Addresses", addresses, 4, -1]],
    [0x17, ["Physical Location", physicalLocation, 1, -1]],
  ]);

const CAPABILITIES: readonly [number, string][] = [
  [0x01, "Router"],
  [0x02, "Transparent Bridge"],
  [0x04, "Source Route Bridge"],
  [0x08, "L2 Switch"],
  [0x10, "L3 capable"],
  [0x20, "IGMP snooping"],
  [0x40, "L1 capable"],
];

function chars(ctx: PrintContext, cdp: Cdp, from: number, to: number): void {
  printChars(ctx.out, cdp.data, from, to);
}

function quoted(ctx: PrintContext, cdp: Cdp, tlv: CdpTlv): void {
  ctx.out.byte(0x27);
  chars(ctx, cdp, tlv.valueOffset, tlv.valueOffset + tlv.valueLength);
  ctx.out.byte(0x27);
}

function version(ctx: PrintContext, cdp: Cdp, tlv: CdpTlv): void {
  const out = ctx.out;
  out.ascii("\n\t  ");
  for (let i = tlv.valueOffset; i < tlv.valueOffset + tlv.valueLength; i++) {
    const c = cdp.data[i]!;
    if (c === 0x0a) out.ascii("\n\t  ");
    else printChar(out, c);
  }
}

function capability(ctx: PrintContext, cdp: Cdp, tlv: CdpTlv): void {
  const value = readUint32(cdp.data, tlv.valueOffset);
  const names = CAPABILITIES.filter(([bit]) => (value & bit) !== 0).map(([, n]) => n);
  ctx.out.ascii(`(0x${value.toString(16).padStart(8, "0")}): `);
  ctx.out.ascii(names.length === 0 ? "none" : names.join(", "));
}

function ata186(ctx: PrintContext, cdp: Cdp, tlv: CdpTlv): void {
  const at = tlv.valueOffset;
  if (tlv.valueLength === 2) {
    ctx.out.ascii(`unknown 0x${readUint16(cdp.data, at).toString(16).padStart(4, "0")}`);
  } else ctx.out.ascii(`app ${cdp.data[at]}, vlan ${readUint16(cdp.data, at + 1)}`);
}

function power(ctx: PrintContext, cdp: Cdp, tlv: CdpTlv): void {
  let value = 0;
  for (let i = 0; i < tlv.valueLength; i++) value = value * 256 + cdp.data[tlv.valueOffset + i]!;
  ctx.out.ascii(`${(value / 1000).toFixed(2)}W`);
}

function byteHex(ctx: PrintContext, cdp: Cdp, tlv: CdpTlv): void {
  ctx.out.ascii(`0x${cdp.data[tlv.valueOffset]!.toString(16).padStart(2, "0")}`);
}

function physicalLocation(ctx: PrintContext, cdp: Cdp, tlv: CdpTlv): void {
  byteHex(ctx, cdp, tlv);
  if (tlv.valueLength > 1) {
    ctx.out.byte(0x2f);
    chars(ctx, cdp, tlv.valueOffset + 1, tlv.valueOffset + tlv.valueLength);
  }
}

function prefixes(ctx: PrintContext, cdp: Cdp, tlv: CdpTlv): void {
  const out = ctx.out;
  const length = tlv.valueLength;
  if (length % 5 !== 0) {
    out.ascii(` [length ${length} is not a multiple of 5]`);
    return;
  }
  out.ascii(` IPv4 Prefixes (${length / 5}):`);
  for (let at = tlv.valueOffset; at < tlv.valueOffset + length; at += 5) {
    out.byte(0x20);
    out.ipv4(cdp.data, at);
    out.ascii(`/${cdp.data[at + 4]}`);
  }
}

const MISSING = { "num": "num", "pt+pl": "PT+PL", "p+al": "P+AL", "a": "A" } as const;

function addresses(ctx: PrintContext, cdp: Cdp, tlv: CdpTlv): void {
  const out = ctx.out;
  const d = cdp.data;
  const list = cdp.addresses(tlv);
  for (const a of list.addresses) {
    if (a.family === 4) {
      out.ascii(`IPv4 (${a.countdown}) `);
      out.ipv4(d, a.addressOffset);
    } else if (a.family === 6) {
      out.ascii(`IPv6 (${a.countdown}) ${formatIpv6(d, a.addressOffset)}`);
    } else {
      out.ascii(`pt=0x${a.protocolType.toString(16).padStart(2, "0")}, pl=${a.protocolLength}`);
      out.ascii(", pb=");
      for (let i = 0; i < a.protocolLength; i++) {
        out.ascii(` ${d[a.protocolOffset + i]!.toString(16).padStart(2, "0")}`);
      }
      out.ascii(`, al=${a.addressLength}, a=`);
      for (let i = 0; i < a.addressLength; i++) {
        out.ascii(` ${d[a.addressOffset + i]!.toString(16).padStart(2, "0")}`);
      }
    }
    if (a.countdown > 1) out.byte(0x20);
  }
  if (list.missing !== undefined) {
    out.ascii(` (not enough space for ${MISSING[list.missing]})`);
  } else if (list.stray > 0) out.ascii(` (${list.stray} bytes of stray data)`);
}

function plural(n: number): string {
  return n === 1 ? "" : "s";
}

/**
 * Prints a CDP message.
 *
 * @param ctx The print context.
 * @param cdp The layer.
 */
export function printCdp(ctx: PrintContext, cdp: Cdp): void {
  ctx.done = true;
  const out = ctx.out;
  const verbose = ctx.verbose > 0;
  const length = ctx.frameLength >= 0 ? ctx.frameLength : cdp.end - cdp.offset;
  out.ascii(`CDPv${cdp.version}, ttl: ${cdp.ttl}s`);
  if (verbose) {
    out.ascii(`, checksum: 0x${cdp.checksum.toString(16).padStart(4, "0")} (unverified)`);
    out.ascii(`, length ${length}`);
  }
  for (const tlv of cdp.tlvs) {
    if (tlv.problem === "short-header") {
      out.ascii(` (remaining packet length ${tlv.remaining} < 4) (invalid)`);
      return;
    }
    const info = TLVS.get(tlv.type);
    const name = info?.[0] ?? "unknown field type";
    if (tlv.problem === "too-short") {
      if (verbose) {
        out.ascii(`\n\t${name} (0x${tlv.type.toString(16).padStart(2, "0")}), TLV length: `);
        out.ascii(`${tlv.length} byte${plural(tlv.length)} (too short) (invalid)`);
      } else out.ascii(`, ${name} TLV length ${tlv.length} too short (invalid)`);
      return;
    }
    if (tlv.problem === "too-long") {
      out.ascii(` (TLV length ${tlv.length} > ${tlv.remaining}) (invalid)`);
      return;
    }
    const value = tlv.valueLength;
    if (!verbose && tlv.type === 0x01) out.ascii(", Device-ID ");
    else if (verbose) {
      out.ascii(`\n\t${name} (0x${tlv.type.toString(16).padStart(2, "0")}), value length: `);
      out.ascii(`${value} byte${plural(value)}: `);
    }
    let covered = false;
    if (info !== undefined) {
      const [, printer, min, max] = info;
      if ((min > 0 && value < min) || (max > 0 && value > max)) out.ascii(" (malformed TLV)");
      else if (verbose || tlv.type === 0x01) {
        printer?.(ctx, cdp, tlv);
        covered = true;
      }
    }
    if (!covered) hexPrint(ctx, "\n\t  ", tlv.valueOffset, tlv.valueOffset + value);
  }
  if (cdp.end - cdp.offset < length) {
    truncated(ctx, "cdp");
    return;
  }
  if (!verbose) out.ascii(`, length ${length}`);
}
