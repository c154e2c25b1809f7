/**
 * What the traffic is, one record per application event: HTTP exchanges, TLS, QUIC and
 * DTLS handshakes (version, server name, ALPN, cipher, JA3/JA4), DNS queries and answers.
 * {@linkcode ApplicationSessions} takes the events of stream reassembly
 * (`lib/reassembly/`) and recognises each stream's protocol from its first bytes (and the
 * DNS ports), so a service on an unusual port is still found; a stream not recognised, or
 * an HTTP one past a CONNECT or a protocol switch, becomes TLS when a ClientHello starts
 * one of its later chunks (STARTTLS, proxy tunnels and the like).
 *
 * @module
 */

import type { StreamEvent, StreamInfo } from "../reassembly/stream_types.ts";
import { type HttpRequest, HttpSession, type HttpSessionEvent } from "./http_session.ts";
import { TlsSession, type TlsSessionEvent, type TlsSide } from "./tls_session.ts";
import { isGrease } from "./tls_hello.ts";
import { QuicSession } from "./quic_session.ts";
import { DtlsSession } from "./dtls.ts";
import { decodeDns, type Dns, DnsResponseCode, DnsType } from "./dns.ts";
import { latin1, readUint32 } from "../_bytes.ts";
import { addressPort } from "../_address_port.ts";
import { constantNames } from "../_constant_names.ts";
import { isQuicVersionDecryptable } from "./quic_initial.ts";
import { HTTP_METHODS } from "./http.ts";

/** The application protocols {@linkcode ApplicationSessions} recognises. */
export type AppProtocol = "http" | "tls" | "quic" | "dtls" | "dns";

/** One application event, flat, as `scripts/sessions.ts` prints it. */
export interface AppRecord {
  /** Capture time of the packet that completed the event, in seconds since the epoch. */
  time: number;
  /**
   * With the `messages` option only: set on the extra records of single messages, an HTTP
   * request (`request`), an HTTP 1xx response (`informational`), a ClientHello
   * (`client-hello`) or a ServerHello (`server-hello`, with the ALPN protocol it chose),
   * made when the message is whole.
   */
  message?: "request" | "informational" | "client-hello" | "server-hello";
  /** The protocol. */
  protocol: AppProtocol;
  /** The transport stream's number (tshark's `tcp.stream` / `udp.stream`). */
  stream: number;
  /** `tcp` or `udp`. */
  transport: "tcp" | "udp";
  /** The client's `address:port` (`[address]:port` for IPv6). */
  client: string;
  /** The server's `address:port`. */
  server: string;
  /** HTTP: the method; absent for a response whose request was not seen. */
  method?: string;
  /** HTTP: the Host header. */
  host?: string;
  /** HTTP: the request target. */
  uri?: string;
  /** HTTP: the status code; absent for a request left unanswered. */
  status?: number;
  /** HTTP: the request body's length. */
  requestBytes?: number;
  /** HTTP: the response body's length (after transfer decoding). */
  responseBytes?: number;
  /** HTTP: the response's Content-Type. */
  contentType?: string;
  /** TLS, QUIC, DTLS: the version chosen (`TLS 1.3`), or offered when no ServerHello was seen. */
  version?: string;
  /** TLS, QUIC, DTLS: the server name. */
  sni?: string;
  /** TLS, QUIC, DTLS: the ALPN protocols offered, or the one chosen. */
  alpn?: string[];
  /** TLS, QUIC, DTLS: the cipher suite chosen, in hex (`0x1301`). */
  cipher?: string;
  /** TLS, QUIC, DTLS: JA3 of the ClientHello. */
  ja3?: string;
  /** TLS, QUIC, DTLS: JA4 of the ClientHello. */
  ja4?: string;
  /** TLS, QUIC, DTLS: JA3S of the ServerHello. */
  ja3s?: string;
  /** TLS, QUIC, DTLS: JA4S of the ServerHello. */
  ja4s?: string;
  /** DNS: the first question's name. */
  name?: string;
  /** DNS: the first question's type (`A`, `AAAA`, `TYPE99`). */
  qtype?: string;
  /** DNS: the response code (`NOERROR`); absent for a query left unanswered. */
  rcode?: string;
  /** DNS: the answers' values (addresses, names). */
  answers?: string[];
}

