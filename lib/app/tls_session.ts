/**
 * A TLS connection's handshake as an analyst reads it, from both directions of a
 * reassembled TCP stream (or a DTLS/QUIC handshake's messages): the ClientHello with its
 * server name, ALPN and JA3/JA4 fingerprints, the ServerHello with the version and cipher
 * chosen and JA3S/JA4S, the server's certificates when they travel in the clear (TLS 1.2
 * and earlier), and alerts.
 *
 * @module
 */

import {
  decodeTlsClientHello,
  decodeTlsServerHello,
  type TlsClientHello,
  type TlsServerHello,
} from "./tls_hello.ts";
import { ja3, type Ja3Fingerprint, ja3s, ja4, ja4s, type TlsTransport } from "./tls_fingerprint.ts";
import {
  describeCertificate,
  splitCertificates,
  type TlsCertificateInfo,
} from "./tls_certificate.ts";
import { TlsHandshakeType, TlsRecordReader, type TlsRecordReaderOptions } from "./tls_records.ts";
import { DecodeError } from "../errors.ts";

/** Which side sent the bytes. */
export type TlsSide = "client" | "server";

/** What a {@linkcode TlsSession} learns, in the order it learns it. */
export type TlsSessionEvent =
  | {
    /** The client's hello. */
    type: "client-hello";
    /** The message. */
    hello: TlsClientHello;
    /** Its JA3 fingerprint. */
    ja3: Ja3Fingerprint;
    /** Its JA4 fingerprint. */
    ja4: string;
  }
  | {
    /** The server's hello (or HelloRetryRequest: see `hello.helloRetryRequest`). */
    type: "server-hello";
    /** The message. */
    hello: TlsServerHello;
    /** Its JA3S fingerprint. */
    ja3s: Ja3Fingerprint;
    /** Its JA4S fingerprint. */
    ja4s: string;
  }
  | {
    /** A Certificate message in the clear. */
    type: "certificates";
    /** Who sent it. */
    side: TlsSide;
    /** The certificates, leaf first; `undefined` for one that does not parse. */
    certificates: (TlsCertificateInfo | undefined)[];
  }
  | {
    /** An alert in the clear. */
    type: "alert";
    /** Who sent it. */
    side: TlsSide;
    /** 1 warning, 2 fatal. */
    level: number;
    /** The description code. */
    description: number;
  }
  | {
    /** A side's bytes are not TLS, or a message would not decode; that side is ignored from here. */
    type: "error";
    /** Which side. */
    side: TlsSide;
    /** What was wrong. */
    message: string;
  };

/** Options of {@linkcode TlsSession}. */
export interface TlsSessionOptions extends TlsRecordReaderOptions {
  /** The transport, for JA4's first letter (`t` by default). */
  transport?: TlsTransport;
}

/**
 * Follows one TLS connection's handshake.
 *
 * @example Feed the client's bytes and read its hello
 * ```ts
 * import { TlsSession } from "./tls_session.ts";
 * import assert from "node:assert/strict";
 *
 * const body = [3, 3, ...new Array(32).fill(0), 0, 0, 2, 0x13, 0x01, 1, 0];
 * const message = [1, 0, 0, body.length, ...body];
 * const session = new TlsSession();
 * const [event] = session.push("client", new Uint8Array([22, 3, 1, 0, message.length, ...message]));
 * assert.equal(event?.type, "client-hello");
 * if (event?.type === "client-hello") assert.equal(event.ja4, "t12i010000_0f2cb44170f4_000000000000");
 * ```
 */
export class TlsSession {
  readonly #readers: Record<TlsSide, TlsRecordReader>;
  readonly #transport: TlsTransport;
  #version: number | undefined;
  #clientHello: TlsClientHello | undefined;
  #serverHello: TlsServerHello | undefined;

  /**
   * Makes a session for one connection.
   *
   * @param options The transport and the limits.
   */
  constructor(options: TlsSessionOptions = {}) {
    this.#readers = { client: new TlsRecordReader(options), server: new TlsRecordReader(options) };
    this.#transport = options.transport ?? "t";
  }

