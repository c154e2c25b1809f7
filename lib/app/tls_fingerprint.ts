/**
 * TLS fingerprints of hellos: JA3 and JA3S (Salesforce; as Wireshark computes
 * `tls.handshake.ja3`/`ja3s`), and JA4 and JA4S (FoxIO's JA4+ specification), for TLS over
 * TCP, DTLS and QUIC. GREASE values are left out everywhere, as both specifications say.
 *
 * @module
 */

import { nodeCrypto } from "../_node_crypto.ts";
import {
  isGrease,
  type TlsClientHello,
  TlsExtensionType,
  type TlsServerHello,
} from "./tls_hello.ts";

/** Which transport carried the hello: `t` TLS over TCP, `q` QUIC, `d` DTLS (JA4's first letter). */
export type TlsTransport = "t" | "q" | "d";

/** A JA3 or JA3S fingerprint: its text and the text's MD5 hash. */
export interface Ja3Fingerprint {
  /** The comma-separated decimal fields (Wireshark's `ja3_full`). */
  full: string;
  /** The MD5 hash of `full`, in lower-case hex (Wireshark's `ja3`). */
  hash: string;
}

function withoutGrease(values: readonly number[]): number[] {
  return values.filter((v) => !isGrease(v));
}

function md5(text: string): string {
  return nodeCrypto().createHash("md5").update(text).digest("hex");
}

function sha256Prefix(text: string): string {
  return nodeCrypto().createHash("sha256").update(text).digest("hex").slice(0, 12);
}

function hex4(value: number): string {
  return value.toString(16).padStart(4, "0");
}

/**
 * The JA3 fingerprint of a ClientHello: `version,ciphers,extensions,groups,point formats`,
 * each list joined by `-`, GREASE left out.
 *
 * @param hello The ClientHello.
 * @returns The text and its MD5 hash.
 *
 * @example
 * ```ts
 * import { ja3 } from "./tls_fingerprint.ts";
 * import type { TlsClientHello } from "./tls_hello.ts";
 * import assert from "node:assert/strict";
 *
 * const hello = {
 *   legacyVersion: 0x0303, cipherSuites: [0x0a0a, 0x1301, 0xc02f],
 *   extensions: [{ type: 0, data: new Uint8Array() }, { type: 10, data: new Uint8Array() }],
 *   supportedGroups: [29, 23], ecPointFormats: [0],
 * } as unknown as TlsClientHello;
 * assert.equal(ja3(hello).full, "771,4865-49199,0-10,29-23,0");
 * assert.equal(ja3(hello).hash.length, 32);
 * ```
 */
export function ja3(hello: TlsClientHello): Ja3Fingerprint {
  const full = [
    String(hello.legacyVersion),
    withoutGrease(hello.cipherSuites).join("-"),
    withoutGrease(hello.extensions.map((e) => e.type)).join("-"),
    withoutGrease(hello.supportedGroups).join("-"),
    hello.ecPointFormats.join("-"),
  ].join(",");
  return { full, hash: md5(full) };
}

/**
 * The JA3S fingerprint of a ServerHello: `version,cipher,extensions`.
 *
 * @param hello The ServerHello.
 * @returns The text and its MD5 hash.
 *
 * @example
 * ```ts
 * import { ja3s } from "./tls_fingerprint.ts";
 * import type { TlsServerHello } from "./tls_hello.ts";
 * import assert from "node:assert/strict";
 *
 * const hello = {
 *   legacyVersion: 0x0303, cipherSuite: 0xc030,
 *   extensions: [{ type: 65281, data: new Uint8Array() }, { type: 11, data: new Uint8Array() }],
 * } as unknown as TlsServerHello;
 * assert.equal(ja3s(hello).full, "771,49200,65281-11");
 * ```
 */
export function ja3s(hello: TlsServerHello): Ja3Fingerprint {
  const full = [
    String(hello.legacyVersion),
    String(hello.cipherSuite),
    withoutGrease(hello.extensions.map((e) => e.type)).join("-"),
  ].join(",");
  return { full, hash: md5(full) };
}

const VERSION_LABELS: ReadonlyMap<number, string> = new Map([
  [0x0304, "13"],
  [0x0303, "12"],
  [0x0302, "11"],
  [0x0301, "10"],
  [0x0300, "s3"],
  [0x0002, "s2"],
  [0xfeff, "d1"],
  [0xfefd, "d2"],
  [0xfefc, "d3"],
]);

/** JA4's version: the highest supported_versions value (GREASE aside), else the legacy one. */
function versionLabel(hello: TlsClientHello | TlsServerHello): string {
  const listed = withoutGrease(hello.supportedVersions);
  // DTLS versions count down (0xfefd is newer than 0xfeff), so "highest" is by label order.
  const version = listed.length === 0
    ? hello.legacyVersion
    : listed.reduce((best, v) => (rank(v) > rank(best) ? v : best));
  return VERSION_LABELS.get(version) ?? "00";
}