const VERSION_NAMES: ReadonlyMap<number, string> = new Map([
  [0x0300, "SSL 3.0"],
  [0x0301, "TLS 1.0"],
  [0x0302, "TLS 1.1"],
  [0x0303, "TLS 1.2"],
  [0x0304, "TLS 1.3"],
  [0xfeff, "DTLS 1.0"],
  [0xfefd, "DTLS 1.2"],
  [0xfefc, "DTLS 1.3"],
]);

const DNS_TYPE_NAMES = constantNames(DnsType);
const DNS_RCODE_NAMES = constantNames(DnsResponseCode);

function versionName(version: number): string {
  return VERSION_NAMES.get(version) ?? `0x${version.toString(16).padStart(4, "0")}`;
}

/** The per-stream state: its protocol's session once recognised. */
type Tracker =
  | { kind: "none" }
  | { kind: "http"; http: HttpSession; unanswered: Set<HttpRequest> }
  | {
    kind: "tls" | "quic" | "dtls";
    session: TlsSession | QuicSession | DtlsSession;
    reported: boolean;
  }
  | { kind: "dns"; pending: Map<number, Dns>; buffer: Uint8Array[] };

/** The tracker of every stream of no protocol the sessions read (most of them). */
const NONE: Tracker = { kind: "none" };

/** The ports of DNS and multicast DNS. */
const DNS_PORTS: readonly number[] = [53, 5353];

function isDnsPort(stream: StreamInfo): boolean {
  return DNS_PORTS.includes(stream.serverPort) || DNS_PORTS.includes(stream.clientPort);
}

/**
 * Whether a stream's first bytes are the server's (an HTTP response, a TLS ServerHello), for
 * the protocols where that can be told; `undefined` for the others.
 */
function sentByServer(tracker: Tracker, data: Uint8Array): boolean | undefined {
  if (tracker.kind === "http") {
    return data.length >= 5 && latin1(data, 0, 5) === "HTTP/";
  }
  if (tracker.kind === "tls") return data.length >= 6 && data[5] === 2;
  return undefined;
}

/** A stream's key among the sessions: TCP and UDP streams are numbered apart. */
function streamKey(stream: StreamInfo): number {
  return stream.index * 2 + (stream.protocol === "udp" ? 1 : 0);
}

function startsClientHello(data: Uint8Array, start = 0, end: number = data.length): boolean {
  return end - start >= 6 && data[start] === 22 && data[start + 1] === 3 &&
    data[start + 2]! <= 4 && data[start + 5] === 1;
}

/** How far into a chunk an HTTP request line must end to be taken mid-stream. */
const REQUEST_LINE_LIMIT = 8192;

/**
 * Whether a TCP stream's chunk starts with a whole HTTP/1.x request line (`GET /x HTTP/1.1`,
 * a method tcpdump knows): a TCP stream of no protocol recognised turns HTTP there, as after a SOCKS
 * handshake. Stricter than {@linkcode HttpSession.recognises}, which judges a stream's first
 * bytes.
 */
function startsHttpRequest(
  stream: StreamInfo,
  data: Uint8Array,
  start = 0,
  end: number = data.length,
): boolean {
  if (stream.protocol !== "tcp") return false;
  // Methods are upper case: other chunks are told apart by their first byte.
  const first = data[start] ?? 0;
  if (first < 0x41 || first > 0x5a) return false;
  const limit = Math.min(end, start + REQUEST_LINE_LIMIT);
  let eol = start;
  while (eol + 1 < limit && !(data[eol] === 0x0d && data[eol + 1] === 0x0a)) eol++;
  if (eol + 1 >= limit) return false;
  const match = /^(\S+) \S+ HTTP\/1\.[01]$/.exec(latin1(data, start, eol));
  return match !== null && HTTP_METHODS.has(match[1]!);
}

