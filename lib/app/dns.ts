/**
 * DNS (RFC 1035) and multicast DNS (RFC 6762), over UDP and over TCP with its two-byte
 * length prefix (RFC 1035 section 4.2.2, RFC 7766); EDNS(0) (RFC 6891) and the record
 * types A, AAAA (RFC 3596), CNAME, NS, PTR, MX, TXT, SOA, SRV (RFC 2782) and OPT decoded,
 * the others kept raw.
 *
 * @module
 */

import { formatIpv4, formatIpv6 } from "../address.ts";
import { DecodeError } from "../errors.ts";
import { readUint32 } from "../_bytes.ts";
import { encodeHex } from "../_hex.ts";
import { wireLength } from "./_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { Tcp } from "../transport/tcp.ts";
import { noTables } from "../_decode_one.ts";

/**
 * DNS resource record types that wirekit decodes or names (IANA "Resource Record (RR)
 * TYPEs").
 *
 * @example Compare a record type
 * ```ts
 * import { DnsType } from "./dns.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(DnsType.AAAA, 28);
 * ```
 */
export const DnsType = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  HINFO: 13,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  NAPTR: 35,
  DNAME: 39,
  OPT: 41,
  DS: 43,
  RRSIG: 46,
  NSEC: 47,
  DNSKEY: 48,
  SVCB: 64,
  HTTPS: 65,
  AXFR: 252,
  ANY: 255,
  URI: 256,
  CAA: 257,
} as const;

/** A DNS record type that wirekit names. */
export type DnsType = typeof DnsType[keyof typeof DnsType];

/**
 * DNS opcodes (IANA "DNS OpCodes").
 *
 * @example Compare an opcode
 * ```ts
 * import { DnsOpcode } from "./dns.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(DnsOpcode.UPDATE, 5);
 * ```
 */
export const DnsOpcode = {
  QUERY: 0,
  IQUERY: 1,
  STATUS: 2,
  NOTIFY: 4,
  UPDATE: 5,
  DSO: 6,
} as const;

/** A DNS opcode that wirekit names. */
export type DnsOpcode = typeof DnsOpcode[keyof typeof DnsOpcode];

/**
 * DNS response codes (IANA "DNS RCODEs"); codes above 15 need the EDNS extended RCODE.
 *
 * @example Compare a response code
 * ```ts
 * import { DnsResponseCode } from "./dns.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(DnsResponseCode.NXDOMAIN, 3);
 * ```
 */
export const DnsResponseCode = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
  YXDOMAIN: 6,
  YXRRSET: 7,
  NXRRSET: 8,
  NOTAUTH: 9,
  NOTZONE: 10,
  BADVERS: 16,
  BADCOOKIE: 23,
} as const;

/** A DNS response code that wirekit names. */
export type DnsResponseCode = typeof DnsResponseCode[keyof typeof DnsResponseCode];

/** The largest name in wire form, in bytes (RFC 1035 section 2.3.4). */
const MAX_NAME_LENGTH = 255;

/** At most this many compression pointers are followed in one name. */
const MAX_POINTERS = 126;

/** One entry of the question section. */
export interface DnsQuestion {
  /** The name asked about, in presentation form without the final dot (`""` for the root). */
  name: string;
  /** QTYPE: the record type asked for (see {@linkcode DnsType}). */
  type: number;
  /** QCLASS, as sent (1 is IN; mDNS uses the top bit for "unicast response"). */
  class: number;
}

/** The RDATA of an A record. */
export interface DnsRdataA {
  /** The discriminant. */
  kind: "a";
  /** The IPv4 address. */
  address: string;
}

/** The RDATA of an AAAA record. */
export interface DnsRdataAaaa {
  /** The discriminant. */
  kind: "aaaa";
  /** The IPv6 address. */
  address: string;
}

/** The RDATA of a CNAME, NS or PTR record: one domain name. */
export interface DnsRdataName {
  /** The discriminant: the record type in lowercase. */
  kind: "cname" | "ns" | "ptr";
  /** The name the record points to. */
  target: string;
}

