/**
 * TLS ClientHello and ServerHello messages (RFC 8446 section 4.1, RFC 5246 section 7.4.1),
 * read from a handshake message's body: versions, cipher suites, extensions, and the
 * extensions that analysts ask about (server name, ALPN, supported versions, groups, key
 * shares, signature algorithms, EC point formats). GREASE values (RFC 8701) are kept in
 * the lists and marked by {@linkcode isGrease}, so fingerprints can leave them out.
 *
 * The same bodies come from TLS records over TCP, DTLS over UDP and QUIC CRYPTO frames.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { latin1, readUint16 } from "../_bytes.ts";
import { encodeHex } from "../_hex.ts";

/** TLS extension types that the hello readers look into (IANA registry). */
export const TlsExtensionType = {
  SERVER_NAME: 0,
  SUPPORTED_GROUPS: 10,
  EC_POINT_FORMATS: 11,
  SIGNATURE_ALGORITHMS: 13,
  ALPN: 16,
  SUPPORTED_VERSIONS: 43,
  KEY_SHARE: 51,
} as const;

/** One extension: its type and its data (a view over the message). */
export interface TlsExtension {
  /** The extension type. */
  type: number;
  /** The extension's data, without its type and length. */
  data: Uint8Array;
}

/** The fields that ClientHello and ServerHello share. */
export interface TlsHelloCommon {
  /** The legacy version field (`0x0303` for TLS 1.2 and 1.3). */
  legacyVersion: number;
  /** The 32-byte random (a view). */
  random: Uint8Array;
  /** The legacy session ID (a view; empty when absent). */
  sessionId: Uint8Array;
  /** The extensions in the order they appear, GREASE included. */
  extensions: TlsExtension[];
  /** The ALPN protocol names, in order (the server's choice for a ServerHello). */
  alpn: string[];
  /** The supported_versions extension's versions (the selected one for a ServerHello). */
  supportedVersions: number[];
}

/** A ClientHello (of TLS, or of DTLS with its cookie). */
export interface TlsClientHello extends TlsHelloCommon {
  /** The DTLS cookie (a view; empty for TLS and for a DTLS hello without one). */
  cookie: Uint8Array;
  /** The cipher suites offered, GREASE included. */
  cipherSuites: number[];
  /** The compression methods offered. */
  compressionMethods: number[];
  /** The server name (SNI host name), if the extension holds one. */
  serverName: string | undefined;
  /** The supported groups (elliptic curves), GREASE included. */
  supportedGroups: number[];
  /** The EC point formats. */
  ecPointFormats: number[];
  /** The signature algorithms, in order. */
  signatureAlgorithms: number[];
  /** The groups of the key shares offered. */
  keyShareGroups: number[];
}

/** A ServerHello (or a HelloRetryRequest, which has the same shape). */
export interface TlsServerHello extends TlsHelloCommon {
  /** The cipher suite chosen. */
  cipherSuite: number;
  /** The compression method chosen. */
  compressionMethod: number;
  /** The key share group chosen, if any. */
  keyShareGroup: number | undefined;
  /** Whether this is a HelloRetryRequest (RFC 8446 section 4.1.3: its special random). */
  helloRetryRequest: boolean;
}

// SHA-256("HelloRetryRequest"), the random that marks a HelloRetryRequest.
const HRR_RANDOM = "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c";

/**
 * Whether a ServerHello body is a HelloRetryRequest (RFC 8446 section 4.1.3): its random is
 * SHA-256 of "HelloRetryRequest".
 *
 * @param body The ServerHello message body (after the 4-byte handshake header).
 * @returns Whether it carries the HelloRetryRequest random.
 *
 * @example A body too short to hold a random
 * ```ts
 * import { isHelloRetryRequest } from "./tls_hello.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isHelloRetryRequest(new Uint8Array([3, 3])), false);
 * ```
 */
export function isHelloRetryRequest(body: Uint8Array): boolean {
  return body.length >= 34 && encodeHex(body.subarray(2, 34)) === HRR_RANDOM;
}

/**
 * Whether a 16-bit value is a GREASE value (RFC 8701): `0x0a0a`, `0x1a1a`, ... `0xfafa`.
 *
 * @param value A cipher suite, extension type, group, version or signature algorithm.
 * @returns Whether it is reserved for GREASE.
 *
 * @example
 * ```ts
 * import { isGrease } from "./tls_hello.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isGrease(0x3a3a), true);
 * assert.equal(isGrease(0x1301), false);
 * ```
 */