function recognise(stream: StreamInfo, data: Uint8Array, dns: boolean): Tracker {
  if (isDnsPort(stream)) {
    return dns ? { kind: "dns", pending: new Map(), buffer: [] } : NONE;
  }
  if (stream.protocol === "udp") {
    if (
      data.length >= 5 && (data[0]! & 0x80) !== 0 && isQuicVersionDecryptable(readUint32(data, 1))
    ) {
      return { kind: "quic", session: new QuicSession(), reported: false };
    }
    if (data.length >= 13 && data[0] === 22 && data[1] === 0xfe) {
      return { kind: "dtls", session: new DtlsSession(), reported: false };
    }
    return NONE;
  }
  if (data.length >= 3 && data[0] === 22 && data[1] === 3 && data[2]! <= 4) {
    return { kind: "tls", session: new TlsSession(), reported: false };
  }
  if (HttpSession.recognises(data)) {
    return { kind: "http", http: new HttpSession(), unanswered: new Set() };
  }
  return NONE;
}

/**
 * Turns stream events into application records.
 *
 * @example Recognise an HTTP exchange
 * ```ts
 * import { ApplicationSessions } from "./app_sessions.ts";
 * import type { StreamInfo } from "../reassembly/stream_types.ts";
 * import assert from "node:assert/strict";
 *
 * const stream: StreamInfo = {
 *   protocol: "tcp", index: 0, ipVersion: 4, clientAddress: "10.0.0.1", clientPort: 40000,
 *   serverAddress: "10.0.0.2", serverPort: 8080, firstSeen: 0,
 * };
 * const text = (s: string) => new TextEncoder().encode(s);
 * const apps = new ApplicationSessions();
 * await apps.add({ type: "data", stream, direction: 0, offset: 0, time: 1, data: text("GET /x HTTP/1.1\r\nHost: h\r\n\r\n") });
 * const [record] = await apps.add({ type: "data", stream, direction: 1, offset: 0, time: 2, data: text("HTTP/1.1 204 No Content\r\n\r\n") });
 * assert.equal(record?.protocol, "http");
 * assert.equal(record?.uri, "/x");
 * assert.equal(record?.status, 204);
 * ```
 */
export class ApplicationSessions {
  readonly #messages: boolean;
  readonly #withDns: boolean;
  // Keyed by streamKey(): a number, so that looking a stream up builds no string.
  readonly #streams = new Map<number, Tracker>();
  // Streams picked up mid-way whose first bytes came from the server: sides swapped.
  readonly #swapped = new Set<number>();

  /**
   * Makes an empty set of sessions.
   *
   * @param options `messages`: also return a record for each HTTP request, each 1xx
   * response, each ClientHello and each ServerHello as soon as it is whole (with {@linkcode AppRecord.message} set), before the
   * exchange's or handshake's record; for tables that put fields on the packet carrying
   * the message, as tshark does. `dns: false`: no DNS records (streams on the DNS ports
   * are then left unread), for callers that decode DNS themselves.
   */
  constructor(options: { messages?: boolean; dns?: boolean } = {}) {
    this.#messages = options.messages ?? false;
    this.#withDns = options.dns ?? true;
  }

  /**
   * The ports of the streams that these sessions never read: DNS's (53 and 5353) when made
   * with `dns: false`, else none. A reassembler that feeds only these sessions can leave
   * them out (its `ignorePorts` option), which saves it a stream per DNS query.
   *
   * @example DNS ports are left out when DNS is not read
   * ```ts
   * import { ApplicationSessions } from "./app_sessions.ts";
   * import assert from "node:assert/strict";
   *
   * assert.deepEqual(new ApplicationSessions({ dns: false }).ignoredPorts, [53, 5353]);
   * assert.deepEqual(new ApplicationSessions().ignoredPorts, []);
   * ```
   */
  get ignoredPorts(): readonly number[] {
    return this.#withDns ? [] : DNS_PORTS;
  }