/** The RDATA of an MX record. */
export interface DnsRdataMx {
  /** The discriminant. */
  kind: "mx";
  /** Preference: lower values are preferred. */
  preference: number;
  /** The mail exchanger's name. */
  exchange: string;
}

/** The RDATA of a TXT record. */
export interface DnsRdataTxt {
  /** The discriminant. */
  kind: "txt";
  /** The character strings, decoded as UTF-8. */
  strings: string[];
}

/** The RDATA of an SOA record. */
export interface DnsRdataSoa {
  /** The discriminant. */
  kind: "soa";
  /** MNAME: the primary name server. */
  primaryNameServer: string;
  /** RNAME: the mailbox of the person responsible, as a name. */
  responsibleMailbox: string;
  /** SERIAL. */
  serial: number;
  /** REFRESH, in seconds. */
  refresh: number;
  /** RETRY, in seconds. */
  retry: number;
  /** EXPIRE, in seconds. */
  expire: number;
  /** MINIMUM: the negative-caching TTL, in seconds (RFC 2308). */
  minimum: number;
}

/** The RDATA of an SRV record. */
export interface DnsRdataSrv {
  /** The discriminant. */
  kind: "srv";
  /** Priority: lower values are tried first. */
  priority: number;
  /** Weight among records of the same priority. */
  weight: number;
  /** The port of the service. */
  port: number;
  /** The host that provides the service. */
  target: string;
}

/** One EDNS option of an OPT record. */
export interface DnsEdnsOption {
  /** OPTION-CODE (IANA "DNS EDNS0 Option Codes"): 10 is COOKIE, 8 client subnet... */
  code: number;
  /** OPTION-DATA (a view). */
  data: Uint8Array;
}

/** The OPT pseudo-record of EDNS(0) (RFC 6891). */
export interface DnsRdataOpt {
  /** The discriminant. */
  kind: "opt";
  /** The requester's UDP payload size (the CLASS field). */
  udpPayloadSize: number;
  /** The upper 8 bits of the 12-bit extended RCODE. */
  extendedResponseCode: number;
  /** The EDNS version. */
  version: number;
  /** DO: DNSSEC answer OK (RFC 3225). */
  dnssecOk: boolean;
  /** The 15 flag bits after DO (zero today). */
  z: number;
  /** The options, in order; a malformed tail ends the list. */
  options: DnsEdnsOption[];
}

/** RDATA of a type wirekit does not decode, or that did not fit its type. */
export interface DnsRdataRaw {
  /** The discriminant. */
  kind: "raw";
}

/** The decoded RDATA of a record, discriminated by `kind`. */
export type DnsRdata =
  | DnsRdataA
  | DnsRdataAaaa
  | DnsRdataName
  | DnsRdataMx
  | DnsRdataTxt
  | DnsRdataSoa
  | DnsRdataSrv
  | DnsRdataOpt
  | DnsRdataRaw;

/** One resource record of the answer, authority or additional section. */
export interface DnsResourceRecord {
  /** The owner name, without the final dot (`""` for the root). */
  name: string;
  /** TYPE (see {@linkcode DnsType}). */
  type: number;
  /** CLASS, as sent (for OPT, the UDP payload size; mDNS sets the top bit to flush caches). */
  class: number;
  /** TTL in seconds (for OPT, the extended RCODE, version and flags). */
  ttl: number;
  /** RDATA (a view). */
  rdata: Uint8Array;
  /** RDATA decoded by type; `kind: "raw"` for other types or RDATA that does not fit. */
  value: DnsRdata;
}

/** What {@linkcode Dns.sections} returns: the four sections, as far as they parse. */
export interface DnsSections {
  /** The question section. */
  questions: DnsQuestion[];
  /** The answer section. */
  answers: DnsResourceRecord[];
  /** The authority section. */
  authorities: DnsResourceRecord[];
  /** The additional section. */
  additionals: DnsResourceRecord[];
  /**
   * Why parsing stopped before the counts were reached (a name or record running past the
   * message, a compression loop, a bad label type...), or `undefined` when all parsed.
   */
  error: string | undefined;
}