export function isGrease(value: number): boolean {
  return (value & 0x0f0f) === 0x0a0a && value >> 8 === (value & 0xff);
}

/** A bounds-checked reader over one message body; errors name the field that ran out. */
class BodyReader {
  at = 0;
  constructor(readonly data: Uint8Array, readonly what: string) {}

  need(n: number, field: string): void {
    if (this.at + n > this.data.length) {
      throw DecodeError.malformed(
        "TLS",
        this.at,
        n,
        this.data.length - this.at,
        `${this.what} ends inside its ${field}`,
      );
    }
  }
  u8(field: string): number {
    this.need(1, field);
    return this.data[this.at++]!;
  }
  u16(field: string): number {
    this.need(2, field);
    const v = readUint16(this.data, this.at);
    this.at += 2;
    return v;
  }
  bytes(n: number, field: string): Uint8Array {
    this.need(n, field);
    const v = this.data.subarray(this.at, this.at + n);
    this.at += n;
    return v;
  }
  /** A vector with a length prefix of `prefix` bytes. */
  vector(prefix: 1 | 2, field: string): Uint8Array {
    const n = prefix === 1 ? this.u8(field) : this.u16(field);
    return this.bytes(n, field);
  }
}

function uint16List(data: Uint8Array): number[] {
  const list: number[] = [];
  for (let at = 0; at + 1 < data.length; at += 2) list.push(readUint16(data, at));
  return list;
}

function readExtensions(r: BodyReader): TlsExtension[] {
  const extensions: TlsExtension[] = [];
  // No extensions block at all is allowed (TLS 1.0/1.1 hellos).
  if (r.at >= r.data.length) return extensions;
  const block = new BodyReader(r.vector(2, "extensions"), r.what);
  while (block.at < block.data.length) {
    const type = block.u16("extension type");
    extensions.push({ type, data: block.vector(2, "extension") });
  }
  return extensions;
}

function alpnNames(data: Uint8Array, what: string): string[] {
  const r = new BodyReader(data, what);
  const list = new BodyReader(r.vector(2, "ALPN list"), what);
  const names: string[] = [];
  while (list.at < list.data.length) {
    names.push(latin1(list.vector(1, "ALPN name")));
  }
  return names;
}

function serverNameOf(data: Uint8Array, what: string): string | undefined {
  const r = new BodyReader(data, what);
  const list = new BodyReader(r.vector(2, "server name list"), what);
  while (list.at < list.data.length) {
    const type = list.u8("server name type");
    const name = list.vector(2, "server name");
    if (type === 0) return new TextDecoder().decode(name);
  }
  return undefined;
}

function keyShareGroupsOf(data: Uint8Array, what: string): number[] {
  const r = new BodyReader(data, what);
  const list = new BodyReader(r.vector(2, "key share list"), what);
  const groups: number[] = [];
  while (list.at < list.data.length) {
    groups.push(list.u16("key share group"));
    list.vector(2, "key exchange");
  }
  return groups;
}

/**
 * Reads a ClientHello from its handshake message body (after the 4-byte handshake header).
 *
 * @param body The message body.
 * @returns The ClientHello; lists and extension data are views over `body` or small copies.
 * @throws {DecodeError} When a field or an extension the reader looks into runs past its end.
 *
 * @example Read the server name and ALPN of a ClientHello
 * ```ts
 * import { decodeTlsClientHello } from "./tls_hello.ts";
 * import assert from "node:assert/strict";
 *
 * const sni = [0, 0, 0, 14, 0, 12, 0, 0, 9, ...new TextEncoder().encode("a.example")];
 * const alpn = [0, 16, 0, 5, 0, 3, 2, 0x68, 0x32];
 * const extensions = [...sni, ...alpn];
 * const body = new Uint8Array([
 *   3, 3, ...new Array(32).fill(7), 0, // version, random, empty session ID
 *   0, 4, 0x13, 0x01, 0x0a, 0x0a, 1, 0, // two suites (one GREASE), null compression
 *   0, extensions.length, ...extensions,
 * ]);
 * const hello = decodeTlsClientHello(body);
 * assert.equal(hello.serverName, "a.example");
 * assert.deepEqual(hello.alpn, ["h2"]);
 * assert.deepEqual(hello.cipherSuites, [0x1301, 0x0a0a]);
 * ```
 */
