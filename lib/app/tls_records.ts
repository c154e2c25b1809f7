/**
 * The TLS record layer of one direction of a connection (RFC 8446 section 5, RFC 5246
 * section 6.2), fed with the direction's bytes in order as they arrive (chunks of any size,
 * from a reassembled TCP stream). It yields what an analyst reads in the clear: handshake
 * messages put together across records, alerts, the change of cipher spec, and the sizes
 * of application data. After a ChangeCipherSpec (TLS 1.2) or the first record of type
 * application data (TLS 1.3 hides its handshake in those), the direction is encrypted and
 * only record sizes come out; in TLS 1.3 a ChangeCipherSpec is only there for middleboxes
 * (RFC 8446 appendix D.4) and changes nothing, which the reader knows after a
 * HelloRetryRequest or when told with {@linkcode TlsRecordReader.tls13}.
 *
 * It never throws on bad bytes: a stream that is not TLS, or breaks its rules, yields one
 * `error` event and the reader ignores the rest of the direction.
 *
 * @module
 */

import { readUint16 } from "../_bytes.ts";
import { isHelloRetryRequest } from "./tls_hello.ts";

/** TLS record content types. */
export const TlsContentType = {
  CHANGE_CIPHER_SPEC: 20,
  ALERT: 21,
  HANDSHAKE: 22,
  APPLICATION_DATA: 23,
  HEARTBEAT: 24,
} as const;

/** TLS handshake message types (the ones seen in the clear, and a few after). */
export const TlsHandshakeType = {
  HELLO_REQUEST: 0,
  CLIENT_HELLO: 1,
  SERVER_HELLO: 2,
  NEW_SESSION_TICKET: 4,
  ENCRYPTED_EXTENSIONS: 8,
  CERTIFICATE: 11,
  SERVER_KEY_EXCHANGE: 12,
  CERTIFICATE_REQUEST: 13,
  SERVER_HELLO_DONE: 14,
  CERTIFICATE_VERIFY: 15,
  CLIENT_KEY_EXCHANGE: 16,
  FINISHED: 20,
} as const;

/** What a {@linkcode TlsRecordReader} reads from a direction's bytes. */
export type TlsRecordEvent =
  | {
    /** A handshake message, whole (possibly put together from several records). */
    type: "handshake";
    /** The handshake message type (see {@linkcode TlsHandshakeType}). */
    messageType: number;
    /** The message body, after its 4-byte header (a copy owned by the event). */
    body: Uint8Array;
  }
  | {
    /** An alert in the clear. */
    type: "alert";
    /** 1 warning, 2 fatal. */
    level: number;
    /** The alert description (RFC 8446 section 6). */
    description: number;
  }
  | {
    /** A ChangeCipherSpec record: what follows in this direction is encrypted. */
    type: "change-cipher-spec";
  }
  | {
    /** An encrypted record (application data, or a handshake after the change). */
    type: "encrypted";
    /** The record's content type. */
    contentType: number;
    /** Its length. */
    length: number;
  }
  | {
    /** The bytes are not TLS, or broke its rules; the rest of the direction is ignored. */
    type: "error";
    /** What was wrong, one line. */
    message: string;
    /** The stream offset where the bad record began. */
    offset: number;
  };

/** Options of {@linkcode TlsRecordReader}. */
export interface TlsRecordReaderOptions {
  /**
   * The largest handshake message put together, in bytes (default 256 KiB, room for long
   * certificate chains); a longer one is an `error` event, so a hostile peer can't make
   * the reader buffer without bound.
   */
  maxHandshakeMessage?: number;
}

const RECORD_HEADER = 5;
// RFC 8446 5.1: 2^14 plus room for the expansion of protected records (5.2).
const MAX_RECORD = (1 << 14) + 2048;