/** A name read from a message, or why it could not be. */
interface NameResult {
  name: string;
  /** Offset just past the name where it was read (not where a pointer led). */
  next: number;
  error: string | undefined;
}

const utf8 = new TextDecoder();
function labelText(data: Uint8Array, start: number, length: number): string {
  let text = "";
  for (let i = start; i < start + length; i++) {
    const c = data[i]!;
    if (c === 0x2e || c === 0x5c) text += "\\" + String.fromCharCode(c);
    else if (c > 0x20 && c < 0x7f) text += String.fromCharCode(c);
    else text += "\\" + String(c).padStart(3, "0");
  }
  return text;
}

/**
 * Reads a possibly compressed domain name. Every step consumes a label or follows a
 * pointer; pointers are capped at {@linkcode MAX_POINTERS} and the name at 255 bytes, so
 * loops (a pointer to itself, two pointers to each other) end with an error.
 *
 * @param data The bytes.
 * @param base Offset of the message's first byte (what pointers count from).
 * @param at Where the name starts.
 * @param end Where the message's bytes end.
 */
function readName(data: Uint8Array, base: number, at: number, end: number): NameResult {
  let name = "";
  let next = -1;
  let pointers = 0;
  let wireLength = 1;
  let position = at;
  for (;;) {
    if (position >= end) return { name, next: end, error: "name runs past the message" };
    const length = data[position]!;
    if (length === 0) {
      if (next < 0) next = position + 1;
      return { name, next, error: undefined };
    }
    const type = length & 0xc0;
    if (type === 0xc0) {
      if (position + 1 >= end) return { name, next: end, error: "name runs past the message" };
      if (next < 0) next = position + 2;
      if (++pointers > MAX_POINTERS) {
        return { name, next, error: `more than ${MAX_POINTERS} compression pointers in a name` };
      }
      const target = base + (((length & 0x3f) << 8) | data[position + 1]!);
      if (target >= end) return { name, next, error: "compression pointer past the message" };
      position = target;
      continue;
    }
    if (type !== 0) {
      return {
        name,
        next: next < 0 ? position : next,
        error: `unsupported label type 0x${type.toString(16)}`,
      };
    }
    wireLength += length + 1;
    if (wireLength > MAX_NAME_LENGTH) {
      return { name, next: next < 0 ? position : next, error: "name longer than 255 bytes" };
    }
    if (position + 1 + length > end) {
      return { name, next: end, error: "name runs past the message" };
    }
    name += (name === "" ? "" : ".") + labelText(data, position + 1, length);
    position += 1 + length;
  }
}

