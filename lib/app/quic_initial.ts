/**
 * QUIC Initial packet protection (RFC 9001 section 5, RFC 9369 section 3.3): the keys that
 * anyone can derive from the client's first destination connection ID, header protection
 * removal and AEAD decryption, all through WebCrypto (HMAC-SHA256 for HKDF, AES-CTR for the
 * AES block that masks the header, AES-128-GCM for the payload).
 *
 * @module
 */

import { QUIC_V1, QUIC_V2, type QuicLongPacket } from "./quic.ts";
import { decodeHex } from "../_hex.ts";

/** The keys of one direction's Initial packets. */
export interface QuicInitialKeys {
  /** The AEAD key (AES-128-GCM). */
  key: CryptoKey;
  /** The AEAD IV (12 bytes). */
  iv: Uint8Array;
  /** The header protection key (AES-128, used as one block cipher call through AES-CTR). */
  hp: CryptoKey;
}

/** The Initial keys of both directions. */
export interface QuicInitialSecrets {
  /** The client's keys. */
  client: QuicInitialKeys;
  /** The server's keys. */
  server: QuicInitialKeys;
}

/** A decrypted Initial packet. */
export interface QuicInitialPayload {
  /** The full packet number. */
  packetNumber: number;
  /** The decrypted frames. */
  frames: Uint8Array;
}

// RFC 9001 5.2, RFC 9369 3.3.1, and the drafts 29 to 32 that browsers shipped.
const SALT_V1 = decodeHex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a");
const SALT_V2 = decodeHex("0dede3def700a6db819381be6e269dcbf9bd2ed9");
const SALT_DRAFT_29 = decodeHex("afbfec289993d24c9e9786f19c6111e04390a899");

function saltOf(version: number): Uint8Array | undefined {
  if (version === QUIC_V1) return SALT_V1;
  if (version === QUIC_V2) return SALT_V2;
  if (version >= 0xff00001d && version <= 0xff000020) return SALT_DRAFT_29;
  return undefined;
}

/**
 * Whether wirekit can derive Initial keys for a QUIC version (1, 2 and drafts 29 to 32).
 *
 * @param version The version field.
 * @returns Whether {@linkcode quicInitialSecrets} takes it.
 *
 * @example
 * ```ts
 * import { isQuicVersionDecryptable } from "./quic_initial.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isQuicVersionDecryptable(1), true);
 * assert.equal(isQuicVersionDecryptable(0x51303530), false); // Google's Q050
 * ```
 */
export function isQuicVersionDecryptable(version: number): boolean {
  return saltOf(version) !== undefined;
}

