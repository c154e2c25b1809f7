/**
 * The Certificate handshake message (RFC 5246 section 7.4.2, RFC 8446 section 4.4.2): the
 * chain of DER certificates, each described through the platform's X.509 parser
 * (`node:crypto`'s `X509Certificate`, which Deno implements natively) rather than a
 * hand-written ASN.1 reader.
 *
 * @module
 */

import type { X509Certificate } from "node:crypto";
import { nodeCrypto } from "../_node_crypto.ts";
import { DecodeError } from "../errors.ts";

/** What an analyst reads of a certificate. */
export interface TlsCertificateInfo {
  /** The subject's distinguished name, one `KEY=value` per line as OpenSSL writes it. */
  subject: string;
  /** The issuer's distinguished name, likewise. */
  issuer: string;
  /** The serial number, in upper-case hex. */
  serialNumber: string;
  /** The start of validity, as OpenSSL writes it (`Dec  4 08:51:14 2026 GMT`). */
  validFrom: string;
  /** The end of validity, likewise. */
  validTo: string;
  /** The subject alternative names (`DNS:example.com`, `IP Address:10.0.0.1`...). */
  subjectAltNames: string[];
  /** The SHA-256 fingerprint of the DER bytes, in lower-case hex. */
  sha256: string;
  /** The DER bytes (a view). */
  der: Uint8Array;
}

/**
 * Describes one DER certificate; `undefined` when the bytes are not one.
 *
 * @param der The certificate's DER bytes.
 * @returns Its description.
 *
 * @example A certificate that does not parse
 * ```ts
 * import { describeCertificate } from "./tls_certificate.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(describeCertificate(new Uint8Array([0x30, 0x03, 1, 2, 3])), undefined);
 * ```
 */
export function describeCertificate(der: Uint8Array): TlsCertificateInfo | undefined {
  // Deno's parser takes some malformed DER and throws only when a field is read (a name
  // whose attributes do not parse): every field is read inside the try.
  try {
    const cert: X509Certificate = new (nodeCrypto().X509Certificate)(der);
    return {
      subject: cert.subject,
      issuer: cert.issuer,
      serialNumber: cert.serialNumber,
      validFrom: cert.validFrom,
      validTo: cert.validTo,
      subjectAltNames: cert.subjectAltName?.split(", ") ?? [],
      sha256: cert.fingerprint256.replaceAll(":", "").toLowerCase(),
      der,
    };
  } catch {
    return undefined;
  }
}

/**
 * Splits a Certificate message body into its DER certificates.
 *
 * @param body The message body (after the 4-byte handshake header).
 * @param tls13 Whether the TLS 1.3 layout is used (a request context before the list, and
 * extensions after each certificate).
 * @returns The certificates' DER bytes (views over `body`), leaf first.
 * @throws {DecodeError} When a length runs past the end of the message.
 *
 * @example An empty certificate list (TLS 1.2)
 * ```ts
 * import { splitCertificates } from "./tls_certificate.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(splitCertificates(new Uint8Array([0, 0, 0]), false), []);
 * ```
 */
export function splitCertificates(body: Uint8Array, tls13: boolean): Uint8Array[] {
  let at = 0;
  const need = (n: number, field: string) => {
    if (at + n > body.length) {
      throw DecodeError.malformed(
        "TLS",
        at,
        n,
        body.length - at,
        `Certificate message ends inside its ${field}`,
      );
    }
  };
  const u24 = (field: string) => {
    need(3, field);
    const v = (body[at]! << 16) | (body[at + 1]! << 8) | body[at + 2]!;
    at += 3;
    return v;
  };
  if (tls13) {
    need(1, "request context");
    at += 1 + body[at]!;
  }
  const listLength = u24("certificate list length");
  const end = at + listLength;
  need(end - at, "certificate list");
  const certificates: Uint8Array[] = [];
  while (at < end) {
    const length = u24("certificate length");
    need(length, "certificate");
    certificates.push(body.subarray(at, at + length));
    at += length;
    if (tls13) {
      need(2, "certificate extensions");
      at += 2 + ((body[at]! << 8) | body[at + 1]!);
    }
  }
  return certificates;
}