function readRdata(
  data: Uint8Array,
  base: number,
  type: number,
  start: number,
  rdEnd: number,
  messageEnd: number,
  ttl: number,
  klass: number,
): DnsRdata {
  const length = rdEnd - start;
  const raw: DnsRdataRaw = { kind: "raw" };
  const nameAt = (at: number): string | undefined => {
    const result = readName(data, base, at, messageEnd);
    return result.error === undefined && result.next <= rdEnd ? result.name : undefined;
  };
  switch (type) {
    case DnsType.A:
      return length === 4 ? { kind: "a", address: formatIpv4(data, start) } : raw;
    case DnsType.AAAA:
      return length === 16 ? { kind: "aaaa", address: formatIpv6(data, start) } : raw;
    case DnsType.CNAME:
    case DnsType.NS:
    case DnsType.PTR: {
      const target = nameAt(start);
      if (target === undefined) return raw;
      const kind = type === DnsType.CNAME ? "cname" : type === DnsType.NS ? "ns" : "ptr";
      return { kind, target };
    }
    case DnsType.MX: {
      if (length < 3) return raw;
      const exchange = nameAt(start + 2);
      if (exchange === undefined) return raw;
      return { kind: "mx", preference: (data[start]! << 8) | data[start + 1]!, exchange };
    }
    case DnsType.TXT: {
      const strings: string[] = [];
      let at = start;
      while (at < rdEnd) {
        const size = data[at]!;
        if (at + 1 + size > rdEnd) return raw;
        strings.push(utf8.decode(data.subarray(at + 1, at + 1 + size)));
        at += 1 + size;
      }
      return { kind: "txt", strings };
    }
    case DnsType.SOA: {
      const primary = readName(data, base, start, messageEnd);
      if (primary.error !== undefined || primary.next > rdEnd) return raw;
      const mailbox = readName(data, base, primary.next, messageEnd);
      if (mailbox.error !== undefined || mailbox.next + 20 !== rdEnd) return raw;
      const at = mailbox.next;
      return {
        kind: "soa",
        primaryNameServer: primary.name,
        responsibleMailbox: mailbox.name,
        serial: readUint32(data, at),
        refresh: readUint32(data, at + 4),
        retry: readUint32(data, at + 8),
        expire: readUint32(data, at + 12),
        minimum: readUint32(data, at + 16),
      };
    }
    case DnsType.SRV: {
      if (length < 7) return raw;
      const target = nameAt(start + 6);
      if (target === undefined) return raw;
      return {
        kind: "srv",
        priority: (data[start]! << 8) | data[start + 1]!,
        weight: (data[start + 2]! << 8) | data[start + 3]!,
        port: (data[start + 4]! << 8) | data[start + 5]!,
        target,
      };
    }
    case DnsType.OPT: {
      const options: DnsEdnsOption[] = [];
      let at = start;
      while (at + 4 <= rdEnd) {
        const size = (data[at + 2]! << 8) | data[at + 3]!;
        if (at + 4 + size > rdEnd) break;
        options.push({
          code: (data[at]! << 8) | data[at + 1]!,
          data: data.subarray(at + 4, at + 4 + size),
        });
        at += 4 + size;
      }
      return {
        kind: "opt",
        udpPayloadSize: klass,
        extendedResponseCode: ttl >>> 24,
        version: (ttl >>> 16) & 0xff,
        dnssecOk: (ttl & 0x8000) !== 0,
        z: ttl & 0x7fff,
        options,
      };
    }
  }
  return raw;
}

function parseSections(dns: Dns): DnsSections {
  const data = dns.data;
  const base = dns.messageOffset;
  const end = dns.messageEnd;
  const sections: DnsSections = {
    questions: [],
    answers: [],
    authorities: [],
    additionals: [],
    error: undefined,
  };
  let at = base + 12;
  for (let i = 0; i < dns.questionCount; i++) {
    const name = readName(data, base, at, end);
    if (name.error !== undefined) {
      sections.error = `question ${i + 1}: ${name.error}`;
      return sections;
    }
    if (name.next + 4 > end) {
      sections.error = `question ${i + 1}: runs past the message`;
      return sections;
    }
    at = name.next;
    sections.questions.push({
      name: name.name,
      type: (data[at]! << 8) | data[at + 1]!,
      class: (data[at + 2]! << 8) | data[at + 3]!,
    });
    at += 4;
  }
  const lists: [DnsResourceRecord[], number, string][] = [
    [sections.answers, dns.answerCount, "answer"],
    [sections.authorities, dns.authorityCount, "authority"],
    [sections.additionals, dns.additionalCount, "additional"],
  ];
  for (const [list, count, label] of lists) {
    for (let i = 0; i < count; i++) {
      const name = readName(data, base, at, end);
      if (name.error !== undefined) {
        sections.error = `${label} record ${i + 1}: ${name.error}`;
        return sections;
      }
      at = name.next;
      if (at + 10 > end) {
        sections.error = `${label} record ${i + 1}: runs past the message`;
        return sections;
      }
      const type = (data[at]! << 8) | data[at + 1]!;
      const klass = (data[at + 2]! << 8) | data[at + 3]!;
      const ttl = readUint32(data, at + 4);
      const length = (data[at + 8]! << 8) | data[at + 9]!;
      const start = at + 10;
      if (start + length > end) {
        sections.error = `${label} record ${i + 1}: data runs past the message`;
        return sections;
      }
      list.push({
        name: name.name,
        type,
        class: klass,
        ttl,
        rdata: data.subarray(start, start + length),
        value: readRdata(data, base, type, start, start + length, end, ttl, klass),
      });
      at = start + length;
    }
  }
  return sections;
}