  /**
   * Whether {@linkcode ApplicationSessions.prototype.add} would return no record for an
   * event and change nothing: a data event of a stream whose protocol was not recognised,
   * not starting a ClientHello. Callers with many such events can leave them out, and
   * await nothing for them.
   *
   * @param event An event of `reassemble()`.
   * @returns `true` when `add(event)` can be skipped.
   */
  ignores(event: StreamEvent): boolean {
    return event.type === "data" && this.ignoresData(event.stream, event.data);
  }

  /**
   * {@linkcode ApplicationSessions.prototype.ignores} for a data event given by its
   * fields, for callers that make no event object until one is needed.
   *
   * @param stream The event's stream.
   * @param data The event's bytes, or an array that holds them.
   * @param start Where they start in `data`.
   * @param end Where they end in `data`.
   * @returns `true` when `add()` of that data event can be skipped.
   */
  ignoresData(stream: StreamInfo, data: Uint8Array, start = 0, end: number = data.length): boolean {
    if (end <= start) return true;
    const tracker = this.#streams.get(streamKey(stream));
    return tracker?.kind === "none" && !startsClientHello(data, start, end) &&
      !startsHttpRequest(stream, data, start, end);
  }

  /**
   * Takes the next stream event.
   *
   * @param event An event of `reassemble()` (or the same shape from the callback form).
   * @returns The application records it completes, in order.
   */
  async add(event: StreamEvent): Promise<AppRecord[]> {
    return await this.addNow(event);
  }

  /**
   * {@linkcode ApplicationSessions.prototype.add} without a wait where none is needed:
   * only QUIC's Initial packets are decrypted (with WebCrypto) asynchronously, so the
   * records of every other event come at once. For callers that take many events in a hot
   * loop; events must still be given in order, each after the last one's records came.
   *
   * @param event An event of `reassemble()`.
   * @returns The records it completes, or a promise of them.
   */
  addNow(event: StreamEvent): AppRecord[] | Promise<AppRecord[]> {
    const key = streamKey(event.stream);
    if (event.type === "closed") {
      const tracker = this.#streams.get(key);
      const swapped = this.#swapped.delete(key);
      this.#streams.delete(key);
      return tracker === undefined ? [] : this.#close(event.stream, tracker, event.time, swapped);
    }
    if (event.type !== "data" || event.data.length === 0) return [];
    let tracker = this.#streams.get(key);
    // A stream that upgrades to TLS after a protocol of its own (STARTTLS, MySQL's SSL
    // request) is recognised again at its ClientHello, one that carries HTTP after one
    // (SOCKS) at its first request line.
    if (
      tracker === undefined ||
      (tracker.kind === "none" &&
        (startsClientHello(event.data) || startsHttpRequest(event.stream, event.data)))
    ) {
      tracker = recognise(event.stream, event.data, this.#withDns);
      this.#streams.set(key, tracker);
      const byServer = sentByServer(tracker, event.data);
      if (byServer !== undefined && byServer === (event.direction === 0)) this.#swapped.add(key);
    }
    if (tracker.kind === "none") return [];
    const swapped = this.#swapped.has(key);
    const side: TlsSide = (event.direction === 0) !== swapped ? "client" : "server";
    const base = this.#base(event.stream, event.time, swapped);
    switch (tracker.kind) {
      case "http": {
        const records = this.#http(base, tracker, tracker.http.push(side, event.data));
        // Past a successful CONNECT or a protocol switch the stream is no longer HTTP: a
        // ClientHello starts TLS there, as Wireshark follows the tunnel.
        if (tracker.http.tunneled) this.#streams.set(key, NONE);
        return records;
      }
      case "tls":
      case "dtls":
        return this.#handshake(
          base,
          tracker,
          (tracker.session as TlsSession | DtlsSession).push(side, event.data),
        );
      case "quic":
        return (tracker.session as QuicSession).push(side, event.data).then((events) =>
          this.#handshake(base, tracker, events)
        );
      case "dns":
        return this.#dns(base, tracker, event.data, event.stream.protocol === "tcp");
      default:
        return [];
    }
  }

