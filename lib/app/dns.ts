/**
 * DNS (RFC 1035) and multicast DNS (RFC 6762), over UDP and over TCP with its two-byte
 * length prefix (RFC 1035 section 4.2.2, RFC 7766); EDNS(0) (RFC 6891) and the record
 * types A, AAAA (RFC 3596), CNAME, NS, PTR, MX, TXT, SOA, SRV (RFC 2782) and OPT decoded,
 * the others kept raw.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { encodeHex } from "../_hex.ts";
import { capturedEnd, wireLength } from "./_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { Tcp } from "../transport/tcp.ts";
import { noTables } from "../_decode_one.ts";
import type { DnsQuestion, DnsRdataOpt, DnsResourceRecord, DnsSections } from "./_dns_records.ts";
import { parseSections } from "./_dns_sections.ts";

export * from "./_dns_records.ts";

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
  /**
   * Where the bytes that a reader of the message may walk end: over UDP, the captured end
   * of the IP packet, past the UDP length when the IP length is longer (tcpdump's
   * ns_print() walks the questions and records to there, while it prints the UDP length);
   * otherwise `end`.
   */
  snapEnd = 0;
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
    // Within the bytes there are: a cut length prefix leaves messageEnd past `end`.
    this.headerLength = Math.max(0, Math.min(messageEnd, end) - offset);
    this.end = end;
    this.transport = transport === undefined ? undefined : transport.kind;
    this.messageOffset = messageOffset;
    this.messageEnd = messageEnd;
    this.messageLength = messageLength;
    this.wireLength = transport === undefined ? available : wireLength(context, offset, available);
    this.snapEnd = transport !== undefined && transport.kind === "udp"
      ? capturedEnd(context, end)
      : end;
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