/** The 16-bit word at `at` of the header at `m`, or 0 when `m` is -1 (not captured). */
function word(data: Uint8Array, m: number, at: number): number {
  return m < 0 ? 0 : (data[m + at]! << 8) | data[m + at + 1]!;
}

function recordToJSON(record: DnsResourceRecord): Record<string, unknown> {
  const value = record.value.kind === "opt"
    ? {
      ...record.value,
      options: record.value.options.map((option) => ({
        code: option.code,
        data: encodeHex(option.data),
      })),
    }
    : { ...record.value };
  return { ...record, rdata: encodeHex(record.rdata), value };
}

/**
 * A DNS message. The 12-byte header is read when the layer decodes; the questions and
 * records are parsed only when asked for ({@linkcode Dns.sections} and its shortcuts),
 * and parsing never throws: it returns what parsed and, in `error`, why it stopped.
 *
 * Over TCP the message follows a two-byte length prefix: `offset` is the prefix's first
 * byte, {@linkcode Dns.messageOffset} the message's. The layer's `contents` is the whole
 * message (with the prefix), its `payload` what follows the message in the segment.
 *
 * @example Decode a query
 * ```ts
 * import { decodeDns } from "./dns.ts";
 * import assert from "node:assert/strict";
 *
 * const message = new Uint8Array([
 *   0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
 *   7, ...new TextEncoder().encode("example"), 3, 0x63, 0x6f, 0x6d, 0, 0, 1, 0, 1,
 * ]);
 * const dns = decodeDns(message);
 * assert.equal(dns.id, 0x1234);
 * assert.equal(dns.response, false);
 * assert.equal(dns.recursionDesired, true);
 * assert.deepEqual(dns.questions, [{ name: "example.com", type: 1, class: 1 }]);
 * ```
 */
export class Dns extends LayerBase {
  /** The discriminant. */
  readonly kind = "dns" as const;
  /** How the message came: `"udp"`, `"tcp"` (with a length prefix), or `undefined` (bare). */
  transport: "udp" | "tcp" | undefined = undefined;
  /** Offset of the message's first byte (the ID) in `data`: `offset`, or `offset + 2` over TCP. */
  messageOffset = 0;
  /** Offset just past the message's captured bytes in `data`. */
  messageEnd = 0;
  /**
   * The message length in bytes as the framing declares it: the TCP length prefix, or the
   * UDP payload length; it exceeds `messageEnd - messageOffset` when bytes are missing.
   */
  messageLength = 0;
  /**
   * The transport payload length on the wire, as the IP and UDP headers declare it (what
   * tcpdump prints as the DNS length over UDP, and compares with the prefix over TCP).
   */
  wireLength = 0;
  /** Whether the message is multicast DNS (UDP port 5353 on either side, not 53). */
  multicast = false;
  /** Whether the bytes end before the message does (part of a TCP stream, or a cut capture). */
  truncated = false;
  /**
   * The header could not be decoded: the capture ended inside it (or inside the TCP length
   * prefix), or the prefix is below 12. The layer then comes from the `partial` of the
   * {@linkcode DecodeError}, with the header fields that were not captured left at 0, so
   * that a printer can show what tcpdump shows for it.
   */
  partial = false;
  /** ID: matches a response to its query. */
  id = 0;
  /** The 16 flag bits after the ID: QR, opcode, AA, TC, RD, RA, Z, AD, CD, RCODE. */
  flags = 0;
  /** OPCODE: 0 query, 1 inverse query, 2 status, 4 notify, 5 update. */
  opcode = 0;
  /** RCODE, the header's 4 bits (see {@linkcode Dns.extendedResponseCode} for EDNS). */
  responseCode = 0;
  /** QDCOUNT: entries in the question section. */
  questionCount = 0;
  /** ANCOUNT: records in the answer section. */
  answerCount = 0;
  /** NSCOUNT: records in the authority section. */
  authorityCount = 0;
  /** ARCOUNT: records in the additional section. */
  additionalCount = 0;
  #sections: DnsSections | undefined = undefined;

