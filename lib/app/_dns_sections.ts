/**
 * Reads the sections of a DNS message: names with their compression pointers, and the
 * RDATA of the record types wirekit decodes. Private: used by `dns.ts`.
 *
 * @module
 */

import { formatIpv4, formatIpv6 } from "../address.ts";
import { readUint32 } from "../_bytes.ts";
import type { Dns } from "./dns.ts";
import {
  type DnsEdnsOption,
  type DnsRdata,
  type DnsRdataRaw,
  type DnsResourceRecord,
  type DnsSections,
  DnsType,
} from "./_dns_records.ts";

/** The largest name in wire form, in bytes (RFC 1035 section 2.3.4). */
const MAX_NAME_LENGTH = 255;

/** At most this many compression pointers are followed in one name. */
const MAX_POINTERS = 126;

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

export function parseSections(dns: Dns): DnsSections {
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
