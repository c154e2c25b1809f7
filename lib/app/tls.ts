/**
 * TLS handshakes: records ({@linkcode TlsRecordReader}), hellos
 * ({@linkcode decodeTlsClientHello}, {@linkcode decodeTlsServerHello}), certificates,
 * JA3/JA3S/JA4/JA4S fingerprints, and {@linkcode TlsSession}, which follows one connection.
 *
 * @example Fingerprint the ClientHello of a connection's first client bytes
 * ```ts
 * import { TlsSession } from "./tls.ts";
 * import assert from "node:assert/strict";
 *
 * const body = [3, 3, ...new Array(32).fill(0), 0, 0, 2, 0xc0, 0x2f, 1, 0];
 * const message = [1, 0, 0, body.length, ...body];
 * const session = new TlsSession();
 * const [event] = session.push("client", new Uint8Array([22, 3, 1, 0, message.length, ...message]));
 * assert.equal(event?.type === "client-hello" && event.ja3.full, "771,49199,,,");
 * ```
 *
 * @module
 */

export * from "./tls_records.ts";
export * from "./tls_hello.ts";
export * from "./tls_certificate.ts";
export * from "./tls_fingerprint.ts";
export * from "./tls_session.ts";