  /** QR: the message is a response. */
  get response(): boolean {
    return (this.flags & 0x8000) !== 0;
  }

  /** AA: authoritative answer. */
  get authoritative(): boolean {
    return (this.flags & 0x0400) !== 0;
  }

  /** TC: the sender truncated the message (to fit a UDP datagram). */
  get truncation(): boolean {
    return (this.flags & 0x0200) !== 0;
  }

  /** RD: recursion desired. */
  get recursionDesired(): boolean {
    return (this.flags & 0x0100) !== 0;
  }

  /** RA: recursion available. */
  get recursionAvailable(): boolean {
    return (this.flags & 0x0080) !== 0;
  }

  /** Z: the reserved bit, zero in a well-formed message. */
  get z(): boolean {
    return (this.flags & 0x0040) !== 0;
  }

  /** AD: authentic data (RFC 4035). */
  get authenticData(): boolean {
    return (this.flags & 0x0020) !== 0;
  }

  /** CD: checking disabled (RFC 4035). */
  get checkingDisabled(): boolean {
    return (this.flags & 0x0010) !== 0;
  }

  /**
   * The questions and records, parsed on first access and kept until the layer decodes
   * another message. Never throws: `error` says where a malformed message stopped parsing.
   */
  get sections(): DnsSections {
    return this.#sections ??= parseSections(this);
  }

  /** The question section (see {@linkcode Dns.sections}). */
  get questions(): DnsQuestion[] {
    return this.sections.questions;
  }

  /** The answer section (see {@linkcode Dns.sections}). */
  get answers(): DnsResourceRecord[] {
    return this.sections.answers;
  }

  /** The authority section (see {@linkcode Dns.sections}). */
  get authorities(): DnsResourceRecord[] {
    return this.sections.authorities;
  }

  /** The additional section (see {@linkcode Dns.sections}). */
  get additionals(): DnsResourceRecord[] {
    return this.sections.additionals;
  }

  /** Whether the sections stopped parsing before their counts were reached. */
  get malformed(): boolean {
    return this.sections.error !== undefined;
  }

  /** The EDNS OPT record of the additional section, if it has one. */
  get edns(): DnsRdataOpt | undefined {
    for (const record of this.additionals) {
      if (record.value.kind === "opt") return record.value;
    }
    return undefined;
  }

  /** The 12-bit response code: the header's RCODE plus the EDNS extended bits. */
  get extendedResponseCode(): number {
    const edns = this.edns;
    return edns === undefined
      ? this.responseCode
      : (edns.extendedResponseCode << 4) | this.responseCode;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const transport = context.transport;
    const overTcp = transport !== undefined && transport.kind === "tcp";
    const available = end - offset;
    const messageOffset = overTcp ? offset + 2 : offset;
    let messageLength = available;
    if (overTcp) {
      messageLength = available >= 2 ? (data[offset]! << 8) | data[offset + 1]! : 0;
    } else if (transport !== undefined && transport.kind === "udp" && transport.length >= 8) {
      messageLength = transport.length - 8;
    }
    const messageEnd = Math.max(messageOffset, Math.min(end, messageOffset + messageLength));
    this.data = data;
    this.offset = offset;
    this.headerLength = Math.max(0, messageEnd - offset);
    this.end = end;
    this.transport = transport === undefined ? undefined : transport.kind;
    this.messageOffset = messageOffset;
    this.messageEnd = messageEnd;
    this.messageLength = messageLength;
    this.wireLength = transport === undefined ? available : wireLength(context, offset, available);
    this.multicast = transport !== undefined && transport.kind === "udp" &&
      transport.sourcePort !== 53 && transport.destinationPort !== 53 &&
      (transport.sourcePort === 5353 || transport.destinationPort === 5353);
    this.truncated = messageOffset + messageLength > end;
    this.#sections = undefined;
    const header = end - messageOffset >= 12;
    // A header cut short reads as zeros.
    const m = header ? messageOffset : -1;
    this.id = word(data, m, 0);
    const flags = word(data, m, 2);
    this.flags = flags;
    this.opcode = (flags >> 11) & 0xf;
    this.responseCode = flags & 0xf;
    this.questionCount = word(data, m, 4);
    this.answerCount = word(data, m, 6);
    this.authorityCount = word(data, m, 8);
    this.additionalCount = word(data, m, 10);
    this.partial = !header || (overTcp && messageLength < 12);
    if (overTcp && available < 2) {
      return DecodeError.truncated(this.kind, offset, 2, available, true);
    }
    if (overTcp && messageLength < 12) {
      const detail = `length prefix ${messageLength} is less than 12`;
      return DecodeError.malformed(this.kind, offset, 12, messageLength, detail, true);
    }
    if (!header) {
      return DecodeError.truncated(this.kind, offset, messageOffset - offset + 12, available, true);
    }
    return undefined;
  }

