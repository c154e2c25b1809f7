/**
 * The names and resource records of a DNS message as tcpdump's print-domain.c writes
 * them (fqdn_print, ns_rprint, eopt_print), quirks included: tcpdump walks the message's
 * bytes rather than its parsed sections, so that a cut or malformed message prints as far
 * as its bytes go. Private to `lib/print/`.
 *
 * @module
 */

import { readUint32 } from "../../_bytes.ts";
import { formatIpv6 } from "../../address.ts";
import type { Dns } from "../../app/dns.ts";
import type { PrintContext } from "../context.ts";
import type { ByteWriter } from "../_writer.ts";
import { relativeTime } from "../_shared.ts";
import { captured } from "../_truncation.ts";
import { printChars } from "../_chars.ts";
import { ednsOption } from "./_dns_edns.ts";

/** What the walk functions return when the bytes ran out or were bad (tcpdump's NULL). */
export const NULL = -1;

const dnsTypes: Record<number, string> = {
  1: "A",
  2: "NS",
  3: "MD",
  4: "MF",
  5: "CNAME",
  6: "SOA",
  7: "MB",
  8: "MG",
  9: "MR",
  10: "NULL",
  11: "WKS",
  12: "PTR",
  13: "HINFO",
  14: "MINFO",
  15: "MX",
  16: "TXT",
  17: "RP",
  18: "AFSDB",
  19: "X25",
  20: "ISDN",
  21: "RT",
  22: "NSAP",
  23: "NSAP_PTR",
  24: "SIG",
  25: "KEY",
  26: "PX",
  27: "GPOS",
  28: "AAAA",
  29: "LOC",
  30: "NXT",
  31: "EID",
  32: "NIMLOC",
  33: "SRV",
  34: "ATMA",
  35: "NAPTR",
  36: "KX",
  37: "CERT",
  38: "A6",
  39: "DNAME",
  40: "SINK",
  41: "OPT",
  42: "APL",
  43: "DS",
  44: "SSHFP",
  45: "IPSECKEY",
  46: "RRSIG",
  47: "NSEC",
  48: "DNSKEY",
  99: "SPF",
  100: "UINFO",
  101: "UID",
  102: "GID",
  103: "UNSPEC",
  104: "UNSPECA",
  249: "TKEY",
  250: "TSIG",
  251: "IXFR",
  252: "AXFR",
  253: "MAILB",
  254: "MAILA",
  255: "ANY",
  256: "URI",
};

/** tcpdump's names of the DNS classes (ns_class2str). */
export const dnsClasses: Record<number, string> = { 1: "IN", 3: "CHAOS", 4: "HS", 255: "ANY" };

/**
 * Writes ` ` and a record type's name (`Type<n>` for an unnamed one).
 *
 * @param out The output.
 * @param type The record type.
 */
export function typeName(out: ByteWriter, type: number): void {
  out.byte(0x20);
  const name = dnsTypes[type];
  if (name !== undefined) out.ascii(name);
  else {
    out.ascii("Type");
    out.uint(type);
  }
}

/**
 * Walks one DNS message: its bytes, where they end, and the output. One walk serves every
 * message, `reset()` for each (printing is not reentrant), so that none is allocated.
 */
export class DnsWalk {
  ctx!: PrintContext;
  data: Uint8Array = new Uint8Array(0);
  /** Where the captured bytes end. */
  end = 0;
  /** Multicast DNS: the top bit of the class is a flag. */
  mdns = false;

  /**
   * Starts a walk over a decoded message.
   *
   * @param ctx The print context.
   * @param dns The layer.
   * @returns This walk.
   */
  reset(ctx: PrintContext, dns: Dns): this {
    this.ctx = ctx;
    this.data = dns.data;
    this.end = dns.snapEnd;
    this.mdns = dns.multicast;
    return this;
  }