async function hmac(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey(
    "raw",
    key as Uint8Array<ArrayBuffer>,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return new Uint8Array(await crypto.subtle.sign("HMAC", k, data as Uint8Array<ArrayBuffer>));
}

/** HKDF-Expand-Label (RFC 8446 section 7.1) with an empty context, for lengths up to 32. */
function expandLabel(secret: Uint8Array, label: string, length: number): Promise<Uint8Array> {
  const full = new TextEncoder().encode(`tls13 ${label}`);
  // HkdfLabel, then HKDF-Expand's block counter 1: one HMAC block is all these lengths need.
  const info = new Uint8Array([length >> 8, length & 0xff, full.length, ...full, 0, 1]);
  return hmac(secret, info).then((block) => block.subarray(0, length));
}

async function keysOf(secret: Uint8Array, v2: boolean): Promise<QuicInitialKeys> {
  const prefix = v2 ? "quicv2 " : "quic ";
  const [key, iv, hp] = await Promise.all([
    expandLabel(secret, `${prefix}key`, 16),
    expandLabel(secret, `${prefix}iv`, 12),
    expandLabel(secret, `${prefix}hp`, 16),
  ]);
  const importAes = (bytes: Uint8Array, name: string) =>
    crypto.subtle.importKey("raw", bytes as Uint8Array<ArrayBuffer>, name, false, [
      "encrypt",
      "decrypt",
    ]);
  return { key: await importAes(key, "AES-GCM"), iv, hp: await importAes(hp, "AES-CTR") };
}

/**
 * Derives both directions' Initial keys from the client's destination connection ID.
 *
 * @param version The QUIC version (see {@linkcode isQuicVersionDecryptable}).
 * @param destinationId The destination connection ID of the client's first Initial packet
 * (after a Retry, of its next one).
 * @returns The keys, or `undefined` for a version without known Initial salt.
 *
 * @example RFC 9001 appendix A.1: the client's IV for connection ID 8394c8f03e515708
 * ```ts
 * import { quicInitialSecrets } from "./quic_initial.ts";
 * import assert from "node:assert/strict";
 *
 * const id = Uint8Array.from([0x83, 0x94, 0xc8, 0xf0, 0x3e, 0x51, 0x57, 0x08]);
 * const secrets = await quicInitialSecrets(1, id);
 * const hex = Array.from(secrets!.client.iv, (b) => b.toString(16).padStart(2, "0")).join("");
 * assert.equal(hex, "fa044b2f42a3fd3b46fb255c");
 * ```
 */
export async function quicInitialSecrets(
  version: number,
  destinationId: Uint8Array,
): Promise<QuicInitialSecrets | undefined> {
  const salt = saltOf(version);
  if (salt === undefined) return undefined;
  const initial = await hmac(salt, destinationId);
  const [client, server] = await Promise.all([
    expandLabel(initial, "client in", 32),
    expandLabel(initial, "server in", 32),
  ]);
  const v2 = version === QUIC_V2;
  return { client: await keysOf(client, v2), server: await keysOf(server, v2) };
}

/** RFC 9000 appendix A.3: the full packet number nearest the next expected one. */
function fullPacketNumber(largest: number, truncated: number, bits: number): number {
  const expected = largest + 1;
  const window = 2 ** bits;
  const candidate = expected - (expected % window) + truncated;
  if (candidate <= expected - window / 2 && candidate < 2 ** 62 - window) return candidate + window;
  if (candidate > expected + window / 2 && candidate >= window) return candidate - window;
  return candidate;
}

/**
 * Removes an Initial packet's protection and decrypts its payload.
 *
 * @param datagram The UDP payload holding the packet.
 * @param packet The packet, from {@linkcode readQuicLongPackets}.
 * @param keys The sender's keys.
 * @param largest The largest packet number decrypted so far in this direction (-1 at first).
 * @returns The packet number and frames, or `undefined` when the packet is too short or does
 * not authenticate (wrong keys, corrupted bytes).
 */
export async function decryptQuicInitial(
  datagram: Uint8Array,
  packet: QuicLongPacket,
  keys: QuicInitialKeys,
  largest = -1,
): Promise<QuicInitialPayload | undefined> {
  const pnOffset = packet.packetNumberOffset;
  if (pnOffset + 4 + 16 > packet.end) return undefined;
  const sample = datagram.slice(pnOffset + 4, pnOffset + 20);
  const mask = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: "AES-CTR", counter: sample, length: 128 },
      keys.hp,
      new Uint8Array(16),
    ),
  );
  const header = datagram.slice(packet.start, pnOffset + 4);
  header[0]! ^= mask[0]! & 0x0f;
  const pnLength = (header[0]! & 3) + 1;
  const pnAt = pnOffset - packet.start;
  let truncated = 0;
  for (let i = 0; i < pnLength; i++) {
    header[pnAt + i]! ^= mask[1 + i]!;
    truncated = truncated * 256 + header[pnAt + i]!;
  }
  const packetNumber = fullPacketNumber(largest, truncated, pnLength * 8);
  const nonce = keys.iv.slice();
  for (let i = 0, n = packetNumber; i < 8; i++, n = Math.floor(n / 256)) nonce[11 - i]! ^= n & 0xff;
  try {
    const frames = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: nonce, additionalData: header.subarray(0, pnAt + pnLength) },
      keys.key,
      datagram.subarray(pnOffset + pnLength, packet.end) as Uint8Array<ArrayBuffer>,
    );
    return { packetNumber, frames: new Uint8Array(frames) };
  } catch {
    return undefined;
  }
}