export function decodeTlsClientHello(body: Uint8Array): TlsClientHello {
  const what = "ClientHello";
  const r = new BodyReader(body, what);
  const legacyVersion = r.u16("version");
  const random = r.bytes(32, "random");
  const sessionId = r.vector(1, "session ID");
  // DTLS (versions 0xfeff and below) puts a cookie after the session ID (RFC 6347 4.2.1).
  const cookie = legacyVersion >= 0xfe00 ? r.vector(1, "cookie") : body.subarray(0, 0);
  const cipherSuites = uint16List(r.vector(2, "cipher suites"));
  const compressionMethods = Array.from(r.vector(1, "compression methods"));
  const extensions = readExtensions(r);
  const hello: TlsClientHello = {
    legacyVersion,
    random,
    sessionId,
    cookie,
    cipherSuites,
    compressionMethods,
    extensions,
    serverName: undefined,
    alpn: [],
    supportedVersions: [],
    supportedGroups: [],
    ecPointFormats: [],
    signatureAlgorithms: [],
    keyShareGroups: [],
  };
  for (const { type, data } of extensions) {
    const ext = new BodyReader(data, what);
    switch (type) {
      case TlsExtensionType.SERVER_NAME:
        if (data.length > 0) hello.serverName = serverNameOf(data, what);
        break;
      case TlsExtensionType.ALPN:
        hello.alpn = alpnNames(data, what);
        break;
      case TlsExtensionType.SUPPORTED_VERSIONS:
        hello.supportedVersions = uint16List(ext.vector(1, "supported versions"));
        break;
      case TlsExtensionType.SUPPORTED_GROUPS:
        hello.supportedGroups = uint16List(ext.vector(2, "supported groups"));
        break;
      case TlsExtensionType.EC_POINT_FORMATS:
        hello.ecPointFormats = Array.from(ext.vector(1, "EC point formats"));
        break;
      case TlsExtensionType.SIGNATURE_ALGORITHMS:
        hello.signatureAlgorithms = uint16List(ext.vector(2, "signature algorithms"));
        break;
      case TlsExtensionType.KEY_SHARE:
        hello.keyShareGroups = keyShareGroupsOf(data, what);
        break;
    }
  }
  return hello;
}

/**
 * Reads a ServerHello (or HelloRetryRequest) from its handshake message body.
 *
 * @param body The message body.
 * @returns The ServerHello.
 * @throws {DecodeError} When a field or an extension the reader looks into runs past its end.
 *
 * @example Read the chosen cipher suite and version of a TLS 1.3 ServerHello
 * ```ts
 * import { decodeTlsServerHello } from "./tls_hello.ts";
 * import assert from "node:assert/strict";
 *
 * const body = new Uint8Array([
 *   3, 3, ...new Array(32).fill(1), 0, 0x13, 0x01, 0, // version, random, no ID, suite, null
 *   0, 6, 0, 43, 0, 2, 3, 4, // supported_versions: TLS 1.3
 * ]);
 * const hello = decodeTlsServerHello(body);
 * assert.equal(hello.cipherSuite, 0x1301);
 * assert.deepEqual(hello.supportedVersions, [0x0304]);
 * assert.equal(hello.helloRetryRequest, false);
 * ```
 */
export function decodeTlsServerHello(body: Uint8Array): TlsServerHello {
  const what = "ServerHello";
  const r = new BodyReader(body, what);
  const legacyVersion = r.u16("version");
  const random = r.bytes(32, "random");
  const sessionId = r.vector(1, "session ID");
  const cipherSuite = r.u16("cipher suite");
  const compressionMethod = r.u8("compression method");
  const extensions = readExtensions(r);
  const hello: TlsServerHello = {
    legacyVersion,
    random,
    sessionId,
    cipherSuite,
    compressionMethod,
    extensions,
    alpn: [],
    supportedVersions: [],
    keyShareGroup: undefined,
    helloRetryRequest: isHelloRetryRequest(body),
  };
  for (const { type, data } of extensions) {
    const ext = new BodyReader(data, what);
    switch (type) {
      case TlsExtensionType.ALPN:
        hello.alpn = alpnNames(data, what);
        break;
      case TlsExtensionType.SUPPORTED_VERSIONS:
        hello.supportedVersions = [ext.u16("supported version")];
        break;
      case TlsExtensionType.KEY_SHARE:
        hello.keyShareGroup = ext.u16("key share group");
        break;
    }
  }
  return hello;
}
