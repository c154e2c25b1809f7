/**
 * tcpdump-format text for DNS, BOOTP/DHCP and NTP: what tcpdump 4.99.3 (`-n`, with `-v`
 * up to `-vvv`) prints for these protocols after the transport part of the line. The
 * summary printer calls these functions. Private to the library.
 *
 * They read the layer's bytes the way tcpdump does, quirks included (it walks the raw
 * message, not the decoded sections), so that the text matches byte for byte; when the
 * captured bytes run out they end with `[|domain]`, `[|bootp]` or `[|ntp]` as tcpdump
 * does. They never throw.
 *
 * @module
 */

import type { Dns } from "../app/dns.ts";
import type { Dhcp } from "../app/dhcp.ts";
import type { Ntp } from "../app/ntp.ts";

/** Options of the printers. */
export interface PrintAppOptions {
  /** How many `-v` flags tcpdump was given (0 to 3). */
  verbose: number;
}

/** Thrown inside a printer when a read passes the captured bytes (tcpdump's longjmp). */
class Truncated {
  static readonly instance: Truncated = new Truncated();
}

/** A read-only view with tcpdump's bounds semantics: reads past `end` throw {@linkcode Truncated}. */
class Bytes {
  constructor(readonly data: Uint8Array, readonly end: number) {}

  has(at: number, length: number): boolean {
    return at >= 0 && length >= 0 && at + length <= this.end;
  }

  u8(at: number): number {
    if (at < 0 || at >= this.end) throw Truncated.instance;
    return this.data[at]!;
  }

  u16(at: number): number {
    if (!this.has(at, 2)) throw Truncated.instance;
    return (this.data[at]! << 8) | this.data[at + 1]!;
  }

  u32(at: number): number {
    if (!this.has(at, 4)) throw Truncated.instance;
    return ((this.data[at]! << 24) | (this.data[at + 1]! << 16) | (this.data[at + 2]! << 8) |
      this.data[at + 3]!) >>> 0;
  }
}

/** Collects the text. */
class Out {
  text = "";
}

function printChar(c: number): string {
  let text = "";
  if (c >= 0x80) {
    c &= 0x7f;
    text += "M-";
  }
  if (c < 0x20 || c === 0x7f) {
    c ^= 0x40;
    text += "^";
  }
  return text + String.fromCharCode(c);
}

/** tcpdump's nd_printn: prints up to `n` bytes, stopping at the end; `true` when cut. */
function printN(out: Out, bytes: Bytes, at: number, n: number): boolean {
  while (n > 0 && at < bytes.end) {
    n--;
    out.text += printChar(bytes.u8(at++));
  }
  return n !== 0;
}

function ipv4(bytes: Bytes, at: number): string {
  if (!bytes.has(at, 4)) throw Truncated.instance;
  const d = bytes.data;
  return `${d[at]}.${d[at + 1]}.${d[at + 2]}.${d[at + 3]}`;
}

/** IPv6 text as tcpdump's addrtostr6 writes it (an IPv4 tail after `::` or `::ffff:`). */
function ipv6(address: Uint8Array, at: number): string {
  const words: number[] = [];
  for (let i = 0; i < 8; i++) words.push((address[at + 2 * i]! << 8) | address[at + 2 * i + 1]!);
  let bestBase = -1;
  let bestLength = 0;
  let base = -1;
  let length = 0;
  for (let i = 0; i < 8; i++) {
    if (words[i] === 0) {
      if (base === -1) {
        base = i;
        length = 1;
      } else length++;
    } else if (base !== -1) {
      if (bestBase === -1 || length > bestLength) {
        bestBase = base;
        bestLength = length;
      }
      base = -1;
    }
  }
  if (base !== -1 && (bestBase === -1 || length > bestLength)) {
    bestBase = base;
    bestLength = length;
  }
  if (bestBase !== -1 && bestLength < 2) bestBase = -1;
  let text = "";
  for (let i = 0; i < 8; i++) {
    if (bestBase !== -1 && i >= bestBase && i < bestBase + bestLength) {
      if (i === bestBase) text += ":";
      continue;
    }
    if (i !== 0) text += ":";
    if (
      i === 6 && bestBase === 0 &&
      (bestLength === 6 || (bestLength === 5 && words[5] === 0xffff))
    ) {
      const b = at + 12;
      text += `${address[b]}.${address[b + 1]}.${address[b + 2]}.${address[b + 3]}`;
      break;
    }
    text += words[i]!.toString(16);
  }
  if (bestBase !== -1 && bestBase + bestLength === 8) text += ":";
  return text;
}

// ---------------------------------------------------------------------------------------
// DNS (print-domain.c)

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

const dnsClasses: Record<number, string> = { 1: "IN", 3: "CHAOS", 4: "HS", 255: "ANY" };

const ednsOptions: Record<number, string> = {
  1: "LLQ",
  2: "UL",
  3: "NSID",
  5: "DAU",
  6: "DHU",
  7: "N3U",
  8: "ECS",
  9: "EXPIRE",
  10: "COOKIE",
  11: "KEEPALIVE",
  12: "PADDING",
  13: "CHAIN",
  14: "KEY-TAG",
  16: "CLIENT-TAG",
  17: "SERVER-TAG",
};

const dauAlgorithms: Record<number, string> = {
  0: "DELETE",
  1: "RSAMD5",
  2: "DH",
  3: "DS",
  5: "RSASHA1",
  6: "DSA-NSEC3-SHA1",
  7: "RSASHA1-NSEC3-SHA1",
  8: "RSASHA256",
  10: "RSASHA512",
  12: "ECC-GOST",
  13: "ECDSAP256SHA256",
  14: "ECDSAP384SHA384",
  15: "ED25519",
  16: "ED448",
  252: "INDIRECT",
  253: "PRIVATEDNS",
  254: "PRIVATEOID",
};

const dhuAlgorithms: Record<number, string> = {
  1: "SHA-1",
  2: "SHA-256",
  3: "GOST_R_34.11-94",
  4: "SHA-384",
};

