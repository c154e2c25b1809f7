/**
 * DTLS 1.0 and 1.2 handshakes over UDP (RFC 6347 section 4): the records of a datagram, and
 * the handshake messages of epoch 0 put together from their fragments (each message carries
 * its sequence number, offset and fragment length), with retransmissions recognised by their
 * sequence number. {@linkcode DtlsSession} hands the whole messages to a
 * {@linkcode TlsSession} with transport `d`, so hellos and fingerprints come out as for TLS.
 *
 * @module
 */

import { readUint16 } from "../_bytes.ts";
import { TlsContentType } from "./tls_records.ts";
import { TlsSession, type TlsSessionEvent, type TlsSide } from "./tls_session.ts";

const RECORD_HEADER = 13;
const FRAGMENT_HEADER = 12;

/** A handshake message being put together. */
interface PendingMessage {
  type: number;
  body: Uint8Array;
  filled: Uint8Array;
  missing: number;
}

/** One side's handshake messages, by message sequence number. */
class DtlsMessages {
  readonly partial = new Map<number, PendingMessage>();
  readonly done = new Set<number>();
  constructor(readonly maxMessage: number) {}

  /** Takes one fragment; returns the message it completes, if any. */
  add(type: number, seq: number, length: number, offset: number, fragment: Uint8Array) {
    if (this.done.has(seq) || length > this.maxMessage || offset + fragment.length > length) {
      return undefined;
    }
    let message = this.partial.get(seq);
    if (message === undefined) {
      if (this.partial.size >= 32) return undefined; // a peer can't hold more in flight
      message = {
        type,
        body: new Uint8Array(length),
        filled: new Uint8Array(length),
        missing: length,
      };
      this.partial.set(seq, message);
    }
    if (message.type !== type || message.body.length !== length) return undefined;
    message.body.set(fragment, offset);
    for (let i = offset; i < offset + fragment.length; i++) {
      if (message.filled[i] === 0) {
        message.filled[i] = 1;
        message.missing--;
      }
    }
    if (message.missing > 0) return undefined;
    this.partial.delete(seq);
    this.done.add(seq);
    return { messageType: type, body: message.body };
  }
}

/** Options of {@linkcode DtlsSession}. */
export interface DtlsSessionOptions {
  /** The largest handshake message put together (default 64 KiB). */
  maxHandshakeMessage?: number;
}

/**
 * Follows one DTLS association (one UDP address and port pair) from its datagrams.
 *
 * @example A datagram that is not DTLS yields nothing
 * ```ts
 * import { DtlsSession } from "./dtls.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(new DtlsSession().push("client", new Uint8Array([1, 2, 3])), []);
 * ```
 */
export class DtlsSession {
  readonly #tls = new TlsSession({ transport: "d" });
  readonly #messages: Record<TlsSide, DtlsMessages>;

  /**
   * Makes a session for one association.
   *
   * @param options The limits.
   */
  constructor(options: DtlsSessionOptions = {}) {
    const max = options.maxHandshakeMessage ?? 64 * 1024;
    this.#messages = { client: new DtlsMessages(max), server: new DtlsMessages(max) };
  }

  /** The TLS handshake read so far. */
  get tls(): TlsSession {
    return this.#tls;
  }

  /**
   * Takes the next datagram a side sent.
   *
   * @param side Who sent it.
   * @param datagram The UDP payload.
   * @returns The events its handshake messages bring.
   */
  push(side: TlsSide, datagram: Uint8Array): TlsSessionEvent[] {
    const events: TlsSessionEvent[] = [];
    for (let at = 0; at + RECORD_HEADER <= datagram.length;) {
      const contentType = datagram[at]!;
      const version = readUint16(datagram, at + 1);
      const epoch = readUint16(datagram, at + 3);
      const length = readUint16(datagram, at + 11);
      const end = at + RECORD_HEADER + length;
      // DTLS versions are 0xfeff (1.0), 0xfefd (1.2), 0xfefc (1.3); 0x0100 is OpenSSL's old 1.0.
      if ((version >> 8 !== 0xfe && version !== 0x0100) || end > datagram.length) break;
      if (contentType === TlsContentType.HANDSHAKE && epoch === 0) {
        this.#handshake(events, side, datagram.subarray(at + RECORD_HEADER, end));
      }
      at = end;
    }
    return events;
  }

  #handshake(events: TlsSessionEvent[], side: TlsSide, record: Uint8Array): void {
    for (let at = 0; at + FRAGMENT_HEADER <= record.length;) {
      const type = record[at]!;
      const length = (record[at + 1]! << 16) | readUint16(record, at + 2);
      const seq = readUint16(record, at + 4);
      const offset = (record[at + 6]! << 16) | readUint16(record, at + 7);
      const fragmentLength = (record[at + 9]! << 16) | readUint16(record, at + 10);
      const end = at + FRAGMENT_HEADER + fragmentLength;
      if (end > record.length) break;
      const fragment = record.subarray(at + FRAGMENT_HEADER, end);
      const message = this.#messages[side].add(type, seq, length, offset, fragment);
      if (message !== undefined) {
        events.push(...this.#tls.message(side, message.messageType, message.body));
      }
      at = end;
    }
  }
}
