/**
 * The DNS code tables and the shapes of the decoded questions and records. Private:
 * exported from `dns.ts`.
 *
 * @module
 */

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