function rank(version: number): number {
  return version >= 0xfe00 ? 0x10000 - version : version;
}

function isAlphanumeric(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** JA4's two ALPN characters: first and last of the first value, or of its hex when not alphanumeric. */
function alpnLabel(alpn: readonly string[]): string {
  const first = alpn[0];
  if (first === undefined || first.length === 0) return "00";
  const a = first.charCodeAt(0);
  const z = first.charCodeAt(first.length - 1);
  if (isAlphanumeric(a) && isAlphanumeric(z)) return first[0]! + first[first.length - 1]!;
  const text = Array.from(first, (c) => c.charCodeAt(0).toString(16).padStart(2, "0")).join("");
  return text[0]! + text[text.length - 1]!;
}

function count2(n: number): string {
  return String(Math.min(n, 99)).padStart(2, "0");
}

/**
 * The JA4 fingerprint of a ClientHello, such as `t13d1516h2_8daaf6152771_e5627efa2ab1`.
 *
 * @param hello The ClientHello.
 * @param transport `t` for TLS over TCP (the default), `q` for QUIC, `d` for DTLS.
 * @returns The fingerprint.
 *
 * @example The example of FoxIO's specification
 * ```ts
 * import { ja4 } from "./tls_fingerprint.ts";
 * import type { TlsClientHello } from "./tls_hello.ts";
 * import assert from "node:assert/strict";
 *
 * const hex = (s: string) => s.split(",").map((x) => parseInt(x, 16));
 * const hello = {
 *   legacyVersion: 0x0303, supportedVersions: [0x0304, 0x0303], serverName: "x", alpn: ["h2"],
 *   cipherSuites: hex("1301,1302,1303,c02b,c02f,c02c,c030,cca9,cca8,c013,c014,009c,009d,002f,0035"),
 *   extensions: hex("001b,0000,0033,0010,4469,0017,002d,000d,0005,0023,0012,002b,ff01,000b,000a,0015")
 *     .map((type) => ({ type, data: new Uint8Array() })),
 *   signatureAlgorithms: hex("0403,0804,0401,0503,0805,0501,0806,0601"),
 * } as unknown as TlsClientHello;
 * assert.equal(ja4(hello), "t13d1516h2_8daaf6152771_e5627efa2ab1");
 * ```
 */
export function ja4(hello: TlsClientHello, transport: TlsTransport = "t"): string {
  const ciphers = withoutGrease(hello.cipherSuites);
  const extensions = withoutGrease(hello.extensions.map((e) => e.type));
  const hasSni = extensions.includes(TlsExtensionType.SERVER_NAME);
  const a = transport + versionLabel(hello) + (hasSni ? "d" : "i") + count2(ciphers.length) +
    count2(extensions.length) + alpnLabel(hello.alpn);
  const b = ciphers.length === 0 ? "000000000000" : sha256Prefix(sortedHex(ciphers));
  const hashed = extensions.filter((t) =>
    t !== TlsExtensionType.SERVER_NAME && t !== TlsExtensionType.ALPN
  );
  const algorithms = withoutGrease(hello.signatureAlgorithms).map(hex4).join(",");
  const c = hashed.length === 0
    ? "000000000000"
    : sha256Prefix(sortedHex(hashed) + (algorithms === "" ? "" : `_${algorithms}`));
  return `${a}_${b}_${c}`;
}

function sortedHex(values: readonly number[]): string {
  return [...values].sort((x, y) => x - y).map(hex4).join(",");
}

/**
 * The JA4S fingerprint of a ServerHello, such as `t120400_c030_4e8089b08790`.
 *
 * @param hello The ServerHello.
 * @param transport `t` for TLS over TCP (the default), `q` for QUIC, `d` for DTLS.
 * @returns The fingerprint.
 *
 * @example The example of FoxIO's specification
 * ```ts
 * import { ja4s } from "./tls_fingerprint.ts";
 * import type { TlsServerHello } from "./tls_hello.ts";
 * import assert from "node:assert/strict";
 *
 * const hello = {
 *   legacyVersion: 0x0303, supportedVersions: [], alpn: [], cipherSuite: 0xc030,
 *   extensions: [0x0005, 0x0017, 0xff01, 0x0000].map((type) => ({ type, data: new Uint8Array() })),
 * } as unknown as TlsServerHello;
 * assert.equal(ja4s(hello), "t120400_c030_4e8089b08790");
 * ```
 */
export function ja4s(hello: TlsServerHello, transport: TlsTransport = "t"): string {
  const extensions = withoutGrease(hello.extensions.map((e) => e.type));
  const a = transport + versionLabel(hello) + count2(extensions.length) + alpnLabel(hello.alpn);
  const c = extensions.length === 0 ? "000000000000" : sha256Prefix(extensions.map(hex4).join(","));
  return `${a}_${hex4(hello.cipherSuite)}_${c}`;
}