  #base(stream: StreamInfo, time: number, swapped: boolean): Omit<AppRecord, "protocol"> {
    const first = addressPort(stream.clientAddress, stream.clientPort);
    const second = addressPort(stream.serverAddress, stream.serverPort);
    return {
      time,
      stream: stream.index,
      transport: stream.protocol,
      client: swapped ? second : first,
      server: swapped ? first : second,
    };
  }

  #http(
    base: Omit<AppRecord, "protocol">,
    tracker: Extract<Tracker, { kind: "http" }>,
    events: HttpSessionEvent[],
  ): AppRecord[] {
    const records: AppRecord[] = [];
    for (const event of events) {
      if (event.type === "request") {
        tracker.unanswered.add(event.request);
        if (this.#messages) records.push(requestRecord(base, event.request, "request"));
      }
      if (event.type !== "response") continue;
      // 1xx responses are interim, but for 101: the exchange's answer, after which the
      // connection speaks the protocol switched to.
      if (event.response.status < 200 && event.response.status !== 101) {
        if (!this.#messages) continue;
        const { status } = event.response;
        records.push({ ...base, protocol: "http", status, message: "informational" });
        continue;
      }
      if (event.request !== undefined) tracker.unanswered.delete(event.request);
      const { request, response } = event;
      const record: AppRecord = { ...base, protocol: "http", status: response.status };
      if (request !== undefined) {
        record.method = request.method;
        record.uri = request.target;
        const host = request.headers.get("host");
        if (host !== undefined) record.host = host;
        record.requestBytes = request.bodyLength;
      }
      record.responseBytes = response.bodyLength;
      const type = response.headers.get("content-type");
      if (type !== undefined) record.contentType = type;
      records.push(record);
    }
    return records;
  }

  #handshake(
    base: Omit<AppRecord, "protocol">,
    tracker: Extract<Tracker, { reported: boolean }>,
    events: readonly (TlsSessionEvent | { type: "packet" })[],
  ): AppRecord[] {
    const records: AppRecord[] = [];
    for (const event of events) {
      if (!this.#messages) continue;
      if (event.type === "server-hello") {
        const message = "server-hello";
        records.push({ ...base, protocol: tracker.kind, message, alpn: event.hello.alpn });
      }
      if (event.type !== "client-hello") continue;
      const { hello } = event;
      const record: AppRecord = { ...base, protocol: tracker.kind, message: "client-hello" };
      if (hello.serverName !== undefined) record.sni = hello.serverName;
      record.alpn = hello.alpn;
      record.ja3 = event.ja3.hash;
      record.ja4 = event.ja4;
      records.push(record);
    }
    const done = events.some((e) => e.type === "server-hello" && !e.hello.helloRetryRequest);
    if (!done || tracker.reported) return records;
    tracker.reported = true;
    records.push(this.#handshakeRecord(base, tracker));
    return records;
  }

  #handshakeRecord(
    base: Omit<AppRecord, "protocol">,
    tracker: Extract<Tracker, { reported: boolean }>,
  ): AppRecord {
    const tls = tracker.session instanceof TlsSession ? tracker.session : tracker.session.tls;
    const record: AppRecord = { ...base, protocol: tracker.kind, ...tls.fingerprints() };
    const client = tls.clientHello;
    const server = tls.serverHello;
    if (client !== undefined) {
      if (client.serverName !== undefined) record.sni = client.serverName;
      record.alpn = server?.alpn.length ? server.alpn : client.alpn;
      if (server === undefined) {
        const offered = client.supportedVersions.length > 0
          ? Math.max(...client.supportedVersions.filter((v) => !isGrease(v)))
          : client.legacyVersion;
        record.version = versionName(offered);
      }
    }
    if (server !== undefined) {
      record.version = versionName(tls.version ?? server.legacyVersion);
      record.cipher = `0x${server.cipherSuite.toString(16).padStart(4, "0")}`;
    }
    return record;
  }

  #dns(
    base: Omit<AppRecord, "protocol">,
    tracker: Extract<Tracker, { kind: "dns" }>,
    data: Uint8Array,
    tcp: boolean,
  ): AppRecord[] {
    const messages: Dns[] = [];
    if (!tcp) {
      try {
        messages.push(decodeDns(data));
      } catch {
        return [];
      }
    } else {
      let joined = concat([...tracker.buffer, data]);
      let at = 0;
      while (
        joined.length - at >= 2 && joined.length - at >= 2 + ((joined[at]! << 8) | joined[at + 1]!)
      ) {
        const length = (joined[at]! << 8) | joined[at + 1]!;
        try {
          messages.push(decodeDns(joined.slice(at + 2, at + 2 + length)));
        } catch {
          // A message too short to be DNS: skip it, keep the framing.
        }
        at += 2 + length;
      }
      joined = joined.slice(at);
      tracker.buffer = joined.length > 0 ? [joined] : [];
    }
    const records: AppRecord[] = [];
    for (const dns of messages) {
      if (!dns.response) {
        if (tracker.pending.size < 1024) tracker.pending.set(dns.id, dns);
        continue;
      }
      const query = tracker.pending.get(dns.id);
      tracker.pending.delete(dns.id);
      records.push(dnsRecord(base, query ?? dns, dns));
    }
    return records;
  }

  #close(stream: StreamInfo, tracker: Tracker, time: number, swapped: boolean): AppRecord[] {
    const base = this.#base(stream, time, swapped);
    if (tracker.kind === "dns") {
      return [...tracker.pending.values()].map((q) => dnsRecord(base, q, undefined));
    }
    if (
      (tracker.kind === "tls" || tracker.kind === "dtls" || tracker.kind === "quic") &&
      !tracker.reported
    ) {
      const tls = tracker.session instanceof TlsSession ? tracker.session : tracker.session.tls;
      if (tls.clientHello !== undefined) return [this.#handshakeRecord(base, tracker)];
    }
    if (tracker.kind === "http") {
      const records = this.#http(base, tracker, [...tracker.http.end("server")]);
      for (const request of tracker.unanswered) records.push(requestRecord(base, request));
      return records;
    }
    return [];
  }
}