/**
 * Reads the TLS records of one direction of a connection.
 *
 * @example Read a ClientHello split across two chunks
 * ```ts
 * import { TlsRecordReader } from "./tls_records.ts";
 * import assert from "node:assert/strict";
 *
 * const body = [3, 3];
 * const message = [1, 0, 0, body.length, ...body];
 * const record = [22, 3, 1, 0, message.length, ...message];
 * const reader = new TlsRecordReader();
 * assert.deepEqual(reader.push(new Uint8Array(record.slice(0, 3))), []);
 * const [event] = reader.push(new Uint8Array(record.slice(3)));
 * assert.equal(event?.type, "handshake");
 * if (event?.type === "handshake") assert.deepEqual([...event.body], body);
 * ```
 */
export class TlsRecordReader {
  #pending: Uint8Array = new Uint8Array(0);
  readonly #handshake: TlsHandshakeAssembler;
  #offset = 0;
  #encrypted = false;
  #tls13 = false;
  #failed = false;

  /**
   * Makes a reader for one direction.
   *
   * @param options The limits.
   */
  constructor(options: TlsRecordReaderOptions = {}) {
    this.#handshake = new TlsHandshakeAssembler(options.maxHandshakeMessage);
  }

  /** Whether the direction is encrypted now (after a ChangeCipherSpec or application data). */
  get encrypted(): boolean {
    return this.#encrypted;
  }

  /**
   * Says that the connection is TLS 1.3: from now on a ChangeCipherSpec record is the
   * middlebox-compatibility one (RFC 8446 appendix D.4) and handshake records after it are
   * still in the clear (such as the ClientHello that answers a HelloRetryRequest).
   */
  tls13(): void {
    this.#tls13 = true;
  }

  /**
   * Whether the reader treats the connection as TLS 1.3: told so with
   * {@linkcode TlsRecordReader.tls13}, or after it read a HelloRetryRequest.
   */
  get isTls13(): boolean {
    return this.#tls13;
  }

  /** Whether the reader gave up on the direction (it yielded an `error` event). */
  get failed(): boolean {
    return this.#failed;
  }