  /** DNS carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const sections = this.sections;
    const json: Record<string, unknown> = {
      id: this.id,
      response: this.response,
      opcode: this.opcode,
      authoritative: this.authoritative,
      truncation: this.truncation,
      recursionDesired: this.recursionDesired,
      recursionAvailable: this.recursionAvailable,
      z: this.z,
      authenticData: this.authenticData,
      checkingDisabled: this.checkingDisabled,
      responseCode: this.responseCode,
      questionCount: this.questionCount,
      answerCount: this.answerCount,
      authorityCount: this.authorityCount,
      additionalCount: this.additionalCount,
      questions: sections.questions.map((question) => ({ ...question })),
      answers: sections.answers.map(recordToJSON),
      authorities: sections.authorities.map(recordToJSON),
      additionals: sections.additionals.map(recordToJSON),
    };
    if (this.truncated) json.truncated = true;
    if (sections.error !== undefined) json.error = sections.error;
    return json;
  }
}

/** Creates {@linkcode Dns} layers; the registry entry for ports 53 and 5353. */
export const dnsDecoder: ProtocolDescriptor<Dns> = defineProtocol({
  kind: "dns",
  name: "DNS",
  tcpdumpName: "domain",
  create: () => new Dns(),
  bindings: { tcpPorts: [53], udpPorts: [53, 5353] },
});

/** Options of {@linkcode decodeDns}. */
export interface DecodeDnsOptions {
  /** Read the two-byte length prefix of DNS over TCP first (default `false`). */
  tcp?: boolean;
}

/**
 * Decodes a DNS message (its header; the sections are parsed when read).
 *
 * @param data The bytes.
 * @param offset Where the message (or, over TCP, its length prefix) starts.
 * @param options `tcp: true` for a message with the TCP length prefix.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the 12-byte header (and prefix) is cut short, or the TCP
 * length prefix is below 12; its `partial` holds the layer as far as it decoded.
 *
 * @example Decode DNS over TCP and reject a short header
 * ```ts
 * import { decodeDns } from "./dns.ts";
 * import assert from "node:assert/strict";
 *
 * const segment = new Uint8Array([0, 12, 0xab, 0xcd, 0x81, 0x80, 0, 0, 0, 0, 0, 0, 0, 0]);
 * const dns = decodeDns(segment, 0, { tcp: true });
 * assert.equal(dns.id, 0xabcd);
 * assert.equal(dns.response, true);
 * assert.throws(() => decodeDns(new Uint8Array(11)), {
 *   name: "DecodeError",
 *   message: "Cannot decode DNS header: 12 bytes required, received 11",
 * });
 * ```
 */
export function decodeDns(data: Uint8Array, offset = 0, options: DecodeDnsOptions = {}): Dns {
  const layer = new Dns();
  const context: DecodeContext = { tables: noTables, network: undefined };
  // An empty TCP layer stands in for the transport, so that the prefix is read.
  if (options.tcp === true) context.transport = new Tcp();
  const error = layer.decodeFrom(data, offset, data.length, context);
  if (error !== undefined) throw error;
  return layer;
}