  /**
   * Starts a walk over names outside a DNS message (HNCP's DHCP options).
   *
   * @param ctx The print context.
   * @param data The bytes.
   * @param end Where the captured bytes end.
   * @returns This walk.
   */
  resetBytes(ctx: PrintContext, data: Uint8Array, end: number): this {
    this.ctx = ctx;
    this.data = data;
    this.end = end;
    this.mdns = false;
    return this;
  }

  has(at: number, length: number): boolean {
    return captured(this.end, at, length);
  }

  u16(at: number): number {
    return (this.data[at]! << 8) | this.data[at + 1]!;
  }

  /** ns_nskip(): the offset after a name, or NULL. */
  skipName(cp: number): number {
    if (!this.has(cp, 1)) return NULL;
    let i = this.data[cp++]!;
    while (i !== 0) {
      const type = i & 0xc0;
      if (type === 0xc0) return cp + 1;
      if (type === 0x40) {
        if ((i & 0x3f) !== 1 || !this.has(cp, 1)) return NULL;
        const bits = this.data[cp]! || 256;
        cp += 1 + Math.floor((bits + 7) / 8);
      } else if (type === 0x80) return NULL;
      else cp += i;
      if (!this.has(cp, 1)) return NULL;
      i = this.data[cp++]!;
    }
    return cp;
  }

  /** blabel_print(): a bit-string label. */
  bitLabel(cp: number): number {
    const out = this.ctx.out;
    if (!this.has(cp, 1)) return NULL;
    const bitLength = this.data[cp]! || 256;
    const limit = cp + 1 + Math.floor((bitLength + 3) / 4);
    out.ascii("\\[x");
    let bitp = cp + 1;
    let bits = bitLength;
    for (; bitp < limit && bits > 7; bits -= 8, bitp++) {
      if (!this.has(bitp, 1)) return NULL;
      out.hex(this.data[bitp]!, 2);
    }
    if (bits > 0) {
      if (!this.has(bitp, 1)) return NULL;
      const tc = this.data[bitp]!;
      if (bits > 4) out.hex(tc & ((0xff << (8 - bits)) & 0xff), 2);
      else out.hex(((tc >> 4) & 0x0f) & (0x0f << (4 - bits)));
    }
    out.ascii(`/${bitLength}]`);
    return limit;
  }

  /** labellen(): a label's length, or NULL (printing why). */
  labelLength(cp: number): number {
    if (!this.has(cp, 1)) return NULL;
    const i = this.data[cp]!;
    const type = i & 0xc0;
    if (type === 0x40) {
      const elt = i & 0x3f;
      if (elt !== 1) {
        this.ctx.out.ascii(`<ELT ${elt}>`);
        return NULL;
      }
      if (!this.has(cp + 1, 1)) return NULL;
      return Math.floor(((this.data[cp + 1]! || 256) + 7) / 8) + 1;
    }
    if (type === 0xc0 || type === 0) return i;
    this.ctx.out.ascii("<BAD LABEL TYPE>");
    return NULL;
  }