function requestRecord(
  base: Omit<AppRecord, "protocol">,
  request: HttpRequest,
  message?: "request",
): AppRecord {
  const record: AppRecord = { ...base, protocol: "http", method: request.method };
  if (message !== undefined) record.message = message;
  const host = request.headers.get("host");
  if (host !== undefined) record.host = host;
  record.uri = request.target;
  record.requestBytes = request.bodyLength;
  return record;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}

function rdataText(value: Dns["answers"][number]["value"], type: number): string {
  switch (value.kind) {
    case "a":
    case "aaaa":
      return value.address;
    case "cname":
    case "ns":
    case "ptr":
      return value.target;
    case "mx":
      return `${value.preference} ${value.exchange}`;
    case "txt":
      return value.strings.join(" ");
    default:
      return DNS_TYPE_NAMES.get(type) ?? `TYPE${type}`;
  }
}

function dnsRecord(
  base: Omit<AppRecord, "protocol">,
  query: Dns,
  answer: Dns | undefined,
): AppRecord {
  const record: AppRecord = { ...base, protocol: "dns" };
  const question = (answer ?? query).questions[0];
  if (question !== undefined) {
    record.name = question.name;
    record.qtype = DNS_TYPE_NAMES.get(question.type) ?? `TYPE${question.type}`;
  }
  if (answer !== undefined) {
    record.rcode = DNS_RCODE_NAMES.get(answer.responseCode) ?? `RCODE${answer.responseCode}`;
    record.answers = answer.answers.map((rr) => rdataText(rr.value, rr.type));
  }
  return record;
}
