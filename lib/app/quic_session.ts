/**
 * A QUIC connection's handshake in the clear: the Initial packets of both sides decrypted
 * (RFC 9001 section 5.2), their CRYPTO frames put back in order, and the TLS ClientHello and
 * ServerHello they carry read by a {@linkcode TlsSession}, so that server name, ALPN and
 * fingerprints (JA4 with `q`) come out for QUIC as for TLS over TCP. A Retry is followed:
 * the client's next Initial brings the connection ID the keys come from.
 *
 * @module
 */

import { type QuicLongPacket, readQuicLongPackets, readQuicVarint } from "./quic.ts";
import { decryptQuicInitial, type QuicInitialSecrets, quicInitialSecrets } from "./quic_initial.ts";
import { TlsHandshakeAssembler } from "./tls_records.ts";
import { TlsSession, type TlsSessionEvent, type TlsSide } from "./tls_session.ts";

/** What a {@linkcode QuicSession} learns from a datagram. */
export type QuicSessionEvent =
  | {
    /** A long-header packet (its header; Initial payloads are decrypted when possible). */
    type: "packet";
    /** Who sent it. */
    side: TlsSide;
    /** The packet. */
    packet: QuicLongPacket;
    /** Whether it was an Initial whose payload decrypted. */
    decrypted: boolean;
  }
  | TlsSessionEvent;

/** Options of {@linkcode QuicSession}. */
export interface QuicSessionOptions {
  /** The most CRYPTO bytes held out of order per side (default 64 KiB); more are dropped. */
  maxCryptoBuffer?: number;
}

/** The CRYPTO bytes of one side, put in order (RFC 9000 section 19.6). */
class CryptoStream {
  next = 0;
  held = 0;
  readonly chunks = new Map<number, Uint8Array>();
  readonly assembler = new TlsHandshakeAssembler();
  constructor(readonly limit: number) {}

  /** Takes a frame's bytes; returns the contiguous bytes that are now ready. */
  add(offset: number, data: Uint8Array): Uint8Array[] {
    const end = offset + data.length;
    if (end <= this.next) return [];
    if (offset > this.next) {
      if (this.held + data.length <= this.limit && !this.chunks.has(offset)) {
        this.chunks.set(offset, data.slice());
        this.held += data.length;
      }
      return [];
    }
    const ready = [data.subarray(this.next - offset)];
    this.next = end;
    for (let found = true; found;) {
      found = false;
      for (const [at, chunk] of this.chunks) {
        if (at > this.next) continue;
        this.chunks.delete(at);
        this.held -= chunk.length;
        if (at + chunk.length > this.next) {
          ready.push(chunk.subarray(this.next - at));
          this.next = at + chunk.length;
        }
        found = true;
      }
    }
    return ready;
  }
}

/** The CRYPTO frames of a decrypted Initial payload; stops at a frame Initials can't hold. */
function cryptoFrames(frames: Uint8Array): { offset: number; data: Uint8Array }[] {
  const found: { offset: number; data: Uint8Array }[] = [];
  let at = 0;
  const varint = () => {
    const v = readQuicVarint(frames, at);
    if (v === undefined) return undefined;
    at += v.length;
    return v.value;
  };
  while (at < frames.length) {
    const type = varint();
    if (type === undefined) break;
    if (type === 0x00 || type === 0x01) continue; // PADDING, PING
    if (type === 0x02 || type === 0x03) { // ACK: largest, delay, range count, first range
      const fields = [varint(), varint(), varint(), varint()];
      if (fields.includes(undefined)) break;
      const ranges = fields[2]! * 2 + (type === 0x03 ? 3 : 0);
      for (let i = 0; i < ranges; i++) if (varint() === undefined) return found;
      continue;
    }
    if (type === 0x06) { // CRYPTO
      const offset = varint();
      const length = varint();
      if (offset === undefined || length === undefined || at + length > frames.length) break;
      found.push({ offset, data: frames.subarray(at, at + length) });
      at += length;
      continue;
    }
    break; // CONNECTION_CLOSE ends what is worth reading; anything else is not allowed here.
  }
  return found;
}

/**
 * Follows one QUIC connection (one UDP address and port pair) from its datagrams.
 *
 * @example A datagram that is not QUIC yields nothing
 * ```ts
 * import { QuicSession } from "./quic_session.ts";
 * import assert from "node:assert/strict";
 *
 * const session = new QuicSession();
 * assert.deepEqual(await session.push("client", new Uint8Array([0x40, 1, 2, 3])), []);
 * ```
 */
export class QuicSession {
  readonly #tls = new TlsSession({ transport: "q" });
  readonly #crypto: Record<TlsSide, CryptoStream>;
  readonly #largest: Record<TlsSide, number> = { client: -1, server: -1 };
  #secrets: Promise<QuicInitialSecrets | undefined> | undefined;
  #retried = false;

  /**
   * Makes a session for one connection.
   *
   * @param options The buffer limit.
   */
  constructor(options: QuicSessionOptions = {}) {
    const limit = options.maxCryptoBuffer ?? 64 * 1024;
    this.#crypto = { client: new CryptoStream(limit), server: new CryptoStream(limit) };
  }

  /** The TLS handshake read so far (hellos, version). */
  get tls(): TlsSession {
    return this.#tls;
  }

  /**
   * Takes the next datagram a side sent, in capture order.
   *
   * @param side Who sent it.
   * @param datagram The UDP payload.
   * @returns The events it brings.
   */
  async push(side: TlsSide, datagram: Uint8Array): Promise<QuicSessionEvent[]> {
    const events: QuicSessionEvent[] = [];
    for (const packet of readQuicLongPackets(datagram)) {
      let decrypted = false;
      if (packet.type === "retry" && side === "server") {
        this.#retried = true;
      } else if (packet.type === "initial") {
        if (side === "client" && (this.#secrets === undefined || this.#retried)) {
          this.#retried = false;
          this.#secrets = quicInitialSecrets(packet.version, packet.destinationId);
        }
        const secrets = await this.#secrets;
        const payload = secrets === undefined
          ? undefined
          : await decryptQuicInitial(datagram, packet, secrets[side], this.#largest[side]);
        if (payload !== undefined) {
          decrypted = true;
          this.#largest[side] = Math.max(this.#largest[side], payload.packetNumber);
          events.push({ type: "packet", side, packet, decrypted });
          this.#frames(events, side, payload.frames);
          continue;
        }
      }
      events.push({ type: "packet", side, packet, decrypted });
    }
    return events;
  }

  #frames(events: QuicSessionEvent[], side: TlsSide, frames: Uint8Array): void {
    const stream = this.#crypto[side];
    for (const { offset, data } of cryptoFrames(frames)) {
      for (const bytes of stream.add(offset, data)) {
        const messages = stream.assembler.push(bytes);
        if (typeof messages === "string") {
          events.push({ type: "error", side, message: messages });
          continue;
        }
        for (const { messageType, body } of messages) {
          events.push(...this.#tls.message(side, messageType, body));
        }
      }
    }
  }
}