const opcodeTexts = [
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
const rcodeTexts = [
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

function rcodeText(rcode: number): string {
  return rcodeTexts[rcode] ?? ` Resp${rcode & 0xfff}`;
}

const NULL = -1;

/** The DNS printer's state: the bytes, the output and the options. */
class DnsPrinter {
  readonly out = new Out();
  constructor(readonly bytes: Bytes, readonly verbose: number, readonly mdns: boolean) {}

  print(text: string): void {
    this.out.text += text;
  }

  /** ns_nskip: the offset after a name, or NULL. */
  skipName(cp: number): number {
    const b = this.bytes;
    if (!b.has(cp, 1)) return NULL;
    let i = b.u8(cp++);
    while (i !== 0) {
      const type = i & 0xc0;
      if (type === 0xc0) return cp + 1;
      if (type === 0x40) {
        if ((i & 0x3f) !== 1) return NULL;
        if (!b.has(cp, 1)) return NULL;
        let bitLength = b.u8(cp);
        if (bitLength === 0) bitLength = 256;
        cp++;
        cp += Math.floor((bitLength + 7) / 8);
      } else if (type === 0x80) {
        return NULL;
      } else {
        cp += i;
      }
      if (!b.has(cp, 1)) return NULL;
      i = b.u8(cp++);
    }
    return cp;
  }

  /** blabel_print: a bit-string label. */
  bitLabel(cp: number): number {
    const b = this.bytes;
    if (!b.has(cp, 1)) return NULL;
    let bitLength = b.u8(cp);
    if (bitLength === 0) bitLength = 256;
    const slen = Math.floor((bitLength + 3) / 4);
    const limit = cp + 1 + slen;
    this.print("\\[x");
    let bitp = cp + 1;
    let bits = bitLength;
    for (; bitp < limit && bits > 7; bits -= 8, bitp++) {
      this.print(b.u8(bitp).toString(16).padStart(2, "0"));
    }
    if (bits > 4) {
      const tc = b.u8(bitp++);
      this.print((tc & ((0xff << (8 - bits)) & 0xff)).toString(16).padStart(2, "0"));
    } else if (bits > 0) {
      const tc = b.u8(bitp++);
      this.print((((tc >> 4) & 0x0f) & (0x0f << (4 - bits))).toString(16));
    }
    this.print(`/${bitLength}]`);
    return limit;
  }

  /** labellen: a label's length, or NULL (printing why). */
  labelLength(cp: number): number {
    const b = this.bytes;
    if (!b.has(cp, 1)) return NULL;
    const i = b.u8(cp);
    const type = i & 0xc0;
    if (type === 0x40) {
      const elt = i & 0x3f;
      if (elt !== 1) {
        this.print(`<ELT ${elt}>`);
        return NULL;
      }
      if (!b.has(cp + 1, 1)) return NULL;
      let bitLength = b.u8(cp + 1);
      if (bitLength === 0) bitLength = 256;
      return Math.floor((bitLength + 7) / 8) + 1;
    }
    if (type === 0xc0 || type === 0) return i;
    this.print("<BAD LABEL TYPE>");
    return NULL;
  }

  /** fqdn_print: prints a name; returns the offset after it, or NULL. */
  name(cp: number, bp: number): number {
    const b = this.bytes;
    let l = this.labelLength(cp);
    if (l === NULL) return NULL;
    if (!b.has(cp, 1)) return NULL;
    let maxOffset = cp - bp;
    let i = b.u8(cp++);
    let rp = NULL;
    let compress = false;
    let nameChars = 0;
    if ((i & 0xc0) !== 0xc0) rp = cp + l;
    if (i === 0) {
      this.print(".");
      return rp;
    }
    while (i !== 0 && cp < b.end) {
      const type = i & 0xc0;
      if (type === 0xc0) {
        if (!compress) {
          rp = cp + 1;
          compress = true;
        }
        if (!b.has(cp, 1)) return NULL;
        const offset = ((i << 8) | b.u8(cp)) & 0x3fff;
        if (offset >= maxOffset) {
          this.print("<BAD PTR>");
          return NULL;
        }
        maxOffset = offset;
        cp = bp + offset;
        if (!b.has(cp, 1)) return NULL;
        i = b.u8(cp);
        l = this.labelLength(cp);
        if (l === NULL) return NULL;
        cp++;
        continue;
      }
      if (type === 0x40) {
        const elt = i & 0x3f;
        if (elt === 1) {
          if (this.bitLabel(cp) === NULL) return NULL;
        } else {
          this.print(`<ELT ${elt}>`);
          return NULL;
        }
      } else if (type === 0x80) {
        this.print("<BAD LABEL TYPE>");
        return NULL;
      } else {
        if (nameChars + l <= 255) {
          if (printN(this.out, b, cp, l)) return NULL;
        } else if (nameChars < 255) {
          if (printN(this.out, b, cp, 255 - nameChars)) return NULL;
        }
        nameChars += l;
      }
      cp += l;
      if (nameChars <= 255) this.print(".");
      nameChars++;
      if (!b.has(cp, 1)) return NULL;
      i = b.u8(cp);
      l = this.labelLength(cp);
      if (l === NULL) return NULL;
      cp++;
      if (!compress) rp += l + 1;
    }
    if (nameChars > 255) this.print("<DOMAIN NAME TOO LONG>");
    return rp;
  }

  /** ns_cprint: a character-string. */
  characterString(cp: number): number {
    const b = this.bytes;
    if (!b.has(cp, 1)) return NULL;
    const i = b.u8(cp++);
    if (printN(this.out, b, cp, i)) return NULL;
    return cp + i;
  }

  ecs(cp: number, dataLength: number): void {
    const b = this.bytes;
    if (dataLength < 4) {
      this.print(" (invalid)");
      return;
    }
    const family = b.u16(cp);
    const sourceLength = b.u8(cp + 2);
    const scopeLength = b.u8(cp + 3);
    cp += 4;
    const bits = family === 1 ? 32 : family === 2 ? 128 : 0;
    if (
      bits === 0 || dataLength - 4 > bits / 8 || sourceLength > bits || scopeLength > bits ||
      Math.floor((sourceLength + 7) / 8) !== dataLength - 4
    ) {
      this.print(" (invalid)");
      return;
    }
    const padded = new Uint8Array(16);
    for (let k = 0; k < dataLength - 4; k++) padded[k] = b.u8(cp + k);
    const address = family === 1
      ? `${padded[0]}.${padded[1]}.${padded[2]}.${padded[3]}`
      : ipv6(padded, 0);
    this.print(`${address}/${sourceLength}/${scopeLength}`);
  }

  /** eopt_print: one EDNS option. */
  ednsOption(cp: number): number {
    const b = this.bytes;
    if (!b.has(cp, 2)) return NULL;
    const code = b.u16(cp);
    cp += 2;
    this.print(ednsOptions[code] ?? `Opt${code}`);
    if (!b.has(cp, 2)) return NULL;
    const dataLength = b.u16(cp);
    cp += 2;
    if (!b.has(cp, dataLength)) return NULL;
    if (dataLength > 0) {
      this.print(" ");
      const list = (names: Record<number, string>): void => {
        for (let k = 0; k < dataLength; k++) {
          if (k > 0) this.print(" ");
          const value = b.u8(cp + k);
          this.print(names[value] ?? `Alg_${value}`);
        }
      };
      switch (code) {
        case 8:
          this.ecs(cp, dataLength);
          break;
        case 10:
          if (dataLength < 8 || (dataLength > 8 && dataLength < 16) || dataLength > 40) {
            this.print(" (invalid)");
          } else {
            for (let k = 0; k < dataLength; k++) {
              if (k === 8) this.print(" ");
              this.print(b.u8(cp + k).toString(16).padStart(2, "0"));
            }
          }
          break;
        case 11:
          if (dataLength !== 2) this.print(" (invalid)");
          else this.print(`${(b.u16(cp) / 10).toFixed(1)} sec`);
          break;
        case 9:
          if (dataLength !== 4) this.print(" (invalid)");
          else this.print(`${b.u32(cp)} sec`);
          break;
        case 12:
          this.print(`(${dataLength})`);
          break;
        case 14:
          if (dataLength % 2 !== 0) this.print(" (invalid)");
          else {
            for (let k = 0; k < dataLength; k += 2) {
              if (k > 0) this.print(" ");
              this.print(String(b.u16(cp + k)));
            }
          }
          break;
        case 5:
          list(dauAlgorithms);
          break;
        case 6:
          list(dhuAlgorithms);
          break;
        case 7:
          list({ 1: "SHA-1" });
          break;
        case 13:
          this.name(cp, cp + dataLength);
          break;
        default:
          for (let k = 0; k < dataLength; k++) {
            this.print(b.u8(cp + k).toString(16).padStart(2, "0"));
          }
      }
    }
    return cp + dataLength;
  }

  /** ns_qprint: one question. */
  question(cp: number, bp: number): number {
    const b = this.bytes;
    const np = cp;
    cp = this.skipName(cp);
    if (cp === NULL || !b.has(cp, 4)) return NULL;
    const type = b.u16(cp);
    this.print(` ${dnsTypes[type] ?? `Type${type}`}`);
    const raw = b.u16(cp + 2);
    const klass = this.mdns ? raw & 0x7fff : raw;
    if (klass !== 1) this.print(` ${dnsClasses[klass] ?? `(Class ${klass})`}`);
    if (this.mdns) this.print((raw & 0x8000) !== 0 ? " (QU)" : " (QM)");
    this.print("? ");
    const rp = this.name(np, bp);
    return rp === NULL ? NULL : rp + 4;
  }

  /** ns_rprint: one resource record. */
  record(cp: number, bp: number): number {
    const b = this.bytes;
    if (this.verbose > 0) {
      this.print(" ");
      cp = this.name(cp, bp);
      if (cp === NULL) return NULL;
    } else {
      cp = this.skipName(cp);
    }
    if (cp === NULL || !b.has(cp, 10)) return b.end;
    const type = b.u16(cp);
    const raw = b.u16(cp + 2);
    cp += 4;
    const klass = this.mdns ? raw & 0x7fff : raw;
    if (klass !== 1 && type !== 41) this.print(` ${dnsClasses[klass] ?? `(Class ${klass})`}`);
    if (this.mdns && (raw & 0x8000) !== 0) this.print(" (Cache flush)");
    let optFlags = 0;
    if (type === 41) {
      optFlags = b.u16(cp + 2);
      cp += 4;
    } else if (this.verbose > 2) {
      this.print(` [${relativeTime(b.u32(cp))}]`);
      cp += 4;
    } else {
      cp += 4;
    }
    const length = b.u16(cp);
    cp += 2;
    const rp = cp + length;
    this.print(` ${dnsTypes[type] ?? `Type${type}`}`);
    if (rp > b.end) return NULL;
    switch (type) {
      case 1:
        if (!b.has(cp, 4)) return NULL;
        this.print(` ${ipv4(b, cp)}`);
        break;
      case 2:
      case 5:
      case 12:
      case 39:
        this.print(" ");
        if (this.name(cp, bp) === NULL) return NULL;
        break;
      case 6: {
        if (this.verbose === 0) break;
        this.print(" ");
        cp = this.name(cp, bp);
        if (cp === NULL) return NULL;
        this.print(" ");
        cp = this.name(cp, bp);
        if (cp === NULL) return NULL;
        if (!b.has(cp, 20)) return NULL;
        for (let k = 0; k < 5; k++) this.print(` ${b.u32(cp + 4 * k)}`);
        break;
      }
      case 15:
        this.print(" ");
        if (!b.has(cp, 2)) return NULL;
        if (this.name(cp + 2, bp) === NULL) return NULL;
        this.print(` ${b.u16(cp)}`);
        break;
      case 16:
        while (cp < rp) {
          this.print(' "');
          cp = this.characterString(cp);
          if (cp === NULL) return NULL;
          this.print('"');
        }
        break;
      case 33:
        this.print(" ");
        if (!b.has(cp, 6)) return NULL;
        if (this.name(cp + 6, bp) === NULL) return NULL;
        this.print(`:${b.u16(cp + 4)} ${b.u16(cp)} ${b.u16(cp + 2)}`);
        break;
      case 28:
        if (!b.has(cp, 16)) return NULL;
        this.print(` ${ipv6(b.data, cp)}`);
        break;
      case 38: {
        if (!b.has(cp, 1)) return NULL;
        const pbit = b.u8(cp);
        const pbyte = Math.floor((pbit & ~7) / 8);
        if (pbit > 128) {
          this.print(` ${pbit}(bad plen)`);
          break;
        } else if (pbit < 128) {
          const address = new Uint8Array(16);
          for (let k = 0; k < 16 - pbyte; k++) address[pbyte + k] = b.u8(cp + 1 + k);
          this.print(` ${pbit} ${ipv6(address, 0)}`);
        }
        if (pbit > 0) {
          this.print(" ");
          if (this.name(cp + 1 + 16 - pbyte, bp) === NULL) return NULL;
        }
        break;
      }
      case 256:
        if (!b.has(cp, length)) return NULL;
        this.print(` ${b.u16(cp)} ${b.u16(cp + 2)} `);
        if (printN(this.out, b, cp + 4, length >= 4 ? length - 4 : 0x100000000 + length - 4)) {
          return NULL;
        }
        break;
      case 41:
        this.print(` UDPsize=${klass}`);
        if ((optFlags & 0x8000) !== 0) this.print(" DO");
        if (cp < rp) {
          this.print(" [");
          while (cp < rp) {
            cp = this.ednsOption(cp);
            if (cp === NULL) return NULL;
            if (cp < rp) this.print(",");
          }
          this.print("]");
        }
        break;
      case 104:
        if (!b.has(cp, length)) return NULL;
        if (printN(this.out, b, cp, length)) return NULL;
        break;
      case 250: {
        if (cp + length > b.end) return NULL;
        if (this.verbose === 0) break;
        this.print(" ");
        cp = this.name(cp, bp);
        if (cp === NULL) return NULL;
        cp += 6;
        if (!b.has(cp, 2)) return NULL;
        this.print(` fudge=${b.u16(cp)}`);
        cp += 2;
        if (!b.has(cp, 2)) return NULL;
        this.print(` maclen=${b.u16(cp)}`);
        cp += 2 + b.u16(cp);
        if (!b.has(cp, 2)) return NULL;
        this.print(` origid=${b.u16(cp)}`);
        cp += 2;
        if (!b.has(cp, 2)) return NULL;
        this.print(` error=${b.u16(cp)}`);
        cp += 2;
        if (!b.has(cp, 2)) return NULL;
        this.print(` otherlen=${b.u16(cp)}`);
        break;
      }
    }
    return rp;
  }

  /** Prints `count` records separated by commas; returns the offset, or NULL when cut. */
  records(cp: number, bp: number, count: number, label: string): [number, number] {
    const b = this.bytes;
    if (count === 0) return [cp, 0];
    if (label !== "" && !(cp < b.end)) return [cp, count];
    this.print(label);
    cp = this.record(cp, bp);
    if (cp === NULL) return [NULL, count];
    count--;
    while (cp < b.end && count > 0) {
      this.print(",");
      cp = this.record(cp, bp);
      if (cp === NULL) return [NULL, count];
      count--;
    }
    return [cp, count];
  }

  /** domain_print, from the message's first byte (after any TCP prefix). */
  message(bp: number, length: number): boolean {
    const b = this.bytes;
    if (length < 12) {
      this.print(`domain [length ${length} < 12] (invalid)`);
      return true;
    }
    if (!b.has(bp, 12)) return false;
    const flags = b.u16(bp + 2);
    let qd = b.u16(bp + 4);
    let an = b.u16(bp + 6);
    let ns = b.u16(bp + 8);
    let ar = b.u16(bp + 10);
    let rcode = flags & 0xf;
    rcode = this.extendedRcode(bp + 12, qd, an + ns, ar, rcode);
    const id = b.u16(bp);
    let cp = bp + 12;
    if ((flags & 0x8000) !== 0) {
      this.print(
        `${id}${opcodeTexts[(flags >> 11) & 0xf]}${rcodeText(rcode)}${
          (flags & 0x0400) !== 0 ? "*" : ""
        }${(flags & 0x0080) !== 0 ? "" : "-"}${(flags & 0x0200) !== 0 ? "|" : ""}${
          (flags & 0x0020) !== 0 ? "$" : ""
        }`,
      );
      if (qd !== 1) this.print(` [${qd}q]`);
      for (let k = 0; k < qd; k++) {
        if (k !== 0) this.print(",");
        if (this.verbose > 1) {
          this.print(" q:");
          cp = this.question(cp, bp);
          if (cp === NULL) return false;
        } else {
          cp = this.skipName(cp);
          if (cp === NULL) return false;
          cp += 4;
        }
      }
      this.print(` ${an}/${ns}/${ar}`);
      [cp, an] = this.records(cp, bp, an, "");
      if (cp === NULL || an > 0) return false;
      if (this.verbose > 1) {
        [cp, ns] = this.records(cp, bp, ns, " ns:");
        if (cp === NULL || ns > 0) return false;
        [cp, ar] = this.records(cp, bp, ar, " ar:");
        if (cp === NULL || ar > 0) return false;
      }
    } else {
      const opcode = (flags >> 11) & 0xf;
      this.print(
        `${id}${opcodeTexts[opcode]}${(flags & 0x0100) !== 0 ? "+" : ""}${
          (flags & 0x0010) !== 0 ? "%" : ""
        }`,
      );
      if ((flags & 0x6cf) !== 0) this.print(` [b2&3=0x${flags.toString(16)}]`);
      if (opcode === 1) {
        if (qd !== 0) this.print(` [${qd}q]`);
        if (an !== 1) this.print(` [${an}a]`);
      } else {
        if (an !== 0) this.print(` [${an}a]`);
        if (qd !== 1) this.print(` [${qd}q]`);
      }
      if (ns !== 0) this.print(` [${ns}n]`);
      if (ar !== 0) this.print(` [${ar}au]`);
      if (qd > 0) {
        cp = this.question(cp, bp);
        if (cp === NULL) return false;
        qd--;
        while (cp < b.end && qd > 0) {
          cp = this.question(cp, bp);
          if (cp === NULL) return false;
          qd--;
        }
      }
      if (qd > 0) return false;
      if (this.verbose > 1) {
        [cp, an] = this.records(cp, bp, an, "");
        if (cp === NULL || an > 0) return false;
        [cp, ns] = this.records(cp, bp, ns, " ns:");
        if (cp === NULL || ns > 0) return false;
        [cp, ar] = this.records(cp, bp, ar, " ar:");
        if (cp === NULL || ar > 0) return false;
      }
    }
    this.print(` (${length})`);
    return true;
  }

  /** The rcode with the extended bits of an OPT record, found as tcpdump looks for it. */
  extendedRcode(cp: number, qd: number, records: number, ar: number, rcode: number): number {
    const b = this.bytes;
    const end = b.end;
    for (let k = 0; k < qd; k++) {
      cp = this.skipName(cp);
      if (cp === NULL) return rcode;
      cp += 4;
      if (cp >= end) return rcode;
    }
    for (let k = 0; k < records; k++) {
      cp = this.skipName(cp);
      if (cp === NULL) return rcode;
      cp += 8;
      if (cp + 2 > end) return rcode;
      cp += 2 + b.u16(cp);
      if (cp >= end) return rcode;
    }
    for (let k = 0; k < ar; k++) {
      cp = this.skipName(cp);
      if (cp === NULL) return rcode;
      if (cp + 2 > end) return rcode;
      const type = b.u16(cp);
      cp += 4;
      if (cp + 1 > end) return rcode;
      if (type === 41) return rcode | (b.u8(cp) << 4);
      cp += 4;
      if (cp + 2 > end) return rcode;
      cp += 2 + b.u16(cp);
      if (cp >= end) return rcode;
    }
    return rcode;
  }
}

/** unsigned_relts_print: seconds as `1w2d3h4m5s`. */
function relativeTime(seconds: number): string {
  if (seconds === 0) return "0s";
  const units: [number, string][] = [
    [31536000, "y"],
    [604800, "w"],
    [86400, "d"],
    [3600, "h"],
    [60, "m"],
    [1, "s"],
  ];
  let text = "";
  for (const [size, unit] of units) {
    if (seconds >= size) {
      const count = Math.floor(seconds / size);
      text += `${count}${unit}`;
      seconds -= count * size;
    }
  }
  return text;
}

/**
 * Prints a DNS message as tcpdump does. Over UDP the text follows the `src > dst: ` part
 * (and any `[udp sum ok] `); over TCP it follows `length N` and starts with a space.
 *
 * @param layer The decoded DNS layer.
 * @param options The verbosity (`-v` count).
 * @returns The text, which may span lines at higher verbosity.
 *
 * @example Print a query
 * ```ts
 * import { printDns } from "./_print_app.ts";
 * import { decodeDns } from "../app/dns.ts";
 * import assert from "node:assert/strict";
 *
 * const query = new Uint8Array([
 *   0x30, 0x39, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
 *   7, 0x65, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 3, 0x63, 0x6f, 0x6d, 0, 0, 1, 0, 1,
 * ]);
 * assert.equal(printDns(decodeDns(query), { verbose: 0 }), "12345+ A? example.com. (29)");
 * ```
 */
export function printDns(layer: Dns, options: PrintAppOptions): string {
  const bytes = new Bytes(layer.data, layer.end);
  const printer = new DnsPrinter(bytes, options.verbose, layer.multicast);
  let length = layer.wireLength;
  let bp = layer.offset;
  try {
    if (layer.transport === "tcp") {
      if (length < 2) {
        printer.print(` [DNS over TCP: length ${length} < 2] (invalid)`);
        return printer.out.text;
      }
      length -= 2;
      const prefix = bytes.u16(bp);
      if (prefix !== length) {
        printer.print(` [prefix length(${prefix}) != length(${length})] (invalid)`);
        return printer.out.text;
      }
      bp += 2;
      printer.print(" ");
    }
    if (!printer.message(bp, length)) printer.print(" [|domain]");
  } catch (error) {
    if (!(error instanceof Truncated)) throw error;
    printer.print(" [|domain]");
  }
  return printer.out.text;
}

// ---------------------------------------------------------------------------------------
// BOOTP/DHCP (print-bootp.c)

// The first character is the format: i addresses, p address pairs, l unsigned 32-bit,
// L signed 32-bit, s 16-bit, b decimal bytes, x hex bytes, a text, B booleans, $ special.
const bootpTags: Record<number, string> = {
  0: " PAD",
  1: "iSubnet-Mask",
  2: "LTime-Zone",
  3: "iDefault-Gateway",
  4: "iTime-Server",
  5: "iIEN-Name-Server",
  6: "iDomain-Name-Server",
  7: "iLOG",
  8: "iCS",
  9: "iLPR-Server",
  10: "iIM",
  11: "iRL",
  12: "aHostname",
  13: "sBS",
  255: " END",
  14: "aDP",
  15: "aDomain-Name",
  16: "iSS",
  17: "aRP",
  18: "aEP",
  19: "BIPF",
  20: "BSRT",
  21: "pPF",
  22: "sRSZ",
  23: "bTTL",
  24: "lMTU-Timeout",
  25: "sMTU-Table",
  26: "sMTU",
  27: "BLSN",
  28: "iBR",
  29: "BMD",
  30: "BMS",
  31: "BRouter-Discovery",
  32: "iRSA",
  33: "pStatic-Route",
  34: "BUT",
  35: "lAT",
  36: "BIE",
  37: "bTT",
  38: "lKI",
  39: "BKG",
  40: "aYD",
  41: "iYS",
  42: "iNTP",
  43: "bVendor-Option",
  44: "iNetbios-Name-Server",
  45: "iWDD",
  46: "$Netbios-Node",
  47: "aNetbios-Scope",
  48: "iXFS",
  49: "iXDM",
  64: "sN+D",
  65: "iN+S",
  68: "iMH",
  69: "iSMTP",
  70: "iPOP3",
  71: "iNNTP",
  72: "iWWW",
  73: "iFG",
  74: "iIRC",
  75: "iSTS",
  76: "iSTDA",
  50: "iRequested-IP",
  51: "lLease-Time",
  52: "$OO",
  66: "aTFTP",
  67: "aBF",
  53: " DHCP-Message",
  54: "iServer-ID",
  55: "bParameter-Request",
  56: "aMSG",
  57: "sMSZ",
  58: "lRN",
  59: "lRB",
  60: "aVendor-Class",
  61: "$Client-ID",
  98: "aUAP",
  116: "BNOAUTO",
  78: "bSLP-DA",
  79: "bSLP-SCOPE",
  117: "sNSSEARCH",
  77: "$User-Class",
  118: "iSUBNET",
  121: "$Classless-Static-Route",
  249: "$Classless-Static-Route-Microsoft",
  150: "iTFTP-Server-Address",
  80: "aSLP-NA",
  81: "$FQDN",
  82: "$Agent-Information",
  83: "bARMT",
  88: "aTZSTR",
  89: "bFQDNS",
  90: "bAUTH",
  91: "LLast-Transaction-Time",
  92: "iAssociated-IP",
  93: "sARCH",
  94: "bNDI",
  97: "bGUID",
  95: "aLDAP",
  100: "aPOSIX-TZ",
  101: "aTZ-Name",
  112: "iNI",
  113: "aNITAG",
  114: "aURL",
  161: "aMUD-URL",
};

const dhcpMessages: Record<number, string> = {
  1: "Discover",
  2: "Offer",
  3: "Request",
  4: "Decline",
  5: "ACK",
  6: "NACK",
  7: "Release",
  8: "Inform",
  10: "LeaseQuery",
  11: "LeaseUnassigned",
  12: "LeaseUnknown",
  13: "LeaseActive",
};

const overloadNames: Record<number, string> = { 1: "file", 2: "sname", 3: "file+sname" };
const netbiosNodes: Record<number, string> = { 1: "b-node", 2: "p-node", 4: "m-node", 8: "h-node" };
const arpHardware: Record<number, string> = {
  1: "ether",
  6: "ieee802",
  7: "arcnet",
  15: "frelay",
  23: "strip",
  24: "ieee1394",
};
const agentSuboptions: Record<number, string> = {
  1: "Circuit-ID",
  2: "Remote-ID",
  6: "Subscriber-ID",
};

function mac(bytes: Bytes, at: number): string {
  if (!bytes.has(at, 6)) throw Truncated.instance;
  let text = "";
  for (let k = 0; k < 6; k++) {
    text += (k === 0 ? "" : ":") + bytes.data[at + k]!.toString(16).padStart(2, "0");
  }
  return text;
}

/** nd_printztn: a NUL-terminated string in a field of `n` bytes; 0 when cut. */
function printZ(out: Out, bytes: Bytes, at: number, n: number): number {
  let count = 0;
  for (;;) {
    if (n === 0 || at >= bytes.end) return 0;
    const c = bytes.u8(at++);
    count++;
    n--;
    if (c === 0) return count;
    out.text += printChar(c);
  }
}

/** print_unknown_data: a hex dump of `length` bytes, lines prefixed by `prefix`. */
function hexDump(out: Out, bytes: Bytes, at: number, prefix: string, length: number): void {
  if (!bytes.has(at, length)) {
    out.text += "[|bootp]";
    return;
  }
  for (let line = 0; line < length; line += 16) {
    out.text += `${prefix}0x${line.toString(16).padStart(4, "0")}:  `;
    let hexText = "";
    for (let k = line; k < Math.min(line + 16, length); k += 2) {
      hexText += " " + bytes.data[at + k]!.toString(16).padStart(2, "0");
      if (k + 1 < length) hexText += bytes.data[at + k + 1]!.toString(16).padStart(2, "0");
    }
    out.text += hexText.trimStart();
  }
}

function rfc1048(out: Out, bytes: Bytes, bp: number, verbose: number): void {
  const print = (text: string): void => {
    out.text += text;
  };
  print("\n\t  Vendor-rfc1048 Extensions");
  print(`\n\t    Magic Cookie 0x${bytes.u32(bp).toString(16).padStart(8, "0")}`);
  bp += 4;
  while (bytes.has(bp, 1)) {
    let tag = bytes.u8(bp++);
    if (tag === 0 && verbose < 3) continue;
    if (tag === 255 && verbose < 3) return;
    const entry = bootpTags[tag] ?? "?Unknown";
    let format = entry[0]!;
    const name = entry.slice(1);
    let length = 0;
    if (tag !== 0 && tag !== 255) length = bytes.u8(bp++);
    print(`\n\t    ${name} (${tag}), length ${length}${length > 0 ? ": " : ""}`);
    if (tag === 0 && verbose > 2) {
      let count = 1;
      while (bytes.has(bp, 1) && bytes.u8(bp) === 0) {
        bp++;
        count++;
      }
      if (count > 1) print(`, occurs ${count}`);
    }
    if (!bytes.has(bp, length)) {
      print(" [|bootp]");
      return;
    }
    if (tag === 53 && length === 1) {
      const value = bytes.u8(bp++);
      print(dhcpMessages[value] ?? `Unknown (${value})`);
      continue;
    }
    if (tag === 55) {
      let index = 0;
      while (length > 0) {
        const inner = bytes.u8(bp++);
        length--;
        const innerName = (bootpTags[inner] ?? "?Unknown").slice(1);
        print(index % 4 === 0 ? "\n\t      " : ", ");
        print(`${innerName} (${inner})`);
        index++;
      }
      continue;
    }
    if (format === "?") format = (length & 1) !== 0 ? "b" : (length & 2) !== 0 ? "s" : "l";
    let first = true;
    switch (format) {
      case "a":
        print('"');
        if (printN(out, bytes, bp, length)) {
          print('" [|bootp]');
          return;
        }
        print('"');
        bp += length;
        length = 0;
        break;
      case "i":
      case "l":
      case "L":
        while (length >= 4) {
          if (!first) print(",");
          if (format === "i") print(ipv4(bytes, bp));
          else if (format === "L") print(String(bytes.u32(bp) | 0));
          else print(String(bytes.u32(bp)));
          bp += 4;
          length -= 4;
          first = false;
        }
        break;
      case "p":
        while (length >= 8) {
          if (!first) print(",");
          print(`(${ipv4(bytes, bp)}:${ipv4(bytes, bp + 4)})`);
          bp += 8;
          length -= 8;
          first = false;
        }
        break;
      case "s":
        while (length >= 2) {
          if (!first) print(",");
          print(String(bytes.u16(bp)));
          bp += 2;
          length -= 2;
          first = false;
        }
        break;
      case "B":
        while (length > 0) {
          if (!first) print(",");
          const value = bytes.u8(bp);
          print(value === 0 ? "N" : value === 1 ? "Y" : `${value}?`);
          bp++;
          length--;
          first = false;
        }
        break;
      case "$": {
        const result = special(out, bytes, tag, bp, length);
        if (result === undefined) return;
        [bp, length] = result;
        tag = 0;
        break;
      }
      default:
        while (length > 0) {
          if (!first) print(format === "x" ? ":" : ".");
          const value = bytes.u8(bp);
          print(format === "x" ? value.toString(16).padStart(2, "0") : String(value));
          bp++;
          length--;
          first = false;
        }
    }
    if (length > 0) {
      print(`\n\t  trailing data length ${length}`);
      bp += length;
    }
  }
}

/** The `$` options; returns the new offset and remaining length, or `undefined` when cut. */
function special(
  out: Out,
  bytes: Bytes,
  tag: number,
  bp: number,
  length: number,
): [number, number] | undefined {
  const print = (text: string): void => {
    out.text += text;
  };
  switch (tag) {
    case 46:
    case 52: {
      if (length < 1) {
        print("[ERROR: length < 1 bytes]");
        break;
      }
      const value = bytes.u8(bp++);
      length--;
      const names = tag === 46 ? netbiosNodes : overloadNames;
      print(names[value] ?? "#" + value);
      break;
    }
    case 81: {
      if (length < 3) {
        print("[ERROR: length < 3 bytes]");
        return [bp + length, 0];
      }
      const flags = bytes.u8(bp);
      if ((flags & 0xf0) !== 0) {
        print(`[ERROR: MBZ nibble 0x${((flags & 0xf0) >> 4).toString(16)} != 0] `);
      }
      if ((flags & 0x0f) !== 0) {
        let letters = "";
        if ((flags & 1) !== 0) letters += "S";
        if ((flags & 2) !== 0) letters += "O";
        if ((flags & 4) !== 0) letters += "E";
        if ((flags & 8) !== 0) letters += "N";
        print(`[${letters}] `);
      }
      bp++;
      const rcode1 = bytes.u8(bp);
      const rcode2 = bytes.u8(bp + 1);
      if (rcode1 !== 0 || rcode2 !== 0) print(`${rcode1}/${rcode2} `);
      bp += 2;
      print('"');
      if (printN(out, bytes, bp, length - 3)) {
        print('" [|bootp]');
        return undefined;
      }
      print('"');
      return [bp + length - 3, 0];
    }
    case 61: {
      if (length < 1) {
        print("[ERROR: length < 1 bytes]");
        break;
      }
      const type = bytes.u8(bp++);
      length--;
      if (type === 0) {
        print('"');
        if (printN(out, bytes, bp, length)) {
          print('" [|bootp]');
          return undefined;
        }
        print('"');
        return [bp + length, 0];
      }
      print(`${arpHardware[type] ?? `hardware-type ${type},`} `);
      let first = true;
      while (length > 0) {
        if (!first) print(":");
        print(bytes.u8(bp).toString(16).padStart(2, "0"));
        bp++;
        length--;
        first = false;
      }
      break;
    }
    case 82:
      while (length >= 2) {
        const subopt = bytes.u8(bp);
        const suboptLength = bytes.u8(bp + 1);
        bp += 2;
        length -= 2;
        const name = agentSuboptions[subopt] ?? "Unknown";
        if (suboptLength > length) {
          print(
            `\n\t      ${name} SubOption ${subopt}, length ${suboptLength}: length goes past end of option`,
          );
          return [bp + length, 0];
        }
        print(`\n\t      ${name} SubOption ${subopt}, length ${suboptLength}: `);
        if (subopt === 1 || subopt === 2 || subopt === 6) {
          if (printN(out, bytes, bp, suboptLength)) {
            print(" [|bootp]");
            return undefined;
          }
        } else {
          hexDump(out, bytes, bp, "\n\t\t", suboptLength);
        }
        length -= suboptLength;
        bp += suboptLength;
      }
      break;
    case 121:
    case 249: {
      if (length < 5) {
        print("[ERROR: length < 5 bytes]");
        return [bp + length, 0];
      }
      let first = true;
      while (length > 0) {
        if (!first) print(",");
        const width = bytes.u8(bp++);
        length--;
        if (width > 32) {
          print(`[ERROR: Mask width (${width}) > 32]`);
          return [bp + length, 0];
        }
        const significant = Math.floor((width + 7) / 8);
        if (length < significant + 4) {
          print(`[ERROR: Remaining length (${length}) < ${significant + 4} bytes]`);
          return [bp + length, 0];
        }
        print("(");
        if (width === 0) print("default");
        else {
          for (let k = 0; k < significant; k++) {
            if (k > 0) print(".");
            print(String(bytes.u8(bp++)));
          }
          for (let k = significant; k < 4; k++) print(".0");
          print(`/${width}`);
        }
        print(`:${ipv4(bytes, bp)})`);
        bp += 4;
        length -= significant + 4;
        first = false;
      }
      break;
    }
    case 77: {
      let instance = 1;
      if (length < 2) {
        print("[ERROR: length < 2 bytes]");
        return [bp + length, 0];
      }
      while (length > 0) {
        const suboptLength = bytes.u8(bp++);
        length--;
        print(`\n\t      instance#${instance}: `);
        if (suboptLength === 0) {
          print("[ERROR: suboption length must be non-zero]");
          return [bp + length, 0];
        }
        if (length < suboptLength) {
          print("[ERROR: invalid option]");
          return [bp + length, 0];
        }
        print('"');
        if (printN(out, bytes, bp, suboptLength)) {
          print('" [|bootp]');
          return undefined;
        }
        print(`", length ${suboptLength}`);
        instance++;
        length -= suboptLength;
        bp += suboptLength;
      }
      break;
    }
    default:
      print(`[unknown special tag ${tag}, size ${length}]`);
      return [bp + length, 0];
  }
  return [bp, length];
}

function cmu(out: Out, bytes: Bytes, bp: number): void {
  out.text += " vend-cmu";
  const flags = bytes.u32(bp + 4) >>> 24;
  if ((flags & ~1) !== 0) out.text += ` F:0x${flags.toString(16)}`;
  const fields: [number, string][] = [
    [12, "DG"],
    [8, (flags & 1) !== 0 ? "SM" : "SM*"],
    [16, "NS1"],
    [20, "NS2"],
    [24, "IEN1"],
    [28, "IEN2"],
    [32, "TS1"],
    [36, "TS2"],
  ];
  for (const [at, name] of fields) {
    if (bytes.u32(bp + at) !== 0) out.text += ` ${name}:${ipv4(bytes, bp + at)}`;
  }
}

/**
 * Prints a BOOTP/DHCP message as tcpdump does, from `BOOTP/DHCP, `: the text after the
 * `src > dst: ` part of the line (with `-v`, several lines joined by `\n\t`).
 *
 * @param layer The decoded DHCP layer.
 * @param options The verbosity (`-v` count).
 * @returns The text.
 *
 * @example Print a DHCPDISCOVER without `-v`
 * ```ts
 * import { printDhcp } from "./_print_app.ts";
 * import { decodeDhcp } from "../app/dhcp.ts";
 * import assert from "node:assert/strict";
 *
 * const message = new Uint8Array(300);
 * message.set([1, 1, 6, 0]);
 * message.set([0x00, 0x0b, 0x82, 0x01, 0xfc, 0x42], 28);
 * assert.equal(
 *   printDhcp(decodeDhcp(message), { verbose: 0 }),
 *   "BOOTP/DHCP, Request from 00:0b:82:01:fc:42, length 300",
 * );
 * ```
 */
export function printDhcp(layer: Dhcp, options: PrintAppOptions): string {
  const bytes = new Bytes(layer.data, layer.end);
  const out = new Out();
  const bp = layer.offset;
  try {
    const op = bytes.u8(bp);
    out.text += `BOOTP/DHCP, ${
      op === 1 ? "Request" : op === 2 ? "Reply" : `unknown (0x${op.toString(16).padStart(2, "0")})`
    }`;
    const htype = bytes.u8(bp + 1);
    const hlen = bytes.u8(bp + 2);
    if (htype === 1 && hlen === 6 && op === 1) out.text += ` from ${mac(bytes, bp + 28)}`;
    out.text += `, length ${layer.wireLength}`;
    if (options.verbose === 0) return out.text;
    if (!bytes.has(bp + 8, 2)) throw Truncated.instance;
    if (htype !== 1) out.text += `, htype ${htype}`;
    if (htype !== 1 || hlen !== 6) out.text += `, hlen ${hlen}`;
    const hops = bytes.u8(bp + 3);
    if (hops !== 0) out.text += `, hops ${hops}`;
    const xid = bytes.u32(bp + 4);
    if (xid !== 0) out.text += `, xid 0x${xid.toString(16)}`;
    const secs = bytes.u16(bp + 8);
    if (secs !== 0) out.text += `, secs ${secs}`;
    const flags = bytes.u16(bp + 10);
    out.text += `, Flags [${(flags & 0x8000) !== 0 ? "Broadcast" : "none"}]`;
    if (options.verbose > 1) out.text += ` (0x${flags.toString(16).padStart(4, "0")})`;
    const addresses: [number, string][] = [
      [12, "Client-IP"],
      [16, "Your-IP"],
      [20, "Server-IP"],
      [24, "Gateway-IP"],
    ];
    for (const [at, name] of addresses) {
      if (bytes.u32(bp + at) !== 0) out.text += `\n\t  ${name} ${ipv4(bytes, bp + at)}`;
    }
    if (htype === 1 && hlen === 6) {
      out.text += `\n\t  Client-Ethernet-Address ${mac(bytes, bp + 28)}`;
    }
    const fields: [number, number, string][] = [[44, 64, "sname"], [108, 128, "file"]];
    for (const [at, size, name] of fields) {
      if (bytes.u8(bp + at) !== 0) {
        out.text += `\n\t  ${name} "`;
        if (printZ(out, bytes, bp + at, size) === 0) {
          out.text += '" [|bootp]';
          return out.text;
        }
        out.text += '"';
      }
    }
    const vendor = bp + 236;
    const magic = bytes.u32(vendor);
    if (magic === 0x63825363) rfc1048(out, bytes, vendor, options.verbose);
    else if (magic >>> 8 === 0x434d55) cmu(out, bytes, vendor);
    else if (magic !== 0) out.text += `\n\t  Vendor-#0x${magic.toString(16)}`;
  } catch (error) {
    if (!(error instanceof Truncated)) throw error;
    out.text += " [|bootp]";
  }
  return out.text;
}

// ---------------------------------------------------------------------------------------
// NTP (print-ntp.c)

const ntpModes = [
  "unspecified",
  "symmetric active",
  "symmetric passive",
  "Client",
  "Server",
  "Broadcast",
  "Control Message",
  "Reserved",
];

const leapTexts = ["", "+1s", "-1s", "clock unsynchronized"];

/** The parts per billion of a 32-bit fraction, as tcpdump computes them (in doubles). */
function billionths(fraction: number): string {
  return String(Math.trunc((fraction / 4294967296) * 1e9)).padStart(9, "0");
}

function ntpTime(bytes: Bytes, at: number): string {
  const seconds = bytes.u32(at);
  const fraction = bytes.u32(at + 4);
  let text = `${seconds}.${billionths(fraction)}`;
  if (seconds !== 0) {
    const date = new Date((seconds - 2208988800) * 1000);
    text += ` (${date.toISOString().slice(0, 19)}Z)`;
  }
  return text;
}

function ntpDelta(bytes: Bytes, origin: number, at: number): string {
  const u = bytes.u32(at);
  const ou = bytes.u32(origin);
  const uf = bytes.u32(at + 4);
  const ouf = bytes.u32(origin + 4);
  if (ou === 0 && ouf === 0) return ntpTime(bytes, at);
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
  return `${negative ? "-" : "+"}${i}.${billionths(f)}`;
}

function shortFixed(bytes: Bytes, at: number): string {
  const integer = bytes.u16(at);
  const fraction = bytes.u16(at + 2);
  return `${integer}.${String(Math.trunc((fraction / 65536) * 1000000)).padStart(6, "0")}`;
}

function ntpTimeMessage(out: Out, bytes: Bytes, bp: number, length: number): void {
  if (length < 48) {
    out.text += " (invalid)";
    if (!bytes.has(bp, length)) throw Truncated.instance;
    return;
  }
  const stratum = bytes.u8(bp + 1);
  const stratumName = stratum === 0
    ? "unspecified"
    : stratum === 1
    ? "primary reference"
    : stratum <= 15
    ? "secondary reference"
    : "reserved";
  out.text += `, Stratum ${stratum} (${stratumName})`;
  const poll = (bytes.u8(bp + 2) << 24) >> 24;
  out.text += `, poll ${poll}`;
  if (poll > -32 && poll < 32) {
    out.text += poll >= 0 ? ` (${2 ** poll}s)` : ` (1/${2 ** -poll}s)`;
  }
  out.text += `, precision ${(bytes.u8(bp + 3) << 24) >> 24}`;
  out.text += `\n\tRoot Delay: ${shortFixed(bytes, bp + 4)}`;
  out.text += `, Root dispersion: ${shortFixed(bytes, bp + 8)}`;
  out.text += ", Reference-ID: ";
  const refid = bp + 12;
  if (!bytes.has(refid, 4)) throw Truncated.instance;
  switch (stratum) {
    case 0:
      out.text += "(unspec)";
      break;
    case 1:
      if (printN(out, bytes, refid, 4)) throw Truncated.instance;
      break;
    case 62:
      out.text += `${ipv4(bytes, refid)} INFO_QUERY`;
      return;
    case 63:
      out.text += `${ipv4(bytes, refid)} INFO_REPLY`;
      return;
    default:
      out.text += `0x${bytes.u32(refid).toString(16).padStart(8, "0")}`;
  }
  out.text += `\n\t  Reference Timestamp:  ${ntpTime(bytes, bp + 16)}`;
  out.text += `\n\t  Originator Timestamp: ${ntpTime(bytes, bp + 24)}`;
  out.text += `\n\t  Receive Timestamp:    ${ntpTime(bytes, bp + 32)}`;
  out.text += `\n\t  Transmit Timestamp:   ${ntpTime(bytes, bp + 40)}`;
  out.text += `\n\t    Originator - Receive Timestamp:  ${ntpDelta(bytes, bp + 24, bp + 32)}`;
  out.text += `\n\t    Originator - Transmit Timestamp: ${ntpDelta(bytes, bp + 24, bp + 40)}`;
  const digest = (words: number): string => {
    let text = "";
    for (let k = 0; k < words; k++) {
      text += bytes.u32(bp + 52 + 4 * k).toString(16).padStart(8, "0");
    }
    return text;
  };
  if (length === 52) {
    out.text += `\n\tKey id: ${bytes.u32(bp + 48)}`;
  } else if (length === 68 || length === 72) {
    out.text += `\n\tKey id: ${bytes.u32(bp + 48)}`;
    if (!bytes.has(bp + 52, length - 52)) throw Truncated.instance;
    out.text += `\n\tAuthentication: ${digest((length - 52) / 4)}`;
  } else if (length > 48) {
    out.text += `\n\t(${length - 48} more bytes after the header)`;
  }
}

function ntpControlMessage(out: Out, bytes: Bytes, bp: number, length: number): void {
  if (length < 12) {
    out.text += " (invalid)";
    if (!bytes.has(bp, length)) throw Truncated.instance;
    return;
  }
  const control = bytes.u8(bp + 1);
  out.text += `, ${(control & 0x80) !== 0 ? "Response" : "Request"}, ${
    (control & 0x40) !== 0 ? "Error" : "OK"
  }, ${(control & 0x20) !== 0 ? "More" : "Last"}, OpCode=${control & 0x1f}\n`;
  out.text += `\tSequence=${bytes.u16(bp + 2)}`;
  const status = bytes.u16(bp + 4);
  out.text += `, Status=${status === 0 ? "0" : "0x" + status.toString(16)}`;
  out.text += `, Assoc.=${bytes.u16(bp + 6)}`;
  out.text += `, Offset=${bytes.u16(bp + 8)}`;
  const count = bytes.u16(bp + 10);
  out.text += `, Count=${count}`;
  if (12 + count > length) {
    out.text += " (invalid)";
    if (!bytes.has(bp, length)) throw Truncated.instance;
    return;
  }
  if (count !== 0) {
    if (!bytes.has(bp + 12, count)) throw Truncated.instance;
    out.text += "\n\tTO-BE-DONE: data not interpreted";
  }
}

/**
 * Prints an NTP message as tcpdump does, from `NTPv4, `: the text after the `src > dst: `
 * part of the line (with `-v`, several lines).
 *
 * @param layer The decoded NTP layer.
 * @param options The verbosity (`-v` count).
 * @returns The text.
 *
 * @example Print a client request without `-v`
 * ```ts
 * import { printNtp } from "./_print_app.ts";
 * import { decodeNtp } from "../app/ntp.ts";
 * import assert from "node:assert/strict";
 *
 * const message = new Uint8Array(48);
 * message[0] = 0x23;
 * assert.equal(printNtp(decodeNtp(message), { verbose: 0 }), "NTPv4, Client, length 48");
 * ```
 */
export function printNtp(layer: Ntp, options: PrintAppOptions): string {
  const bytes = new Bytes(layer.data, layer.end);
  const out = new Out();
  const bp = layer.offset;
  const length = layer.wireLength;
  try {
    const status = bytes.u8(bp);
    const mode = status & 7;
    out.text += `NTPv${(status >> 3) & 7}, ${ntpModes[mode]}, length ${length}`;
    if (options.verbose === 0) return out.text;
    out.text += "\n";
    const leap = status & 0xc0;
    out.text += `\tLeap indicator: ${leapTexts[leap >> 6]} (${leap})`;
    if (mode < 6) ntpTimeMessage(out, bytes, bp, length);
    else if (mode === 6) ntpControlMessage(out, bytes, bp, length);
  } catch (error) {
    if (!(error instanceof Truncated)) throw error;
    out.text += " [|ntp]";
  }
  return out.text;
}