  /**
   * Takes the next bytes of the direction and returns the events they complete.
   *
   * @param chunk The bytes, in stream order; not kept after the call (what is left of an
   * incomplete record is copied).
   * @returns The events, in order.
   */
  push(chunk: Uint8Array): TlsRecordEvent[] {
    const events: TlsRecordEvent[] = [];
    if (this.#failed || chunk.length === 0) return events;
    let data = chunk;
    if (this.#pending.length > 0) {
      data = new Uint8Array(this.#pending.length + chunk.length);
      data.set(this.#pending);
      data.set(chunk, this.#pending.length);
    }
    let at = 0;
    while (!this.#failed && data.length - at >= RECORD_HEADER) {
      const contentType = data[at]!;
      const version = readUint16(data, at + 1);
      const length = readUint16(data, at + 3);
      const problem = recordProblem(contentType, version, length);
      if (problem !== undefined) {
        this.#fail(events, problem, this.#offset + at);
        break;
      }
      if (data.length - at < RECORD_HEADER + length) break;
      const fragment = data.subarray(at + RECORD_HEADER, at + RECORD_HEADER + length);
      this.#record(events, contentType, fragment, this.#offset + at);
      at += RECORD_HEADER + length;
    }
    this.#offset += at;
    this.#pending = this.#failed ? new Uint8Array(0) : data.slice(at);
    return events;
  }

  #record(
    events: TlsRecordEvent[],
    contentType: number,
    fragment: Uint8Array,
    offset: number,
  ): void {
    if (contentType === TlsContentType.CHANGE_CIPHER_SPEC) {
      events.push({ type: "change-cipher-spec" });
      if (!this.#tls13) this.#encrypted = true;
      return;
    }
    if (this.#encrypted || contentType === TlsContentType.APPLICATION_DATA) {
      this.#encrypted = true;
      events.push({ type: "encrypted", contentType, length: fragment.length });
      return;
    }
    if (contentType === TlsContentType.ALERT) {
      if (fragment.length >= 2) {
        events.push({ type: "alert", level: fragment[0]!, description: fragment[1]! });
      }
      return;
    }
    if (contentType === TlsContentType.HANDSHAKE) {
      this.#handshakeBytes(events, fragment, offset);
    }
  }

  #handshakeBytes(events: TlsRecordEvent[], fragment: Uint8Array, offset: number): void {
    const messages = this.#handshake.push(fragment);
    if (typeof messages === "string") return this.#fail(events, messages, offset);
    for (const message of messages) {
      if (
        message.messageType === TlsHandshakeType.SERVER_HELLO && isHelloRetryRequest(message.body)
      ) {
        this.#tls13 = true;
      }
      events.push({ type: "handshake", ...message });
    }
  }

  #fail(events: TlsRecordEvent[], message: string, offset: number): void {
    this.#failed = true;
    events.push({ type: "error", message, offset });
  }
}

/** A handshake message: its type and body. */
export interface TlsHandshakeMessage {
  /** The handshake message type (see {@linkcode TlsHandshakeType}). */
  messageType: number;
  /** The message body, after its 4-byte header (a copy). */
  body: Uint8Array;
}

/**
 * Puts handshake messages together from the fragments that carry them (TLS records, QUIC
 * CRYPTO frames), in order.
 *
 * @example Two messages in three fragments
 * ```ts
 * import { TlsHandshakeAssembler } from "./tls_records.ts";
 * import assert from "node:assert/strict";
 *
 * const assembler = new TlsHandshakeAssembler();
 * assert.deepEqual(assembler.push(new Uint8Array([14, 0])), []);
 * assert.deepEqual(assembler.push(new Uint8Array([0, 0, 20, 0, 0])), [
 *   { messageType: 14, body: new Uint8Array() },
 * ]);
 * assert.deepEqual(assembler.push(new Uint8Array([1, 9])), [
 *   { messageType: 20, body: new Uint8Array([9]) },
 * ]);
 * ```
 */
export class TlsHandshakeAssembler {
  #buffer: Uint8Array = new Uint8Array(0);
  readonly #maxMessage: number;

  /**
   * Makes an assembler.
   *
   * @param maxMessage The largest message put together, in bytes (default 256 KiB).
   */
  constructor(maxMessage: number = 256 * 1024) {
    this.#maxMessage = maxMessage;
  }

  /**
   * Takes the next fragment.
   *
   * @param fragment The bytes, in order; not kept after the call.
   * @returns The messages completed, or a one-line error when a message's length is over
   * the limit (the assembler then holds nothing).
   */
  push(fragment: Uint8Array): TlsHandshakeMessage[] | string {
    const joined = new Uint8Array(this.#buffer.length + fragment.length);
    joined.set(this.#buffer);
    joined.set(fragment, this.#buffer.length);
    const messages: TlsHandshakeMessage[] = [];
    let at = 0;
    while (joined.length - at >= 4) {
      const length = (joined[at + 1]! << 16) | readUint16(joined, at + 2);
      if (length > this.#maxMessage) {
        this.#buffer = new Uint8Array(0);
        return `Cannot read TLS handshake message: ${length} bytes exceed the limit of ${this.#maxMessage}`;
      }
      if (joined.length - at < 4 + length) break;
      messages.push({ messageType: joined[at]!, body: joined.slice(at + 4, at + 4 + length) });
      at += 4 + length;
    }
    this.#buffer = joined.slice(at);
    return messages;
  }
}

/** Why a record header can't begin a TLS record, or `undefined` when it can. */
function recordProblem(contentType: number, version: number, length: number): string | undefined {
  if (contentType < TlsContentType.CHANGE_CIPHER_SPEC || contentType > TlsContentType.HEARTBEAT) {
    return `Cannot read TLS record: content type ${contentType} is not 20 to 24`;
  }
  // SSL 3.0 to TLS 1.3 records carry 0x0300..0x0304 (0x0301 in many first ClientHellos).
  if (version >> 8 !== 3 || (version & 0xff) > 4) {
    return `Cannot read TLS record: version 0x${
      version.toString(16).padStart(4, "0")
    } is not 0x0300 to 0x0304`;
  }
  if (length > MAX_RECORD) {
    return `Cannot read TLS record: length ${length} exceeds ${MAX_RECORD}`;
  }
  return undefined;
}