  /** fqdn_print(): prints a name; returns the offset after it, or NULL. */
  name(cp: number, bp: number): number {
    const out = this.ctx.out;
    const data = this.data;
    let l = this.labelLength(cp);
    if (l === NULL || !this.has(cp, 1)) return NULL;
    // tcpdump's max_offset is unsigned: a name before `bp` (HNCP passes the end of its
    // option) may point anywhere after `bp`.
    let maxOffset = (cp - bp) >>> 0;
    let i = data[cp++]!;
    let rp = NULL;
    let compress = false;
    let nameChars = 0;
    if ((i & 0xc0) !== 0xc0) rp = cp + l;
    if (i === 0) {
      out.byte(0x2e);
      return rp;
    }
    while (i !== 0 && cp < this.end) {
      const type = i & 0xc0;
      if (type === 0xc0) {
        if (!compress) {
          rp = cp + 1;
          compress = true;
        }
        if (!this.has(cp, 1)) return NULL;
        const offset = ((i << 8) | data[cp]!) & 0x3fff;
        if (offset >= maxOffset) {
          out.ascii("<BAD PTR>");
          return NULL;
        }
        maxOffset = offset;
        cp = bp + offset;
        if (!this.has(cp, 1)) return NULL;
        i = data[cp]!;
        l = this.labelLength(cp);
        if (l === NULL) return NULL;
        cp++;
        continue;
      }
      if (type === 0x40) {
        if (this.bitLabel(cp) === NULL) return NULL;
      } else if (type === 0x80) {
        out.ascii("<BAD LABEL TYPE>");
        return NULL;
      } else {
        if (nameChars + l <= 255) {
          if (printChars(out, data, cp, cp + l, this.end)) return NULL;
        } else if (nameChars < 255) {
          if (printChars(out, data, cp, cp + 255 - nameChars, this.end)) return NULL;
        }
        nameChars += l;
      }
      cp += l;
      if (nameChars <= 255) out.byte(0x2e);
      nameChars++;
      if (!this.has(cp, 1)) return NULL;
      i = data[cp]!;
      l = this.labelLength(cp);
      if (l === NULL) return NULL;
      cp++;
      if (!compress) rp += l + 1;
    }
    if (nameChars > 255) out.ascii("<DOMAIN NAME TOO LONG>");
    return rp;
  }

  /** ns_cprint(): a character-string. */
  characterString(cp: number): number {
    if (!this.has(cp, 1)) return NULL;
    const i = this.data[cp++]!;
    if (printChars(this.ctx.out, this.data, cp, cp + i, this.end)) return NULL;
    return cp + i;
  }

  /** ns_qprint(): one question. */
  question(cp: number, bp: number): number {
    const out = this.ctx.out;
    const np = cp;
    cp = this.skipName(cp);
    if (cp === NULL || !this.has(cp, 4)) return NULL;
    const type = this.u16(cp);
    typeName(out, type);
    const raw = this.u16(cp + 2);
    const klass = this.mdns ? raw & 0x7fff : raw;
    if (klass !== 1) out.ascii(` ${dnsClasses[klass] ?? `(Class ${klass})`}`);
    if (this.mdns) out.ascii((raw & 0x8000) !== 0 ? " (QU)" : " (QM)");
    out.ascii("? ");
    const rp = this.name(np, bp);
    return rp === NULL ? NULL : rp + 4;
  }

  /** ns_rprint(): one resource record. */
  record(cp: number, bp: number): number {
    const ctx = this.ctx;
    const out = ctx.out;
    const data = this.data;
    if (ctx.verbose > 0) {
      out.byte(0x20);
      cp = this.name(cp, bp);
      if (cp === NULL) return NULL;
    } else {
      cp = this.skipName(cp);
    }
    if (cp === NULL || !this.has(cp, 10)) return this.end;
    const type = this.u16(cp);
    const raw = this.u16(cp + 2);
    cp += 4;
    const klass = this.mdns ? raw & 0x7fff : raw;
    if (klass !== 1 && type !== 41) out.ascii(` ${dnsClasses[klass] ?? `(Class ${klass})`}`);
    if (this.mdns && (raw & 0x8000) !== 0) out.ascii(" (Cache flush)");
    const optFlags = type === 41 ? this.u16(cp + 2) : 0;
    if (type !== 41 && ctx.verbose > 2) out.ascii(` [${relativeTime(readUint32(data, cp))}]`);
    cp += 4;
    const length = this.u16(cp);
    cp += 2;
    const rp = cp + length;
    typeName(out, type);
    if (rp > this.end) return NULL;
    return this.rdata(type, klass, optFlags, cp, rp, bp) === NULL ? NULL : rp;
  }