  /** The ClientHello, once seen. */
  get clientHello(): TlsClientHello | undefined {
    return this.#clientHello;
  }

  /** The ServerHello, once seen. */
  get serverHello(): TlsServerHello | undefined {
    return this.#serverHello;
  }

  /**
   * The version the server chose (its supported_versions entry, else its hello's version),
   * once its hello is seen.
   */
  get version(): number | undefined {
    return this.#version;
  }

  /**
   * The fingerprints of the hellos seen so far (JA3 and JA4 of the ClientHello, JA3S and
   * JA4S of the ServerHello), with this session's transport letter in the JA4s.
   *
   * @returns The fingerprints; a field is absent until its hello is seen.
   */
  fingerprints(): { ja3?: string; ja4?: string; ja3s?: string; ja4s?: string } {
    const result: { ja3?: string; ja4?: string; ja3s?: string; ja4s?: string } = {};
    if (this.#clientHello !== undefined) {
      result.ja3 = ja3(this.#clientHello).hash;
      result.ja4 = ja4(this.#clientHello, this.#transport);
    }
    if (this.#serverHello !== undefined) {
      result.ja3s = ja3s(this.#serverHello).hash;
      result.ja4s = ja4s(this.#serverHello, this.#transport);
    }
    return result;
  }

  /**
   * Takes the next bytes a side sent, in stream order, and returns what they complete.
   *
   * @param side Who sent them.
   * @param chunk The bytes.
   * @returns The events.
   */
  push(side: TlsSide, chunk: Uint8Array): TlsSessionEvent[] {
    const events: TlsSessionEvent[] = [];
    for (const record of this.#readers[side].push(chunk)) {
      if (record.type === "alert") events.push({ ...record, side });
      else if (record.type === "error") {
        events.push({ type: "error", side, message: record.message });
      } else if (record.type === "handshake") {
        try {
          this.#message(events, side, record.messageType, record.body);
        } catch (error) {
          if (!(error instanceof DecodeError)) throw error;
          events.push({ type: "error", side, message: error.message });
        }
      }
    }
    // The server's reader reads a HelloRetryRequest when it comes; the client's
    // ChangeCipherSpec before its second ClientHello encrypts nothing then.
    if (side === "server" && this.#readers.server.isTls13) this.#readers.client.tls13();
    return events;
  }

  /**
   * Hands over handshake messages that came some other way (QUIC CRYPTO frames, DTLS).
   *
   * @param side Who sent the message.
   * @param messageType Its type.
   * @param body Its body.
   * @returns The events.
   */
  message(side: TlsSide, messageType: number, body: Uint8Array): TlsSessionEvent[] {
    const events: TlsSessionEvent[] = [];
    try {
      this.#message(events, side, messageType, body);
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      events.push({ type: "error", side, message: error.message });
    }
    return events;
  }

  #message(events: TlsSessionEvent[], side: TlsSide, type: number, body: Uint8Array): void {
    if (type === TlsHandshakeType.CLIENT_HELLO && side === "client") {
      const hello = decodeTlsClientHello(body);
      this.#clientHello ??= hello;
      events.push({
        type: "client-hello",
        hello,
        ja3: ja3(hello),
        ja4: ja4(hello, this.#transport),
      });
    } else if (type === TlsHandshakeType.SERVER_HELLO && side === "server") {
      const hello = decodeTlsServerHello(body);
      if (!hello.helloRetryRequest) {
        this.#serverHello = hello;
        this.#version = hello.supportedVersions[0] ?? hello.legacyVersion;
      }
      events.push({
        type: "server-hello",
        hello,
        ja3s: ja3s(hello),
        ja4s: ja4s(hello, this.#transport),
      });
    } else if (type === TlsHandshakeType.CERTIFICATE) {
      const ders = splitCertificates(body, this.#version === 0x0304);
      events.push({ type: "certificates", side, certificates: ders.map(describeCertificate) });
    }
  }
}