  /** The RDATA of one record, from `cp` to `rp`. */
  rdata(type: number, klass: number, optFlags: number, cp: number, rp: number, bp: number): number {
    const ctx = this.ctx;
    const out = ctx.out;
    const data = this.data;
    const length = rp - cp;
    switch (type) {
      case 1:
        if (!this.has(cp, 4)) return NULL;
        out.byte(0x20);
        out.ipv4(data, cp);
        return cp;
      case 2:
      case 5:
      case 12:
      case 39:
        out.byte(0x20);
        return this.name(cp, bp);
      case 6:
        if (ctx.verbose === 0) return cp;
        out.byte(0x20);
        cp = this.name(cp, bp);
        if (cp === NULL) return NULL;
        out.byte(0x20);
        cp = this.name(cp, bp);
        if (cp === NULL || !this.has(cp, 20)) return NULL;
        for (let k = 0; k < 5; k++) out.ascii(` ${readUint32(data, cp + 4 * k)}`);
        return cp;
      case 15:
        out.byte(0x20);
        if (!this.has(cp, 2) || this.name(cp + 2, bp) === NULL) return NULL;
        out.byte(0x20);
        out.uint(this.u16(cp));
        return cp;
      case 16:
        while (cp < rp) {
          out.ascii(' "');
          cp = this.characterString(cp);
          if (cp === NULL) return NULL;
          out.byte(0x22);
        }
        return cp;
      case 33:
        out.byte(0x20);
        if (!this.has(cp, 6) || this.name(cp + 6, bp) === NULL) return NULL;
        out.ascii(`:${this.u16(cp + 4)} ${this.u16(cp)} ${this.u16(cp + 2)}`);
        return cp;
      case 28:
        if (!this.has(cp, 16)) return NULL;
        out.byte(0x20);
        out.ipv6(data, cp);
        return cp;
      case 38: {
        if (!this.has(cp, 1)) return NULL;
        const pbit = data[cp]!;
        const pbyte = Math.floor((pbit & ~7) / 8);
        if (pbit > 128) {
          out.ascii(` ${pbit}(bad plen)`);
          return cp;
        } else if (pbit < 128) {
          if (!this.has(cp + 1, 16 - pbyte)) return NULL;
          const address = new Uint8Array(16);
          address.set(data.subarray(cp + 1, cp + 17 - pbyte), pbyte);
          out.ascii(` ${pbit} ${formatIpv6(address, 0)}`);
        }
        if (pbit === 0) return cp;
        out.byte(0x20);
        return this.name(cp + 1 + 16 - pbyte, bp);
      }
      case 256:
        if (!this.has(cp, length)) return NULL;
        out.ascii(` ${this.u16(cp)} ${this.u16(cp + 2)} `);
        return printChars(
            out,
            data,
            cp + 4,
            cp + 4 + (length >= 4 ? length - 4 : 0x100000000 + length - 4),
            this.end,
          )
          ? NULL
          : cp;
      case 41:
        out.ascii(` UDPsize=${klass}`);
        if ((optFlags & 0x8000) !== 0) out.ascii(" DO");
        if (cp >= rp) return cp;
        out.ascii(" [");
        while (cp < rp) {
          cp = ednsOption(this, cp);
          if (cp === NULL) return NULL;
          if (cp < rp) out.byte(0x2c);
        }
        out.byte(0x5d);
        return cp;
      case 104:
        if (!this.has(cp, length)) return NULL;
        return printChars(out, data, cp, cp + length, this.end) ? NULL : cp;
      case 250: {
        if (cp + length > this.end) return NULL;
        if (ctx.verbose === 0) return cp;
        out.byte(0x20);
        cp = this.name(cp, bp);
        if (cp === NULL) return NULL;
        cp += 6;
        const fields = [" fudge=", " maclen=", " origid=", " error=", " otherlen="];
        for (const label of fields) {
          if (!this.has(cp, 2)) return NULL;
          const value = this.u16(cp);
          out.ascii(label);
          out.uint(value);
          cp += label === " maclen=" ? 2 + value : 2;
        }
        return cp;
      }
    }
    return cp;
  }
}
